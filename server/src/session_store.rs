//! tower-sessions' sqlx stores are typed by backend; this picks the one `DATABASE_URL` names.

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{sqlx, PostgresStore, SqliteStore};

#[derive(Debug, Clone)]
pub enum DatabaseSessionStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl DatabaseSessionStore {
    /// Opens a small pool of its own on `url`; the table comes from our migrations.
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        use app::server::db::Backend;
        match Backend::of_url(url) {
            Some(Backend::Postgres) => {
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(4)
                    .connect(url)
                    .await?;
                let store = PostgresStore::new(pool)
                    .with_schema_name("public")
                    .and_then(|store| store.with_table_name("session"))
                    .map_err(|message| sqlx::Error::Configuration(message.into()))?;
                Ok(Self::Postgres(store))
            }
            _ => {
                use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
                use std::str::FromStr;
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(std::time::Duration::from_secs(5));
                let pool = sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(4)
                    // A local file: no ping before every session read (sqlx's default).
                    .test_before_acquire(false)
                    .connect_with(options)
                    .await?;
                let store = SqliteStore::new(pool)
                    .with_table_name("session")
                    .map_err(|message| sqlx::Error::Configuration(message.into()))?;
                Ok(Self::Sqlite(store))
            }
        }
    }
}

#[async_trait]
impl SessionStore for DatabaseSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.create(record).await,
            Self::Postgres(store) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.save(record).await,
            Self::Postgres(store) => store.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(store) => store.load(id).await,
            Self::Postgres(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete(id).await,
            Self::Postgres(store) => store.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for DatabaseSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete_expired().await,
            Self::Postgres(store) => store.delete_expired().await,
        }
    }
}

impl DatabaseSessionStore {
    /// Deletes expired sessions every `every` for as long as the task runs.
    pub async fn delete_expired_every(self, every: std::time::Duration) {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            let deleted = self.delete_expired().await;
            app::server::metrics::job_ran("session_expiry", &deleted);
            if let Err(error) = deleted {
                tracing::error!(%error, "expired sessions not deleted");
            }
        }
    }
}
