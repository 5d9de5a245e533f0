//! Every Unicode scalar value against the search index, where a fuzzer's byte mutations rarely
//! reach most of them: `cargo run --release --example word_rule` (in fuzz/).
//!
//! 1. Errors: for each word character `c` (`is_word_char`), the keywords of `"ab{c}cd"` and
//!    of `"{c}"`, folded (`fold_accents`), become the FTS5 query the server builds; SQLite refusing it (a keyword the
//!    index splits in two: a phrase query, refused with `detail=column`) is listed.
//! 2. Misses: an entry `"ab{c}cd"` (and `"{c}"` for a letter) that its own keywords do not
//!    find, because the index folds or splits the word otherwise than `keywords` does.
//!
//! Prints a summary and the characters of each kind, grouped into ranges; exits 1 on any
//! error of kind 1 (kind 2 is reported, not failed: see fuzz/README.md).

use app::domain::search_query::{fts5_match, SearchTerm};
use app::domain::{fold_accents, is_word_char, keywords};
use rusqlite::Connection;

const SCHEMA: &str = r#"
create virtual table partner_search using fts5 (
    name, services, industries, description, facets,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'",
    prefix = '2 3 4',
    detail = column
);
"#;

fn main() {
    let db = Connection::open_in_memory().expect("SQLite");
    db.execute_batch(SCHEMA).expect("schema");

    let texts = |c: char| [format!("ab{c}cd"), c.to_string()];
    let query = |text: &str| -> Option<String> {
        let terms: Vec<SearchTerm> = keywords(text)
            .into_iter()
            .map(|keyword| fold_accents(&keyword))
            .filter(|keyword| !keyword.is_empty())
            .map(|keyword| SearchTerm::new(keyword, vec![]))
            .collect();
        (!terms.is_empty()).then(|| fts5_match(None, &terms))
    };

    // 1. Queries SQLite refuses.
    let mut refused: Vec<(char, String)> = Vec::new();
    let mut word_chars = 0;
    {
        let mut select = db
            .prepare("select rowid from partner_search where partner_search match ?1")
            .expect("prepare");
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_word_char(*c))
        {
            word_chars += 1;
            for text in texts(c) {
                if let Some(expression) = query(&text) {
                    if let Err(e) = select
                        .query([&expression])
                        .and_then(|mut rows| rows.next().map(|_| ()))
                    {
                        refused.push((c, format!("{expression:?}: {e}")));
                        break;
                    }
                }
            }
        }
    }

    // 2. Entries their own keywords miss: one entry per character, then one search each.
    db.execute_batch("begin").expect("begin");
    {
        let mut insert = db
            .prepare("insert into partner_search (rowid, name, description) values (?1, ?2, ?3)")
            .expect("prepare");
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_word_char(*c))
        {
            let [long, single] = texts(c);
            insert
                .execute(rusqlite::params![c as i64, long, single])
                .expect("insert");
        }
    }
    db.execute_batch("commit").expect("commit");
    let mut missed: Vec<(char, String)> = Vec::new();
    {
        let mut select = db
            .prepare("select 1 from partner_search where partner_search match ?1 and rowid = ?2")
            .expect("prepare");
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_word_char(*c))
        {
            for text in texts(c) {
                let Some(expression) = query(&text) else {
                    continue;
                };
                if refused.iter().any(|(r, _)| *r == c) {
                    continue;
                }
                let found = select
                    .query(rusqlite::params![expression, c as i64])
                    .and_then(|mut rows| Ok(rows.next()?.is_some()))
                    .unwrap_or(false);
                if !found {
                    missed.push((c, format!("{text:?} → {:?}", keywords(&text))));
                    break;
                }
            }
        }
    }

    println!("word characters: {word_chars}");
    println!("refused by SQLite: {}", refused.len());
    print_ranges(&refused);
    for (c, why) in refused.iter().take(10) {
        println!("  U+{:04X}: {why}", *c as u32);
    }
    println!("not found by their own keywords: {}", missed.len());
    print_ranges(&missed);
    for (c, why) in missed.iter().take(20) {
        println!("  U+{:04X}: {why}", *c as u32);
    }
    if !refused.is_empty() {
        std::process::exit(1);
    }
}

fn print_ranges(chars: &[(char, String)]) {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for (c, _) in chars {
        let c = *c as u32;
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == c => *end = c,
            _ => ranges.push((c, c)),
        }
    }
    let text: Vec<String> = ranges
        .iter()
        .map(|(start, end)| match start == end {
            true => format!("U+{start:04X}"),
            false => format!("U+{start:04X}–U+{end:04X}"),
        })
        .collect();
    if !text.is_empty() {
        println!("  {}", text.join(" "));
    }
}
