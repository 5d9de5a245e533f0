//! Partner teams over HTTP, on both backends: an agent acts in a customer's tenant only with
//! the granted, unexpired roles a team of theirs holds; only admin agents manage teams and
//! holdings; every bad field is refused beside its field.

use crate::admin_access::{helpdesk_granted, ids, reset};
use crate::common::{id_of, json, spawn_app, TestApp, ESCALATION, MANAGED_SERVICES, SUPPORT_DESK};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// Fabrikam's admin agent asks Contoso for "Fabrikam helpdesk" (90 days: Helpdesk, User and
/// Global admin) for the team Support desk; Contoso's admin unticks Global and User admin
/// and accepts. The new admin relationship's id and Contoso's admin.
async fn fabrikam_helpdesk(app: &TestApp) -> (String, Client) {
    let (_, admin) = helpdesk_granted(app).await;
    let access = id_of(
        app,
        "select admin_relationship_id from admin_relationship where name = $1",
        "Fabrikam helpdesk",
    )
    .await;
    (access.to_string(), admin)
}

/// Contoso's id and Lee Gu's (a member without an admin role).
async fn contoso_and_lee(app: &TestApp) -> (String, String) {
    let (contoso, lee, _) = ids(app).await;
    (contoso, lee)
}

async fn teams(app: &TestApp, agent: &Client) -> Value {
    let (status, teams) = json(app.call(agent, "list_teams", &[]).await).await;
    assert_eq!(status, StatusCode::OK, "{teams}");
    teams
}

async fn user_id(app: &TestApp, email: &str) -> String {
    id_of(app, "select user_id from app_user where email = $1", email)
        .await
        .to_string()
}

#[tokio::test]
async fn only_a_team_holding_a_granted_role_acts_with_it() {
    let app = spawn_app().await;
    let (access, admin) = fabrikam_helpdesk(&app).await;
    let (contoso, lee) = contoso_and_lee(&app).await;
    let support = app.sign_in_as("support@fabrikam.example").await;
    let lead = app.sign_in_as("lead@fabrikam.example").await;

    // Support desk holds Helpdesk admin: a reset, but no new user (User admin was refused).
    assert_eq!(reset(&app, &support, &contoso, &lee).await, StatusCode::OK);
    let create = app
        .call(
            &support,
            "create_tenant_user",
            &[
                ("tenant_id", contoso.as_str()),
                ("display_name", "New Member"),
                ("email", "new@contoso.example"),
            ],
        )
        .await;
    assert_eq!(create.status(), StatusCode::FORBIDDEN);
    // Escalation holds nothing there.
    assert_eq!(
        reset(&app, &lead, &contoso, &lee).await,
        StatusCode::FORBIDDEN
    );
    // The Customers page shows each agent the roles their own teams hold.
    let customers = json(app.call(&lead, "list_customers", &[]).await).await.1["customers"].clone();
    assert_eq!(customers[0]["roles"], json!([]));
    let customers = json(app.call(&support, "list_customers", &[]).await)
        .await
        .1["customers"]
        .clone();
    assert_eq!(customers[0]["roles"], json!(["HelpdeskAdmin"]));

    // Contoso removes Helpdesk admin alone: the next reset is refused.
    let fabrikam = id_of(
        &app,
        "select partner_id from partner where name = $1",
        "Fabrikam Solutions",
    )
    .await
    .to_string();
    let removed = app
        .call(
            &admin,
            "change_admin_access",
            &[
                ("partner_id", fabrikam.as_str()),
                ("admin_relationship_id", access.as_str()),
                ("role", "helpdesk_admin"),
            ],
        )
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(
        reset(&app, &support, &contoso, &lee).await,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_admin_agent_moves_roles_between_teams_and_people_between_teams() {
    let app = spawn_app().await;
    let (access, _) = fabrikam_helpdesk(&app).await;
    let (contoso, lee) = contoso_and_lee(&app).await;
    let admin_agent = app.sign_in_as("agent@fabrikam.example").await;
    let lead = app.sign_in_as("lead@fabrikam.example").await;
    let support = app.sign_in_as("support@fabrikam.example").await;

    let listed = teams(&app, &admin_agent).await;
    assert_eq!(listed["manages"], true);
    let names: Vec<&str> = listed["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .filter_map(|team| team["name"].as_str())
        .collect();
    assert_eq!(names, ["Escalation", "Support desk"]);
    assert_eq!(teams(&app, &lead).await["manages"], false);

    // Escalation gets Helpdesk admin too: Johanna resets.
    let assign = |holdings: Vec<String>| {
        let access = access.clone();
        let app = &app;
        let admin_agent = &admin_agent;
        async move {
            let mut form = vec![("admin_relationship_id".to_owned(), access)];
            form.extend(holdings.into_iter().map(|h| ("holdings[]".to_owned(), h)));
            let form: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            json(app.call(admin_agent, "assign_teams", &form).await).await
        }
    };
    let (status, body) = assign(vec![
        format!("{SUPPORT_DESK}:helpdesk_admin"),
        format!("{ESCALATION}:helpdesk_admin"),
    ])
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(reset(&app, &lead, &contoso, &lee).await, StatusCode::OK);

    // Support desk no longer holds it: Alan is refused, until he joins Escalation.
    let (status, _) = assign(vec![format!("{ESCALATION}:helpdesk_admin")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        reset(&app, &support, &contoso, &lee).await,
        StatusCode::FORBIDDEN
    );
    let alan = user_id(&app, "support@fabrikam.example").await;
    let join = |team: &'static str, member: &'static str| {
        let alan = alan.clone();
        let app = &app;
        let admin_agent = &admin_agent;
        async move {
            app.call(
                admin_agent,
                "set_team_member",
                &[("team_id", team), ("user_id", &alan), ("member", member)],
            )
            .await
            .status()
        }
    };
    assert_eq!(join(ESCALATION, "yes").await, StatusCode::OK);
    assert_eq!(
        join(ESCALATION, "yes").await,
        StatusCode::OK,
        "twice is once"
    );
    assert_eq!(reset(&app, &support, &contoso, &lee).await, StatusCode::OK);
    assert_eq!(join(ESCALATION, "no").await, StatusCode::OK);
    assert_eq!(
        reset(&app, &support, &contoso, &lee).await,
        StatusCode::FORBIDDEN
    );

    // A new team, then deleted: its members lose what it held.
    let created = app
        .call(&admin_agent, "create_team", &[("name", " Night shift ")])
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    let night = id_of(
        &app,
        "select team_id from partner_team where name = $1",
        "Night shift",
    )
    .await
    .to_string();
    let joined = app
        .call(
            &admin_agent,
            "set_team_member",
            &[("team_id", &night), ("user_id", &alan), ("member", "yes")],
        )
        .await;
    assert_eq!(joined.status(), StatusCode::OK);
    let (status, _) = assign(vec![format!("{night}:helpdesk_admin")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reset(&app, &support, &contoso, &lee).await, StatusCode::OK);
    let deleted = app
        .call(&admin_agent, "delete_team", &[("team_id", &night)])
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    assert_eq!(
        reset(&app, &support, &contoso, &lee).await,
        StatusCode::FORBIDDEN
    );
    let again = app
        .call(&admin_agent, "delete_team", &[("team_id", &night)])
        .await;
    assert_eq!(again.status(), StatusCode::GONE);
}

#[tokio::test]
async fn only_admin_agents_manage_teams_and_never_another_partners() {
    let app = spawn_app().await;
    let (access, admin) = fabrikam_helpdesk(&app).await;
    let support = app.sign_in_as("support@fabrikam.example").await;
    let adatum = app.sign_in_as("agent@adatum.example").await;
    let holding = format!("{SUPPORT_DESK}:helpdesk_admin");
    let johanna = user_id(&app, "lead@fabrikam.example").await;
    let calls: [(&str, Vec<(&str, &str)>); 4] = [
        ("create_team", vec![("name", "Mine")]),
        ("delete_team", vec![("team_id", SUPPORT_DESK)]),
        (
            "set_team_member",
            vec![
                ("team_id", SUPPORT_DESK),
                ("user_id", &johanna),
                ("member", "yes"),
            ],
        ),
        (
            "assign_teams",
            vec![("admin_relationship_id", &access), ("holdings[]", &holding)],
        ),
    ];
    for (endpoint, form) in &calls {
        // An agent who is not an admin agent; a customer's admin.
        assert_eq!(
            app.call(&support, endpoint, form).await.status(),
            StatusCode::FORBIDDEN,
            "{endpoint}"
        );
        assert_eq!(
            app.call(&admin, endpoint, form).await.status(),
            StatusCode::FORBIDDEN,
            "{endpoint}"
        );
    }
    // Adatum's admin agent: Fabrikam's team and relationship are not there for it.
    for (endpoint, form) in &calls[1..] {
        let status = app.call(&adatum, endpoint, form).await.status();
        assert_eq!(status, StatusCode::GONE, "{endpoint}");
    }
    // Nor can it put Fabrikam's agent in its own team, or hold a role through Fabrikam's team.
    let (status, body) = json(
        app.call(
            &adatum,
            "set_team_member",
            &[
                ("team_id", MANAGED_SERVICES),
                ("user_id", &johanna),
                ("member", "yes"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body,
        json!({ "Validation": [{ "field": "user_id", "message": "error-agent-unknown" }] })
    );
    let (_, listed) = json(app.call(&adatum, "list_teams", &[]).await).await;
    assert_eq!(listed["holdings"], json!([]));
    assert_eq!(listed["teams"][0]["name"], "Managed services");
}

/// A server function's form, field by field.
type Form<'a> = Vec<(&'a str, &'a str)>;

#[tokio::test]
async fn every_bad_field_is_refused_beside_it() {
    let app = spawn_app().await;
    let (access, _) = fabrikam_helpdesk(&app).await;
    let admin_agent = app.sign_in_as("agent@fabrikam.example").await;
    let refused = |field: &'static str, message: &'static str| json!({ "Validation": [{ "field": field, "message": message }] });
    let long = "x".repeat(51);
    let many_teams = vec![("teams[]", SUPPORT_DESK); 101];
    let cases: Vec<(&str, Form, Value)> = vec![
        (
            "create_team",
            vec![("name", " ")],
            refused("name", "invalid-required"),
        ),
        (
            "create_team",
            vec![("name", &long)],
            refused("name", "invalid-too-long"),
        ),
        (
            "create_team",
            vec![("name", "Null\u{0}team")],
            refused("name", "invalid-control-character"),
        ),
        (
            "create_team",
            vec![("name", "Support desk")],
            refused("name", "error-team-name-taken"),
        ),
        (
            "set_team_member",
            vec![
                ("team_id", SUPPORT_DESK),
                ("user_id", "x"),
                ("member", "yes"),
            ],
            refused("user_id", "invalid-malformed"),
        ),
        (
            "set_team_member",
            vec![
                ("team_id", SUPPORT_DESK),
                ("user_id", "1"),
                ("member", "maybe"),
            ],
            refused("member", "invalid-malformed"),
        ),
        (
            "assign_teams",
            vec![
                ("admin_relationship_id", &access),
                ("holdings[]", "1:overlord"),
            ],
            refused("holdings", "invalid-malformed"),
        ),
        (
            "assign_teams",
            vec![
                ("admin_relationship_id", &access),
                ("holdings[]", "1:billing_admin"),
            ],
            refused("holdings", "invalid-malformed"),
        ),
        (
            "assign_teams",
            vec![
                ("admin_relationship_id", &access),
                ("holdings[]", "3:helpdesk_admin"),
            ],
            refused("holdings", "invalid-team-unknown"),
        ),
    ];
    for (endpoint, form, expected) in cases {
        let (status, body) = json(app.call(&admin_agent, endpoint, &form).await).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{endpoint} {form:?}: {body}"
        );
        assert_eq!(body, expected, "{endpoint} {form:?}");
    }
    // A refused assignment changed nothing: Support desk still holds what it held.
    let (_, listed) = json(app.call(&admin_agent, "list_teams", &[]).await).await;
    assert_eq!(listed["holdings"].as_array().map(Vec::len), Some(3));

    // An invitation names at least one team, only its own, and not a thousand.
    let invite = |teams: Vec<(&'static str, &'static str)>| {
        let app = &app;
        let admin_agent = &admin_agent;
        async move {
            let mut form = vec![
                ("tenant_domain", "contoso.example"),
                ("relationship_type", "delegated_administrator"),
                ("message", ""),
                ("lead_id", ""),
                ("access_name", "Fabrikam review"),
                ("roles[]", "global_reader"),
                ("duration_days", "30"),
            ];
            form.extend(teams);
            json(app.call(admin_agent, "send_invitation", &form).await).await
        }
    };
    for (teams, expected) in [
        (vec![], refused("teams", "invalid-teams-required")),
        (
            vec![("teams[]", MANAGED_SERVICES)],
            refused("teams", "invalid-team-unknown"),
        ),
        (
            vec![("teams[]", "99999")],
            refused("teams", "invalid-team-unknown"),
        ),
        (many_teams.clone(), refused("teams", "invalid-malformed")),
        (
            vec![("teams[]", "one")],
            refused("teams", "invalid-malformed"),
        ),
    ] {
        let (status, body) = invite(teams.clone()).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{teams:?}: {body}"
        );
        assert_eq!(body, expected, "{teams:?}");
    }
    // Nothing of the refused invitations was written.
    assert_eq!(
        crate::common::count(
            &app,
            "select count(*) from admin_relationship where name = 'Fabrikam review'"
        )
        .await,
        0
    );
    let (status, _) = invite(vec![("teams[]", ESCALATION)]).await;
    assert_eq!(status, StatusCode::OK);
}

/// Two admin agents create a team of the same name at once: one team, and the other is told
/// beside the field.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_teams_of_one_name_created_at_once_make_one() {
    let app = spawn_app().await;
    let first = app.sign_in_as("agent@fabrikam.example").await;
    let second = app.sign_in_as("agent@fabrikam.example").await;
    let (a, b) = tokio::join!(
        app.call(&first, "create_team", &[("name", "Night shift")]),
        app.call(&second, "create_team", &[("name", "Night shift")]),
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY]);
    assert_eq!(
        crate::common::count(
            &app,
            "select count(*) from partner_team where name = 'Night shift'"
        )
        .await,
        1
    );
}

/// The tests name the demo's teams by id (`common::SUPPORT_DESK`, …): a fresh demo numbers
/// them so.
#[tokio::test]
async fn the_demo_numbers_its_teams_as_the_tests_name_them() {
    let app = spawn_app().await;
    for (id, name) in [
        (SUPPORT_DESK, "Support desk"),
        (ESCALATION, "Escalation"),
        (MANAGED_SERVICES, "Managed services"),
    ] {
        let found = id_of(
            &app,
            "select team_id from partner_team where name = $1",
            name,
        )
        .await;
        assert_eq!(found.to_string(), id, "{name}");
    }
}

/// Authorizing a partner's call reads its relationship and the roles its agent's teams hold
/// by index only, however many customers and relationships the partner has (SQLite's plan:
/// PostgreSQL's planner scans tables this small whatever their indexes).
#[tokio::test]
async fn a_partners_authorization_reads_by_index_only() {
    let app = spawn_app().await;
    if app.state.db.backend != app::server::db::Backend::Sqlite {
        return;
    }
    let lock = "select relationship_id, types from relationship
                where tenant_id = $1 and partner_id = $2 and ended_at is null";
    for (query, arguments) in [(app::server::db::admin_access::HELD_ROLES, 4), (lock, 2)] {
        let sql = format!("explain query plan {query}");
        let mut explained = sqlx::query_as(&sql);
        for _ in 0..arguments {
            explained = explained.bind(1_i64);
        }
        let plan: Vec<(i64, i64, i64, String)> = explained
            .fetch_all(&app.state.db.pool)
            .await
            .expect("a plan");
        let steps: Vec<&str> = plan.iter().map(|(_, _, _, step)| step.as_str()).collect();
        assert!(
            steps.iter().all(|step| !step.starts_with("SCAN")),
            "{query}: {steps:?}"
        );
        assert!(steps.iter().any(|step| step.contains("INDEX")), "{steps:?}");
    }
}
