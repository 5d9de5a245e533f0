//! A directory search as tantivy queries: every keyword must be found (in the name, services,
//! industries or description, weighted in that order by BM25 field boosts), the last one
//! typed also as the beginning of a word, a longer one also with a typo (one edit from five
//! letters, two from nine); the country and size filters; the place ranked first.

use super::{analyzer, place_term, Fields, FIELD_WEIGHTS};
use crate::domain::{CountryCode, DirectoryQuery, OrganizationSize};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

/// A word the beginning of which is matched: at least this many letters (one letter would
/// match a good part of the vocabulary, for little use).
const MIN_PREFIX_CHARS: usize = 2;
/// Words one beginning may stand for, per segment: far more than a directory's vocabulary
/// holds for any two letters, and a bound on what one search can cost.
const MAX_PREFIX_TERMS: u32 = 50_000;
/// A prefix or typo match counts this much of an exact one in the same field.
const PREFIX_WEIGHT: f32 = 0.5;
const TYPO_WEIGHT: f32 = 0.25;

/// The answer of the index: a page of partner ids in rank order and the counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    pub partner_ids: Vec<i64>,
    /// Matches in all pages.
    pub total: i64,
    /// Matches serving each country under the other filters (size), most first.
    pub countries: Vec<(CountryCode, u64)>,
    /// Matches serving each size under the other filters (country), smallest size first.
    pub sizes: Vec<(OrganizationSize, u64)>,
    /// The keywords as searched, when a word matched nothing as typed and a typo correction did.
    pub corrected: Option<String>,
}

/// The edits a typo may have in a word of `chars` letters.
pub fn typo_distance(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

pub(super) struct Plan {
    /// Every keyword's matches (every partner without keywords); the country and size
    /// filters are tested per match (`collector`), which counts the facets in the same pass.
    pub keywords: Box<dyn Query>,
    /// Whether there are keywords to rank by.
    pub scored: bool,
    /// Terms of the chosen city and region (in the chosen country): partners with one rank first.
    pub local_terms: Vec<Term>,
    pub corrected: Option<String>,
}

/// One word of the search as the index is asked for it.
struct Word {
    /// As written (lower-cased, accents folded): prefixes and typos are matched on this.
    written: String,
    /// Stemmed: exact matches, ranked.
    stem: String,
    /// The last word typed: also matched as a beginning.
    last: bool,
}

impl Plan {
    pub fn new(
        fields: &Fields,
        searcher: &Searcher,
        search: &DirectoryQuery,
    ) -> tantivy::Result<Self> {
        let words = words_of(&search.keywords);
        let mut keyword_clauses: Vec<Box<dyn Query>> = Vec::with_capacity(words.len());
        let mut corrected_any = false;
        let mut searched: Vec<String> = Vec::with_capacity(words.len());
        for word in &words {
            let as_typed = found(fields, searcher, word)?;
            keyword_clauses.push(word_query(fields, word, !as_typed));
            match as_typed {
                true => searched.push(word.written.clone()),
                false => match correction(fields, searcher, &word.written)? {
                    Some(correction) => {
                        corrected_any = true;
                        searched.push(correction);
                    }
                    None => searched.push(word.written.clone()),
                },
            }
        }
        let local_terms = search
            .country
            .filter(|_| search.region.is_some() || search.city.is_some())
            .map(|country| {
                let region = search
                    .region
                    .iter()
                    .map(|key| (fields.place, country, "region", key));
                let city = search
                    .city
                    .iter()
                    .map(|key| (fields.place, country, "city", key));
                region
                    .chain(city)
                    .map(|(field, country, kind, key)| {
                        Term::from_field_text(field, &place_term(country, kind, key))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let scored = !keyword_clauses.is_empty();
        let keywords: Box<dyn Query> = match keyword_clauses.len() {
            0 => Box::new(AllQuery),
            1 => keyword_clauses.remove(0),
            _ => Box::new(BooleanQuery::new(
                keyword_clauses
                    .into_iter()
                    .map(|clause| (Occur::Must, clause))
                    .collect(),
            )),
        };
        Ok(Plan {
            keywords,
            scored,
            local_terms,
            corrected: corrected_any.then(|| searched.join(" ")),
        })
    }
}

/// The search's words: each keyword as the analyzers cut it (a Chinese keyword may give
/// several words), the last one marked.
fn words_of(keywords: &[String]) -> Vec<Word> {
    let (mut written_analyzer, mut stem_analyzer) = (analyzer::words(), analyzer::stemmed());
    let mut words: Vec<Word> = keywords
        .iter()
        .flat_map(|keyword| {
            let written = analyzer::terms(&mut written_analyzer, keyword);
            let stems = analyzer::terms(&mut stem_analyzer, keyword);
            written
                .into_iter()
                .zip(stems)
                .map(|(written, stem)| Word {
                    written,
                    stem,
                    last: false,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    words.retain(|word| seen.insert(word.written.clone()));
    if let Some(last) = words.last_mut() {
        last.last = true;
    }
    words
}

/// Where one word must be found: the exact word (stemmed) in any ranked field, the beginning
/// of a word when it is the last one typed, and, for a word the index does not hold as typed
/// (`typo`), a word a typo away when it is long enough. (A word spelled right is not also
/// matched a typo away: that gathered every near word's entries, three quarters of a search's
/// time at 100,000 partners.)
fn word_query(fields: &Fields, word: &Word, typo: bool) -> Box<dyn Query> {
    let chars = word.written.chars().count();
    let distance = if typo { typo_distance(chars) } else { 0 };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (field, weight) in fields.ranked.iter().zip(FIELD_WEIGHTS) {
        let exact = TermQuery::new(
            Term::from_field_text(*field, &word.stem),
            IndexRecordOption::WithFreqs,
        );
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(exact), weight)),
        ));
    }
    for (field, weight) in fields.words.iter().zip(FIELD_WEIGHTS) {
        let term = Term::from_field_text(*field, &word.written);
        if word.last && chars >= MIN_PREFIX_CHARS {
            // A range of the term dictionary. (A distance-0 prefix automaton walks the whole
            // dictionary: 1.7 ms a search at 20,000 terms, growing with the vocabulary.)
            let mut prefix = PhrasePrefixQuery::new(vec![term.clone()]);
            prefix.set_max_expansions(MAX_PREFIX_TERMS);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(prefix), weight * PREFIX_WEIGHT)),
            ));
        }
        if distance > 0 {
            let typo = FuzzyTermQuery::new(term, distance, true);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(typo), weight * TYPO_WEIGHT)),
            ));
        }
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Whether the index holds `word` as typed (or, for the last word, a word it begins).
fn found(fields: &Fields, searcher: &Searcher, word: &Word) -> tantivy::Result<bool> {
    for field in fields.words {
        let term = Term::from_field_text(field, &word.written);
        if searcher.doc_freq(&term)? > 0 {
            return Ok(true);
        }
        if word.last && word.written.chars().count() >= MIN_PREFIX_CHARS {
            let bytes = word.written.as_bytes();
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut range = inverted.terms().range().ge(bytes);
                if let Some(end) = prefix_end(bytes) {
                    range = range.lt(end);
                }
                if range.into_stream()?.advance() {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// The indexed word closest to `written` within the typo distance its length allows (the
/// nearest first, then the one in most entries), for saying what was searched instead.
fn correction(
    fields: &Fields,
    searcher: &Searcher,
    written: &str,
) -> tantivy::Result<Option<String>> {
    let allowed = typo_distance(written.chars().count());
    for distance in 1..=allowed {
        let mut best: Option<(u64, String)> = None;
        for field in fields.words {
            let automaton =
                FuzzyTermQuery::new(Term::from_field_text(field, written), distance, true)
                    .automaton()?;
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().search(&automaton).into_stream()?;
                while stream.advance() {
                    let entries = u64::from(stream.value().doc_freq);
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if best.as_ref().is_none_or(|(most, _)| entries > *most) {
                        best = Some((entries, term.to_owned()));
                    }
                }
            }
        }
        if let Some((_, term)) = best {
            return Ok(Some(term));
        }
    }
    Ok(None)
}

/// The first byte string after every string beginning with `prefix`; `None` when there is none.
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_owned();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_words_may_have_more_typos() {
        assert_eq!(typo_distance(4), 0);
        assert_eq!(typo_distance(5), 1);
        assert_eq!(typo_distance(8), 1);
        assert_eq!(typo_distance(9), 2);
    }

    #[test]
    fn a_prefix_ends_before_the_next_one() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[b'a', u8::MAX]), Some(b"b".to_vec()));
        assert_eq!(prefix_end(&[u8::MAX]), None);
    }

    #[test]
    fn only_the_last_word_typed_is_a_prefix() {
        let words = words_of(&["cloud".to_owned(), "migra".to_owned()]);
        assert_eq!(
            words
                .iter()
                .map(|w| (w.written.as_str(), w.last))
                .collect::<Vec<_>>(),
            [("cloud", false), ("migra", true)]
        );
    }
}
