//! Searching the partner directory: SQLite FTS5 or PostgreSQL `tsvector`, prefix matching,
//! typo correction against the directory's own vocabulary.

use super::partner_rows::{listed, LocationRow, LOCATION_COLUMNS};
use super::{Backend, Db};
use crate::domain::search_query::{self, SearchTerm as Term, MAX_LISTED_WORDS};
use crate::domain::{
    CountryCode, DirectoryQuery, Location, OrganizationSize, PartnerId, PartnerSummary,
    RelationshipType, SearchResults, PAGE_SIZE,
};
use sqlx::{AnyPool, FromRow};
use std::collections::BTreeSet;

pub async fn search(db: &Db, query: &DirectoryQuery) -> Result<SearchResults, sqlx::Error> {
    let keywords: Vec<String> = query
        .keywords
        .iter()
        .map(|keyword| index_form(db.backend, keyword))
        .filter(|keyword| !keyword.is_empty())
        .collect();
    let Some((terms, corrected)) = resolve_keywords(&db.pool, &keywords).await? else {
        // A keyword that matches nothing, even corrected, matches no partner.
        return Ok(SearchResults {
            total: 0,
            page: query.page,
            partners: vec![],
            searched_for: None,
        });
    };
    let searched_for = corrected.then(|| {
        terms
            .iter()
            .map(|term| term.keyword.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let filter_token = match (query.country, query.size) {
        (Some(country), Some(size)) => Some(country_size_token(country, size)),
        (Some(country), None) => Some(country_token(country)),
        (None, Some(size)) => Some(size_token(size)),
        (None, None) => None,
    };
    // SQLite reads the filter token from the index's `facets` column; PostgreSQL keeps the
    // tokens in an array of their own, out of reach of keywords (`$7`).
    let (match_expression, facet) = match db.backend {
        Backend::Sqlite => (
            search_query::fts5_match(filter_token.as_deref(), &terms),
            None,
        ),
        Backend::Postgres => (search_query::tsquery(&terms), filter_token),
    };
    let local = query
        .country
        .filter(|_| query.region.is_some() || query.city.is_some());
    let (count_sql, page_sql) = statements(
        db.backend,
        Filters {
            full_text: !match_expression.is_empty(),
            facet: facet.is_some(),
            rank_local: local.is_some(),
        },
    );

    let rows = sqlx::query_as::<_, SummaryRow>(&page_sql)
        .bind(&match_expression)
        .bind(i64::from(PAGE_SIZE))
        .bind(i64::from(query.page) * i64::from(PAGE_SIZE))
        .bind(local.map(|country| country.as_str().to_owned()))
        .bind(query.region.as_deref())
        .bind(query.city.as_deref())
        .bind(facet.as_deref())
        .fetch_all(&db.pool)
        .await?;
    let total = match rows.first() {
        Some(row) => row.total,
        // A page past the last one carries no count: ask for it.
        None => {
            sqlx::query_scalar::<_, i64>(&count_sql)
                .bind(&match_expression)
                .bind(facet.as_deref())
                .fetch_one(&db.pool)
                .await?
        }
    };
    let partners = with_locations(&db.pool, rows).await?;
    Ok(SearchResults {
        total,
        page: query.page,
        partners,
        searched_for,
    })
}

fn country_token(country: CountryCode) -> String {
    format!("zzcountry{}", country.as_str().to_ascii_lowercase())
}

fn size_token(size: OrganizationSize) -> String {
    format!("zzsize{}", size as u8)
}

/// One token for "serves this size in this country": a search with both filters reads one
/// index entry instead of intersecting two long ones (half the time at a million partners).
fn country_size_token(country: CountryCode, size: OrganizationSize) -> String {
    format!("{}size{}", country_token(country), size as u8)
}

/// The filter tokens of a directory entry: every country it serves, every size, and every
/// pair of the two.
pub fn facets(locations: &[Location], sizes: &[OrganizationSize]) -> String {
    let countries = || locations.iter().map(|location| location.country);
    countries()
        .map(country_token)
        .chain(sizes.iter().map(|size| size_token(*size)))
        .chain(countries().flat_map(|country| {
            sizes
                .iter()
                .map(move |size| country_size_token(country, *size))
        }))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a search filters on, which decides the shape of its statements.
#[derive(Debug, Clone, Copy)]
struct Filters {
    /// Keywords (and on SQLite the filter token) in a full-text query.
    full_text: bool,
    /// A filter token of its own (PostgreSQL).
    facet: bool,
    /// A city or region to rank first.
    rank_local: bool,
}

/// The page statement, each row carrying the total number of matches, and a count statement
/// for a page past the last. Binds: $1 the full-text query; for the page $2 limit, $3 offset,
/// and $4 country, $5 region key, $6 city key for ranking; $7 the filter token (PostgreSQL;
/// $2 in the count statement).
///
/// Ranking: a partner serving the chosen city or region of the chosen country first (only
/// computed when a city or region was given), then keyword relevance (name counts most,
/// then services, industries, description), then id.
fn statements(backend: Backend, filters: Filters) -> (String, String) {
    // Ranked on the search index alone, and only the page's partners read afterwards: reading
    // every match's row first and then sorting cost twice as much (measured at 100k).
    let local = |id: &str| {
        if filters.rank_local {
            // The partners serving the place, found once through an index each for city and
            // region; asking for every match in turn took 60 ms at a million partners. (One
            // `city = … or region = …` reads every location in the country.)
            format!(
                "case when {id} in (select partner_id from partner_location
                                    where country = $4 and city_key = $6
                                    union all
                                    select partner_id from partner_location
                                    where country = $4 and region_key = $5)
                      then 0 else 1 end"
            )
        } else {
            // Unused binds are still compared, so both backends see them typed.
            "case when $4 is null and $5 is null and $6 is null then 0 else 0 end".to_owned()
        }
    };
    let facet = |bind: &str| match filters.facet {
        true => format!("p.facet_tokens @> array[{bind}::text]"),
        false => format!("{bind} is null"),
    };
    // The count statement, with the filter token bound as `facet_bind`.
    let count = |facet_bind: &str| {
        match (backend, filters.full_text) {
        (Backend::Sqlite, true) => format!(
            "select count(*) from partner_search where partner_search match $1 and {facet_bind} is null"
        ),
        (Backend::Postgres, true) => format!(
            "select count(*) from partner p where p.search @@ to_tsquery('simple', $1) and {}",
            facet(facet_bind)
        ),
        (_, false) => format!(
            "select count(*) from partner p where $1 = '' and {}",
            facet(facet_bind)
        ),
    }
    };
    let ranked = match (backend, filters.full_text) {
        (Backend::Sqlite, true) => format!(
            "select rowid as id, {} as local_rank,
                    -{}(partner_search, 10.0, 4.0, 2.0, 1.0, 0.0) as relevance
             from partner_search where partner_search match $1 and $7 is null",
            local("partner_search.rowid"),
            super::relevance::FUNCTION,
        ),
        (Backend::Postgres, true) => format!(
            "select p.partner_id as id, {} as local_rank,
                    -ts_rank(p.search, to_tsquery('simple', $1)) as relevance
             from partner p where p.search @@ to_tsquery('simple', $1) and {}",
            local("p.partner_id"),
            facet("$7")
        ),
        (_, false) => format!(
            "select p.partner_id as id, {} as local_rank, 0 as relevance
             from partner p where $1 = '' and {}",
            local("p.partner_id"),
            facet("$7")
        ),
    };
    // Counted while ranking, in the same pass over the matches: a separate count found every
    // match a second time. Listing the whole directory counts the table instead.
    let total = if filters.full_text || filters.facet {
        "count(*) over ()".to_owned()
    } else {
        format!("({})", count("$7"))
    };
    let page = format!(
        "select p.partner_id, p.name, p.sizes_served, p.relationship_types_offered, p.services,
                ranked.total
         from (select id, local_rank, relevance, {total} as total from ({ranked}) matches
               order by local_rank, relevance, id limit $2 offset $3) ranked
         join partner p on p.partner_id = ranked.id
         order by ranked.local_rank, ranked.relevance, ranked.id"
    );
    (count("$2"), page)
}

#[derive(FromRow)]
struct SummaryRow {
    partner_id: i64,
    name: String,
    sizes_served: i64,
    relationship_types_offered: i64,
    services: String,
    /// Matches in all pages.
    total: i64,
}

async fn with_locations(
    pool: &AnyPool,
    rows: Vec<SummaryRow>,
) -> Result<Vec<PartnerSummary>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let placeholders: Vec<String> = (1..=rows.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select {LOCATION_COLUMNS} from partner_location
         where partner_id in ({}) order by partner_id, country, region, city",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, LocationRow>(&sql);
    for row in &rows {
        query = query.bind(row.partner_id);
    }
    let locations = query.fetch_all(pool).await?;
    rows.into_iter()
        .map(|row| {
            Ok(PartnerSummary {
                partner_id: PartnerId::new(row.partner_id),
                locations: locations
                    .iter()
                    .filter(|location| location.partner_id == row.partner_id)
                    .map(LocationRow::location)
                    .collect::<Result<_, sqlx::Error>>()?,
                name: row.name,
                sizes_served: OrganizationSize::set_from_bits(row.sizes_served),
                relationship_types_offered: RelationshipType::set_from_bits(
                    row.relationship_types_offered,
                ),
                services: listed(&row.services),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
}

/// Maps each keyword to a term to prefix-match: itself when some directory word starts with
/// it, else the closest directory word (a typo). `None` when a keyword matches nothing at all;
/// the flag says whether anything was corrected.
async fn resolve_keywords(
    pool: &AnyPool,
    keywords: &[String],
) -> Result<Option<(Vec<Term>, bool)>, sqlx::Error> {
    let mut terms = Vec::with_capacity(keywords.len());
    let mut corrected = false;
    for keyword in keywords {
        let words = words_beginning(pool, keyword).await?;
        if !words.is_empty() {
            terms.push(Term::new(keyword.clone(), words));
            continue;
        }
        let Some(correction) = closest_term(pool, keyword).await? else {
            return Ok(None);
        };
        corrected = true;
        let words = words_beginning(pool, &correction).await?;
        terms.push(Term::new(correction, words));
    }
    Ok(Some((terms, corrected)))
}

/// The directory words beginning with `prefix`, one more than can be listed at most.
async fn words_beginning(pool: &AnyPool, prefix: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select term from search_term where term >= $1 and term < $2 order by term limit $3",
    )
    .bind(prefix)
    .bind(format!("{prefix}\u{10FFFF}"))
    .bind(MAX_LISTED_WORDS as i64 + 1)
    .fetch_all(pool)
    .await
}

/// Vocabulary words a typo is compared with, at most, per keyword: the search is open to
/// visitors, so its cost must not grow with the directory's vocabulary.
const MAX_TYPO_CANDIDATES: i64 = 2_000;

/// The directory word nearest to `keyword` by edit distance (one edit for short words, two
/// for longer ones), among its `typo_candidates`.
async fn closest_term(pool: &AnyPool, keyword: &str) -> Result<Option<String>, sqlx::Error> {
    let typed = keyword.chars().count();
    let allowed = if typed <= 4 { 1 } else { 2 };
    let candidates = typo_candidates(pool, keyword).await?;
    Ok(candidates
        .into_iter()
        .map(|term| {
            // A typo in the part typed so far: the term cut to the keyword's length counts too.
            // A term longer than the keyword by more than the allowed edits is only compared
            // cut, which also bounds each comparison by the keyword's length.
            let cut: String = term.chars().take(typed).collect();
            let mut distance = strsim::damerau_levenshtein(keyword, &cut);
            if term.chars().count() <= typed + allowed {
                distance = distance.min(strsim::damerau_levenshtein(keyword, &term));
            }
            (distance, term)
        })
        .filter(|(distance, _)| *distance <= allowed)
        .min()
        .map(|(_, term)| term))
}

/// The vocabulary words a typo in `keyword` is compared with: those sharing its first two
/// letters, then its first letter, at most `MAX_TYPO_CANDIDATES` of each, however large the
/// vocabulary.
pub async fn typo_candidates(pool: &AnyPool, keyword: &str) -> Result<Vec<String>, sqlx::Error> {
    let mut candidates: Vec<String> = Vec::new();
    for shared in [2, 1] {
        let prefix: String = keyword.chars().take(shared).collect();
        if prefix.chars().count() < shared {
            continue;
        }
        let words: Vec<String> = sqlx::query_scalar(
            "select term from search_term where term >= $1 and term < $2 order by term limit $3",
        )
        .bind(&prefix)
        .bind(format!("{prefix}\u{10FFFF}"))
        .bind(MAX_TYPO_CANDIDATES)
        .fetch_all(pool)
        .await?;
        candidates.extend(words);
    }
    Ok(candidates)
}

/// A word as the backend's index holds it: SQLite's folds Latin accents (`über` is `uber`),
/// PostgreSQL's `simple` configuration only lower-cases.
fn index_form(backend: Backend, word: &str) -> String {
    match backend {
        Backend::Sqlite => crate::domain::fold_accents(word),
        Backend::Postgres => word.to_owned(),
    }
}

/// Adds the words of new directory entries to the vocabulary typos are corrected against,
/// as the index holds them.
pub async fn add_terms(tx: &mut sqlx::AnyConnection, texts: &[String]) -> Result<(), sqlx::Error> {
    let backend = Backend::of_connection(tx);
    let terms: BTreeSet<String> = texts
        .iter()
        .flat_map(|text| crate::domain::keywords_all(text))
        .map(|word| index_form(backend, &word))
        .filter(|word| !word.is_empty())
        .collect();
    let terms: Vec<String> = terms.into_iter().collect();
    for chunk in terms.chunks(500) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("(${i})")).collect();
        let sql = format!(
            "insert into search_term (term) values {} on conflict (term) do nothing",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for term in chunk {
            query = query.bind(term);
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

/// The named partners, in the order asked; unknown ids are left out.
pub async fn chosen_partners(
    pool: &AnyPool,
    ids: &[PartnerId],
) -> Result<Vec<crate::domain::ChosenPartner>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select partner_id, name from partner where partner_id in ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        query = query.bind(id.get());
    }
    let rows = query.fetch_all(pool).await?;
    Ok(ids
        .iter()
        .filter_map(|id| rows.iter().find(|(row_id, _)| *row_id == id.get()))
        .map(|(id, name)| crate::domain::ChosenPartner {
            partner_id: PartnerId::new(*id),
            name: name.clone(),
        })
        .collect())
}
