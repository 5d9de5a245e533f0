//! Fixed-window counters shared by every server process through the database.

use sqlx::AnyPool;

/// Counts one hit in `bucket` and returns the hits in the current window, which restarts
/// once `window_ms` has passed since it began.
pub async fn hit(
    pool: &AnyPool,
    bucket: &str,
    now_ms: i64,
    window_ms: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into rate_limit (bucket, window_started_at, hits) values ($1, $2, 1)
         on conflict (bucket) do update set
           hits = case when rate_limit.window_started_at <= $3 then 1 else rate_limit.hits + 1 end,
           window_started_at = case when rate_limit.window_started_at <= $3 then $2
                                    else rate_limit.window_started_at end
         returning hits",
    )
    .bind(bucket)
    .bind(now_ms)
    .bind(now_ms - window_ms)
    .fetch_one(pool)
    .await
}

/// Takes back one hit, for an attempt that turned out to be legitimate.
pub async fn refund(pool: &AnyPool, bucket: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update rate_limit set hits = hits - 1 where bucket = $1 and hits > 0")
        .bind(bucket)
        .execute(pool)
        .await
        .map(|_| ())
}
