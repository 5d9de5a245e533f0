//! What an operator watches: Prometheus metrics (the `metrics` facade, rendered by
//! `metrics-exporter-prometheus`) on a listen address of their own (`METRICS_ADDR`), never on
//! the public one.
//!
//! Counted where they happen: requests by route and status with their latency (the
//! middleware below), mail deliveries (`mail`), background job runs, searches
//! (`app::server::directory_search`), failed sign-ins and rate-limit refusals
//! (`app::server::rate_limit`). Read when scraped: the database pool and the mail outbox.

use app::server::db::{self, outbox, Db};
use app::server::metrics as metrics_names;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

/// Latency buckets (seconds) of every histogram: from half a millisecond to ten seconds.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process's recorder, installed on first use (tests start many servers in one process;
/// they share it).
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets(BUCKETS)
            .expect("the bucket list is not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Fails only when another recorder is installed already; this one then stays unused
        // and `/metrics` shows no counters rather than stopping the server.
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was installed already");
        }
        describe();
        handle
    })
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        "partnerhub_http_requests_total",
        "HTTP requests answered, by method, route and status"
    );
    describe_histogram!(
        "partnerhub_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer an HTTP request (headers ready), by method and route"
    );
    describe_gauge!(
        "partnerhub_db_pool_connections",
        "Database connections of this process, by state (idle, in_use)"
    );
    describe_gauge!(
        "partnerhub_db_pool_max_connections",
        "The most database connections this process opens"
    );
    describe_gauge!(
        "partnerhub_mail_outbox_backlog",
        "Messages due for delivery and not sent yet"
    );
    describe_gauge!(
        "partnerhub_mail_outbox_oldest_due_age_seconds",
        "How long the oldest message due has waited (0 when none is due)"
    );
    describe_gauge!(
        "partnerhub_mail_outbox_given_up",
        "Messages given up after their last attempt, kept until the retention ends"
    );
    describe_counter!(
        "partnerhub_mail_deliveries_total",
        "Delivery attempts by this process, by outcome (sent, failed, given_up)"
    );
    describe_counter!(
        metrics_names::JOB_RUNS,
        "Background job passes by this process, by job and outcome (ok, error)"
    );
    describe_histogram!(
        metrics_names::SEARCH_DURATION,
        Unit::Seconds,
        "Directory searches: the index and the page's rows, cached answers included"
    );
    describe_counter!(
        metrics_names::SIGN_IN_FAILURES,
        "Sign-ins refused for a wrong email or password"
    );
    describe_counter!(
        metrics_names::RATE_LIMIT_REFUSALS,
        "Requests refused for going over a limit, by limit"
    );
}

/// Counts and times every request, labelled by its route pattern (never the raw path: an
/// address a visitor makes up is not a new series). Layered on the router, where the matched
/// route is known.
pub async fn track_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!(
        "partnerhub_http_request_duration_seconds",
        "method" => method.clone(),
        "route" => route.clone()
    )
    .record(started.elapsed().as_secs_f64());
    metrics::counter!(
        "partnerhub_http_requests_total",
        "method" => method,
        "route" => route,
        "status" => status
    )
    .increment(1);
    response
}

/// The metrics listener's routes: `/metrics` and nothing else.
pub fn routes(db: Db) -> Router {
    Router::new().route("/metrics", get(render)).with_state(db)
}

/// Reads the gauges that live in the pool and the database, then renders every metric.
async fn render(State(db): State<Db>) -> Response {
    let idle = db.pool.num_idle() as f64;
    let open = f64::from(db.pool.size());
    metrics::gauge!("partnerhub_db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("partnerhub_db_pool_connections", "state" => "in_use").set(open - idle);
    metrics::gauge!("partnerhub_db_pool_max_connections")
        .set(f64::from(db.pool.options().get_max_connections()));
    match outbox::backlog(&db.pool, db::now_ms()).await {
        Ok(backlog) => {
            metrics::gauge!("partnerhub_mail_outbox_backlog").set(backlog.due as f64);
            metrics::gauge!("partnerhub_mail_outbox_oldest_due_age_seconds")
                .set(backlog.oldest_due_age_ms as f64 / 1000.0);
            metrics::gauge!("partnerhub_mail_outbox_given_up").set(backlog.given_up as f64);
        }
        // The rest still renders: a scrape during an outage shows the outage.
        Err(error) => tracing::error!(%error, "metrics: the outbox could not be read"),
    }
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        recorder().render(),
    )
        .into_response()
}
