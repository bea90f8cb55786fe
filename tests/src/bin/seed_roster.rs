//! Fills a database for the roster benchmark: an agency with its admin, a published program and
//! one cohort of 62,000 approved participants with profiles, in mentor groups of 50.
//!
//!   seed_roster <database url> [admin password] [participants]
//!
//! Migrates the database (the server's own migrations), prints the cohort id. The participants
//! cannot sign in (no password); the admin is `roster-admin@pamong.test`.

use app::ssr::db::now_unix;

const LEVELS: [&str; 5] = ["SD", "SMP", "SMA", "SMK", "SLB"];
const SUBJECTS: [&str; 8] = [
    "Guru Kelas",
    "Matematika",
    "Bahasa Indonesia",
    "IPA",
    "IPS",
    "Bahasa Inggris",
    "PJOK",
    "Seni Budaya",
];
/// Participants per insert statement.
const BATCH: usize = 500;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or_else(|| {
        anyhow::anyhow!("usage: seed_roster <database url> [password] [participants]")
    })?;
    let password = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "bench-pass-2026".to_string());
    let participants: usize = args
        .get(3)
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(62_000);
    let db = server::db::connect(url).await?;
    let now = now_unix();
    let (agency, admin) = pamong_tests::fixtures::agency_with_admin(
        &db,
        "BPSDM Provinsi Uji Daftar",
        "Admin Daftar Peserta",
        "roster-admin@pamong.test",
        password,
    )
    .await;
    let program = pamong_tests::fixtures::program(&db, agency, admin, "published").await;
    let cohort =
        pamong_tests::fixtures::cohort(&db, program, "Angkatan Besar", 70_000, admin).await;

    let groups = participants.div_ceil(50);
    let mut tx = db.begin().await?;
    for g in 0..groups {
        sqlx::query("insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) values ($1, $2, null, 50, $3)")
            .bind(cohort)
            .bind(format!("Kelompok {}", g + 1))
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    let (first_group,): (i64,) =
        sqlx::query_as("select min(id) from mentor_group where cohort_id = $1")
            .bind(cohort)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;

    for start in (0..participants).step_by(BATCH) {
        let end = (start + BATCH).min(participants);
        let mut users = Vec::new();
        for n in start..end {
            let k = n / 1000;
            let nip = format!(
                "1980{:02}{:02}200501{}{:03}",
                1 + k % 12,
                1 + k / 12,
                1 + n % 2,
                n % 1000
            );
            users.push(format!(
                "('Guru Peserta {n:05}', 'peserta{n:05}@sekolah.sch.id', '', 'participant', '{nip}', null, 0, {now}, {now})"
            ));
        }
        let mut tx = db.begin().await?;
        let created: Vec<(i64, String)> = sqlx::query_as(&format!(
            "insert into app_user (name, email, password_hash, role, nip, institution_id, session_epoch, created_at, updated_at) values {} returning id, email",
            users.join(",")
        ))
        .fetch_all(&mut *tx)
        .await?;
        let mut profiles = Vec::new();
        let mut enrolments = Vec::new();
        for (id, email) in created {
            let n: usize = email["peserta".len()..]
                .split('@')
                .next()
                .and_then(|d| d.parse().ok())
                .ok_or_else(|| anyhow::anyhow!("email {email}"))?;
            let level = LEVELS[n % LEVELS.len()];
            let subject = SUBJECTS[(n / 5) % SUBJECTS.len()];
            let region = format!("33.{:02}", 1 + n % 35);
            profiles.push(format!(
                "({id}, 'SMP Negeri {} Kota', '{level}', '{subject}', '{region}', '0812{:08}', {now})",
                1 + n % 40,
                n
            ));
            let group = first_group + (n / 50) as i64;
            enrolments.push(format!(
                "({cohort}, {id}, 'approved', 'import', {group}, {now})"
            ));
        }
        sqlx::query(&format!(
            "insert into participant_profile (user_id, school_name, school_level, subject, region_code, phone, updated_at) values {}",
            profiles.join(",")
        ))
        .execute(&mut *tx)
        .await?;
        sqlx::query(&format!(
            "insert into enrolment (cohort_id, user_id, status, source, group_id, created_at) values {}",
            enrolments.join(",")
        ))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    sqlx::query("update cohort set seats_taken = $1 where id = $2")
        .bind(participants as i64)
        .bind(cohort)
        .execute(&db)
        .await?;
    if url.starts_with("postgres") {
        // Fresh statistics and visibility map, as autovacuum would soon give them.
        sqlx::query("vacuum analyze").execute(&db).await?;
    } else {
        sqlx::query("analyze").execute(&db).await?;
    }
    println!("{cohort}");
    Ok(())
}
