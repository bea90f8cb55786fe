//! Setting for the registration tests: participants with complete profiles (many at once, with one
//! password hash), signed-in clients, and cooperation agreements.

use crate::harness::{Client, TestServer};
use app::model::{InstitutionId, Role, UserId};
use app::ssr::db::{now_unix, Db};
use app::ssr::{password, users};

/// The password of every account these helpers create.
pub const PASSWORD: &str = "kata-sandi-uji-1";

/// Creates `count` participants `prefix-<n>@uji.test` in `institution`, each with a complete profile.
pub async fn participants(
    server: &TestServer,
    prefix: &str,
    count: usize,
    institution: InstitutionId,
) -> Vec<(UserId, String)> {
    let hash = password::hash(PASSWORD.to_string()).await.expect("hash");
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let email = format!("{prefix}-{n}@uji.test");
        let id = users::create(
            &server.db,
            users::NewUser {
                name: &format!("Guru {prefix} {n}"),
                email: &email,
                password_hash: &hash,
                role: Role::Participant,
                nip: None,
                institution_id: Some(institution),
            },
            now_unix(),
        )
        .await
        .expect("participant");
        complete_profile(
            &server.db,
            id,
            &format!("{:016}", 3_300_000_000_000_000_u64 + id.0 as u64),
        )
        .await;
        out.push((id, email));
    }
    out
}

/// Writes a complete profile (NUPTK, NPSN, level, phone) for `user`.
pub async fn complete_profile(db: &Db, user: UserId, nuptk: &str) {
    sqlx::query(
        "insert into participant_profile (user_id, nuptk, school_npsn, school_level, phone, updated_at) \
         values ($1, $2, '20300001', 'SMP', '081234567890', $3)",
    )
    .bind(user.0)
    .bind(nuptk)
    .bind(now_unix())
    .execute(db)
    .await
    .expect("profile");
}

/// A new client signed in as `email`.
pub async fn signed_in(server: &TestServer, email: &str) -> Client {
    let client = server.new_client();
    let response = client.sign_in(email, PASSWORD).await;
    assert_eq!(response.status(), 200, "sign in {email}");
    client
}

/// An agreement on `program` with one partner `institution` holding `quota` seats.
pub async fn agreement(
    db: &Db,
    program: i64,
    created_by: UserId,
    institution: InstitutionId,
    quota: i64,
) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "insert into agreement (program_id, number, starts_on, ends_on, created_by, created_at) \
         values ($1, 'PKS/001/2027', '2027-01-01', '2027-12-31', $2, $3) returning id",
    )
    .bind(program)
    .bind(created_by.0)
    .bind(now_unix())
    .fetch_one(db)
    .await
    .expect("agreement");
    sqlx::query(
        "insert into agreement_partner (agreement_id, institution_id, quota, seats_taken, \
         funding_share_percent) values ($1, $2, $3, 0, 50)",
    )
    .bind(id)
    .bind(institution.0)
    .bind(quota)
    .execute(db)
    .await
    .expect("partner");
    id
}

/// Counts of each enrolment status in a cohort, and its `seats_taken`.
pub async fn tally(db: &Db, cohort: i64) -> (i64, i64, i64, i64) {
    let count = |status: &'static str| async move {
        let (n,): (i64,) =
            sqlx::query_as("select count(*) from enrolment where cohort_id = $1 and status = $2")
                .bind(cohort)
                .bind(status)
                .fetch_one(db)
                .await
                .expect("count");
        n
    };
    let (seats,): (i64,) = sqlx::query_as("select seats_taken from cohort where id = $1")
        .bind(cohort)
        .fetch_one(db)
        .await
        .expect("seats");
    (
        count("applied").await,
        count("waitlisted").await,
        count("approved").await,
        seats,
    )
}

/// `form` with the value of each key in `overrides` replaced (keys not in `form` are ignored).
pub fn with_overrides<'a>(
    mut form: Vec<(&'a str, &'a str)>,
    overrides: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    for (key, value) in overrides {
        if let Some(slot) = form.iter_mut().find(|(k, _)| k == key) {
            slot.1 = value;
        }
    }
    form
}
