//! Limits on password checks and account creation over real HTTP, fired all at once: a limit that
//! holds one request at a time must also hold when a hundred arrive in the same instant.

use app::model::{ErrorKind, Role};
use pamong_tests::harness::{self, error_of, Client, Options, TestServer};
use std::future::Future;

const PASSWORD: &str = "kata-sandi-uji-1";

/// Runs `n` requests made by `request(i)` at the same instant and returns their statuses.
async fn all_at_once<F, Fut>(n: usize, request: F) -> Vec<u16>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = reqwest::Response> + Send + 'static,
{
    harness::all_at_once(n, request)
        .await
        .into_iter()
        .map(|(status, _)| status)
        .collect()
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

/// Signs in through a proxy that sent `X-Forwarded-For: forwarded_for`.
async fn sign_in_via_proxy(
    client: &Client,
    forwarded_for: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    client
        .http
        .post(client.url("/api/sign_in"))
        .header("origin", &client.base)
        .header("accept", "application/json")
        .header("x-forwarded-for", forwarded_for)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("POST")
}

/// The `Retry-After` of a 429 answer, in seconds.
fn retry_after(response: &reqwest::Response) -> u64 {
    response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_simultaneous_wrong_passwords_for_one_account_check_at_most_five() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    let statuses = all_at_once(100, |_| {
        let client = server.new_client();
        async move { client.sign_in("guru@uji.id", "salah-salah").await }
    })
    .await;
    let (checked, refused) = (count(&statuses, 401), count(&statuses, 429));
    assert_eq!(checked + refused, 100, "{statuses:?}");
    assert!(
        (1..=5).contains(&checked),
        "{checked} wrong passwords were checked, the limit is 5: {statuses:?}"
    );

    let response = server.new_client().sign_in("guru@uji.id", PASSWORD).await;
    assert_eq!(
        response.status(),
        429,
        "the account waits, right password or not"
    );
    assert!(retry_after(&response) > 0);
    let error = error_of(response).await;
    assert_eq!(error.kind, ErrorKind::TooManyAttempts);
    assert!(error.message.contains("Coba lagi"), "{}", error.message);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_guesses_at_many_accounts_from_one_address_stop_at_its_limit() {
    let server = TestServer::start_with(Options {
        sign_in_max_per_address: Some(8),
        ..Options::default()
    })
    .await;
    let statuses = all_at_once(100, |i| {
        let client = server.new_client();
        async move {
            client
                .sign_in(&format!("tebak{i}@uji.id"), "salah-salah")
                .await
        }
    })
    .await;
    let checked = count(&statuses, 401);
    assert_eq!(checked + count(&statuses, 429), 100, "{statuses:?}");
    assert!(
        (1..=8).contains(&checked),
        "{checked} guesses were checked from one address, the limit is 8: {statuses:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_sign_ups_from_one_address_stop_at_its_limit() {
    let server = TestServer::start_with(Options {
        sign_up_max_per_address: Some(5),
        ..Options::default()
    })
    .await;
    let statuses = all_at_once(40, |i| {
        let client = server.new_client();
        async move {
            let email = format!("guru{i}@sekolah.sch.id");
            client
                .call(
                    "sign_up",
                    &[
                        ("name", "Guru Baru"),
                        ("email", &email),
                        ("nip", ""),
                        ("password", PASSWORD),
                        ("password_confirm", PASSWORD),
                    ],
                )
                .await
        }
    })
    .await;
    let created = count(&statuses, 200);
    assert_eq!(created + count(&statuses, 429), 40, "{statuses:?}");
    assert!((1..=5).contains(&created), "{statuses:?}");
    let (users,): (i64,) = sqlx::query_as("select count(*) from app_user")
        .fetch_one(&server.db)
        .await
        .expect("count");
    assert_eq!(users, created as i64);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_sign_ups_of_one_email_stop_at_the_account_limit() {
    let server = TestServer::start().await;
    let statuses = all_at_once(40, |_| {
        let client = server.new_client();
        async move {
            client
                .call(
                    "sign_up",
                    &[
                        ("name", "Guru Kembar"),
                        ("email", "kembar@sekolah.sch.id"),
                        ("nip", ""),
                        ("password", PASSWORD),
                        ("password_confirm", PASSWORD),
                    ],
                )
                .await
        }
    })
    .await;
    let answered = count(&statuses, 200) + count(&statuses, 400);
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    assert_eq!(answered + count(&statuses, 429), 40, "{statuses:?}");
    assert!(
        answered <= 5,
        "{answered} sign-ups of one e-mail were processed, the limit is 5: {statuses:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_wrong_current_passwords_stop_at_the_account_limit() {
    let server = TestServer::start().await;
    server
        .user(Role::Mentor, "mentor@uji.id", PASSWORD, None)
        .await;
    let client = server.new_client();
    assert_eq!(
        client.sign_in("mentor@uji.id", PASSWORD).await.status(),
        200
    );
    let statuses = all_at_once(100, |_| {
        let client = client.clone();
        async move {
            client
                .call(
                    "change_password",
                    &[
                        ("current_password", "bukan-sandinya"),
                        ("new_password", "sandi-baru-123"),
                        ("new_password_confirm", "sandi-baru-123"),
                    ],
                )
                .await
        }
    })
    .await;
    let checked = count(&statuses, 400);
    assert_eq!(checked + count(&statuses, 429), 100, "{statuses:?}");
    assert!(
        (1..=5).contains(&checked),
        "{checked} current passwords were checked, the limit is 5: {statuses:?}"
    );

    // The owner, once the short delay has passed, changes the password.
    server.clock.advance(31);
    let changed = client
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
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_admin_creating_accounts_at_once_stops_at_the_limit() {
    let server = TestServer::start_with(Options {
        sign_up_max_per_address: Some(5),
        ..Options::default()
    })
    .await;
    let places = server.institutions().await;
    server
        .user(Role::Admin, "admin@uji.id", PASSWORD, Some(places.agency))
        .await;
    let admin = server.new_client();
    assert_eq!(admin.sign_in("admin@uji.id", PASSWORD).await.status(), 200);
    let statuses = all_at_once(20, |i| {
        let admin = admin.clone();
        async move {
            let email = format!("mentor{i}@uji.id");
            admin
                .call(
                    "create_account",
                    &[
                        ("name", "Mentor Baru"),
                        ("email", &email),
                        ("role", "mentor"),
                        ("password", PASSWORD),
                        ("password_confirm", PASSWORD),
                    ],
                )
                .await
        }
    })
    .await;
    let created = count(&statuses, 200);
    assert_eq!(created + count(&statuses, 429), 20, "{statuses:?}");
    assert!((1..=5).contains(&created), "{statuses:?}");
    server.stop().await;
}

#[tokio::test]
async fn a_client_written_forwarded_for_does_not_change_the_counted_address() {
    let server = TestServer::start_with(Options {
        sign_in_max_per_address: Some(8),
        trust_forwarded_for: true,
        ..Options::default()
    })
    .await;
    // The client writes a new address in front each time; our proxy appends the one it saw.
    for n in 0..8 {
        let response = sign_in_via_proxy(
            &server.client,
            &format!("203.0.113.{n}, 198.51.100.7"),
            &format!("tebak{n}@uji.id"),
            "salah-salah",
        )
        .await;
        assert_eq!(response.status(), 401, "guess {n}");
    }
    let response = sign_in_via_proxy(
        &server.client,
        "203.0.113.200, 198.51.100.7",
        "tebak-lagi@uji.id",
        "salah-salah",
    )
    .await;
    assert_eq!(
        response.status(),
        429,
        "the address the proxy saw is blocked, whatever the client wrote"
    );
    // Another client behind the same proxy is counted on its own.
    let response = sign_in_via_proxy(
        &server.client,
        "198.51.100.7, 198.51.100.8",
        "tebak-lain@uji.id",
        "salah-salah",
    )
    .await;
    assert_eq!(response.status(), 401);
    server.stop().await;
}

#[tokio::test]
async fn the_owner_signs_in_after_a_short_delay_that_grows_with_each_failure() {
    let server = TestServer::start().await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    for _ in 0..5 {
        let response = server.new_client().sign_in("guru@uji.id", "salah").await;
        assert_eq!(response.status(), 401);
    }
    let response = server.new_client().sign_in("guru@uji.id", PASSWORD).await;
    assert_eq!(response.status(), 429);
    let first_wait = retry_after(&response);
    assert!((1..=30).contains(&first_wait), "{first_wait}");

    // After the delay one more guess is checked, and the next delay is twice as long.
    server.clock.advance(31);
    let response = server.new_client().sign_in("guru@uji.id", "salah").await;
    assert_eq!(response.status(), 401);
    let response = server.new_client().sign_in("guru@uji.id", PASSWORD).await;
    assert_eq!(response.status(), 429);
    let second_wait = retry_after(&response);
    assert!((31..=60).contains(&second_wait), "{second_wait}");

    // The owner waits it out and signs in; that clears the account's count.
    server.clock.advance(61);
    let owner = server.new_client();
    assert_eq!(owner.sign_in("guru@uji.id", PASSWORD).await.status(), 200);
    for _ in 0..5 {
        let response = server.new_client().sign_in("guru@uji.id", "salah").await;
        assert_eq!(response.status(), 401, "the count started again");
    }
    server.stop().await;
}

#[tokio::test]
async fn a_blocked_attacker_address_does_not_lock_the_owner_out() {
    let server = TestServer::start_with(Options {
        sign_in_max_per_address: Some(8),
        trust_forwarded_for: true,
        ..Options::default()
    })
    .await;
    server
        .user(Role::Participant, "guru@uji.id", PASSWORD, None)
        .await;
    let attacker = "198.51.100.66";
    for _ in 0..5 {
        let response = sign_in_via_proxy(&server.client, attacker, "guru@uji.id", "tebakan").await;
        assert_eq!(response.status(), 401);
    }
    for n in 0..3 {
        let response = sign_in_via_proxy(
            &server.client,
            attacker,
            &format!("lain{n}@uji.id"),
            "tebakan",
        )
        .await;
        assert_eq!(response.status(), 401);
    }

    server.clock.advance(31);
    // The attacker's address stays blocked, even with the right password...
    let response = sign_in_via_proxy(&server.client, attacker, "guru@uji.id", PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert!(
        retry_after(&response) > 31,
        "the address is blocked for the window"
    );
    // ...while the owner, from their own address, signs in once the short delay has passed.
    let owner = server.new_client();
    let response = sign_in_via_proxy(&owner, "198.51.100.7", "guru@uji.id", PASSWORD).await;
    assert_eq!(response.status(), 200);
    server.stop().await;
}
