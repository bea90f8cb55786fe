//! The client package under a content-addressed path: pages link `/v/<hash>/…`, which is served
//! with a year's immutable cache lifetime; pages themselves are never cached; a new build gets a
//! new path. (Its own test binary: it points the server at a site directory of its own through
//! `LEPTOS_SITE_ROOT`, which no other test may see.)

use pamong_tests::harness::TestServer;

#[tokio::test]
async fn assets_are_versioned_by_content_and_cached_for_a_year_while_pages_are_not() {
    let site = std::env::temp_dir().join(format!("pamong-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(site.join("pkg")).expect("pkg");
    std::fs::write(site.join("pkg/pamong.css"), "body{color:#123}").expect("css");
    std::fs::write(site.join("pkg/pamong.js"), "export default 1").expect("js");
    std::fs::write(
        site.join("pkg/pamong.css.br"),
        b"\x0b\x07\x80body{color:#123}\x03",
    )
    .expect("br");
    std::fs::write(site.join("favicon.ico"), b"\0\0\x01\0").expect("icon");
    // Set before any server starts in this process; read once when the server is built.
    std::env::set_var("LEPTOS_SITE_ROOT", &site);

    let server = TestServer::start().await;
    let client = server.new_client();
    let page = client.get("/masuk").await;
    assert_eq!(page.status(), 200);
    assert_eq!(
        page.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("private, no-cache"),
        "pages are never cached"
    );
    let html = page.text().await.expect("html");
    let start = html
        .find("href=\"/v/")
        .expect("the stylesheet under the versioned path");
    let href = &html[start + 6..start + 6 + html[start + 6..].find('"').expect("end")];
    assert!(href.ends_with("/pamong.css"), "{href}");
    let version = href.split('/').nth(2).expect("version");
    assert_eq!(version.len(), 16);
    assert!(
        html.contains(&format!("/v/{version}/pamong.js")),
        "the script too: {html}"
    );

    let css = client.get(href).await;
    assert_eq!(css.status(), 200);
    assert_eq!(
        css.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("public, max-age=31536000, immutable")
    );
    assert!(
        css.headers().get("last-modified").is_none()
            && css.headers().get("accept-ranges").is_none(),
        "no validators on what never changes"
    );
    assert_eq!(css.text().await.expect("css"), "body{color:#123}");
    let old_path = client.get("/pkg/pamong.css").await;
    assert_eq!(
        old_path
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-cache"),
        "the unversioned path is revalidated"
    );
    let icon = client.get("/favicon.ico").await;
    assert_eq!(
        icon.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("public, max-age=86400")
    );
    let missing = client.get(&format!("/v/{version}/nothing.js")).await;
    assert_eq!(missing.status(), 404);
    server.stop().await;

    // A new build: a new version, and the old copy is gone.
    std::fs::write(site.join("pkg/pamong.css"), "body{color:#456}").expect("css");
    let server = TestServer::start().await;
    let html = server
        .new_client()
        .get("/masuk")
        .await
        .text()
        .await
        .expect("html");
    assert!(
        !html.contains(&format!("/v/{version}/")),
        "a new path for new content"
    );
    assert!(!site.join("v").join(version).exists());
    server.stop().await;
    let _ = std::fs::remove_dir_all(&site);
}
