//! The directory search's keywords → full-text query, run against a real SQLite FTS5 index
//! made exactly like the app's (migration 0008: same columns, tokenizer, prefixes, detail).
//!
//! The input is text: its first line is the search box; it and every further line (columns
//! split by `|`: name|services|industries|description) are also directory entries, beside a
//! few fixed ones in several scripts. As the server does (`app/src/server/db/directory.rs`),
//! each keyword, folded as the index folds it (`fold_accents`), becomes a `SearchTerm` with
//! the vocabulary words it begins (the index's own terms and the folded `keywords_all` of
//! every entry, like `search_term`), or a vocabulary word sharing its first letter when none
//! (a typo correction); then `fts5_match` with an optional filter token runs as
//! `partner_search match ?1`. SQLite refusing the expression is a crash. The same keywords
//! are also asked with no words (prefix / exact queries) and with every word of the input
//! listed, folded or not, whatever it begins.
//!
//! The PostgreSQL text (`tsquery`) is checked without a server: empty exactly when there are
//! no terms, and each operand's quoting reads back to its keyword.
//!
//! With `--features strict`, an entry must also be found by the keywords of its own text
//! (what a user expects: a word in a partner's name finds it). That is a stronger claim than
//! the app makes today; see fuzz/README.md.
#![no_main]

use app::domain::search_query::{self, SearchTerm, MAX_LISTED_WORDS};
use app::domain::{fold_accents, keywords, keywords_all};
use libfuzzer_sys::fuzz_target;
use rusqlite::{params, Connection, OptionalExtension};
use std::cell::RefCell;

/// migrations/sqlite/0008_search_words_and_place_keys.sql, without the external content
/// table, and the vocabulary as migration 0002 declares it.
const SCHEMA: &str = r#"
create virtual table partner_search using fts5 (
    name, services, industries, description, facets,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'",
    prefix = '2 3 4',
    detail = column
);
create table search_term (
    term text primary key
);
create virtual table temp.partner_search_vocabulary using fts5vocab (main, partner_search, col);
"#;

/// Directory entries beside the input's: name, services, industries, description, facets.
const ENTRIES: &[[&str; 5]] = &[
    [
        "Fabrikam Solutions",
        "Cloud migration|Security",
        "Retail|Healthcare",
        "Cloud migration and data security for retailers.",
        "zzcountryus zzsize2 zzsize3 zzcountryussize2 zzcountryussize3",
    ],
    [
        "Müller Systemhaus GmbH",
        "Über-Migration|Straßen-IT",
        "Öffentliche Verwaltung",
        "Wir migrieren Ihre Daten in die Cloud. Größe egal.",
        "zzcountryde zzsize3 zzcountrydesize3",
    ],
    [
        "सेवा टेक्नोलॉजी",
        "क्लाउड सेवा|डेटा सुरक्षा",
        "स्वास्थ्य",
        "हिंदी में क्लाउड माइग्रेशन सेवाएँ",
        "zzcountryin zzsize3 zzcountryinsize3",
    ],
    [
        "ภาษาไทย คลาวด์",
        "ย้ายระบบคลาวด์",
        "ค้าปลีก",
        "บริการคลาวด์สำหรับธุรกิจไทย",
        "zzcountryth zzsize1 zzcountrythsize1",
    ],
    [
        "שָׁלוֹם טכנולוגיות",
        "מַחְשׁוּב עָנָן",
        "בריאות",
        "שירותי ענן לעסקים",
        "zzcountryil zzsize2 zzcountryilsize2",
    ],
    [
        "مرحبا للحلول",
        "الحوسبة السحابية|الأمن",
        "التجزئة",
        "نقل البيانات إلى السحابة",
        "zzcountrysa zzsize4 zzcountrysasize4",
    ],
    [
        "云迁移科技",
        "云迁移|数据安全",
        "零售",
        "为中小企业提供云服务",
        "zzcountrycn zzsize5 zzcountrycnsize5",
    ],
    [
        "Rocket 🚀 IT",
        "☁️ cloud ops|🔒 security",
        "Gaming",
        "We ❤️ migrations; Việt Nam, São Paulo, Ελλάδα, Дальний Восток.",
        "zzcountryvn zzcountrybr zzsize0 zzcountryvnsize0 zzcountrybrsize0",
    ],
];

/// The facets of the input's entries: what the filter tokens below can find.
const INPUT_FACETS: &str = "zzcountryus zzsize3 zzcountryussize3";
const FILTERS: &[Option<&str>] = &[
    None,
    Some("zzcountryus"),
    Some("zzsize3"),
    Some("zzcountryussize3"),
];

/// At most this many lines of an input become directory entries.
const MAX_INPUT_ENTRIES: usize = 8;

thread_local! {
    static DB: RefCell<Connection> = RefCell::new(open());
}

fn open() -> Connection {
    let db = Connection::open_in_memory().expect("in-memory SQLite");
    db.execute_batch(SCHEMA).expect("schema");
    db.execute_batch("begin").expect("begin");
    for entry in ENTRIES {
        insert(&db, entry);
    }
    fill_vocabulary(
        &db,
        ENTRIES.iter().flat_map(|entry| entry[..4].iter().copied()),
    );
    // One segment, as a long-lived index mostly is: each search reads it, not eight.
    db.execute_batch("commit; insert into partner_search (partner_search) values ('optimize');")
        .expect("optimize");
    db
}

fn insert(db: &Connection, [name, services, industries, description, facets]: &[&str; 5]) {
    db.execute(
        "insert into partner_search (name, services, industries, description, facets)
         values (?1, ?2, ?3, ?4, ?5)",
        params![name, services, industries, description, facets],
    )
    .unwrap_or_else(|e| panic!("insert {name:?}: {e}"));
}

/// The vocabulary as the app keeps it: the index's terms (migration 0008) and the words of
/// each new entry as the index holds them (`add_terms`, `index_form`).
fn fill_vocabulary<'a>(db: &Connection, texts: impl Iterator<Item = &'a str>) {
    db.execute(
        "insert or ignore into search_term (term)
         select distinct term from temp.partner_search_vocabulary where col <> 'facets'",
        [],
    )
    .expect("vocabulary from the index");
    let mut add = db
        .prepare_cached("insert or ignore into search_term (term) values (?1)")
        .expect("prepare");
    for text in texts {
        for word in keywords_all(text).map(|word| fold_accents(&word)) {
            if !word.is_empty() {
                add.execute([&word]).expect("add term");
            }
        }
    }
}

/// `words_beginning` of the server: the vocabulary words beginning with `prefix`, one more
/// than can be listed at most.
fn words_beginning(db: &Connection, prefix: &str) -> Vec<String> {
    let mut select = db
        .prepare_cached(
            "select term from search_term where term >= ?1 and term < ?2 order by term limit ?3",
        )
        .expect("prepare");
    let rows = select
        .query_map(
            params![
                prefix,
                format!("{prefix}\u{10FFFF}"),
                MAX_LISTED_WORDS as i64 + 1
            ],
            |row| row.get::<_, String>(0),
        )
        .expect("words beginning");
    rows.map(|row| row.expect("term")).collect()
}

/// Stands for `closest_term`: a vocabulary word sharing the keyword's first letter. Which
/// one does not matter here, only that a correction is a vocabulary word.
fn correction(db: &Connection, keyword: &str) -> Option<String> {
    let first: String = keyword.chars().take(1).collect();
    db.query_row(
        "select term from search_term where term >= ?1 and term < ?2 order by length(term), term",
        params![first, format!("{first}\u{10FFFF}")],
        |row| row.get(0),
    )
    .optional()
    .expect("correction")
}

/// Runs the expression; SQLite refusing it is the bug this target looks for.
fn search(db: &Connection, expression: &str, input: &str) -> Vec<i64> {
    let mut select = db
        .prepare_cached("select rowid from partner_search where partner_search match ?1")
        .expect("prepare");
    let rows = select
        .query_map([expression], |row| row.get(0))
        .and_then(|rows| rows.collect::<Result<Vec<i64>, _>>());
    match rows {
        Ok(rows) => rows,
        Err(e) => panic!(
            "SQLite refused the search\n  input:      {input:?}\n  expression: {expression:?}\n  error:      {e}\n  keywords:   {:?}",
            keywords(input.lines().next().unwrap_or_default()),
        ),
    }
}

/// The `to_tsquery` text must be empty exactly when there are no terms, and read back (each
/// operand quoted, `'` and `\` escaped, `:*` for a prefix, `&` between) to the keywords.
fn check_tsquery(terms: &[SearchTerm]) {
    let text = search_query::tsquery(terms);
    assert_eq!(text.is_empty(), terms.is_empty(), "{text:?} for {terms:?}");
    let mut rest = text.as_str();
    for (i, term) in terms.iter().enumerate() {
        if i > 0 {
            rest = rest
                .strip_prefix(" & ")
                .unwrap_or_else(|| panic!("no ` & ` before term {i} in {text:?}"));
        }
        rest = rest
            .strip_prefix('\'')
            .unwrap_or_else(|| panic!("term {i} unquoted in {text:?}"));
        let mut keyword = String::new();
        let mut chars = rest.char_indices();
        let end = loop {
            match chars.next() {
                Some((_, '\\')) => match chars.next() {
                    Some((_, c)) => keyword.push(c),
                    None => panic!("dangling backslash in {text:?}"),
                },
                Some((at, '\'')) => match chars.clone().next() {
                    Some((_, '\'')) => {
                        chars.next();
                        keyword.push('\'');
                    }
                    _ => break at + 1,
                },
                Some((_, c)) => keyword.push(c),
                None => panic!("unterminated operand in {text:?}"),
            }
        };
        assert_eq!(keyword, term.keyword, "in {text:?}");
        rest = &rest[end..];
        rest = rest.strip_prefix(":*").unwrap_or(rest);
    }
    assert!(rest.is_empty(), "{rest:?} left over in {text:?}");
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let search_box = input.lines().next().unwrap_or_default();
    let filter = FILTERS[input.len() % FILTERS.len()];
    let entries: Vec<[&str; 4]> = input
        .lines()
        .take(MAX_INPUT_ENTRIES)
        .map(|line| {
            let mut columns = line.splitn(4, '|');
            let name = columns.next().unwrap_or_default();
            match (columns.next(), columns.next(), columns.next()) {
                (None, _, _) => [name, "", "", name],
                (services, industries, description) => [
                    name,
                    services.unwrap_or_default(),
                    industries.unwrap_or_default(),
                    description.unwrap_or_default(),
                ],
            }
        })
        .collect();

    DB.with(|db| {
        let db = db.borrow();
        db.execute_batch("savepoint fuzz").expect("savepoint");
        let mut rowids = Vec::new();
        for [name, services, industries, description] in &entries {
            insert(
                &db,
                &[*name, *services, *industries, *description, INPUT_FACETS],
            );
            rowids.push(db.last_insert_rowid());
        }
        fill_vocabulary(&db, entries.iter().flat_map(|entry| entry.iter().copied()));

        let typed = keywords(search_box);
        // `index_form`: as SQLite's index holds words.
        let keywords: Vec<String> = typed
            .iter()
            .map(|keyword| fold_accents(keyword))
            .filter(|keyword| !keyword.is_empty())
            .collect();
        // As the server builds them: the words each keyword begins, or a correction.
        let mut resolved = Vec::new();
        for keyword in &keywords {
            let words = words_beginning(&db, keyword);
            if !words.is_empty() {
                resolved.push(SearchTerm::new(keyword.clone(), words));
            } else if let Some(correction) = correction(&db, keyword) {
                let words = words_beginning(&db, &correction);
                resolved.push(SearchTerm::new(correction, words));
            }
        }
        // Prefix and exact queries only.
        let bare: Vec<SearchTerm> = keywords
            .iter()
            .map(|keyword| SearchTerm::new(keyword.clone(), vec![]))
            .collect();
        // Every word of the input listed for every keyword, whatever it begins.
        let every_word: Vec<String> = entries
            .iter()
            .flat_map(|entry| entry.iter().flat_map(|text| keywords_all(text)))
            .flat_map(|word| [fold_accents(&word), word])
            .filter(|word| !word.is_empty())
            .take(MAX_LISTED_WORDS)
            .collect();
        let listed: Vec<SearchTerm> = keywords
            .iter()
            .map(|keyword| SearchTerm::new(keyword.clone(), every_word.clone()))
            .collect();

        // PostgreSQL's index only lower-cases: its terms are the keywords as typed.
        let typed: Vec<SearchTerm> = typed
            .into_iter()
            .map(|keyword| SearchTerm::new(keyword, vec![]))
            .collect();
        check_tsquery(&typed);

        for terms in [&resolved, &bare, &listed] {
            check_tsquery(terms);
            let expression = search_query::fts5_match(filter, terms);
            assert_eq!(expression.is_empty(), filter.is_none() && terms.is_empty());
            if !expression.is_empty() {
                search(&db, &expression, &input);
            }
        }

        // An entry is found by the keywords of its own name.
        if cfg!(feature = "strict") && !bare.is_empty() {
            let found = search(&db, &search_query::fts5_match(None, &bare), &input);
            assert!(
                rowids.first().is_some_and(|id| found.contains(id)),
                "the entry {search_box:?} is not found by its own keywords {keywords:?}"
            );
        }

        db.execute_batch("rollback to fuzz; release fuzz")
            .expect("rollback");
    });
});
