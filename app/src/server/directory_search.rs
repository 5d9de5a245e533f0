//! The directory search of this process: its own index (`crate::search`), kept following the
//! database's feed of partner changes (`db::search_feed`). A change committed by any process
//! is in every index before that index answers its next search, and within a second anyway.

use super::db::{self, search_feed, Db};
use crate::domain::{CountryCount, DirectoryQuery, SearchResults, SizeCount};
use crate::search::{Checkpoint, IndexError, SearchIndex};
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Changes read from the feed at a time.
const FEED_BATCH: i64 = 5_000;
/// Partners read per batch while rebuilding.
const REBUILD_BATCH: i64 = 2_000;
/// How long a missing change (taken by a transaction not yet committed) is waited for
/// before it is taken as rolled back.
const GAP_WAIT: Duration = Duration::from_secs(10);
/// How often the index looks for changes when no search asked.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(500);
/// Changes are kept this long; an index further behind is rebuilt.
const FEED_RETENTION: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("search index database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("search index task: {0}")]
    Task(String),
}

pub struct DirectorySearch {
    index: Arc<SearchIndex>,
    db: Db,
    installation: String,
    /// The feed position, for a search to see cheaply whether it is behind.
    applied: AtomicI64,
    follower: tokio::sync::Mutex<Follower>,
    /// Recent answers (the same searches come again and again), by the feed position they
    /// were found at: an answer found before a change is never given after it (even when it
    /// was cached after the change). Kept a minute at most; `None`: no cache.
    cache: Option<moka::future::Cache<(i64, DirectoryQuery), Arc<SearchResults>>>,
}

/// Where the index is in the feed.
struct Follower {
    /// Every change up to this one is in the index (or was given up as rolled back).
    applied: i64,
    /// Changes after `applied` already in the index: a change before them was still missing.
    ahead: BTreeSet<i64>,
    /// Since when the change after `applied` has been missing.
    missing_since: Option<Instant>,
}

impl Follower {
    /// Moves `applied` over the changes done, and over a missing one waited for long enough.
    fn advance(&mut self) {
        loop {
            while self.ahead.remove(&(self.applied + 1)) {
                self.applied += 1;
            }
            let Some(&next) = self.ahead.first() else {
                self.missing_since = None;
                return;
            };
            let since = *self.missing_since.get_or_insert_with(Instant::now);
            if since.elapsed() < GAP_WAIT {
                return;
            }
            tracing::warn!(
                from = self.applied + 1,
                to = next - 1,
                "partner changes never committed, skipped"
            );
            self.applied = next - 1;
            self.missing_since = None;
        }
    }
}

impl DirectorySearch {
    /// Opens the index in `folder` (in memory for `None`), rebuilds it from the database when
    /// it is new, of another schema or database, or too far behind; otherwise catches up.
    pub async fn start(db: Db, folder: Option<PathBuf>) -> Result<Self, SearchError> {
        let (search, current) = Self::open(db, folder).await?;
        if current {
            search.catch_up().await?;
        } else {
            let mut logged = 0;
            search
                .rebuild(|done, total| {
                    // A line per tenth.
                    let tenth = (done * 10).checked_div(total).unwrap_or(10);
                    if tenth > logged {
                        logged = tenth;
                        tracing::info!(done, total, "search index: {}0% built", tenth);
                    }
                })
                .await?;
        }
        Ok(search)
    }

    /// Opens the index in `folder` without building or catching up; also says whether it
    /// can follow the feed from where it is (`false`: it must be rebuilt).
    pub async fn open(db: Db, folder: Option<PathBuf>) -> Result<(Self, bool), SearchError> {
        let index = blocking(move || SearchIndex::open(folder.as_deref())).await??;
        let installation = search_feed::installation(&db.pool).await?;
        let checkpoint = index.checkpoint();
        let oldest = search_feed::oldest_change(&db.pool).await?;
        let usable = checkpoint.as_ref().filter(|checkpoint| {
            checkpoint.database == installation
                && oldest.is_none_or(|oldest| oldest <= checkpoint.applied_change + 1)
        });
        let applied = usable
            .map(|checkpoint| checkpoint.applied_change)
            .unwrap_or(0);
        let search = Self {
            index: Arc::new(index),
            db,
            installation,
            applied: AtomicI64::new(applied),
            follower: tokio::sync::Mutex::new(Follower {
                applied,
                ahead: BTreeSet::new(),
                missing_since: None,
            }),
            cache: None,
        };
        Ok((search, usable.is_some()))
    }

    /// Builds the index again from every partner in the database; `progress(done, total)`
    /// after each batch.
    pub async fn rebuild(&self, mut progress: impl FnMut(u64, u64)) -> Result<(), SearchError> {
        let mut follower = self.follower.lock().await;
        let started = Instant::now();
        // Changes after this one may be missing from what is read below: replayed afterwards.
        let latest = search_feed::latest_change(&self.db.pool).await?;
        let total = search_feed::partner_count(&self.db.pool).await?.max(0) as u64;
        let index = self.index.clone();
        blocking(move || index.clear()).await??;
        let (mut after, mut done) = (0, 0_u64);
        loop {
            let partners =
                search_feed::indexed_partners_after(&self.db.pool, after, REBUILD_BATCH).await?;
            let Some(last) = partners.last() else { break };
            after = last.partner_id;
            done += partners.len() as u64;
            let index = self.index.clone();
            blocking(move || index.add(&partners)).await??;
            progress(done, total.max(done));
        }
        let checkpoint = self.checkpoint(latest);
        let index = self.index.clone();
        blocking(move || index.commit_with(&checkpoint)).await??;
        *follower = Follower {
            applied: latest,
            ahead: BTreeSet::new(),
            missing_since: None,
        };
        self.applied.store(latest, Ordering::Release);
        self.forget_answers();
        tracing::info!(
            partners = done,
            seconds = started.elapsed().as_secs_f64(),
            "search index built"
        );
        drop(follower);
        self.catch_up().await?;
        Ok(())
    }

    /// Keeps up to `entries` answers (none for 0).
    pub fn with_cache(mut self, entries: u64) -> Self {
        self.cache = (entries > 0).then(|| {
            moka::future::Cache::builder()
                .max_capacity(entries)
                .time_to_live(Duration::from_secs(60))
                .build()
        });
        self
    }

    /// Forgets every cached answer: the index changed, they won't be asked for again.
    fn forget_answers(&self) {
        if let Some(cache) = &self.cache {
            cache.invalidate_all();
        }
    }

    fn checkpoint(&self, applied_change: i64) -> Checkpoint {
        Checkpoint {
            schema_version: crate::search::SCHEMA_VERSION,
            database: self.installation.clone(),
            applied_change,
        }
    }

    /// Puts every change recorded so far into the index; the number of partners re-read.
    pub async fn catch_up(&self) -> Result<usize, SearchError> {
        let mut follower = self.follower.lock().await;
        let mut reread = 0;
        loop {
            let changes =
                search_feed::changes_after(&self.db.pool, follower.applied, FEED_BATCH).await?;
            let fresh: Vec<(i64, i64)> = changes
                .iter()
                .copied()
                .filter(|(change, _)| !follower.ahead.contains(change))
                .collect();
            if !fresh.is_empty() {
                let mut seen = HashSet::new();
                let ids: Vec<i64> = fresh
                    .iter()
                    .map(|(_, partner)| *partner)
                    .filter(|partner| seen.insert(*partner))
                    .collect();
                let partners = search_feed::indexed_partners(&self.db.pool, &ids).await?;
                let present: HashSet<i64> = partners.iter().map(|p| p.partner_id).collect();
                let removed: Vec<i64> = ids
                    .iter()
                    .copied()
                    .filter(|id| !present.contains(id))
                    .collect();
                follower
                    .ahead
                    .extend(fresh.iter().map(|(change, _)| *change));
                follower.advance();
                let checkpoint = self.checkpoint(follower.applied);
                let index = self.index.clone();
                blocking(move || index.apply(&partners, &removed, &checkpoint)).await??;
                self.forget_answers();
                reread += ids.len();
            } else {
                follower.advance();
            }
            self.applied.store(follower.applied, Ordering::Release);
            if fresh.is_empty() || (changes.len() as i64) < FEED_BATCH {
                return Ok(reread);
            }
        }
    }

    /// Searches the directory with every change committed so far.
    pub async fn search(&self, query: &DirectoryQuery) -> Result<SearchResults, SearchError> {
        let started = Instant::now();
        let results = self.search_current(query).await;
        super::metrics::searched(started.elapsed());
        results
    }

    async fn search_current(&self, query: &DirectoryQuery) -> Result<SearchResults, SearchError> {
        let latest = search_feed::latest_change(&self.db.pool).await?;
        if latest > self.applied.load(Ordering::Acquire) {
            self.catch_up().await?;
        }
        let Some(cache) = &self.cache else {
            return self.search_index(query).await;
        };
        // Requests for a search not in the cache yet wait for one search between them: a
        // burst of them would otherwise each search the index.
        let results = cache
            .try_get_with(
                (self.applied.load(Ordering::Acquire), query.clone()),
                async { self.search_index(query).await.map(Arc::new) },
            )
            .await
            .map_err(|error| SearchError::Task(error.to_string()))?;
        Ok(results.as_ref().clone())
    }

    async fn search_index(&self, query: &DirectoryQuery) -> Result<SearchResults, SearchError> {
        let index = self.index.clone();
        let owned = query.clone();
        let hits = blocking(move || index.search(&owned)).await??;
        let partners = db::directory::summaries(&self.db.pool, &hits.partner_ids).await?;
        Ok(SearchResults {
            total: hits.total,
            page: query.page,
            partners,
            searched_for: hits.corrected,
            countries: hits
                .countries
                .into_iter()
                .map(|(country, count)| CountryCount {
                    country,
                    count: count as i64,
                })
                .collect(),
            sizes: hits
                .sizes
                .into_iter()
                .map(|(size, count)| SizeCount {
                    size,
                    count: count as i64,
                })
                .collect(),
        })
    }

    /// Partners in the index.
    pub fn len(&self) -> u64 {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Follows the feed until the task is dropped, and forgets changes a day old.
    pub fn spawn_following(self: Arc<Self>, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut last_pruned = Instant::now() - FEED_RETENTION;
            loop {
                tokio::time::sleep(every).await;
                let caught_up = self.catch_up().await;
                super::metrics::job_ran("search_following", &caught_up);
                if let Err(error) = caught_up {
                    tracing::error!(%error, "search index: following the database failed");
                }
                if last_pruned.elapsed() > Duration::from_secs(60 * 60) {
                    last_pruned = Instant::now();
                    let before = db::now_ms() - FEED_RETENTION.as_millis() as i64;
                    match search_feed::prune(&self.db.pool, before).await {
                        Ok(pruned) if pruned > 0 => {
                            tracing::info!(pruned, "partner changes pruned")
                        }
                        Ok(_) => {}
                        Err(error) => tracing::error!(%error, "pruning partner changes failed"),
                    }
                }
            }
        })
    }
}

/// Runs index work (CPU and disk) off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, SearchError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| SearchError::Task(error.to_string()))
}
