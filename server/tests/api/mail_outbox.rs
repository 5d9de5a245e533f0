//! The email outbox under contention: several workers on one database, a slow SMTP relay,
//! leases shorter than a batch takes to send.

use crate::common::smtp::SmtpSink;
use crate::common::spawn_app_with_smtp;
use app::server::db::{self, outbox, Db};
use app::server::mail::Letter;
use server::mail::{deliver_due, Mailer};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const MESSAGES: usize = 1_000;
/// The slow relay takes this long to acknowledge each message.
const SMTP_DELAY: Duration = Duration::from_millis(10);
/// A batch of `BATCH` messages takes at least `BATCH × SMTP_DELAY` = 500 ms to send, far
/// longer than this lease: a claim held for the whole batch runs out half-way through it.
const LEASE: Duration = Duration::from_millis(300);
const BATCH: i64 = 50;
/// The test fails instead of hanging when delivery stalls.
const GIVE_UP_AFTER: Duration = Duration::from_secs(60);

fn recipient(n: usize) -> String {
    format!("r{n}@example.test")
}

pub async fn queue_messages(db: &Db, count: usize) {
    let mut tx = db::begin_write(&db.pool).await.expect("transaction");
    for n in 0..count {
        let letter = Letter {
            subject: format!("message {n}"),
            body_text: "x".to_owned(),
            body_html: "<p>x</p>".to_owned(),
        };
        outbox::queue(&mut tx, &recipient(n), &letter, db::now_ms())
            .await
            .expect("queued");
    }
    tx.commit().await.expect("commit");
}

pub async fn unsent(db: &Db) -> i64 {
    sqlx::query_scalar("select count(*) from email_outbox where sent_at is null")
        .fetch_one(&db.pool)
        .await
        .expect("count")
}

/// One worker: delivers batches until nothing is left to send; returns how many it sent.
async fn deliver_until_empty(db: &Db, mailer: &Mailer, deadline: Instant) -> usize {
    let mut sent = 0;
    while unsent(db).await > 0 && Instant::now() < deadline {
        let batch = deliver_due(db, mailer).await.expect("delivery");
        if batch == 0 {
            // What is left is held by the other worker: look again shortly.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        sent += batch;
    }
    sent
}

/// The test messages `0..messages` the relay received more than once, and those it never
/// received.
pub fn twice_and_missing(smtp: &SmtpSink, messages: usize) -> (Vec<String>, Vec<String>) {
    let copies = copies_by_recipient(smtp);
    let twice = (0..messages)
        .map(recipient)
        .filter(|to| copies.get(to).is_some_and(|&n| n > 1))
        .collect();
    let missing = (0..messages)
        .map(recipient)
        .filter(|to| !copies.contains_key(to))
        .collect();
    (twice, missing)
}

/// How many copies of each test message the relay received.
fn copies_by_recipient(smtp: &SmtpSink) -> HashMap<String, usize> {
    let mut copies = HashMap::new();
    for mail in smtp.received() {
        for to in mail.recipients {
            *copies.entry(to).or_insert(0) += 1;
        }
    }
    copies
}

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A row as the outbox leaves it: sent, given up, or still waiting for a retry.
async fn insert_row(db: &Db, label: &str, sent_at: Option<i64>, failed_at: Option<i64>) {
    let now = db::now_ms();
    sqlx::query(
        "insert into email_outbox
             (recipient, subject, body_text, body_html, created_at, attempts, next_attempt_at, sent_at, failed_at)
         values ($1, $1, 'x', '<p>x</p>', $2, 1, $3, $4, $5)",
    )
    .bind(label)
    .bind(now - 90 * DAY_MS)
    // Not due soon: the app's own worker leaves the waiting row alone.
    .bind(now + DAY_MS)
    .bind(sent_at)
    .bind(failed_at)
    .execute(&db.pool)
    .await
    .expect("inserted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_with_a_short_lease_deliver_each_of_1000_messages_exactly_once() {
    let smtp = SmtpSink::start_with_delay(SMTP_DELAY).await;
    // The app's own worker (default lease) delivers to the same relay: a third worker.
    let app = spawn_app_with_smtp(Some(smtp.url.clone()), |_| {}).await;
    let db = &app.state.db;
    queue_messages(db, MESSAGES).await;
    let mailer = Mailer::new(
        Some(&smtp.url),
        std::env::temp_dir(),
        "Partnerhub <no-reply@partnerhub.example>",
    )
    .expect("mailer")
    .with_lease(LEASE)
    .with_batch(BATCH);

    let started = Instant::now();
    let deadline = started + GIVE_UP_AFTER;
    let (a, b) = tokio::join!(
        deliver_until_empty(db, &mailer, deadline),
        deliver_until_empty(db, &mailer, deadline),
    );
    let elapsed = started.elapsed();
    eprintln!("{MESSAGES} messages delivered in {elapsed:?} (worker a {a}, worker b {b})");

    assert_eq!(
        unsent(db).await,
        0,
        "everything sent within {GIVE_UP_AFTER:?}"
    );
    let (sent_twice, missing) = twice_and_missing(&smtp, MESSAGES);
    assert!(
        sent_twice.is_empty(),
        "{} of {MESSAGES} messages reached the relay more than once, e.g. {:?}",
        sent_twice.len(),
        &sent_twice[..sent_twice.len().min(5)]
    );
    assert!(missing.is_empty(), "never received: {missing:?}");
}

#[tokio::test]
async fn a_worker_whose_lease_ran_out_can_neither_renew_nor_mark_a_message_claimed_since() {
    let app = crate::common::spawn_app().await;
    let db = &app.state.db;
    // Due tomorrow, out of the app's own worker's reach: the claims below pretend it is later.
    insert_row(db, "claimed-twice", None, None).await;
    let later = db::now_ms() + 2 * DAY_MS;

    // The first worker's lease ends at once; the second claims the message after it.
    let first = outbox::claim_due(db, later, later, 10)
        .await
        .expect("claim");
    let second = outbox::claim_due(db, later + 1, later + 60_000, 10)
        .await
        .expect("claim");
    assert_eq!(first.emails.len(), 1);
    assert_eq!(
        second.emails.len(),
        1,
        "a lapsed lease can be claimed again"
    );
    assert_ne!(first.token, second.token);
    let email_id = first.emails[0].email_id;

    assert!(
        !outbox::renew_lease(&db.pool, email_id, &first.token, later + 120_000)
            .await
            .expect("renew")
    );
    assert!(!outbox::mark_sent(&db.pool, email_id, &first.token, later)
        .await
        .expect("mark"));
    assert!(
        !outbox::mark_failed(&db.pool, email_id, &first.token, "late", None, later)
            .await
            .expect("mark")
    );
    assert!(
        outbox::renew_lease(&db.pool, email_id, &second.token, later + 120_000)
            .await
            .expect("renew")
    );
    assert!(outbox::mark_sent(&db.pool, email_id, &second.token, later)
        .await
        .expect("mark"));
    let (attempts, failed_at): (i64, Option<i64>) =
        sqlx::query_as("select attempts, failed_at from email_outbox where email_id = $1")
            .bind(email_id)
            .fetch_one(&db.pool)
            .await
            .expect("row");
    assert_eq!(
        (attempts, failed_at),
        (2, None),
        "one attempt before, one now: only the holder's marking counted"
    );
}

#[tokio::test]
async fn sent_and_given_up_messages_are_pruned_after_the_retention_period() {
    let app = crate::common::spawn_app().await;
    let db = &app.state.db;
    let now = db::now_ms();
    insert_row(db, "sent-31-days-ago", Some(now - 31 * DAY_MS), None).await;
    insert_row(db, "sent-29-days-ago", Some(now - 29 * DAY_MS), None).await;
    insert_row(db, "sent-just-now", Some(now), None).await;
    insert_row(db, "given-up-40-days-ago", None, Some(now - 40 * DAY_MS)).await;
    insert_row(db, "given-up-yesterday", None, Some(now - DAY_MS)).await;
    insert_row(db, "waiting-for-a-retry", None, None).await;

    let deleted = server::mail::prune_outbox(db, Duration::from_secs(30 * 24 * 60 * 60))
        .await
        .expect("pruned");

    let mut left: Vec<String> = sqlx::query_scalar("select subject from email_outbox")
        .fetch_all(&db.pool)
        .await
        .expect("rows");
    left.sort();
    assert_eq!(
        left,
        [
            "given-up-yesterday",
            "sent-29-days-ago",
            "sent-just-now",
            "waiting-for-a-retry"
        ]
    );
    assert_eq!(deleted, 2);
}
