//! Periodic background tasks under two processes on one database (PostgreSQL with
//! `PAMONG_TEST_DATABASE_URL`, else one SQLite file): each pass runs in exactly one of them (the
//! holder of the task's lease), counted by each process's own `/metrics`; when the holder stops,
//! the other takes the task over once the lease has run out.

use pamong_tests::harness::TestServer;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Passes of each task the process at `url` ran, from its `/metrics`.
async fn passes(url: &str) -> HashMap<String, u64> {
    let body = reqwest::get(format!("{url}/metrics"))
        .await
        .expect("GET /metrics")
        .text()
        .await
        .expect("body");
    body.lines()
        .filter_map(|line| line.strip_prefix("pamong_task_passes{task=\""))
        .filter_map(|rest| {
            let (task, value) = rest.split_once("\"} ")?;
            Some((task.to_string(), value.trim().parse().ok()?))
        })
        .collect()
}

const TASKS: [&str; 5] = [
    "dashboard_refresh",
    "overdue_attempts",
    "notifications",
    "attempt_counters",
    "expired_sessions",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_run_each_periodic_task_once_and_the_survivor_takes_over() {
    let mut first = TestServer::start().await;
    let second = first.second_process().await;
    // Every task's first tick comes at once; the quiz sweep then ticks every 5 s.
    tokio::time::sleep(Duration::from_secs(12)).await;
    let (a, b) = (passes(&first.url).await, passes(&second.url).await);
    for task in TASKS {
        let (in_a, in_b) = (a[task], b[task]);
        assert!(
            (in_a > 0) != (in_b > 0),
            "{task}: {in_a} passes in one process, {in_b} in the other: exactly one runs it"
        );
    }
    let sweeps = a["overdue_attempts"] + b["overdue_attempts"];
    assert!(sweeps >= 2, "the quiz sweep ran {sweeps} times in 12 s");
    // One lease row per task, each held by one owner.
    let leases: Vec<(String, String)> =
        sqlx::query_as("select name, owner from task_lease order by name")
            .fetch_all(&first.db)
            .await
            .expect("leases");
    assert_eq!(leases.len(), TASKS.len(), "{leases:?}");

    // The holder of the quiz sweep stops; the other takes it over once its lease (15 s) lapses.
    let first_held = a["overdue_attempts"] > 0;
    let (survivor_url, second) = if first_held {
        // In a test the stopped server's background loops live on in the test's runtime: closing
        // its pool ends their renewals, as the end of its process would.
        first.begin_shutdown();
        first.db.close().await;
        (second.url.clone(), Some(second))
    } else {
        second.stop().await;
        (first.url.clone(), None)
    };
    assert_eq!(passes(&survivor_url).await["overdue_attempts"], 0);
    let stopped = Instant::now();
    while passes(&survivor_url).await["overdue_attempts"] == 0 {
        assert!(
            stopped.elapsed() < Duration::from_secs(40),
            "nobody took the quiz sweep over"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let waited = stopped.elapsed();
    assert!(
        waited >= Duration::from_secs(3),
        "taken over after {waited:?}: before the holder's lease could have lapsed"
    );
    if let Some(second) = second {
        second.stop().await;
    }
    first.stop().await;
}
