//! Configuration from the environment, read once at start-up.

use std::net::SocketAddr;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/partnerhub.db";
pub const DEFAULT_LISTEN_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_DEMO_DIRECTORY_SIZE: usize = 2_000;
pub const DEFAULT_INVITATION_TTL_DAYS: u64 = 30;
pub const DEFAULT_SEARCH_CACHE_ENTRIES: u64 = 10_000;
pub const DEFAULT_MAIL_RETENTION_DAYS: u64 = 30;

#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` (default `data/partnerhub.db`) or `postgres://…`.
    pub database_url: String,
    /// Where to listen; port 0 picks a free port (tests).
    pub listen_addr: SocketAddr,
    /// Where users reach the app; defaults to `http://` + the bound address.
    pub public_url: Option<url::Url>,
    /// Seed the demo accounts and directory into a new, empty database.
    pub demo: bool,
    /// With `demo`, also a few weeks of the demo organizations' history (leads, relationships,
    /// purchases, incidents, apps, audit); always on from the environment, off in the tests
    /// that want the bare demo accounts.
    pub demo_history: bool,
    /// Generated partners in the demo directory (`PARTNERHUB_DEMO_PARTNERS`).
    pub demo_directory_size: usize,
    /// Where the built site (`pkg/`, CSS, assets) lives.
    pub site_root: String,
    /// `smtp://host:port` (plain), `…?tls=required` (STARTTLS) or `smtps://…`; without it
    /// mail is written to `mail_folder`.
    pub smtp_url: Option<String>,
    pub mail_folder: std::path::PathBuf,
    /// The sender of every message (`MAIL_FROM`).
    pub mail_from: String,
    /// How often the mail worker looks for due messages.
    pub mail_interval: std::time::Duration,
    /// How long sent and given-up messages stay in the outbox (`MAIL_RETENTION_DAYS`,
    /// default 30).
    pub mail_retention: std::time::Duration,
    /// How long an invitation link works (`INVITATION_TTL_DAYS`, default 30).
    pub invitation_ttl: std::time::Duration,
    /// Directory searches whose answers are kept for a minute (`SEARCH_CACHE_ENTRIES`,
    /// default 10,000; 0 turns the cache off).
    pub search_cache_entries: u64,
    /// The reverse proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`:
    /// addresses and CIDR networks separated by commas). None by default: the TCP peer is the
    /// client and the header is ignored.
    pub trusted_proxies: app::server::state::TrustedProxies,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not a valid address ({value:?}): {source}")]
    Address {
        name: &'static str,
        value: String,
        source: std::net::AddrParseError,
    },
    #[error("PARTNERHUB_DEMO_PARTNERS must be a count ({value:?})")]
    DemoPartners { value: String },
    #[error("SEARCH_CACHE_ENTRIES must be a count ({value:?})")]
    SearchCacheEntries { value: String },
    #[error("INVITATION_TTL_DAYS must be a number of days from 1 to 365 ({value:?})")]
    InvitationTtl { value: String },
    #[error("MAIL_RETENTION_DAYS must be a number of days from 1 to 3650 ({value:?})")]
    MailRetention { value: String },
    #[error("TRUSTED_PROXIES must list addresses or CIDR networks separated by commas ({entry:?} is neither)")]
    TrustedProxies { entry: String },
    #[error("PUBLIC_URL is not a valid URL ({value:?}): {source}")]
    PublicUrl {
        value: String,
        source: url::ParseError,
    },
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .filter(|value| !value.trim().is_empty())
        };
        let (addr_name, addr_value) = match (var("LISTEN_ADDR"), var("LEPTOS_SITE_ADDR")) {
            (Some(value), _) => ("LISTEN_ADDR", value),
            (None, Some(value)) => ("LEPTOS_SITE_ADDR", value),
            (None, None) => ("LISTEN_ADDR", DEFAULT_LISTEN_ADDR.to_owned()),
        };
        let listen_addr = addr_value.parse().map_err(|source| ConfigError::Address {
            name: addr_name,
            value: addr_value.clone(),
            source,
        })?;
        let public_url = var("PUBLIC_URL")
            .map(|value| {
                url::Url::parse(&value).map_err(|source| ConfigError::PublicUrl { value, source })
            })
            .transpose()?;
        let demo_directory_size = match var("PARTNERHUB_DEMO_PARTNERS") {
            Some(value) => value
                .parse()
                .map_err(|_| ConfigError::DemoPartners { value })?,
            None => DEFAULT_DEMO_DIRECTORY_SIZE,
        };
        let invitation_ttl_days = match var("INVITATION_TTL_DAYS") {
            Some(value) => value
                .parse::<u64>()
                .ok()
                .filter(|days| (1..=365).contains(days))
                .ok_or(ConfigError::InvitationTtl { value })?,
            None => DEFAULT_INVITATION_TTL_DAYS,
        };
        let mail_retention_days = match var("MAIL_RETENTION_DAYS") {
            Some(value) => value
                .parse::<u64>()
                .ok()
                .filter(|days| (1..=3650).contains(days))
                .ok_or(ConfigError::MailRetention { value })?,
            None => DEFAULT_MAIL_RETENTION_DAYS,
        };
        let search_cache_entries = match var("SEARCH_CACHE_ENTRIES") {
            Some(value) => value
                .parse()
                .map_err(|_| ConfigError::SearchCacheEntries { value })?,
            None => DEFAULT_SEARCH_CACHE_ENTRIES,
        };
        let trusted_proxies =
            app::server::state::TrustedProxies::parse(&var("TRUSTED_PROXIES").unwrap_or_default())
                .map_err(|entry| ConfigError::TrustedProxies { entry })?;
        Ok(Self {
            trusted_proxies,
            demo_directory_size,
            search_cache_entries,
            invitation_ttl: std::time::Duration::from_secs(invitation_ttl_days * 24 * 60 * 60),
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            listen_addr,
            public_url,
            demo: var("PARTNERHUB_DEMO").is_some_and(|value| value == "1" || value == "true"),
            demo_history: true,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            smtp_url: var("SMTP_URL"),
            mail_folder: var("MAIL_FOLDER")
                .unwrap_or_else(|| "data/mail".to_owned())
                .into(),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "Partnerhub <no-reply@partnerhub.example>".to_owned()),
            mail_interval: std::time::Duration::from_secs(1),
            mail_retention: std::time::Duration::from_secs(mail_retention_days * 24 * 60 * 60),
        })
    }
}
