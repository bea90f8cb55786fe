//! Setting for the verifiable-credential tests: an agency with an admin, a cohort, participants
//! with certificates written straight into `certificate` (facts from `CertificateFacts`), and
//! helpers to download, save and check credentials.

use crate::fixtures;
use crate::harness::{Client, TestServer};
use crate::registration_support::{participants, signed_in, PASSWORD};
use app::model::certificates::CertificateFacts;
use app::model::{InstitutionId, Role, UserId};
use app::ssr::db::now_unix;

/// Everyone the credential tests need.
pub struct CredentialsWorld {
    pub server: TestServer,
    pub agency: InstitutionId,
    pub admin: Client,
    pub admin_id: UserId,
    pub cohort: i64,
    /// The participants of the cohort: (id, e-mail, enrolment).
    pub people: Vec<(UserId, String, i64)>,
}

/// A certificate written for a test.
#[derive(Clone, Debug)]
pub struct TestCertificate {
    pub id: i64,
    pub code: String,
    pub owner: UserId,
    pub owner_email: String,
}

impl CredentialsWorld {
    /// A world with `count` participants in one cohort of the agency's program.
    pub async fn start(count: usize) -> CredentialsWorld {
        let server = TestServer::start().await;
        let places = server.institutions().await;
        let admin_id = server
            .user(Role::Admin, "admin@uji.test", PASSWORD, Some(places.agency))
            .await;
        let program = fixtures::program(&server.db, places.agency, admin_id, "published").await;
        let cohort = fixtures::cohort(&server.db, program, "Angkatan 1", 100, admin_id).await;
        let mut people = Vec::with_capacity(count);
        for (id, email) in participants(&server, "guru", count, places.school_a).await {
            let enrolment = fixtures::approved_enrolment(&server.db, cohort, id).await;
            people.push((id, email, enrolment));
        }
        let admin = signed_in(&server, "admin@uji.test").await;
        CredentialsWorld {
            server,
            agency: places.agency,
            admin,
            admin_id,
            cohort,
            people,
        }
    }

    /// The facts of participant `n`'s certificate.
    pub fn facts(&self, n: usize, code: &str) -> CertificateFacts {
        CertificateFacts {
            code: code.to_string(),
            number: format!("{:05}/BPSDM/LITDIG/2027", n + 1),
            version: 1,
            institution_id: self.agency.0,
            institution_name: "BPSDM Uji".into(),
            training_title: "Literasi Digital dalam Pembelajaran".into(),
            cohort_name: "Angkatan 1".into(),
            starts_on: "2027-01-11".into(),
            ends_on: "2027-02-19".into(),
            place: "Daring".into(),
            participant_name: format!("Sri Wahyuni {n}"),
            nip: Some(format!("19860926201505{}{:03}", 2, n + 1)),
            birth_place: Some("Semarang".into()),
            birth_date: Some("1986-09-26".into()),
            rank: Some("Penata Muda Tk I (III/b)".into()),
            position: Some("Guru Ahli Pertama".into()),
            participant_institution: Some("Sekolah A".into()),
            result: "Lulus dengan predikat Baik (86)".into(),
            jp: 32,
            signatory_name: "Dr. Budi Santoso".into(),
            signatory_nip: Some("197001011995031001".into()),
            signatory_title: "Kepala BPSDM".into(),
            signing_city: "Semarang".into(),
            issued_on: "2027-02-20".into(),
        }
    }

    /// Writes a valid certificate for participant `n` (sequence `n + 1`).
    pub async fn certificate(&self, n: usize) -> TestCertificate {
        let (owner, owner_email, enrolment) = self.people[n].clone();
        let code = format!("K{:016x}", rand::random::<u64>());
        let facts = serde_json::to_string(&self.facts(n, &code)).expect("facts");
        let (id,): (i64,) = sqlx::query_as(
            "insert into certificate (code, number, institution_id, year, seq, cohort_id, \
             user_id, enrolment_id, facts, issued_by, issued_at) \
             values ($1, $2, $3, 2027, $4, $5, $6, $7, $8, $9, $10) returning id",
        )
        .bind(&code)
        .bind(format!("{:05}/BPSDM/LITDIG/2027", n + 1))
        .bind(self.agency.0)
        .bind(n as i64 + 1)
        .bind(self.cohort)
        .bind(owner.0)
        .bind(enrolment)
        .bind(&facts)
        .bind(self.admin_id.0)
        .bind(now_unix())
        .fetch_one(&self.server.db)
        .await
        .expect("certificate");
        TestCertificate {
            id,
            code,
            owner,
            owner_email,
        }
    }

    /// Revokes a certificate, as a correction does.
    pub async fn revoke(&self, certificate: &TestCertificate, reason: &str) -> i64 {
        let at = now_unix();
        sqlx::query(
            "update certificate set status = 'revoked', revoked_at = $1, revoked_reason = $2, \
             revoked_by = $3 where id = $4",
        )
        .bind(at)
        .bind(reason)
        .bind(self.admin_id.0)
        .bind(certificate.id)
        .execute(&self.server.db)
        .await
        .expect("revoke");
        at
    }

    /// A client signed in as the owner of `certificate`.
    pub async fn owner(&self, certificate: &TestCertificate) -> Client {
        signed_in(&self.server, &certificate.owner_email).await
    }

    /// The agency's published key document.
    pub async fn key_document(&self) -> Vec<u8> {
        let response = self
            .server
            .client
            .get(&format!(
                "/.well-known/pamong/lembaga/{}/kunci.json",
                self.agency.0
            ))
            .await;
        assert_eq!(response.status(), 200);
        response.bytes().await.expect("key document").to_vec()
    }

    /// The status list a credential points to, downloaded from the server.
    pub async fn status_list_of(&self, credential: &[u8]) -> Vec<u8> {
        let value: serde_json::Value = serde_json::from_slice(credential).expect("json");
        let (url, _) =
            app::ssr::credentials::credential::revocation_entry(&value).expect("status entry");
        let path = url
            .strip_prefix(&self.server.url)
            .expect("a list on this server")
            .to_string();
        let response = self.server.client.get(&path).await;
        assert_eq!(response.status(), 200, "{path}");
        response.bytes().await.expect("status list").to_vec()
    }
}

/// Downloads the credential of `code` as `client`: status and body.
pub async fn download(client: &Client, code: &str) -> (u16, Vec<u8>) {
    let response = client
        .get(&format!("/sertifikat/{code}/kredensial.json"))
        .await;
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap_or_default().to_vec())
}

/// Posts `bytes` to the check page as a script asking for JSON: the verdict's JSON.
pub async fn check_as_json(client: &Client, bytes: Vec<u8>) -> (u16, serde_json::Value) {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("kredensial.json")
        .mime_str("application/json")
        .expect("type");
    let response = client
        .http
        .post(client.url("/sertifikat/periksa"))
        .header("origin", &client.base)
        .header("accept", "application/json")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("check");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// Writes `bytes` to a fresh file in the temporary directory and returns its path.
pub fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("pamong_kredensial_{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file");
    path
}
