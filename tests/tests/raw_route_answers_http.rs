//! How the raw routes (CSV downloads, uploads, quiz saves) answer a refusal, over real HTTP: one
//! mapping from `AppError` for every route, which depends on who asks (a browser, a script that
//! asks for JSON, a plain client) and on what was refused.

use app::model::{ErrorKind, Role};
use pamong_tests::fixtures;
use pamong_tests::harness::{error_of, location, Client, TestServer};
use reqwest::header::{ACCEPT, REFERER};

const PASSWORD: &str = "kata-sandi-uji-1";
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async fn get_as(client: &Client, path: &str, accept: &'static str) -> reqwest::Response {
    client
        .http
        .get(client.url(path))
        .header(ACCEPT, accept)
        .send()
        .await
        .expect("GET")
}

#[tokio::test]
async fn a_visitor_is_sent_to_sign_in_by_a_browser_and_refused_with_401_otherwise() {
    let server = TestServer::start().await;
    let visitor = server.new_client();
    let path = "/admin/program/1/soal.csv?x=1";

    // A browser comes back to the address it asked for after signing in.
    let page = get_as(&visitor, path, BROWSER).await;
    assert_eq!(page.status(), 303);
    assert_eq!(
        location(&page).as_deref(),
        Some("/masuk?next=/admin/program/1/soal.csv%3Fx%3D1")
    );

    // A script that asks for JSON gets the error as JSON.
    let json = get_as(&visitor, path, "application/json").await;
    assert_eq!(json.status(), 401);
    assert_eq!(
        json.headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    assert_eq!(error_of(json).await.kind, ErrorKind::Unauthenticated);

    // A plain client gets the message as text, in Indonesian by default.
    let text = get_as(&visitor, path, "text/plain").await;
    assert_eq!(text.status(), 401);
    let message = text.text().await.unwrap_or_default();
    assert!(
        !message.is_empty() && !message.starts_with('{'),
        "{message}"
    );

    // A browser's form post goes to sign in, coming back to the page it posted from.
    let post = visitor
        .http
        .post(visitor.url("/peserta/kuis/7/mulai"))
        .header(ACCEPT, BROWSER)
        .header(REFERER, visitor.url("/peserta/kuis/7"))
        .header(reqwest::header::ORIGIN, visitor.base.clone())
        .send()
        .await
        .expect("POST");
    assert_eq!(post.status(), 303);
    assert_eq!(
        location(&post).as_deref(),
        Some("/masuk?next=/peserta/kuis/7")
    );
    server.stop().await;
}

#[tokio::test]
async fn a_signed_in_caller_is_refused_with_the_status_of_the_refusal_and_never_sent_to_sign_in() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    server
        .user(Role::Participant, "guru@sekolah.test", PASSWORD, None)
        .await;
    let program = fixtures::program(&server.db, inst.district_a, admin, "published").await;

    let teacher = server.new_client();
    assert_eq!(
        teacher
            .sign_in("guru@sekolah.test", PASSWORD)
            .await
            .status(),
        200
    );
    let bank = format!("/admin/program/{program}/soal.csv");
    let refused = get_as(&teacher, &bank, BROWSER).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(location(&refused), None);

    let admin_client = server.new_client();
    assert_eq!(
        admin_client
            .sign_in("admin@bpsdm.test", PASSWORD)
            .await
            .status(),
        200
    );
    // The admin may read the bank, and a report that does not exist is not found.
    assert_eq!(get_as(&admin_client, &bank, BROWSER).await.status(), 200);
    let missing = get_as(&admin_client, "/admin/impor/999999/laporan.csv", BROWSER).await;
    assert_eq!(missing.status(), 404);

    // The message follows the caller's language (the `lang` cookie).
    let report = "/admin/impor/999999/laporan.csv";
    let indonesian = get_as(&admin_client, report, "text/plain").await;
    admin_client.set_cookie("lang", "en");
    let english = get_as(&admin_client, report, "text/plain").await;
    assert_eq!(english.status(), 404);
    assert_ne!(
        english.text().await.unwrap_or_default(),
        indonesian.text().await.unwrap_or_default(),
        "the message of a refusal is written in the caller's language"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_refused_upload_goes_back_to_its_form_for_a_browser_and_answers_400_to_a_script() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    let program = fixtures::program(&server.db, inst.district_a, admin, "published").await;
    let client = &server.client;
    assert_eq!(
        client.sign_in("admin@bpsdm.test", PASSWORD).await.status(),
        200
    );
    let form_page = format!("/admin/program/{program}/soal");
    let upload = format!("/admin/program/{program}/soal/impor");
    let not_csv = b"PK\x03\x04\x14\x00 a workbook, not a CSV file".to_vec();

    let browser = client
        .upload(
            &upload,
            &form_page,
            "soal.xlsx",
            "application/octet-stream",
            not_csv.clone(),
        )
        .await;
    assert_eq!(browser.status(), 303);
    assert_eq!(
        location(&browser).as_deref(),
        Some(format!("{form_page}#impor").as_str())
    );
    // The form shows the refusal next to the file field, with the refusal's status.
    let (status, page) = client.page(&form_page).await;
    assert_eq!(status, 400);
    assert!(
        page.contains("data-error-for=\"file\""),
        "no message at the file field"
    );

    let part = reqwest::multipart::Part::bytes(not_csv)
        .file_name("soal.xlsx")
        .mime_str("application/octet-stream")
        .expect("mime");
    let script = client
        .http
        .post(client.url(&upload))
        .header(ACCEPT, "application/json")
        .header(REFERER, client.url(&form_page))
        .header(reqwest::header::ORIGIN, client.base.clone())
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("POST");
    assert_eq!(script.status(), 400);
    let error = error_of(script).await;
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert!(error.fields.iter().any(|f| f.field == "file"), "{error:?}");
    server.stop().await;
}
