//! Configuration from the environment (each setting also a flag of the same name), read once
//! at start-up. `server --help` lists every variable with its default.

use app::server::state::{
    TrustedProxies, DEFAULT_ACCESS_HISTORY_DAYS, DEFAULT_INVITATION_TTL_DAYS,
    DEFAULT_TEMPORARY_PASSWORD_HOURS,
};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub const DEFAULT_LISTEN_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_SEARCH_CACHE_ENTRIES: u64 = 10_000;
pub const DEFAULT_MAIL_RETENTION_DAYS: u64 = 30;
pub const DEFAULT_MAIL_LEASE_SECONDS: u64 = 120;

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/partnerhub.db"
    )]
    pub database_url: String,
    /// Where to listen; port 0 picks a free port (tests). LEPTOS_SITE_ADDR, as cargo-leptos
    /// sets it, is taken when this is not given.
    #[arg(long, env = "LISTEN_ADDR", default_value = DEFAULT_LISTEN_ADDR)]
    pub listen_addr: SocketAddr,
    /// Where users reach the app; links in mail use it; `https` makes cookies `Secure`.
    /// Default: `http://` + the bound address.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<url::Url>,
    /// Seed the demo accounts, directory and history into a new, empty database (`1`).
    #[arg(long, env = "PARTNERHUB_DEMO", default_value = "false",
          value_parser = clap::builder::BoolishValueParser::new())]
    pub demo: bool,
    /// With `demo`, also a few weeks of the demo organizations' history (leads, relationships,
    /// purchases, incidents, apps, audit); always on from the environment, off in the tests
    /// that want the bare demo accounts.
    #[arg(skip = true)]
    pub demo_history: bool,
    /// Generated partners in the demo directory.
    #[arg(
        long = "demo-partners",
        env = "PARTNERHUB_DEMO_PARTNERS",
        default_value_t = 2_000
    )]
    pub demo_directory_size: usize,
    /// Where the built site (`pkg/`, CSS, assets) lives.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Deliver mail over SMTP: `smtp://host:25` (plain), `smtp://host:587?tls=required`
    /// (STARTTLS), `smtps://host:465`; user and password in the URL. Without it mail is
    /// written to MAIL_FOLDER.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Where mail goes without SMTP_URL (one `.eml` file per message).
    #[arg(long, env = "MAIL_FOLDER", default_value = "data/mail")]
    pub mail_folder: PathBuf,
    /// The sender of every message.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Partnerhub <no-reply@partnerhub.example>"
    )]
    pub mail_from: String,
    /// How often the mail worker looks for due messages.
    #[arg(skip = Duration::from_secs(1))]
    pub mail_interval: Duration,
    /// Seconds a worker's claim on a message lasts (10 to 3600): the messages a process held
    /// when it died wait this long for another worker.
    #[arg(long, env = "MAIL_LEASE_SECONDS", default_value_t = DEFAULT_MAIL_LEASE_SECONDS,
          value_parser = clap::value_parser!(u64).range(10..=3600))]
    pub mail_lease_seconds: u64,
    /// Days sent and given-up messages stay in the outbox (1 to 3650).
    #[arg(long, env = "MAIL_RETENTION_DAYS", default_value_t = DEFAULT_MAIL_RETENTION_DAYS,
          value_parser = clap::value_parser!(u64).range(1..=3650))]
    pub mail_retention_days: u64,
    /// Days an invitation link works (1 to 365).
    #[arg(long, env = "INVITATION_TTL_DAYS", default_value_t = DEFAULT_INVITATION_TTL_DAYS,
          value_parser = clap::value_parser!(u64).range(1..=365))]
    pub invitation_ttl_days: u64,
    /// Days an ended admin relationship stays listed as history (1 to 3650).
    #[arg(long, env = "ACCESS_HISTORY_DAYS", default_value_t = DEFAULT_ACCESS_HISTORY_DAYS,
          value_parser = clap::value_parser!(u64).range(1..=3650))]
    pub access_history_days: u64,
    /// Hours a password an admin set (a reset, a new account) works for its one sign-in
    /// (1 to 720).
    #[arg(long, env = "TEMPORARY_PASSWORD_HOURS", default_value_t = DEFAULT_TEMPORARY_PASSWORD_HOURS,
          value_parser = clap::value_parser!(u64).range(1..=720))]
    pub temporary_password_hours: u64,
    /// Directory searches whose answers are kept for a minute; 0 turns the cache off.
    #[arg(long, env = "SEARCH_CACHE_ENTRIES", default_value_t = DEFAULT_SEARCH_CACHE_ENTRIES)]
    pub search_cache_entries: u64,
    /// Where this process keeps its directory search index (built from the database when
    /// missing). Each process needs a folder of its own.
    #[arg(long, env = "SEARCH_INDEX_DIR", default_value = "data/search-index")]
    pub search_index_dir: PathBuf,
    /// The reverse proxies whose `X-Forwarded-For` names the client: addresses and CIDR
    /// networks separated by commas. None by default: the TCP peer is the client.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", hide_default_value = true,
          value_parser = |list: &str| TrustedProxies::parse(list)
              .map_err(|entry| format!("{entry:?} is neither an address nor a CIDR network")))]
    pub trusted_proxies: TrustedProxies,
    /// Where Prometheus reads `/metrics`: an address of its own, never the public one
    /// (`127.0.0.1:9100`). Unset: no metrics are served.
    #[arg(long, env = "METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// `json`: one JSON object per log line, for a log collector; `text` for people.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// A name for this process, sent back in an `X-Partnerhub-Process` header on every
    /// response: behind a load balancer it says which process answered. Unset: no header.
    #[arg(long, env = "PROCESS_NAME")]
    pub process_name: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// A number of days as a duration.
pub fn days(days: u64) -> Duration {
    Duration::from_secs(days * 24 * 60 * 60)
}
