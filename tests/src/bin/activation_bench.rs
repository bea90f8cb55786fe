//! Activation codes and letters at the e-bimtek's scale (issue #18):
//! `activation_bench <database url> [participants] [per school]` seeds an agency with schools of
//! `per school` (default 200) imported participants without password or e-mail, all approved in
//! one cohort (default 62,000), then times, through the server's own functions:
//! - codes for every participant, as an import issues them (`issue_many`, 500 per statement, one
//!   transaction);
//! - the cohort's letters as the admin downloads them (CSV): fresh codes for all, and the file;
//! - one school's letters as a PDF (`pdf::document`), codes included.
//!
//! Checks that every participant has exactly one code and that the PDF has a page per teacher.

use app::model::activation::normalize_code;
use app::model::{InstitutionId, Lang, UserId};
use app::ssr::activation::letters::{self, Audience};
use app::ssr::activation::{self, pdf};
use app::ssr::db::now_unix;
use pamong_tests::fixtures;
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!("database url"))?;
    let arg = |n: usize, default: usize| {
        args.get(n)
            .and_then(|a| a.parse::<usize>().ok())
            .unwrap_or(default)
    };
    let (participants, per_school) = (arg(2, 62_000), arg(3, 200).max(1));
    let db = server::db::connect(url).await?;
    let now = now_unix();

    // Seed: schools, participants (no password, no e-mail), one cohort with everyone approved.
    let seeded = Instant::now();
    let (agency, admin) = fixtures::agency_with_admin(
        &db,
        "BPSDM Bench",
        "Admin Bench",
        "admin@bench.test",
        "kata-sandi-bench-1".to_string(),
    )
    .await;
    let schools = participants.div_ceil(per_school);
    let mut school_ids = Vec::with_capacity(schools);
    for s in 0..schools {
        let id = app::ssr::institutions::insert(
            &db,
            &format!("SD Negeri {s}"),
            "school",
            Some(agency),
            Some(&format!("{:08}", 20_000_000 + s)),
            Some("33.01"),
            now,
        )
        .await?;
        school_ids.push(id);
    }
    let program = fixtures::program(&db, agency, admin, "published").await;
    let cohort = fixtures::cohort(&db, program, "Angkatan Bench", participants as i64, admin).await;
    let mut ids = Vec::with_capacity(participants);
    for chunk in (0..participants).collect::<Vec<_>>().chunks(500) {
        let mut tx = db.begin().await?;
        let mut values = String::new();
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                values.push(',');
            }
            let p = 4 * i;
            values.push_str(&format!(
                "(${}, null, '', 'participant', ${}, ${}, 0, ${}, ${})",
                p + 1,
                p + 2,
                p + 3,
                p + 4,
                p + 4
            ));
        }
        let sql = format!(
            "insert into app_user (name, email, password_hash, role, nip, institution_id, \
             session_epoch, created_at, updated_at) values {values} returning id"
        );
        let mut query = sqlx::query_as::<_, (i64,)>(&sql);
        for n in chunk {
            let school: InstitutionId = school_ids[n / per_school];
            query = query
                .bind(format!("Guru Bench {n:05}"))
                .bind(format!("1986092620150{:05}", 10_000 + n % 90_000))
                .bind(school.0)
                .bind(now);
        }
        let rows = query.fetch_all(&mut *tx).await?;
        let mut enrol = String::new();
        for (i, _) in rows.iter().enumerate() {
            if i > 0 {
                enrol.push(',');
            }
            enrol.push_str(&format!("($1, ${}, 'approved', 'import', $2)", i + 3));
        }
        let sql = format!(
            "insert into enrolment (cohort_id, user_id, status, source, created_at) values {enrol}"
        );
        let mut query = sqlx::query(&sql).bind(cohort).bind(now);
        for (id,) in &rows {
            query = query.bind(*id);
        }
        query.execute(&mut *tx).await?;
        tx.commit().await?;
        ids.extend(rows.into_iter().map(|(id,)| UserId(id)));
    }
    println!(
        "seeded {participants} participants in {schools} schools in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    // Codes as an import issues them.
    let started = Instant::now();
    let mut tx = db.begin().await?;
    let codes = activation::issue_many(&mut tx, &ids, now).await?;
    tx.commit().await?;
    let codes_secs = started.elapsed().as_secs_f64();
    anyhow::ensure!(codes.len() == participants);
    let (stored,): (i64,) = sqlx::query_as("select count(*) from activation_code")
        .fetch_one(&db)
        .await?;
    anyhow::ensure!(stored == participants as i64, "one code per participant");
    println!("codes for {participants} participants (import path): {codes_secs:.2} s");

    // The cohort's letters, CSV, as downloaded.
    let started = Instant::now();
    let letters = letters::issue_letters(&db, Audience::Cohort(cohort), now).await?;
    let csv = letters::letters_csv(Lang::Id, &letters, "https://pamong.example.id/aktivasi");
    let cohort_secs = started.elapsed().as_secs_f64();
    anyhow::ensure!(letters.len() == participants, "a letter each");
    anyhow::ensure!(letters.iter().all(|l| normalize_code(&l.code).is_some()));
    println!(
        "cohort letters (fresh codes + CSV, {} bytes) for {participants}: {cohort_secs:.2} s",
        csv.len()
    );

    // One school's letters, PDF.
    let started = Instant::now();
    let school = letters::issue_letters(&db, Audience::School(school_ids[0].0), now).await?;
    let pages: Vec<_> = school
        .iter()
        .map(|letter| letters::letter_lines(Lang::Id, letter, "https://pamong.example.id/aktivasi"))
        .collect();
    let document = pdf::document(&pages);
    let pdf_secs = started.elapsed().as_secs_f64();
    let text = String::from_utf8_lossy(&document);
    let page_count = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    anyhow::ensure!(page_count == school.len(), "a page per letter");
    println!(
        "school letters PDF ({} letters, {} bytes): {pdf_secs:.3} s",
        school.len(),
        document.len()
    );
    Ok(())
}
