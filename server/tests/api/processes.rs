//! Several `server` processes on one database, as behind a load balancer: mail goes out
//! once whichever process's worker takes it, and a process told to stop (SIGTERM) finishes
//! what it was doing and hands back what it will not do.

use crate::common::process::ServerProcess;
use crate::common::smtp::SmtpSink;
use crate::common::{count, fresh_database, new_client, spawn_app, DEMO_PASSWORD};
use crate::mail_outbox::{queue_messages, twice_and_missing, unsent};
use app::server::db::Db;
use reqwest::StatusCode;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A new database with the schema and nothing else.
async fn migrated_database() -> (String, Db) {
    let url = fresh_database().await;
    let db = Db::connect(&url, 4).await.expect("the database opens");
    db.migrate().await.expect("migrated");
    (url, db)
}

/// What one process says it delivered, from its own `/metrics`.
async fn delivered_by(metrics_address: &str) -> f64 {
    let text = crate::operations::scrape(metrics_address).await;
    crate::operations::sample(
        &text,
        "partnerhub_mail_deliveries_total",
        &[r#"outcome="sent""#],
    )
    .unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_server_processes_deliver_each_of_1000_queued_messages_exactly_once() {
    const MESSAGES: usize = 1_000;
    let smtp = SmtpSink::start_with_delay(Duration::from_millis(5)).await;
    let (url, db) = migrated_database().await;
    queue_messages(&db, MESSAGES).await;

    let metrics_ports: Vec<u16> = (0..3)
        .map(|_| crate::common::process::free_port())
        .collect();
    let mut processes = Vec::new();
    for port in &metrics_ports {
        let metrics_addr = format!("127.0.0.1:{port}");
        processes.push(
            ServerProcess::start_with(
                &url,
                &[
                    ("SMTP_URL", smtp.url.as_str()),
                    ("METRICS_ADDR", metrics_addr.as_str()),
                ],
            )
            .await,
        );
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while unsent(&db).await > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(unsent(&db).await, 0, "all sent within two minutes");

    let (twice, missing) = twice_and_missing(&smtp, MESSAGES);
    assert!(twice.is_empty(), "received twice: {twice:?}");
    assert!(missing.is_empty(), "never received: {missing:?}");
    let mut ids: HashMap<String, usize> = HashMap::new();
    for mail in smtp.received() {
        *ids.entry(mail.message_id()).or_default() += 1;
    }
    assert_eq!(ids.len(), MESSAGES, "one Message-ID per queued message");

    // Every process's worker took part, and together they sent each message once.
    let mut per_process = Vec::new();
    for port in &metrics_ports {
        per_process.push(delivered_by(&format!("http://127.0.0.1:{port}")).await);
    }
    eprintln!("messages sent per process: {per_process:?}");
    assert_eq!(per_process.iter().sum::<f64>(), MESSAGES as f64);
    assert!(
        per_process.iter().filter(|&&n| n > 0.0).count() >= 2,
        "the work was shared: {per_process:?}"
    );
    drop(processes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_finishes_the_request_in_flight_and_hands_back_the_mail_not_sent() {
    // A relay that takes 300 ms per message: stopping finds the worker mid-batch.
    let smtp = SmtpSink::start_with_delay(Duration::from_millis(300)).await;
    let (url, db) = migrated_database().await;
    // The demo accounts, seeded by a first process that is then stopped.
    {
        let mut seeding = ServerProcess::start_with(
            &url,
            &[("PARTNERHUB_DEMO", "1"), ("PARTNERHUB_DEMO_PARTNERS", "20")],
        )
        .await;
        let (_, ended_well) = seeding.terminate();
        assert!(ended_well);
    }
    let mut server = ServerProcess::start_with(
        &url,
        &[
            ("SMTP_URL", smtp.url.as_str()),
            ("TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    let client = new_client();
    let sign_in = |client: &reqwest::Client, from: &str, password: &str| {
        client
            .post(server.url("/api/sign_in"))
            .header("x-forwarded-for", from.to_owned())
            .form(&[("email", "lead@fabrikam.example"), ("password", password)])
            .send()
    };
    // Five failures from one address make every attempt on the account wait a second first.
    for _ in 0..5 {
        let failed = sign_in(&client, "203.0.113.1", "wrong")
            .await
            .expect("answer");
        assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    }
    queue_messages(&db, 30).await;
    // Once mail is going out, a sign-in that will take a second is sent, then SIGTERM.
    let deadline = Instant::now() + Duration::from_secs(30);
    while smtp.received().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!smtp.received().is_empty(), "mail is going out");
    let in_flight = tokio::spawn(sign_in(&client, "203.0.113.2", DEMO_PASSWORD));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (took, ended_well) = tokio::task::spawn_blocking(move || {
        let ended = server.terminate();
        drop(server);
        ended
    })
    .await
    .expect("terminated");
    assert!(ended_well, "the process exits with success after SIGTERM");
    assert!(took < Duration::from_secs(10), "stopped in {took:?}");
    let answer = in_flight
        .await
        .expect("the request task")
        .expect("the request in flight was answered");
    assert_eq!(answer.status(), StatusCode::OK, "and it signed in");

    // Nothing half done: what reached the relay is recorded as sent, the rest is unclaimed
    // and due, for the next worker at once.
    // Sent by a worker (the demo's history is marked sent as written, with no attempt).
    let sent: i64 = sqlx::query_scalar(
        "select count(*) from email_outbox where sent_at is not null and attempts > 0",
    )
    .fetch_one(&db.pool)
    .await
    .expect("count");
    let held: i64 = sqlx::query_scalar(
        "select count(*) from email_outbox where sent_at is null and claim_token is not null",
    )
    .fetch_one(&db.pool)
    .await
    .expect("count");
    let received = smtp.received().len() as i64;
    assert_eq!(
        received, sent,
        "each message the relay took is recorded as sent"
    );
    assert!(
        sent < 30,
        "stopped before the end of the outbox ({sent} sent)"
    );
    assert_eq!(held, 0, "no claim outlives the process");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_processes_starting_at_once_send_an_end_date_reminder_once() {
    // Contoso grants "Fabrikam helpdesk"; then its end is 29 days away: the 30-day reminder
    // is due, and each process's end-date job looks at its start.
    let app = spawn_app().await;
    crate::admin_access::helpdesk_granted(&app).await;
    let in_29_days = app::server::db::now_ms() + 29 * 24 * 60 * 60 * 1000;
    sqlx::query("update admin_relationship set ends_at = $1 where name = 'Fabrikam helpdesk'")
        .bind(in_29_days)
        .execute(&app.state.db.pool)
        .await
        .expect("moved");
    let reminders = "select count(*) from email_outbox
         where subject like 'Admin access for Fabrikam Solutions in Contoso ends on%'";
    assert_eq!(count(&app, reminders).await, 0);

    let (a, b, c) = tokio::join!(
        ServerProcess::start(&app.database_url),
        ServerProcess::start(&app.database_url),
        ServerProcess::start(&app.database_url),
    );
    // Fabrikam's admin agent, Contoso's Global and Billing admins: one each.
    let deadline = Instant::now() + Duration::from_secs(30);
    while count(&app, reminders).await < 3 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Time for a late process to send a second one, were it to.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(count(&app, reminders).await, 3);
    assert_eq!(
        count(&app, "select count(*) from admin_relationship_notice").await,
        1
    );
    drop((a, b, c));
}

#[tokio::test]
async fn with_log_format_json_every_log_line_is_a_json_object() {
    let (url, _db) = migrated_database().await;
    let server =
        ServerProcess::start_with(&url, &[("LOG_FORMAT", "json"), ("RUST_LOG", "info")]).await;
    // A failed sign-in is logged (at info), inside its request's span.
    let response = new_client()
        .post(server.url("/api/sign_in"))
        .form(&[
            ("email", "nobody@contoso.example"),
            ("password", "wrong-password"),
        ])
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let log = server.log();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    let failed = lines
        .iter()
        .find(|line| line["message"] == "sign-in failed")
        .unwrap_or_else(|| panic!("the failed sign-in in {log}"));
    assert_eq!(failed["level"], "INFO");
    // Every span it happened in, the request's with its id among them.
    let request = failed["spans"]
        .as_array()
        .and_then(|spans| spans.iter().find(|span| span["name"] == "request"))
        .unwrap_or_else(|| panic!("the request's span in {failed}"));
    assert_eq!(request["path"], "/api/sign_in", "{failed}");
    assert!(
        request["request_id"]
            .as_str()
            .is_some_and(|id| id.len() == 36),
        "{failed}"
    );
    for line in &lines {
        assert!(line["timestamp"].is_string(), "{line}");
        assert!(line["level"].is_string(), "{line}");
        assert!(line["message"].is_string(), "{line}");
    }
}
