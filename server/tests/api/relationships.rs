use crate::common::{count, json, new_client, spawn_app, TestApp};
use app::domain::{PartnerId, RelationshipType, TenantId, UserId};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

async fn id_of(app: &TestApp, sql: &str, name: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(name)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub(crate) async fn partner(app: &TestApp, name: &str) -> i64 {
    id_of(app, "select partner_id from partner where name = $1", name).await
}

async fn tenant(app: &TestApp, domain: &str) -> i64 {
    id_of(
        app,
        "select tenant_id from tenant where primary_domain = $1",
        domain,
    )
    .await
}

async fn user(app: &TestApp, email: &str) -> i64 {
    id_of(app, "select user_id from app_user where email = $1", email).await
}

/// Gives `partner` a relationship of `kind` with Contoso, as accepting an invitation does.
async fn relate(app: &TestApp, partner_id: i64, kind: RelationshipType) {
    let contoso = tenant(app, "contoso.example").await;
    let admin = user(app, "admin@contoso.example").await;
    let mut tx = app.state.db.pool.begin().await.expect("transaction");
    app::server::db::relationships::relate_by_default(
        &mut tx,
        TenantId::new(contoso),
        PartnerId::new(partner_id),
        kind,
        UserId::new(admin),
        app::server::db::now_ms(),
    )
    .await
    .expect("relationship");
    tx.commit().await.expect("commit");
}

/// Fabrikam invites Contoso as Reseller & delegated administrator; Contoso's admin accepts.
pub(crate) async fn fabrikam_is_reseller_and_delegated_administrator(app: &TestApp) {
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let response = app
        .call(
            &agent,
            "send_invitation",
            &[
                ("tenant_domain", "contoso.example"),
                ("relationship_type", "reseller_and_delegated_administrator"),
                ("message", ""),
                ("lead_id", ""),
                ("access_name", "Fabrikam admin"),
                ("roles[]", "global_admin"),
                ("roles[]", "helpdesk_admin"),
                ("duration_days", "730"),
                ("teams[]", crate::common::SUPPORT_DESK),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: String = sqlx::query_scalar(
        "select body_text from email_outbox where recipient = 'admin@contoso.example' order by email_id desc limit 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("mail");
    let start = body.find("/invitation/").expect("link") + "/invitation/".len();
    let token = &body[start..start + 43];
    let admin = app.sign_in_as("admin@contoso.example").await;
    let response = app
        .call(
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
    assert_eq!(response.status(), StatusCode::OK);
}

async fn relationship_of(app: &TestApp, admin: &Client, partner_id: i64) -> Value {
    let (status, list) = json(app.call(admin, "list_partner_relationships", &[]).await).await;
    assert_eq!(status, StatusCode::OK);
    list["relationships"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["partner_id"] == partner_id).cloned())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn the_list_and_the_partner_page_are_for_the_tenants_global_and_billing_admins_only() {
    let app = spawn_app().await;
    fabrikam_is_reseller_and_delegated_administrator(&app).await;
    let fabrikam = partner(&app, "Fabrikam Solutions").await.to_string();
    let page = [("partner_id", fabrikam.as_str())];

    for email in ["admin@contoso.example", "billing@contoso.example"] {
        let client = app.sign_in_as(email).await;
        let (status, detail) =
            json(app.call(&client, "get_partner_relationship", &page).await).await;
        assert_eq!(status, StatusCode::OK, "{email}");
        assert_eq!(detail["partner_name"], "Fabrikam Solutions");
        assert_eq!(detail["roles"], json!(["GlobalAdmin", "HelpdeskAdmin"]));
        assert_eq!(detail["admin_relationships"][0]["name"], "Fabrikam admin");
        // The partner's timeline: its agent's invitation, and Contoso accepting it.
        let actions: Vec<&str> = detail["activity"]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .filter_map(|row| row["action"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        assert!(actions.contains(&"invitation.sent"), "{actions:?}");
        assert!(actions.contains(&"invitation.accepted"), "{actions:?}");
        assert_eq!(detail["more_activity"], false);
        let html = app
            .get_page(
                &client,
                &format!("/settings/partner-relationships/{fabrikam}"),
            )
            .await
            .text()
            .await
            .expect("page");
        assert!(html.contains("Remove roles"), "{email}");
    }
    for email in [
        "helpdesk@contoso.example",
        "user@contoso.example",
        "agent@fabrikam.example",
    ] {
        let client = app.sign_in_as(email).await;
        assert_eq!(
            app.call(&client, "list_partner_relationships", &[])
                .await
                .status(),
            StatusCode::FORBIDDEN,
            "{email}"
        );
        assert_eq!(
            app.call(&client, "get_partner_relationship", &page)
                .await
                .status(),
            StatusCode::FORBIDDEN,
            "{email}"
        );
        let response = app
            .get_page(
                &client,
                &format!("/settings/partner-relationships/{fabrikam}"),
            )
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{email}");
    }
    // Another tenant's admin: Fabrikam is not Northwind's partner.
    let northwind = app.sign_in_as("admin@northwind.example").await;
    assert_eq!(
        app.call(&northwind, "get_partner_relationship", &page)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(&new_client(), "list_partner_relationships", &[])
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn removing_roles_refuses_the_partners_very_next_call_and_keeps_the_relationship() {
    let app = spawn_app().await;
    fabrikam_is_reseller_and_delegated_administrator(&app).await;
    let contoso = tenant(&app, "contoso.example").await.to_string();
    let fabrikam = partner(&app, "Fabrikam Solutions").await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let users = [("tenant_id", contoso.as_str())];
    let (status, listed) = json(app.call(&agent, "list_tenant_users", &users).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(listed.as_array().is_some_and(|users| users.len() == 4));

    let admin = app.sign_in_as("admin@contoso.example").await;
    let id = fabrikam.to_string();
    let response = app
        .call(&admin, "remove_partner_roles", &[("partner_id", &id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // The same session, the very next call: refused, saying why.
    let (status, error) = json(app.call(&agent, "list_tenant_users", &users).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error, json!({ "Forbidden": { "Power": "ListUsers" } }));
    let relationship = relationship_of(&app, &admin, fabrikam).await;
    assert_eq!(relationship["types"], 1, "Reseller stays");
    assert_eq!(relationship["roles"], json!([]));
    let customers =
        json(app.call(&agent, "list_customers", &[]).await).await.1["customers"].clone();
    assert_eq!(customers[0]["roles"], json!([]));
    assert_eq!(customers[0]["types"], 1);

    // Removing twice is harmless: no second event, no second mail.
    let response = app
        .call(&admin, "remove_partner_roles", &[("partner_id", &id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'partner.roles_removed'"
        )
        .await,
        1
    );
    let mut told: Vec<String> = sqlx::query_scalar(
        "select recipient from email_outbox where subject like '%removed the admin roles%' order by recipient",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("mail");
    told.sort();
    assert_eq!(
        told,
        vec![
            "admin@contoso.example",
            "agent@fabrikam.example",
            "lead@fabrikam.example",
            "support@fabrikam.example"
        ]
    );
}

#[tokio::test]
async fn removing_roles_reduces_every_relationship_type_accordingly() {
    let app = spawn_app().await;
    let partners: Vec<i64> = sqlx::query_scalar(
        "select partner_id from partner where name not in ('Fabrikam Solutions', 'Adatum Consulting')
         order by partner_id limit 7",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("generated partners");
    // (type, the bits left: Reseller 1, Partner 8, MPSA 32, LOB 64)
    let expected = [
        (RelationshipType::Reseller, 1),
        (RelationshipType::DelegatedAdministrator, 0),
        (RelationshipType::ResellerAndDelegatedAdministrator, 1),
        (RelationshipType::Partner, 8),
        (RelationshipType::Advisor, 0),
        (RelationshipType::MpsaPartner, 32),
        (RelationshipType::LineOfBusinessPartner, 64),
    ];
    for ((kind, _), partner_id) in expected.iter().zip(&partners) {
        relate(&app, *partner_id, *kind).await;
    }
    let admin = app.sign_in_as("billing@contoso.example").await;
    for ((kind, left), partner_id) in expected.iter().zip(&partners) {
        let id = partner_id.to_string();
        let response = app
            .call(&admin, "remove_partner_roles", &[("partner_id", &id)])
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{kind:?}");
        let relationship = relationship_of(&app, &admin, *partner_id).await;
        assert_eq!(relationship["types"], *left, "{kind:?}");
        assert_eq!(relationship["roles"], json!([]), "{kind:?}");
    }
    // Every relationship is still listed, even with no type left.
    let (_, list) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    assert_eq!(list["relationships"].as_array().map(Vec::len), Some(7));
}

#[tokio::test]
async fn a_partner_ends_the_relationship_for_both_sides() {
    let app = spawn_app().await;
    fabrikam_is_reseller_and_delegated_administrator(&app).await;
    let contoso = tenant(&app, "contoso.example").await.to_string();
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let customers =
        json(app.call(&agent, "list_customers", &[]).await).await.1["customers"].clone();
    assert_eq!(customers[0]["tenant_name"], "Contoso");
    assert_eq!(
        customers[0]["roles"],
        json!(["GlobalAdmin", "HelpdeskAdmin"])
    );

    // Another partner can't end it.
    let adatum = app.sign_in_as("agent@adatum.example").await;
    let response = app
        .call(&adatum, "end_relationship", &[("tenant_id", &contoso)])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let response = app
        .call(&agent, "end_relationship", &[("tenant_id", &contoso)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let admin = app.sign_in_as("admin@contoso.example").await;
    let (_, list) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    assert_eq!(list["relationships"], json!([]));
    let customers =
        json(app.call(&agent, "list_customers", &[]).await).await.1["customers"].clone();
    assert_eq!(customers, json!([]));
    let users = [("tenant_id", contoso.as_str())];
    assert_eq!(
        app.call(&agent, "list_tenant_users", &users).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from admin_relationship_role where state = 'granted'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'relationship.ended'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "select count(*) from email_outbox where subject = 'Fabrikam Solutions ended its relationship with Contoso'").await,
        5,
        "Fabrikam's three agents, and Contoso's Global and Billing admins"
    );
    let response = app
        .call(&agent, "end_relationship", &[("tenant_id", &contoso)])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_new_agreement_version_must_be_accepted_again() {
    let app = spawn_app().await;
    fabrikam_is_reseller_and_delegated_administrator(&app).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let (_, list) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    assert_eq!(list["agreement"]["current_version"], "1.0");
    assert_eq!(list["agreement"]["latest"]["version"], "1.0");

    let published = app::server::db::agreements::publish(
        &app.state.db.pool,
        "2.0",
        "The second version.",
        app::server::db::now_ms() + 1,
    )
    .await
    .expect("publish");
    assert!(published);
    let (_, list) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    assert_eq!(list["agreement"]["current_version"], "2.0");
    assert_eq!(list["agreement"]["latest"]["version"], "1.0");
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let customers =
        json(app.call(&agent, "list_customers", &[]).await).await.1["customers"].clone();
    assert_eq!(customers[0]["agreement_accepted"], false);
    let page = app
        .get_page(&admin, "/settings/partner-relationships")
        .await;
    assert!(page.text().await.expect("page").contains(
        "these partners can't make purchases or manage your subscriptions: Fabrikam Solutions"
    ));

    let (status, error) = json(
        app.call(
            &admin,
            "accept_customer_agreement",
            &[("agreement_version", "2.0")],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["Validation"][0]["field"], "acknowledged");
    let stale = [("agreement_version", "1.0"), ("acknowledged", "on")];
    assert_eq!(
        app.call(&admin, "accept_customer_agreement", &stale)
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let helpdesk = app.sign_in_as("helpdesk@contoso.example").await;
    let current = [("agreement_version", "2.0"), ("acknowledged", "on")];
    assert_eq!(
        app.call(&helpdesk, "accept_customer_agreement", &current)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(&admin, "accept_customer_agreement", &current)
            .await
            .status(),
        StatusCode::OK
    );
    let (_, list) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    assert_eq!(list["agreement"]["latest"]["version"], "2.0");
    assert_eq!(list["agreement"]["latest"]["accepted_by"], "Megan Bowen");
    let customers =
        json(app.call(&agent, "list_customers", &[]).await).await.1["customers"].clone();
    assert_eq!(customers[0]["agreement_accepted"], true);
    assert_eq!(
        count(
            &app,
            "select count(*) from agreement_acceptance where invitation_id is null"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn pending_invitations_are_listed_and_open_by_id_for_the_tenants_admins_only() {
    let app = spawn_app().await;
    let agent = app.sign_in_as("agent@adatum.example").await;
    let response = app
        .call(
            &agent,
            "send_invitation",
            &[
                ("tenant_domain", "contoso.example"),
                ("relationship_type", "advisor"),
                ("message", ""),
                ("lead_id", ""),
                ("access_name", "Adatum advisor"),
                ("roles[]", "password_admin"),
                ("roles[]", "service_support_admin"),
                ("duration_days", "90"),
                ("teams[]", crate::common::MANAGED_SERVICES),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let admin = app.sign_in_as("billing@contoso.example").await;
    let (_, list) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    let pending = &list["pending_invitations"][0];
    assert_eq!(pending["partner_name"], "Adatum Consulting");
    let id = pending["invitation_id"].to_string();
    let (status, offer) = json(app.call(&admin, "load_invitation", &[("token", &id)]).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(offer["access"]["name"], "Adatum advisor");
    assert_eq!(offer["access"]["status"], "PendingApproval");
    assert_eq!(
        offer["access"]["roles"],
        json!([
            { "role": "PasswordAdmin", "state": "Requested" },
            { "role": "ServiceSupportAdmin", "state": "Requested" },
        ])
    );

    // To another tenant's admin an id is just gone: it doesn't say whose it is.
    let northwind = app.sign_in_as("admin@northwind.example").await;
    let (status, error) = json(
        app.call(&northwind, "load_invitation", &[("token", &id)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error, json!({ "Gone": "invitation-not-found" }));

    let accept = [
        ("token", id.as_str()),
        ("agreement_version", "1.0"),
        ("acknowledged", "on"),
        ("roles[]", "password_admin"),
    ];
    assert_eq!(
        app.call(&admin, "accept_invitation", &accept)
            .await
            .status(),
        StatusCode::OK
    );
    let (_, list) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    assert_eq!(list["pending_invitations"], json!([]));
}
