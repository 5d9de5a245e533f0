//! Revoke all partner access: one transaction removes every partner's admin roles and every
//! pending invitation, and a lockdown refuses any acceptance until a Global admin ends it.

use crate::common::{contoso, count, generated_partners, json, new_agent, relate, TestApp};
use crate::invitations::{accept, invite};
use app::domain::RelationshipType;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

async fn revoke(app: &TestApp, admin: &Client, name: &str, reason: &str) -> (StatusCode, Value) {
    json(
        app.call(
            admin,
            "revoke_all_partner_access",
            &[("tenant_name", name), ("reason", reason)],
        )
        .await,
    )
    .await
}

async fn tenant_name(app: &TestApp) -> String {
    sqlx::query_scalar("select name from tenant where primary_domain = 'contoso.example'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("name")
}

/// Roles granted and in force in Contoso, by any partner.
async fn granted_roles(app: &TestApp) -> i64 {
    count(
        app,
        "select count(*) from admin_relationship_role ar
         join admin_relationship a on a.admin_relationship_id = ar.admin_relationship_id
         join tenant t on t.tenant_id = a.tenant_id
         where t.primary_domain = 'contoso.example' and a.status = 'active' and ar.state = 'granted'",
    )
    .await
}

#[tokio::test]
async fn revoking_all_partner_access_removes_every_role_and_invitation_and_refuses_acceptance() {
    let app = crate::common::spawn_app().await;
    let (tenant, admin_id) = contoso(&app).await;
    let partner = generated_partners(&app, 1).await[0];
    let agent = new_agent(&app, partner, "agent@delegated.example").await;
    relate(
        &app,
        tenant,
        partner,
        RelationshipType::DelegatedAdministrator,
        admin_id,
    )
    .await;
    let token = invite(&app, "delegated_administrator").await;
    assert!(granted_roles(&app).await > 0);
    let tenant_arg = tenant.to_string();
    assert_eq!(
        app.call(&agent, "list_tenant_users", &[("tenant_id", &tenant_arg)])
            .await
            .status(),
        StatusCode::OK
    );

    // A Billing admin may not; a wrong name or no reason changes nothing.
    let billing = app.sign_in_as("billing@contoso.example").await;
    let (status, _) = revoke(&app, &billing, &tenant_name(&app).await, "Incident 42").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = app.sign_in_as("admin@contoso.example").await;
    let (status, error) = revoke(&app, &admin, "Contoso?", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "reason", "message": "invalid-required" }] })
    );
    let (status, error) = revoke(&app, &admin, "Contoso?", "Incident 42").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "tenant_name", "message": "invalid-tenant-name-mismatch" }] })
    );
    let (status, _) = revoke(&app, &admin, "x", &"y".repeat(1_001)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(granted_roles(&app).await > 0, "a refusal writes nothing");
    let (_, listed) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    assert_eq!(listed["lockdown_since_ms"], Value::Null);

    let (status, _) = revoke(
        &app,
        &admin,
        &format!(" {} ", tenant_name(&app).await),
        "Incident 42: a partner's account was compromised.",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(granted_roles(&app).await, 0);
    assert_eq!(
        count(
            &app,
            "select count(*) from invitation where status = 'pending'"
        )
        .await,
        0
    );
    let (_, listed) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    assert!(listed["lockdown_since_ms"].is_i64(), "{listed}");
    // The partner's very next call is refused.
    let (status, _) = json(
        app.call(&agent, "list_tenant_users", &[("tenant_id", &tenant_arg)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The revoked link is spent; a new invitation can be sent but not accepted.
    assert_eq!(
        accept(&app, &admin, &token).await.status(),
        StatusCode::GONE
    );
    let token = invite(&app, "reseller").await;
    let (status, error) = json(accept(&app, &admin, &token).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error, json!({ "Conflict": "error-partner-lockdown" }));
    // Once is enough.
    let (status, _) = revoke(&app, &admin, &tenant_name(&app).await, "Again").await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Told: every partner (related or invited) and the Global and Billing admins, with the
    // reason; the audit log keeps it.
    for recipient in [
        "agent@delegated.example",
        "agent@fabrikam.example",
        "admin@contoso.example",
        "billing@contoso.example",
    ] {
        assert_eq!(
            count(
                &app,
                &format!(
                    "select count(*) from email_outbox where recipient = '{recipient}'
                     and subject like '% revoked every partner''s access'
                     and body_text like '%Incident 42: a partner''s account was compromised.%'"
                ),
            )
            .await,
            1,
            "{recipient}"
        );
    }
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'partner.access_revoked_all'
             and target = 'Incident 42: a partner''s account was compromised.'"
        )
        .await,
        1
    );

    // End lockdown: acceptance works again, and nothing removed came back.
    let (status, _) = json(app.call(&billing, "end_partner_lockdown", &[]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = json(app.call(&admin, "end_partner_lockdown", &[]).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(granted_roles(&app).await, 0);
    let (status, _) = json(app.call(&admin, "end_partner_lockdown", &[]).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(accept(&app, &admin, &token).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_lockdown_and_an_acceptance_racing_leave_no_role_granted_under_lockdown() {
    let app = crate::common::spawn_app().await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let token = invite(&app, "delegated_administrator").await;
    let name = tenant_name(&app).await;
    let (accepted, (revoked, _)) = tokio::join!(
        accept(&app, &admin, &token),
        revoke(&app, &admin, &name, "Racing"),
    );
    assert_eq!(revoked, StatusCode::OK);
    // Whichever came first, the lockdown leaves no role granted.
    assert!(
        matches!(
            accepted.status(),
            StatusCode::OK | StatusCode::CONFLICT | StatusCode::GONE
        ),
        "{}",
        accepted.status()
    );
    assert_eq!(granted_roles(&app).await, 0);
}
