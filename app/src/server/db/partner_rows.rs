//! How a directory entry is stored, for the modules that write it (`partners`) and those
//! that read it back (`partners`, `directory`): its keyword lists, its locations.

use crate::domain::{CountryCode, Location};

/// Lists of keywords (services, industries, certifications) are stored one per line.
const LIST_SEPARATOR: &str = "\n";

/// A list of keywords as stored.
pub(super) fn stored_list(items: &[String]) -> String {
    items.join(LIST_SEPARATOR)
}

/// A stored list of keywords.
pub(super) fn listed(stored: &str) -> Vec<String> {
    stored
        .split(LIST_SEPARATOR)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A row of `partner_location`.
#[derive(sqlx::FromRow)]
pub(super) struct LocationRow {
    pub partner_id: i64,
    pub country: String,
    pub region: Option<String>,
    pub city: Option<String>,
}

/// The columns a `LocationRow` reads, in its order.
pub(super) const LOCATION_COLUMNS: &str = "partner_id, country, region, city";

impl LocationRow {
    pub fn location(&self) -> Result<Location, sqlx::Error> {
        Ok(Location {
            country: super::decoded(
                "partner_location.country",
                &self.country,
                CountryCode::parse(&self.country).ok(),
            )?,
            region: self.region.clone(),
            city: self.city.clone(),
        })
    }
}
