//! Verifiable credentials over HTTP (issue #20 item 9): the signed credential beside a
//! certificate, the published keys and revocation lists, the offline verifier, and the check
//! page's upload. Runs on SQLite, and on PostgreSQL when `PAMONG_TEST_DATABASE_URL` says so.

use app::model::credentials::CheckResult;
use app::ssr::credentials::credential::verify_offline;
use app::ssr::credentials::keys::KeyStore;
use app::ssr::credentials::proof::{self, SecretKey};
use pamong_tests::credentials_support::{check_as_json, download, temp_file, CredentialsWorld};
use pamong_tests::harness::location;
use serde_json::Value;
use std::collections::HashSet;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// Everything every test of this binary logs (the servers run in this process), so that a test
/// can look for a secret in it.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "info,app=trace,server=trace",
            ))
            .with_ansi(false)
            .with_writer(move || LogSink(sink.clone()))
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
        logs
    })
    .clone()
}

struct LogSink(Arc<Mutex<Vec<u8>>>);

impl Write for LogSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut logs) = self.0.lock() {
            logs.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("JSON")
}

/// The verdict of the real verifier command's function on saved files: (line, exit code).
fn verify_files(credential: &[u8], key: &[u8], status: &[u8]) -> (String, i32) {
    server::commands::verify_files(
        &temp_file("kredensial.json", credential),
        &temp_file("kunci.json", key),
        &temp_file("status.json", status),
    )
}

#[tokio::test]
async fn a_credential_is_made_once_signed_and_verifies_offline() {
    captured_logs();
    let world = CredentialsWorld::start(1).await;
    let certificate = world.certificate(0).await;
    let owner = world.owner(&certificate).await;

    let first = owner
        .get(&format!("/sertifikat/{}/kredensial.json", certificate.code))
        .await;
    assert_eq!(first.status(), 200);
    assert_eq!(
        first.headers()["content-type"].to_str().ok(),
        Some("application/vc+ld+json")
    );
    assert!(first.headers()["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .starts_with("attachment"));
    let first = first.bytes().await.expect("body").to_vec();
    let (status, second) = download(&owner, &certificate.code).await;
    assert_eq!(status, 200);
    assert_eq!(
        first, second,
        "the stored credential is given again, byte for byte"
    );

    let credential = json(&first);
    assert_eq!(
        credential["@context"],
        serde_json::json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ])
    );
    assert_eq!(
        credential["type"],
        serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(credential["issuer"]["name"], "BPSDM Uji");
    assert_eq!(
        credential["credentialSubject"]["type"],
        serde_json::json!(["AchievementSubject"])
    );
    assert_eq!(
        credential["credentialSubject"]["achievement"]["name"],
        "Literasi Digital dalam Pembelajaran"
    );
    assert_eq!(credential["credentialSubject"]["creditsEarned"], 32);
    assert_eq!(
        credential["credentialStatus"]["type"],
        "BitstringStatusListEntry"
    );
    assert_eq!(
        credential["credentialStatus"]["statusPurpose"],
        "revocation"
    );
    assert_eq!(credential["proof"]["cryptosuite"], "eddsa-jcs-2022");
    assert!(credential["proof"]["proofValue"]
        .as_str()
        .is_some_and(|v| v.starts_with('z')));

    let key = world.key_document().await;
    let key_doc = json(&key);
    let method = credential["proof"]["verificationMethod"]
        .as_str()
        .expect("method");
    assert_eq!(key_doc["assertionMethod"][0], method);
    assert_eq!(key_doc["verificationMethod"][0]["type"], "Multikey");
    assert_eq!(credential["issuer"]["id"], key_doc["id"]);

    let status = world.status_list_of(&first).await;
    let list = json(&status);
    assert_eq!(list["type"][1], "BitstringStatusListCredential");
    assert_eq!(list["credentialSubject"]["statusPurpose"], "revocation");

    match verify_offline(&first, &key, &status).expect("checked") {
        CheckResult::Valid { summary } => {
            assert_eq!(summary.participant_name, "Sri Wahyuni 0");
            assert_eq!(summary.nip.as_deref(), Some("198609262015052001"));
            assert_eq!(summary.jp, Some(32));
        }
        other => panic!("expected valid, got {other:?}"),
    }
    let (line, code) = verify_files(&first, &key, &status);
    assert_eq!(code, 0, "{line}");
    assert!(line.starts_with("valid"), "{line}");

    // The check page says valid too, with the facts.
    let (status, verdict) = check_as_json(&world.server.new_client(), first).await;
    assert_eq!(status, 200);
    assert_eq!(verdict["verdict"], "valid");
    assert_eq!(
        verdict["summary"]["training"],
        "Literasi Digital dalam Pembelajaran"
    );
    world.server.stop().await;
}

#[tokio::test]
async fn one_changed_character_is_tampered_everywhere() {
    let world = CredentialsWorld::start(1).await;
    let certificate = world.certificate(0).await;
    let (_, credential) = download(&world.owner(&certificate).await, &certificate.code).await;
    let text = String::from_utf8(credential).expect("utf-8");
    let changed = text.replacen(
        "Lulus dengan predikat Baik (86)",
        "Lulus dengan predikat Baik (96)",
        1,
    );
    assert_ne!(changed, text);
    assert_eq!(changed.len(), text.len(), "one character");

    let key = world.key_document().await;
    let status = world.status_list_of(text.as_bytes()).await;
    assert_eq!(
        verify_offline(changed.as_bytes(), &key, &status),
        Ok(CheckResult::Tampered)
    );
    let (line, code) = verify_files(changed.as_bytes(), &key, &status);
    assert_eq!(code, 1, "{line}");
    assert!(line.starts_with("tampered"), "{line}");

    // A browser with JavaScript off: the form posts, the page says it.
    let browser = world.server.new_client();
    let response = browser
        .upload(
            "/sertifikat/periksa",
            "/sertifikat/periksa",
            "kredensial.json",
            "application/json",
            changed.into_bytes(),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response).as_deref(),
        Some("/sertifikat/periksa#hasil")
    );
    let (status, page) = browser.page("/sertifikat/periksa").await;
    assert_eq!(status, 200);
    assert!(page.contains("Telah diubah."), "{page}");
    world.server.stop().await;
}

#[tokio::test]
async fn a_revoked_certificate_is_revoked_on_the_page_and_in_the_verifier() {
    let world = CredentialsWorld::start(2).await;
    let certificate = world.certificate(0).await;
    let other = world.certificate(1).await;
    let (_, credential) = download(&world.owner(&certificate).await, &certificate.code).await;
    let (_, kept) = download(&world.admin, &other.code).await;
    let key = world.key_document().await;
    let before = world.status_list_of(&credential).await;
    assert!(matches!(
        verify_offline(&credential, &key, &before),
        Ok(CheckResult::Valid { .. })
    ));

    world
        .revoke(&certificate, "Nama peserta salah; diganti versi 2")
        .await;
    let after = world.status_list_of(&credential).await;
    assert_ne!(before, after, "the list is made again after a revocation");
    assert!(matches!(
        verify_offline(&credential, &key, &after),
        Ok(CheckResult::Revoked { .. })
    ));
    let (line, code) = verify_files(&credential, &key, &after);
    assert_eq!(code, 1, "{line}");
    assert!(line.starts_with("revoked"), "{line}");
    assert!(
        matches!(
            verify_offline(&kept, &key, &after),
            Ok(CheckResult::Valid { .. })
        ),
        "only the revoked one's bit is set"
    );

    let browser = world.server.new_client();
    let response = browser
        .upload(
            "/sertifikat/periksa",
            "/sertifikat/periksa",
            "kredensial.json",
            "application/json",
            credential.clone(),
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, page) = browser.page("/sertifikat/periksa").await;
    assert!(page.contains("Dicabut."), "{page}");
    assert!(
        page.contains("Nama peserta salah; diganti versi 2"),
        "{page}"
    );

    // In English with the language cookie.
    let english = world.server.new_client();
    english.set_cookie("lang", "en");
    english
        .upload(
            "/sertifikat/periksa",
            "/sertifikat/periksa",
            "kredensial.json",
            "application/json",
            credential,
        )
        .await;
    let (_, page) = english.page("/sertifikat/periksa").await;
    assert!(page.contains("Revoked."), "{page}");
    world.server.stop().await;
}

#[tokio::test]
async fn a_credential_signed_by_another_key_is_from_an_unknown_issuer() {
    let world = CredentialsWorld::start(1).await;
    let certificate = world.certificate(0).await;
    let (_, credential) = download(&world.owner(&certificate).await, &certificate.code).await;
    let key = world.key_document().await;
    let status = world.status_list_of(&credential).await;

    // A forger copies the credential and signs it with a key of their own, claiming the
    // institution's key document as the place of their key.
    let forger = SecretKey::generate();
    let mut unsigned = json(&credential);
    unsigned.as_object_mut().map(|o| o.remove("proof"));
    let issuer = unsigned["issuer"]["id"]
        .as_str()
        .expect("issuer")
        .to_string();
    let method = format!("{issuer}#{}", forger.public_multibase());
    let forged = proof::sign(&unsigned, &forger, &method, None).expect("sign");
    let forged = serde_json::to_vec_pretty(&forged).expect("bytes");

    assert_eq!(
        verify_offline(&forged, &key, &status),
        Ok(CheckResult::UnknownIssuer)
    );
    let (line, code) = verify_files(&forged, &key, &status);
    assert_eq!(code, 1, "{line}");
    assert!(line.starts_with("unknown issuer"), "{line}");
    let (_, verdict) = check_as_json(&world.server.new_client(), forged).await;
    assert_eq!(verdict["verdict"], "unknown_issuer");

    let browser = world.server.new_client();
    let forged_page = browser
        .upload(
            "/sertifikat/periksa",
            "/sertifikat/periksa",
            "kredensial.json",
            "application/json",
            serde_json::to_vec(
                &proof::sign(&unsigned, &forger, "https://elsewhere.example/k#1", None)
                    .expect("sign"),
            )
            .expect("bytes"),
        )
        .await;
    assert_eq!(forged_page.status(), 303);
    let (_, page) = browser.page("/sertifikat/periksa").await;
    assert!(page.contains("Penerbit tidak dikenal."), "{page}");
    world.server.stop().await;
}

#[tokio::test]
async fn strangers_get_404_and_the_institutions_admin_may_download() {
    let world = CredentialsWorld::start(2).await;
    let certificate = world.certificate(0).await;
    let stranger = world.owner(&world.certificate(1).await).await;
    let (status, _) = download(&stranger, &certificate.code).await;
    assert_eq!(status, 404, "another participant");
    let (status, _) = download(&stranger, "tidak-ada").await;
    assert_eq!(status, 404);
    let (status, from_admin) = download(&world.admin, &certificate.code).await;
    assert_eq!(status, 200, "the institution's admin");
    let (_, from_owner) = download(&world.owner(&certificate).await, &certificate.code).await;
    assert_eq!(from_admin, from_owner);

    // An admin of another agency is a stranger too.
    let elsewhere = app::ssr::institutions::insert(
        &world.server.db,
        "BPSDM Lain",
        "province_agency",
        None,
        None,
        Some("34"),
        0,
    )
    .await
    .expect("agency");
    world
        .server
        .user(
            app::model::Role::Admin,
            "lain@uji.test",
            pamong_tests::registration_support::PASSWORD,
            Some(elsewhere),
        )
        .await;
    let other_admin =
        pamong_tests::registration_support::signed_in(&world.server, "lain@uji.test").await;
    let (status, _) = download(&other_admin, &certificate.code).await;
    assert_eq!(status, 404);

    // A visitor is sent to sign in.
    let visitor = world.server.new_client();
    let response = visitor
        .get(&format!("/sertifikat/{}/kredensial.json", certificate.code))
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    assert!(location(&response).is_some_and(|l| l.starts_with("/masuk")));
    world.server.stop().await;
}

#[tokio::test]
async fn twenty_simultaneous_first_downloads_get_distinct_indexes() {
    let world = CredentialsWorld::start(20).await;
    let mut certificates = Vec::new();
    for n in 0..20 {
        certificates.push(world.certificate(n).await);
    }
    // Twenty certificates at once: twenty different indexes, one key made.
    let mut set = tokio::task::JoinSet::new();
    let barrier = Arc::new(tokio::sync::Barrier::new(20));
    for certificate in &certificates {
        let admin = world.admin.clone();
        let code = certificate.code.clone();
        let barrier = barrier.clone();
        set.spawn(async move {
            barrier.wait().await;
            download(&admin, &code).await
        });
    }
    let mut indexes = HashSet::new();
    while let Some(done) = set.join_next().await {
        let (status, body) = done.expect("task");
        assert_eq!(status, 200);
        let index = json(&body)["credentialStatus"]["statusListIndex"]
            .as_str()
            .expect("index")
            .to_string();
        indexes.insert(index);
    }
    assert_eq!(indexes.len(), 20, "{indexes:?}");
    let stored: Vec<(i64,)> = sqlx::query_as(
        "select status_list_index from certificate where status_list_index is not null \
         order by status_list_index",
    )
    .fetch_all(&world.server.db)
    .await
    .expect("indexes");
    assert_eq!(
        stored.iter().map(|(i,)| *i).collect::<Vec<_>>(),
        (0..20).collect::<Vec<i64>>()
    );
    let (keys,): (i64,) = sqlx::query_as("select count(*) from credential_key")
        .fetch_one(&world.server.db)
        .await
        .expect("keys");
    assert_eq!(keys, 1);

    // One certificate twenty times at once, before it has a credential: one credential.
    let fresh = CredentialsWorld::start(1).await;
    let certificate = fresh.certificate(0).await;
    let mut set = tokio::task::JoinSet::new();
    let barrier = Arc::new(tokio::sync::Barrier::new(20));
    for _ in 0..20 {
        let admin = fresh.admin.clone();
        let code = certificate.code.clone();
        let barrier = barrier.clone();
        set.spawn(async move {
            barrier.wait().await;
            download(&admin, &code).await
        });
    }
    let mut bodies = HashSet::new();
    while let Some(done) = set.join_next().await {
        let (status, body) = done.expect("task");
        assert_eq!(status, 200);
        bodies.insert(body);
    }
    assert_eq!(bodies.len(), 1, "every answer is the one stored credential");
    let (next,): (i64,) = sqlx::query_as("select next_index from credential_status_counter")
        .fetch_one(&fresh.server.db)
        .await
        .expect("counter");
    assert_eq!(next, 1, "one index taken");
    fresh.server.stop().await;
    world.server.stop().await;
}

#[tokio::test]
async fn after_a_rotation_old_credentials_still_verify() {
    let world = CredentialsWorld::start(2).await;
    let old = world.certificate(0).await;
    let new = world.certificate(1).await;
    let (_, old_credential) = download(&world.admin, &old.code).await;

    let store = KeyStore::new(world.server.data_dir());
    let rotated = store
        .rotate(&world.server.db, world.agency.0, app::ssr::db::now_unix())
        .await
        .expect("rotate");
    let (_, new_credential) = download(&world.admin, &new.code).await;
    let old_method = json(&old_credential)["proof"]["verificationMethod"].clone();
    let new_method = json(&new_credential)["proof"]["verificationMethod"].clone();
    assert_ne!(old_method, new_method);
    assert!(new_method
        .as_str()
        .is_some_and(|m| m.ends_with(&rotated.public_key)));

    let key = world.key_document().await;
    let key_doc = json(&key);
    assert_eq!(
        key_doc["verificationMethod"].as_array().map(Vec::len),
        Some(2)
    );
    let status = world.status_list_of(&new_credential).await;
    assert_eq!(
        json(&status)["proof"]["verificationMethod"],
        new_method,
        "lists are signed with the current key"
    );
    for credential in [&old_credential, &new_credential] {
        assert!(matches!(
            verify_offline(credential, &key, &status),
            Ok(CheckResult::Valid { .. })
        ));
        let (_, verdict) = check_as_json(&world.server.new_client(), credential.clone()).await;
        assert_eq!(verdict["verdict"], "valid");
    }
    let (retired,): (i64,) =
        sqlx::query_as("select count(*) from credential_key where retired_at is not null")
            .fetch_one(&world.server.db)
            .await
            .expect("retired");
    assert_eq!(retired, 1);
    world.server.stop().await;
}

#[tokio::test]
async fn the_secret_key_stays_in_its_file_and_out_of_logs() {
    let logs = captured_logs();
    let world = CredentialsWorld::start(1).await;
    let certificate = world.certificate(0).await;
    let (status, credential) = download(&world.admin, &certificate.code).await;
    assert_eq!(status, 200);
    let _ = world.status_list_of(&credential).await;

    let dir = world
        .server
        .data_dir()
        .join("kunci")
        .join(world.agency.0.to_string());
    let file = std::fs::read_dir(&dir)
        .expect("key directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "key"))
        .expect("a key file");
    let secret_text = std::fs::read_to_string(&file).expect("key file");
    let secret = SecretKey::from_multibase(&secret_text).expect("a secret key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner only");
        let mode = std::fs::metadata(&dir).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    let shown = format!("{secret:?}");
    assert!(!shown.contains(secret_text.trim()), "{shown}");

    let logged = String::from_utf8_lossy(&logs.lock().expect("logs")).to_string();
    assert!(
        logged.contains("signing key made"),
        "the logs are captured: {} bytes",
        logged.len()
    );
    assert!(!logged.contains(secret_text.trim()));
    assert!(!logged.contains(&secret_text.trim()[1..20]));
    world.server.stop().await;
}

#[tokio::test]
async fn bad_files_are_told_at_the_file_field_and_lists_are_cached() {
    let world = CredentialsWorld::start(1).await;
    let browser = world.server.new_client();
    let (status, page) = browser.page("/sertifikat/periksa").await;
    assert_eq!(status, 200);
    assert!(page.contains("Periksa kredensial sertifikat"));
    assert!(page.contains("enctype=\"multipart/form-data\""));

    let response = browser
        .upload(
            "/sertifikat/periksa",
            "/sertifikat/periksa",
            "foto.jpg",
            "image/jpeg",
            b"\xff\xd8\xff\xe0 not json".to_vec(),
        )
        .await;
    assert_eq!(response.status(), 303);
    let (status, page) = browser.page("/sertifikat/periksa").await;
    assert_eq!(status, 400);
    assert!(page.contains("Berkas ini bukan kredensial"), "{page}");

    let response = browser
        .upload(
            "/sertifikat/periksa",
            "/sertifikat/periksa",
            "besar.json",
            "application/json",
            vec![b' '; 70 * 1024],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, page) = browser.page("/sertifikat/periksa").await;
    assert!(page.contains("Berkas terlalu besar"), "{page}");

    // Public documents carry cache headers; a list is answered 304 when unchanged.
    let certificate = world.certificate(0).await;
    let (_, credential) = download(&world.admin, &certificate.code).await;
    let value = json(&credential);
    let url = value["credentialStatus"]["statusListCredential"]
        .as_str()
        .expect("url");
    let path = url
        .strip_prefix(&world.server.url)
        .expect("here")
        .to_string();
    let response = browser.get(&path).await;
    assert_eq!(
        response.headers()["cache-control"].to_str().ok(),
        Some("public, max-age=60")
    );
    let etag = response.headers()["etag"].clone();
    let again = browser
        .http
        .get(browser.url(&path))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("again");
    assert_eq!(again.status(), 304);
    let (status, _) = browser
        .page(&format!("/sertifikat/status/{}/x.json", world.agency.0))
        .await;
    assert_eq!(status, 404);
    let (status, _) = browser
        .page("/.well-known/pamong/lembaga/99999/kunci.json")
        .await;
    assert_eq!(status, 404);
    world.server.stop().await;
}

#[tokio::test]
async fn checks_from_one_address_are_limited() {
    let world = CredentialsWorld::start(0).await;
    let client = world.server.new_client();
    let limit = app::ssr::credentials::http::CHECKS_PER_WINDOW as usize;
    for n in 0..limit {
        let (status, _) = check_as_json(&client, b"{}".to_vec()).await;
        assert_eq!(
            status, 400,
            "check {n} is read (and refused as not a credential)"
        );
    }
    let part = reqwest::multipart::Part::bytes(b"{}".to_vec())
        .file_name("kredensial.json")
        .mime_str("application/json")
        .expect("type");
    let refused = client
        .http
        .post(client.url("/sertifikat/periksa"))
        .header("origin", &client.base)
        .header("accept", "application/json")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("check");
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    world.server.stop().await;
}
