//! The demo as `PARTNERHUB_DEMO=1` seeds it, history included: what each account finds on a
//! fresh start, and the README's walkthrough from there.

use crate::common::{spawn_app_with_config, TestApp};
use app::domain::{AccessStatus, DelegatedRole, LeadStatus, PartnerId, RoleState, TenantId};
use app::server::db;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;

const DAY: i64 = 24 * 60 * 60 * 1000;

/// The demo with its history, over a directory big enough to reach every country.
async fn demo() -> TestApp {
    spawn_app_with_config(
        |config| {
            config.demo_history = true;
            config.demo_directory_size = 400;
        },
        |_| {},
    )
    .await
}

async fn ok_json(app: &TestApp, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Value {
    let response = app.call(client, endpoint, form).await;
    assert_eq!(response.status(), StatusCode::OK, "{endpoint}");
    response.json().await.expect("JSON")
}

async fn tenant(app: &TestApp, domain: &str) -> TenantId {
    TenantId::new(
        crate::common::id_of(
            app,
            "select tenant_id from tenant where primary_domain = $1",
            domain,
        )
        .await,
    )
}

async fn partner(app: &TestApp, name: &str) -> PartnerId {
    PartnerId::new(
        crate::common::id_of(app, "select partner_id from partner where name = $1", name).await,
    )
}

fn names(rows: &Value, field: &str) -> Vec<String> {
    rows.as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| row[field].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn contoso_asked_partners_and_got_replies() {
    let app = demo().await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let requests = ok_json(&app, &admin, "list_sent_contact_requests", &[]).await;
    let requests = requests.as_array().expect("a list");
    assert!(requests.len() >= 3, "{requests:?}");
    let new = serde_json::to_value(LeadStatus::New).expect("status");
    let replied = requests
        .iter()
        .filter(|request| {
            request["partners"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|pair| pair[1] != new)
        })
        .count();
    assert!(replied >= 2, "replies: {requests:?}");
    let sent: Vec<i64> = requests
        .iter()
        .filter_map(|request| request["sent_at_ms"].as_i64())
        .collect();
    let now = db::now_ms();
    assert!(sent.iter().all(|at| *at < now && *at > now - 31 * DAY));
    assert!(
        sent.iter().max().unwrap_or(&0) - sent.iter().min().unwrap_or(&0) >= 14 * DAY,
        "sent over weeks: {sent:?}"
    );
}

#[tokio::test]
async fn contoso_has_partners_in_several_states_and_none_of_them_fabrikam() {
    let app = demo().await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let list = ok_json(&app, &admin, "list_partner_relationships", &[]).await;
    let relationships = list["relationships"].as_array().expect("relationships");
    let row = |name: &str| {
        relationships
            .iter()
            .find(|row| row["partner_name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} among {relationships:?}"))
    };
    // Litware's roles were removed; it stays the reseller. Trey Research works as advisor.
    assert_eq!(row("Litware Inc.")["roles"], serde_json::json!([]));
    assert!(!row("Trey Research")["roles"]
        .as_array()
        .expect("roles")
        .is_empty());
    let pending = names(&list["pending_invitations"], "partner_name");
    assert_eq!(pending, vec!["Proseware".to_owned()]);

    // Fabrikam and Contoso are unrelated and nothing waits between them, so the walkthrough
    // starts from scratch.
    let contoso = tenant(&app, "contoso.example").await;
    let fabrikam = partner(&app, "Fabrikam Solutions").await;
    let pool = &app.state.db.pool;
    assert!(!db::relationships::ever_related(pool, contoso, fabrikam)
        .await
        .expect("query"));
    let invitations = db::invitations::list_for_partner(pool, fabrikam, db::now_ms())
        .await
        .expect("invitations");
    assert!(
        invitations
            .iter()
            .all(|invitation| invitation.tenant_domain != "contoso.example"),
        "{invitations:?}"
    );
    // Adatum's reseller invitation was cancelled; its admin relationships with Contoso are in
    // every state, so the partner page shows each on a fresh start.
    let adatum = partner(&app, "Adatum Consulting").await;
    let mut connection = pool.acquire().await.expect("connection");
    let now = db::now_ms();
    let listing = db::admin_access::Listing {
        partner_id: Some(adatum),
        history_from_ms: now - 365 * app::domain::DAY_MS,
    };
    let access = db::admin_access::list_for_tenant(&mut connection, contoso, listing, now)
        .await
        .expect("admin relationships");
    let statuses: Vec<(&str, AccessStatus)> = access
        .iter()
        .map(|(_, access)| (access.name.as_str(), access.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("Adatum helpdesk", AccessStatus::Active),
            ("Adatum security review", AccessStatus::ExpiringSoon),
            ("Adatum migration", AccessStatus::Expired),
        ]
    );
    let helpdesk = &access[0].1;
    assert_eq!(
        helpdesk
            .roles
            .iter()
            .map(|role| (role.role, role.state))
            .collect::<Vec<_>>(),
        vec![
            (DelegatedRole::PasswordAdmin, RoleState::Granted),
            (DelegatedRole::HelpdeskAdmin, RoleState::Granted),
            (DelegatedRole::ServiceSupportAdmin, RoleState::Removed),
        ]
    );
    // Adatum's agent holds them through its team Managed services.
    let isaiah = app::domain::UserId::new(
        crate::common::id_of(
            &app,
            "select user_id from app_user where email = $1",
            "agent@adatum.example",
        )
        .await,
    );
    assert_eq!(
        db::admin_access::held_roles(&mut connection, contoso, adatum, isaiah, now)
            .await
            .expect("held"),
        vec![
            DelegatedRole::GlobalReader,
            DelegatedRole::PasswordAdmin,
            DelegatedRole::HelpdeskAdmin,
        ]
    );
}

#[tokio::test]
async fn contoso_bought_through_a_partner_and_has_incidents_and_apps() {
    let app = demo().await;
    let contoso = tenant(&app, "contoso.example").await;
    let arg = contoso.to_string();
    let tenant = [("tenant_id", arg.as_str())];
    let admin = app.sign_in_as("admin@contoso.example").await;

    let subscriptions = ok_json(&app, &admin, "list_subscriptions", &tenant).await;
    assert!(names(&subscriptions, "partner_name").contains(&"Litware Inc.".to_owned()));
    assert!(
        subscriptions
            .as_array()
            .expect("list")
            .iter()
            .any(|s| s["partner_name"].is_null()),
        "one bought by Contoso itself: {subscriptions}"
    );
    let incidents = ok_json(&app, &admin, "list_incidents", &tenant).await;
    let by_partner = names(&incidents, "partner_name");
    assert!(
        by_partner.contains(&"Trey Research".to_owned()),
        "{incidents}"
    );
    assert!(
        incidents
            .as_array()
            .expect("list")
            .iter()
            .any(|i| i["partner_name"].is_null() && i["opened_by"] == "Diego Siciliani"),
        "one opened by the customer: {incidents}"
    );
    let apps = ok_json(&app, &admin, "list_lob_apps", &tenant).await;
    assert!(names(&apps, "name").contains(&"Field Inspections".to_owned()));
    let users = ok_json(&app, &admin, "list_tenant_users", &tenant).await;
    assert!(
        users
            .as_array()
            .expect("users")
            .iter()
            .any(|u| u["email"] == "user@contoso.example"
                && !u["licenses"].as_array().expect("licenses").is_empty()),
        "{users}"
    );
}

#[tokio::test]
async fn fabrikam_and_adatum_have_leads_in_every_status_and_customers() {
    let app = demo().await;
    let every: BTreeSet<String> = LeadStatus::ALL
        .iter()
        .map(|status| serde_json::to_value(status).expect("status").to_string())
        .collect();
    for email in ["agent@fabrikam.example", "agent@adatum.example"] {
        let agent = app.sign_in_as(email).await;
        let leads = ok_json(&app, &agent, "list_leads", &[("status", "")]).await;
        let leads = leads["leads"].as_array().expect("leads");
        let statuses: BTreeSet<String> = leads.iter().map(|l| l["status"].to_string()).collect();
        assert_eq!(statuses, every, "{email}");
        let companies: BTreeSet<&str> =
            leads.iter().filter_map(|l| l["company"].as_str()).collect();
        assert!(companies.len() >= 4, "{email}: {companies:?}");
        let customers = ok_json(&app, &agent, "list_customers", &[]).await["customers"].clone();
        assert!(
            names(&customers, "tenant_name").len() >= 2,
            "{email}: {customers}"
        );
        let invitations = ok_json(&app, &agent, "list_invitations", &[]).await;
        assert!(
            invitations.as_array().is_some_and(|list| list.len() >= 3),
            "{email}"
        );
    }
}

#[tokio::test]
async fn the_partner_actions_a_customer_sees_span_weeks() {
    let app = demo().await;
    let pool = &app.state.db.pool;
    let contoso = tenant(&app, "contoso.example").await;
    let now = db::now_ms();
    let timeline = |partner| async move {
        let filter = app::domain::ActivityFilter {
            partner: Some(partner),
            ..Default::default()
        };
        let newest = app::domain::ActivityPosition::Newest;
        db::activity::events(pool, contoso, &filter, newest, 1_000)
            .await
            .expect("timeline")
    };
    for name in ["Litware Inc.", "Trey Research"] {
        let actions = timeline(partner(&app, name).await).await;
        let by_its_agents = actions
            .iter()
            .filter(|a| matches!(&a.agent, app::domain::ActivityAgent::Partner { partner, .. } if partner == name))
            .count();
        assert!(by_its_agents >= 4, "{name}: {actions:?}");
        assert!(actions.iter().all(|a| a.occurred_at_ms() < now));
    }
    let actions = timeline(partner(&app, "Litware Inc.").await).await;
    let newest = actions.first().expect("newest").occurred_at_ms();
    let oldest = actions.last().expect("oldest").occurred_at_ms();
    assert!(newest - oldest >= 14 * DAY, "{actions:?}");

    let (first, last): (i64, i64) = sqlx::query_as(
        "select min(occurred_at), max(occurred_at) from audit_event where tenant_id = $1",
    )
    .bind(contoso.get())
    .fetch_one(pool)
    .await
    .expect("span");
    assert!(last - first >= 14 * DAY && first > now - 31 * DAY && last < now);
    let days: i64 = sqlx::query_scalar(
        "select count(distinct occurred_at / 86400000) from audit_event where tenant_id = $1",
    )
    .bind(contoso.get())
    .fetch_one(pool)
    .await
    .expect("days");
    assert!(
        days >= 12,
        "spread over the weeks, not bunched: {days} days"
    );

    // The history's mail was delivered back then: nothing of it goes out now.
    let waiting: i64 = sqlx::query_scalar(
        "select count(*) from email_outbox where sent_at is null and created_at < $1",
    )
    .bind(now)
    .fetch_one(pool)
    .await
    .expect("count");
    assert_eq!(waiting, 0);
}

#[tokio::test]
async fn every_place_in_the_directory_is_a_real_city_of_its_region() {
    let app = demo().await;
    let places: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("select country, region, city from partner_location")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("places");
    assert!(places.len() > 400, "{}", places.len());
    for (country, region, city) in &places {
        assert!(
            server::directory_generator::is_known_place(
                country,
                region.as_deref(),
                city.as_deref()
            ),
            "{city:?} in {region:?}, {country}"
        );
    }
    let countries: BTreeSet<&str> = places.iter().map(|(c, _, _)| c.as_str()).collect();
    assert!(countries.len() >= 30, "{countries:?}");
    let full = places
        .iter()
        .filter(|(_, region, city)| region.is_some() && city.is_some())
        .count();
    assert!(
        full * 2 > places.len(),
        "most name a region and its city: {full}"
    );
}

#[tokio::test]
async fn the_readme_walkthrough_works_from_the_fresh_demo() {
    let app = demo().await;
    let fabrikam = app.sign_in_as("agent@fabrikam.example").await;
    ok_json(
        &app,
        &fabrikam,
        "send_invitation",
        &[
            ("tenant_domain", "contoso.example"),
            ("relationship_type", "reseller_and_delegated_administrator"),
            ("message", ""),
            ("lead_id", ""),
            ("access_name", "Fabrikam helpdesk"),
            ("roles[]", "global_admin"),
            ("roles[]", "helpdesk_admin"),
            ("duration_days", "90"),
            ("teams[]", crate::common::SUPPORT_DESK),
        ],
    )
    .await;
    let body: String = sqlx::query_scalar(
        "select body_text from email_outbox where recipient = 'admin@contoso.example'
         and subject like 'Fabrikam Solutions invites%' order by email_id desc limit 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("the invitation mail");
    let start = body.find("/invitation/").expect("a link") + "/invitation/".len();
    let token = &body[start..start + 43];
    let admin = app.sign_in_as("admin@contoso.example").await;
    ok_json(
        &app,
        &admin,
        "accept_invitation",
        &[
            ("token", token),
            ("agreement_version", "1.0"),
            ("acknowledged", "on"),
            ("roles[]", "global_admin"),
            ("roles[]", "helpdesk_admin"),
        ],
    )
    .await;

    let contoso = tenant(&app, "contoso.example").await.to_string();
    let lee = crate::common::id_of(
        &app,
        "select user_id from app_user where email = $1",
        "user@contoso.example",
    )
    .await
    .to_string();
    let reset = [("tenant_id", contoso.as_str()), ("user_id", lee.as_str())];
    ok_json(&app, &fabrikam, "reset_user_password", &reset).await;

    let id = partner(&app, "Fabrikam Solutions").await.to_string();
    ok_json(&app, &admin, "remove_partner_roles", &[("partner_id", &id)]).await;
    assert_eq!(
        app.call(&fabrikam, "reset_user_password", &reset)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
