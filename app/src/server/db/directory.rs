//! Searching the partner directory: SQLite FTS5 or PostgreSQL `tsvector`, prefix matching,
//! typo correction against the directory's own vocabulary.

use super::{Backend, Db};
use crate::domain::{
    CountryCode, DirectoryQuery, Location, OrganizationSize, PartnerId, PartnerSummary,
    RelationshipType, SearchResults, PAGE_SIZE,
};
use sqlx::{AnyPool, FromRow};
use std::collections::BTreeSet;

use super::partners::LIST_SEPARATOR;
pub async fn search(db: &Db, query: &DirectoryQuery) -> Result<SearchResults, sqlx::Error> {
    let Some((terms, corrected)) = resolve_keywords(&db.pool, &query.keywords).await? else {
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
    let match_expression = match db.backend {
        Backend::Sqlite => filter_token
            .iter()
            .map(|token| format!("facets : {token}"))
            .chain(terms.iter().map(Term::fts5))
            .collect::<Vec<_>>()
            .join(" AND "),
        Backend::Postgres => filter_token
            .into_iter()
            .chain(terms.iter().map(|term| format!("{}:*", term.keyword)))
            .collect::<Vec<_>>()
            .join(" & "),
    };
    let local = query
        .country
        .filter(|_| query.region.is_some() || query.city.is_some());
    let (count_sql, page_sql) =
        statements(db.backend, !match_expression.is_empty(), local.is_some());

    let rows = sqlx::query_as::<_, SummaryRow>(&page_sql)
        .bind(&match_expression)
        .bind(i64::from(PAGE_SIZE))
        .bind(i64::from(query.page) * i64::from(PAGE_SIZE))
        .bind(local.map(|country| country.as_str().to_owned()))
        .bind(query.region.as_deref())
        .bind(query.city.as_deref())
        .fetch_all(&db.pool)
        .await?;
    let total = match rows.first() {
        Some(row) => row.total,
        // A page past the last one carries no count: ask for it.
        None => {
            sqlx::query_scalar::<_, i64>(&count_sql)
                .bind(&match_expression)
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

/// The page statement, each row carrying the total number of matches, and a count statement
/// for a page past the last. Binds: $1 the full-text query (keywords and filter tokens); for
/// the page $2 limit, $3 offset, and $4 country, $5 region, $6 city for ranking.
///
/// Ranking: a partner serving the chosen city or region of the chosen country first (only
/// computed when a city or region was given), then keyword relevance (name counts most,
/// then services, industries, description), then id.
fn statements(backend: Backend, full_text: bool, rank_local: bool) -> (String, String) {
    // Ranked on the search index alone, and only the page's partners read afterwards: reading
    // every match's row first and then sorting cost twice as much (measured at 100k).
    let local = |id: &str| {
        if rank_local {
            // The partners serving the place, found once through an index each for city and
            // region (migration 6); asking for every match in turn took 60 ms at a million
            // partners. (One `city = … or region = …` reads every location in the country.)
            format!(
                "case when {id} in (select partner_id from partner_location
                                    where country = $4 and lower(city) = $6
                                    union all
                                    select partner_id from partner_location
                                    where country = $4 and lower(region) = $5)
                      then 0 else 1 end"
            )
        } else {
            // Unused binds are still compared, so both backends see them typed.
            "case when $4 is null and $5 is null and $6 is null then 0 else 0 end".to_owned()
        }
    };
    let (count, ranked) = match (backend, full_text) {
        (Backend::Sqlite, true) => (
            "select count(*) from partner_search where partner_search match $1",
            format!(
                "select rowid as id, {} as local_rank,
                        -{}(partner_search, 10.0, 4.0, 2.0, 1.0, 0.0) as relevance
                 from partner_search where partner_search match $1",
                local("partner_search.rowid"),
                super::relevance::FUNCTION,
            ),
        ),
        (Backend::Postgres, true) => (
            "select count(*) from partner p where p.search @@ to_tsquery('simple', $1)",
            format!(
                "select p.partner_id as id, {} as local_rank,
                        -ts_rank(p.search, to_tsquery('simple', $1)) as relevance
                 from partner p where p.search @@ to_tsquery('simple', $1)",
                local("p.partner_id")
            ),
        ),
        (_, false) => (
            "select count(*) from partner where $1 = ''",
            format!(
                "select p.partner_id as id, {} as local_rank, 0 as relevance
                 from partner p where $1 = ''",
                local("p.partner_id")
            ),
        ),
    };
    // Counted while ranking, in the same pass over the matches: a separate count found every
    // match a second time. Listing the whole directory counts the table instead.
    let total = if full_text {
        "count(*) over ()".to_owned()
    } else {
        format!("({count})")
    };
    let page = format!(
        "select p.partner_id, p.name, p.sizes_served, p.relationship_types_offered, p.services,
                ranked.total
         from (select id, local_rank, relevance, {total} as total from ({ranked}) matches
               order by local_rank, relevance, id limit $2 offset $3) ranked
         join partner p on p.partner_id = ranked.id
         order by ranked.local_rank, ranked.relevance, ranked.id"
    );
    (count.to_owned(), page)
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
        "select partner_id, country, region, city from partner_location
         where partner_id in ({}) order by partner_id, country, region, city",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (i64, String, Option<String>, Option<String>)>(&sql);
    for row in &rows {
        query = query.bind(row.partner_id);
    }
    let locations = query.fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|row| PartnerSummary {
            partner_id: PartnerId::new(row.partner_id),
            locations: locations
                .iter()
                .filter(|(id, ..)| *id == row.partner_id)
                .filter_map(|(_, country, region, city)| {
                    Some(Location {
                        country: CountryCode::parse(country).ok()?,
                        region: region.clone(),
                        city: city.clone(),
                    })
                })
                .collect(),
            name: row.name,
            sizes_served: OrganizationSize::set_from_bits(row.sizes_served),
            relationship_types_offered: RelationshipType::set_from_bits(
                row.relationship_types_offered,
            ),
            services: row
                .services
                .split(LIST_SEPARATOR)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        })
        .collect())
}

/// A keyword as the search index is asked for it.
struct Term {
    /// The keyword, or the directory word a typo was corrected to.
    keyword: String,
    /// The directory words it begins, when few enough to list: listing them lets SQLite read
    /// each word's index entry as it goes, where a prefix query first merges the entries of
    /// every word with that prefix. `None` asks for the prefix itself.
    words: Option<Vec<String>>,
}

/// Keywords up to this long have their own prefix index entries (`prefix = '2 3 4'`).
const PREFIX_INDEXED_CHARS: usize = 4;
/// A keyword beginning more directory words than this is searched as a prefix.
const MAX_LISTED_WORDS: usize = 16;

impl Term {
    fn new(keyword: String, words: Vec<String>) -> Self {
        let listed =
            keyword.chars().count() > PREFIX_INDEXED_CHARS && words.len() <= MAX_LISTED_WORDS;
        Self {
            keyword,
            words: listed.then_some(words),
        }
    }

    /// The FTS5 query for this term, over the searchable columns.
    fn fts5(&self) -> String {
        let columns = "{name services industries description}";
        match &self.words {
            Some(words) => {
                let words: Vec<String> = words.iter().map(|word| format!("\"{word}\"")).collect();
                format!("{columns} : ({})", words.join(" OR "))
            }
            None => format!("{columns} : \"{}\"*", self.keyword),
        }
    }
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

/// The directory word nearest to `keyword` by edit distance (one edit for short words, two
/// for longer ones), among words sharing its first letter.
async fn closest_term(pool: &AnyPool, keyword: &str) -> Result<Option<String>, sqlx::Error> {
    let Some(first) = keyword.chars().next() else {
        return Ok(None);
    };
    let allowed = if keyword.chars().count() <= 4 { 1 } else { 2 };
    let candidates: Vec<String> =
        sqlx::query_scalar("select term from search_term where term >= $1 and term < $2")
            .bind(first.to_string())
            .bind(format!("{first}\u{10FFFF}"))
            .fetch_all(pool)
            .await?;
    Ok(candidates
        .into_iter()
        .map(|term| {
            // A typo in the part typed so far: compare with the term cut to the keyword's length too.
            let cut: String = term.chars().take(keyword.chars().count()).collect();
            let distance = strsim::damerau_levenshtein(keyword, &term)
                .min(strsim::damerau_levenshtein(keyword, &cut));
            (distance, term)
        })
        .filter(|(distance, _)| *distance <= allowed)
        .min()
        .map(|(_, term)| term))
}

/// Adds the words of new directory entries to the vocabulary typos are corrected against.
pub async fn add_terms(tx: &mut sqlx::AnyConnection, texts: &[String]) -> Result<(), sqlx::Error> {
    let terms: BTreeSet<String> = texts
        .iter()
        .flat_map(|text| crate::domain::keywords_all(text))
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
