use crate::common::{new_client, spawn_app, TestApp};
use app::domain::{CountryCode, Location, OrganizationSize, RelationshipType};
use app::server::db::{self, partners::NewPartner};
use reqwest::StatusCode;
use serde_json::Value;

pub(crate) fn partner(
    name: &str,
    services: &[&str],
    description: &str,
    locations: &[(&str, Option<&str>)],
    sizes: &[OrganizationSize],
) -> NewPartner {
    NewPartner {
        name: name.to_owned(),
        description: description.to_owned(),
        website: "https://example.test".to_owned(),
        contact_email: "sales@example.test".to_owned(),
        locations: locations
            .iter()
            .map(|(country, city)| Location {
                country: CountryCode::parse(country).expect("a country"),
                region: None,
                city: city.map(str::to_owned),
            })
            .collect(),
        sizes_served: sizes.to_vec(),
        services: services.iter().map(|s| (*s).to_owned()).collect(),
        industries: vec!["Retail".to_owned()],
        certifications: vec![],
        relationship_types_offered: vec![RelationshipType::Reseller],
    }
}

/// A directory of its own beside the demo one: every name holds "Zyx" so only these match.
pub(crate) async fn seed_fixed_directory(app: &TestApp) {
    use OrganizationSize::*;
    let partners = vec![
        partner(
            "Zyxcloud Experts",
            &["Backup and recovery"],
            "General IT.",
            &[("DE", Some("Berlin"))],
            &[From1To10, From11To50],
        ),
        partner(
            "Zyx Generalists",
            &["Zyxcloud migration"],
            "We also do zyxcloud.",
            &[("DE", Some("Munich"))],
            &[From11To50],
        ),
        partner(
            "Zyx Locals",
            &["Zyxcloud migration"],
            "Cloud in Hamburg.",
            &[("DE", Some("Hamburg"))],
            &[From11To50],
        ),
        partner(
            "Zyx Abroad",
            &["Zyxcloud migration"],
            "Cloud in France.",
            &[("FR", Some("Paris"))],
            &[Over5000],
        ),
    ];
    db::partners::insert_many(&app.state.db.pool, &partners, db::now_ms())
        .await
        .expect("seeded");
}

pub(crate) async fn search(app: &TestApp, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let form: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| *k != "page")
        .map(|(k, v)| (format!("params[{k}]"), (*v).to_owned()))
        .chain([("params[page]".to_owned(), page(fields))])
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = new_client()
        .get(app.url("/api/search_partners"))
        .query(&form)
        .send()
        .await
        .expect("answer");
    let status = response.status();
    (status, response.json().await.expect("JSON"))
}

fn page(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .find(|(k, _)| *k == "page")
        .map(|(_, v)| (*v).to_owned())
        .unwrap_or_else(|| "0".to_owned())
}

pub(crate) fn names(results: &Value) -> Vec<String> {
    results["partners"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_name_match_ranks_above_a_services_match_above_a_description_match() {
    let app = spawn_app().await;
    seed_fixed_directory(&app).await;
    let (status, results) = search(&app, &[("q", "zyxcloud")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(results["total"], 4);
    // Name (10) > services and description (4 + 1) > services alone (4, then by id).
    assert_eq!(
        names(&results),
        vec![
            "Zyxcloud Experts",
            "Zyx Generalists",
            "Zyx Locals",
            "Zyx Abroad"
        ]
    );
}

#[tokio::test]
async fn a_partner_in_the_chosen_city_ranks_first() {
    let app = spawn_app().await;
    seed_fixed_directory(&app).await;
    let (_, results) = search(
        &app,
        &[
            ("q", "zyxcloud migration"),
            ("country", "DE"),
            ("city", "hamburg"),
        ],
    )
    .await;
    assert_eq!(names(&results), vec!["Zyx Locals", "Zyx Generalists"]);
}

#[tokio::test]
async fn the_country_and_size_filters_leave_out_partners_that_do_not_serve_them() {
    let app = spawn_app().await;
    seed_fixed_directory(&app).await;
    let (_, in_france) = search(&app, &[("q", "zyx"), ("country", "FR")]).await;
    assert_eq!(names(&in_france), vec!["Zyx Abroad"]);
    let (_, small) = search(&app, &[("q", "zyx"), ("size", "1-10")]).await;
    assert_eq!(names(&small), vec!["Zyxcloud Experts"]);
    let (_, both) = search(&app, &[("q", "zyx"), ("country", "DE"), ("size", "11-50")]).await;
    assert_eq!(
        names(&both),
        vec!["Zyx Generalists", "Zyx Locals", "Zyxcloud Experts"]
    );
    // Serving France and serving small organizations, but not small ones in France.
    let (_, neither) = search(&app, &[("q", "zyx"), ("country", "FR"), ("size", "11-50")]).await;
    assert_eq!(neither["total"], 0);
}

#[tokio::test]
async fn keywords_match_by_prefix_and_survive_a_typo() {
    let app = spawn_app().await;
    seed_fixed_directory(&app).await;
    let (_, prefix) = search(&app, &[("q", "zyxclo")]).await;
    assert_eq!(prefix["total"], 4);
    let (_, typo) = search(&app, &[("q", "zyxclaud")]).await;
    assert_eq!(typo["total"], 4, "{typo}");
    assert_eq!(typo["searched_for"], "zyxcloud");
}

#[tokio::test]
async fn a_search_without_matches_says_so() {
    let app = spawn_app().await;
    let (status, results) = search(&app, &[("q", "qqqqqqqqqq")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(results["total"], 0);
    assert_eq!(names(&results), Vec::<String>::new());
}

#[tokio::test]
async fn results_come_in_pages_of_twenty() {
    let app = spawn_app().await;
    let many: Vec<NewPartner> = (0..25)
        .map(|i| {
            partner(
                &format!("Pagetest {i:02}"),
                &["Paging"],
                "x",
                &[("US", None)],
                &[OrganizationSize::Over5000],
            )
        })
        .collect();
    db::partners::insert_many(&app.state.db.pool, &many, db::now_ms())
        .await
        .expect("seeded");
    let (_, first) = search(&app, &[("q", "pagetest")]).await;
    let (_, second) = search(&app, &[("q", "pagetest"), ("page", "1")]).await;
    let (_, past_the_end) = search(&app, &[("q", "pagetest"), ("page", "2")]).await;
    assert_eq!(first["total"], 25);
    assert_eq!(second["total"], 25);
    assert_eq!(past_the_end["total"], 25);
    assert_eq!(names(&first).len(), 20);
    assert_eq!(names(&second).len(), 5);
    assert_eq!(names(&past_the_end).len(), 0);
    assert!(names(&second)
        .iter()
        .all(|name| !names(&first).contains(name)));
}

#[tokio::test]
async fn an_unknown_country_or_size_is_refused_beside_its_field() {
    let app = spawn_app().await;
    let (status, body) = search(&app, &[("country", "XX"), ("size", "huge")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "country");
    assert_eq!(body["Validation"][1]["field"], "size");
}

#[tokio::test]
async fn the_find_a_partner_page_searches_from_its_url_without_javascript() {
    let app = spawn_app().await;
    let html = app
        .get_page(&new_client(), "/find-partner?q=fabrikam&country=US")
        .await
        .text()
        .await
        .expect("HTML");
    assert!(html.contains("Fabrikam Solutions"), "{html}");
    assert!(html.contains("1 partner found"), "{html}");
}

#[tokio::test]
async fn a_search_without_keywords_lists_the_partners_serving_the_place() {
    let app = spawn_app().await;
    seed_fixed_directory(&app).await;
    let (status, results) = search(&app, &[("country", "FR"), ("size", "5000+")]).await;
    assert_eq!(status, StatusCode::OK, "{results}");
    assert!(
        names(&results).contains(&"Zyx Abroad".to_owned()),
        "{results}"
    );
}

#[tokio::test]
async fn a_search_without_keywords_or_filters_lists_the_whole_directory() {
    let app = spawn_app().await;
    let partners: i64 = sqlx::query_scalar("select count(*) from partner")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("counted");
    let (status, results) = search(&app, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(results["total"], partners);
    assert_eq!(names(&results).len(), partners.min(20) as usize);
    let (_, past_the_end) = search(&app, &[("page", "100")]).await;
    assert_eq!(past_the_end["total"], partners);
}
