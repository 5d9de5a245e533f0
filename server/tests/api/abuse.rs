//! Holding under abuse: clients told apart behind a proxy, no lockout by strangers, limits
//! that write nothing once reached, invitation limits without tenant enumeration, and the
//! demo's mail folder kept out of real deployments.

use crate::common::{
    count, id_of, new_client, spawn_app, spawn_app_with, spawn_app_with_config,
    spawn_app_with_smtp, TestApp, DEMO_PASSWORD,
};
use app::server::db::{self, rate_limit};
use app::server::state::TrustedProxies;
use reqwest::{Response, StatusCode};
use serde_json::Value;
use std::time::{Duration, Instant};

const OWNER: &str = "admin@contoso.example";
const FABRIKAM_AGENT: &str = "agent@fabrikam.example";
const ADATUM_AGENT: &str = "agent@adatum.example";

/// The test server's own address: the proxy in front of the clients below.
fn local_proxy() -> TrustedProxies {
    TrustedProxies::parse("127.0.0.1").expect("a valid list")
}

/// Calls a server function from a fresh browser; with `forwarded_for`, as a proxy passing on
/// that `X-Forwarded-For`.
async fn call_from(
    app: &TestApp,
    forwarded_for: Option<&str>,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Response {
    let mut request = new_client()
        .post(app.url(&format!("/api/{endpoint}")))
        .header("sec-fetch-site", "same-origin")
        .form(form);
    if let Some(hops) = forwarded_for {
        request = request.header("x-forwarded-for", hops);
    }
    request.send().await.expect("the server answers")
}

async fn sign_in_from(
    app: &TestApp,
    forwarded_for: Option<&str>,
    email: &str,
    password: &str,
) -> StatusCode {
    call_from(
        app,
        forwarded_for,
        "sign_in",
        &[("email", email), ("password", password)],
    )
    .await
    .status()
}

async fn contact_from(app: &TestApp, forwarded_for: Option<&str>, email: &str) -> StatusCode {
    let fabrikam = id_of(
        app,
        "select partner_id from partner where name = $1",
        "Fabrikam Solutions",
    )
    .await
    .to_string();
    call_from(
        app,
        forwarded_for,
        "send_contact_request",
        &crate::common::contact_form_with(&fabrikam, &[("email", email)]),
    )
    .await
    .status()
}

/// The rate-limit table's rows and the hits counted in them.
async fn rate_limit_rows_and_hits(app: &TestApp) -> (i64, i64) {
    (
        count(app, "select count(*) from rate_limit").await,
        count(
            app,
            "select cast(coalesce(sum(hits), 0) as bigint) from rate_limit",
        )
        .await,
    )
}

// Item 6: client addresses.

#[tokio::test]
async fn each_client_behind_a_trusted_proxy_has_its_own_sign_in_budget() {
    let app = spawn_app_with(|settings| {
        settings.trusted_proxies = local_proxy();
        settings.sign_in_limits.per_client = 2;
    })
    .await;
    for email in ["a@contoso.example", "b@contoso.example"] {
        assert_eq!(
            sign_in_from(&app, Some("203.0.113.1"), email, "guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in_from(&app, Some("203.0.113.1"), "c@contoso.example", "guess").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        sign_in_from(
            &app,
            Some("198.51.100.66, 203.0.113.1"),
            "c@contoso.example",
            "guess"
        )
        .await,
        StatusCode::TOO_MANY_REQUESTS,
        "a hop forged left of the proxy's own entry changes nothing"
    );
    assert_eq!(
        sign_in_from(&app, Some("203.0.113.2"), "c@contoso.example", "guess").await,
        StatusCode::UNAUTHORIZED,
        "another client behind the same proxy has its own budget"
    );
    assert_eq!(
        sign_in_from(&app, Some("203.0.113.2"), OWNER, DEMO_PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn each_client_behind_a_trusted_proxy_has_its_own_contact_budget() {
    let app = spawn_app_with(|settings| {
        settings.trusted_proxies = local_proxy();
        settings.contact_limits.per_client = 1;
    })
    .await;
    assert_eq!(
        contact_from(&app, Some("203.0.113.1"), "pat@tailspin.example").await,
        StatusCode::OK
    );
    assert_eq!(
        contact_from(&app, Some("203.0.113.1"), "sam@tailspin.example").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        contact_from(&app, Some("203.0.113.2"), "sam@tailspin.example").await,
        StatusCode::OK,
        "another client behind the same proxy has its own budget"
    );
}

#[tokio::test]
async fn without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_limit() {
    let app = spawn_app_with(|settings| {
        settings.sign_in_limits.per_client = 2;
        settings.contact_limits.per_client = 1;
    })
    .await;
    for (hop, email) in [
        ("203.0.113.1", "a@contoso.example"),
        ("203.0.113.2", "b@contoso.example"),
    ] {
        assert_eq!(
            sign_in_from(&app, Some(hop), email, "guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in_from(&app, Some("203.0.113.3"), OWNER, DEMO_PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        contact_from(&app, Some("203.0.113.1"), "pat@tailspin.example").await,
        StatusCode::OK
    );
    assert_eq!(
        contact_from(&app, Some("203.0.113.2"), "sam@tailspin.example").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn ipv6_clients_in_one_64_network_share_a_budget() {
    let app = spawn_app_with(|settings| {
        settings.trusted_proxies = local_proxy();
        settings.contact_limits.per_client = 1;
    })
    .await;
    assert_eq!(
        contact_from(&app, Some("2001:db8:1:2::1"), "pat@tailspin.example").await,
        StatusCode::OK
    );
    assert_eq!(
        contact_from(&app, Some("2001:db8:1:2:ffff::9"), "sam@tailspin.example").await,
        StatusCode::TOO_MANY_REQUESTS,
        "another address of the same /64"
    );
    assert_eq!(
        contact_from(&app, Some("2001:db8:1:3::1"), "sam@tailspin.example").await,
        StatusCode::OK,
        "the next /64 is another client"
    );
}

// Item 7: no lockout by strangers.

#[tokio::test]
async fn strangers_failing_to_sign_in_do_not_lock_the_owner_out() {
    const DELAY: Duration = Duration::from_millis(300);
    let app = spawn_app_with(|settings| {
        settings.trusted_proxies = local_proxy();
        settings.sign_in_limits.account_delay = DELAY;
    })
    .await;
    let mut answers = Vec::new();
    for _ in 0..20 {
        answers.push(sign_in_from(&app, Some("203.0.113.66"), OWNER, "guess").await);
    }
    let per_account = app.state.settings.sign_in_limits.per_account as usize;
    assert!(
        answers[..per_account]
            .iter()
            .all(|&status| status == StatusCode::UNAUTHORIZED),
        "{answers:?}"
    );
    assert!(
        answers[per_account..]
            .iter()
            .all(|&status| status == StatusCode::TOO_MANY_REQUESTS),
        "the guessing address is refused: {answers:?}"
    );

    let started = Instant::now();
    assert_eq!(
        sign_in_from(&app, Some("198.51.100.7"), OWNER, DEMO_PASSWORD).await,
        StatusCode::OK,
        "the owner at another address gets in"
    );
    assert!(
        started.elapsed() >= DELAY,
        "an account under attack is slowed down, not refused"
    );
    assert_eq!(
        sign_in_from(&app, Some("203.0.113.66"), OWNER, DEMO_PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the guessing address stays refused, even with the right password"
    );
}

// Item 8: limits that write nothing once reached, and ended windows deleted.

#[tokio::test]
async fn a_client_over_its_limit_adds_no_rows() {
    let app = spawn_app_with(|settings| {
        settings.sign_in_limits.per_client = 3;
        settings.contact_limits.per_client = 2;
    })
    .await;
    for n in 0..3 {
        let email = format!("guess{n}@contoso.example");
        assert_eq!(
            sign_in_from(&app, None, &email, "guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    for n in 0..2 {
        let email = format!("lead{n}@tailspin.example");
        assert_eq!(contact_from(&app, None, &email).await, StatusCode::OK);
    }
    let before = rate_limit_rows_and_hits(&app).await;

    for n in 0..20 {
        let email = format!("hammer{n}@contoso.example");
        assert_eq!(
            sign_in_from(&app, None, &email, "guess").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            contact_from(&app, None, &email).await,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    assert_eq!(
        rate_limit_rows_and_hits(&app).await,
        before,
        "refused requests write nothing: no row per email, no count, no refund"
    );
}

#[tokio::test]
async fn the_counters_of_ended_windows_are_pruned() {
    let app = spawn_app().await;
    let pool = &app.state.db.pool;
    // Ten days ahead: the server's own pruning (now) leaves these rows to the test.
    let now = db::now_ms() + 10 * 86_400_000;
    for (bucket, started, window) in [
        ("test:ended-a-minute-ago", now - 120_000, 60_000),
        ("test:ended-just-now", now - 60_000, 60_000),
        ("test:current", now - 30_000, 60_000),
        ("test:a-day-long", now - 3_600_000, 86_400_000),
    ] {
        rate_limit::hit(pool, bucket, started, window)
            .await
            .expect("a hit");
    }

    let deleted = rate_limit::prune(pool, now).await.expect("pruned");

    assert_eq!(deleted, 2);
    let left: Vec<String> =
        sqlx::query_scalar("select bucket from rate_limit where bucket like 'test:%' order by 1")
            .fetch_all(pool)
            .await
            .expect("buckets");
    assert_eq!(left, ["test:a-day-long", "test:current"]);
}

// Item 9: invitation limits, and no tenant enumeration.

async fn send_invitation(
    app: &TestApp,
    agent: &reqwest::Client,
    domain: &str,
    kind: &str,
    lead_id: &str,
) -> Response {
    let mut fields = vec![
        ("tenant_domain", domain),
        ("relationship_type", kind),
        ("message", ""),
        ("lead_id", lead_id),
    ];
    fields.extend_from_slice(crate::common::default_access_fields(kind));
    app.call(agent, "send_invitation", &fields).await
}

async fn invite(app: &TestApp, agent: &reqwest::Client, domain: &str, kind: &str) -> StatusCode {
    send_invitation(app, agent, domain, kind, "").await.status()
}

async fn resend(app: &TestApp, agent: &reqwest::Client, invitation_id: i64) -> Response {
    app.call(
        agent,
        "resend_invitation",
        &[("invitation_id", &invitation_id.to_string())],
    )
    .await
}

async fn newest_invitation(app: &TestApp) -> i64 {
    count(app, "select max(invitation_id) from invitation").await
}

fn retry_after(response: &Response) -> u64 {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("a Retry-After in seconds")
}

#[tokio::test]
async fn a_partner_over_its_hourly_invitation_limit_is_refused() {
    let app = spawn_app_with(|settings| settings.invitation_limits.per_partner = 2).await;
    let fabrikam = app.sign_in_as(FABRIKAM_AGENT).await;
    assert_eq!(
        invite(&app, &fabrikam, "contoso.example", "reseller").await,
        StatusCode::OK
    );
    let first = newest_invitation(&app).await;
    assert_eq!(
        invite(&app, &fabrikam, "northwind.example", "reseller").await,
        StatusCode::OK
    );
    let mails = count(&app, "select count(*) from email_outbox").await;

    let third = send_invitation(&app, &fabrikam, "contoso.example", "advisor", "").await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!((1..=3600).contains(&retry_after(&third)));
    assert_eq!(
        invite(&app, &fabrikam, "no-such-tenant.example", "advisor").await,
        StatusCode::TOO_MANY_REQUESTS,
        "the same answer whatever the domain"
    );
    assert_eq!(
        resend(&app, &fabrikam, first).await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "resends count"
    );
    assert_eq!(count(&app, "select count(*) from invitation").await, 2);
    assert_eq!(
        count(&app, "select count(*) from email_outbox").await,
        mails,
        "no mail for a refused invitation"
    );

    let adatum = app.sign_in_as(ADATUM_AGENT).await;
    assert_eq!(
        invite(&app, &adatum, "contoso.example", "reseller").await,
        StatusCode::OK,
        "another partner has its own limit"
    );
}

#[tokio::test]
async fn a_partner_sends_one_tenant_only_so_many_invitations_a_day() {
    let app = spawn_app_with(|settings| settings.invitation_limits.per_tenant = 2).await;
    let fabrikam = app.sign_in_as(FABRIKAM_AGENT).await;
    assert_eq!(
        invite(&app, &fabrikam, "contoso.example", "reseller").await,
        StatusCode::OK
    );
    let invitation = newest_invitation(&app).await;
    assert_eq!(
        resend(&app, &fabrikam, invitation).await.status(),
        StatusCode::OK
    );

    let again = resend(&app, &fabrikam, invitation).await;
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&again);
    assert!(wait > 3600 && wait <= 86_400, "a day's window: {wait}");
    let body: Value = again.json().await.expect("JSON error");
    assert_eq!(
        body,
        serde_json::json!({ "TooManyRequests": { "retry_after_secs": wait } })
    );
    assert_eq!(
        invite(&app, &fabrikam, "contoso.example", "advisor").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        invite(&app, &fabrikam, "northwind.example", "advisor").await,
        StatusCode::OK,
        "other tenants still get invitations"
    );
    let adatum = app.sign_in_as(ADATUM_AGENT).await;
    assert_eq!(
        invite(&app, &adatum, "contoso.example", "reseller").await,
        StatusCode::OK,
        "no partner can use up another's invitations to the tenant"
    );
}

#[tokio::test]
async fn an_unknown_domain_and_a_tenant_without_admins_get_the_same_answer() {
    let app = spawn_app_with(|settings| settings.invitation_limits.per_partner = 1).await;
    sqlx::query(
        "insert into tenant (name, primary_domain, country, organization_size, created_at)
         values ('Tailspin Toys', 'tailspin.example', 'US', '11-50', 0)",
    )
    .execute(&app.state.db.pool)
    .await
    .expect("a tenant without admins");
    let fabrikam = app.sign_in_as(FABRIKAM_AGENT).await;

    for lead_id in ["", "999999"] {
        let mut answers = Vec::new();
        for domain in ["no-such-tenant.example", "tailspin.example"] {
            let response = send_invitation(&app, &fabrikam, domain, "reseller", lead_id).await;
            let status = response.status();
            let body = response.text().await.expect("a body");
            answers.push((status, body));
        }
        assert_eq!(answers[0], answers[1], "lead {lead_id:?}");
        assert_ne!(answers[0].0, StatusCode::OK);
    }
    assert_eq!(
        invite(&app, &fabrikam, "contoso.example", "reseller").await,
        StatusCode::OK,
        "refused invitations take nothing from the limit"
    );
}

// Item 10: the mail folder is the demo's only.

async fn dev_mail_status(app: &TestApp) -> StatusCode {
    app.get_page(&new_client(), "/dev/mail").await.status()
}

#[tokio::test]
async fn the_mail_folder_is_not_served_without_demo_mode() {
    let app = spawn_app_with_config(|config| config.demo = false, |_| {}).await;
    assert_eq!(dev_mail_status(&app).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_mail_folder_is_not_served_when_mail_goes_over_smtp() {
    let app = spawn_app_with_smtp(Some("smtp://127.0.0.1:9".to_owned()), |_| {}).await;
    assert_eq!(dev_mail_status(&app).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_mail_folder_is_served_in_demo_mode_without_smtp() {
    let app = spawn_app().await;
    assert_eq!(dev_mail_status(&app).await, StatusCode::OK);
}
