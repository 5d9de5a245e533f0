//! The directory's rows a search shows: the search itself runs in the index
//! (`crate::search`), which answers with partner ids; their rows are read here.

use super::partner_rows::{listed, LocationRow, LOCATION_COLUMNS};
use crate::domain::{OrganizationSize, PartnerId, PartnerSummary, RelationshipType};
use sqlx::{AnyPool, FromRow};

/// The result rows of `ids`, in that order; ids no longer in the directory are left out.
pub async fn summaries(pool: &AnyPool, ids: &[i64]) -> Result<Vec<PartnerSummary>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select partner_id, name, sizes_served, relationship_types_offered, services
         from partner where partner_id in ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, SummaryRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    let mut rows = query.fetch_all(pool).await?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.partner_id));
    with_locations(pool, rows).await
}

#[derive(FromRow)]
struct SummaryRow {
    partner_id: i64,
    name: String,
    sizes_served: i64,
    relationship_types_offered: i64,
    services: String,
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
