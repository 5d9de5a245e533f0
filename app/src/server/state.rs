use super::db::Db;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use std::time::Duration;

/// Shared by every request: handed to Leptos as context and to axum as router state.
#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub search_cache: SearchCache,
}

/// Recent directory searches. The directory changes rarely and the same searches come
/// again and again; an answer is reused for at most a minute. `None`: no cache.
pub type SearchCache =
    Option<moka::future::Cache<crate::domain::DirectoryQuery, Arc<crate::domain::SearchResults>>>;

/// A cache of up to `entries` searches; none for 0.
pub fn new_search_cache(entries: u64) -> SearchCache {
    (entries > 0).then(|| {
        moka::future::Cache::builder()
            .max_capacity(entries)
            .time_to_live(Duration::from_secs(60))
            .build()
    })
}

/// Run-time configuration, read once at start-up.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where users reach the app. Links in mail are built from it, never from a Host header.
    pub public_url: url::Url,
    /// A session unused this long is gone.
    pub session_idle_timeout: Duration,
    /// A session older than this is gone, however busy.
    pub session_absolute_timeout: Duration,
    pub sign_in_limits: SignInLimits,
    pub contact_limits: ContactLimits,
    /// How long an invitation link works (`INVITATION_TTL_DAYS`, default 30 days).
    pub invitation_ttl: Duration,
}

/// Contact requests accepted in one window, per client address and per sender email.
#[derive(Debug, Clone, Copy)]
pub struct ContactLimits {
    pub per_client: i64,
    pub per_email: i64,
    pub window: Duration,
}

impl Default for ContactLimits {
    fn default() -> Self {
        Self {
            per_client: 10,
            per_email: 5,
            window: Duration::from_secs(60 * 60),
        }
    }
}

/// Failed sign-ins tolerated in one window before further attempts are refused.
#[derive(Debug, Clone, Copy)]
pub struct SignInLimits {
    pub per_account: i64,
    pub per_client: i64,
    pub window: Duration,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_client: 50,
            window: Duration::from_secs(15 * 60),
        }
    }
}

impl Settings {
    pub fn new(public_url: url::Url) -> Self {
        Self {
            public_url,
            session_idle_timeout: Duration::from_secs(60 * 60),
            session_absolute_timeout: Duration::from_secs(12 * 60 * 60),
            sign_in_limits: SignInLimits::default(),
            contact_limits: ContactLimits::default(),
            invitation_ttl: Duration::from_secs(30 * 24 * 60 * 60),
        }
    }

    /// Cookies carry `Secure` exactly when users reach the app over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

/// The state of the request being served, inside a server function or a render. A render
/// that ended early (a redirect) can still poll its pending resources; they get an error.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::debug!("no application state: the request was already answered");
        crate::error::AppError::Internal
    })
}
