use crate::common::{new_client, spawn_app, TestApp};
use reqwest::StatusCode;

async fn status_of(app: &TestApp, endpoint: &str, as_user: Option<&str>) -> StatusCode {
    let client = match as_user {
        Some(email) => app.sign_in_as(email).await,
        None => new_client(),
    };
    app.call(&client, endpoint, &[]).await.status()
}

#[tokio::test]
async fn the_organization_profile_is_for_global_and_billing_admins_only() {
    let app = spawn_app().await;
    let cases = [
        (None, StatusCode::UNAUTHORIZED),
        (Some("user@contoso.example"), StatusCode::FORBIDDEN),
        (Some("helpdesk@contoso.example"), StatusCode::FORBIDDEN),
        (Some("agent@fabrikam.example"), StatusCode::FORBIDDEN),
        (Some("billing@contoso.example"), StatusCode::OK),
        (Some("admin@contoso.example"), StatusCode::OK),
    ];
    for (user, expected) in cases {
        assert_eq!(
            status_of(&app, "fetch_tenant_profile", user).await,
            expected,
            "{user:?}"
        );
    }
}

#[tokio::test]
async fn an_admin_sees_only_their_own_tenant() {
    let app = spawn_app().await;
    let contoso = app
        .call(
            &app.sign_in_as("admin@contoso.example").await,
            "fetch_tenant_profile",
            &[],
        )
        .await;
    let northwind = app
        .call(
            &app.sign_in_as("admin@northwind.example").await,
            "fetch_tenant_profile",
            &[],
        )
        .await;
    let contoso: serde_json::Value = contoso.json().await.expect("JSON");
    let northwind: serde_json::Value = northwind.json().await.expect("JSON");

    assert_eq!(contoso["name"], "Contoso");
    assert_eq!(contoso["admins"].as_array().map(Vec::len), Some(3));
    assert_eq!(northwind["name"], "Northwind Traders");
    assert_eq!(northwind["admins"][0]["email"], "admin@northwind.example");
}

#[tokio::test]
async fn a_refusal_says_which_roles_were_needed() {
    let app = spawn_app().await;
    let response = app
        .call(
            &app.sign_in_as("helpdesk@contoso.example").await,
            "fetch_tenant_profile",
            &[],
        )
        .await;
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(
        body["Forbidden"]["CustomerRole"],
        serde_json::json!(["GlobalAdmin", "BillingAdmin"])
    );
}

#[tokio::test]
async fn the_partner_profile_is_for_partner_agents_only() {
    let app = spawn_app().await;
    let cases = [
        (None, StatusCode::UNAUTHORIZED),
        (Some("admin@contoso.example"), StatusCode::FORBIDDEN),
        (Some("agent@fabrikam.example"), StatusCode::OK),
    ];
    for (user, expected) in cases {
        assert_eq!(
            status_of(&app, "fetch_partner_profile", user).await,
            expected,
            "{user:?}"
        );
    }
    let adatum = app
        .call(
            &app.sign_in_as("agent@adatum.example").await,
            "fetch_partner_profile",
            &[],
        )
        .await;
    let adatum: serde_json::Value = adatum.json().await.expect("JSON");
    assert_eq!(adatum["name"], "Adatum Consulting");
}
