//! `GET /metrics` for Prometheus (OpenMetrics text, which Prometheus reads): requests and their
//! latency by route, the quiz answer writer's queue and group sizes, open live streams, the
//! background job queues (depth and lag), the e-mail outbox's backlog, and the passes of each
//! periodic task this process ran. Answered only to the
//! addresses `metrics_allow` names (after the trusted proxy's `X-Forwarded-For`, when
//! `trust_forwarded_for` is on), 404 to everyone else: it tells an outsider nothing.
//!
//! prometheus-client (the Prometheus project's own Rust client) keeps the counters and writes
//! the format.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

/// One route's requests.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteStatus {
    method: String,
    route: String,
    /// `2xx`, `3xx`, `4xx` or `5xx`.
    status: String,
}

/// One route's latency.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabel {
    method: String,
    route: String,
}

/// One periodic background task.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TaskLabel {
    task: String,
}

/// One kind of background job.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobKind {
    kind: String,
}

fn latency_histogram() -> Histogram {
    Histogram::new([
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
    ])
}

/// The process's metrics and who may read them.
pub struct Metrics {
    registry: Registry,
    requests: Family<RouteStatus, Counter>,
    latency: Family<RouteLabel, Histogram, fn() -> Histogram>,
    answer_queue: Gauge,
    live_streams: Gauge,
    jobs_waiting: Family<JobKind, Gauge>,
    jobs_lag: Family<JobKind, Gauge>,
    outbox_backlog: Gauge,
    outbox_oldest: Gauge,
    task_passes: Family<TaskLabel, Gauge>,
    allow: Vec<ipnet::IpNet>,
    trust_forwarded_for: bool,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics")
            .field("allow", &self.allow)
            .finish()
    }
}

/// Reads `metrics_allow` entries: an address (`127.0.0.1`) or a network (`10.0.0.0/8`).
pub fn parse_allow(entries: &[String]) -> anyhow::Result<Vec<ipnet::IpNet>> {
    entries
        .iter()
        .map(|entry| {
            let entry = entry.trim();
            entry
                .parse::<ipnet::IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| anyhow::anyhow!("metrics_allow: not an address or network: {entry}"))
        })
        .collect()
}

impl Metrics {
    /// Metrics readable from `allow`; `answer_groups` is the answer writer's histogram of saves
    /// per committed group (it observes, this registers).
    pub fn new(
        allow: Vec<ipnet::IpNet>,
        trust_forwarded_for: bool,
        answer_groups: Histogram,
    ) -> Metrics {
        let mut registry = Registry::with_prefix("pamong");
        let requests = Family::<RouteStatus, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route and status class",
            requests.clone(),
        );
        let latency = Family::<RouteLabel, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to the response's head, by route",
            latency.clone(),
        );
        registry.register(
            "quiz_answer_group_saves",
            "Saves committed together by the quiz answer writer, per group",
            answer_groups,
        );
        let answer_queue = Gauge::default();
        registry.register(
            "quiz_answer_queue",
            "Save requests waiting for the answer writer",
            answer_queue.clone(),
        );
        let live_streams = Gauge::default();
        registry.register(
            "live_streams",
            "Live board and unread-count streams open in this process",
            live_streams.clone(),
        );
        let jobs_waiting = Family::<JobKind, Gauge>::default();
        registry.register(
            "jobs_waiting",
            "Background jobs queued or running, by kind",
            jobs_waiting.clone(),
        );
        let jobs_lag = Family::<JobKind, Gauge>::default();
        registry.register(
            "jobs_lag_seconds",
            "Age of the oldest queued or running job, by kind",
            jobs_lag.clone(),
        );
        let outbox_backlog = Gauge::default();
        registry.register(
            "outbox_backlog",
            "E-mail messages waiting to be sent",
            outbox_backlog.clone(),
        );
        let outbox_oldest = Gauge::default();
        registry.register(
            "outbox_oldest_seconds",
            "Age of the oldest e-mail message waiting to be sent",
            outbox_oldest.clone(),
        );
        let task_passes = Family::<TaskLabel, Gauge>::default();
        registry.register(
            "task_passes",
            "Passes of each periodic task this process ran (it held the task's lease)",
            task_passes.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            answer_queue,
            live_streams,
            jobs_waiting,
            jobs_lag,
            outbox_backlog,
            outbox_oldest,
            task_passes,
            allow,
            trust_forwarded_for,
        }
    }

    fn record(&self, method: &str, route: &str, status: StatusCode, seconds: f64) {
        let class = format!("{}xx", status.as_u16() / 100);
        self.requests
            .get_or_create(&RouteStatus {
                method: method.to_string(),
                route: route.to_string(),
                status: class,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabel {
                method: method.to_string(),
                route: route.to_string(),
            })
            .observe(seconds);
    }

    fn allows(&self, address: Option<IpAddr>) -> bool {
        address.is_some_and(|a| self.allow.iter().any(|net| net.contains(&a)))
    }
}

/// The route a request is counted under: the router's pattern (`/admin/angkatan/{id}/peserta`),
/// never the raw path, so that the label set stays as small as the route table whatever
/// addresses clients invent. Server functions share one pattern: their name (a fixed set) is
/// used when the call succeeded (see [`count`]).
fn route_of(request: &Request) -> String {
    let matched = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    match matched {
        Some(path) if path.starts_with("/api/") && path.contains('*') => {
            let name = request.uri().path();
            if name.len() <= 80
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_-".contains(c))
            {
                name.to_string()
            } else {
                path
            }
        }
        Some(path) => path,
        None => "unmatched".to_string(),
    }
}

/// Counts every request: its route, status class and time to the response's head.
pub async fn count(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_string();
    let route = route_of(&request);
    let response = next.run(request).await;
    let answered = response.status().is_success() || response.status().is_redirection();
    let route = if route.starts_with("/api/") && !answered {
        // Only a call that was answered names its server function: an invented name is refused
        // (leptos answers 400), so it can never add a label; refusals share one.
        "/api/refused".to_string()
    } else {
        route
    };
    metrics.record(
        &method,
        &route,
        response.status(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// What `/metrics` needs besides the counters.
#[derive(Clone)]
pub struct MetricsState {
    pub metrics: Arc<Metrics>,
    pub app: app::ssr::AppState,
}

/// `GET /metrics`.
pub async fn serve(State(state): State<MetricsState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    let forwarded = state
        .metrics
        .trust_forwarded_for
        .then(|| app::ssr::request::forwarded_client(&parts.headers))
        .flatten();
    if !state.metrics.allows(forwarded.or(peer)) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let metrics = &state.metrics;
    metrics.answer_queue.set(state.app.answers.queued() as i64);
    metrics
        .live_streams
        .set(state.app.boards.streams().total() as i64);
    for (task, passes) in state.app.tasks.passes() {
        metrics
            .task_passes
            .get_or_create(&TaskLabel {
                task: task.name().to_string(),
            })
            .set(passes as i64);
    }
    if let Err(err) = read_queues(&state).await {
        tracing::warn!(%err, "metrics: reading the job queues");
    }
    let mut body = String::new();
    if prometheus_client::encoding::text::encode(&mut body, &metrics.registry).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

/// The job queues and the outbox, as the database holds them now.
async fn read_queues(state: &MetricsState) -> Result<(), sqlx::Error> {
    let db = &state.app.db;
    let now = app::ssr::db::now_unix();
    for (kind, table) in [("import", "import_job"), ("certificate", "certificate_job")] {
        let (waiting, oldest): (i64, Option<i64>) = sqlx::query_as(&format!(
            "select count(*), min(created_at) from {table} where status in ('queued', 'running')"
        ))
        .fetch_one(db)
        .await?;
        let label = JobKind {
            kind: kind.to_string(),
        };
        state
            .metrics
            .jobs_waiting
            .get_or_create(&label)
            .set(waiting);
        state
            .metrics
            .jobs_lag
            .get_or_create(&label)
            .set(oldest.map_or(0, |at| (now - at).max(0)));
    }
    let (backlog, oldest): (i64, Option<i64>) = sqlx::query_as(
        "select count(*), min(created_at) from outbox_message where status = 'queued'",
    )
    .fetch_one(db)
    .await?;
    state.metrics.outbox_backlog.set(backlog);
    state
        .metrics
        .outbox_oldest
        .set(oldest.map_or(0, |at| (now - at).max(0)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_networks_are_allowed_and_nothing_else() {
        let allow =
            parse_allow(&["127.0.0.1".into(), "::1".into(), "10.1.0.0/16".into()]).expect("parses");
        let metrics = Metrics::new(allow, false, Histogram::new([1.0]));
        for ok in ["127.0.0.1", "::1", "10.1.200.3"] {
            assert!(metrics.allows(ok.parse().ok()), "{ok}");
        }
        for refused in ["10.2.0.1", "192.168.1.10", "::2"] {
            assert!(!metrics.allows(refused.parse().ok()), "{refused}");
        }
        assert!(!metrics.allows(None));
        assert!(parse_allow(&["semua".into()]).is_err());
    }

    #[test]
    fn requests_are_counted_by_route_and_status_class() {
        let metrics = Metrics::new(Vec::new(), false, Histogram::new([1.0]));
        metrics.record("GET", "/admin/angkatan/{id}/peserta", StatusCode::OK, 0.003);
        metrics.record("GET", "/admin/angkatan/{id}/peserta", StatusCode::OK, 0.004);
        metrics.record(
            "GET",
            "/admin/angkatan/{id}/peserta",
            StatusCode::FORBIDDEN,
            0.001,
        );
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &metrics.registry).expect("encode");
        assert!(
            text.contains(
                "pamong_http_requests_total{method=\"GET\",route=\"/admin/angkatan/{id}/peserta\",status=\"2xx\"} 2"
            ),
            "{text}"
        );
        assert!(text.contains("status=\"4xx\"} 1"), "{text}");
        assert!(text.contains("pamong_http_request_duration_seconds_count{method=\"GET\",route=\"/admin/angkatan/{id}/peserta\"} 3"), "{text}");
    }
}
