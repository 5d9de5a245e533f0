//! All SQL lives under this module. One code path serves SQLite and PostgreSQL through
//! sqlx's `Any` driver; the two migration folders keep the schemas in step.

pub mod access_end_dates;
pub mod activity;
pub mod admin_access;
pub mod agreements;
pub mod audit;
pub mod directory;
pub mod invitations;
pub mod leads;
pub mod lockdown;
pub mod maintenance;
pub mod outbox;
mod partner_rows;
pub mod partners;
pub mod rate_limit;
pub mod relationships;
pub mod search_feed;
pub mod teams;
pub mod tenant_admin;
pub mod tenants;
pub mod users;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::AnyPool;
use sqlx::Executor;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a connection talks to.
    pub fn of_connection(connection: &sqlx::AnyConnection) -> Self {
        match connection.backend_name() {
            "PostgreSQL" => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Db {
    /// Opens a pool on `url`, creating a SQLite file (and its folder) when missing.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url).ok_or_else(|| {
            sqlx::Error::Configuration(
                format!("DATABASE_URL must start with sqlite: or postgres:, not {url:?}").into(),
            )
        })?;
        let options = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                create_sqlite_folder(url);
                let url = if url.contains('?') {
                    url.to_owned()
                } else {
                    format!("{url}?mode=rwc")
                };
                options
                    // sqlx pings a connection on its way out of the pool (unless told not
                    // to) and on its way back, each a round trip to the connection's thread;
                    // for a file on this machine the first one buys nothing.
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(
                                "pragma journal_mode = wal; pragma foreign_keys = on; \
                                 pragma synchronous = full; pragma busy_timeout = 5000;",
                            )
                            .await
                            .map(|_| ())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => options.connect(url).await?,
        };
        Ok(Self { pool, backend })
    }

    /// Applies pending migrations, then the data changes SQL can't make alike on both
    /// backends (keys folded by the domain's rules).
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        let filled = partners::fill_place_keys(&self.pool).await?;
        if filled > 0 {
            tracing::info!(filled, "place keys filled");
        }
        Ok(())
    }

    /// Migrations this build has that the database has not applied (successfully): 0 once
    /// `migrate` ran. For `/readyz`.
    pub async fn pending_migrations(&self) -> Result<usize, sqlx::Error> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let applied: Vec<i64> =
            sqlx::query_scalar("select version from _sqlx_migrations where success")
                .fetch_all(&self.pool)
                .await
                .or_else(|error| match error {
                    // No table yet: nothing applied.
                    sqlx::Error::Database(_) => Ok(Vec::new()),
                    other => Err(other),
                })?;
        Ok(migrator
            .iter()
            .filter(|migration| {
                !migration.migration_type.is_down_migration()
                    && !applied.contains(&migration.version)
            })
            .count())
    }

    /// A cheap round trip, for `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query_scalar::<_, i32>("select 1")
            .fetch_one(&self.pool)
            .await
            .map(|_| ())
    }
}

/// The file a `sqlite:` URL names; `None` for another backend.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let path = rest.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    Some(std::path::PathBuf::from(path))
}

fn create_sqlite_folder(url: &str) {
    if let Some(folder) = sqlite_path(url)
        .as_deref()
        .and_then(std::path::Path::parent)
    {
        if !folder.as_os_str().is_empty() {
            // A failure here resurfaces, better worded, when the pool opens the file.
            let _ = std::fs::create_dir_all(folder);
        }
    }
}

/// Begins a transaction that writes. On SQLite it takes the write lock at once (`begin
/// immediate`): a transaction that reads first and writes later fails outright when another
/// connection wrote in between (`SQLITE_BUSY_SNAPSHOT`, which no busy timeout waits out).
/// PostgreSQL's default transaction is right as it is.
pub async fn begin_write(
    pool: &AnyPool,
) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    if pool.connect_options().database_url.scheme() == "sqlite" {
        pool.begin_with("begin immediate").await
    } else {
        pool.begin().await
    }
}

/// Milliseconds since the Unix epoch: how every timestamp is stored.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// A stored value the domain doesn't know: a decode error (logged, answered with an opaque
/// 500), never a silently skipped row.
pub(crate) fn undecodable(column: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("{column}: unknown value {value:?}").into())
}

/// What `value`, stored in `column`, parsed to; the decode error when it didn't.
pub(crate) fn decoded<T>(column: &str, value: &str, parsed: Option<T>) -> Result<T, sqlx::Error> {
    parsed.ok_or_else(|| undecodable(column, value))
}
