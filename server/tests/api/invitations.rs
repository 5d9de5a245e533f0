use crate::common::smtp::SmtpSink;
use crate::common::{
    count, default_access_fields, new_client, roles_asked, spawn_app, spawn_app_with,
    spawn_app_with_smtp, TestApp,
};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

/// Contoso's relationships (the demo data relates other organizations from the start).
const CONTOSO_RELATIONSHIPS: &str = "select count(*) from relationship r
     join tenant t on t.tenant_id = r.tenant_id where t.primary_domain = 'contoso.example'";

const DELEGATED: &str = "delegated_administrator";
const RESELLER: &str = "reseller";
const BOTH: &str = "reseller_and_delegated_administrator";

async fn send(app: &TestApp, agent: &Client, domain: &str, kind: &str) -> Response {
    let mut fields = vec![
        ("tenant_domain", domain),
        ("relationship_type", kind),
        ("message", "We'd like to manage your subscriptions."),
        ("lead_id", ""),
    ];
    fields.extend_from_slice(default_access_fields(kind));
    app.call(agent, "send_invitation", &fields).await
}

/// The secret of the newest invitation link mailed to `recipient`, read from the outbox.
async fn latest_token(app: &TestApp, recipient: &str) -> String {
    let body: String = sqlx::query_scalar(
        "select body_text from email_outbox where recipient = $1 and subject like '%invites%'
         order by email_id desc limit 1",
    )
    .bind(recipient)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("an invitation mail");
    token_in(&body)
}

fn token_in(text: &str) -> String {
    let start = text.find("/invitation/").expect("a link") + "/invitation/".len();
    text[start..start + 43].to_owned()
}

/// Sends an invitation as Fabrikam's agent and returns the link's secret.
pub(crate) async fn invite(app: &TestApp, kind: &str) -> String {
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let response = send(app, &agent, "contoso.example", kind).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap_or_default()
    );
    latest_token(app, "admin@contoso.example").await
}

/// Accepts with every role asked for left ticked.
pub(crate) async fn accept(app: &TestApp, client: &Client, token: &str) -> Response {
    let mut fields = vec![
        ("token", token),
        ("agreement_version", "1.0"),
        ("acknowledged", "on"),
    ];
    for role in roles_asked(app, client, token).await {
        fields.push(("roles[]", role));
    }
    app.call(client, "accept_invitation", &fields).await
}

async fn relationships(app: &TestApp, admin: &Client) -> Value {
    let response = app.call(admin, "list_partner_relationships", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("JSON")
}

async fn error_of(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_partner_invites_and_a_contoso_admin_accepts_from_the_mail_received_over_smtp() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(Some(smtp.url.clone()), |_| {}).await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let response = send(&app, &agent, "contoso.example", BOTH).await;
    assert_eq!(response.status(), StatusCode::OK);

    // Every Global and Billing admin of Contoso, and no one else.
    let mail = smtp.wait_for(2).await;
    let mut recipients: Vec<String> = mail.iter().flat_map(|m| m.recipients.clone()).collect();
    recipients.sort();
    assert_eq!(
        recipients,
        vec!["admin@contoso.example", "billing@contoso.example"]
    );
    let invitation_mail = mail[0].data.replace("=\r\n", "").replace("=\n", "");
    assert!(invitation_mail.contains("Subject: Fabrikam Solutions invites Contoso to a partner"));
    assert!(
        invitation_mail.contains("Global admin, Helpdesk admin"),
        "{invitation_mail}"
    );
    let link_start = invitation_mail
        .find(&format!("{}/invitation/", app.address))
        .expect("the link is built from the public URL");
    let token = token_in(&invitation_mail[link_start..]);

    let admin = app.sign_in_as("admin@contoso.example").await;
    let page = app.get_page(&admin, &format!("/invitation/{token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(
        html.contains("Accept agreement &amp; authorize partner"),
        "{html}"
    );
    assert!(html.contains("Customer Agreement"));

    let offer: Value = app
        .call(&admin, "load_invitation", &[("token", &token)])
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(offer["partner_name"], "Fabrikam Solutions");
    assert_eq!(
        offer["access"]["roles"],
        json!([
            { "role": "GlobalAdmin", "state": "Requested" },
            { "role": "HelpdeskAdmin", "state": "Requested" },
        ])
    );
    assert_eq!(offer["agreement_version"], "1.0");

    let response = accept(&app, &admin, &token).await;
    assert_eq!(response.status(), StatusCode::OK);

    let listed = relationships(&app, &admin).await;
    let fabrikam = &listed["relationships"][0];
    assert_eq!(fabrikam["partner_name"], "Fabrikam Solutions");
    assert_eq!(fabrikam["roles"], json!(["GlobalAdmin", "HelpdeskAdmin"]));
    assert_eq!(listed["agreement"]["latest"]["version"], "1.0");
    assert_eq!(listed["agreement"]["latest"]["accepted_by"], "Megan Bowen");

    // The partner hears about it.
    let mail = smtp.wait_for(3).await;
    assert!(mail[2].recipients == vec!["agent@fabrikam.example"]);
    assert!(mail[2]
        .data
        .contains("Subject: Contoso accepted your invitation"));
    assert_eq!(
        count(&app, "select count(*) from audit_event where action in ('invitation.sent', 'invitation.accepted', 'partner.roles_granted', 'agreement.accepted')").await,
        4
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from agreement_acceptance where invitation_id is not null"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn only_a_global_or_billing_admin_of_the_invited_tenant_gets_the_invitation() {
    let app = spawn_app().await;
    let token = invite(&app, BOTH).await;

    let visitor = app
        .call(&new_client(), "load_invitation", &[("token", &token)])
        .await;
    assert_eq!(visitor.status(), StatusCode::UNAUTHORIZED);

    for email in [
        "user@contoso.example",
        "helpdesk@contoso.example",
        "admin@northwind.example",
        "agent@fabrikam.example",
        "agent@adatum.example",
    ] {
        let client = app.sign_in_as(email).await;
        let (status, error) = error_of(accept(&app, &client, &token).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
        assert_eq!(
            error,
            json!({ "Forbidden": { "AdminOf": "Contoso" } }),
            "{email}"
        );
        let page = app.get_page(&client, &format!("/invitation/{token}")).await;
        assert_eq!(page.status(), StatusCode::FORBIDDEN, "{email}");
        let html = page.text().await.expect("page");
        assert!(
            html.contains("Global or Billing admin of Contoso"),
            "{email}: {html}"
        );
    }
    // Nothing was granted by all that.
    assert_eq!(count(&app, CONTOSO_RELATIONSHIPS).await, 0);

    // The Billing admin may accept.
    let billing = app.sign_in_as("billing@contoso.example").await;
    assert_eq!(
        accept(&app, &billing, &token).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn tampered_and_malformed_links_are_gone_without_detail() {
    let app = spawn_app().await;
    let token = invite(&app, RESELLER).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let mut tampered = token.clone().into_bytes();
    tampered[10] = if tampered[10] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).expect("ASCII");
    for bad in [tampered.as_str(), "short", "../../etc/passwd", ""] {
        let (status, error) = error_of(accept(&app, &admin, bad).await).await;
        assert_eq!(status, StatusCode::GONE, "{bad}");
        assert_eq!(error, json!({ "Gone": "invitation-not-found" }), "{bad}");
    }
    let page = app
        .get_page(&admin, &format!("/invitation/{tampered}"))
        .await;
    assert_eq!(page.status(), StatusCode::GONE);
    assert!(page
        .text()
        .await
        .expect("page")
        .contains("This invitation link isn't valid"));
}

#[tokio::test]
async fn an_expired_invitation_is_refused_and_a_resend_sets_a_new_expiry() {
    let app = spawn_app_with(|settings| settings.invitation_ttl = std::time::Duration::ZERO).await;
    let token = invite(&app, RESELLER).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let (status, error) = error_of(accept(&app, &admin, &token).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error, json!({ "Gone": "invitation-expired" }));
    let page = app.get_page(&admin, &format!("/invitation/{token}")).await;
    assert!(page
        .text()
        .await
        .expect("page")
        .contains("This invitation has expired"));

    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let listed: Value = app
        .call(&agent, "list_invitations", &[])
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(listed[0]["status"], "Expired");
    assert_eq!(count(&app, CONTOSO_RELATIONSHIPS).await, 0);

    // Resent, the invitation lives again under a new link (here, too, for no time at all:
    // the new expiry is checked, not the old one).
    let id = listed[0]["invitation_id"].to_string();
    let response = app
        .call(&agent, "resend_invitation", &[("invitation_id", &id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let new = latest_token(&app, "admin@contoso.example").await;
    assert_ne!(new, token);
    let (status, error) = error_of(accept(&app, &admin, &new).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error, json!({ "Gone": "invitation-expired" }));
}

#[tokio::test]
async fn a_revoked_invitation_is_refused_and_revoking_twice_says_so() {
    let app = spawn_app().await;
    let token = invite(&app, RESELLER).await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let listed: Value = app
        .call(&agent, "list_invitations", &[])
        .await
        .json()
        .await
        .expect("JSON");
    let id = listed[0]["invitation_id"].to_string();
    assert_eq!(
        app.call(&agent, "revoke_invitation", &[("invitation_id", &id)])
            .await
            .status(),
        StatusCode::OK
    );
    let (status, error) = error_of(
        app.call(&agent, "revoke_invitation", &[("invitation_id", &id)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error, json!({ "Conflict": "invitation-revoked" }));

    let admin = app.sign_in_as("admin@contoso.example").await;
    let (status, error) = error_of(accept(&app, &admin, &token).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error, json!({ "Gone": "invitation-revoked" }));

    // Another partner's agent can't touch it.
    let adatum = app.sign_in_as("agent@adatum.example").await;
    let response = app
        .call(&adatum, "resend_invitation", &[("invitation_id", &id)])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_used_link_can_not_be_used_again() {
    let app = spawn_app().await;
    let token = invite(&app, RESELLER).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    assert_eq!(accept(&app, &admin, &token).await.status(), StatusCode::OK);
    let billing = app.sign_in_as("billing@contoso.example").await;
    let (status, error) = error_of(accept(&app, &billing, &token).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error, json!({ "Gone": "invitation-already-accepted" }));
    let (status, _) = error_of(
        app.call(&billing, "decline_invitation", &[("token", &token)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(
        count(&app, "select count(*) from agreement_acceptance").await,
        1
    );
}

#[tokio::test]
async fn resending_issues_a_new_link_and_kills_the_old_one() {
    let app = spawn_app().await;
    let old = invite(&app, DELEGATED).await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let listed: Value = app
        .call(&agent, "list_invitations", &[])
        .await
        .json()
        .await
        .expect("JSON");
    let id = listed[0]["invitation_id"].to_string();
    let response = app
        .call(&agent, "resend_invitation", &[("invitation_id", &id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let new = latest_token(&app, "admin@contoso.example").await;
    assert_ne!(old, new);

    let admin = app.sign_in_as("admin@contoso.example").await;
    let (status, error) = error_of(accept(&app, &admin, &old).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error, json!({ "Gone": "invitation-not-found" }));
    assert_eq!(accept(&app, &admin, &new).await.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_accepts_of_one_link_grant_exactly_once() {
    let app = spawn_app().await;
    let token = invite(&app, BOTH).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let (client, url, token) = (
            admin.clone(),
            app.url("/api/accept_invitation"),
            token.clone(),
        );
        attempts.spawn(async move {
            client
                .post(url)
                .header("sec-fetch-site", "same-origin")
                .form(&[
                    ("token", token.as_str()),
                    ("agreement_version", "1.0"),
                    ("acknowledged", "on"),
                    ("roles[]", "global_admin"),
                    ("roles[]", "helpdesk_admin"),
                ])
                .send()
                .await
                .expect("the server answers")
        });
    }
    let responses = attempts.join_all().await;
    let mut accepted = 0;
    for response in responses {
        match response.status() {
            StatusCode::OK => accepted += 1,
            StatusCode::GONE => {
                let error: Value = response.json().await.expect("JSON");
                assert_eq!(error, json!({ "Gone": "invitation-already-accepted" }));
            }
            other => panic!(
                "unexpected {other}: {}",
                response.text().await.unwrap_or_default()
            ),
        }
    }
    assert_eq!(accepted, 1);
    assert_eq!(count(&app, CONTOSO_RELATIONSHIPS).await, 1);
    assert_eq!(
        count(
            &app,
            "select count(*) from admin_relationship_role where state = 'granted'"
        )
        .await,
        2
    );
    assert_eq!(
        count(&app, "select count(*) from agreement_acceptance").await,
        1
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from email_outbox where subject like '%accepted%'"
        )
        .await,
        3,
        "one acceptance, told to each of Fabrikam's three agents"
    );
}

#[tokio::test]
async fn relationship_types_add_up_and_a_type_already_held_is_refused() {
    let app = spawn_app().await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let token = invite(&app, RESELLER).await;
    assert_eq!(accept(&app, &admin, &token).await.status(), StatusCode::OK);
    let listed = relationships(&app, &admin).await;
    assert_eq!(listed["relationships"][0]["roles"], json!([]));

    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let (status, error) = error_of(send(&app, &agent, "contoso.example", RESELLER).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error, json!({ "Conflict": "error-relationship-has-type" }));

    let token = invite(&app, DELEGATED).await;
    // An identical request while that one is pending: its admin relationship's name is taken.
    let (status, error) = error_of(send(&app, &agent, "contoso.example", DELEGATED).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "access_name", "message": "error-access-name-taken" }] })
    );

    assert_eq!(accept(&app, &admin, &token).await.status(), StatusCode::OK);
    let listed = relationships(&app, &admin).await;
    let relationship = &listed["relationships"][0];
    // Reseller (bit 0) and Delegated administrator (bit 1): shown as the combined type.
    assert_eq!(relationship["types"], 3);
    assert_eq!(
        relationship["roles"],
        json!(["GlobalAdmin", "HelpdeskAdmin"])
    );
    assert_eq!(count(&app, CONTOSO_RELATIONSHIPS).await, 1);
    let page = app
        .get_page(&admin, "/settings/partner-relationships")
        .await;
    assert!(page
        .text()
        .await
        .expect("page")
        .contains("Reseller &amp; delegated administrator"));

    // Both types held: a further admin relationship needs a name of its own.
    let (status, error) = error_of(send(&app, &agent, "contoso.example", BOTH).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "access_name", "message": "error-access-name-taken" }] })
    );
}

#[tokio::test]
async fn cancelling_grants_nothing_and_tells_the_partner() {
    let app = spawn_app().await;
    let token = invite(&app, BOTH).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let response = app
        .call(&admin, "decline_invitation", &[("token", &token)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(count(&app, CONTOSO_RELATIONSHIPS).await, 0);
    assert_eq!(
        count(&app, "select count(*) from agreement_acceptance").await,
        0
    );
    assert_eq!(
        count(&app, "select count(*) from email_outbox where recipient = 'agent@fabrikam.example' and subject = 'Contoso cancelled your invitation'").await,
        1
    );
    let (status, error) = error_of(accept(&app, &admin, &token).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error, json!({ "Gone": "invitation-already-declined" }));
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let listed: Value = app
        .call(&agent, "list_invitations", &[])
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(listed[0]["status"], "Declined");
}

#[tokio::test]
async fn accepting_needs_the_agreement_acknowledged_and_keeps_the_link_usable() {
    let app = spawn_app().await;
    let token = invite(&app, BOTH).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    let response = app
        .call(
            &admin,
            "accept_invitation",
            &[
                ("token", &token),
                ("agreement_version", "1.0"),
                ("roles[]", "global_admin"),
            ],
        )
        .await;
    let (status, error) = error_of(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "acknowledged", "message": "invalid-agreement-unread" }] })
    );
    let stale = app
        .call(
            &admin,
            "accept_invitation",
            &[
                ("token", &token),
                ("agreement_version", "0.9"),
                ("acknowledged", "on"),
                ("roles[]", "global_admin"),
            ],
        )
        .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert_eq!(count(&app, CONTOSO_RELATIONSHIPS).await, 0);
    assert_eq!(accept(&app, &admin, &token).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_bad_invitation_form_names_each_field_and_writes_nothing() {
    let app = spawn_app().await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let (status, error) = error_of(send(&app, &agent, "nowhere.example", RESELLER).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        json!({ "Validation": [{ "field": "tenant_domain", "message": "invalid-tenant-unknown" }] })
    );
    let (status, error) = error_of(send(&app, &agent, "not a domain", "overlord").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["Validation"].as_array().map(Vec::len), Some(2));
    assert_eq!(count(&app, "select count(*) from invitation").await, 0);
    assert_eq!(count(&app, "select count(*) from email_outbox").await, 0);

    // Only partner agents send invitations.
    let admin = app.sign_in_as("admin@contoso.example").await;
    let response = send(&app, &admin, "contoso.example", RESELLER).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = send(&app, &new_client(), "contoso.example", RESELLER).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_invitation_from_a_lead_marks_it_invited_and_another_partners_lead_is_not_found() {
    let app = spawn_app().await;
    let fabrikam =
        app::server::db::partners::find_by_name(&app.state.db.pool, "Fabrikam Solutions")
            .await
            .expect("query")
            .expect("partner");
    let admin = app.sign_in_as("admin@contoso.example").await;
    let response = app
        .call(
            &admin,
            "send_contact_request",
            &[
                ("partners", &fabrikam.to_string()),
                ("business_needs", "Help us move to the cloud."),
                ("contact_name", "Megan Bowen"),
                ("email", "admin@contoso.example"),
                ("phone", ""),
                ("company", "Contoso"),
                ("size", "251-1000"),
                ("country", "US"),
                ("city", ""),
                ("consent", "on"),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let lead_id: i64 = count(&app, "select lead_id from lead").await;
    let lead = lead_id.to_string();
    let form = |lead: &str| {
        vec![
            ("tenant_domain", "contoso.example".to_owned()),
            ("relationship_type", RESELLER.to_owned()),
            ("message", String::new()),
            ("lead_id", lead.to_owned()),
        ]
    };
    let adatum = app.sign_in_as("agent@adatum.example").await;
    let fields = form(&lead);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.call(&adatum, "send_invitation", &fields).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let response = app.call(&agent, "send_invitation", &fields).await;
    assert_eq!(response.status(), StatusCode::OK);
    let lead: Value = app
        .call(&agent, "get_lead", &[("lead_id", &lead_id.to_string())])
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(lead["status"], "Invited");
}

#[tokio::test]
async fn resending_an_expired_invitation_is_refused_while_an_identical_one_is_pending() {
    let app = spawn_app_with(|settings| settings.invitation_ttl = std::time::Duration::ZERO).await;
    invite(&app, RESELLER).await;
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let listed: Value = app
        .call(&agent, "list_invitations", &[])
        .await
        .json()
        .await
        .expect("JSON");
    let expired = listed[0]["invitation_id"].to_string();
    // A second invitation of the same type, pending (this one written with a long expiry).
    let response = send(&app, &agent, "contoso.example", RESELLER).await;
    assert_eq!(response.status(), StatusCode::OK);
    sqlx::query(
        "update invitation set expires_at = expires_at + 86400000 where invitation_id <> $1",
    )
    .bind(expired.parse::<i64>().expect("id"))
    .execute(&app.state.db.pool)
    .await
    .expect("extend");
    let (status, error) = error_of(
        app.call(&agent, "resend_invitation", &[("invitation_id", &expired)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error, json!({ "Conflict": "error-invitation-pending" }));
}
