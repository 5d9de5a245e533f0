//! The SQLite file's own upkeep, for `server backup` and `server restore`.

use sqlx::{AnyConnection, AnyPool};

/// Writes a consistent copy of the database to `path` (a new file): the writes committed
/// before the copy's read transaction began, and none after.
pub async fn vacuum_into(pool: &AnyPool, path: &str) -> Result<(), sqlx::Error> {
    sqlx::query("vacuum into $1")
        .bind(path)
        .execute(pool)
        .await
        .map(|_| ())
}

/// SQLite's verdict on a whole file: `ok`, or what is wrong.
pub async fn integrity_check(connection: &mut AnyConnection) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("pragma integrity_check")
        .fetch_one(connection)
        .await
}

/// Which database this is, or an error when it has no Partnerhub tables.
pub async fn installation(connection: &mut AnyConnection) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("select installation_id from installation")
        .fetch_one(connection)
        .await
}

/// Moves the write-ahead log into the file and empties it.
pub async fn checkpoint(pool: &AnyPool) -> Result<(), sqlx::Error> {
    sqlx::query("pragma wal_checkpoint(truncate)")
        .execute(pool)
        .await
        .map(|_| ())
}
