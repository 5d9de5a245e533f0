use crate::common::{
    client_with_cookie, new_client, session_cookie, spawn_app, spawn_app_with, DEMO_PASSWORD,
};
use reqwest::StatusCode;

#[tokio::test]
async fn signing_in_with_the_right_password_shows_who_and_where() {
    let app = spawn_app().await;
    let client = app.sign_in_as("admin@contoso.example").await;

    let user = app.current_user(&client).await;
    assert_eq!(user["display_name"], "Megan Bowen");
    assert_eq!(user["organization"]["Tenant"]["name"], "Contoso");
    assert_eq!(user["roles"], serde_json::json!(["GlobalAdmin"]));
}

#[tokio::test]
async fn the_email_is_matched_whatever_its_case() {
    let app = spawn_app().await;
    let response = app
        .sign_in(&new_client(), "  Admin@Contoso.Example ", DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let wrong_password = app
        .sign_in(&new_client(), "admin@contoso.example", "not-the-password")
        .await;
    let unknown_email = app
        .sign_in(&new_client(), "nobody@contoso.example", "not-the-password")
        .await;

    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_email.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(&wrong_password).is_none());
    assert_eq!(
        wrong_password.text().await.ok(),
        unknown_email.text().await.ok()
    );
}

#[tokio::test]
async fn a_malformed_email_is_refused_beside_its_field() {
    let app = spawn_app().await;
    let response = app
        .sign_in(&new_client(), "admin-at-contoso", "whatever")
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.expect("JSON error");
    assert_eq!(body["Validation"][0]["field"], "email");
    assert_eq!(body["Validation"][0]["message"], "invalid-email");
}

#[tokio::test]
async fn missing_arguments_are_a_bad_request_not_a_server_error() {
    let app = spawn_app().await;
    let response = app
        .call(
            &new_client(),
            "sign_in",
            &[("email", "admin@contoso.example")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn signing_in_issues_a_new_session_id_each_time() {
    let app = spawn_app().await;
    let client = new_client();
    let first = session_cookie(
        &app.sign_in(&client, "admin@contoso.example", DEMO_PASSWORD)
            .await,
    )
    .expect("a cookie");
    let second = session_cookie(
        &app.sign_in(&client, "admin@contoso.example", DEMO_PASSWORD)
            .await,
    )
    .expect("a cookie");

    assert_ne!(first, second);
    let old = app.current_user(&client_with_cookie(&first)).await;
    assert!(old.is_null(), "the id from before opens nothing: {old}");
    assert!(!app
        .current_user(&client_with_cookie(&second))
        .await
        .is_null());
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    let response = app
        .sign_in(&new_client(), "admin@contoso.example", DEMO_PASSWORD)
        .await;
    let cookie = response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("partnerhub_session="))
        .map(str::to_owned)
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
}

#[tokio::test]
async fn signing_out_deletes_the_session_on_the_server() {
    let app = spawn_app().await;
    let client = new_client();
    let cookie = session_cookie(
        &app.sign_in(&client, "admin@contoso.example", DEMO_PASSWORD)
            .await,
    )
    .expect("a cookie");
    assert_eq!(app.count_sessions().await, 1);

    let response = app.call(&client, "sign_out", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count_sessions().await, 0);
    assert!(
        app.current_user(&client_with_cookie(&cookie))
            .await
            .is_null(),
        "a replayed cookie opens nothing"
    );
}

#[tokio::test]
async fn repeated_failures_for_one_account_are_throttled() {
    let app = spawn_app_with(|settings| settings.sign_in_limits.per_account = 3).await;
    for _ in 0..3 {
        let response = app
            .sign_in(&new_client(), "admin@contoso.example", "guess")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = app
        .sign_in(&new_client(), "admin@contoso.example", DEMO_PASSWORD)
        .await;
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(response
        .headers()
        .contains_key(reqwest::header::RETRY_AFTER));

    let other_account = app
        .sign_in(&new_client(), "billing@contoso.example", DEMO_PASSWORD)
        .await;
    assert_eq!(
        other_account.status(),
        StatusCode::OK,
        "other accounts are unaffected"
    );
}

#[tokio::test]
async fn repeated_failures_from_one_client_are_throttled() {
    let app = spawn_app_with(|settings| settings.sign_in_limits.per_client = 3).await;
    for email in [
        "a@contoso.example",
        "b@contoso.example",
        "c@contoso.example",
    ] {
        assert_eq!(
            app.sign_in(&new_client(), email, "guess").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let response = app
        .sign_in(&new_client(), "admin@contoso.example", DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn successful_sign_ins_do_not_count_against_the_limit() {
    let app = spawn_app_with(|settings| settings.sign_in_limits.per_account = 2).await;
    for _ in 0..5 {
        assert_eq!(
            app.sign_in(&new_client(), "admin@contoso.example", DEMO_PASSWORD)
                .await
                .status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = spawn_app().await;
    let form = [
        ("email", "admin@contoso.example"),
        ("password", DEMO_PASSWORD),
    ];
    let by_origin = new_client()
        .post(app.url("/api/sign_in"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .expect("answer");
    assert_eq!(by_origin.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(&by_origin).is_none());

    let by_fetch_metadata = new_client()
        .post(app.url("/api/sign_in"))
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .expect("answer");
    assert_eq!(by_fetch_metadata.status(), StatusCode::FORBIDDEN);

    let same_origin = new_client()
        .post(app.url("/api/sign_in"))
        .header("origin", app.address.clone())
        .form(&form)
        .send()
        .await
        .expect("answer");
    assert_eq!(same_origin.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_loses_its_session() {
    let app = spawn_app().await;
    let client = app.sign_in_as("user@contoso.example").await;
    sqlx::query("update app_user set disabled = 1 where email = 'user@contoso.example'")
        .execute(&app.state.db.pool)
        .await
        .expect("update");

    assert!(app.current_user(&client).await.is_null());
    let response = app
        .sign_in(&new_client(), "user@contoso.example", DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
