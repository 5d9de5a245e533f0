//! Backups of the default database (SQLite): `server backup FILE` copies it while servers
//! run and write (`VACUUM INTO`: one read transaction, so the copy holds exactly the writes
//! committed before it began); `server restore FILE` puts a copy back, refused while a
//! server has the database open.
//!
//! "Open" is a lock file beside the database: every server holds a shared lock on it for as
//! long as it runs (the kernel drops it when the process dies, even by kill -9), and a
//! restore needs the exclusive one.

use app::server::db::{self, maintenance, search_feed, Db};
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// The lock a running server holds on its SQLite database (`None` on PostgreSQL).
#[derive(Debug)]
pub struct InUse(#[allow(dead_code)] File);

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("backups are for the SQLite database; back PostgreSQL up with pg_dump")]
    NotSqlite,
    #[error("{0} exists already: choose a new file")]
    Exists(PathBuf),
    #[error("{0} is not there")]
    Missing(PathBuf),
    #[error("the database is in use by a running server: stop every server on {0} first")]
    InUse(PathBuf),
    #[error("a restore of {0} is under way")]
    Restoring(PathBuf),
    #[error("{path} is not a sound Partnerhub database: {reason}")]
    Unsound { path: PathBuf, reason: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

fn lock_file(database: &Path) -> Result<File, std::io::Error> {
    if let Some(folder) = database.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))
}

fn sqlite_file(database_url: &str) -> Result<PathBuf, BackupError> {
    db::sqlite_path(database_url).ok_or(BackupError::NotSqlite)
}

/// Marks the database in use by this process until the value is dropped.
pub fn hold(database_url: &str) -> Result<Option<InUse>, BackupError> {
    let Some(database) = db::sqlite_path(database_url) else {
        return Ok(None);
    };
    let file = lock_file(&database)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(InUse(file))),
        Err(TryLockError::WouldBlock) => Err(BackupError::Restoring(database)),
        Err(TryLockError::Error(error)) => Err(error.into()),
    }
}

/// What a backup or a restore did.
#[derive(Debug, Clone, Copy)]
pub struct Copied {
    pub bytes: u64,
    pub seconds: f64,
}

/// Copies the live database to `target`, a new file, and checks the copy.
pub async fn backup(database_url: &str, target: &Path) -> Result<Copied, BackupError> {
    let database = sqlite_file(database_url)?;
    if !database.exists() {
        return Err(BackupError::Missing(database));
    }
    if target.exists() {
        return Err(BackupError::Exists(target.to_owned()));
    }
    let started = std::time::Instant::now();
    let db = Db::connect(database_url, 1).await?;
    let target_text = target.to_str().ok_or_else(|| BackupError::Unsound {
        path: target.to_owned(),
        reason: "the file name is not UTF-8".to_owned(),
    })?;
    maintenance::vacuum_into(&db.pool, target_text).await?;
    db.pool.close().await;
    check(target).await?;
    Ok(Copied {
        bytes: std::fs::metadata(target)?.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Replaces the database with the copy in `source`, when no server has it open. The copy is
/// checked first and written beside the database, then renamed over it in one step; it gets
/// a new installation id, so every search index rebuilds from it.
pub async fn restore(database_url: &str, source: &Path) -> Result<Copied, BackupError> {
    let database = sqlite_file(database_url)?;
    if !source.exists() {
        return Err(BackupError::Missing(source.to_owned()));
    }
    let lock = lock_file(&database)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(BackupError::InUse(database)),
        Err(TryLockError::Error(error)) => return Err(error.into()),
    }
    let started = std::time::Instant::now();
    check(source).await?;
    let mut staging = database.as_os_str().to_owned();
    staging.push(".restoring");
    let staging = PathBuf::from(staging);
    std::fs::copy(source, &staging)?;
    {
        let url = format!("sqlite://{}", staging.display());
        let copy = Db::connect(&url, 1).await?;
        search_feed::renew_installation(&copy.pool, &new_installation_id()).await?;
        // Leaves one file: no write-ahead log beside it.
        maintenance::checkpoint(&copy.pool).await?;
        copy.pool.close().await;
    }
    File::open(&staging)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        for file in [&database, &staging] {
            let mut name = file.as_os_str().to_owned();
            name.push(suffix);
            match std::fs::remove_file(PathBuf::from(name)) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                    return Err(error.into())
                }
                _ => {}
            }
        }
    }
    std::fs::rename(&staging, &database)?;
    if let Some(folder) = database.parent().filter(|f| !f.as_os_str().is_empty()) {
        File::open(folder)?.sync_all()?;
    }
    drop(lock);
    Ok(Copied {
        bytes: std::fs::metadata(&database)?.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn new_installation_id() -> String {
    use rand::Rng;
    format!("{:032x}", rand::rng().random::<u128>())
}

/// A copy is sound when SQLite finds it whole and it is a Partnerhub database.
async fn check(path: &Path) -> Result<(), BackupError> {
    let unsound = |reason: String| BackupError::Unsound {
        path: path.to_owned(),
        reason,
    };
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", path.display());
    let mut copy = sqlx::AnyConnection::connect(&url)
        .await
        .map_err(|error| unsound(error.to_string()))?;
    let verdict = maintenance::integrity_check(&mut copy)
        .await
        .map_err(|error| unsound(error.to_string()))?;
    let installation = maintenance::installation(&mut copy).await;
    let _ = copy.close().await;
    if verdict != "ok" {
        return Err(unsound(verdict));
    }
    installation.map_err(|_| unsound("it has no Partnerhub tables".to_owned()))?;
    Ok(())
}
