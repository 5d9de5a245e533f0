//! The same searches on SQLite and on PostgreSQL give the same answers: the same partners in
//! the same order, the same totals and the same counts per country and size. Both backends
//! feed one search engine; this is what proves nothing backend-specific leaks into a result.

use crate::common::{fresh_database_on, spawn_app_with_config, test_backend, Backend, TestApp};
use crate::directory::search;
use reqwest::StatusCode;

/// Large enough that the common words match hundreds and paging goes several pages deep.
const DIRECTORY_SIZE: usize = 3_000;

/// Keywords as people type them: English in any form, Chinese, typos, prefixes, and text in
/// every script (none of which may answer 5xx).
const KEYWORDS: &[&str] = &[
    "",
    "cloud",
    "cloud migration",
    "Cloud Migrations",
    "migrating",
    "security assessment",
    "data",
    "data analytics healthcare",
    "power bi",
    "teams voice",
    "microsoft 365",
    "identity access",
    "retail",
    "financial services",
    "education",
    "threat protection",
    // Typos: one edit from five letters, two from nine.
    "migratoin",
    "secrity",
    "analytcs",
    "infrastructre",
    "goverment",
    "accesibility",
    // The last word is a prefix.
    "mig",
    "cloud mig",
    "sec",
    "da",
    "d",
    "power pl",
    // Chinese.
    "云迁移",
    "迁移",
    "安全",
    "数据分析",
    "网络安全",
    "新加坡",
    "云",
    "华云 云科技",
    "提供云迁移和安全服务",
    // Every script, and what a form doesn't send.
    "क्लाउड माइग्रेशन",
    "سحابة",
    "ענן",
    "облако миграция",
    "σύννεφο",
    "คลาวด์",
    "クラウド移行",
    "클라우드",
    "☁️🚀",
    "café résumé",
    "Cloud-迁移",
    "c++ \"data\" AND OR NOT * ? ~2 ^3 (security)",
    "   ",
    "%_\\",
    "'; drop table partner; --",
];

/// The filters each keyword is searched with, and the pages read.
const FILTERS: &[&[(&str, &str)]] = &[
    &[],
    &[("country", "US")],
    &[("country", "CN"), ("size", "11-50")],
    &[("size", "251-1000"), ("page", "1")],
];

fn searches() -> Vec<Vec<(&'static str, &'static str)>> {
    let mut searches: Vec<Vec<(&str, &str)>> = KEYWORDS
        .iter()
        .flat_map(|q| {
            FILTERS.iter().map(move |filter| {
                let mut fields = vec![("q", *q)];
                fields.extend_from_slice(filter);
                fields
            })
        })
        .collect();
    // Paging deep, places, and a page past the end.
    for page in ["2", "3", "9999"] {
        searches.push(vec![("q", "cloud"), ("page", page)]);
    }
    searches.push(vec![
        ("q", "data"),
        ("country", "DE"),
        ("region", "Bavaria"),
    ]);
    searches.push(vec![("q", ""), ("country", "US"), ("city", "Seattle")]);
    searches
}

async fn directory_on(backend: Backend) -> TestApp {
    let database_url = fresh_database_on(backend).await;
    spawn_app_with_config(
        |config| {
            config.database_url = database_url;
            config.demo_directory_size = DIRECTORY_SIZE;
            // Every answer is computed, none remembered.
            config.search_cache_entries = 0;
        },
        |_| {},
    )
    .await
}

#[tokio::test]
async fn sqlite_and_postgresql_answer_every_search_alike() {
    // It needs both databases: it runs in the PostgreSQL pass, which has them both.
    if test_backend() != Backend::Postgres {
        eprintln!("compared in the PostgreSQL pass (PARTNERHUB_TEST_BACKEND=postgres)");
        return;
    }
    let (sqlite, postgres) = tokio::join!(
        directory_on(Backend::Sqlite),
        directory_on(Backend::Postgres)
    );
    // Each index rebuilt once its directory is written: how an index came to be (a partner
    // re-applied from the change feed leaves a deleted entry that still counts in BM25's
    // statistics until segments merge) may nudge near-equal scores, and these answers must
    // depend on the directory alone.
    for app in [&sqlite, &postgres] {
        app.state
            .search
            .rebuild(|_, _| {})
            .await
            .expect("the index rebuilds");
    }
    let searches = searches();
    assert!(searches.len() >= 200, "{} searches", searches.len());
    let mut matched_some = 0;
    for fields in &searches {
        let (sqlite_status, on_sqlite) = search(&sqlite, fields).await;
        let (postgres_status, on_postgres) = search(&postgres, fields).await;
        assert!(
            !sqlite_status.is_server_error() && !postgres_status.is_server_error(),
            "{fields:?}: {sqlite_status} on SQLite, {postgres_status} on PostgreSQL"
        );
        assert_eq!(sqlite_status, postgres_status, "{fields:?}");
        assert_eq!(on_sqlite, on_postgres, "{fields:?}");
        if sqlite_status == StatusCode::OK && on_sqlite["total"].as_u64() > Some(0) {
            matched_some += 1;
        }
    }
    // The comparison means something only if most searches find partners.
    assert!(
        matched_some * 2 > searches.len(),
        "only {matched_some} of {} searches matched anything",
        searches.len()
    );
}
