use crate::common::{new_client, spawn_app, spawn_app_with, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn partner_id(app: &TestApp, name: &str) -> i64 {
    app::server::db::partners::find_by_name(&app.state.db.pool, name)
        .await
        .expect("query")
        .expect("partner")
        .get()
}

async fn contact(app: &TestApp, client: &Client, partners: &str, email: &str) -> reqwest::Response {
    app.call(
        client,
        "send_contact_request",
        &[
            ("partners", partners),
            (
                "business_needs",
                "We are moving 300 mailboxes to the cloud.",
            ),
            ("contact_name", "Megan Bowen"),
            ("email", email),
            ("phone", ""),
            ("company", "Contoso"),
            ("size", "251-1000"),
            ("country", "US"),
            ("city", "Seattle"),
            ("consent", "on"),
            ("website", ""),
        ],
    )
    .await
}

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("select count(*) from {table}"))
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

async fn both_partners(app: &TestApp) -> String {
    format!(
        "{},{}",
        partner_id(app, "Fabrikam Solutions").await,
        partner_id(app, "Adatum Consulting").await
    )
}

#[tokio::test]
async fn a_contact_request_becomes_one_lead_per_partner_with_mail_for_their_agents() {
    let app = spawn_app().await;
    let response = contact(
        &app,
        &new_client(),
        &both_partners(&app).await,
        "megan@contoso.example",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(
        body["partner_names"],
        serde_json::json!(["Fabrikam Solutions", "Adatum Consulting"])
    );

    assert_eq!(count(&app, "contact_request").await, 1);
    assert_eq!(count(&app, "lead").await, 2);
    let recipients: Vec<String> =
        sqlx::query_scalar("select recipient from email_outbox order by recipient")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("outbox");
    // Every agent of each partner.
    assert_eq!(
        recipients,
        vec![
            "agent@adatum.example",
            "agent@fabrikam.example",
            "lead@fabrikam.example",
            "support@fabrikam.example"
        ]
    );
}

#[tokio::test]
async fn an_unknown_partner_refuses_the_whole_request_and_writes_nothing() {
    let app = spawn_app().await;
    let partners = format!("{},999999", partner_id(&app, "Fabrikam Solutions").await);
    let response = contact(&app, &new_client(), &partners, "megan@contoso.example").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "contact_request").await, 0);
    assert_eq!(count(&app, "lead").await, 0);
    assert_eq!(count(&app, "email_outbox").await, 0);
}

#[tokio::test]
async fn a_contact_form_with_mistakes_names_every_field() {
    let app = spawn_app().await;
    let response = app
        .call(
            &new_client(),
            "send_contact_request",
            &[
                ("partners", ""),
                ("business_needs", ""),
                ("contact_name", "M"),
                ("email", "nope"),
                ("phone", "call me"),
                ("company", "C"),
                ("size", "1-10"),
                ("country", "US"),
                ("city", ""),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.expect("JSON");
    let fields: Vec<&str> = body["Validation"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        vec!["partners", "business_needs", "email", "phone", "consent"]
    );
}

#[tokio::test]
async fn more_than_ten_partners_are_refused() {
    let app = spawn_app().await;
    let eleven: Vec<String> = (1..=11).map(|i| i.to_string()).collect();
    let response = contact(
        &app,
        &new_client(),
        &eleven.join(","),
        "megan@contoso.example",
    )
    .await;
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(
        body["Validation"][0]["message"],
        "invalid-too-many-partners"
    );
}

#[tokio::test]
async fn a_filled_honeypot_is_answered_but_nothing_is_written() {
    let app = spawn_app().await;
    let partners = both_partners(&app).await;
    let response = app
        .call(
            &new_client(),
            "send_contact_request",
            &[
                ("partners", partners.as_str()),
                ("business_needs", "Buy now"),
                ("contact_name", "Bot"),
                ("email", "bot@spam.example"),
                ("phone", ""),
                ("company", "Spam"),
                ("size", "1-10"),
                ("country", "US"),
                ("city", ""),
                ("consent", "on"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(count(&app, "lead").await, 0);
}

#[tokio::test]
async fn contact_requests_are_rate_limited_per_email() {
    let app = spawn_app_with(|settings| settings.contact_limits.per_email = 2).await;
    let partners = both_partners(&app).await;
    for _ in 0..2 {
        assert_eq!(
            contact(&app, &new_client(), &partners, "megan@contoso.example")
                .await
                .status(),
            StatusCode::OK
        );
    }
    let third = contact(&app, &new_client(), &partners, "megan@contoso.example").await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(count(&app, "contact_request").await, 2);
}

#[tokio::test]
async fn an_agent_sees_only_their_own_organizations_leads() {
    let app = spawn_app().await;
    contact(
        &app,
        &new_client(),
        &partner_id(&app, "Fabrikam Solutions").await.to_string(),
        "megan@contoso.example",
    )
    .await;
    let fabrikam = app.sign_in_as("agent@fabrikam.example").await;
    let adatum = app.sign_in_as("agent@adatum.example").await;

    let fabrikam_leads: Value = app
        .call(&fabrikam, "list_leads", &[("status", "")])
        .await
        .json()
        .await
        .expect("JSON");
    let adatum_leads: Value = app
        .call(&adatum, "list_leads", &[("status", "")])
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(fabrikam_leads["leads"].as_array().map(Vec::len), Some(1));
    assert_eq!(fabrikam_leads["total"], 1);
    assert_eq!(adatum_leads["leads"].as_array().map(Vec::len), Some(0));
    assert_eq!(adatum_leads["total"], 0);

    let lead_id = fabrikam_leads["leads"][0]["lead_id"].to_string();
    assert_eq!(
        app.call(&fabrikam, "get_lead", &[("lead_id", &lead_id)])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.call(&adatum, "get_lead", &[("lead_id", &lead_id)])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let closing = app
        .call(
            &adatum,
            "update_lead_status",
            &[("lead_id", &lead_id), ("status", "closed")],
        )
        .await;
    assert_eq!(closing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn customers_and_visitors_have_no_leads_inbox() {
    let app = spawn_app().await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    assert_eq!(
        app.call(&admin, "list_leads", &[("status", "")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(&new_client(), "list_leads", &[("status", "")])
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_customer_sees_which_partners_replied() {
    let app = spawn_app().await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    contact(
        &app,
        &admin,
        &both_partners(&app).await,
        "admin@contoso.example",
    )
    .await;
    let fabrikam = app.sign_in_as("agent@fabrikam.example").await;
    let leads: Value = app
        .call(&fabrikam, "list_leads", &[("status", "new")])
        .await
        .json()
        .await
        .expect("JSON");
    let lead_id = leads["leads"][0]["lead_id"].to_string();
    let marked = app
        .call(
            &fabrikam,
            "update_lead_status",
            &[("lead_id", &lead_id), ("status", "contacted")],
        )
        .await;
    assert_eq!(marked.status(), StatusCode::OK);
    let back = app
        .call(
            &fabrikam,
            "update_lead_status",
            &[("lead_id", &lead_id), ("status", "contacted")],
        )
        .await;
    assert_eq!(
        back.status(),
        StatusCode::CONFLICT,
        "a lead can't be marked contacted twice"
    );

    let sent: Value = app
        .call(&admin, "list_sent_contact_requests", &[])
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        sent[0]["partners"],
        serde_json::json!([
            ["Adatum Consulting", "New"],
            ["Fabrikam Solutions", "Contacted"]
        ])
    );
}

#[tokio::test]
async fn a_signed_in_admin_finds_their_details_filled_in() {
    let app = spawn_app().await;
    let admin = app.sign_in_as("billing@contoso.example").await;
    let defaults: Value = app
        .call(&admin, "load_contact_defaults", &[])
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(defaults["contact_name"], "Alex Wilber");
    assert_eq!(defaults["email"], "billing@contoso.example");
    assert_eq!(defaults["company"], "Contoso");
    assert_eq!(defaults["size"], "251-1000");
}

#[tokio::test]
async fn a_stored_value_the_app_does_not_know_fails_loudly_instead_of_hiding_the_row() {
    let app = spawn_app().await;
    let fabrikam = partner_id(&app, "Fabrikam Solutions").await.to_string();
    let response = contact(&app, &new_client(), &fabrikam, "megan@contoso.example").await;
    assert_eq!(response.status(), StatusCode::OK);
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let listed = app.call(&agent, "list_leads", &[("status", "")]).await;
    assert_eq!(listed.status(), StatusCode::OK);

    // A country no version of the app writes (a bad migration, a hand edit).
    sqlx::query("update contact_request set country = 'QQ'")
        .execute(&app.state.db.pool)
        .await
        .expect("update");
    let listed = app.call(&agent, "list_leads", &[("status", "")]).await;
    assert_eq!(listed.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = listed.text().await.expect("body");
    assert!(
        !body.contains("QQ") && !body.contains("contact_request.country"),
        "{body}"
    );
}

/// The inbox a page at a time, newest first: every lead on exactly one page, whatever the
/// number; a filter counts only its status; any page number in the address is served.
#[tokio::test]
async fn the_leads_inbox_shows_fifty_at_a_time_and_none_is_out_of_reach() {
    let app = spawn_app_with(|settings| {
        settings.contact_limits.per_client = 1_000;
        settings.contact_limits.per_email = 1_000;
    })
    .await;
    let fabrikam = partner_id(&app, "Fabrikam Solutions").await.to_string();
    for n in 0..61 {
        let email = format!("buyer-{n}@tailspin.example");
        let response = contact(&app, &new_client(), &fabrikam, &email).await;
        assert_eq!(response.status(), StatusCode::OK, "contact request {n}");
    }
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    let page = |status: &'static str, page: &'static str| {
        let (app, agent) = (&app, &agent);
        async move {
            let response = app
                .call(agent, "list_leads", &[("status", status), ("page", page)])
                .await;
            assert_eq!(response.status(), StatusCode::OK, "page {page:?}");
            response.json::<Value>().await.expect("JSON")
        }
    };
    let first = page("", "1").await;
    let second = page("", "2").await;
    assert_eq!(
        (first["total"].as_i64(), second["total"].as_i64()),
        (Some(61), Some(61))
    );
    let ids = |listing: &Value| -> Vec<i64> {
        listing["leads"]
            .as_array()
            .expect("leads")
            .iter()
            .filter_map(|lead| lead["lead_id"].as_i64())
            .collect()
    };
    let (first_ids, second_ids) = (ids(&first), ids(&second));
    assert_eq!((first_ids.len(), second_ids.len()), (50, 11));
    let mut every: Vec<i64> = first_ids.iter().chain(&second_ids).copied().collect();
    assert!(
        every.windows(2).all(|pair| pair[0] > pair[1]),
        "newest first: {every:?}"
    );
    every.dedup();
    assert_eq!(every.len(), 61, "each lead on one page");

    assert_eq!(
        ids(&page("", "3").await),
        Vec::<i64>::new(),
        "past the last page: none"
    );
    let html = app
        .get_page(&agent, "/leads?page=9")
        .await
        .text()
        .await
        .expect("HTML");
    assert!(
        html.contains("href=\"/leads?page=2\""),
        "back to the last page"
    );
    for unreadable in ["", "0", "-1", "x", "99999999999999999999"] {
        let listing = page("", unreadable).await;
        assert!(
            listing["query"]["page"].as_i64().is_some_and(|n| n >= 1),
            "{unreadable}"
        );
    }
    assert_eq!(
        page("", "").await["leads"],
        first["leads"],
        "no page is the first"
    );

    let closed = page("closed", "1").await;
    assert_eq!((closed["total"].as_i64(), ids(&closed).len()), (Some(0), 0));
    let refused = app
        .call(&agent, "list_leads", &[("status", "spam"), ("page", "1")])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let html = app
        .get_page(&agent, "/leads?page=2")
        .await
        .text()
        .await
        .expect("HTML");
    assert!(
        html.contains("61 leads") && html.contains("Page 2 of 2"),
        "{html}"
    );
    assert!(
        html.contains("href=\"/leads?page=1\""),
        "a link back to page 1"
    );
}
