//! Realistic enrolment CSV files for the import tests and the 62,000-row benchmark: Indonesian
//! names, valid and unique NIPs and NUPTKs, e-mails, about 1,500 schools with NPSNs, ranks,
//! school levels, subjects, region codes and phone numbers.

use crate::harness::{location, Client};
use app::ssr::db::Db;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::header::{HeaderValue, ORIGIN, REFERER};
use std::time::Duration;

const FIRST: [&str; 40] = [
    "Sri", "Budi", "Siti", "Agus", "Dewi", "Eko", "Rina", "Joko", "Wahyu", "Nur", "Ahmad",
    "Yuliana", "Bambang", "Endang", "Hendra", "Lestari", "Made", "Ketut", "Putu", "Wayan",
    "Rahmat", "Ika", "Dian", "Fitri", "Heru", "Indah", "Slamet", "Tri", "Yanti", "Rudi", "Ayu",
    "Dedi", "Sugeng", "Retno", "Muhammad", "Nining", "Teguh", "Astuti", "Gede", "Kadek",
];
const LAST: [&str; 40] = [
    "Wahyuni",
    "Santoso",
    "Rahayu",
    "Setiawan",
    "Lestari",
    "Prasetyo",
    "Kurniawati",
    "Susanto",
    "Hidayat",
    "Handayani",
    "Saputra",
    "Nugroho",
    "Purnomo",
    "Wulandari",
    "Sutrisno",
    "Permata",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Pratama",
    "Maharani",
    "Suryani",
    "Hartono",
    "Gunawan",
    "Kusuma",
    "Sari",
    "Utami",
    "Fauzi",
    "Ramadhan",
    "Syahputra",
    "Anggraini",
    "Wibowo",
    "Yulianti",
    "Firmansyah",
    "Aritonang",
    "Manurung",
    "Sembiring",
    "Suparman",
    "Rusdi",
];
const TITLES: [&str; 4] = ["S.Pd.", "S.Pd., M.Pd.", "S.Si.", "S.Kom."];
const PLACES: [&str; 12] = [
    "Sleman", "Bantul", "Semarang", "Magelang", "Klaten", "Boyolali", "Kudus", "Pati", "Demak",
    "Kendal", "Batang", "Wonosobo",
];
const SUBJECTS: [&str; 10] = [
    "Guru Kelas",
    "Matematika",
    "Bahasa Indonesia",
    "IPA",
    "IPS",
    "Bahasa Inggris",
    "PJOK",
    "Seni Budaya",
    "Informatika",
    "PPKn",
];
const RANK_CODES: [&str; 6] = ["III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"];
const LEVELS: [&str; 5] = ["SD", "SMP", "SMA", "SMK", "SLB"];

/// The header every generated file has.
pub const HEADER: &str =
    "nama;email;nip;nuptk;golongan;npsn;nama_sekolah;jenjang_sekolah;mata_pelajaran;kode_wilayah;no_hp";

/// A school of the generated region.
pub struct School {
    pub npsn: String,
    pub name: String,
    pub level: &'static str,
    pub region: String,
}

/// `count` schools with NPSNs starting at `20300001`.
pub fn schools(count: usize) -> Vec<School> {
    (0..count)
        .map(|k| {
            let level = LEVELS[k % LEVELS.len()];
            let place = PLACES[k % PLACES.len()];
            let prefix = if k % 4 == 0 { "Swasta" } else { "Negeri" };
            School {
                npsn: format!("{}", 20_300_001 + k),
                name: format!("{level} {prefix} {} {place}", 1 + k / 60),
                level,
                region: format!("33.{:02}", 1 + k % 35),
            }
        })
        .collect()
}

/// A valid NIP, unique for each `i` below 336,000.
pub fn nip(i: usize, rng: &mut StdRng) -> String {
    let block = i / 1000;
    let year = rng.gen_range(1965..=1995);
    let (month, day) = (1 + block / 28, 1 + block % 28);
    let appointed = year + rng.gen_range(22..=28);
    let sex = rng.gen_range(1..=2);
    format!(
        "{year:04}{month:02}{day:02}{appointed:04}{:02}{sex}{:03}",
        rng.gen_range(1..=12),
        i % 1000
    )
}

/// `rows` data rows (and the header), semicolon-separated, deterministic for `seed`. E-mails end
/// in `@{domain}`.
pub fn generate_csv(rows: usize, seed: u64, domain: &str) -> String {
    let mut rng = StdRng::seed_from_u64(seed);
    let schools = schools(1500);
    let mut out = String::with_capacity(rows * 160);
    out.push_str(HEADER);
    out.push('\n');
    for i in 0..rows {
        let first = FIRST[rng.gen_range(0..FIRST.len())];
        let last = LAST[rng.gen_range(0..LAST.len())];
        let title = TITLES[rng.gen_range(0..TITLES.len())];
        let school = &schools[rng.gen_range(0..schools.len())];
        let civil_servant = rng.gen_range(0..10) < 8;
        let nip = if civil_servant {
            nip(i, &mut rng)
        } else {
            String::new()
        };
        let rank = if civil_servant {
            RANK_CODES[rng.gen_range(0..RANK_CODES.len())]
        } else {
            ""
        };
        let nuptk = format!(
            "{:016}",
            3_000_000_000_000_000u64 + (seed % 1000) * 1_000_000 + i as u64
        );
        let subject = if school.level == "SD" {
            SUBJECTS[0]
        } else {
            SUBJECTS[rng.gen_range(1..SUBJECTS.len())]
        };
        let phone = format!(
            "08{}{:08}",
            rng.gen_range(11..=59),
            rng.gen_range(0..100_000_000u32)
        );
        out.push_str(&format!(
            "{first} {last}, {title};{}.{}.{i}@{domain};{nip};{nuptk};{rank};{};{};{};{subject};{};{phone}\n",
            first.to_lowercase(),
            last.to_lowercase(),
            school.npsn,
            school.name,
            school.level,
            school.region,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_rows_are_valid_and_unique() {
        let csv = generate_csv(3000, 7, "guru.test");
        let rows = app::ssr::imports::parse::parse(&csv, app::model::Lang::Id).expect("readable");
        assert_eq!(rows.len(), 3000);
        let bad: Vec<_> = rows.iter().filter(|r| r.outcome.is_err()).take(3).collect();
        assert!(bad.is_empty(), "{bad:?}");
    }
}

/// Uploads `bytes` as file `name` to the cohort's import, as the JS-off form does.
pub async fn upload(client: &Client, cohort: i64, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let page = format!("/admin/angkatan/{cohort}/impor");
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str("text/csv")
        .expect("mime");
    client
        .http
        .post(client.url(&page))
        .header(ORIGIN, HeaderValue::from_str(&client.base).expect("origin"))
        .header(REFERER, client.url(&page))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload")
}

/// Uploads `csv` as `name` and returns the job id from the redirect.
pub async fn upload_job(client: &Client, cohort: i64, name: &str, csv: &str) -> i64 {
    let response = upload(client, cohort, name, csv.as_bytes().to_vec()).await;
    assert_eq!(response.status(), 303);
    let to = location(&response).expect("location");
    to.strip_prefix("/admin/impor/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not a job page: {to}"))
}

/// A job's status and counters.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Counts {
    pub status: String,
    pub total: i64,
    pub processed: i64,
    pub created: i64,
    pub enrolled: i64,
    pub unchanged: i64,
    pub errors: i64,
}

/// The status and counters of job `job` now.
pub async fn counts(db: &Db, job: i64) -> Counts {
    let (status, total, processed, created, enrolled, unchanged, errors): (String, i64, i64, i64, i64, i64, i64) =
        sqlx::query_as(
            "select status, total_rows, processed_rows, created_accounts, enrolled, unchanged, error_rows \
             from import_job where id = $1",
        )
        .bind(job)
        .fetch_one(db)
        .await
        .expect("job");
    Counts {
        status,
        total,
        processed,
        created,
        enrolled,
        unchanged,
        errors,
    }
}

/// Polls the job until it has ended (the worker runs in the background).
pub async fn finished(db: &Db, job: i64) -> Counts {
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let c = counts(db, job).await;
        if c.status == "done" || c.status == "failed" {
            return c;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "import {job} did not finish: {c:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The job's row errors: line, column, message, in line and column order.
pub async fn errors(db: &Db, job: i64) -> Vec<(i64, String, String)> {
    sqlx::query_as("select row_number, field, message from import_row_error where job_id = $1 order by row_number, field")
        .bind(job)
        .fetch_all(db)
        .await
        .expect("errors")
}
