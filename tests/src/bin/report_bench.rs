//! A meeting report at the seminar's scale (issue #19): `report_bench <database url> [rows]`
//! seeds a cohort of approved participants (one per two rows of the report, at least 100) and a
//! 90-minute session, writes a Zoom participant export of `rows` rows (default 1,000: most people
//! twice, as after a rejoin; a tenth known only by name; some guests), then times, through the
//! server's own functions, what the upload does (parse, sum, read the roster, match, store) and
//! what the host's confirmation does (apply). Checks that every participant matched is recorded.

use app::model::codes::SessionMode;
use app::ssr::db::now_unix;
use app::ssr::groups::access::Audience;
use app::ssr::sessions::{access, report, schedule};
use pamong_tests::fixtures;
use std::collections::HashMap;
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!("database url"))?;
    let rows: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let people = (rows / 2).max(100);
    let db = server::db::connect(url).await?;
    let now = now_unix();
    let (agency, admin) = fixtures::agency_with_admin(
        &db,
        "BPSDM Bench",
        "Admin Bench",
        "admin@bench.test",
        "kata-sandi-bench-1".to_string(),
    )
    .await;
    let program = fixtures::program(&db, agency, admin, "published").await;
    let cohort = fixtures::cohort(&db, program, "Angkatan Bench", people as i64, admin).await;
    let mut tx = db.begin().await?;
    for n in 0..people {
        let (id,): (i64,) = sqlx::query_as(
            "insert into app_user (name, email, password_hash, role, institution_id, \
             session_epoch, created_at, updated_at) \
             values ($1, $2, '', 'participant', $3, 0, $4, $4) returning id",
        )
        .bind(format!("Guru Bench {n}"))
        .bind(format!("guru{n}@bench.test"))
        .bind(agency.0)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "insert into enrolment (cohort_id, user_id, status, source, created_at) \
             values ($1, $2, 'approved', 'application', $3)",
        )
        .bind(cohort)
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let session_id = schedule::add(
        &db,
        cohort,
        &schedule::NewSession {
            title: "Seminar daring".into(),
            starts_at: now - 7_200,
            duration_minutes: 90,
            mode: SessionMode::Online,
            meeting_url: Some("https://zoom.us/j/1".into()),
            venue: None,
            city: None,
            jp: 2,
            host_user_id: None,
            host_name: None,
        },
        now,
    )
    .await?;
    let session = access::load(&db, session_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("session"))?;

    // The export: two rows per person (left and rejoined); every tenth person without an e-mail.
    let mut csv = String::from(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n",
    );
    let mut written = 0;
    'rows: for round in 0..2 {
        for n in 0..people {
            if written == rows {
                break 'rows;
            }
            let email = if n % 10 == 0 {
                String::new()
            } else {
                format!("guru{n}@bench.test")
            };
            let minutes = if round == 0 { 40 } else { 25 + (n % 20) };
            csv.push_str(&format!(
                "Guru Bench {n},{email},12/05/2026 09:00:00 AM,12/05/2026 09:40:00 AM,{minutes},No\n"
            ));
            written += 1;
        }
    }
    while written < rows {
        csv.push_str(&format!("Tamu {written},,09:00,10:00,60,Yes\n"));
        written += 1;
    }

    let upload = Instant::now();
    let (parsed, counted) = report::parse(csv.as_bytes(), session.info.duration_minutes)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let roster = report::candidates(&db, &session, Audience::Cohort).await?;
    let matched = report::match_people(&parsed, &roster);
    let report_id =
        report::store(&db, session_id, admin.0, "zoom.csv", &matched, counted, now).await?;
    let upload = upload.elapsed();
    let found = matched.iter().filter(|p| p.matched.is_some()).count();

    let apply = Instant::now();
    let changed = report::apply(
        &db,
        &session,
        Audience::Cohort,
        report_id,
        &HashMap::new(),
        &app::ssr::audit::Actor {
            id: admin.0,
            name: "Admin".to_string(),
            role: "admin".to_string(),
            address: "127.0.0.1".to_string(),
        },
        now,
    )
    .await?
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let apply = apply.elapsed();
    let (recorded,): (i64,) =
        sqlx::query_as("select count(*) from attendance where session_id = $1")
            .bind(session_id)
            .fetch_one(&db)
            .await?;
    anyhow::ensure!(
        recorded as usize == found,
        "{recorded} recorded, {found} matched"
    );
    println!(
        "report of {counted} rows, {} people, {found} matched, roster of {}: read and matched in \
         {:.3} s; applied ({changed} participants) in {:.3} s; total {:.3} s",
        parsed.len(),
        roster.len(),
        upload.as_secs_f64(),
        apply.as_secs_f64(),
        (upload + apply).as_secs_f64()
    );
    Ok(())
}
