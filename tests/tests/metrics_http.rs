//! `GET /metrics` and request ids over HTTP: the metrics answer the allowed addresses only
//! (behind a trusted proxy, the address it forwarded), count requests by route pattern (never
//! by raw path), and every response carries a request id.

use pamong_tests::harness::{Options, TestServer};
use pamong_tests::quiz_support::{self, open_quiz, QuizOptions, SCRIPT};

async fn metrics(url: &str, forwarded_for: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new().get(format!("{url}/metrics"));
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    let response = request.send().await.expect("GET /metrics");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_routes_saves_and_queues_for_an_allowed_address() {
    let server = TestServer::start().await;
    let fixture = open_quiz(&server, QuizOptions::default()).await;
    let (_, _, client) = &fixture.people[0];
    let (_, attempt) = quiz_support::start(client, fixture.quiz, SCRIPT).await;
    let attempt = attempt.expect("attempt");
    let question = fixture.questions[0].id;
    let option = fixture.questions[0].options[1].to_string();
    let (status, _) = quiz_support::save(client, attempt, &[(question, 1, &option)]).await;
    assert!(status < 300);
    // Twenty invented addresses under one route pattern, and one that matches nothing.
    for n in 0..20 {
        let _ = server
            .client
            .get(&format!("/admin/angkatan/{}/peserta", 900_000 + n))
            .await;
    }
    let _ = server.client.get("/tidak/ada/sama/sekali").await;
    // Invented server functions (leptos refuses them with 400) add no label each.
    for n in 0..20 {
        let response = server
            .client
            .call(&format!("fungsi_karangan_{n}"), &[])
            .await;
        assert!(!response.status().is_success());
    }

    let (status, body) = metrics(&server.url, None).await;
    assert_eq!(status, 200, "{body}");
    for family in [
        "pamong_http_requests_total",
        "pamong_http_request_duration_seconds_bucket",
        "pamong_quiz_answer_group_saves_count",
        "pamong_quiz_answer_queue",
        "pamong_live_streams",
        "pamong_jobs_waiting{kind=\"import\"}",
        "pamong_jobs_lag_seconds{kind=\"certificate\"}",
        "pamong_outbox_backlog",
    ] {
        assert!(body.contains(family), "{family} missing:\n{body}");
    }
    // The save's group was observed.
    let groups: f64 = body
        .lines()
        .find(|l| l.starts_with("pamong_quiz_answer_group_saves_count"))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .expect("group count");
    assert!(groups >= 1.0, "{body}");
    // The roster's twenty addresses are one route, counted twenty times.
    let roster: Vec<&str> = body
        .lines()
        .filter(|l| l.starts_with("pamong_http_requests_total") && l.contains("/peserta\""))
        .filter(|l| l.contains("angkatan/{id}/peserta") || l.contains("angkatan/:id/peserta"))
        .collect();
    let counted: f64 = roster
        .iter()
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum();
    assert_eq!(counted, 20.0, "{roster:?}\n{body}");
    // Only the label sets are searched: a value such as 0.0015604890000000002 holds "900000".
    let labels: Vec<&str> = body
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| Some(&l[l.find('{')?..=l.rfind('}')?]))
        .collect();
    assert!(!labels.is_empty(), "{body}");
    for raw in ["900000", "tidak/ada", "karangan"] {
        assert!(
            labels.iter().all(|l| !l.contains(raw)),
            "a raw path ({raw}) became a label:\n{body}"
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_refused_to_addresses_not_allowed() {
    // Only a network the test machine is not in.
    let server = TestServer::start_with(Options {
        configure: Some(|c| c.metrics_allow = "10.9.9.0/24".to_string()),
        ..Options::default()
    })
    .await;
    let (status, body) = metrics(&server.url, None).await;
    assert_eq!(status, 404, "{body}");
    assert!(!body.contains("pamong_"));
    // X-Forwarded-For is not believed when no proxy is trusted.
    let (status, _) = metrics(&server.url, Some("10.9.9.7")).await;
    assert_eq!(status, 404);
    server.stop().await;

    // Behind a trusted proxy (on loopback), the forwarded address decides.
    let server = TestServer::start_with(Options {
        trust_forwarded_for: true,
        configure: Some(|c| c.metrics_allow = "10.9.9.0/24".to_string()),
        ..Options::default()
    })
    .await;
    let (status, _) = metrics(&server.url, Some("203.0.113.5")).await;
    assert_eq!(status, 404, "an outside client through the proxy");
    let (status, body) = metrics(&server.url, Some("10.9.9.7")).await;
    assert_eq!(status, 200, "the monitoring host through the proxy: {body}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_a_request_id() {
    let server = TestServer::start().await;
    let http = reqwest::Client::new();
    let mut seen = std::collections::HashSet::new();
    for path in ["/healthz", "/masuk", "/tidak-ada"] {
        let response = http
            .get(format!("{}{path}", server.url))
            .send()
            .await
            .expect("GET");
        let id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{path}: no request id"));
        assert!(id.len() >= 32, "{id}");
        assert!(seen.insert(id), "ids are unique");
    }
    // A proxy's own id is kept, so that its log and ours name the same request.
    let response = http
        .get(format!("{}/healthz", server.url))
        .header("x-request-id", "nginx-5f2c9a")
        .send()
        .await
        .expect("GET");
    assert_eq!(
        response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("nginx-5f2c9a")
    );
    server.stop().await;
}
