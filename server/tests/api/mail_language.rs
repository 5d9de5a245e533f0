//! Mail in the reader's language: each user's language is stored (when they switch, or the
//! sign-in page's at their first sign-in), and every message, subject included, reaches them
//! in it alone.

use crate::common::smtp::SmtpSink;
use crate::common::{
    contact_form_with, new_client, spawn_app, spawn_app_with_smtp, TestApp, DEMO_PASSWORD,
};
use base64::Engine;
use reqwest::{Client, Response, StatusCode};

async fn stored_language(app: &TestApp, email: &str) -> Option<String> {
    sqlx::query_scalar("select language from app_user where email = $1")
        .bind(email)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("the user")
}

/// Signs in from a page shown in `language`; `chosen` when the switch chose it.
async fn sign_in_from_page(app: &TestApp, email: &str, language: &str, chosen: bool) -> Response {
    let form = [
        ("email", email),
        ("password", DEMO_PASSWORD),
        ("language", language),
        ("language_chosen", if chosen { "true" } else { "false" }),
    ];
    app.call(&new_client(), "sign_in", &form).await
}

async fn sign_in_from_page_in(app: &TestApp, email: &str, language: &str) -> Client {
    let client = new_client();
    let form = [
        ("email", email),
        ("password", DEMO_PASSWORD),
        ("language", language),
    ];
    let response = app.call(&client, "sign_in", &form).await;
    assert_eq!(response.status(), StatusCode::OK, "{email} signs in");
    client
}

async fn switch_to(app: &TestApp, client: &Client, language: &str) {
    let response = app
        .call(client, "set_language", &[("language", language)])
        .await;
    assert_eq!(response.status(), StatusCode::OK, "switching to {language}");
}

/// The outbox's letter to `recipient`: subject and text.
async fn letter_to(app: &TestApp, recipient: &str) -> (String, String) {
    sqlx::query_as("select subject, body_text from email_outbox where recipient = $1")
        .bind(recipient)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap_or_else(|error| panic!("one message to {recipient}: {error}"))
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// An RFC 2047 subject (`=?utf-8?b?…?=` words among plain ones) as its reader sees it: the
/// space between two encoded words is not part of the text.
fn decoded_subject(data: &str) -> String {
    let mut lines = data
        .lines()
        .skip_while(|line| !line.starts_with("Subject: "));
    let mut header = lines.next().expect("a Subject header")["Subject: ".len()..].to_owned();
    header.extend(
        lines
            .take_while(|line| line.starts_with([' ', '\t']))
            .map(str::to_owned),
    );
    let mut subject = String::new();
    let mut previous_encoded = false;
    for word in header.split_whitespace() {
        let encoded = word
            .strip_prefix("=?utf-8?b?")
            .and_then(|rest| rest.strip_suffix("?="));
        let joined_to_previous = previous_encoded && encoded.is_some();
        if !subject.is_empty() && !joined_to_previous {
            subject.push(' ');
        }
        match encoded {
            Some(encoded) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .expect("base64");
                subject.push_str(&String::from_utf8(bytes).expect("UTF-8"));
            }
            None => subject.push_str(word),
        }
        previous_encoded = encoded.is_some();
    }
    subject
}

#[tokio::test]
async fn each_agent_gets_the_lead_in_their_own_language_and_nothing_else() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(Some(smtp.url.clone()), |_| {}).await;
    // lead@ first signs in from a page in 简体中文: the account keeps it.
    sign_in_from_page_in(&app, "lead@fabrikam.example", "zh-CN").await;
    assert_eq!(
        stored_language(&app, "lead@fabrikam.example")
            .await
            .as_deref(),
        Some("zh-CN")
    );
    // support@ chose English; a later sign-in from a Chinese page doesn't undo that choice.
    let support = sign_in_from_page_in(&app, "support@fabrikam.example", "en").await;
    switch_to(&app, &support, "zh-CN").await;
    switch_to(&app, &support, "en").await;
    sign_in_from_page_in(&app, "support@fabrikam.example", "zh-CN").await;
    assert_eq!(
        stored_language(&app, "support@fabrikam.example")
            .await
            .as_deref(),
        Some("en")
    );
    // agent@ never signed in: English.
    assert_eq!(stored_language(&app, "agent@fabrikam.example").await, None);

    let fabrikam =
        app::server::db::partners::find_by_name(&app.state.db.pool, "Fabrikam Solutions")
            .await
            .expect("query")
            .expect("Fabrikam")
            .to_string();
    let form = contact_form_with(&fabrikam, &[]);
    let response = app.call(&new_client(), "send_contact_request", &form).await;
    assert_eq!(response.status(), StatusCode::OK);

    for english_reader in ["agent@fabrikam.example", "support@fabrikam.example"] {
        let (subject, text) = letter_to(&app, english_reader).await;
        assert_eq!(subject, "New lead for Fabrikam Solutions: Tailspin Toys");
        assert!(
            !has_chinese(&text),
            "English alone to {english_reader}: {text}"
        );
    }
    let (subject, text) = letter_to(&app, "lead@fabrikam.example").await;
    assert_eq!(subject, "Fabrikam Solutions 的新潜在客户：Tailspin Toys");
    assert!(has_chinese(&text), "{text}");
    assert!(!text.contains("New lead"), "Chinese alone: {text}");

    // Delivered, the Chinese subject arrives encoded and reads as written.
    let mail = smtp.wait_for(3).await;
    let to_lead = mail
        .iter()
        .find(|m| m.recipients == ["lead@fabrikam.example"])
        .expect("lead@'s message delivered");
    assert_eq!(
        decoded_subject(&to_lead.data),
        "Fabrikam Solutions 的新潜在客户：Tailspin Toys"
    );
}

#[tokio::test]
async fn a_language_the_app_does_not_speak_is_refused_and_a_chosen_one_is_kept() {
    let app = spawn_app().await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let long = "zh-CN".repeat(10_000);
    for refused in ["fr", "", "zh-CN\u{0}", "<script>", long.as_str()] {
        let response = app
            .call(&admin, "set_language", &[("language", refused)])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{:.20}",
            refused
        );
        let body: serde_json::Value = response.json().await.expect("JSON");
        assert!(body.to_string().contains("language"), "{body}");
    }
    assert_eq!(stored_language(&app, "admin@contoso.example").await, None);
    // The first sign-in keeps the page's language; a later one changes it only when the
    // switch chose it before signing in.
    sign_in_from_page_in(&app, "admin@contoso.example", "en").await;
    sign_in_from_page_in(&app, "admin@contoso.example", "zh-CN").await;
    assert_eq!(
        stored_language(&app, "admin@contoso.example")
            .await
            .as_deref(),
        Some("en")
    );
    let response = sign_in_from_page(&app, "admin@contoso.example", "zh-CN", true).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        stored_language(&app, "admin@contoso.example")
            .await
            .as_deref(),
        Some("zh-CN")
    );
    // A sign-in naming a language the app doesn't speak is refused whole.
    let response = sign_in_from_page(&app, "billing@contoso.example", "xx", false).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A visitor's switch is the cookie's alone: nothing is stored, nothing refused.
    let response = app
        .call(&new_client(), "set_language", &[("language", "zh-CN")])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}
