//! What an attacker sends, not what a form sends: oversized and malformed bodies, control
//! characters, words in every script, and writes racing the checks that allow them.

use crate::common::{
    contact_form, contact_form_with, contoso, id_of, new_agent, new_client, relate, spawn_app,
    TestApp,
};
use app::domain::{CountryCode, Location, OrganizationSize, RelationshipType};
use app::server::db::{self, partners::NewPartner};
use app::server::mail;
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;

/// The field a 422 answer names, and its message.
async fn refused_field(response: reqwest::Response) -> (StatusCode, String, String) {
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    let error = &body["Validation"][0];
    (
        status,
        error["field"].as_str().unwrap_or_default().to_owned(),
        error["message"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn a_megabyte_partner_list_is_refused_at_once() {
    let app = spawn_app().await;
    let huge: String = (1..200_000)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    // Today's server read it whole and compared every id with every other for seconds.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    for endpoint in ["chosen_partners", "send_contact_request"] {
        let response = client
            .post(app.url(&format!("/api/{endpoint}")))
            .header("sec-fetch-site", "same-origin")
            .form(&[("partners", huge.as_str())])
            .send()
            .await
            .expect("answered within 5 s");
        assert_eq!(
            response.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{endpoint}"
        );
    }
    // Under the body limit, still far too many: refused beside the field, at once.
    let many: String = (1..10_000)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let form = contact_form(&many);
    let (status, field, message) =
        refused_field(app.call(&new_client(), "send_contact_request", &form).await).await;
    assert_eq!(
        (status, field.as_str(), message.as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "partners",
            "invalid-too-many-partners"
        )
    );
    // The contact page named by a long link says what's wrong, at once.
    let page = app
        .get_page(
            &new_client(),
            &format!("/find-partner/contact?partners={many}"),
        )
        .await;
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn bodies_over_the_limit_or_not_utf8_are_client_errors() {
    let app = spawn_app().await;
    let long_needs = "x".repeat(200_000);
    let form = contact_form_with("1", &[("business_needs", &long_needs)]);
    assert_eq!(
        app.call(&new_client(), "send_contact_request", &form)
            .await
            .status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    for body in [
        &b"partners=%FF%FE"[..],
        &b"partners=\xff\xfe"[..],
        &b"email=a@b"[..],
    ] {
        let response = new_client()
            .post(app.url("/api/chosen_partners"))
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_vec())
            .send()
            .await
            .expect("answered");
        assert_eq!(
            response.status(),
            StatusCode::BAD_REQUEST,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[tokio::test]
async fn control_characters_are_refused_beside_their_field() {
    let app = spawn_app().await;
    let fabrikam = db::partners::find_by_name(&app.state.db.pool, "Fabrikam Solutions")
        .await
        .expect("query")
        .expect("partner")
        .to_string();
    let fields = [
        "business_needs",
        "contact_name",
        "company",
        "city",
        "email",
        "phone",
    ];
    for field in fields {
        for bad in ["\0leading NUL", "in\0side", "escape\u{1b}[31m", "c1\u{85}"] {
            let form = contact_form_with(&fabrikam, &[(field, bad)]);
            let (status, refused, message) =
                refused_field(app.call(&new_client(), "send_contact_request", &form).await).await;
            assert_eq!(
                (status, refused.as_str(), message.as_str()),
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    field,
                    "invalid-control-character"
                ),
                "{field} = {bad:?}"
            );
        }
    }
    // A line break is text in the business needs, not in a name.
    let form = contact_form_with(
        &fabrikam,
        &[
            ("business_needs", "Line one.\r\nLine two.\tTabbed."),
            ("company", "Tailspin\nToys"),
        ],
    );
    let (status, refused, _) =
        refused_field(app.call(&new_client(), "send_contact_request", &form).await).await;
    assert_eq!(
        (status, refused.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "company")
    );
    // Nothing was written by any refused request.
    let leads: i64 = sqlx::query_scalar("select count(*) from contact_request")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(leads, 0);

    // The search, over its API and as a page.
    for (name, value) in [
        ("q", "cloud%00"),
        ("city", "%00Seattle"),
        ("region", "a%01"),
    ] {
        let response = new_client()
            .get(app.url(&format!(
                "/api/search_partners?params[country]=US&params[{name}]={value}"
            )))
            .send()
            .await
            .expect("answered");
        let (status, refused, _) = refused_field(response).await;
        assert_eq!(
            (status, refused.as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, name)
        );
        let page = app
            .get_page(
                &new_client(),
                &format!("/find-partner?country=US&{name}={value}"),
            )
            .await;
        assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let html = page.text().await.expect("page");
        assert!(
            html.contains(&format!("id=\"field-{name}-error\""))
                && html.contains("control characters"),
            "{name}: the page says why beside the field"
        );
    }

    // Signing in, and the functions whose arguments are ids or versions, not free text.
    let (status, refused, _) = refused_field(
        app.sign_in(&new_client(), "\0admin@contoso.example", "partnerhub-demo")
            .await,
    )
    .await;
    assert_eq!(
        (status, refused.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "email")
    );
    let response = new_client()
        .get(app.url("/api/get_customer_agreement?version=1.0%00"))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Inside a tenant: a user's name, an incident.
    let (tenant, _) = contoso(&app).await;
    let tenant = tenant.to_string();
    let admin = app.sign_in_as("admin@contoso.example").await;
    let (status, refused, _) = refused_field(
        app.call(
            &admin,
            "create_tenant_user",
            &[
                ("tenant_id", &tenant),
                ("display_name", "Lee\u{7}Gu"),
                ("email", "lee2@contoso.example"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, refused.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "display_name")
    );
    let (status, refused, _) = refused_field(
        app.call(
            &admin,
            "open_incident",
            &[
                ("tenant_id", &tenant),
                ("title", "Printer"),
                ("description", "It\u{0}jams"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, refused.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "description")
    );
}

fn partner(name: &str, description: &str, country: &str, city: &str) -> NewPartner {
    NewPartner {
        name: name.to_owned(),
        description: description.to_owned(),
        website: "https://partner.example".to_owned(),
        contact_email: "hello@partner.example".to_owned(),
        locations: vec![Location {
            country: CountryCode::parse(country).expect("country"),
            region: None,
            city: Some(city.to_owned()),
        }],
        sizes_served: vec![OrganizationSize::parse("11-50").expect("size")],
        services: vec!["Quuxification".to_owned()],
        industries: vec![],
        certifications: vec![],
        relationship_types_offered: vec![RelationshipType::Reseller],
    }
}

async fn search(app: &TestApp, query: &str) -> (StatusCode, Value) {
    let response = new_client()
        .get(app.url(&format!("/api/search_partners?{query}")))
        .send()
        .await
        .expect("answered");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn names(results: &Value) -> Vec<String> {
    results["partners"]
        .as_array()
        .map(|partners| {
            partners
                .iter()
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn words_in_every_script_are_searchable() {
    let app = spawn_app().await;
    let texts = [
        ("Seva Partners", "हम क्लाउड सेवा देते हैं"),
        ("Thai Partners", "บริการคลาวด์ ภาษาไทย"),
        ("Shalom Partners", "שָׁלוֹם עֲנָן"),
        ("Arabic Partners", "خدمات سحابية مرحبا"),
        ("Chinese Partners", "提供 云迁移 服务"),
        ("Emoji Partners", "Cloud ☁️😀 moves"),
        ("Umlaut Partners", "Über Straße Größe"),
    ];
    let partners: Vec<NewPartner> = texts
        .iter()
        .map(|(name, description)| partner(name, description, "DE", "Berlin"))
        .collect();
    db::partners::insert_many(&app.state.db.pool, &partners, db::now_ms())
        .await
        .expect("inserted");
    for (word, expected) in [
        ("सेवा", "Seva Partners"),
        ("क्लाउड", "Seva Partners"),
        ("ภาษาไทย", "Thai Partners"),
        ("שָׁלוֹם", "Shalom Partners"),
        ("مرحبا", "Arabic Partners"),
        ("云迁移", "Chinese Partners"),
        ("moves", "Emoji Partners"),
        ("über", "Umlaut Partners"),
        ("ÜBER", "Umlaut Partners"),
        ("größe", "Umlaut Partners"),
    ] {
        let (status, results) = search(&app, &format!("params[q]={word}")).await;
        assert_eq!(status, StatusCode::OK, "{word}: {results}");
        assert_eq!(names(&results), vec![expected.to_owned()], "{word}");
    }
    // SQLite's index folds Latin accents; PostgreSQL's `simple` configuration doesn't.
    if app.state.db.backend == db::Backend::Sqlite {
        let (_, results) = search(&app, "params[q]=uber").await;
        assert_eq!(names(&results), vec!["Umlaut Partners"]);
    }
    // An emoji is no word: the search is the whole directory, not an error.
    let (status, _) = search(&app, "params[q]=😀").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn filter_tokens_are_never_keywords() {
    let app = spawn_app().await;
    let partners: i64 = sqlx::query_scalar("select count(*) from partner")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    // Every partner has filter tokens beginning `zz`: a keyword reaching them matches all.
    for keyword in ["z", "zz", "zzc", "zzcountry", "zzcountryus", "zzsize2"] {
        let (status, results) = search(&app, &format!("params[q]={keyword}")).await;
        assert_eq!(status, StatusCode::OK, "{keyword}");
        let total = results["total"].as_i64().unwrap_or(-1);
        assert!(
            (0..partners / 2).contains(&total),
            "{keyword} matched {total} of {partners}: {results}"
        );
    }
}

#[tokio::test]
async fn a_city_matches_whatever_its_case_in_any_script() {
    let app = spawn_app().await;
    // Stored in capitals: SQLite's `lower()` folds only ASCII, so `MÜNCHEN` was `mÜnchen`.
    let partners = [
        partner("Berlin Quux", "first", "DE", "Berlin"),
        partner("Munich Quux", "second", "DE", "MÜNCHEN"),
        partner("Salonica Quux", "third", "GR", "ΘΕΣΣΑΛΟΝΊΚΗ"),
        partner("Athens Quux", "fourth", "GR", "ΑΘΉΝΑ"),
    ];
    db::partners::insert_many(&app.state.db.pool, &partners, db::now_ms())
        .await
        .expect("inserted");
    let (_, results) = search(&app, "params[q]=quuxification&params[country]=DE").await;
    assert_eq!(names(&results), vec!["Berlin Quux", "Munich Quux"]);
    for city in ["münchen", "MÜNCHEN", "  München "] {
        let (_, results) = search(
            &app,
            &format!("params[q]=quuxification&params[country]=DE&params[city]={city}"),
        )
        .await;
        assert_eq!(
            names(&results),
            vec!["Munich Quux", "Berlin Quux"],
            "{city} ranks Munich first"
        );
    }
    let (_, results) = search(
        &app,
        "params[q]=quuxification&params[country]=GR&params[city]=αθήνα",
    )
    .await;
    assert_eq!(names(&results), vec!["Athens Quux", "Salonica Quux"]);
}

#[tokio::test]
async fn a_partner_changes_only_the_apps_it_submitted() {
    let app = spawn_app().await;
    let (tenant, admin) = contoso(&app).await;
    let partners = crate::common::generated_partners(&app, 2).await;
    let mut agents = Vec::new();
    for (index, partner) in partners.iter().enumerate() {
        relate(
            &app,
            tenant,
            *partner,
            RelationshipType::LineOfBusinessPartner,
            admin,
        )
        .await;
        agents.push(new_agent(&app, *partner, &format!("lob{index}@partner.example")).await);
    }
    let tenant_arg = tenant.to_string();
    for (agent, version) in agents.iter().zip(["1.0", "9.9"]) {
        let submit = [
            ("tenant_id", tenant_arg.as_str()),
            ("name", "Payroll"),
            ("version", version),
        ];
        assert_eq!(
            app.call(agent, "submit_lob_app", &submit).await.status(),
            StatusCode::OK
        );
    }
    let apps: Vec<(i64, Option<i64>, String)> = sqlx::query_as(
        "select lob_app_id, partner_id, version from lob_app where name = 'Payroll' order by lob_app_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("apps");
    assert_eq!(
        apps.iter()
            .map(|(_, partner, version)| (*partner, version.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (Some(partners[0].get()), "1.0"),
            (Some(partners[1].get()), "9.9")
        ],
        "the second partner's app is its own"
    );
    let first_app = apps[0].0.to_string();
    let retire = [
        ("tenant_id", tenant_arg.as_str()),
        ("lob_app_id", first_app.as_str()),
        ("status", "retired"),
    ];
    assert_eq!(
        app.call(&agents[1], "set_lob_app_status", &retire)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(&agents[0], "set_lob_app_status", &retire)
            .await
            .status(),
        StatusCode::OK
    );
}

/// Resets racing Remove roles: whichever the database orders first wins, and no reset the
/// partner started before the removal commits after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_password_reset_commits_after_remove_roles() {
    let app = spawn_app().await;
    let (tenant, admin) = contoso(&app).await;
    let partner = crate::common::generated_partners(&app, 1).await[0];
    relate(
        &app,
        tenant,
        partner,
        RelationshipType::DelegatedAdministrator,
        admin,
    )
    .await;
    let agent = new_agent(&app, partner, "racer@partner.example").await;
    let target = id_of(
        &app,
        "select user_id from app_user where email = $1",
        "user@contoso.example",
    )
    .await
    .to_string();
    let tenant_arg = tenant.to_string();
    let mut resets = Vec::new();
    for _ in 0..100 {
        let (app_url, agent, tenant_arg, target) = (
            app.url("/api/reset_user_password"),
            agent.clone(),
            tenant_arg.clone(),
            target.clone(),
        );
        resets.push(tokio::spawn(async move {
            agent
                .post(app_url)
                .header("sec-fetch-site", "same-origin")
                .form(&[("tenant_id", tenant_arg), ("user_id", target)])
                .send()
                .await
                .map(|response| response.status())
        }));
    }
    tokio::time::sleep(Duration::from_millis(150)).await;
    let customer = app.sign_in_as("admin@contoso.example").await;
    let removal = app
        .call(
            &customer,
            "remove_partner_roles",
            &[("partner_id", &partner.to_string())],
        )
        .await;
    assert_eq!(removal.status(), StatusCode::OK);
    let mut succeeded = 0;
    for reset in resets {
        match reset.await.expect("task").expect("answered") {
            StatusCode::OK => succeeded += 1,
            StatusCode::FORBIDDEN => {}
            other => panic!("a reset answered {other}"),
        }
    }
    let events: Vec<(i64, String)> = sqlx::query_as(
        "select audit_event_id, action from audit_event
         where action in ('user.password_reset', 'partner.roles_removed') order by audit_event_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("events");
    let removed_at = events
        .iter()
        .position(|(_, action)| action == "partner.roles_removed")
        .expect("the removal is logged");
    assert_eq!(
        removed_at, succeeded,
        "every reset that succeeded came before the removal: {events:?}"
    );
    assert_eq!(events.len(), succeeded + 1);
}

/// An acceptance adding a role-bearing type while Remove roles runs: afterwards, roles exist
/// only with a type that carries them.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn remove_roles_leaves_no_role_behind_a_concurrent_accept() {
    let app = spawn_app().await;
    let (tenant, admin) = contoso(&app).await;
    let partner = crate::common::generated_partners(&app, 1).await[0];
    relate(&app, tenant, partner, RelationshipType::Reseller, admin).await;
    let pool = app.state.db.pool.clone();
    // The acceptance's transaction, held open while Remove roles starts.
    let mut accept = db::begin_write(&pool).await.expect("transaction");
    db::relationships::relate_by_default(
        &mut accept,
        tenant,
        partner,
        RelationshipType::DelegatedAdministrator,
        admin,
        db::now_ms(),
    )
    .await
    .expect("type added");
    let removal = tokio::spawn({
        let pool = pool.clone();
        async move {
            db::relationships::remove_roles(
                &pool,
                tenant,
                partner,
                admin,
                mail::roles_removed,
                db::now_ms(),
            )
            .await
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    accept.commit().await.expect("accepted");
    removal.await.expect("task").expect("removed");

    let types = db::relationships::lock_pair(
        &mut pool.acquire().await.expect("connection"),
        tenant,
        partner,
        false,
    )
    .await
    .expect("relationship");
    let roles: i64 = sqlx::query_scalar(
        "select count(*) from admin_relationship_role arr join admin_relationship ar
         on ar.admin_relationship_id = arr.admin_relationship_id
         where ar.partner_id = $1 and ar.status = 'active' and arr.state = 'granted'",
    )
    .bind(partner.get())
    .fetch_one(&pool)
    .await
    .expect("count");
    match types {
        Some((_, types)) => {
            let carries_roles = types.contains(RelationshipType::DelegatedAdministrator)
                || types.contains(RelationshipType::ResellerAndDelegatedAdministrator);
            assert!(
                carries_roles || roles == 0,
                "{roles} role rows left behind types {types:?}"
            );
        }
        other => panic!("the relationship stays: {other:?}"),
    }
}
