//! The search index as a process keeps it: Chinese words, facet counts, following changes
//! committed by another process, and rebuilt when it is not this database's.

use crate::common::{fresh_database, spawn_app, spawn_app_with_config};
use crate::directory::{names, partner, search, seed_fixed_directory};
use app::domain::{OrganizationSize, SearchParams};
use app::server::db::{self, Db};
use app::server::directory_search::DirectorySearch;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_chinese_word_is_found_inside_chinese_text() {
    let app = spawn_app().await;
    let chinese = partner(
        "上海云桥科技",
        &["云迁移", "数据安全"],
        "提供云迁移和安全服务，服务中国和新加坡的企业。",
        &[("CN", Some("Shanghai")), ("SG", None)],
        &[OrganizationSize::From51To250],
    );
    db::partners::insert_many(&app.state.db.pool, &[chinese], db::now_ms())
        .await
        .expect("seeded");
    for words in ["云迁移", "迁移", "安全服务", "新加坡"] {
        let (status, results) = search(&app, &[("q", words)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(names(&results), vec!["上海云桥科技"], "{words}: {results}");
    }
}

#[tokio::test]
async fn english_words_are_found_in_any_form() {
    let app = spawn_app().await;
    seed_fixed_directory(&app).await;
    // "Zyxcloud migration" is a service of three of them.
    let (_, results) = search(&app, &[("q", "zyx migrations")]).await;
    assert_eq!(results["total"], 3, "{results}");
}

#[tokio::test]
async fn the_results_count_the_matches_of_each_country_and_size() {
    let app = spawn_app().await;
    seed_fixed_directory(&app).await;
    let (_, results) = search(&app, &[("q", "zyx"), ("size", "11-50")]).await;
    assert_eq!(results["total"], 3, "{results}");
    // Countries under the size chosen: the three in Germany serve 11–50, the one in France doesn't.
    assert_eq!(
        results["countries"],
        serde_json::json!([{ "country": "DE", "count": 3 }]),
        "{results}"
    );
    // Sizes under the keywords alone (no country chosen): all four.
    let sizes = results["sizes"].as_array().expect("sizes");
    let count = |size: &str| {
        sizes
            .iter()
            .find(|entry| entry["size"] == size)
            .map(|entry| entry["count"].clone())
    };
    assert_eq!(count("From1To10"), Some(1.into()), "{results}");
    assert_eq!(count("From11To50"), Some(3.into()), "{results}");
    assert_eq!(count("Over5000"), Some(1.into()), "{results}");
}

#[tokio::test]
async fn another_process_sees_a_change_at_its_next_search_and_within_a_second() {
    let first = spawn_app().await;
    let database_url = first.database_url.clone();
    let second = spawn_app_with_config(|config| config.database_url = database_url, |_| {}).await;
    let (_, before) = search(&second, &[("q", "Zyxcloud")]).await;
    assert_eq!(before["total"], 0);

    // Written through the first process's pool: the second hears of it only through the feed.
    seed_fixed_directory(&first).await;
    let (_, after) = search(&second, &[("q", "Zyxcloud")]).await;
    assert_eq!(after["total"], 4, "{after}");

    let one_more = partner("Zyx Latecomer", &["Zyxcloud"], "", &[("DE", None)], &[]);
    db::partners::insert_many(&first.state.db.pool, &[one_more], db::now_ms())
        .await
        .expect("seeded");
    let indexed_before = second.state.search.len();
    let started = Instant::now();
    while second.state.search.len() == indexed_before {
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "the second process's index did not follow within a second"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn an_index_is_kept_across_restarts_and_rebuilt_for_another_database() {
    let folder = std::env::temp_dir().join(format!("partnerhub-index-{}", db::now_ms()));
    let search_for = |q: &str| {
        SearchParams {
            q: q.to_owned(),
            ..SearchParams::default()
        }
        .parse()
        .expect("a search")
    };
    let first_url = fresh_database().await;
    let first = Db::connect(&first_url, 2).await.expect("database");
    first.migrate().await.expect("migrated");
    let zyx = partner("Zyx Kept", &["Zyxkept"], "", &[("DE", None)], &[]);
    db::partners::insert_many(&first.pool, &[zyx], db::now_ms())
        .await
        .expect("seeded");
    let search = DirectorySearch::start(first.clone(), Some(folder.clone()))
        .await
        .expect("built");
    assert_eq!(
        search
            .search(&search_for("zyxkept"))
            .await
            .expect("searched")
            .total,
        1
    );
    drop(search);

    // Stopped, then a change, then started again: caught up from the feed.
    let later = partner("Zyx Later", &["Zyxkept"], "", &[("DE", None)], &[]);
    db::partners::insert_many(&first.pool, &[later], db::now_ms())
        .await
        .expect("seeded");
    let search = DirectorySearch::start(first.clone(), Some(folder.clone()))
        .await
        .expect("reopened");
    assert_eq!(search.len(), 2);
    drop(search);

    // Another database with the same folder: its own partners only.
    let second = Db::connect(&fresh_database().await, 2)
        .await
        .expect("database");
    second.migrate().await.expect("migrated");
    let search = DirectorySearch::start(second, Some(folder.clone()))
        .await
        .expect("rebuilt");
    assert_eq!(search.len(), 0);
    assert_eq!(
        search
            .search(&search_for("zyxkept"))
            .await
            .expect("searched")
            .total,
        0
    );
    drop(search);
    let _ = std::fs::remove_dir_all(folder);
}

#[tokio::test]
async fn two_processes_cannot_share_one_index_folder() {
    let folder = std::env::temp_dir().join(format!("partnerhub-shared-{}", db::now_ms()));
    let db = Db::connect(&fresh_database().await, 2)
        .await
        .expect("database");
    db.migrate().await.expect("migrated");
    let _first = DirectorySearch::start(db.clone(), Some(folder.clone()))
        .await
        .expect("opened");
    let second = DirectorySearch::start(db, Some(folder.clone())).await;
    let error = second.err().expect("refused").to_string();
    assert!(error.contains("SEARCH_INDEX_DIR"), "{error}");
}

#[tokio::test]
async fn the_results_page_lists_the_counts_as_links_that_work_without_javascript() {
    let app = spawn_app().await;
    seed_fixed_directory(&app).await;
    let html = app
        .get_page(
            &crate::common::new_client(),
            "/find-partner?q=zyx&size=11-50",
        )
        .await
        .text()
        .await
        .expect("HTML");
    assert!(html.contains("Narrow the results"), "{html}");
    // Germany, 3 matches, linked with the size kept and the page reset.
    assert!(
        html.contains(r#"href="/find-partner?country=DE&amp;size=11-50&amp;q=zyx""#),
        "{html}"
    );
    // "Any size" drops the size chosen.
    assert!(html.contains(r#"href="/find-partner?q=zyx""#), "{html}");
}

#[tokio::test]
async fn the_generated_directory_is_searchable_in_chinese() {
    let app = spawn_app().await;
    let generated = server::directory_generator::DirectoryGenerator::new(8).batch(10_000, 600);
    let described_in_chinese = generated
        .iter()
        .filter(|p| p.description.contains("云迁移"))
        .count();
    assert!(
        described_in_chinese > 0,
        "no Chinese partner migrates to the cloud"
    );
    db::partners::insert_many(&app.state.db.pool, &generated, db::now_ms())
        .await
        .expect("seeded");
    let (_, results) = search(&app, &[("q", "云迁移")]).await;
    assert_eq!(results["total"], described_in_chinese, "{results}");
    let (_, in_taiwan) = search(&app, &[("q", "云迁移"), ("country", "TW")]).await;
    let serving_taiwan = generated
        .iter()
        .filter(|p| p.description.contains("云迁移"))
        .filter(|p| p.locations.iter().any(|l| l.country.as_str() == "TW"))
        .count();
    assert_eq!(in_taiwan["total"], serving_taiwan, "{in_taiwan}");
}

#[tokio::test]
async fn a_folder_holding_other_files_is_never_emptied_for_an_index() {
    let folder = std::env::temp_dir().join(format!("partnerhub-not-an-index-{}", db::now_ms()));
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("partnerhub.db"), b"precious").expect("file");
    let db = Db::connect(&fresh_database().await, 2)
        .await
        .expect("database");
    db.migrate().await.expect("migrated");
    let refused = DirectorySearch::start(db, Some(folder.clone())).await;
    assert!(refused.is_err());
    assert_eq!(
        std::fs::read(folder.join("partnerhub.db")).expect("kept"),
        b"precious"
    );
    let _ = std::fs::remove_dir_all(folder);
}
