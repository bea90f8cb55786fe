//! Rows the integration tests need as a starting point (a program, a cohort), written straight
//! into the test's own database. What is under test goes through HTTP; only the setting does not.

use app::model::{InstitutionId, Role, UserId};
use app::ssr::db::{now_unix, Db};

/// A province agency (region 33) named `agency` with one admin who can sign in with `password`;
/// the load harnesses start from it.
pub async fn agency_with_admin(
    db: &Db,
    agency: &str,
    admin_name: &str,
    admin_email: &str,
    password: String,
) -> (InstitutionId, UserId) {
    let now = now_unix();
    let agency =
        app::ssr::institutions::insert(db, agency, "province_agency", None, None, Some("33"), now)
            .await
            .expect("agency");
    let hash = app::ssr::password::hash(password).await.expect("hash");
    let admin = app::ssr::users::create(
        db,
        app::ssr::users::NewUser {
            name: admin_name,
            email: admin_email,
            password_hash: &hash,
            role: Role::Admin,
            nip: None,
            institution_id: Some(agency),
        },
        now,
    )
    .await
    .expect("admin");
    (agency, admin)
}

/// A program organized by `organizer`, in status `status` (`draft`, `published`, `closed`).
pub async fn program(db: &Db, organizer: InstitutionId, created_by: UserId, status: &str) -> i64 {
    let now = now_unix();
    let (id,): (i64,) = sqlx::query_as(
        "insert into program (organizer_id, title, description, level, total_jp, mode, funding, \
         fee_amount, status, created_by, created_at, updated_at) \
         values ($1, 'Diklat Uji', 'Program untuk pengujian.', 'basic', 32, 'online', 'apbd', null, \
         $2, $3, $4, $4) returning id",
    )
    .bind(organizer.0)
    .bind(status)
    .bind(created_by.0)
    .bind(now)
    .fetch_one(db)
    .await
    .expect("program");
    id
}

/// A cohort of `program` with `quota` seats whose registration window is open now.
pub async fn cohort(db: &Db, program: i64, name: &str, quota: i64, created_by: UserId) -> i64 {
    let now = now_unix();
    let (id,): (i64,) = sqlx::query_as(
        "insert into cohort (program_id, name, starts_on, ends_on, registration_opens_at, \
         registration_closes_at, quota, seats_taken, created_by, created_at) \
         values ($1, $2, '2027-01-11', '2027-02-19', $3, $4, $5, 0, $6, $7) returning id",
    )
    .bind(program)
    .bind(name)
    .bind(now - 86_400)
    .bind(now + 30 * 86_400)
    .bind(quota)
    .bind(created_by.0)
    .bind(now)
    .fetch_one(db)
    .await
    .expect("cohort");
    id
}

/// Enrols `user` in `cohort` as approved, taking a seat.
pub async fn approved_enrolment(db: &Db, cohort: i64, user: UserId) -> i64 {
    let now = now_unix();
    sqlx::query("update cohort set seats_taken = seats_taken + 1 where id = $1")
        .bind(cohort)
        .execute(db)
        .await
        .expect("seat");
    let (id,): (i64,) = sqlx::query_as(
        "insert into enrolment (cohort_id, user_id, status, source, created_at) \
         values ($1, $2, 'approved', 'application', $3) returning id",
    )
    .bind(cohort)
    .bind(user.0)
    .bind(now)
    .fetch_one(db)
    .await
    .expect("enrolment");
    id
}
