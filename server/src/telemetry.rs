use tracing_subscriber::{fmt, EnvFilter};

/// Logs to stderr; `RUST_LOG` overrides the default levels.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    // A second call (several tests in one process) keeps the first subscriber.
    let _ = fmt().with_env_filter(filter).with_target(false).try_init();
}
