//! Adds what the dashboard exports read to a cohort `seed_roster` made, so that the participant
//! export's benchmark walks real figures: two live sessions (4 and 3 JP) with every second
//! participant present, a pre-test and a post-test with a finished attempt by everyone, a
//! completion decision for everyone and a certificate for those who passed.
//!
//!   seed_export_bench <database url> <cohort id>
//!
//! Every write is one `insert … select` over the cohort's enrolments.

use app::ssr::db::now_unix;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(cohort)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: seed_export_bench <database url> <cohort id>");
    };
    let cohort: i64 = cohort.parse()?;
    let db = server::db::connect(url).await?;
    let now = now_unix();
    let (admin, institution): (i64, i64) = sqlx::query_as(
        "select c.created_by, p.organizer_id from cohort c join program p on p.id = c.program_id \
         where c.id = $1",
    )
    .bind(cohort)
    .fetch_one(&db)
    .await?;

    for (title, jp, offset) in [
        ("Sesi pembuka", 4_i64, 172_800_i64),
        ("Sesi kedua", 3, 86_400),
    ] {
        let (session,): (i64,) = sqlx::query_as(
            "insert into live_session (cohort_id, title, starts_at, duration_minutes, mode, \
             meeting_url, jp, checkin_secret, created_at) \
             values ($1, $2, $3, 90, 'online', 'https://meet.example.id/x', $4, 'rahasia', $5) \
             returning id",
        )
        .bind(cohort)
        .bind(title)
        .bind(now - offset)
        .bind(jp)
        .bind(now)
        .fetch_one(&db)
        .await?;
        sqlx::query(
            "insert into attendance (session_id, user_id, status, source, updated_at) \
             select $1, e.user_id, 'present', 'roster', $3 from enrolment e \
             where e.cohort_id = $2 and e.user_id % 2 = 0",
        )
        .bind(session)
        .bind(cohort)
        .bind(now)
        .execute(&db)
        .await?;
    }

    // Scores out of 5 points: pre 0–3, post one to two points more.
    for (kind, score) in [
        ("pre", "(e.user_id % 4) * 1000"),
        (
            "post",
            "(e.user_id % 4) * 1000 + 1000 + (e.user_id % 2) * 1000",
        ),
    ] {
        let (quiz,): (i64,) = sqlx::query_as(
            "insert into quiz (cohort_id, title, kind, selection, opens_at, closes_at, status, \
             created_by, created_at, updated_at) \
             values ($1, $2, $3, 'fixed', 0, 4000000000, 'open', $4, $5, $5) returning id",
        )
        .bind(cohort)
        .bind(format!("Tes {kind}"))
        .bind(kind)
        .bind(admin)
        .bind(now)
        .fetch_one(&db)
        .await?;
        sqlx::query(&format!(
            "insert into quiz_attempt (quiz_id, user_id, number, started_at, deadline_at, \
             finished_at, finished_by, score_milli, max_points) \
             select $1, e.user_id, 1, 0, 100, 50, 'participant', {score}, 5 from enrolment e \
             where e.cohort_id = $2"
        ))
        .bind(quiz)
        .bind(cohort)
        .execute(&db)
        .await?;
    }

    sqlx::query(
        "insert into completion_decision (enrolment_id, cohort_id, user_id, passed, \
         checklist_met, decided_by, decided_at) \
         select e.id, e.cohort_id, e.user_id, case when e.user_id % 3 = 0 then 0 else 1 end, \
         case when e.user_id % 3 = 0 then 0 else 1 end, $2, $3 from enrolment e \
         where e.cohort_id = $1",
    )
    .bind(cohort)
    .bind(admin)
    .bind(now)
    .execute(&db)
    .await?;
    sqlx::query(
        "insert into certificate (code, number, institution_id, year, seq, cohort_id, user_id, \
         enrolment_id, facts, issued_by, issued_at) \
         select 'BENCH' || e.id, 'SERT/' || e.id || '/2027', $2, 2027, e.id, e.cohort_id, \
         e.user_id, e.id, '{}', $3, $4 from enrolment e \
         where e.cohort_id = $1 and e.user_id % 3 <> 0",
    )
    .bind(cohort)
    .bind(institution)
    .bind(admin)
    .bind(now)
    .execute(&db)
    .await?;
    if url.starts_with("postgres") {
        sqlx::query("vacuum analyze").execute(&db).await?;
    } else {
        sqlx::query("analyze").execute(&db).await?;
    }
    Ok(())
}
