//! `spawn_app`: the real server on port 0 with a fresh database per test, on the backend
//! named by `PARTNERHUB_TEST_BACKEND` (`sqlite`, the default, or `postgres`).

pub mod process;
pub mod smtp;

use app::server::Settings;
use rand::Rng;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, SET_COOKIE};
use reqwest::{Client, Response, StatusCode};
use server::config::Config;
use server::Application;

pub const DEMO_PASSWORD: &str = "partnerhub-demo";
/// A hung request fails its test instead of hanging the suite.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

pub struct TestApp {
    pub address: String,
    /// Where `/metrics` is served, when the configuration asked for it.
    pub metrics_address: Option<String>,
    pub database_url: String,
    pub state: app::server::AppState,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_with_smtp(None, adjust).await
}

/// As `spawn_app_with`, delivering mail over SMTP to `smtp_url`.
pub async fn spawn_app_with_smtp(
    smtp_url: Option<String>,
    adjust: impl FnOnce(&mut Settings),
) -> TestApp {
    spawn_app_with_config(|config| config.smtp_url = smtp_url, adjust).await
}

/// As `spawn_app_with`, changing the configuration first (demo mode off, …).
pub async fn spawn_app_with_config(
    configure: impl FnOnce(&mut Config),
    adjust: impl FnOnce(&mut Settings),
) -> TestApp {
    server::telemetry::init(Default::default());
    let database_url = fresh_database().await;
    let mut config = Config {
        database_url,
        listen_addr: "127.0.0.1:0".parse().expect("valid address"),
        public_url: None,
        demo: true,
        // The bare demo accounts: tests build what they need on them.
        demo_history: false,
        demo_directory_size: 20,
        site_root: "target/site".to_owned(),
        smtp_url: None,
        mail_folder: std::env::temp_dir().join(format!(
            "partnerhub-mail-{:016x}",
            rand::rng().random::<u64>()
        )),
        mail_from: "Partnerhub <no-reply@partnerhub.example>".to_owned(),
        mail_interval: std::time::Duration::from_millis(100),
        mail_retention_days: server::config::DEFAULT_MAIL_RETENTION_DAYS,
        mail_lease_seconds: server::config::DEFAULT_MAIL_LEASE_SECONDS,
        invitation_ttl_days: app::server::state::DEFAULT_INVITATION_TTL_DAYS,
        access_history_days: app::server::state::DEFAULT_ACCESS_HISTORY_DAYS,
        temporary_password_hours: app::server::state::DEFAULT_TEMPORARY_PASSWORD_HOURS,
        search_cache_entries: server::config::DEFAULT_SEARCH_CACHE_ENTRIES,
        search_index_dir: std::env::temp_dir().join(format!(
            "partnerhub-search-{:016x}",
            rand::rng().random::<u64>()
        )),
        trusted_proxies: Default::default(),
        metrics_addr: None,
        log_format: Default::default(),
        process_name: None,
    };
    configure(&mut config);
    let database_url = config.database_url.clone();
    let app = Application::build_with(config, adjust)
        .await
        .expect("the app starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app
        .metrics_port()
        .map(|port| format!("http://127.0.0.1:{port}"));
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        metrics_address,
        database_url,
        state,
    }
}

/// A browser of its own: its own cookie jar, redirects not followed.
pub fn new_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .timeout(REQUEST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client builds")
}

/// The backend `PARTNERHUB_TEST_BACKEND` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn test_backend() -> Backend {
    match std::env::var("PARTNERHUB_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        Ok("sqlite") | Err(_) => Backend::Sqlite,
        Ok(other) => panic!("unknown PARTNERHUB_TEST_BACKEND {other:?}: use sqlite or postgres"),
    }
}

/// A new, empty database on the test backend.
pub async fn fresh_database() -> String {
    fresh_database_on(test_backend()).await
}

pub async fn fresh_database_on(backend: Backend) -> String {
    let name = format!("partnerhub_test_{:016x}", rand::rng().random::<u64>());
    match backend {
        Backend::Postgres => {
            let server = std::env::var("TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
            let admin_url = format!("{server}/postgres");
            let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url)
                .await
                .unwrap_or_else(|e| {
                    panic!("PostgreSQL must run at {admin_url} for these tests: {e}")
                });
            sqlx::Executor::execute(&mut admin, format!("create database {name}").as_str())
                .await
                .expect("a test database can be created");
            format!("{server}/{name}")
        }
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            format!("sqlite://{}", path.display())
        }
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Calls a server function the way the app's own browser code does (a same-origin fetch).
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn sign_in(&self, client: &Client, email: &str, password: &str) -> Response {
        self.call(
            client,
            "sign_in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Signs in with the demo password and checks it worked.
    pub async fn sign_in_as(&self, email: &str) -> Client {
        let client = new_client();
        let response = self.sign_in(&client, email, DEMO_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "signing in as {email}");
        client
    }

    pub async fn current_user(&self, client: &Client) -> serde_json::Value {
        self.call(client, "current_user", &[])
            .await
            .json()
            .await
            .expect("JSON answer")
    }

    /// Loads a page as a browser navigation would.
    pub async fn get_page(&self, client: &Client, path: &str) -> Response {
        client
            .get(self.url(path))
            .header(ACCEPT, "text/html")
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn count_sessions(&self) -> i64 {
        sqlx::query_scalar("select count(*) from session")
            .fetch_one(&self.state.db.pool)
            .await
            .expect("count")
    }
}

/// The session cookie a response set, as `name=value`.
pub fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("partnerhub_session="))
        .and_then(|value| value.split(';').next())
        .map(str::to_owned)
}

/// A client that sends exactly this cookie, as a stolen cookie would be replayed.
pub fn client_with_cookie(cookie: &str) -> Client {
    let mut headers = HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        HeaderValue::from_str(cookie).expect("cookie is ASCII"),
    );
    Client::builder()
        .default_headers(headers)
        .timeout(REQUEST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client builds")
}

/// Gives `partner` the relationship type `kind` with the tenant, as accepting an invitation
/// granted by the tenant's Global admin `granted_by` does.
pub async fn relate(
    app: &TestApp,
    tenant: app::domain::TenantId,
    partner: app::domain::PartnerId,
    kind: app::domain::RelationshipType,
    granted_by: app::domain::UserId,
) {
    let pool = &app.state.db.pool;
    let mut tx = app::server::db::begin_write(pool)
        .await
        .expect("transaction");
    app::server::db::relationships::relate_by_default(
        &mut tx,
        tenant,
        partner,
        kind,
        granted_by,
        app::server::db::now_ms(),
    )
    .await
    .expect("relationship");
    tx.commit().await.expect("commit");
}

/// An agent of `partner` who signs in with the demo password; their client.
pub async fn new_agent(app: &TestApp, partner: app::domain::PartnerId, email: &str) -> Client {
    let hash = app::server::password::hash_blocking(
        &app::domain::Password::parse_new(DEMO_PASSWORD).expect("demo password"),
    )
    .expect("hash");
    app::server::db::users::insert(
        &app.state.db.pool,
        app::server::db::users::NewUser {
            organization: app::server::db::users::NewUserOrganization::Partner(partner),
            display_name: "Test Agent",
            email: &app::domain::EmailAddress::parse(email).expect("email"),
            password_hash: &hash,
            roles: &[],
        },
        app::server::db::now_ms(),
    )
    .await
    .expect("insert")
    .expect("a new email");
    app.sign_in_as(email).await
}

/// Contoso's tenant and its Global admin, `admin@contoso.example`.
pub async fn contoso(app: &TestApp) -> (app::domain::TenantId, app::domain::UserId) {
    let tenant = id_of(
        app,
        "select tenant_id from tenant where primary_domain = $1",
        "contoso.example",
    )
    .await;
    let admin = id_of(
        app,
        "select user_id from app_user where email = $1",
        "admin@contoso.example",
    )
    .await;
    (
        app::domain::TenantId::new(tenant),
        app::domain::UserId::new(admin),
    )
}

/// The id a query for one value finds.
pub async fn id_of(app: &TestApp, sql: &str, value: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(value)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql} {value}: {e}"))
}

/// Generated directory partners (not the demo's named ones), in id order.
pub async fn generated_partners(app: &TestApp, count: i64) -> Vec<app::domain::PartnerId> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "select partner_id from partner where name not in ('Fabrikam Solutions', 'Adatum Consulting')
         order by partner_id limit $1",
    )
    .bind(count)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("generated partners");
    ids.into_iter().map(app::domain::PartnerId::new).collect()
}

/// The contact form filled in as a visitor would, to `partners` (`"3,17"`).
pub fn contact_form(partners: &str) -> Vec<(&'static str, &str)> {
    contact_form_with(partners, &[])
}

/// The contact form with some fields typed otherwise.
pub fn contact_form_with<'a>(
    partners: &'a str,
    changes: &[(&'static str, &'a str)],
) -> Vec<(&'static str, &'a str)> {
    let mut form = vec![
        ("partners", partners),
        ("business_needs", "Move 300 mailboxes."),
        ("contact_name", "Pat"),
        ("email", "pat@tailspin.example"),
        ("phone", ""),
        ("company", "Tailspin Toys"),
        ("size", "11-50"),
        ("country", "US"),
        ("city", ""),
        ("consent", "on"),
        ("website", ""),
    ];
    for &(field, value) in changes {
        for pair in form.iter_mut().filter(|(name, _)| *name == field) {
            pair.1 = value;
        }
    }
    form
}

/// A number the database answers `sql` with (a count, a sum).
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// A server function's status and JSON answer (`null` when it has none).
pub async fn json(response: Response) -> (reqwest::StatusCode, serde_json::Value) {
    let status = response.status();
    (
        status,
        response.json().await.unwrap_or(serde_json::Value::Null),
    )
}

/// The demo's teams, as a fresh demo database numbers them (`demo::seed_accounts` creates
/// them in this order; `demo_data` checks it): Fabrikam's Support desk and Escalation,
/// Adatum's Managed services.
pub const SUPPORT_DESK: &str = "1";
pub const ESCALATION: &str = "2";
pub const MANAGED_SERVICES: &str = "3";

/// The admin relationship fields an invitation form of type `kind` (its stored name) sends
/// when Fabrikam's agent leaves them as the form starts, ticking Support desk: the type's
/// default roles, two years, named after the type. None for a type without admin roles.
pub fn default_access_fields(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "delegated_administrator" | "reseller_and_delegated_administrator" => &[
            ("access_name", "Delegated admin access"),
            ("roles[]", "global_admin"),
            ("roles[]", "helpdesk_admin"),
            ("duration_days", "730"),
            ("teams[]", SUPPORT_DESK),
        ],
        "advisor" => &[
            ("access_name", "Advisor access"),
            ("roles[]", "password_admin"),
            ("roles[]", "service_support_admin"),
            ("duration_days", "730"),
            ("teams[]", SUPPORT_DESK),
        ],
        _ => &[],
    }
}

/// The roles (stored names) the invitation behind `token` asks for, as its accept page
/// shows them to `admin`: what accepting with every box left ticked sends.
pub async fn roles_asked(app: &TestApp, admin: &Client, token: &str) -> Vec<&'static str> {
    let response = app
        .call(admin, "load_invitation", &[("token", token)])
        .await;
    let Ok(offer) = response.json::<app::domain::InvitationOffer>().await else {
        return Vec::new();
    };
    offer
        .access
        .map(|access| access.asked().map(|role| role.as_db()).collect())
        .unwrap_or_default()
}
