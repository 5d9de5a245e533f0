//! Searching the partner directory and contacting partners.

use super::{CountryCode, Invalid, Location, OrganizationSize, PartnerId, RelationshipType};
use serde::{Deserialize, Serialize};

/// Results per page.
pub const PAGE_SIZE: u32 = 20;
/// Partners one contact request may go to.
pub const MAX_PARTNERS_PER_REQUEST: usize = 10;
/// Keywords beyond this many are ignored.
pub const MAX_KEYWORDS: usize = 8;
/// A search box longer than this is no search (eight 40-character words in any script fit).
const MAX_QUERY_BYTES: usize = 2_000;
/// A city or region name.
const MAX_PLACE_CHARS: usize = 100;
/// Ten ids of 19 digits with separators and spaces fit well within this.
const MAX_PARTNER_LIST_BYTES: usize = 400;

/// A search as it stands in the URL (`/find-partner?country=DE&size=51-250&q=cloud`): every
/// field as typed, so a shared link or the back button restores the form exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub country: String,
    pub region: String,
    pub city: String,
    pub size: String,
    pub q: String,
    pub page: u32,
}

/// A search the server can run.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DirectoryQuery {
    pub country: Option<CountryCode>,
    /// Lower-cased; a partner serving it ranks higher.
    pub region: Option<String>,
    pub city: Option<String>,
    pub size: Option<OrganizationSize>,
    pub keywords: Vec<String>,
    /// Zero-based.
    pub page: u32,
}

impl SearchParams {
    /// Refuses only what can't be searched (an unknown country or size, control characters,
    /// text far longer than any search); keywords are normalized, never refused.
    pub fn parse(&self) -> Result<DirectoryQuery, Vec<(&'static str, Invalid)>> {
        let refused = self.refused_fields();
        if !refused.is_empty() {
            return Err(refused);
        }
        let place = |raw: &str| Some(place_key(raw)).filter(|key| !key.is_empty());
        Ok(DirectoryQuery {
            country: optional(&self.country, CountryCode::parse).ok().flatten(),
            region: place(&self.region),
            city: place(&self.city),
            size: optional(&self.size, OrganizationSize::parse).ok().flatten(),
            keywords: keywords(&self.q),
            page: self.page.min(10_000),
        })
    }

    /// The fields that can't be searched, each with why; empty when the search can run. The
    /// search page shows these beside the fields, the same on the server and in the browser.
    pub fn refused_fields(&self) -> Vec<(&'static str, Invalid)> {
        let checks = [
            (
                "country",
                optional(&self.country, CountryCode::parse).map(drop),
            ),
            (
                "region",
                super::optional_text(&self.region, MAX_PLACE_CHARS).map(drop),
            ),
            (
                "city",
                super::optional_text(&self.city, MAX_PLACE_CHARS).map(drop),
            ),
            (
                "size",
                optional(&self.size, OrganizationSize::parse).map(drop),
            ),
            ("q", search_text(&self.q)),
        ];
        checks
            .into_iter()
            .filter_map(|(field, checked)| checked.err().map(|invalid| (field, invalid)))
            .collect()
    }

    /// True before anything was searched for (the page just opened).
    pub fn is_blank(&self) -> bool {
        [&self.country, &self.region, &self.city, &self.size, &self.q]
            .iter()
            .all(|field| field.trim().is_empty())
    }

    /// The URL query of this search, for links (paging) and navigation.
    pub fn to_query_string(&self) -> String {
        let pairs = [
            ("country", self.country.as_str()),
            ("region", self.region.as_str()),
            ("city", self.city.as_str()),
            ("size", self.size.as_str()),
            ("q", self.q.as_str()),
        ];
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs.iter().filter(|(_, value)| !value.is_empty()) {
            query.append_pair(name, value);
        }
        if self.page > 0 {
            query.append_pair("page", &self.page.to_string());
        }
        match query.finish() {
            query if query.is_empty() => query,
            query => format!("?{query}"),
        }
    }
}

/// An optional filter: empty is none, anything else must parse.
fn optional<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, Invalid>,
) -> Result<Option<T>, Invalid> {
    super::without_controls(raw, super::Lines::One)?;
    match raw.trim() {
        "" => Ok(None),
        raw if raw.len() > 100 => Err(Invalid::Malformed),
        raw => parse(raw).map(Some),
    }
}

/// How a city or region is compared: case folded in every script (`MÜNCHEN` is `münchen`),
/// spaces collapsed. Stored places keep this key beside their spelling.
pub fn place_key(place: &str) -> String {
    place
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The search box's text is refused only when it can't be a search: control characters,
/// or far longer than any search.
fn search_text(raw: &str) -> Result<(), Invalid> {
    if raw.len() > MAX_QUERY_BYTES {
        return Err(Invalid::TooLong);
    }
    super::without_controls(raw, super::Lines::One)
}

/// Whether `c` belongs to a word. The one rule for the search box, the directory's vocabulary
/// and the search index (`tokenize = 'unicode61 … categories ''L* N* Co Mn Mc''`, migration
/// 8): letters, digits, private-use characters and the marks that are part of a letter in
/// many scripts (the vowel signs of सेवा, the points of שָׁלוֹם). Everything else separates words.
pub fn is_word_char(c: char) -> bool {
    use unicode_properties::UnicodeGeneralCategory;
    use unicode_properties::{GeneralCategory as C, GeneralCategoryGroup as G};
    matches!(c.general_category_group(), G::Letter | G::Number)
        || matches!(
            c.general_category(),
            C::PrivateUse | C::NonspacingMark | C::SpacingMark
        )
}

/// Whether `c` carries a word by itself (not only a mark on a letter). A "word" of marks
/// alone is no word: the index folds some of them away and would match it everywhere.
fn is_base_char(c: char) -> bool {
    is_word_char(c)
        && !matches!(
            unicode_properties::UnicodeGeneralCategory::general_category(c),
            unicode_properties::GeneralCategory::NonspacingMark
                | unicode_properties::GeneralCategory::SpacingMark
        )
}

/// The words of `text` by the index's rule, lower-cased, in order, with repeats.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|word| word.chars().any(is_base_char))
        .map(str::to_lowercase)
}

/// Every word of `text`, for the search vocabulary.
pub fn keywords_all(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text)
}

/// Distinct words of the search box, at most `MAX_KEYWORDS`, each at most 40 characters.
pub fn keywords(raw: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in words(raw) {
        let word: String = word.chars().take(40).collect();
        if !found.contains(&word) {
            found.push(word);
        }
        if found.len() == MAX_KEYWORDS {
            break;
        }
    }
    found
}

/// Removes the accents of Latin letters (`Ü` is `u`, also when typed as `U` + U+0308), as the
/// SQLite index does (`remove_diacritics 2` folds Latin letters only): its words are folded
/// so, and keywords are folded the same before they are looked up among them. Every other
/// script is left as it is (`Дальний`, `Ελλάδα`, `ज़रूरत`), since the index leaves it so.
pub fn fold_accents(word: &str) -> String {
    use unicode_normalization::char::decompose_canonical;
    if word.is_ascii() {
        return word.to_owned();
    }
    let mut folded = String::with_capacity(word.len());
    let mut after_latin = false;
    for c in word.chars() {
        if is_latin_letter(c) {
            decompose_canonical(c, |part| {
                if !is_combining_accent(part) {
                    folded.push(part);
                }
            });
            after_latin = true;
        } else if after_latin && is_combining_accent(c) {
            // An accent typed apart from the Latin letter it belongs to.
        } else {
            folded.push(c);
            after_latin = false;
        }
    }
    folded
}

/// Latin letters the index folds accents of: Latin-1, Latin Extended-A and -B, and Latin
/// Extended Additional, but for the letters its table keeps as they are (Ǡ ǡ Ǣ ǣ Ǯ ǯ Ǽ ǽ Ǿ ǿ).
/// Checked against SQLite itself for every character: `fuzz/examples/word_rule.rs`.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
            && c.is_alphabetic()
            && !matches!(c, '\u{1e0}'..='\u{1e3}' | '\u{1ee}'..='\u{1ef}' | '\u{1fc}'..='\u{1ff}')
}

/// The combining accents the index removes from a Latin letter (a part of U+0300–U+0331).
fn is_combining_accent(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{304}'
            | '\u{306}'..='\u{30c}'
            | '\u{30f}'
            | '\u{311}'
            | '\u{31b}'
            | '\u{323}'..='\u{328}'
            | '\u{32d}'..='\u{32e}'
            | '\u{330}'..='\u{331}'
    )
}

/// One row of the results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerSummary {
    pub partner_id: PartnerId,
    pub name: String,
    pub locations: Vec<Location>,
    pub sizes_served: Vec<OrganizationSize>,
    pub services: Vec<String>,
    pub relationship_types_offered: Vec<RelationshipType>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub total: i64,
    pub page: u32,
    pub partners: Vec<PartnerSummary>,
    /// The keywords actually searched, when a typo was corrected.
    pub searched_for: Option<String>,
    /// How many matches serve each country, under the keywords and the size chosen (most first).
    pub countries: Vec<CountryCount>,
    /// How many matches serve each size, under the keywords and the country chosen.
    pub sizes: Vec<SizeCount>,
}

/// A country of the search's filter list, and how many matches serve it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryCount {
    pub country: CountryCode,
    pub count: i64,
}

/// An organization size of the search's filter list, and how many matches serve it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SizeCount {
    pub size: OrganizationSize,
    pub count: i64,
}

impl SearchResults {
    pub fn page_count(&self) -> u32 {
        ((self.total.max(0) as u64).div_ceil(PAGE_SIZE as u64)) as u32
    }
}

/// A partner chosen for a contact request, as the form lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenPartner {
    pub partner_id: PartnerId,
    pub name: String,
}

/// Parses `"3,17,42"` into distinct partner ids, in order. A list longer than ten ids could
/// ever be is refused before it is read, and reading stops at the eleventh id.
pub fn parse_partner_ids(raw: &str) -> Result<Vec<PartnerId>, Invalid> {
    if raw.len() > MAX_PARTNER_LIST_BYTES {
        return Err(Invalid::TooManyPartners);
    }
    let mut ids = Vec::with_capacity(MAX_PARTNERS_PER_REQUEST);
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id = part.parse::<i64>().map_err(|_| Invalid::Malformed)?;
        let id = PartnerId::new(id);
        if !ids.contains(&id) {
            if ids.len() == MAX_PARTNERS_PER_REQUEST {
                return Err(Invalid::TooManyPartners);
            }
            ids.push(id);
        }
    }
    match ids.is_empty() {
        true => Err(Invalid::Required),
        false => Ok(ids),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_lower_cased_distinct_words() {
        assert_eq!(
            keywords("Cloud  migration, CLOUD; security!"),
            vec!["cloud", "migration", "security"]
        );
        assert_eq!(keywords("  "), Vec::<String>::new());
        assert_eq!(keywords(&"a ".repeat(20)).len(), 1);
        assert_eq!(keywords("a b c d e f g h i j").len(), MAX_KEYWORDS);
    }

    #[test]
    fn an_unknown_country_or_size_is_refused() {
        let params = SearchParams {
            country: "XX".into(),
            size: "huge".into(),
            ..Default::default()
        };
        let errors = params.parse().err().unwrap_or_default();
        assert_eq!(
            errors,
            vec![
                ("country", Invalid::CountryUnknown),
                ("size", Invalid::SizeUnknown)
            ]
        );
    }

    #[test]
    fn a_search_round_trips_through_its_url() {
        let params = SearchParams {
            country: "DE".into(),
            q: "cloud & security".into(),
            page: 2,
            ..Default::default()
        };
        assert_eq!(
            params.to_query_string(),
            "?country=DE&q=cloud+%26+security&page=2"
        );
        assert_eq!(SearchParams::default().to_query_string(), "");
    }

    #[test]
    fn partner_ids_are_distinct_and_at_most_ten() {
        assert_eq!(parse_partner_ids("3, 4,3").map(|ids| ids.len()), Ok(2));
        assert_eq!(parse_partner_ids(""), Err(Invalid::Required));
        assert_eq!(parse_partner_ids("1,x"), Err(Invalid::Malformed));
        let eleven = (1..=11)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_partner_ids(&eleven), Err(Invalid::TooManyPartners));
    }

    #[test]
    fn results_know_their_page_count() {
        let results = |total| SearchResults {
            total,
            page: 0,
            partners: vec![],
            searched_for: None,
            countries: vec![],
            sizes: vec![],
        };
        assert_eq!(results(0).page_count(), 0);
        assert_eq!(results(20).page_count(), 1);
        assert_eq!(results(21).page_count(), 2);
    }

    #[test]
    fn words_of_every_script_are_one_keyword_each() {
        assert_eq!(keywords("सेवा"), vec!["सेवा"]);
        assert_eq!(keywords("ภาษาไทย"), vec!["ภาษาไทย"]);
        assert_eq!(keywords("שָׁלוֹם"), vec!["שָׁלוֹם"]);
        assert_eq!(keywords("مرحبا بكم"), vec!["مرحبا", "بكم"]);
        assert_eq!(keywords("云迁移"), vec!["云迁移"]);
        assert_eq!(keywords("😀 cloud"), vec!["cloud"]);
        assert_eq!(keywords("Über STRASSE"), vec!["über", "strasse"]);
        // Marks alone are no word.
        assert_eq!(keywords("\u{301}\u{94d} cloud"), vec!["cloud"]);
        // Decomposed accents fold like composed ones.
        assert_eq!(fold_accents("u\u{308}ber"), fold_accents("über"));
        assert_eq!(fold_accents("über"), "uber");
        // The index folds Latin letters only.
        for word in ["дальний", "ελλάδα", "ज़रूरत", "שָׁלוֹם"] {
            assert_eq!(fold_accents(word), word);
        }
    }

    #[test]
    fn places_fold_case_in_every_script() {
        assert_eq!(place_key("  MÜNCHEN "), "münchen");
        assert_eq!(place_key("São   Paulo"), "são paulo");
        assert_eq!(place_key("ΑΘΉΝΑ"), "αθήνα");
    }

    #[test]
    fn control_characters_in_a_search_are_refused() {
        let params = SearchParams {
            q: "cloud\0".into(),
            city: "Se\0attle".into(),
            ..Default::default()
        };
        assert_eq!(
            params.parse().err(),
            Some(vec![
                ("city", Invalid::ControlCharacter),
                ("q", Invalid::ControlCharacter)
            ])
        );
        let huge = SearchParams {
            q: "cloud ".repeat(100_000),
            ..Default::default()
        };
        assert_eq!(huge.parse().err(), Some(vec![("q", Invalid::TooLong)]));
    }

    #[test]
    fn a_huge_partner_list_is_refused_before_it_is_read() {
        let huge = (1..200_000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_partner_ids(&huge), Err(Invalid::TooManyPartners));
        let repeated = "1,".repeat(150);
        assert_eq!(parse_partner_ids(&repeated).map(|ids| ids.len()), Ok(1));
    }
}
