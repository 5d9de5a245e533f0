//! kill -9 while writing: a load of contact requests, invitations sent and accepted, roles
//! removed and sign-ins runs against a server process that is killed (SIGKILL) at a random
//! moment and started again, cycle after cycle. Every write the server acknowledged must be
//! there after the restart, none half done, the SQLite file whole, and no mail lost.
//!
//! `PARTNERHUB_CHAOS_CYCLES` sets the cycles (3 by default, as the test command runs it;
//! `.ci/chaos` runs the long version and prints the figures).

use crate::common::process::{free_port, ServerProcess};
use crate::common::smtp::SmtpSink;
use crate::common::{fresh_database, new_client, test_backend, Backend, DEMO_PASSWORD};
use app::server::db::Db;
use rand::Rng;
use reqwest::{Client, StatusCode};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEFAULT_CYCLES: usize = 3;
/// Clients writing at once.
const WORKERS: usize = 4;

/// Writes the server acknowledged (answered 200 to).
#[derive(Default, Debug, Clone)]
struct Ledger {
    /// Contact requests, by the sender's (unique) email address.
    contacts: Vec<String>,
    invitations_sent: usize,
    /// Invitation secrets accepted.
    accepted: Vec<String>,
    roles_removed: usize,
    /// Session cookies of acknowledged sign-ins, with the account.
    sessions: Vec<(String, String)>,
}

/// The server, wherever it is now (the same port after every restart).
#[derive(Clone)]
struct Target {
    address: String,
    /// Fabrikam's partner id, and the two partners every contact request goes to.
    fabrikam: String,
    contact_partners: String,
}

impl Target {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    async fn call(
        &self,
        client: &Client,
        from: &str,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<reqwest::Response, reqwest::Error> {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", from)
            .form(form)
            .send()
            .await
    }
}

fn random_address() -> String {
    let mut rng = rand::rng();
    format!(
        "10.{}.{}.{}",
        rng.random_range(0..=255),
        rng.random_range(0..=255),
        rng.random_range(1..=254)
    )
}

/// Signs in; the session cookie when acknowledged.
async fn sign_in(target: &Target, client: &Client, email: &str) -> Option<String> {
    let response = target
        .call(
            client,
            &random_address(),
            "sign_in",
            &[("email", email), ("password", DEMO_PASSWORD)],
        )
        .await
        .ok()?;
    if response.status() != StatusCode::OK {
        return None;
    }
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("partnerhub_session="))
        .and_then(|value| value.split(';').next())
        .map(str::to_owned)
}

/// The invitation secrets mailed to Contoso's admin, as the relay received them.
fn mailed_tokens(smtp: &SmtpSink) -> Vec<String> {
    smtp.received()
        .iter()
        .filter(|mail| {
            mail.recipients
                .iter()
                .any(|to| to == "admin@contoso.example")
        })
        .filter_map(|mail| {
            let text = mail.data.replace("=\n", "");
            let start = text.find("/invitation/")? + "/invitation/".len();
            text.get(start..start + 43).map(str::to_owned)
        })
        .collect()
}

/// Whether the server acknowledged a write (200), answered otherwise (a refusal: a limit, a
/// type already held), or did not answer (it was killed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Acknowledged,
    Refused,
    None,
}

impl From<Result<reqwest::Response, reqwest::Error>> for Answer {
    fn from(result: Result<reqwest::Response, reqwest::Error>) -> Self {
        match result {
            Ok(response) if response.status() == StatusCode::OK => Answer::Acknowledged,
            Ok(_) => Answer::Refused,
            Err(_) => Answer::None,
        }
    }
}

/// A client signed in as `email`, or `None` when the server did not sign it in.
async fn signed_in(target: &Target, email: &str) -> Option<Client> {
    let client = new_client();
    sign_in(target, &client, email).await.map(|_| client)
}

/// One write of kind `choice`; what was acknowledged goes in the ledger.
async fn write_once(
    target: &Target,
    smtp: &SmtpSink,
    ledger: &Mutex<Ledger>,
    choice: u32,
    tag: &str,
) -> Answer {
    let from = random_address();
    match choice {
        0 => {
            let email = format!("chaos-{tag}@tailspin.example");
            let form = crate::common::contact_form_with(
                &target.contact_partners,
                &[("email", email.as_str())],
            );
            let answer = Answer::from(
                target
                    .call(&new_client(), &from, "send_contact_request", &form)
                    .await,
            );
            if answer == Answer::Acknowledged {
                ledger.lock().expect("ledger").contacts.push(email);
            }
            answer
        }
        1 => {
            let Some(agent) = signed_in(target, "agent@fabrikam.example").await else {
                return Answer::None;
            };
            let kind = "reseller_and_delegated_administrator";
            let mut form = vec![
                ("tenant_domain", "contoso.example"),
                ("relationship_type", kind),
                ("message", "Chaos."),
                ("lead_id", ""),
            ];
            form.extend_from_slice(crate::common::default_access_fields(kind));
            let answer = Answer::from(target.call(&agent, &from, "send_invitation", &form).await);
            if answer == Answer::Acknowledged {
                ledger.lock().expect("ledger").invitations_sent += 1;
            }
            answer
        }
        2 => {
            let accepted = ledger.lock().expect("ledger").accepted.clone();
            let Some(token) = mailed_tokens(smtp)
                .into_iter()
                .find(|token| !accepted.contains(token))
            else {
                return Answer::Refused;
            };
            let Some(admin) = signed_in(target, "admin@contoso.example").await else {
                return Answer::None;
            };
            let form = [
                ("token", token.as_str()),
                ("agreement_version", "1.0"),
                ("acknowledged", "on"),
                ("roles[]", "global_admin"),
                ("roles[]", "helpdesk_admin"),
            ];
            let answer = Answer::from(target.call(&admin, &from, "accept_invitation", &form).await);
            if answer == Answer::Acknowledged {
                ledger.lock().expect("ledger").accepted.push(token);
            }
            answer
        }
        3 => {
            let Some(admin) = signed_in(target, "admin@contoso.example").await else {
                return Answer::None;
            };
            let form = [("partner_id", target.fabrikam.as_str())];
            let answer = Answer::from(
                target
                    .call(&admin, &from, "remove_partner_roles", &form)
                    .await,
            );
            if answer == Answer::Acknowledged {
                ledger.lock().expect("ledger").roles_removed += 1;
            }
            answer
        }
        _ => {
            let account = "billing@contoso.example";
            let Some(cookie) = sign_in(target, &new_client(), account).await else {
                return Answer::None;
            };
            ledger
                .lock()
                .expect("ledger")
                .sessions
                .push((cookie, account.to_owned()));
            Answer::Acknowledged
        }
    }
}

/// One client's writes until `stop`.
async fn write_until_stopped(
    target: Target,
    smtp: SmtpSink,
    ledger: Arc<Mutex<Ledger>>,
    stop: Arc<AtomicBool>,
    worker: usize,
) {
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let choice = rand::rng().random_range(0..5);
        let tag = format!("{worker}-{n}-{:08x}", rand::rng().random::<u32>());
        if write_once(&target, &smtp, &ledger, choice, &tag).await == Answer::None {
            // The server is down (killed): wait for the next start.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// What the database holds now, checked against the ledger and against itself: the rows
/// written since `since_ms` (the demo's history is older).
async fn check_database(db: &Db, ledger: &Ledger, since_ms: i64) -> Vec<String> {
    let mut problems = Vec::new();
    let scalar = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(since_ms)
            .fetch_one(&db.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    // Each contact request: a lead per partner it went to, in its transaction.
    for email in &ledger.contacts {
        let leads: i64 = sqlx::query_scalar(
            "select count(*) from lead l join contact_request c
             on c.contact_request_id = l.contact_request_id where c.email = $1",
        )
        .bind(email)
        .fetch_one(&db.pool)
        .await
        .expect("count");
        if leads != 2 {
            problems.push(format!(
                "contact request from {email}: {leads} leads, not 2"
            ));
        }
    }
    let lonely_requests = scalar(
        "select count(*) from contact_request c
         where c.email like 'chaos-%' and $1 > 0
           and not exists (select 1 from lead l where l.contact_request_id = c.contact_request_id)",
    )
    .await;
    if lonely_requests > 0 {
        problems.push(format!("{lonely_requests} contact requests without leads"));
    }
    let invitations = scalar(
        "select count(*) from invitation i join tenant t on t.tenant_id = i.tenant_id
         where t.primary_domain = 'contoso.example' and i.created_at >= $1",
    )
    .await;
    if (invitations as usize) < ledger.invitations_sent {
        problems.push(format!(
            "{} invitations acknowledged, {invitations} in the database",
            ledger.invitations_sent
        ));
    }
    let invitation_events = scalar(
        "select count(*) from audit_event where action = 'invitation.sent' and occurred_at >= $1",
    )
    .await;
    let invitation_mails = scalar(
        "select count(*) from email_outbox
         where recipient = 'admin@contoso.example' and body_text like '%/invitation/%'
           and created_at >= $1",
    )
    .await;
    if invitation_events != invitations || invitation_mails != invitations {
        problems.push(format!(
            "{invitations} invitations, {invitation_events} events, {invitation_mails} mails: half done"
        ));
    }
    let accepted =
        scalar("select count(*) from invitation where status = 'accepted' and created_at >= $1")
            .await;
    let accepted_events = scalar(
        "select count(*) from audit_event where action = 'invitation.accepted' and occurred_at >= $1",
    )
    .await;
    if accepted != accepted_events {
        problems.push(format!(
            "{accepted} accepted invitations, {accepted_events} events: half done"
        ));
    }
    if (accepted as usize) < ledger.accepted.len() {
        problems.push(format!(
            "{} accepts acknowledged, {accepted} in the database",
            ledger.accepted.len()
        ));
    }
    let removals = scalar(
        "select count(*) from audit_event where action = 'partner.roles_removed' and occurred_at >= $1",
    )
    .await;
    let removal_mails = scalar(
        "select count(*) from email_outbox
         where recipient = 'admin@contoso.example' and subject like '%removed the admin roles%'
           and created_at >= $1",
    )
    .await;
    if removals != removal_mails {
        problems.push(format!(
            "{removals} role removals, {removal_mails} mails: half done"
        ));
    }
    problems
}

/// SQLite's own check of the file, as the killed process left it.
async fn integrity(database_url: &str) -> String {
    let db = Db::connect(database_url, 1).await.expect("opens");
    let verdict = sqlx::query_scalar::<_, String>("pragma integrity_check")
        .fetch_one(&db.pool)
        .await
        .expect("checked");
    db.pool.close().await;
    verdict
}

/// Sessions acknowledged before a kill still sign their browser in after it.
async fn lost_sessions(target: &Target, ledger: &Ledger) -> Vec<String> {
    let mut lost = Vec::new();
    for (cookie, account) in ledger.sessions.iter().rev().take(20) {
        let client = crate::common::client_with_cookie(cookie);
        let user: serde_json::Value = target
            .call(&client, "127.0.0.1", "current_user", &[])
            .await
            .expect("answer")
            .json()
            .await
            .expect("JSON");
        if user["email"] != account.as_str() {
            lost.push(format!("{account}: {user}"));
        }
    }
    lost
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_while_writing_the_server_keeps_every_acknowledged_write_whole() {
    let cycles: usize = std::env::var("PARTNERHUB_CHAOS_CYCLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CYCLES);
    let smtp = SmtpSink::start_with_delay(Duration::from_millis(2)).await;
    let database_url = fresh_database().await;
    let port = free_port();
    let settings = [
        ("SMTP_URL", smtp.url.as_str()),
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("PARTNERHUB_DEMO", "1"),
        ("PARTNERHUB_DEMO_PARTNERS", "20"),
        // What a killed process held goes to the next one after 10 s, not 2 minutes.
        ("MAIL_LEASE_SECONDS", "10"),
    ];
    let mut target = Target {
        address: format!("http://127.0.0.1:{port}"),
        fabrikam: String::new(),
        contact_partners: String::new(),
    };
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let started = Instant::now();
    let mut kills_during_writes = 0;
    // Set once the first start has seeded the demo data: what the load writes comes after.
    let mut since_ms = i64::MAX;

    for cycle in 0..cycles {
        let mut server = ServerProcess::start_on(port, &database_url, &settings).await;
        let db = Db::connect(&database_url, 2).await.expect("opens");
        if target.fabrikam.is_empty() {
            let ids: Vec<i64> = sqlx::query_scalar(
                "select partner_id from partner where name in ('Fabrikam Solutions', 'Adatum Consulting')
                 order by name desc",
            )
            .fetch_all(&db.pool)
            .await
            .expect("the demo partners");
            target.fabrikam = ids[0].to_string();
            target.contact_partners = format!("{},{}", ids[0], ids[1]);
            since_ms = app::server::db::now_ms();
        }
        {
            let ledger = ledger.lock().expect("ledger").clone();
            let problems = check_database(&db, &ledger, since_ms).await;
            assert!(problems.is_empty(), "after restart {cycle}: {problems:#?}");
            let lost = lost_sessions(&target, &ledger).await;
            assert!(
                lost.is_empty(),
                "after restart {cycle}, sessions lost: {lost:#?}"
            );
        }
        db.pool.close().await;

        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                tokio::spawn(write_until_stopped(
                    target.clone(),
                    smtp.clone(),
                    ledger.clone(),
                    stop.clone(),
                    worker,
                ))
            })
            .collect();
        let run_for = Duration::from_millis(rand::rng().random_range(300..2_500));
        tokio::time::sleep(run_for).await;
        server.kill();
        kills_during_writes += 1;
        stop.store(true, Ordering::Relaxed);
        for worker in workers {
            worker.await.expect("a worker ends");
        }
        if test_backend() == Backend::Sqlite {
            assert_eq!(integrity(&database_url).await, "ok", "after kill {cycle}");
        }
    }

    // A last start: everything acknowledged is there, and the outbox drains.
    let _server = ServerProcess::start_on(port, &database_url, &settings).await;
    let db = Db::connect(&database_url, 2).await.expect("opens");
    let ledger = ledger.lock().expect("ledger").clone();
    let problems = check_database(&db, &ledger, since_ms).await;
    assert!(problems.is_empty(), "at the end: {problems:#?}");
    let deadline = Instant::now() + Duration::from_secs(60);
    let unsent = || async {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from email_outbox where sent_at is null and failed_at is null",
        )
        .fetch_one(&db.pool)
        .await
        .expect("count")
    };
    while unsent().await > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(unsent().await, 0, "the outbox drains after the last start");
    // Mail: every message recorded as sent reached the relay. A message can reach it twice
    // only when a kill fell between the relay's acceptance and the worker's record of it
    // (one message in hand per kill at most); the copies carry one Message-ID.
    let mut copies: HashMap<String, usize> = HashMap::new();
    for mail in smtp.received() {
        *copies.entry(mail.message_id()).or_default() += 1;
    }
    // Sent by a worker (the demo's history is marked sent as written, with no attempt).
    let sent = sqlx::query_scalar::<_, i64>(
        "select count(*) from email_outbox where sent_at is not null and attempts > 0",
    )
    .fetch_one(&db.pool)
    .await
    .expect("count");
    let twice = copies.values().filter(|&&n| n > 1).count();
    eprintln!(
        "chaos ({:?}): {cycles} kills in {:.0} s; acknowledged: {} contact requests, {} invitations, {} accepts, {} role removals, {} sign-ins; {sent} messages sent, {} received, {twice} twice",
        test_backend(),
        started.elapsed().as_secs_f64(),
        ledger.contacts.len(),
        ledger.invitations_sent,
        ledger.accepted.len(),
        ledger.roles_removed,
        ledger.sessions.len(),
        copies.len(),
    );
    assert!(
        ledger.contacts.len() + ledger.invitations_sent + ledger.sessions.len() > cycles,
        "the load wrote"
    );
    assert!(
        copies.len() as i64 >= sent,
        "every message recorded as sent was received"
    );
    assert!(
        twice <= kills_during_writes,
        "{twice} messages twice after {kills_during_writes} kills"
    );
}
