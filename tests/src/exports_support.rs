//! Rows for the dashboard export tests, written straight into the test server's database: a
//! participant's profile and NIP, live sessions with attendance, completion decisions and
//! certificates. What is under test — the export files — is read over HTTP.

use app::model::codes::SessionMode;
use app::model::UserId;
use app::ssr::db::{now_unix, Db};
use app::ssr::sessions::schedule::{self, NewSession};

/// The profile facts the participant list shows.
pub struct Profile<'a> {
    pub nip: Option<&'a str>,
    pub rank: Option<&'a str>,
    pub region_code: Option<&'a str>,
    pub school_level: Option<&'a str>,
    pub subject: Option<&'a str>,
}

/// Gives `user` a NIP and a profile.
pub async fn profile(db: &Db, user: UserId, p: &Profile<'_>) {
    sqlx::query("update app_user set nip = $1 where id = $2")
        .bind(p.nip)
        .bind(user.0)
        .execute(db)
        .await
        .expect("nip");
    sqlx::query(
        "insert into participant_profile (user_id, rank, region_code, school_level, subject, \
         updated_at) values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user.0)
    .bind(p.rank)
    .bind(p.region_code)
    .bind(p.school_level)
    .bind(p.subject)
    .bind(now_unix())
    .execute(db)
    .await
    .expect("profile");
}

/// An online live session of `cohort` worth `jp`, a day ago.
pub async fn session(db: &Db, cohort: i64, title: &str, jp: i64) -> i64 {
    let start = now_unix() - 86_400;
    schedule::add(
        db,
        cohort,
        &NewSession {
            title: title.to_string(),
            starts_at: start,
            duration_minutes: 90,
            mode: SessionMode::Online,
            meeting_url: Some("https://meet.example.id/abc-defg".into()),
            venue: None,
            city: None,
            jp,
            host_user_id: None,
            host_name: None,
        },
        start,
    )
    .await
    .expect("session")
}

/// Records `user`'s attendance at `session` as `status`.
pub async fn attend(db: &Db, session: i64, user: UserId, status: &str) {
    sqlx::query(
        "insert into attendance (session_id, user_id, status, source, updated_at) \
         values ($1, $2, $3, 'roster', 0)",
    )
    .bind(session)
    .bind(user.0)
    .bind(status)
    .execute(db)
    .await
    .expect("attendance");
}

/// Records the completion decision of `enrolment`.
pub async fn decide(db: &Db, cohort: i64, enrolment: i64, user: UserId, passed: bool, by: UserId) {
    sqlx::query(
        "insert into completion_decision (enrolment_id, cohort_id, user_id, passed, \
         checklist_met, decided_by, decided_at) values ($1, $2, $3, $4, $4, $5, $6)",
    )
    .bind(enrolment)
    .bind(cohort)
    .bind(user.0)
    .bind(i64::from(passed))
    .bind(by.0)
    .bind(now_unix())
    .execute(db)
    .await
    .expect("decision");
}

/// A certificate of `enrolment` numbered `number`, `valid` or `revoked`.
#[allow(clippy::too_many_arguments)]
pub async fn certificate(
    db: &Db,
    institution: i64,
    cohort: i64,
    enrolment: i64,
    user: UserId,
    seq: i64,
    number: &str,
    status: &str,
    by: UserId,
) {
    sqlx::query(
        "insert into certificate (code, number, institution_id, year, seq, cohort_id, user_id, \
         enrolment_id, version, facts, status, issued_by, issued_at) \
         values ($1, $2, $3, 2027, $4, $5, $6, $7, $4, '{}', $8, $9, $10)",
    )
    .bind(format!("KODE{seq:012}"))
    .bind(number)
    .bind(institution)
    .bind(seq)
    .bind(cohort)
    .bind(user.0)
    .bind(enrolment)
    .bind(status)
    .bind(by.0)
    .bind(now_unix())
    .execute(db)
    .await
    .expect("certificate");
}
