//! The text of a directory search as the index is asked for it: an FTS5 `MATCH` expression
//! (SQLite) or a `to_tsquery` text (PostgreSQL), built from keywords split by
//! `directory::words`. Pure text, so it can be fuzzed against a real index.

/// Keywords up to this long have their own prefix index entries (`prefix = '2 3 4'`).
const PREFIX_INDEXED_CHARS: usize = 4;
/// A keyword beginning more directory words than this is searched as a prefix.
pub const MAX_LISTED_WORDS: usize = 16;

/// A keyword as the search index is asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm {
    /// The keyword, or the directory word a typo was corrected to.
    pub keyword: String,
    match_: Match,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Match {
    /// The directory words it begins, when few enough to list: listing them lets SQLite read
    /// each word's index entry as it goes, where a prefix query first merges the entries of
    /// every word with that prefix.
    Listed(Vec<String>),
    /// Every word it begins, through the prefix index.
    Prefix,
    /// The word itself only: a single character would merge the entries of a whole letter.
    Exact,
}

impl SearchTerm {
    /// `words`: the directory words beginning with `keyword`, up to one more than listable.
    pub fn new(keyword: String, words: Vec<String>) -> Self {
        let length = keyword.chars().count();
        let match_ = if length <= 1 {
            Match::Exact
        } else if length > PREFIX_INDEXED_CHARS && words.len() <= MAX_LISTED_WORDS {
            Match::Listed(words)
        } else {
            Match::Prefix
        };
        Self { keyword, match_ }
    }

    /// The FTS5 query for this term, over the searchable columns.
    pub fn fts5(&self) -> String {
        let columns = "{name services industries description}";
        match &self.match_ {
            Match::Listed(words) if !words.is_empty() => {
                let words: Vec<String> = words.iter().map(|word| fts5_string(word)).collect();
                format!("{columns} : ({})", words.join(" OR "))
            }
            Match::Listed(_) | Match::Prefix => {
                format!("{columns} : {}*", fts5_string(&self.keyword))
            }
            Match::Exact => format!("{columns} : {}", fts5_string(&self.keyword)),
        }
    }

    /// The `to_tsquery` operand for this term.
    pub fn tsquery(&self) -> String {
        let quoted = format!(
            "'{}'",
            self.keyword.replace('\\', "\\\\").replace('\'', "''")
        );
        match self.match_ {
            Match::Exact => quoted,
            Match::Listed(_) | Match::Prefix => format!("{quoted}:*"),
        }
    }
}

/// An FTS5 string: in double quotes, a double quote doubled.
fn fts5_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The FTS5 `MATCH` expression for a filter token (in the `facets` column) and terms; empty
/// when there is neither.
pub fn fts5_match(filter_token: Option<&str>, terms: &[SearchTerm]) -> String {
    filter_token
        .map(|token| format!("facets : {}", fts5_string(token)))
        .into_iter()
        .chain(terms.iter().map(SearchTerm::fts5))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The `to_tsquery('simple', …)` text for terms; empty when there are none.
pub fn tsquery(terms: &[SearchTerm]) -> String {
    terms
        .iter()
        .map(SearchTerm::tsquery)
        .collect::<Vec<_>>()
        .join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(keyword: &str, words: &[&str]) -> SearchTerm {
        SearchTerm::new(
            keyword.to_owned(),
            words.iter().map(|w| (*w).to_owned()).collect(),
        )
    }

    #[test]
    fn long_keywords_list_the_words_they_begin() {
        assert_eq!(
            term("migra", &["migrate", "migration"]).fts5(),
            "{name services industries description} : (\"migrate\" OR \"migration\")"
        );
        assert_eq!(
            term("clo", &["cloud"]).fts5(),
            "{name services industries description} : \"clo\"*"
        );
    }

    #[test]
    fn a_single_character_matches_only_itself() {
        assert_eq!(
            term("z", &["zebra"]).fts5(),
            "{name services industries description} : \"z\""
        );
        assert_eq!(term("云", &[]).tsquery(), "'云'");
        assert_eq!(term("cloud", &[]).tsquery(), "'cloud':*");
    }

    #[test]
    fn the_filter_token_is_read_from_its_own_column() {
        assert_eq!(
            fts5_match(Some("zzcountryus"), &[term("data", &[])]),
            "facets : \"zzcountryus\" AND {name services industries description} : \"data\"*"
        );
        assert_eq!(fts5_match(None, &[]), "");
    }

    #[test]
    fn quotes_never_end_a_string_early() {
        assert_eq!(term("a\"b", &[]).fts5().matches("\"\"").count(), 1);
        assert_eq!(term("it's", &[]).tsquery(), "'it''s':*");
    }
}
