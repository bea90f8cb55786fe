//! Pages over real HTTP: language, 404, compression, headers.

use pamong_tests::harness::{location, TestServer};

#[tokio::test]
async fn pages_default_to_indonesian_and_switch_to_english() {
    let server = TestServer::start().await;
    let client = &server.client;
    let (status, body) = client.page("/masuk").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(r#"<html lang="id""#),
        "{}",
        &body[..body.len().min(300)]
    );
    assert!(body.contains("Kata sandi"));

    let response = client
        .submit(
            "/masuk",
            "set_language",
            &[("lang", "en"), ("next", "/masuk")],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response).as_deref(), Some("/masuk"));
    assert_eq!(client.cookie("lang").as_deref(), Some("en"));
    let (_, body) = client.page("/masuk").await;
    assert!(body.contains(r#"<html lang="en""#));
    assert!(
        body.contains("Password") && !body.contains("Kata sandi"),
        "{body}"
    );

    client
        .submit(
            "/masuk",
            "set_language",
            &[("lang", "id"), ("next", "/masuk")],
        )
        .await;
    let (_, body) = client.page("/masuk").await;
    assert!(body.contains("Kata sandi"));
    server.stop().await;
}

#[tokio::test]
async fn unknown_paths_get_a_404_page() {
    let server = TestServer::start().await;
    let (status, body) = server.client.page("/tidak/ada").await;
    assert_eq!(status, 404);
    assert!(body.contains("Halaman tidak ditemukan"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn pages_are_compressed_and_carry_safety_headers() {
    let server = TestServer::start().await;
    let response = server
        .client
        .http
        .get(server.client.url("/masuk"))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("GET");
    assert_eq!(
        response
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("br")
    );
    assert_eq!(
        response
            .headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("private, no-cache")
    );
    server.stop().await;
}

#[tokio::test]
async fn the_sign_in_page_works_as_a_plain_html_form() {
    let server = TestServer::start().await;
    let (_, body) = server.client.page("/masuk").await;
    assert!(
        body.contains(r#"action="/api/sign_in""#) && body.contains(r#"method="post""#),
        "{body}"
    );
    assert!(body.contains(r#"<label for="f-email""#));
    assert!(body.contains(r#"name="password""#));
    server.stop().await;
}

#[tokio::test]
async fn documents_carry_frame_and_referrer_policies_and_everything_carries_nosniff() {
    let server = TestServer::start().await;
    let header = |response: &reqwest::Response, name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let page = server.client.get("/masuk").await;
    assert_eq!(header(&page, "x-frame-options").as_deref(), Some("DENY"));
    assert_eq!(
        header(&page, "referrer-policy").as_deref(),
        Some("same-origin")
    );
    assert_eq!(
        header(&page, "x-content-type-options").as_deref(),
        Some("nosniff")
    );
    // Not a document: no frame or referrer policy to apply, only nosniff.
    let health = server.client.get("/healthz").await;
    assert_eq!(
        header(&health, "x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(header(&health, "x-frame-options"), None);
    assert_eq!(header(&health, "referrer-policy"), None);
    server.stop().await;
}
