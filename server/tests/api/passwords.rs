//! Passwords an admin sets are temporary: one sign-in, within a day, that must choose a new
//! password before anything else; the owner is told who reset theirs. Everyone changes their
//! own password, which ends their other sessions.

use crate::common::{id_of, json, new_client, relate, TestApp, DEMO_PASSWORD};
use app::domain::{RelationshipType, TenantId, UserId};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// Contoso's id, as an argument.
async fn contoso(app: &TestApp) -> String {
    id_of(
        app,
        "select tenant_id from tenant where primary_domain = $1",
        "contoso.example",
    )
    .await
    .to_string()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    id_of(app, "select user_id from app_user where email = $1", email)
        .await
        .to_string()
}

/// Resets `email`'s password as `admin@contoso.example`; the temporary password.
async fn reset_by_contoso(app: &TestApp, email: &str) -> String {
    let admin = app.sign_in_as("admin@contoso.example").await;
    let (status, temporary) = json(
        app.call(
            &admin,
            "reset_user_password",
            &[
                ("tenant_id", &contoso(app).await),
                ("user_id", &user_id(app, email).await),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    temporary["password"]
        .as_str()
        .expect("a password")
        .to_owned()
}

async fn change(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> (StatusCode, Value) {
    json(app.call(client, "change_password", form).await).await
}

/// Signing in with `temporary` is refused beside the password: spent or expired.
async fn assert_spent(app: &TestApp, email: &str, temporary: &str) {
    let (status, error) = json(app.sign_in(&new_client(), email, temporary).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "password", "message": "invalid-temporary-password-spent" }] })
    );
}

#[tokio::test]
async fn a_temporary_password_opens_one_session_that_may_only_choose_a_new_one() {
    let app = crate::common::spawn_app().await;
    let temporary = reset_by_contoso(&app, "billing@contoso.example").await;

    let client = new_client();
    let response = app
        .sign_in(&client, "billing@contoso.example", &temporary)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // The browser is sent to Change password, then to where it was going.
    let user = app.current_user(&client).await;
    assert_eq!(user["password_change_required"], true);
    let (status, error) = json(app.call(&client, "list_partner_relationships", &[]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error, json!({ "Forbidden": "NewPassword" }));
    let page = app
        .get_page(&client, "/settings/partner-relationships")
        .await;
    assert_eq!(page.status(), StatusCode::FOUND);
    assert_eq!(
        page.headers()[header::LOCATION],
        "/change-password?next=%2Fsettings%2Fpartner%2Drelationships"
    );

    // It worked once: a second sign-in with it is refused, beside the password.
    assert_spent(&app, "billing@contoso.example", &temporary).await;

    // Keeping the temporary password is refused; the current one is not asked for.
    let (status, error) = change(
        &app,
        &client,
        &[
            ("new_password", &temporary),
            ("confirm_password", &temporary),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "new_password", "message": "invalid-password-unchanged" }] })
    );
    let mine = "my very own password";
    let (status, _) = change(
        &app,
        &client,
        &[("new_password", mine), ("confirm_password", mine)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.current_user(&client).await["password_change_required"],
        false
    );
    assert_eq!(
        app.call(&client, "list_partner_relationships", &[])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.sign_in(&new_client(), "billing@contoso.example", mine)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_temporary_password_expires_unused() {
    let app = crate::common::spawn_app().await;
    let temporary = reset_by_contoso(&app, "user@contoso.example").await;
    app.state
        .clock
        .advance(Duration::from_secs(24 * 60 * 60 + 1));
    assert_spent(&app, "user@contoso.example", &temporary).await;
}

#[tokio::test]
async fn two_sign_ins_racing_with_one_temporary_password_get_one_session() {
    let app = crate::common::spawn_app().await;
    let temporary = reset_by_contoso(&app, "user@contoso.example").await;
    let (first, second) = (new_client(), new_client());
    let (a, b) = tokio::join!(
        app.sign_in(&first, "user@contoso.example", &temporary),
        app.sign_in(&second, "user@contoso.example", &temporary),
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY]);
}

#[tokio::test]
async fn the_owner_is_told_who_reset_their_password_a_member_or_a_partner() {
    let app = crate::common::spawn_app().await;
    reset_by_contoso(&app, "user@contoso.example").await;
    let body: String = sqlx::query_scalar(
        "select body_text from email_outbox where recipient = 'user@contoso.example'
         and subject = 'Your password was reset'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("the owner's mail");
    assert!(
        body.contains(
            "Megan Bowen reset the password of your account user@contoso.example in Contoso"
        ),
        "{body}"
    );

    // A partner's agent, acting with Helpdesk admin.
    let tenant = TenantId::new(contoso(&app).await.parse().expect("id"));
    let admin = UserId::new(
        user_id(&app, "admin@contoso.example")
            .await
            .parse()
            .expect("id"),
    );
    let partner = crate::common::generated_partners(&app, 1).await[0];
    let agent = crate::common::new_agent(&app, partner, "agent@partner.example").await;
    relate(
        &app,
        tenant,
        partner,
        RelationshipType::DelegatedAdministrator,
        admin,
    )
    .await;
    let (status, _) = json(
        app.call(
            &agent,
            "reset_user_password",
            &[
                ("tenant_id", &tenant.to_string()),
                ("user_id", &user_id(&app, "user@contoso.example").await),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let partner_name: String = sqlx::query_scalar("select name from partner where partner_id = $1")
        .bind(partner.get())
        .fetch_one(&app.state.db.pool)
        .await
        .expect("name");
    let bodies: Vec<String> = sqlx::query_scalar(
        "select body_text from email_outbox where recipient = 'user@contoso.example'
         and subject = 'Your password was reset' order by email_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("the owner's mail");
    assert_eq!(bodies.len(), 2);
    assert!(
        bodies[1].contains(&format!(
            "of your partner {partner_name} reset the password"
        )),
        "{}",
        bodies[1]
    );
}

#[tokio::test]
async fn changing_ones_password_needs_the_current_one_and_ends_the_other_sessions() {
    let app = crate::common::spawn_app().await;
    let here = app.sign_in_as("agent@fabrikam.example").await;
    let elsewhere = app.sign_in_as("agent@fabrikam.example").await;
    let new = "fabrikam agent's own";

    for (form, field, message) in [
        (
            [
                ("current_password", "wrong password!"),
                ("new_password", new),
                ("confirm_password", new),
            ],
            "current_password",
            "invalid-current-password",
        ),
        (
            [
                ("current_password", DEMO_PASSWORD),
                ("new_password", new),
                ("confirm_password", "typo"),
            ],
            "confirm_password",
            "invalid-password-mismatch",
        ),
        (
            [
                ("current_password", DEMO_PASSWORD),
                ("new_password", "short"),
                ("confirm_password", "short"),
            ],
            "new_password",
            "invalid-too-short",
        ),
        (
            [
                ("current_password", ""),
                ("new_password", new),
                ("confirm_password", new),
            ],
            "current_password",
            "invalid-required",
        ),
        (
            [
                ("current_password", DEMO_PASSWORD),
                ("new_password", DEMO_PASSWORD),
                ("confirm_password", DEMO_PASSWORD),
            ],
            "new_password",
            "invalid-password-unchanged",
        ),
    ] {
        let (status, error) = change(&app, &here, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        assert_eq!(
            error,
            json!({ "Validation": [{ "field": field, "message": message }] }),
            "{form:?}"
        );
    }
    // Past the longest password, refused beside the field; a body past the server's limit,
    // refused whole.
    let long = "x".repeat(1_000);
    let (status, error) = change(
        &app,
        &here,
        &[
            ("current_password", DEMO_PASSWORD),
            ("new_password", &long),
            ("confirm_password", &long),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "new_password", "message": "invalid-too-long" }] })
    );
    let novel = "x".repeat(1_000_000);
    let response = app
        .call(
            &here,
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", &novel),
                ("confirm_password", &novel),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        app.current_user(&elsewhere).await["email"],
        "agent@fabrikam.example",
        "a refused change ends nothing"
    );

    let (status, _) = change(
        &app,
        &here,
        &[
            ("current_password", DEMO_PASSWORD),
            ("new_password", new),
            ("confirm_password", new),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.current_user(&here).await["email"],
        "agent@fabrikam.example"
    );
    assert_eq!(app.current_user(&elsewhere).await, Value::Null);
    assert_eq!(
        app.sign_in(&new_client(), "agent@fabrikam.example", DEMO_PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(&new_client(), "agent@fabrikam.example", new)
            .await
            .status(),
        StatusCode::OK
    );
    // A visitor has no password to change.
    let (status, _) = change(
        &app,
        &new_client(),
        &[("new_password", new), ("confirm_password", new)],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
