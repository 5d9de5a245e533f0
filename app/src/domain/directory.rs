//! Searching the partner directory and contacting partners.

use super::{CountryCode, Invalid, Location, OrganizationSize, PartnerId, RelationshipType};
use serde::{Deserialize, Serialize};

/// Results per page.
pub const PAGE_SIZE: u32 = 20;
/// Partners one contact request may go to.
pub const MAX_PARTNERS_PER_REQUEST: usize = 10;
/// Keywords beyond this many are ignored.
pub const MAX_KEYWORDS: usize = 8;

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
    /// Refuses only what can't be searched (an unknown country or size); keywords are
    /// normalized, never refused.
    pub fn parse(&self) -> Result<DirectoryQuery, Vec<(&'static str, Invalid)>> {
        let mut errors = Vec::new();
        let country = match self.country.trim() {
            "" => None,
            raw => CountryCode::parse(raw)
                .map_err(|e| errors.push(("country", e)))
                .ok(),
        };
        let size = match self.size.trim() {
            "" => None,
            raw => OrganizationSize::parse(raw)
                .map_err(|e| errors.push(("size", e)))
                .ok(),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let place = |raw: &str| {
            Some(raw.trim().to_lowercase()).filter(|s| !s.is_empty() && s.chars().count() <= 100)
        };
        Ok(DirectoryQuery {
            country,
            region: place(&self.region),
            city: place(&self.city),
            size,
            keywords: keywords(&self.q),
            page: self.page.min(10_000),
        })
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
        let mut parts: Vec<String> = pairs
            .iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={}", percent_encode(value)))
            .collect();
        if self.page > 0 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Every lower-cased word of letters and digits in `text` (for the search vocabulary).
pub fn keywords_all(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Lower-cased words of letters and digits, at most `MAX_KEYWORDS`, each at most 40 chars.
pub fn keywords(raw: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in raw
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word: String = word.to_lowercase().chars().take(40).collect();
        if !words.contains(&word) {
            words.push(word);
        }
        if words.len() == MAX_KEYWORDS {
            break;
        }
    }
    words
}

fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect()
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

/// Parses `"3,17,42"` into distinct partner ids, in order.
pub fn parse_partner_ids(raw: &str) -> Result<Vec<PartnerId>, Invalid> {
    let mut ids = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id = part.parse::<i64>().map_err(|_| Invalid::Malformed)?;
        let id = PartnerId::new(id);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    match ids.len() {
        0 => Err(Invalid::Required),
        n if n > MAX_PARTNERS_PER_REQUEST => Err(Invalid::TooManyPartners),
        _ => Ok(ids),
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
        };
        assert_eq!(results(0).page_count(), 0);
        assert_eq!(results(20).page_count(), 1);
        assert_eq!(results(21).page_count(), 2);
    }
}
