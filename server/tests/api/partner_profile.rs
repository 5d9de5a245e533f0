//! Edit profile: a partner's admin agent keeps its directory entry current. The entry is
//! searchable at once, every refusal is named beside its field with nothing written, and
//! only the partner's admin agents may change it.

use crate::common::{count, id_of, json, new_client, spawn_app, TestApp};
use crate::directory::{names, search};
use app::domain::{ProfileForm, UserId};
use app::server::db;
use reqwest::{Client, StatusCode};
use serde_json::Value;

const FABRIKAM_ADMIN_AGENT: &str = "agent@fabrikam.example";

/// The form as the page sends it, with some fields typed otherwise.
fn profile_form<'a>(changes: &[(&'static str, &'a str)]) -> Vec<(&'static str, &'a str)> {
    let mut form = vec![
        ("description", "Zyxquantum moves schools to the cloud."),
        ("description_zh", "为学校提供量子迁移服务。"),
        ("website", "https://fabrikam.example/partners"),
        ("contact_email", "partners@fabrikam.example"),
        ("services[]", "Cloud migration"),
        ("services[]", "Data analytics"),
        ("other_services", "Zyxquantum readiness, kiosk setup"),
        ("industries[]", "Education"),
        ("other_industries", ""),
        ("location_country[]", "US"),
        ("location_region[]", "Washington"),
        ("location_city[]", "Seattle"),
        ("location_country[]", "SG"),
        ("location_region[]", ""),
        ("location_city[]", ""),
        ("location_country[]", ""),
        ("location_region[]", ""),
        ("location_city[]", ""),
        ("sizes[]", "51-250"),
        ("sizes[]", "251-1000"),
        ("relationship_types[]", "reseller"),
        ("relationship_types[]", "delegated_administrator"),
    ];
    for &(field, value) in changes {
        if let Some(pair) = form.iter_mut().find(|(name, _)| *name == field) {
            pair.1 = value;
        }
    }
    form
}

async fn profile(app: &TestApp, agent: &Client) -> Value {
    let (status, profile) = json(app.call(agent, "fetch_partner_profile", &[]).await).await;
    assert_eq!(status, StatusCode::OK, "{profile}");
    profile
}

/// The audit events of profile changes.
async fn profile_updates(app: &TestApp) -> i64 {
    count(
        app,
        "select count(*) from audit_event where action = 'partner.profile_updated'",
    )
    .await
}

async fn refusals(response: reqwest::Response) -> (StatusCode, Vec<(String, String)>) {
    let (status, body) = json(response).await;
    let fields = body["Validation"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|error| {
            (
                error["field"].as_str().unwrap_or_default().to_owned(),
                error["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    (status, fields)
}

#[tokio::test]
async fn an_admin_agent_edits_the_entry_and_customers_find_it_at_once() {
    let app = spawn_app().await;
    let agent = app.sign_in_as(FABRIKAM_ADMIN_AGENT).await;
    let (status, start) = json(app.call(&agent, "load_profile_form", &[]).await).await;
    assert_eq!(status, StatusCode::OK, "{start}");
    assert_eq!(start["name"], "Fabrikam Solutions");

    let (_, before) = search(&app, &[("q", "Zyxquantum")]).await;
    assert_eq!(before["total"], 0, "{before}");

    let response = app
        .call(&agent, "update_partner_profile", &profile_form(&[]))
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // The next search finds it by a free word, by its Chinese description, and in the place
    // added; the empty row is no place.
    for (fields, what) in [
        (vec![("q", "zyxquantum readiness")], "a service typed"),
        (vec![("q", "量子迁移")], "the Chinese description"),
        (
            vec![("q", "Zyxquantum"), ("country", "SG")],
            "a place added",
        ),
    ] {
        let (status, results) = search(&app, &fields).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            names(&results),
            vec!["Fabrikam Solutions"],
            "{what}: {results}"
        );
    }
    let saved = profile(&app, &agent).await;
    assert_eq!(saved["description_zh"], "为学校提供量子迁移服务。");
    assert_eq!(
        saved["services"],
        serde_json::json!([
            "Cloud migration",
            "Data analytics",
            "Zyxquantum readiness",
            "kiosk setup"
        ])
    );
    assert_eq!(saved["locations"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        saved["sizes_served"],
        serde_json::json!(["From51To250", "From251To1000"])
    );
    // The form starts from what was saved.
    let (_, again) = json(app.call(&agent, "load_profile_form", &[]).await).await;
    assert_eq!(
        again["form"]["other_services"],
        "Zyxquantum readiness, kiosk setup"
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'partner.profile_updated'
                 and tenant_id is null and partner_id is not null and actor_user_id is not null"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn every_refusal_is_named_beside_its_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let agent = app.sign_in_as(FABRIKAM_ADMIN_AGENT).await;
    let before = profile(&app, &agent).await;
    let form = profile_form(&[
        ("description", "   "),
        ("website", "javascript:alert(1)"),
        ("contact_email", "partners@"),
        ("services[]", "Rocket science"),
        ("location_country[]", "ZZ"),
        ("sizes[]", "huge"),
    ]);
    let (status, fields) = refusals(app.call(&agent, "update_partner_profile", &form).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let expected = [
        ("description", "invalid-required"),
        ("website", "invalid-website"),
        ("contact_email", "invalid-email"),
        ("services", "invalid-malformed"),
        ("locations", "invalid-country"),
        ("sizes", "invalid-size"),
    ];
    assert_eq!(
        fields,
        expected
            .map(|(field, message)| (field.to_owned(), message.to_owned()))
            .to_vec()
    );
    assert_eq!(profile(&app, &agent).await, before, "nothing written");
    assert_eq!(profile_updates(&app).await, 0);
}

#[tokio::test]
async fn what_an_attacker_sends_is_refused_cleanly() {
    let app = spawn_app().await;
    let agent = app.sign_in_as(FABRIKAM_ADMIN_AGENT).await;
    let before = profile(&app, &agent).await;

    // NUL bytes, in every kind of field: refused before any parsing, naming the input (the
    // page shows each input's refusal beside it).
    for (field, named) in [
        ("description", "description"),
        ("description_zh", "description_zh"),
        ("other_services", "other_services"),
        ("location_city[]", "location_city"),
        ("website", "website"),
    ] {
        let form = profile_form(&[(field, "Sea\0ttle")]);
        let (status, fields) =
            refusals(app.call(&agent, "update_partner_profile", &form).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(
            fields.first().map(|(f, _)| f.as_str()),
            Some(named),
            "{field}: {fields:?}"
        );
    }

    // Lists far longer than any form has, under the body limit.
    let mut many_rows = profile_form(&[]);
    many_rows.extend(std::iter::repeat_n(("location_country[]", "DE"), 2_000));
    let mut many_sizes = profile_form(&[]);
    many_sizes.extend(std::iter::repeat_n(("sizes[]", "1-10"), 2_000));
    let typed: String = (0..1_000).map(|i| format!("w{i},")).collect();
    let many_words = profile_form(&[("other_services", typed.as_str())]);
    for (form, named) in [
        (many_rows, "locations"),
        (many_sizes, "sizes"),
        (many_words, "services"),
    ] {
        let (status, fields) =
            refusals(app.call(&agent, "update_partner_profile", &form).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{named}");
        assert_eq!(
            fields,
            vec![(named.to_owned(), "invalid-too-many-items".to_owned())]
        );
    }

    // A body over the limit is refused before it is read.
    let huge = "x".repeat(300_000);
    let response = app
        .call(
            &agent,
            "update_partner_profile",
            &profile_form(&[("description", huge.as_str())]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Every script is text.
    let scripts = "सेवा ภาษาไทย שָׁלוֹם مرحبا 云迁移 😀 Über";
    let response = app
        .call(
            &agent,
            "update_partner_profile",
            &profile_form(&[("description", scripts)]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(profile(&app, &agent).await["description"], scripts);
    assert_ne!(before["description"], scripts);
}

#[tokio::test]
async fn only_the_partners_admin_agents_may_edit() {
    let app = spawn_app().await;
    let form = profile_form(&[]);
    for (who, status) in [
        ("support@fabrikam.example", StatusCode::FORBIDDEN),
        ("admin@contoso.example", StatusCode::FORBIDDEN),
    ] {
        let client = app.sign_in_as(who).await;
        for endpoint in ["load_profile_form", "update_partner_profile"] {
            let response = app.call(&client, endpoint, &form).await;
            assert_eq!(response.status(), status, "{who} {endpoint}");
        }
    }
    let visitor = new_client();
    let response = app.call(&visitor, "update_partner_profile", &form).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(profile_updates(&app).await, 0);
}

#[tokio::test]
async fn two_saves_racing_leave_one_whole_entry() {
    let app = spawn_app().await;
    let agent = app.sign_in_as(FABRIKAM_ADMIN_AGENT).await;
    let in_germany = profile_form(&[
        ("location_country[]", "DE"),
        ("location_region[]", "Bavaria"),
        ("location_city[]", "Munich"),
        ("description", "Only Germany."),
    ]);
    let in_japan = profile_form(&[
        ("location_country[]", "JP"),
        ("location_region[]", "Tokyo"),
        ("location_city[]", "Tokyo"),
        ("description", "Only Japan."),
    ]);
    let (first, second) = tokio::join!(
        app.call(&agent, "update_partner_profile", &in_germany),
        app.call(&agent, "update_partner_profile", &in_japan)
    );
    assert_eq!(
        (first.status(), second.status()),
        (StatusCode::OK, StatusCode::OK)
    );
    let saved = profile(&app, &agent).await;
    let countries: Vec<&str> = saved["locations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|location| location["country"].as_str())
        .collect();
    // One save's places and description, never a mix of both.
    match saved["description"].as_str() {
        Some("Only Germany.") => assert_eq!(countries, vec!["DE", "SG"]),
        Some("Only Japan.") => assert_eq!(countries, vec!["JP", "SG"]),
        other => panic!("neither save: {other:?}"),
    }
}

#[tokio::test]
async fn the_pages_load_whole_by_their_address() {
    let app = spawn_app().await;
    let agent = app.sign_in_as(FABRIKAM_ADMIN_AGENT).await;
    let page = app.get_page(&agent, "/partner/edit").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(
        html.contains("name=\"services[]\""),
        "the form is on the page"
    );
    assert!(
        html.contains("Fabrikam Solutions"),
        "the preview names the partner"
    );
    let profile_page = app
        .get_page(&agent, "/partner")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        profile_page.contains("href=\"/partner/edit\""),
        "admin agents are offered Edit"
    );

    let support = app.sign_in_as("support@fabrikam.example").await;
    let profile_page = app
        .get_page(&support, "/partner")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        !profile_page.contains("href=\"/partner/edit\""),
        "others are not"
    );
    let refused = app.get_page(&support, "/partner/edit").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_write_itself_checks_that_its_author_is_one_of_the_partners_admin_agents() {
    let app = spawn_app().await;
    let by_email = "select user_id from app_user where email = $1";
    let fabrikam = db::partners::find_by_name(&app.state.db.pool, "Fabrikam Solutions")
        .await
        .expect("the database answers")
        .expect("Fabrikam is in the demo");
    let edit = ProfileForm::from_pairs(
        profile_form(&[])
            .into_iter()
            .map(|(name, value)| (name, value.to_owned())),
    )
    .parse()
    .expect("a valid entry");
    let write = |author: i64| {
        let edit = edit.clone();
        let pool = app.state.db.pool.clone();
        async move {
            db::partners::update_profile(&pool, fabrikam, &edit, UserId::new(author), db::now_ms())
                .await
                .expect("the database answers")
        }
    };
    // Fabrikam's agent who is no admin agent, and another partner's admin agent: nothing.
    for email in ["support@fabrikam.example", "agent@adatum.example"] {
        assert!(!write(id_of(&app, by_email, email).await).await, "{email}");
    }
    assert_eq!(profile_updates(&app).await, 0);
    assert!(write(id_of(&app, by_email, FABRIKAM_ADMIN_AGENT).await).await);
    assert_eq!(profile_updates(&app).await, 1);
}
