//! Accounts over real HTTP: sign-up, sign-in, throttling, sessions, origins and authorization.

use app::model::{ErrorKind, Role};
use pamong_tests::harness::{error_of, location, Options, TestServer};

const PASSWORD: &str = "kata-sandi-uji-1";

/// Calls `create_account` as `client` with the test password.
async fn create_account(
    client: &pamong_tests::harness::Client,
    email: &str,
    role: &str,
    institution: Option<&str>,
) -> reqwest::Response {
    let mut form = vec![
        ("name", "Akun Baru"),
        ("email", email),
        ("role", role),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    if let Some(id) = institution {
        form.push(("institution_id", id));
    }
    client.call("create_account", &form).await
}

#[tokio::test]
async fn health_checks_the_database() {
    let server = TestServer::start().await;
    let (status, body) = server.client.page("/healthz").await;
    assert_eq!(status, 200);
    assert!(body.contains(r#""database":"ok""#), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn participant_signs_up_and_lands_on_their_home_page() {
    let server = TestServer::start().await;
    let client = &server.client;
    let response = client
        .call(
            "sign_up",
            &[
                ("name", "Sri Wahyuni"),
                ("email", "Sri@Sekolah.sch.id"),
                ("nip", "19800412 200501 2 003"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(location(&response).as_deref(), Some("/peserta"));

    let (status, body) = client.page("/peserta").await;
    assert_eq!(status, 200);
    assert!(body.contains("Selamat datang, Sri Wahyuni"), "{body}");
    assert!(
        body.contains("Akun Anda sudah dibuat"),
        "the welcome notice is shown once: {body}"
    );
    let (_, again) = client.page("/peserta").await;
    assert!(
        !again.contains("Akun Anda sudah dibuat"),
        "the notice is shown only once"
    );

    // The e-mail was stored lower-cased, the NIP as 18 digits.
    let (email, nip): (String, Option<String>) = sqlx::query_as("select email, nip from app_user")
        .fetch_one(&server.db)
        .await
        .expect("user row");
    assert_eq!(email, "sri@sekolah.sch.id");
    assert_eq!(nip.as_deref(), Some("198004122005012003"));
    server.stop().await;
}

#[tokio::test]
async fn sign_up_reports_each_bad_field_in_the_users_language() {
    let server = TestServer::start().await;
    let response = server
        .client
        .call(
            "sign_up",
            &[
                ("name", ""),
                ("email", "bukan-email"),
                ("nip", "19801312 200501 2 003"),
                ("password", "pendek"),
                ("password_confirm", "pendek"),
            ],
        )
        .await;
    assert_eq!(response.status(), 400);
    let error = error_of(response).await;
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(error.field_message("name"), Some("Wajib diisi."));
    assert!(error
        .field_message("email")
        .is_some_and(|m| m.starts_with("Alamat e-mail tidak valid")));
    assert!(
        error
            .field_message("nip")
            .is_some_and(|m| m.contains("tanggal lahir")),
        "{error:?}"
    );
    assert!(error
        .field_message("password")
        .is_some_and(|m| m.contains("8 karakter")));

    server.client.set_cookie("lang", "en");
    let response = server
        .client
        .call(
            "sign_up",
            &[
                ("name", "Budi"),
                ("email", "budi@sekolah.sch.id"),
                ("nip", "1978110320031210"),
                ("password", PASSWORD),
                ("password_confirm", "lain-lain-lain"),
            ],
        )
        .await;
    let error = error_of(response).await;
    assert_eq!(
        error.field_message("nip"),
        Some("A NIP has 18 digits; this one has 16.")
    );
    assert_eq!(
        error.field_message("password_confirm"),
        Some("The two passwords differ.")
    );
    let (count,): (i64,) = sqlx::query_as("select count(*) from app_user")
        .fetch_one(&server.db)
        .await
        .expect("count");
    assert_eq!(count, 0, "nothing is saved from an invalid form");
    server.stop().await;
}

#[tokio::test]
async fn a_taken_email_is_reported_on_the_email_field() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@sekolah.sch.id", PASSWORD, None)
        .await;
    let response = server
        .client
        .call(
            "sign_up",
            &[
                ("name", "Guru Lain"),
                ("email", "GURU@sekolah.sch.id"),
                ("nip", ""),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 400);
    let error = error_of(response).await;
    assert!(
        error
            .field_message("email")
            .is_some_and(|m| m.contains("sudah terdaftar")),
        "{error:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn each_role_signs_in_to_its_own_home_and_not_another() {
    let server = TestServer::start().await;
    let places = server.institutions().await;
    server
        .user(Role::Admin, "admin@uji.id", PASSWORD, Some(places.agency))
        .await;
    server
        .user(Role::Mentor, "mentor@uji.id", PASSWORD, Some(places.agency))
        .await;
    server
        .user(
            Role::Participant,
            "peserta@uji.id",
            PASSWORD,
            Some(places.school_a),
        )
        .await;

    for (email, home, other) in [
        ("admin@uji.id", "/admin", "/peserta"),
        ("mentor@uji.id", "/mentor", "/admin"),
        ("peserta@uji.id", "/peserta", "/mentor"),
    ] {
        let client = server.new_client();
        let response = client.sign_in(email, PASSWORD).await;
        assert_eq!(response.status(), 200, "{email}");
        assert_eq!(location(&response).as_deref(), Some(home), "{email}");
        let (status, body) = client.page(home).await;
        assert_eq!(status, 200, "{email} at {home}");
        assert!(body.contains("Selamat datang"), "{body}");
        let (status, body) = client.page(other).await;
        assert_eq!(status, 403, "{email} at {other}");
        assert!(body.contains("Tidak diizinkan"), "{body}");
        let response = client.get("/").await;
        assert_eq!(location(&response).as_deref(), Some(home));
    }
    server.stop().await;
}

#[tokio::test]
async fn a_signed_out_visitor_is_sent_to_sign_in_and_back() {
    let server = TestServer::start().await;
    server
        .user(
            Role::Admin,
            "admin@uji.id",
            PASSWORD,
            Some(server.institutions().await.agency),
        )
        .await;
    let response = server.client.get("/admin/pengguna?q=sri").await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        location(&response).as_deref(),
        Some("/masuk?next=/admin/pengguna%3Fq%3Dsri")
    );
    let response = server
        .client
        .call(
            "sign_in",
            &[
                ("email", "admin@uji.id"),
                ("password", PASSWORD),
                ("next", "/admin/pengguna?q=sri"),
            ],
        )
        .await;
    assert_eq!(
        location(&response).as_deref(),
        Some("/admin/pengguna?q=sri")
    );
    // An absolute `next` is ignored: no open redirect.
    let response = server
        .new_client()
        .call(
            "sign_in",
            &[
                ("email", "admin@uji.id"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(location(&response).as_deref(), Some("/admin"));
    server.stop().await;
}

#[tokio::test]
async fn a_wrong_password_is_refused_without_saying_which_part_was_wrong() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    let wrong_password = server.client.sign_in("guru@uji.id", "salah-salah").await;
    assert_eq!(wrong_password.status(), 401);
    let unknown_email = server
        .client
        .sign_in("tidak-ada@uji.id", "salah-salah")
        .await;
    assert_eq!(unknown_email.status(), 401);
    assert_eq!(
        error_of(wrong_password).await.message,
        error_of(unknown_email).await.message
    );
    assert!(
        server.client.cookie(server::SESSION_COOKIE).is_none(),
        "no session for a failed sign-in"
    );
    server.stop().await;
}

#[tokio::test]
async fn repeated_failures_on_one_account_get_429_for_a_while() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    for _ in 0..5 {
        assert_eq!(
            server
                .client
                .sign_in("guru@uji.id", "salah-salah")
                .await
                .status(),
            401
        );
    }
    // Locked now, even with the right password, and from another address or browser.
    let response = server.new_client().sign_in("guru@uji.id", PASSWORD).await;
    assert_eq!(response.status(), 429);
    let wait: u64 = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!(wait > 0 && wait <= 15 * 60, "{wait}");
    let error = error_of(response).await;
    assert_eq!(error.kind, ErrorKind::TooManyAttempts);
    assert!(error.message.contains("menit"), "{}", error.message);

    // Another account is not affected.
    server
        .user(Role::Participant, "guru2@uji.id", PASSWORD, None)
        .await;
    assert_eq!(
        server
            .new_client()
            .sign_in("guru2@uji.id", PASSWORD)
            .await
            .status(),
        200
    );

    // The wait ends: move the server's clock past it.
    server.clock.advance(901);
    assert_eq!(
        server
            .new_client()
            .sign_in("guru@uji.id", PASSWORD)
            .await
            .status(),
        200
    );
    server.stop().await;
}

#[tokio::test]
async fn repeated_failures_from_one_address_get_429() {
    let server = TestServer::start_with(Options {
        sign_in_max_per_address: Some(8),
        ..Options::default()
    })
    .await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    for n in 0..8 {
        let response = server
            .client
            .sign_in(&format!("tebak{n}@uji.id"), "salah-salah")
            .await;
        assert_eq!(response.status(), 401);
    }
    assert_eq!(
        server
            .client
            .sign_in("guru@uji.id", PASSWORD)
            .await
            .status(),
        429
    );
    server.stop().await;
}

#[tokio::test]
async fn signing_in_rotates_the_session_id_and_signing_out_destroys_it() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    let client = &server.client;
    assert_eq!(client.sign_in("guru@uji.id", PASSWORD).await.status(), 200);
    let first = client
        .cookie(server::SESSION_COOKIE)
        .expect("session cookie after sign-in");
    assert_eq!(client.page("/peserta").await.0, 200);

    // Signing in again (e.g. on a shared computer) issues a new id; the old one is dead.
    assert_eq!(client.sign_in("guru@uji.id", PASSWORD).await.status(), 200);
    let second = client
        .cookie(server::SESSION_COOKIE)
        .expect("session cookie");
    assert_ne!(first, second, "the session id changes at sign-in");
    let stale = server.new_client();
    stale.set_cookie(server::SESSION_COOKIE, &first);
    assert_eq!(
        stale.get("/peserta").await.status(),
        302,
        "the old session id no longer signs anyone in"
    );

    let stolen = server.new_client();
    stolen.set_cookie(server::SESSION_COOKIE, &second);
    assert_eq!(stolen.page("/peserta").await.0, 200);
    let sessions_before = server::session_store::count(&server.db)
        .await
        .expect("count");
    let response = client.call("sign_out", &[]).await;
    assert_eq!(location(&response).as_deref(), Some("/masuk"));
    assert_eq!(
        server::session_store::count(&server.db)
            .await
            .expect("count"),
        sessions_before - 1
    );
    assert_eq!(
        stolen.get("/peserta").await.status(),
        302,
        "the session is destroyed on the server"
    );
    server.stop().await;
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    let response = server.client.sign_in("guru@uji.id", PASSWORD).await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(server::SESSION_COOKIE))
        .expect("session cookie")
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    server.stop().await;
}

#[tokio::test]
async fn posts_from_a_foreign_origin_are_refused() {
    let server = TestServer::start().await;
    let form = [
        ("name", "Penyusup"),
        ("email", "x@evil.example"),
        ("nip", ""),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let foreign = server
        .client
        .http
        .post(server.client.url("/api/sign_up"))
        .header("origin", "https://evil.example")
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(foreign.status(), 403);
    assert_eq!(error_of(foreign).await.kind, ErrorKind::ForeignOrigin);
    let anonymous = server
        .client
        .http
        .post(server.client.url("/api/sign_up"))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(
        anonymous.status(),
        403,
        "a post with neither Origin nor Referer is refused"
    );
    let foreign_referer = server
        .client
        .http
        .post(server.client.url("/api/set_language"))
        .header("referer", "https://evil.example/page")
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(foreign_referer.status(), 403);
    let (count,): (i64,) = sqlx::query_as("select count(*) from app_user")
        .fetch_one(&server.db)
        .await
        .expect("count");
    assert_eq!(count, 0, "the refused sign-up created nothing");
    server.stop().await;
}

#[tokio::test]
async fn a_participant_cannot_call_admin_server_functions() {
    let server = TestServer::start().await;
    let places = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@uji.id", PASSWORD, Some(places.agency))
        .await;
    server
        .user(
            Role::Participant,
            "guru@uji.id",
            PASSWORD,
            Some(places.school_a),
        )
        .await;

    let anonymous = server.client.call("list_accounts", &[]).await;
    assert_eq!(anonymous.status(), 401);

    server.client.sign_in("guru@uji.id", PASSWORD).await;
    let listing = server.client.call("list_accounts", &[]).await;
    assert_eq!(listing.status(), 403);
    assert_eq!(error_of(listing).await.kind, ErrorKind::Forbidden);
    let id = admin.0.to_string();
    let promote = server
        .client
        .call("change_role", &[("user_id", &id), ("role", "participant")])
        .await;
    assert_eq!(promote.status(), 403);
    let create = create_account(&server.client, "x@uji.id", "admin", None).await;
    assert_eq!(create.status(), 403);
    let (role,): (String,) = sqlx::query_as("select role from app_user where id = $1")
        .bind(admin.0)
        .fetch_one(&server.db)
        .await
        .expect("role");
    assert_eq!(role, "admin");
    let (count,): (i64,) = sqlx::query_as("select count(*) from app_user")
        .fetch_one(&server.db)
        .await
        .expect("count");
    assert_eq!(count, 2);
    server.stop().await;
}

#[tokio::test]
async fn admins_create_accounts_and_change_roles_within_their_scope_only() {
    let server = TestServer::start().await;
    let places = server.institutions().await;
    let district_admin = server
        .user(
            Role::Admin,
            "dinas-a@uji.id",
            PASSWORD,
            Some(places.district_a),
        )
        .await;
    let teacher_a = server
        .user(
            Role::Participant,
            "guru-a@uji.id",
            PASSWORD,
            Some(places.school_a),
        )
        .await;
    let teacher_b = server
        .user(
            Role::Participant,
            "guru-b@uji.id",
            PASSWORD,
            Some(places.school_b),
        )
        .await;
    let client = &server.client;
    client.sign_in("dinas-a@uji.id", PASSWORD).await;

    let school_a = places.school_a.0.to_string();
    let created = create_account(client, "mentor.baru@uji.id", "mentor", Some(&school_a)).await;
    assert_eq!(created.status(), 200);
    assert_eq!(
        server
            .new_client()
            .sign_in("mentor.baru@uji.id", PASSWORD)
            .await
            .status(),
        200
    );

    let school_b = places.school_b.0.to_string();
    let outside = create_account(client, "x@uji.id", "mentor", Some(&school_b)).await;
    assert_eq!(outside.status(), 400);
    assert!(error_of(outside)
        .await
        .field_message("institution_id")
        .is_some());
    let participant_role = create_account(client, "y@uji.id", "participant", None).await;
    assert!(error_of(participant_role)
        .await
        .field_message("role")
        .is_some());

    let id_a = teacher_a.0.to_string();
    assert_eq!(
        client
            .call("change_role", &[("user_id", &id_a), ("role", "mentor")])
            .await
            .status(),
        200
    );
    let id_b = teacher_b.0.to_string();
    assert_eq!(
        client
            .call("change_role", &[("user_id", &id_b), ("role", "admin")])
            .await
            .status(),
        404,
        "another district's teacher"
    );
    let own = district_admin.0.to_string();
    assert_eq!(
        client
            .call("change_role", &[("user_id", &own), ("role", "participant")])
            .await
            .status(),
        403
    );

    let page = client.call("list_accounts", &[]).await;
    let page: app::model::accounts::AccountPage = page.json().await.expect("page");
    let emails: Vec<_> = page
        .users
        .iter()
        .map(|u| u.email.as_deref().unwrap_or_default())
        .collect();
    assert!(
        emails.contains(&"guru-a@uji.id") && !emails.contains(&"guru-b@uji.id"),
        "{emails:?}"
    );
    assert_eq!(page.total, 3);
    server.stop().await;
}

#[tokio::test]
async fn a_role_change_ends_the_accounts_open_sessions() {
    let server = TestServer::start().await;
    let places = server.institutions().await;
    server
        .user(Role::Admin, "admin@uji.id", PASSWORD, Some(places.agency))
        .await;
    let teacher = server
        .user(
            Role::Participant,
            "guru@uji.id",
            PASSWORD,
            Some(places.school_a),
        )
        .await;
    let teacher_browser = server.new_client();
    teacher_browser.sign_in("guru@uji.id", PASSWORD).await;
    assert_eq!(teacher_browser.page("/peserta").await.0, 200);
    server.client.sign_in("admin@uji.id", PASSWORD).await;
    let id = teacher.0.to_string();
    assert_eq!(
        server
            .client
            .call("change_role", &[("user_id", &id), ("role", "mentor")])
            .await
            .status(),
        200
    );
    assert_eq!(
        teacher_browser.get("/peserta").await.status(),
        302,
        "signed out by the role change"
    );
    server.stop().await;
}

#[tokio::test]
async fn changing_the_password_signs_out_other_devices() {
    let server = TestServer::start().await;
    server
        .user(Role::Mentor, "mentor@uji.id", PASSWORD, None)
        .await;
    let laptop = server.new_client();
    let phone = server.new_client();
    laptop.sign_in("mentor@uji.id", PASSWORD).await;
    phone.sign_in("mentor@uji.id", PASSWORD).await;

    let wrong = laptop
        .call(
            "change_password",
            &[
                ("current_password", "bukan"),
                ("new_password", "sandi-baru-123"),
                ("new_password_confirm", "sandi-baru-123"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 400);
    assert!(error_of(wrong)
        .await
        .field_message("current_password")
        .is_some());

    let changed = laptop
        .call(
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "sandi-baru-123"),
                ("new_password_confirm", "sandi-baru-123"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(
        laptop.page("/mentor").await.0,
        200,
        "this device stays signed in"
    );
    assert_eq!(
        phone.get("/mentor").await.status(),
        302,
        "the other device is signed out"
    );
    assert_eq!(
        server
            .new_client()
            .sign_in("mentor@uji.id", PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        server
            .new_client()
            .sign_in("mentor@uji.id", "sandi-baru-123")
            .await
            .status(),
        200
    );
    server.stop().await;
}

#[tokio::test]
async fn without_javascript_a_failed_form_comes_back_with_its_message_and_values() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    let client = &server.client;

    let response = client
        .submit(
            "/daftar",
            "sign_up",
            &[
                ("name", "Siti"),
                ("email", "siti@uji.id"),
                ("nip", "123"),
                ("password", "rahasia-siti-1"),
                ("password_confirm", "rahasia-siti-1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response).as_deref(), Some("/daftar"));
    let (status, body) = client.page("/daftar").await;
    assert_eq!(
        status, 400,
        "the form page shown again answers like the failed post"
    );
    assert!(
        body.contains("NIP harus 18 angka; yang diisi 3 angka."),
        "{body}"
    );
    assert!(
        body.contains(r#"value="siti@uji.id""#),
        "typed values are kept: {body}"
    );
    assert!(body.contains(r#"value="Siti""#), "{body}");
    assert!(
        !body.contains("rahasia-siti-1"),
        "passwords are never echoed"
    );
    let (status, body) = client.page("/daftar").await;
    assert_eq!(status, 200, "the flash is shown once");
    assert!(!body.contains("NIP harus 18 angka"));

    // Sign-in without JavaScript: the error, then a lock-out shown with status 429.
    for _ in 0..5 {
        let response = client
            .submit(
                "/masuk",
                "sign_in",
                &[("email", "guru@uji.id"), ("password", "salah-salah")],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    let (status, body) = client.page("/masuk").await;
    assert_eq!(status, 401);
    assert!(
        body.contains("E-mail, NIP/NUPTK atau kata sandi salah."),
        "{body}"
    );
    client
        .submit(
            "/masuk",
            "sign_in",
            &[("email", "guru@uji.id"), ("password", PASSWORD)],
        )
        .await;
    let (status, body) = client.page("/masuk").await;
    assert_eq!(status, 429);
    assert!(body.contains("Terlalu banyak percobaan"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn without_javascript_success_redirects_like_a_normal_site() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    let response = server
        .client
        .submit(
            "/masuk",
            "sign_in",
            &[("email", "guru@uji.id"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response).as_deref(), Some("/peserta"));
    server.stop().await;
}
