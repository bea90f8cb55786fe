//! Setting for the certificate tests and benches: an agency with an admin, a program with a code,
//! a cohort, the agency's certificate template, and participants with profiles whose completion
//! decisions say they passed (written straight into the database: recording decisions is another
//! part's page).

use crate::fixtures;
use crate::harness::{Client, TestServer};
use crate::registration_support::{signed_in, PASSWORD};
use app::model::{Role, UserId};
use app::ssr::db::{now_unix, Db};

/// Everyone the certificate tests need.
pub struct CertWorld {
    pub server: TestServer,
    pub admin: Client,
    pub admin_id: UserId,
    pub agency: i64,
    pub program: i64,
    pub cohort: i64,
}

/// The demo agency's number format.
pub const FORMAT: &str = "{seq:05}/BPSDM/{program_code}/{year}";

impl CertWorld {
    pub async fn start() -> CertWorld {
        let server = TestServer::start().await;
        let places = server.institutions().await;
        let admin_id = server
            .user(Role::Admin, "admin@uji.test", PASSWORD, Some(places.agency))
            .await;
        let program = fixtures::program(&server.db, places.agency, admin_id, "published").await;
        set_program_code(&server.db, program, "LITDIG").await;
        let cohort = fixtures::cohort(&server.db, program, "Angkatan I", 100_000, admin_id).await;
        template(&server.db, places.agency.0, admin_id.0).await;
        CertWorld {
            admin: signed_in(&server, "admin@uji.test").await,
            admin_id,
            agency: places.agency.0,
            program,
            cohort,
            server,
        }
    }

    /// `count` participants of the cohort who passed; their (user, enrolment, e-mail).
    pub async fn passed(&self, prefix: &str, count: usize) -> Vec<(i64, i64, String)> {
        passed_participants(&self.server.db, self.cohort, self.admin_id.0, prefix, count).await
    }

    /// Issues one certificate through the admin's button; the redirect's location.
    pub async fn issue(&self, enrolment: i64) -> String {
        let response = self
            .admin
            .post_to(
                &format!("/admin/angkatan/{}/sertifikat/terbitkan", self.cohort),
                &format!("/admin/angkatan/{}/sertifikat", self.cohort),
                "text/html",
                &[("enrolment_id", &enrolment.to_string())],
            )
            .await;
        assert_eq!(response.status(), 303);
        crate::harness::location(&response).unwrap_or_default()
    }

    /// The valid certificate of `enrolment`: (id, code).
    pub async fn certificate_of(&self, enrolment: i64) -> Option<(i64, String)> {
        sqlx::query_as(
            "select id, code from certificate where enrolment_id = $1 and status = 'valid'",
        )
        .bind(enrolment)
        .fetch_optional(&self.server.db)
        .await
        .expect("certificate")
    }
}

/// Sets program `program`'s short code.
pub async fn set_program_code(db: &Db, program: i64, code: &str) {
    sqlx::query("update program set code = $2 where id = $1")
        .bind(program)
        .bind(code)
        .execute(db)
        .await
        .expect("program code");
}

/// Gives `institution` the demo template.
pub async fn template(db: &Db, institution: i64, by: i64) {
    sqlx::query(
        "insert into certificate_template (institution_id, number_format, signatory_name, \
         signatory_nip, signatory_title, signing_city, updated_by, updated_at) \
         values ($1, $2, 'Dr. Bambang Sutrisno, M.Pd.', '197005121995031002', \
         'Kepala BPSDM Provinsi Jawa Tengah', 'Semarang', $3, $4)",
    )
    .bind(institution)
    .bind(FORMAT)
    .bind(by)
    .bind(now_unix())
    .execute(db)
    .await
    .expect("template");
}

/// Creates `count` participants `<prefix>-<n>@uji.test` (all with the tests' password, hashed
/// once) with a profile, enrolled in `cohort` and recorded as passed; returns their (user,
/// enrolment, e-mail). Rows go in a few large transactions, so a bench can seed tens of
/// thousands.
pub async fn passed_participants(
    db: &Db,
    cohort: i64,
    decided_by: i64,
    prefix: &str,
    count: usize,
) -> Vec<(i64, i64, String)> {
    let hash = app::ssr::password::hash(PASSWORD.to_string())
        .await
        .expect("hash");
    let now = now_unix();
    let mut out = Vec::with_capacity(count);
    let all: Vec<usize> = (0..count).collect();
    for chunk in all.chunks(2000) {
        let mut tx = db.begin().await.expect("begin");
        for &n in chunk {
            let email = format!("{prefix}-{n}@uji.test");
            let (user,): (i64,) = sqlx::query_as(
                "insert into app_user (name, email, password_hash, role, created_at, updated_at) \
                 values ($1, $2, $3, 'participant', $4, $4) returning id",
            )
            .bind(format!("Guru {prefix} {n}"))
            .bind(&email)
            .bind(&hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .expect("participant");
            sqlx::query(
                "insert into participant_profile (user_id, rank, school_name, position, \
                 birth_place, birth_date, updated_at) values ($1, 'Penata Muda Tk I, III/b', \
                 'SD Negeri 1 Wedi', 'Guru Ahli Pertama', 'Klaten', '1986-09-26', $2)",
            )
            .bind(user)
            .bind(now)
            .execute(&mut *tx)
            .await
            .expect("profile");
            let (enrolment,): (i64,) = sqlx::query_as(
                "insert into enrolment (cohort_id, user_id, status, source, created_at) \
                 values ($1, $2, 'approved', 'application', $3) returning id",
            )
            .bind(cohort)
            .bind(user)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .expect("enrolment");
            sqlx::query(
                "insert into completion_decision (enrolment_id, cohort_id, user_id, passed, \
                 checklist_met, against_checklist, reason, decided_by, decided_at) \
                 values ($1, $2, $3, 1, 1, 0, null, $4, $5)",
            )
            .bind(enrolment)
            .bind(cohort)
            .bind(user)
            .bind(decided_by)
            .bind(now)
            .execute(&mut *tx)
            .await
            .expect("decision");
            out.push((user, enrolment, email));
        }
        tx.commit().await.expect("commit");
    }
    sqlx::query("update cohort set seats_taken = seats_taken + $2 where id = $1")
        .bind(cohort)
        .bind(count as i64)
        .execute(db)
        .await
        .expect("seats");
    out
}

/// Signs in participant `email` on `server`.
pub async fn participant(server: &TestServer, email: &str) -> Client {
    signed_in(server, email).await
}

/// Every certificate's sequence number in the cohort, ascending, and how many distinct
/// enrolments and numbers they cover: (seqs, enrolments, numbers).
pub async fn numbering(db: &Db, cohort: i64) -> (Vec<i64>, i64, i64) {
    let seqs: Vec<(i64,)> =
        sqlx::query_as("select seq from certificate where cohort_id = $1 order by seq")
            .bind(cohort)
            .fetch_all(db)
            .await
            .expect("seqs");
    let (enrolments, numbers): (i64, i64) = sqlx::query_as(
        "select count(distinct enrolment_id), count(distinct number) from certificate \
         where cohort_id = $1",
    )
    .bind(cohort)
    .fetch_one(db)
    .await
    .expect("distinct");
    (
        seqs.into_iter().map(|(s,)| s).collect(),
        enrolments,
        numbers,
    )
}
