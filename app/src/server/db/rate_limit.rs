//! Fixed-window counters shared by every server process through the database.

use sqlx::AnyPool;

/// A bucket's current window: the hits counted in it and when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub hits: i64,
    pub ends_at_ms: i64,
}

/// The current window of `bucket`, or `None` when it has none (never hit, or its window
/// ended). Reads only: a request refused on this answer writes nothing.
pub async fn current(
    pool: &AnyPool,
    bucket: &str,
    now_ms: i64,
) -> Result<Option<Window>, sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "select hits, window_ends_at from rate_limit where bucket = $1 and window_ends_at > $2",
    )
    .bind(bucket)
    .bind(now_ms)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(hits, ends_at_ms)| Window { hits, ends_at_ms }))
}

/// Counts one hit in `bucket` and returns its window, which starts again (`window_ms` long)
/// once the previous one has ended. Inside a transaction the count is taken back with it.
pub async fn hit<'e, E>(
    executor: E,
    bucket: &str,
    now_ms: i64,
    window_ms: i64,
) -> Result<Window, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let (hits, ends_at_ms): (i64, i64) = sqlx::query_as(
        "insert into rate_limit (bucket, window_ends_at, hits) values ($1, $2, 1)
         on conflict (bucket) do update set
           hits = case when rate_limit.window_ends_at <= $3 then 1 else rate_limit.hits + 1 end,
           window_ends_at = case when rate_limit.window_ends_at <= $3 then $2
                                 else rate_limit.window_ends_at end
         returning hits, window_ends_at",
    )
    .bind(bucket)
    .bind(now_ms + window_ms)
    .bind(now_ms)
    .fetch_one(executor)
    .await?;
    Ok(Window { hits, ends_at_ms })
}

/// Takes back one hit, for an attempt that turned out to be legitimate.
pub async fn refund(pool: &AnyPool, bucket: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update rate_limit set hits = hits - 1 where bucket = $1 and hits > 0")
        .bind(bucket)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Deletes the counters whose window has ended (they count nothing any more); returns how many.
pub async fn prune(pool: &AnyPool, now_ms: i64) -> Result<u64, sqlx::Error> {
    sqlx::query("delete from rate_limit where window_ends_at <= $1")
        .bind(now_ms)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
}
