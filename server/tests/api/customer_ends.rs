//! The customer ends a relationship without the partner's help: every role and type ends,
//! subscriptions bought through the partner stay (saying so), both sides are told, and the
//! partner's next call for the customer is refused.

use crate::common::{contoso, count, generated_partners, json, new_agent, relate};
use app::domain::RelationshipType;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_customer_ends_a_relationship_and_the_partners_next_call_is_refused() {
    let app = crate::common::spawn_app().await;
    let (tenant, admin) = contoso(&app).await;
    let tenant_arg = tenant.to_string();
    let partner = generated_partners(&app, 1).await[0];
    let agent = new_agent(&app, partner, "agent@reseller.example").await;
    relate(
        &app,
        tenant,
        partner,
        RelationshipType::ResellerAndDelegatedAdministrator,
        admin,
    )
    .await;
    app::server::db::agreements::accept(
        &app.state.db.pool,
        tenant,
        admin,
        "1.0",
        app::server::db::now_ms(),
    )
    .await
    .expect("agreement");
    let order = [
        ("tenant_id", tenant_arg.as_str()),
        ("product_id", "m365-e3"),
        ("seats", "10"),
    ];
    assert_eq!(
        app.call(&agent, "place_order", &order).await.status(),
        StatusCode::OK
    );

    // Billing admins manage partner relationships too.
    let billing = app.sign_in_as("billing@contoso.example").await;
    let partner_arg = partner.to_string();
    for (note, message) in [
        ("a\0b".to_owned(), "invalid-control-character"),
        ("x".repeat(2_001), "invalid-too-long"),
    ] {
        let (status, error) = json(
            app.call(
                &billing,
                "end_partner_relationship",
                &[("partner_id", &partner_arg), ("note", &note)],
            )
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            error,
            json!({ "Validation": [{ "field": "note", "message": message }] })
        );
    }
    assert_eq!(
        app.call(&agent, "get_tenant_overview", &[("tenant_id", &tenant_arg)])
            .await
            .status(),
        StatusCode::OK,
        "a refused end changes nothing"
    );

    let response = app
        .call(
            &billing,
            "end_partner_relationship",
            &[
                ("partner_id", &partner_arg),
                ("note", "We are moving to another provider.\nThank you!"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (status, _) = json(
        app.call(&agent, "get_tenant_overview", &[("tenant_id", &tenant_arg)])
            .await,
    )
    .await;
    assert!(
        matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{status}"
    );
    let status = app.call(&agent, "place_order", &order).await.status();
    assert!(
        matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{status}"
    );
    assert_eq!(
        app.call(
            &billing,
            "end_partner_relationship",
            &[("partner_id", &partner_arg), ("note", "")],
        )
        .await
        .status(),
        StatusCode::NOT_FOUND,
        "an ended relationship ends once"
    );

    // Both sides are told, the note quoted.
    let mails = count(
        &app,
        "select count(*) from email_outbox where subject like 'Contoso% ended its relationship with %'
         and body_text like '%We are moving to another provider.%'
         and recipient in ('agent@reseller.example', 'admin@contoso.example', 'billing@contoso.example')",
    )
    .await;
    assert_eq!(mails, 3);
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'relationship.ended_by_customer'"
        )
        .await,
        1
    );
    // The subscription stays, without a partner now.
    let admin_client = app.sign_in_as("admin@contoso.example").await;
    let (status, subscriptions) = json(
        app.call(
            &admin_client,
            "list_subscriptions",
            &[("tenant_id", &tenant_arg)],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let bought = subscriptions
        .as_array()
        .expect("a list")
        .iter()
        .find(|s| s["partner_name"].is_string())
        .expect("the partner's sale stays");
    assert_eq!(bought["partner_gone"], true);
    assert_eq!(bought["seats"], 10);
}

#[tokio::test]
async fn a_partner_the_tenant_never_had_is_not_found() {
    let app = crate::common::spawn_app().await;
    let partner = generated_partners(&app, 1).await[0];
    let admin = app.sign_in_as("admin@contoso.example").await;
    let response = app
        .call(
            &admin,
            "end_partner_relationship",
            &[("partner_id", &partner.to_string()), ("note", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
