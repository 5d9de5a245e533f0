//! The Partnerhub server: configuration → database → axum router with Leptos → listener.

pub mod access_job;
pub mod activity_export;
pub mod activity_generator;
pub mod backup;
pub mod cli;
pub mod config;
pub mod customer_generator;
pub mod demo;
pub mod dev_mail;
pub mod directory_generator;
pub mod mail;
pub mod metrics;
pub mod middleware;
pub mod session_store;
pub mod telemetry;

use app::server::directory_search::{DirectorySearch, FOLLOW_EVERY};
use app::server::screen_files::ScreenFiles;
use app::server::{db::Db, AppState, Settings};
use app::{shell, App};
use axum::http::{header, HeaderName, HeaderValue, Request, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use config::Config;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use session_store::DatabaseSessionStore;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot seed the demo data: {0}")]
    Demo(String),
    #[error(transparent)]
    Mail(#[from] mail::MailConfigError),
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    #[error("PROCESS_NAME {0:?} is not usable in a header")]
    ProcessName(String),
    #[error("cannot open the directory search: {0}")]
    Search(#[from] app::server::directory_search::SearchError),
}

/// A server bound to its port, ready to run.
pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    /// `/metrics`, on METRICS_ADDR.
    metrics: Option<(tokio::net::TcpListener, Router)>,
    heartbeat: mail::Heartbeat,
    /// Held while the server runs: no restore replaces its database meanwhile.
    _in_use: Option<backup::InUse>,
    pub state: AppState,
    session_store: DatabaseSessionStore,
    mailer: mail::Mailer,
    mail_interval: std::time::Duration,
    mail_retention: std::time::Duration,
}

impl Application {
    /// Opens and migrates the database, seeds demo data when asked, and binds the listener.
    pub async fn build(config: Config) -> Result<Self, StartError> {
        Self::build_with(config, |_| {}).await
    }

    /// As `build`, letting the caller adjust the settings (tests shorten limits).
    pub async fn build_with(
        config: Config,
        adjust: impl FnOnce(&mut Settings),
    ) -> Result<Self, StartError> {
        let in_use = backup::hold(&config.database_url)?;
        let db = Db::connect(&config.database_url, 16).await?;
        db.migrate().await?;
        if config.demo {
            demo::seed_if_empty(&db, config.demo_directory_size, config.demo_history)
                .await
                .map_err(|error| StartError::Demo(error.to_string()))?;
        }
        let search = DirectorySearch::start(db.clone(), Some(config.search_index_dir.clone()))
            .await?
            .with_cache(config.search_cache_entries);
        let listener = tokio::net::TcpListener::bind(config.listen_addr)
            .await
            .map_err(|source| StartError::Listen {
                addr: config.listen_addr,
                source,
            })?;
        let bound = listener.local_addr().map_err(|source| StartError::Listen {
            addr: config.listen_addr,
            source,
        })?;
        let metrics = match config.metrics_addr {
            Some(addr) => {
                metrics::recorder();
                let listener = tokio::net::TcpListener::bind(addr)
                    .await
                    .map_err(|source| StartError::Listen { addr, source })?;
                Some((listener, metrics::routes(db.clone())))
            }
            None => None,
        };
        let public_url = config.public_url.clone().unwrap_or_else(|| {
            url::Url::parse(&format!("http://{bound}")).expect("a socket address makes a valid URL")
        });
        let mut settings = Settings::new(public_url);
        settings.invitation_ttl = config::days(config.invitation_ttl_days);
        settings.access_history = config::days(config.access_history_days);
        settings.temporary_password_lifetime =
            std::time::Duration::from_secs(config.temporary_password_hours * 60 * 60);
        settings.trusted_proxies = config.trusted_proxies.clone();
        adjust(&mut settings);
        let leptos_options = LeptosOptions::builder()
            .output_name("partnerhub")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(bound)
            .build();
        let state = AppState {
            db,
            leptos_options,
            settings: Arc::new(settings),
            search: Arc::new(search),
            clock: Default::default(),
            screen_files: Arc::new(ScreenFiles::read(&config.site_root)),
        };
        let session_store = DatabaseSessionStore::connect(&config.database_url).await?;
        let mailer = mail::Mailer::new(
            config.smtp_url.as_deref(),
            config.mail_folder.clone(),
            &config.mail_from,
        )?
        .with_lease(std::time::Duration::from_secs(config.mail_lease_seconds));
        // The mail folder is for the demo only (invitation links are in it): listed only in
        // demo mode without SMTP, and never on a public (https) site.
        let dev_mail = (config.demo && mailer.writes_files() && !state.settings.secure_cookies())
            .then(|| config.mail_folder.clone());
        let heartbeat = mail::Heartbeat::default();
        let mut router = router(state.clone(), session_store.clone(), dev_mail).merge(
            readiness_routes(Readiness {
                db: state.db.clone(),
                mail_worker: heartbeat.clone(),
            }),
        );
        // Around each route (where its pattern is known), and around every layer above.
        if metrics.is_some() {
            router = router.layer(axum::middleware::from_fn(metrics::track_requests));
        }
        if let Some(name) = &config.process_name {
            let name =
                HeaderValue::from_str(name).map_err(|_| StartError::ProcessName(name.clone()))?;
            router = router.layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static("x-partnerhub-process"),
                name,
            ));
        }
        Ok(Self {
            listener,
            router,
            metrics,
            heartbeat,
            _in_use: in_use,
            state,
            session_store,
            mailer,
            mail_interval: config.mail_interval,
            mail_retention: config::days(config.mail_retention_days),
        })
    }

    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|addr| addr.port())
            .unwrap_or_default()
    }

    /// Serves until Ctrl-C or SIGTERM. Then the background workers stop claiming work at
    /// once, the requests in flight are finished, and the mail worker records the message
    /// in hand before the process ends.
    pub async fn run(self) -> std::io::Result<()> {
        let workers = self.start_workers();
        let stopping = workers.stop.clone();
        if let Some((listener, routes)) = self.metrics {
            let stopping = stopping.clone();
            tokio::spawn(async move {
                let served = axum::serve(listener, routes)
                    .with_graceful_shutdown(stopping.cancelled_owned())
                    .await;
                if let Err(error) = served {
                    tracing::error!(%error, "the metrics listener stopped");
                }
            });
        }
        let result = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            tracing::info!("stopping: finishing the requests in flight");
            stopping.cancel();
        })
        .await;
        workers.stop().await;
        tracing::info!("stopped");
        result
    }

    /// Serves (and runs the workers) until the task running it is dropped: for tests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let _workers = self.start_workers();
        if let Some((listener, routes)) = self.metrics {
            tokio::spawn(async move { axum::serve(listener, routes).await });
        }
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    }

    /// The port `/metrics` is served on, when METRICS_ADDR is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics
            .as_ref()
            .and_then(|(listener, _)| listener.local_addr().ok())
            .map(|addr| addr.port())
    }

    fn start_workers(&self) -> Workers {
        let stop = CancellationToken::new();
        let mail = mail::spawn_worker(
            self.state.db.clone(),
            self.mailer.clone(),
            self.mail_interval,
            self.heartbeat.clone(),
            stop.clone(),
        );
        let others = vec![
            tokio::spawn(
                self.session_store
                    .clone()
                    .delete_expired_every(std::time::Duration::from_secs(60)),
            ),
            mail::spawn_pruner(self.state.db.clone(), self.mail_retention),
            access_job::spawn(self.state.clone(), access_job::EVERY),
            app::server::rate_limit::spawn_pruning(
                self.state.db.pool.clone(),
                RATE_LIMIT_PRUNE_INTERVAL,
            ),
            self.state.search.clone().spawn_following(FOLLOW_EVERY),
        ];
        Workers {
            stop,
            mail_send_timeout: self.mailer.send_timeout(),
            mail: Some(mail),
            others,
        }
    }
}

/// The background tasks of one server: the mail worker stops between two messages; the
/// others' passes are single statements or idempotent, and are cut off.
struct Workers {
    stop: CancellationToken,
    mail_send_timeout: std::time::Duration,
    mail: Option<tokio::task::JoinHandle<()>>,
    others: Vec<tokio::task::JoinHandle<()>>,
}

impl Workers {
    /// Stops claiming and waits for the mail worker to record the message in hand (a send
    /// is cut off at half a lease; this waits a little longer at most).
    async fn stop(mut self) {
        self.stop.cancel();
        if let Some(mail) = self.mail.take() {
            let bound = self.mail_send_timeout + std::time::Duration::from_secs(5);
            if tokio::time::timeout(bound, mail).await.is_err() {
                tracing::warn!("the mail worker did not stop in time");
            }
        }
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        self.stop.cancel();
        if let Some(mail) = &self.mail {
            mail.abort();
        }
        for task in &self.others {
            task.abort();
        }
    }
}

/// How often the counters of ended rate-limit windows are deleted.
const RATE_LIMIT_PRUNE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(60);

/// The app's routes, listed once per process. Listing them renders the app with a
/// process-wide flag set, and a page rendered meanwhile by another server in the same process
/// (tests run many) would wait forever on its resources (leptos-rs/leptos#4773).
static ROUTES: std::sync::LazyLock<Vec<leptos_axum::AxumRouteListing>> =
    std::sync::LazyLock::new(|| generate_route_list(App));

fn router(
    state: AppState,
    session_store: DatabaseSessionStore,
    dev_mail: Option<std::path::PathBuf>,
) -> Router {
    let routes = ROUTES.clone();
    let context_state = state.clone();
    let provide_state = move || provide_context(context_state.clone());
    let settings = state.settings.clone();

    let sessions = SessionManagerLayer::new(session_store)
        .with_name("partnerhub_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.secure_cookies())
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(
            time::Duration::try_from(settings.session_idle_timeout).unwrap_or(time::Duration::HOUR),
        ));

    let request_id = HeaderName::from_static("x-request-id");
    let trace = TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
        let id = request
            .extensions()
            .get::<RequestId>()
            .and_then(|id| id.header_value().to_str().ok())
            .unwrap_or_default()
            .to_owned();
        tracing::info_span!("request", method = %request.method(), path = %middleware::loggable_path(request.uri().path()), request_id = %id)
    });
    let security_headers = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&app::server::security::content_security_policy(None))
                .expect("the policy is plain ASCII"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // Invitation addresses carry their secret: no other site ever sees an address of ours.
        // Our own pages do, so a plain form post (no WebAssembly) comes back to its page.
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ));

    // The built site's files, precompressed variants preferred. Every other path is a page:
    // the route table ends in a catch-all that renders the 404 page.
    let site_root = std::path::Path::new(state.leptos_options.site_root.as_ref());
    let assets = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    let favicon = tower_http::services::ServeFile::new(site_root.join("favicon.svg"));

    let public_url = Arc::new(settings.public_url.clone());
    let dev_mail = dev_mail.map(dev_mail::routes).unwrap_or_default();
    Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/settings/partner-activity.csv",
            get(activity_export::partner_activity_csv),
        )
        .merge(dev_mail)
        .leptos_routes_with_context(&state, routes, provide_state.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .nest_service("/pkg", assets)
        .route_service("/favicon.svg", favicon)
        .layer(axum::middleware::from_fn(
            middleware::server_fn_error_status,
        ))
        // Before the session is loaded: a refused body costs no database read.
        .layer(sessions)
        .layer(axum::middleware::from_fn(middleware::check_server_fn_input))
        .layer(axum::middleware::from_fn_with_state(
            public_url,
            middleware::refuse_cross_site_writes,
        ))
        .layer(CompressionLayer::new())
        .layer(security_headers)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(trace)
                .layer(PropagateRequestIdLayer::new(request_id)),
        )
        .with_state(state)
}

/// What `/readyz` looks at.
#[derive(Clone)]
struct Readiness {
    db: Db,
    mail_worker: mail::Heartbeat,
}

/// The mail worker counts as alive while its last pass ended this recently (a pass sends at
/// most a batch, each message cut off at half a lease).
const WORKER_SILENCE: std::time::Duration = std::time::Duration::from_secs(180);

fn readiness_routes(readiness: Readiness) -> Router {
    Router::new()
        .route("/readyz", get(readyz))
        .with_state(readiness)
}

/// Whether this process should get traffic: the database answers, every migration of this
/// build is applied, and the mail worker is alive. 200 or 503, with each check in JSON.
async fn readyz(
    axum::extract::State(readiness): axum::extract::State<Readiness>,
) -> (StatusCode, Json<serde_json::Value>) {
    let migrations = match readiness.db.pending_migrations().await {
        Ok(0) => "ok".to_owned(),
        Ok(pending) => format!("{pending} pending"),
        Err(error) => {
            tracing::error!(%error, "readiness: database unreachable");
            "database unreachable".to_owned()
        }
    };
    let mail_worker = match readiness.mail_worker.age() {
        None => "starting",
        Some(age) if age <= WORKER_SILENCE => "ok",
        Some(_) => "silent",
    };
    let ready = migrations == "ok" && mail_worker == "ok";
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(serde_json::json!({
            "ready": ready,
            "migrations": migrations,
            "mail_worker": mail_worker,
        })),
    )
}

/// 200 when the database answers, 503 otherwise.
async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
