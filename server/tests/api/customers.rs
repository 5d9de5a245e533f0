//! The partner's Customers page a page at a time, on both backends: searched by name or
//! domain (as typed: LIKE's wildcards are plain characters), pages past the end are empty,
//! and a bad search is refused beside its field.

use crate::common::{id_of, json, relate, spawn_app, TestApp};
use app::domain::{
    CountryCode, OrganizationSize, PartnerId, RelationshipType, TenantDomain, UserId,
    CUSTOMERS_PAGE_SIZE,
};
use app::server::db;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn customers(app: &TestApp, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let agent = app.sign_in_as("agent@fabrikam.example").await;
    json(app.call(&agent, "list_customers", form).await).await
}

fn names(page: &Value) -> Vec<String> {
    page["customers"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|row| row["tenant_name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn customers_come_a_page_at_a_time_and_a_search_narrows_them() {
    let app = spawn_app().await;
    let fabrikam = PartnerId::new(
        id_of(
            &app,
            "select partner_id from partner where name = $1",
            "Fabrikam Solutions",
        )
        .await,
    );
    let megan = UserId::new(
        id_of(
            &app,
            "select user_id from app_user where email = $1",
            "admin@contoso.example",
        )
        .await,
    );
    let mut tenants: Vec<(String, String)> = (0..60)
        .map(|n| (format!("Tenant {n:02}"), format!("tenant{n:02}.example")))
        .collect();
    tenants.push(("100% Cotton".to_owned(), "cotton.example".to_owned()));
    for (name, domain) in &tenants {
        let tenant = db::tenants::insert(
            &app.state.db.pool,
            db::tenants::NewTenant {
                name,
                primary_domain: &TenantDomain::parse(domain).expect("domain"),
                country: CountryCode::parse("US").expect("country"),
                size: OrganizationSize::parse("11-50").expect("size"),
            },
            db::now_ms(),
        )
        .await
        .expect("tenant");
        relate(&app, tenant, fabrikam, RelationshipType::Reseller, megan).await;
    }

    let (status, first) = customers(&app, &[]).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["total"], 61);
    assert_eq!(first["page"], 1);
    let first_names = names(&first);
    assert_eq!(first_names.len() as i64, CUSTOMERS_PAGE_SIZE);
    assert_eq!(first_names[0], "100% Cotton");
    assert_eq!(first_names[1], "Tenant 00");

    let (_, third) = customers(&app, &[("page", "3")]).await;
    assert_eq!(names(&third).len(), 11);
    assert_eq!(names(&third).last().map(String::as_str), Some("Tenant 59"));
    // Any page: past the end is empty, nonsense is the first.
    let (status, beyond) = customers(&app, &[("page", "99999999999")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&beyond), Vec::<String>::new());
    assert_eq!(beyond["total"], 61);
    let (_, nonsense) = customers(&app, &[("page", "-3")]).await;
    assert_eq!(nonsense["page"], 1);

    let fifties: Vec<String> = (50..60).map(|n| format!("Tenant {n}")).collect();
    let cotton = vec!["100% Cotton".to_owned()];
    for (search, found) in [
        ("tenant07.example", vec!["Tenant 07".to_owned()]),
        ("TENANT 5", fifties),
        ("%", cotton.clone()),
        ("_", vec![]),
        ("cotton", cotton),
    ] {
        let (status, page) = customers(&app, &[("q", search)]).await;
        assert_eq!(status, StatusCode::OK, "{search}: {page}");
        assert_eq!(names(&page), found, "{search}");
        assert_eq!(page["total"], found.len(), "{search}");
        assert_eq!(page["search"], search, "{search}");
    }

    let long = "x".repeat(101);
    for (search, message) in [
        (long.as_str(), "invalid-too-long"),
        ("a\u{0}b", "invalid-control-character"),
    ] {
        let (status, body) = customers(&app, &[("q", search)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            body,
            json!({ "Validation": [{ "field": "q", "message": message }] })
        );
    }
}
