use super::partner_rows::{listed, stored_list, LocationRow, LOCATION_COLUMNS};
use crate::domain::place_key;
use crate::domain::{Location, OrganizationSize, PartnerId, PartnerProfile, RelationshipType};
use sqlx::AnyPool;

/// A directory entry as written by the seeder and `create-user`.
#[derive(Debug, Clone)]
pub struct NewPartner {
    pub name: String,
    pub description: String,
    pub website: String,
    pub contact_email: String,
    pub locations: Vec<Location>,
    pub sizes_served: Vec<OrganizationSize>,
    pub services: Vec<String>,
    pub industries: Vec<String>,
    pub certifications: Vec<String>,
    pub relationship_types_offered: Vec<RelationshipType>,
}

const PARTNER_COLUMNS: usize = 11;
const LOCATION_INSERT_COLUMNS: usize = 6;
/// Rows per statement: well under both backends' bind-parameter limits.
const BATCH_ROWS: usize = 1_000;

/// Inserts partners in batches inside one transaction and returns their ids in order.
/// Ids are assigned here, after the current maximum, so locations can follow in bulk.
pub async fn insert_many(
    pool: &AnyPool,
    partners: &[NewPartner],
    now_ms: i64,
) -> Result<Vec<PartnerId>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let first_id: i64 = sqlx::query_scalar("select coalesce(max(partner_id), 0) + 1 from partner")
        .fetch_one(&mut *tx)
        .await?;
    let ids: Vec<i64> = (first_id..first_id + partners.len() as i64).collect();
    for (chunk, chunk_ids) in partners.chunks(BATCH_ROWS).zip(ids.chunks(BATCH_ROWS)) {
        let sql = format!(
            "insert into partner (partner_id, name, description, website, contact_email, sizes_served,
                 relationship_types_offered, services, industries, certifications, created_at) values {}",
            placeholders(chunk.len(), PARTNER_COLUMNS)
        );
        let mut query = sqlx::query(&sql);
        for (partner, id) in chunk.iter().zip(chunk_ids) {
            query = query
                .bind(*id)
                .bind(&partner.name)
                .bind(&partner.description)
                .bind(&partner.website)
                .bind(&partner.contact_email)
                .bind(OrganizationSize::set_to_bits(&partner.sizes_served))
                .bind(RelationshipType::set_to_bits(
                    &partner.relationship_types_offered,
                ))
                .bind(stored_list(&partner.services))
                .bind(stored_list(&partner.industries))
                .bind(stored_list(&partner.certifications))
                .bind(now_ms);
        }
        query.execute(&mut *tx).await?;

        let locations: Vec<(i64, &Location)> = chunk
            .iter()
            .zip(chunk_ids)
            .flat_map(|(partner, id)| {
                partner
                    .locations
                    .iter()
                    .map(move |location| (*id, location))
            })
            .collect();
        for location_chunk in locations.chunks(BATCH_ROWS) {
            let sql = format!(
                "insert into partner_location (partner_id, country, region, city, region_key, city_key)
                 values {}",
                placeholders(location_chunk.len(), LOCATION_INSERT_COLUMNS)
            );
            let mut query = sqlx::query(&sql);
            for (id, location) in location_chunk {
                query = query
                    .bind(*id)
                    .bind(location.country.as_str())
                    .bind(location.region.as_deref())
                    .bind(location.city.as_deref())
                    .bind(location.region.as_deref().map(place_key))
                    .bind(location.city.as_deref().map(place_key));
            }
            query.execute(&mut *tx).await?;
        }
    }
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        super::search_feed::record_range(&mut tx, *first, *last, now_ms).await?;
    }
    tx.commit().await?;
    Ok(ids.into_iter().map(PartnerId::new).collect())
}

/// `($1, $2), ($3, $4)` for two rows of two columns.
fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let cells: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(sqlx::FromRow)]
struct PartnerRow {
    partner_id: i64,
    name: String,
    description: String,
    website: String,
    contact_email: String,
    sizes_served: i64,
    relationship_types_offered: i64,
    services: String,
    industries: String,
    certifications: String,
}

pub async fn find(
    pool: &AnyPool,
    partner_id: PartnerId,
) -> Result<Option<PartnerProfile>, sqlx::Error> {
    let row: Option<PartnerRow> = sqlx::query_as(
        "select partner_id, name, description, website, contact_email, sizes_served,
                relationship_types_offered, services, industries, certifications
         from partner where partner_id = $1",
    )
    .bind(partner_id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let locations: Vec<LocationRow> = sqlx::query_as(&format!(
        "select {LOCATION_COLUMNS} from partner_location where partner_id = $1
         order by country, region, city"
    ))
    .bind(partner_id.get())
    .fetch_all(pool)
    .await?;
    let locations = locations
        .iter()
        .map(LocationRow::location)
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Some(PartnerProfile {
        partner_id: PartnerId::new(row.partner_id),
        services: listed(&row.services),
        industries: listed(&row.industries),
        certifications: listed(&row.certifications),
        name: row.name,
        description: row.description,
        website: row.website,
        contact_email: row.contact_email,
        locations,
        sizes_served: OrganizationSize::set_from_bits(row.sizes_served),
        relationship_types_offered: RelationshipType::set_from_bits(row.relationship_types_offered),
    }))
}

pub async fn count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from partner")
        .fetch_one(pool)
        .await
}

pub async fn find_by_name(pool: &AnyPool, name: &str) -> Result<Option<PartnerId>, sqlx::Error> {
    sqlx::query_scalar("select partner_id from partner where name = $1 order by partner_id limit 1")
        .bind(name)
        .fetch_optional(pool)
        .await
        .map(|id| id.map(PartnerId::new))
}

/// Gives every stored place its comparison key (`domain::place_key`), for rows written before
/// the keys existed (migration 8); a no-op once all have one. One update per distinct name,
/// in batches, so a large directory is not one long write.
pub async fn fill_place_keys(pool: &AnyPool) -> Result<u64, sqlx::Error> {
    let mut filled = 0;
    for column in ["region", "city"] {
        loop {
            let names: Vec<String> = sqlx::query_scalar(&format!(
                "select distinct {column} from partner_location
                 where {column} is not null and {column}_key is null limit 1000"
            ))
            .fetch_all(pool)
            .await?;
            if names.is_empty() {
                break;
            }
            let mut tx = super::begin_write(pool).await?;
            for name in &names {
                let updated = sqlx::query(&format!(
                    "update partner_location set {column}_key = $1
                     where {column} = $2 and {column}_key is null"
                ))
                .bind(place_key(name))
                .bind(name)
                .execute(&mut *tx)
                .await?;
                filled += updated.rows_affected();
            }
            tx.commit().await?;
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_every_cell_in_order() {
        assert_eq!(super::placeholders(2, 2), "($1, $2), ($3, $4)");
    }
}
