use crate::common::{generated_partners, id_of, json, new_agent, relate, TestApp};
use app::domain::{PartnerId, RelationshipType, TenantId, UserId};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

struct Contoso {
    tenant: TenantId,
    tenant_arg: String,
    admin: UserId,
}

async fn contoso(app: &TestApp) -> Contoso {
    let tenant = id_of(
        app,
        "select tenant_id from tenant where primary_domain = $1",
        "contoso.example",
    )
    .await;
    Contoso {
        tenant: TenantId::new(tenant),
        tenant_arg: tenant.to_string(),
        admin: UserId::new(
            id_of(
                app,
                "select user_id from app_user where email = $1",
                "admin@contoso.example",
            )
            .await,
        ),
    }
}

/// A generated partner with `kind` at Contoso, and its agent's client (in the team of every
/// agent that access granted without naming teams goes to).
async fn partner_with(
    app: &TestApp,
    c: &Contoso,
    index: usize,
    kind: RelationshipType,
) -> (PartnerId, Client) {
    let partner = generated_partners(app, 10).await[index];
    let agent = new_agent(app, partner, &format!("agent{index}@partner.example")).await;
    relate(app, c.tenant, partner, kind, c.admin).await;
    (partner, agent)
}

async fn accept_agreement(app: &TestApp, c: &Contoso) {
    app::server::db::agreements::accept(
        &app.state.db.pool,
        c.tenant,
        c.admin,
        "1.0",
        app::server::db::now_ms(),
    )
    .await
    .expect("agreement");
}

#[tokio::test]
async fn a_delegated_administrator_resets_a_password_that_works_once_handed_over() {
    let app = crate::common::spawn_app().await;
    let c = contoso(&app).await;
    let (partner, agent) =
        partner_with(&app, &c, 0, RelationshipType::DelegatedAdministrator).await;
    let user = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "user@contoso.example",
    )
    .await
    .to_string();
    let (status, temporary) = json(
        app.call(
            &agent,
            "reset_user_password",
            &[("tenant_id", &c.tenant_arg), ("user_id", &user)],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(temporary["email"], "user@contoso.example");
    let password = temporary["password"]
        .as_str()
        .expect("a password")
        .to_owned();
    assert_eq!(password.len(), 16);

    let client = crate::common::new_client();
    assert_eq!(
        app.sign_in(&client, "user@contoso.example", &password)
            .await
            .status(),
        StatusCode::OK
    );
    let old = app
        .sign_in(
            &crate::common::new_client(),
            "user@contoso.example",
            crate::common::DEMO_PASSWORD,
        )
        .await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'user.password_reset' and partner_id = $1",
    )
    .bind(partner.get())
    .fetch_one(&app.state.db.pool)
    .await
    .expect("count");
    assert_eq!(
        audited, 1,
        "the reset is audited with the partner it acted for"
    );

    // Another tenant's user is not found, not reset.
    let northwind_user = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "admin@northwind.example",
    )
    .await
    .to_string();
    let response = app
        .call(
            &agent,
            "reset_user_password",
            &[("tenant_id", &c.tenant_arg), ("user_id", &northwind_user)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn after_remove_roles_the_next_reset_is_refused_while_reselling_stays() {
    let app = crate::common::spawn_app().await;
    let c = contoso(&app).await;
    let (partner, agent) = partner_with(
        &app,
        &c,
        0,
        RelationshipType::ResellerAndDelegatedAdministrator,
    )
    .await;
    accept_agreement(&app, &c).await;
    let user = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "user@contoso.example",
    )
    .await
    .to_string();
    let reset = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("user_id", user.as_str()),
    ];
    assert_eq!(
        app.call(&agent, "reset_user_password", &reset)
            .await
            .status(),
        StatusCode::OK
    );

    let admin = app.sign_in_as("admin@contoso.example").await;
    let response = app
        .call(
            &admin,
            "remove_partner_roles",
            &[("partner_id", &partner.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let (status, error) = json(app.call(&agent, "reset_user_password", &reset).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error, json!({ "Forbidden": { "Power": "ResetPassword" } }));
    let (_, overview) = json(
        app.call(
            &agent,
            "get_tenant_overview",
            &[("tenant_id", &c.tenant_arg)],
        )
        .await,
    )
    .await;
    assert_eq!(overview["powers"], json!(["SeeOwnPurchases", "PlaceOrder"]));
    let order = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("product_id", "m365-e3"),
        ("seats", "10"),
    ];
    assert_eq!(
        app.call(&agent, "place_order", &order).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_resellers_order_waits_for_the_customer_agreement() {
    let app = crate::common::spawn_app().await;
    let c = contoso(&app).await;
    let (_, agent) = partner_with(&app, &c, 0, RelationshipType::Reseller).await;
    let order = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("product_id", "m365-e3"),
        ("seats", "10"),
    ];
    let (status, error) = json(app.call(&agent, "place_order", &order).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error, json!({ "Forbidden": "CustomerAgreement" }));
    let subscriptions: i64 = sqlx::query_scalar("select count(*) from subscription")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(subscriptions, 0);

    accept_agreement(&app, &c).await;
    assert_eq!(
        app.call(&agent, "place_order", &order).await.status(),
        StatusCode::OK
    );
    let bad = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("product_id", "m365-e3"),
        ("seats", "0"),
    ];
    let (status, error) = json(app.call(&agent, "place_order", &bad).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["Validation"][0]["message"], "invalid-seats");

    let admin = app.sign_in_as("billing@contoso.example").await;
    let (_, list) = json(
        app.call(
            &admin,
            "list_subscriptions",
            &[("tenant_id", &c.tenant_arg)],
        )
        .await,
    )
    .await;
    assert_eq!(list[0]["product_name"], "Microsoft 365 E3");
    assert_eq!(list[0]["seats"], 10);
    assert!(
        list[0]["partner_name"].is_string(),
        "bought through the partner"
    );
}

#[tokio::test]
async fn mpsa_partners_see_each_others_purchases_only_while_the_customer_allows_it() {
    let app = crate::common::spawn_app().await;
    let c = contoso(&app).await;
    accept_agreement(&app, &c).await;
    let (first, first_agent) = partner_with(&app, &c, 0, RelationshipType::MpsaPartner).await;
    relate(&app, c.tenant, first, RelationshipType::Reseller, c.admin).await;
    let (second, second_agent) = partner_with(&app, &c, 1, RelationshipType::MpsaPartner).await;
    relate(&app, c.tenant, second, RelationshipType::Reseller, c.admin).await;
    // A reseller that is no MPSA partner: its purchases stay its own business.
    let (_, reseller_agent) = partner_with(&app, &c, 2, RelationshipType::Reseller).await;
    for agent in [&first_agent, &second_agent, &reseller_agent] {
        let order = [
            ("tenant_id", c.tenant_arg.as_str()),
            ("product_id", "m365-business-basic"),
            ("seats", "5"),
        ];
        assert_eq!(
            app.call(agent, "place_order", &order).await.status(),
            StatusCode::OK
        );
    }
    let seen = |agent: Client| {
        let app = &app;
        let tenant = c.tenant_arg.clone();
        async move {
            let (status, list) = json(
                app.call(&agent, "list_subscriptions", &[("tenant_id", &tenant)])
                    .await,
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            list.as_array().map(Vec::len).unwrap_or_default()
        }
    };
    assert_eq!(seen(second_agent.clone()).await, 1, "its own purchase only");

    let admin = app.sign_in_as("admin@contoso.example").await;
    let on = [("tenant_id", c.tenant_arg.as_str()), ("shared", "on")];
    assert_eq!(
        app.call(&admin, "set_mpsa_sharing", &on).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        seen(second_agent.clone()).await,
        2,
        "every MPSA partner's purchases"
    );
    let off = [("tenant_id", c.tenant_arg.as_str())];
    assert_eq!(
        app.call(&admin, "set_mpsa_sharing", &off).await.status(),
        StatusCode::OK
    );
    assert_eq!(seen(second_agent).await, 1);
    assert_eq!(seen(first_agent).await, 1);
}

#[tokio::test]
async fn licenses_are_assigned_within_the_seats_bought() {
    let app = crate::common::spawn_app().await;
    let c = contoso(&app).await;
    accept_agreement(&app, &c).await;
    let (_, agent) = partner_with(
        &app,
        &c,
        0,
        RelationshipType::ResellerAndDelegatedAdministrator,
    )
    .await;
    let order = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("product_id", "m365-e3"),
        ("seats", "1"),
    ];
    assert_eq!(
        app.call(&agent, "place_order", &order).await.status(),
        StatusCode::OK
    );
    let subscription: i64 = sqlx::query_scalar("select subscription_id from subscription")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("subscription");
    let subscription = subscription.to_string();
    let (status, created) = json(
        app.call(
            &agent,
            "create_tenant_user",
            &[
                ("tenant_id", &c.tenant_arg),
                ("display_name", "Alex Wilber"),
                ("email", "alex@contoso.example"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(created["email"], "alex@contoso.example");
    let (status, error) = json(
        app.call(
            &agent,
            "create_tenant_user",
            &[
                ("tenant_id", &c.tenant_arg),
                ("display_name", "Alex again"),
                ("email", "ALEX@contoso.example"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["Validation"][0]["message"], "invalid-email-taken");

    let alex = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "alex@contoso.example",
    )
    .await
    .to_string();
    let user = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "user@contoso.example",
    )
    .await
    .to_string();
    let assign = |user: &str| {
        vec![
            ("tenant_id", c.tenant_arg.clone()),
            ("subscription_id", subscription.clone()),
            ("user_id", user.to_owned()),
        ]
    };
    let call = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let agent = agent.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            json(app.call(&agent, "assign_license", &fields).await).await
        }
    };
    assert_eq!(call(assign(&alex)).await.0, StatusCode::OK);
    assert_eq!(
        call(assign(&alex)).await.0,
        StatusCode::OK,
        "again is harmless"
    );
    let (status, error) = call(assign(&user)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error, json!({ "Conflict": "error-no-seat-left" }));
    let (_, users) = json(
        app.call(&agent, "list_tenant_users", &[("tenant_id", &c.tenant_arg)])
            .await,
    )
    .await;
    let alex_row = users
        .as_array()
        .and_then(|u| {
            u.iter()
                .find(|u| u["email"] == "alex@contoso.example")
                .cloned()
        })
        .expect("listed");
    assert_eq!(alex_row["licenses"], json!(["Microsoft 365 E3"]));
}

#[tokio::test]
async fn an_advisor_handles_support_incidents_and_a_lob_partner_its_apps() {
    let app = crate::common::spawn_app().await;
    let c = contoso(&app).await;
    let (_, advisor) = partner_with(&app, &c, 0, RelationshipType::Advisor).await;
    let open = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("title", "Mail is slow"),
        ("description", "Since Monday."),
    ];
    assert_eq!(
        app.call(&advisor, "open_incident", &open).await.status(),
        StatusCode::OK
    );
    let incident: i64 = sqlx::query_scalar("select incident_id from support_incident")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("incident");
    let incident = incident.to_string();
    let close = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("incident_id", incident.as_str()),
        ("comment", "Fixed the connector."),
        ("close", "on"),
    ];
    assert_eq!(
        app.call(&advisor, "update_incident", &close).await.status(),
        StatusCode::OK
    );
    let helpdesk = app.sign_in_as("helpdesk@contoso.example").await;
    let (_, incidents) = json(
        app.call(&helpdesk, "list_incidents", &[("tenant_id", &c.tenant_arg)])
            .await,
    )
    .await;
    assert_eq!(incidents[0]["status"], "Closed");
    assert_eq!(incidents[0]["comments"].as_array().map(Vec::len), Some(2));
    assert!(incidents[0]["partner_name"].is_string());
    let again = app.call(&advisor, "update_incident", &close).await;
    assert_eq!(
        again.status(),
        StatusCode::NOT_FOUND,
        "a closed incident takes no more updates"
    );
    let blank = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("title", " "),
        ("description", ""),
    ];
    let (status, error) = json(app.call(&advisor, "open_incident", &blank).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["Validation"].as_array().map(Vec::len), Some(2));

    let (_, lob) = partner_with(&app, &c, 1, RelationshipType::LineOfBusinessPartner).await;
    let submit = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("name", "Expenses"),
        ("version", "2.1"),
    ];
    assert_eq!(
        app.call(&lob, "submit_lob_app", &submit).await.status(),
        StatusCode::OK
    );
    let admin = app.sign_in_as("admin@contoso.example").await;
    let (_, apps) = json(
        app.call(&admin, "list_lob_apps", &[("tenant_id", &c.tenant_arg)])
            .await,
    )
    .await;
    assert_eq!(apps[0]["name"], "Expenses");
    assert_eq!(apps[0]["status"], "Submitted");
    let publish = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("lob_app_id", &apps[0]["lob_app_id"].to_string()),
        ("status", "published"),
    ];
    assert_eq!(
        app.call(&admin, "set_lob_app_status", &publish)
            .await
            .status(),
        StatusCode::OK
    );
    // The advisor has no business with apps.
    assert_eq!(
        app.call(&advisor, "list_lob_apps", &[("tenant_id", &c.tenant_arg)])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_partner_type_partner_sees_the_account_the_customer_named() {
    let app = crate::common::spawn_app().await;
    let c = contoso(&app).await;
    let (partner, agent) = partner_with(&app, &c, 0, RelationshipType::Partner).await;
    let account = [("tenant_id", c.tenant_arg.as_str())];
    let (status, named) = json(app.call(&agent, "get_partner_account", &account).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(named, Value::Null);
    let admin = app.sign_in_as("admin@contoso.example").await;
    let partner_id = partner.to_string();
    let unknown = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("partner_id", partner_id.as_str()),
        ("email", "nobody@contoso.example"),
    ];
    let (status, error) = json(app.call(&admin, "set_partner_account", &unknown).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["Validation"][0]["message"], "invalid-member-unknown");
    let name = [
        ("tenant_id", c.tenant_arg.as_str()),
        ("partner_id", partner_id.as_str()),
        ("email", "user@contoso.example"),
    ];
    assert_eq!(
        app.call(&admin, "set_partner_account", &name)
            .await
            .status(),
        StatusCode::OK
    );
    let (_, named) = json(app.call(&agent, "get_partner_account", &account).await).await;
    assert_eq!(named, "user@contoso.example");
}

#[tokio::test]
async fn only_a_global_admin_resets_an_admins_password_and_a_reset_ends_their_sessions() {
    let app = crate::common::spawn_app().await;
    let c = contoso(&app).await;
    let billing = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "billing@contoso.example",
    )
    .await
    .to_string();
    let user = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "user@contoso.example",
    )
    .await
    .to_string();
    let billing_session = app.sign_in_as("billing@contoso.example").await;

    // A Helpdesk admin, or an Advisor (Password admin), would become a Billing admin.
    let helpdesk = app.sign_in_as("helpdesk@contoso.example").await;
    let (_, advisor) = partner_with(&app, &c, 0, RelationshipType::Advisor).await;
    for client in [&helpdesk, &advisor] {
        let (status, error) = json(
            app.call(
                client,
                "reset_user_password",
                &[("tenant_id", &c.tenant_arg), ("user_id", &billing)],
            )
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(error, json!({ "Forbidden": "GlobalAdminForAdmins" }));
        let (status, _) = json(
            app.call(
                client,
                "reset_user_password",
                &[("tenant_id", &c.tenant_arg), ("user_id", &user)],
            )
            .await,
        )
        .await;
        assert_eq!(
            status,
            StatusCode::OK,
            "a plain user's password they may reset"
        );
    }
    assert_eq!(
        app.current_user(&billing_session).await["email"],
        "billing@contoso.example"
    );

    // A partner never may, even holding Global admin: it could lock the customer out of its
    // own partner relationships. Disabling an admin is refused alike.
    let (_, delegated) = partner_with(&app, &c, 1, RelationshipType::DelegatedAdministrator).await;
    for function in ["reset_user_password", "disable_tenant_user"] {
        let (status, error) = json(
            app.call(
                &delegated,
                function,
                &[("tenant_id", &c.tenant_arg), ("user_id", &billing)],
            )
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{function}");
        assert_eq!(error, json!({ "Forbidden": "GlobalAdminForAdmins" }));
    }
    assert_eq!(
        app.current_user(&billing_session).await["email"],
        "billing@contoso.example"
    );

    // The tenant's own Global admin may, and the admin's session ends.
    let global = app.sign_in_as("admin@contoso.example").await;
    let response = app
        .call(
            &global,
            "reset_user_password",
            &[("tenant_id", &c.tenant_arg), ("user_id", &billing)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.current_user(&billing_session).await,
        Value::Null,
        "signed out by the reset"
    );
}
