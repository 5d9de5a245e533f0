//! The metrics the app's own code counts (the server renders them at `/metrics` and
//! describes them; `server::metrics`).

use std::time::Duration;

pub const JOB_RUNS: &str = "partnerhub_job_runs_total";
pub const SEARCH_DURATION: &str = "partnerhub_search_duration_seconds";
pub const SIGN_IN_FAILURES: &str = "partnerhub_sign_in_failures_total";
pub const RATE_LIMIT_REFUSALS: &str = "partnerhub_rate_limit_refusals_total";

/// Counts one pass of a background job, by its outcome.
pub fn job_ran<T, E>(job: &'static str, result: &Result<T, E>) {
    let outcome = if result.is_ok() { "ok" } else { "error" };
    metrics::counter!(JOB_RUNS, "job" => job, "outcome" => outcome).increment(1);
}

pub fn searched(took: Duration) {
    metrics::histogram!(SEARCH_DURATION).record(took.as_secs_f64());
}

pub fn sign_in_failed() {
    metrics::counter!(SIGN_IN_FAILURES).increment(1);
}

/// A request refused by the limit on `bucket`: labelled by the bucket's kind (`sign-in`,
/// `contact`, …), never by the client or account it counts.
pub fn rate_limited(bucket: &str) {
    let limit = bucket.split(':').next().unwrap_or_default().to_owned();
    metrics::counter!(RATE_LIMIT_REFUSALS, "limit" => limit).increment(1);
}
