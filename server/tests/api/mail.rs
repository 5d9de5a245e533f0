use crate::common::smtp::SmtpSink;
use crate::common::{new_client, spawn_app, spawn_app_with_smtp, TestApp};
use app::server::db::{self, outbox};
use app::server::mail::Letter;
use reqwest::StatusCode;

async fn contact_fabrikam(app: &TestApp) {
    let fabrikam = db::partners::find_by_name(&app.state.db.pool, "Fabrikam Solutions")
        .await
        .expect("query")
        .expect("partner");
    let fabrikam = fabrikam.to_string();
    let form = crate::common::contact_form_with(
        &fabrikam,
        &[("business_needs", "Move <b>300</b> mailboxes.")],
    );
    let response = app.call(&new_client(), "send_contact_request", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_lead_notification_arrives_over_smtp_with_a_link_to_the_lead() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(Some(smtp.url.clone()), |_| {}).await;
    contact_fabrikam(&app).await;

    // One message per Fabrikam agent.
    let mut mail = smtp.wait_for(3).await;
    assert_eq!(mail.len(), 3);
    mail.sort_by(|a, b| a.recipients.cmp(&b.recipients));
    let recipients: Vec<&[String]> = mail.iter().map(|m| m.recipients.as_slice()).collect();
    assert_eq!(
        recipients,
        [
            ["agent@fabrikam.example".to_owned()],
            ["lead@fabrikam.example".to_owned()],
            ["support@fabrikam.example".to_owned()],
        ]
    );
    assert!(
        mail[0]
            .data
            .contains("Subject: New lead for Fabrikam Solutions: Tailspin Toys"),
        "{}",
        mail[0].data
    );
    assert!(
        mail[0].data.contains(&format!("{}/leads/", app.address)),
        "links use the public URL: {}",
        mail[0].data
    );
    assert!(mail[0].data.contains("text/html") && mail[0].data.contains("text/plain"));
    // Long lines travel quoted-printable: join its soft line breaks before reading.
    let unfolded = mail[0].data.replace("=\n", "");
    assert!(
        unfolded.contains("&lt;b&gt;300&lt;/b&gt;"),
        "what the customer typed is escaped in HTML: {unfolded}"
    );
    // The worker marks the message sent once the server has taken it, a moment after the
    // sink has the data.
    let mut sent = 0;
    for _ in 0..50 {
        sent = sqlx::query_scalar::<_, i64>(
            "select count(*) from email_outbox where sent_at is not null",
        )
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
        if sent == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(sent, 3);
}

#[tokio::test]
async fn an_unreachable_smtp_server_leaves_the_message_queued_for_a_retry() {
    // Nothing listens on port 1.
    let app = spawn_app_with_smtp(Some("smtp://127.0.0.1:1".to_owned()), |_| {}).await;
    contact_fabrikam(&app).await;
    for _ in 0..50 {
        let attempts: i64 = sqlx::query_scalar("select attempts from email_outbox")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("row");
        if attempts > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (attempts, sent, retry_at, error): (i64, Option<i64>, i64, Option<String>) =
        sqlx::query_as("select attempts, sent_at, next_attempt_at, last_error from email_outbox")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("row");
    assert_eq!(attempts, 1);
    assert_eq!(sent, None);
    assert!(retry_at > db::now_ms(), "retried later, not at once");
    assert!(error.is_some());
}

#[tokio::test]
async fn two_workers_deliver_each_message_exactly_once() {
    let app = spawn_app().await;
    {
        let mut tx = app.state.db.pool.begin().await.expect("tx");
        for i in 0..30 {
            let letter = Letter {
                subject: format!("message {i}"),
                body_text: "x".to_owned(),
                body_html: "<p>x</p>".to_owned(),
            };
            outbox::queue(
                &mut tx,
                &format!("r{i}@example.test"),
                &letter,
                db::now_ms(),
            )
            .await
            .expect("queued");
        }
        tx.commit().await.expect("commit");
    }
    let folder = std::env::temp_dir().join(format!("partnerhub-two-workers-{}", db::now_ms()));
    let mailer = server::mail::Mailer::new(
        None,
        folder.clone(),
        "Partnerhub <no-reply@partnerhub.example>",
    )
    .expect("mailer");
    let (a, b) = tokio::join!(
        async {
            let mut n = 0;
            for _ in 0..5 {
                n += server::mail::deliver_due(&app.state.db, &mailer)
                    .await
                    .expect("a");
            }
            n
        },
        async {
            let mut n = 0;
            for _ in 0..5 {
                n += server::mail::deliver_due(&app.state.db, &mailer)
                    .await
                    .expect("b");
            }
            n
        },
    );
    // The app's own worker takes some too: wait until it has finished what it claimed.
    for _ in 0..100 {
        let unsent: i64 =
            sqlx::query_scalar("select count(*) from email_outbox where sent_at is null")
                .fetch_one(&app.state.db.pool)
                .await
                .expect("count");
        if unsent == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // A message sent twice would have been marked sent twice: attempts = 2.
    let sent_once: i64 = sqlx::query_scalar(
        "select count(*) from email_outbox where sent_at is not null and attempts = 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("count");
    assert_eq!(
        sent_once, 30,
        "each of the 30 messages sent exactly once (a={a}, b={b})"
    );
    assert!(a + b <= 30);
}

#[tokio::test]
async fn without_smtp_mail_is_written_to_files_and_listed_for_development() {
    let app = spawn_app().await;
    contact_fabrikam(&app).await;
    let mut listing = String::new();
    for _ in 0..50 {
        listing = new_client()
            .get(app.url("/dev/mail"))
            .send()
            .await
            .expect("answer")
            .text()
            .await
            .expect("HTML");
        if listing.contains(".eml") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(listing.contains("agent@fabrikam.example"), "{listing}");
    assert!(
        listing.contains("New lead for Fabrikam Solutions"),
        "{listing}"
    );
    let traversal = new_client()
        .get(app.url("/dev/mail/..%2Fpartnerhub.db"))
        .send()
        .await
        .expect("answer");
    assert_eq!(traversal.status(), StatusCode::NOT_FOUND);
}
