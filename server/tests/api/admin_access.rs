//! Granular, time-bound admin access over HTTP, on both backends: the partner asks for a named
//! admin relationship, the customer approves roles one by one, access ends at the end date
//! (the app's clock is moved forward, no test waits), a single role is removed, a whole
//! relationship ends; and every bad field is refused beside its field.

use crate::common::{count, id_of, json, spawn_app, TestApp, SUPPORT_DESK};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Fabrikam asks Contoso for `fields` (the admin relationship's), as Delegated administrator,
/// for its team Support desk unless `fields` name teams.
pub(crate) async fn ask(
    app: &TestApp,
    agent: &Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![
        ("tenant_domain", "contoso.example"),
        ("relationship_type", "delegated_administrator"),
        ("message", ""),
        ("lead_id", ""),
    ];
    form.extend_from_slice(fields);
    if !fields.iter().any(|(name, _)| *name == "teams[]") {
        form.push(("teams[]", SUPPORT_DESK));
    }
    app.call(agent, "send_invitation", &form).await
}

/// The secret of the newest invitation link mailed to Contoso's Global admin.
pub(crate) async fn latest_token(app: &TestApp) -> String {
    let body: String = sqlx::query_scalar(
        "select body_text from email_outbox where recipient = 'admin@contoso.example'
         and subject like '%invites%' order by email_id desc limit 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("an invitation mail");
    let start = body.find("/invitation/").expect("a link") + "/invitation/".len();
    body[start..start + 43].to_owned()
}

pub(crate) async fn accept(
    app: &TestApp,
    admin: &Client,
    token: &str,
    roles: &[&str],
) -> reqwest::Response {
    let mut form = vec![
        ("token", token),
        ("agreement_version", "1.0"),
        ("acknowledged", "on"),
    ];
    form.extend(roles.iter().map(|role| ("roles[]", *role)));
    app.call(admin, "accept_invitation", &form).await
}

const HELPDESK: [(&str, &str); 5] = [
    ("access_name", "Fabrikam helpdesk"),
    ("roles[]", "helpdesk_admin"),
    ("roles[]", "user_admin"),
    ("roles[]", "global_admin"),
    ("duration_days", "90"),
];

/// Fabrikam asks for "Fabrikam helpdesk" (90 days: Helpdesk, User and Global admin) and
/// Contoso's admin grants Helpdesk admin alone. Fabrikam's agent and Contoso's admin.
pub(crate) async fn helpdesk_granted(app: &TestApp) -> (Client, Client) {
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let response = ask(app, &agent, &HELPDESK).await;
    assert_eq!(response.status(), StatusCode::OK);
    let token = latest_token(app).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let (status, offer) = json(
        app.call(&admin, "load_invitation", &[("token", &token)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(offer["access"]["name"], "Fabrikam helpdesk");
    assert_eq!(offer["access"]["duration_days"], 90);
    assert_eq!(
        offer["access"]["roles"],
        json!([
            { "role": "GlobalAdmin", "state": "Requested" },
            { "role": "UserAdmin", "state": "Requested" },
            { "role": "HelpdeskAdmin", "state": "Requested" },
        ])
    );
    let response = accept(app, &admin, &token, &["helpdesk_admin"]).await;
    assert_eq!(response.status(), StatusCode::OK);
    (agent, admin)
}

pub(crate) async fn ids(app: &TestApp) -> (String, String, String) {
    let contoso = id_of(
        app,
        "select tenant_id from tenant where primary_domain = $1",
        "contoso.example",
    )
    .await;
    let lee = id_of(
        app,
        "select user_id from app_user where email = $1",
        "user@contoso.example",
    )
    .await;
    let fabrikam = id_of(
        app,
        "select partner_id from partner where name = $1",
        "Fabrikam Solutions",
    )
    .await;
    (contoso.to_string(), lee.to_string(), fabrikam.to_string())
}

pub(crate) async fn reset(app: &TestApp, agent: &Client, tenant: &str, user: &str) -> StatusCode {
    app.call(
        agent,
        "reset_user_password",
        &[("tenant_id", tenant), ("user_id", user)],
    )
    .await
    .status()
}

async fn fabrikam_access(app: &TestApp, admin: &Client, fabrikam: &str) -> Value {
    let (status, detail) = json(
        app.call(
            admin,
            "get_partner_relationship",
            &[("partner_id", fabrikam), ("page", "1")],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    detail
}

#[tokio::test]
async fn the_customer_grants_the_roles_it_ticks_and_no_other() {
    let app = spawn_app().await;
    let (agent, admin) = helpdesk_granted(&app).await;
    let (contoso, lee, fabrikam) = ids(&app).await;

    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    assert_eq!(detail["roles"], json!(["HelpdeskAdmin"]));
    let access = &detail["admin_relationships"][0];
    assert_eq!(access["name"], "Fabrikam helpdesk");
    assert_eq!(access["status"], "Active");
    assert_eq!(
        access["roles"],
        json!([
            { "role": "GlobalAdmin", "state": "Refused" },
            { "role": "UserAdmin", "state": "Refused" },
            { "role": "HelpdeskAdmin", "state": "Granted" },
        ])
    );
    let ends = access["ends_at_ms"].as_i64().expect("an end date");
    let expected = app::server::db::now_ms() + 90 * app::domain::DAY_MS;
    assert!((expected - ends).abs() < 60_000, "{ends} vs {expected}");

    // Helpdesk admin resets a member's password; creating a user is User admin's, refused.
    assert_eq!(reset(&app, &agent, &contoso, &lee).await, StatusCode::OK);
    let create = app
        .call(
            &agent,
            "create_tenant_user",
            &[
                ("tenant_id", contoso.as_str()),
                ("display_name", "New Member"),
                ("email", "new@contoso.example"),
            ],
        )
        .await;
    assert_eq!(create.status(), StatusCode::FORBIDDEN);
    // Never an admin's account, whatever the role.
    let admin_id = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "helpdesk@contoso.example",
    )
    .await
    .to_string();
    assert_eq!(
        reset(&app, &agent, &contoso, &admin_id).await,
        StatusCode::FORBIDDEN
    );

    // The partner was told what was granted and what refused; the log has both.
    let mail: String = sqlx::query_scalar(
        "select body_text from email_outbox where recipient = 'agent@fabrikam.example'
         and subject like '%accepted%' order by email_id desc limit 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("the acceptance mail");
    assert!(
        mail.contains(
            "Admin relationship “Fabrikam helpdesk”: granted Helpdesk admin; refused Global admin, User admin."
        ),
        "{mail}"
    );
    for action in ["partner.roles_granted", "partner.roles_refused"] {
        assert_eq!(
            count(
                &app,
                &format!("select count(*) from audit_event where action = '{action}'")
            )
            .await,
            1,
            "{action}"
        );
    }
}

#[tokio::test]
async fn access_ends_at_the_end_date_on_the_very_next_request() {
    let app = spawn_app().await;
    let (agent, admin) = helpdesk_granted(&app).await;
    let (contoso, lee, fabrikam) = ids(&app).await;
    assert_eq!(reset(&app, &agent, &contoso, &lee).await, StatusCode::OK);

    app.state.clock.advance(60 * DAY);
    let access = &fabrikam_access(&app, &admin, &fabrikam).await["admin_relationships"][0];
    assert_eq!(access["status"], "ExpiringSoon");
    assert_eq!(reset(&app, &agent, &contoso, &lee).await, StatusCode::OK);

    app.state.clock.advance(30 * DAY);
    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    assert_eq!(detail["admin_relationships"][0]["status"], "Expired");
    assert_eq!(detail["roles"], json!([]));
    assert_eq!(
        reset(&app, &agent, &contoso, &lee).await,
        StatusCode::FORBIDDEN
    );
    // Listed as history, filtered by its status.
    let (_, list) = json(app.call(&admin, "list_partner_relationships", &[]).await).await;
    let fabrikam_row = list["relationships"]
        .as_array()
        .and_then(|rows| {
            rows.iter()
                .find(|row| row["partner_name"] == "Fabrikam Solutions")
        })
        .cloned()
        .expect("Fabrikam listed");
    assert_eq!(fabrikam_row["admin_relationships"][0]["status"], "Expired");
}

#[tokio::test]
async fn removing_one_role_leaves_the_others_and_ends_that_one_at_once() {
    let app = spawn_app().await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let fields = [
        ("access_name", "Fabrikam support"),
        ("roles[]", "password_admin"),
        ("roles[]", "service_support_admin"),
        ("duration_days", "30"),
        ("auto_extend", "on"),
    ];
    assert_eq!(ask(&app, &agent, &fields).await.status(), StatusCode::OK);
    let token = latest_token(&app).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let accepted = accept(
        &app,
        &admin,
        &token,
        &["password_admin", "service_support_admin"],
    )
    .await;
    assert_eq!(accepted.status(), StatusCode::OK);
    let (contoso, lee, fabrikam) = ids(&app).await;
    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    let access = detail["admin_relationships"][0]["id"].to_string();
    assert_eq!(detail["admin_relationships"][0]["auto_extend"], true);
    assert_eq!(reset(&app, &agent, &contoso, &lee).await, StatusCode::OK);

    let remove = |role: &'static str| {
        let (fabrikam, access) = (fabrikam.clone(), access.clone());
        let (app, admin) = (&app, &admin);
        async move {
            app.call(
                admin,
                "change_admin_access",
                &[
                    ("partner_id", fabrikam.as_str()),
                    ("admin_relationship_id", access.as_str()),
                    ("role", role),
                ],
            )
            .await
            .status()
        }
    };
    assert_eq!(remove("password_admin").await, StatusCode::OK);
    // Removing it again: nothing left to remove.
    assert_eq!(remove("password_admin").await, StatusCode::GONE);
    assert_eq!(remove("not_a_role").await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reset(&app, &agent, &contoso, &lee).await,
        StatusCode::FORBIDDEN
    );
    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    assert_eq!(detail["roles"], json!(["ServiceSupportAdmin"]));
    let incidents = app
        .call(&agent, "list_incidents", &[("tenant_id", contoso.as_str())])
        .await;
    assert_eq!(incidents.status(), StatusCode::OK);
    assert_eq!(
        count(
            &app,
            "select count(*) from email_outbox where subject like '%removed an admin role'"
        )
        .await,
        // Fabrikam's agents and Contoso's Global and Billing admins.
        count(
            &app,
            "select count(*) from app_user u where u.partner_id = (select partner_id from partner where name = 'Fabrikam Solutions') and u.disabled = 0"
        )
        .await
            + 2
    );

    // End access: the last role goes with the relationship.
    assert_eq!(remove("").await, StatusCode::OK);
    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    assert_eq!(detail["admin_relationships"][0]["status"], "Terminated");
    assert_eq!(detail["roles"], json!([]));
    assert_eq!(
        app.call(&agent, "list_incidents", &[("tenant_id", contoso.as_str())])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // Another tenant's admin can't touch it: to them it doesn't exist.
    let northwind = app.sign_in_as("admin@northwind.example").await;
    let foreign = app
        .call(
            &northwind,
            "change_admin_access",
            &[
                ("partner_id", fabrikam.as_str()),
                ("admin_relationship_id", access.as_str()),
                ("role", ""),
            ],
        )
        .await;
    assert_eq!(foreign.status(), StatusCode::GONE);
}

#[tokio::test]
async fn every_bad_field_of_a_request_is_refused_beside_it() {
    let app = spawn_app().await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let long_name = "x".repeat(51);
    let many_roles = vec![("roles[]", "global_reader"); 1_000];
    // The fields sent, and the field and message the refusal names.
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![("roles[]", "helpdesk_admin"), ("duration_days", "90")],
            "access_name",
            "invalid-required",
        ),
        (
            vec![
                ("access_name", &long_name),
                ("roles[]", "helpdesk_admin"),
                ("duration_days", "90"),
            ],
            "access_name",
            "invalid-too-long",
        ),
        (
            vec![
                ("access_name", "Null\u{0}byte"),
                ("roles[]", "helpdesk_admin"),
                ("duration_days", "90"),
            ],
            "access_name",
            "invalid-control-character",
        ),
        (
            vec![("access_name", "No roles"), ("duration_days", "90")],
            "roles",
            "invalid-roles-required",
        ),
        (
            vec![
                ("access_name", "Overlord"),
                ("roles[]", "overlord"),
                ("duration_days", "90"),
            ],
            "roles",
            "invalid-malformed",
        ),
        (
            [
                vec![("access_name", "Many"), ("duration_days", "90")],
                many_roles.clone(),
            ]
            .concat(),
            "roles",
            "invalid-malformed",
        ),
        (
            vec![
                ("access_name", "Forever"),
                ("roles[]", "helpdesk_admin"),
                ("duration_days", "731"),
            ],
            "duration_days",
            "invalid-duration",
        ),
        (
            vec![
                ("access_name", "Never"),
                ("roles[]", "helpdesk_admin"),
                ("duration_days", "0"),
            ],
            "duration_days",
            "invalid-duration",
        ),
        (
            vec![
                ("access_name", "Words"),
                ("roles[]", "helpdesk_admin"),
                ("duration_days", "ninety"),
            ],
            "duration_days",
            "invalid-duration",
        ),
        (
            vec![
                ("access_name", "Everything, always"),
                ("roles[]", "global_admin"),
                ("duration_days", "90"),
                ("auto_extend", "on"),
            ],
            "auto_extend",
            "invalid-auto-extend-global-admin",
        ),
    ];
    for (fields, field, message) in cases {
        let (status, error) = json(ask(&app, &agent, &fields).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {error}");
        let refusals = error["Validation"].as_array().cloned().unwrap_or_default();
        assert!(
            refusals.contains(&json!({ "field": field, "message": message })),
            "{field} {message}: {error}"
        );
    }
    // Nothing of a refused request was written.
    assert_eq!(
        count(&app, "select count(*) from admin_relationship").await,
        0
    );
    assert_eq!(count(&app, "select count(*) from invitation").await, 0);

    // A name is the partner's once per customer while pending or active.
    assert_eq!(ask(&app, &agent, &HELPDESK).await.status(), StatusCode::OK);
    let (status, error) = json(ask(&app, &agent, &HELPDESK).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "access_name", "message": "error-access-name-taken" }] })
    );
    assert_eq!(count(&app, "select count(*) from invitation").await, 1);
}

#[tokio::test]
async fn accepting_grants_only_roles_asked_for_and_at_least_one() {
    let app = spawn_app().await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    assert_eq!(ask(&app, &agent, &HELPDESK).await.status(), StatusCode::OK);
    let token = latest_token(&app).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    for roles in [
        &[][..],
        &["global_reader"][..],
        &["helpdesk_admin", "billing_admin"][..],
    ] {
        let (status, error) = json(accept(&app, &admin, &token, roles).await).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{roles:?}: {error}"
        );
        assert_eq!(
            error,
            json!({ "Validation": [{ "field": "roles", "message": "invalid-roles-required" }] }),
            "{roles:?}"
        );
    }
    // Nothing was half written: the link still works, with the roles asked for.
    assert_eq!(
        count(
            &app,
            "select count(*) from admin_relationship where status = 'pending'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from invitation where status = 'pending'"
        )
        .await,
        1
    );
    assert_eq!(
        accept(&app, &admin, &token, &["helpdesk_admin", "user_admin"])
            .await
            .status(),
        StatusCode::OK
    );
}

/// Notices sent so far whose subject contains `words`, one per recipient.
async fn notices(app: &TestApp, words: &str) -> i64 {
    sqlx::query_scalar("select count(*) from email_outbox where subject like $1")
        .bind(format!(
            "Admin access for Fabrikam Solutions in Contoso {words}%"
        ))
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// Runs the end-date job twice at once, as two server processes would.
async fn run_end_date_job_twice(app: &TestApp) {
    let now = app.state.clock.now_ms();
    let pool = &app.state.db.pool;
    let (first, second) = tokio::join!(
        app::server::db::access_end_dates::send_due(pool, app::server::mail::access_notice, now),
        app::server::db::access_end_dates::send_due(pool, app::server::mail::access_notice, now),
    );
    first.expect("the job runs");
    second.expect("the job runs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_sides_are_reminded_once_each_and_auto_extend_moves_the_end() {
    let app = spawn_app().await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    // "Fabrikam helpdesk": 90 days. "Fabrikam support": 40 days, extending itself.
    assert_eq!(ask(&app, &agent, &HELPDESK).await.status(), StatusCode::OK);
    let token = latest_token(&app).await;
    assert_eq!(
        accept(&app, &admin, &token, &["helpdesk_admin"])
            .await
            .status(),
        StatusCode::OK
    );
    let support = [
        ("access_name", "Fabrikam support"),
        ("roles[]", "password_admin"),
        ("duration_days", "40"),
        ("auto_extend", "on"),
    ];
    assert_eq!(ask(&app, &agent, &support).await.status(), StatusCode::OK);
    let token = latest_token(&app).await;
    assert_eq!(
        accept(&app, &admin, &token, &["password_admin"])
            .await
            .status(),
        StatusCode::OK
    );
    let (contoso, lee, fabrikam) = ids(&app).await;
    // Fabrikam's admin agent and Contoso's Global and Billing admins: each notice goes to
    // all three; Fabrikam's other agents are not told.
    let recipients = 3;
    let told = |email: &'static str| {
        let app = &app;
        async move {
            count(
                app,
                &format!("select count(*) from email_outbox where recipient = '{email}' and subject like '%ends on%'"),
            )
            .await
        }
    };

    run_end_date_job_twice(&app).await;
    assert_eq!(notices(&app, "ends on").await, 0);
    // 29 days left of 40: the 30-day reminder, once.
    app.state.clock.advance(11 * DAY);
    run_end_date_job_twice(&app).await;
    run_end_date_job_twice(&app).await;
    assert_eq!(notices(&app, "ends on").await, recipients);
    assert_eq!(told("agent@fabrikam.example").await, 1);
    assert_eq!(told("support@fabrikam.example").await, 0);
    // 7 days left, then 1 day left.
    app.state.clock.advance(22 * DAY);
    run_end_date_job_twice(&app).await;
    assert_eq!(notices(&app, "ends on").await, 2 * recipients);
    app.state.clock.advance(6 * DAY);
    run_end_date_job_twice(&app).await;
    assert_eq!(notices(&app, "ends on").await, 3 * recipients);

    // Day 40: "Fabrikam support" extends itself by 180 days and both sides are told.
    app.state.clock.advance(DAY);
    run_end_date_job_twice(&app).await;
    assert_eq!(notices(&app, "was extended").await, recipients);
    assert_eq!(notices(&app, "has ended").await, 0);
    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    let extended = detail["admin_relationships"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|a| a["name"] == "Fabrikam support")
                .cloned()
        })
        .expect("listed");
    assert_eq!(extended["status"], "Active");
    assert_eq!(reset(&app, &agent, &contoso, &lee).await, StatusCode::OK);
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'access.extended'"
        )
        .await,
        1
    );

    // Day 90: "Fabrikam helpdesk" ends (its 30, 7 and 1-day reminders came on the way).
    app.state.clock.advance(30 * DAY);
    run_end_date_job_twice(&app).await;
    app.state.clock.advance(20 * DAY);
    run_end_date_job_twice(&app).await;
    run_end_date_job_twice(&app).await;
    assert_eq!(notices(&app, "has ended").await, recipients);
    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    assert_eq!(detail["roles"], json!(["PasswordAdmin"]));
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'access.expired'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn either_side_turns_auto_extend_on_or_off_never_with_global_admin_and_the_partner_ends_it() {
    let app = spawn_app().await;
    let (agent, admin) = helpdesk_granted(&app).await;
    let (_, _, fabrikam) = ids(&app).await;
    let access =
        fabrikam_access(&app, &admin, &fabrikam).await["admin_relationships"][0]["id"].to_string();
    let toggle = |client: &Client, on: &'static str| {
        let access = access.clone();
        let (app, client) = (&app, client.clone());
        async move {
            json(
                app.call(
                    &client,
                    "set_auto_extend",
                    &[("admin_relationship_id", access.as_str()), ("on", on)],
                )
                .await,
            )
            .await
        }
    };
    // Global admin was refused, so the relationship may extend itself: either side decides.
    assert_eq!(toggle(&agent, "on").await.0, StatusCode::OK);
    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    assert_eq!(detail["admin_relationships"][0]["auto_extend"], true);
    assert_eq!(toggle(&admin, "off").await.0, StatusCode::OK);
    let detail = fabrikam_access(&app, &admin, &fabrikam).await;
    assert_eq!(detail["admin_relationships"][0]["auto_extend"], false);
    assert_eq!(
        toggle(&agent, "sideways").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let northwind = app.sign_in_as("admin@northwind.example").await;
    assert_eq!(toggle(&northwind, "on").await.0, StatusCode::GONE);
    let adatum = app.sign_in_as("agent@adatum.example").await;
    assert_eq!(toggle(&adatum, "on").await.0, StatusCode::GONE);

    // A request asking for Global admin never extends itself.
    let global = [
        ("access_name", "Fabrikam global"),
        ("roles[]", "global_admin"),
        ("duration_days", "30"),
    ];
    assert_eq!(ask(&app, &agent, &global).await.status(), StatusCode::OK);
    let pending: i64 = count(
        &app,
        "select admin_relationship_id from admin_relationship where name = 'Fabrikam global'",
    )
    .await;
    let (status, error) = json(
        app.call(
            &agent,
            "set_auto_extend",
            &[
                ("admin_relationship_id", pending.to_string().as_str()),
                ("on", "on"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "auto_extend", "message": "invalid-auto-extend-global-admin" }] })
    );

    // The partner ends "Fabrikam helpdesk": its roles end, both sides are told, it stays listed.
    let end = [("admin_relationship_id", access.as_str())];
    assert_eq!(
        app.call(&agent, "end_admin_access", &end).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.call(&agent, "end_admin_access", &end).await.status(),
        StatusCode::GONE
    );
    let customers =
        json(app.call(&agent, "list_customers", &[]).await).await.1["customers"].clone();
    let contoso = &customers[0];
    assert_eq!(contoso["roles"], json!([]));
    let ended = contoso["admin_relationships"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|a| a["name"] == "Fabrikam helpdesk")
                .cloned()
        })
        .expect("listed as history");
    assert_eq!(ended["status"], "Terminated");
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event e join app_user u on u.user_id = e.actor_user_id
             where e.action = 'access.ended' and u.partner_id = e.partner_id"
        )
        .await,
        1
    );
}
