//! The directory search as it arrives in a URL (`/find-partner?country=…&q=…`): `parse` never
//! panics, and every keyword it keeps is made of word characters only (`is_word_char`, the
//! search index's own rule), at most `MAX_KEYWORDS` distinct ones of at most 40 characters;
//! the places kept are trimmed and free of control characters.
#![no_main]

use app::domain::{is_word_char, Invalid, SearchParams, MAX_KEYWORDS};
use libfuzzer_sys::fuzz_target;

const FIELDS: &[&str] = &["country", "size", "region", "city", "q"];

// The input is text, a field a line: country, size, region, city, page, and the search box
// (the rest, new lines included).
fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut lines = input.splitn(6, '\n');
    let mut field = || lines.next().unwrap_or_default().to_owned();
    let (country, size, region, city, page) = (field(), field(), field(), field(), field());
    let params = SearchParams {
        country,
        size,
        region,
        city,
        page: page.trim().parse().unwrap_or_else(|_| page.len() as u32),
        q: field(),
    };
    let _ = params.is_blank();
    let _ = params.to_query_string();
    match params.parse() {
        Ok(query) => {
            assert!(query.keywords.len() <= MAX_KEYWORDS, "{query:?}");
            for (i, keyword) in query.keywords.iter().enumerate() {
                assert!(!keyword.is_empty(), "{query:?}");
                assert!(keyword.chars().count() <= 40, "{keyword:?}");
                assert!(
                    keyword.chars().all(is_word_char),
                    "keyword {keyword:?} of {:?} holds a character that is no word character: {:?}",
                    params.q,
                    keyword
                        .chars()
                        .filter(|c| !is_word_char(*c))
                        .collect::<Vec<_>>()
                );
                assert!(!query.keywords[..i].contains(keyword), "{query:?}");
            }
            for place in [&query.region, &query.city].into_iter().flatten() {
                assert!(
                    !place.is_empty() && !place.chars().any(char::is_control),
                    "{place:?}"
                );
                assert_eq!(place, place.trim(), "{place:?}");
            }
            assert!(query.page <= 10_000);
            assert_eq!(query.country.is_some(), !params.country.trim().is_empty());
            assert_eq!(query.size.is_some(), !params.size.trim().is_empty());
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for (field, invalid) in errors {
                assert!(FIELDS.contains(&field), "{field}");
                let _ = Invalid::message_id(invalid);
            }
        }
    }
});
