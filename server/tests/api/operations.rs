//! What an operator relies on: `/metrics` on its own address, `/readyz`, and backups of the
//! SQLite database taken while the server writes.

use crate::common::{count, new_client, spawn_app, spawn_app_with_config, test_backend, Backend};
use app::domain::AuditAction;
use app::server::db::{self, audit};
use reqwest::StatusCode;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

/// What `/metrics` at `metrics_address` says now.
pub(crate) async fn scrape(metrics_address: &str) -> String {
    new_client()
        .get(format!("{metrics_address}/metrics"))
        .send()
        .await
        .expect("answer")
        .text()
        .await
        .expect("text")
}

/// One series of the Prometheus text: the value of the first line that starts with `name`
/// and holds every label given.
pub(crate) fn sample(text: &str, name: &str, labels: &[&str]) -> Option<f64> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter(|line| line.starts_with(name))
        .filter(|line| {
            let rest = &line[name.len()..];
            rest.starts_with('{') || rest.starts_with(' ')
        })
        .find(|line| labels.iter().all(|label| line.contains(label)))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|value| value.parse().ok())
}

#[tokio::test]
async fn metrics_are_served_on_their_own_address_and_count_what_happens() {
    let app = spawn_app_with_config(
        |config| config.metrics_addr = Some("127.0.0.1:0".parse().expect("address")),
        |_| {},
    )
    .await;
    let metrics = app.metrics_address.clone().expect("a metrics address");
    let client = new_client();
    assert_eq!(
        client
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("answer")
            .status(),
        StatusCode::OK
    );
    let wrong = app
        .sign_in(&client, "admin@contoso.example", "not-the-password")
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = crate::directory::search(&app, &[("q", "cloud")]).await;
    assert_eq!(status, StatusCode::OK);

    let scraped = client
        .get(format!("{metrics}/metrics"))
        .send()
        .await
        .expect("answer");
    assert_eq!(scraped.status(), StatusCode::OK);
    assert!(scraped.headers()["content-type"]
        .to_str()
        .expect("text")
        .starts_with("text/plain; version=0.0.4"));
    let text = scraped.text().await.expect("text");
    // Requests by route pattern and status, with a latency histogram.
    assert!(
        sample(
            &text,
            "partnerhub_http_requests_total",
            &[r#"route="/healthz""#, r#"status="200""#, r#"method="GET""#]
        )
        .is_some_and(|n| n >= 1.0),
        "{text}"
    );
    assert!(
        sample(
            &text,
            "partnerhub_http_requests_total",
            &[r#"route="/api/sign_in""#, r#"status="401""#]
        )
        .is_some_and(|n| n >= 1.0),
        "{text}"
    );
    assert!(sample(
        &text,
        "partnerhub_http_request_duration_seconds_bucket",
        &[r#"route="/healthz""#, r#"le="+Inf""#]
    )
    .is_some());
    assert!(sample(&text, "partnerhub_sign_in_failures_total", &[]).is_some_and(|n| n >= 1.0));
    assert!(
        sample(&text, "partnerhub_search_duration_seconds_count", &[]).is_some_and(|n| n >= 1.0)
    );
    // Read when scraped: the pool and the outbox.
    assert!(sample(&text, "partnerhub_db_pool_max_connections", &[]).is_some_and(|n| n == 16.0));
    assert!(sample(
        &text,
        "partnerhub_db_pool_connections",
        &[r#"state="idle""#]
    )
    .is_some());
    assert!(sample(&text, "partnerhub_mail_outbox_backlog", &[]).is_some());
    assert!(sample(&text, "partnerhub_mail_outbox_oldest_due_age_seconds", &[]).is_some());
    // The workers have made a pass by now.
    assert!(
        sample(
            &text,
            "partnerhub_job_runs_total",
            &[r#"job="mail""#, r#"outcome="ok""#]
        )
        .is_some_and(|n| n >= 1.0),
        "{text}"
    );

    // Never on the public address; an address made up is one series, not one per address.
    let public = client
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("answer");
    assert_eq!(public.status(), StatusCode::NOT_FOUND);
    for n in 0..3 {
        let _ = client
            .get(app.url(&format!("/made-up-{n}")))
            .send()
            .await
            .expect("answer");
    }
    let text = scrape(&metrics).await;
    assert!(!text.contains("made-up"), "raw paths are not labels");
}

#[tokio::test]
async fn rate_limit_refusals_are_counted_by_limit() {
    let app = spawn_app_with_config(
        |config| config.metrics_addr = Some("127.0.0.1:0".parse().expect("address")),
        |settings| settings.sign_in_limits.per_account = 1,
    )
    .await;
    let client = new_client();
    for _ in 0..2 {
        app.sign_in(&client, "lead@fabrikam.example", "wrong-password")
            .await;
    }
    let refused = app
        .sign_in(&client, "lead@fabrikam.example", "wrong-password")
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let text = scrape(app.metrics_address.as_deref().expect("metrics")).await;
    assert!(
        sample(
            &text,
            "partnerhub_rate_limit_refusals_total",
            &[r#"limit="sign-in""#]
        )
        .is_some_and(|n| n >= 1.0),
        "{text}"
    );
    assert!(!text.contains("lead@fabrikam"), "no account in a label");
}

#[tokio::test]
async fn readyz_says_the_migrations_ran_and_the_mail_worker_is_alive() {
    let app = spawn_app().await;
    let client = new_client();
    // The mail worker's first pass comes right after the start.
    let mut answer = serde_json::Value::Null;
    for _ in 0..50 {
        let response = client.get(app.url("/readyz")).send().await.expect("answer");
        let status = response.status();
        answer = response.json().await.expect("JSON");
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        answer,
        serde_json::json!({ "ready": true, "migrations": "ok", "mail_worker": "ok" })
    );
    assert_eq!(app.state.db.pending_migrations().await.expect("read"), 0);
}

/// `server backup` / `server restore`, run as an operator runs them.
fn server_command(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the server binary runs")
}

fn temp_file(name: &str) -> std::path::PathBuf {
    use rand::Rng;
    std::env::temp_dir().join(format!(
        "partnerhub-{name}-{:016x}.db",
        rand::rng().random::<u64>()
    ))
}

async fn write_event(pool: &sqlx::AnyPool, n: u64) -> Result<(), sqlx::Error> {
    let mut tx = db::begin_write(pool).await?;
    audit::record(
        &mut tx,
        audit::AuditEvent {
            tenant_id: None,
            actor: None,
            partner_id: None,
            action: AuditAction::PartnerProfileUpdated,
            target: format!("write-{n}"),
        },
        db::now_ms(),
    )
    .await?;
    tx.commit().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_write_load_holds_every_write_acknowledged_before_it_began() {
    if test_backend() == Backend::Postgres {
        // Backups of PostgreSQL are pg_dump's; the command says so.
        let app = spawn_app().await;
        let output = server_command(&app.database_url, &["backup", "/tmp/never-written.db"]);
        assert!(!output.status.success());
        assert!(String::from_utf8_lossy(&output.stderr).contains("pg_dump"));
        return;
    }
    let app = spawn_app().await;
    let pool = app.state.db.pool.clone();
    // A writer that keeps writing; each write it saw committed is acknowledged.
    let acknowledged = Arc::new(Mutex::new(Vec::<u64>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                write_event(&pool, n).await.expect("a write");
                acknowledged.lock().expect("lock").push(n);
                n += 1;
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let backup = temp_file("backup");
    let before: Vec<u64> = acknowledged.lock().expect("lock").clone();
    let database_url = app.database_url.clone();
    let target = backup.display().to_string();
    let output =
        tokio::task::spawn_blocking(move || server_command(&database_url, &["backup", &target]))
            .await
            .expect("ran");
    assert!(
        output.status.success(),
        "backup: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.await.expect("the writer ends");
    let after = acknowledged.lock().expect("lock").len();
    assert!(before.len() > 10, "the writer wrote before the backup");
    assert!(after > before.len(), "and went on writing during it");

    // The copy: whole, with every write acknowledged before the backup began.
    let copy_url = format!("sqlite://{}", backup.display());
    let copy = db::Db::connect(&copy_url, 1).await.expect("the copy opens");
    let verdict: String = sqlx::query_scalar("pragma integrity_check")
        .fetch_one(&copy.pool)
        .await
        .expect("checked");
    assert_eq!(verdict, "ok");
    let copied: Vec<String> =
        sqlx::query_scalar("select target from audit_event where target like 'write-%'")
            .fetch_all(&copy.pool)
            .await
            .expect("read");
    let missing: Vec<_> = before
        .iter()
        .filter(|n| !copied.contains(&format!("write-{n}")))
        .collect();
    assert!(
        missing.is_empty(),
        "acknowledged but not in the copy: {missing:?}"
    );
    copy.pool.close().await;

    // A backup never overwrites.
    let again = server_command(
        &app.database_url,
        &["backup", &backup.display().to_string()],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

    // The running server's database is not replaced under it.
    let refused = server_command(
        &app.database_url,
        &["restore", &backup.display().to_string()],
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("in use by a running server"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(
        count(
            &app,
            "select count(*) from audit_event where target like 'write-%'"
        )
        .await
            > 0
    );

    // Restored where no server runs: the same writes, whole, as another installation.
    let restored = temp_file("restored");
    let restored_url = format!("sqlite://{}", restored.display());
    let output = server_command(&restored_url, &["restore", &backup.display().to_string()]);
    assert!(
        output.status.success(),
        "restore: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let restored_db = db::Db::connect(&restored_url, 1).await.expect("opens");
    let verdict: String = sqlx::query_scalar("pragma integrity_check")
        .fetch_one(&restored_db.pool)
        .await
        .expect("checked");
    assert_eq!(verdict, "ok");
    let restored_count: i64 =
        sqlx::query_scalar("select count(*) from audit_event where target like 'write-%'")
            .fetch_one(&restored_db.pool)
            .await
            .expect("read");
    assert_eq!(restored_count as usize, copied.len());
    let installation = |pool: sqlx::AnyPool| async move {
        app::server::db::search_feed::installation(&pool)
            .await
            .expect("read")
    };
    assert_ne!(
        installation(restored_db.pool.clone()).await,
        installation(app.state.db.pool.clone()).await,
        "search indexes built on the original rebuild from the copy"
    );
    restored_db.pool.close().await;
    for file in [&backup, &restored] {
        let _ = std::fs::remove_file(Path::new(file));
    }
}
