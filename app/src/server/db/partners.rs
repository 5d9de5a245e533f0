use super::audit::{self, AuditEvent};
use super::partner_rows::{listed, stored_list, LocationRow, LOCATION_COLUMNS};
use crate::domain::place_key;
use crate::domain::{
    AuditAction, Location, OrganizationSize, PartnerId, PartnerProfile, ProfileEdit,
    RelationshipType, UserId,
};
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
        insert_locations(&mut tx, &locations).await?;
    }
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        super::search_feed::record_range(&mut tx, *first, *last, now_ms).await?;
    }
    tx.commit().await?;
    Ok(ids.into_iter().map(PartnerId::new).collect())
}

/// Inserts the places of partners, with their comparison keys, in batches.
async fn insert_locations(
    tx: &mut sqlx::AnyConnection,
    locations: &[(i64, &Location)],
) -> Result<(), sqlx::Error> {
    for chunk in locations.chunks(BATCH_ROWS) {
        let sql = format!(
            "insert into partner_location (partner_id, country, region, city, region_key, city_key)
             values {}",
            placeholders(chunk.len(), LOCATION_INSERT_COLUMNS)
        );
        let mut query = sqlx::query(&sql);
        for (id, location) in chunk {
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
    Ok(())
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
    description_zh: String,
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
        "select partner_id, name, description, description_zh, website, contact_email,
                sizes_served, relationship_types_offered, services, industries, certifications
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
        description_zh: row.description_zh,
        website: row.website,
        contact_email: row.contact_email,
        locations,
        sizes_served: OrganizationSize::set_from_bits(row.sizes_served),
        relationship_types_offered: RelationshipType::set_from_bits(row.relationship_types_offered),
    }))
}

/// Replaces a partner's directory entry (all but its name and certifications) and its places,
/// in one transaction with its search-feed change and its audit event, if `actor` is one of
/// the partner's admin agents as it writes (an agent demoted since the request was let in
/// writes nothing). `false`: nothing written (no such partner, or no such admin agent).
pub async fn update_profile(
    pool: &AnyPool,
    partner_id: PartnerId,
    edit: &ProfileEdit,
    actor: UserId,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let updated = sqlx::query(
        "update partner set description = $1, description_zh = $2, website = $3,
             contact_email = $4, sizes_served = $5, relationship_types_offered = $6,
             services = $7, industries = $8
         where partner_id = $9
           and exists (select 1 from partner_admin_agent a
                       join app_user u on u.user_id = a.user_id
                       where a.user_id = $10 and u.partner_id = $9)",
    )
    .bind(&edit.description)
    .bind(edit.description_zh.as_deref().unwrap_or_default())
    .bind(&edit.website)
    .bind(edit.contact_email.as_str())
    .bind(OrganizationSize::set_to_bits(&edit.sizes_served))
    .bind(RelationshipType::set_to_bits(
        &edit.relationship_types_offered,
    ))
    .bind(stored_list(&edit.services))
    .bind(stored_list(&edit.industries))
    .bind(partner_id.get())
    .bind(actor.get())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Ok(false);
    }
    sqlx::query("delete from partner_location where partner_id = $1")
        .bind(partner_id.get())
        .execute(&mut *tx)
        .await?;
    let locations: Vec<(i64, &Location)> = edit
        .locations
        .iter()
        .map(|location| (partner_id.get(), location))
        .collect();
    insert_locations(&mut tx, &locations).await?;
    super::search_feed::record(&mut tx, partner_id.get(), now_ms).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: None,
            actor: Some(actor),
            partner_id: Some(partner_id),
            action: AuditAction::PartnerProfileUpdated,
            target: format!("partner:{}", partner_id.get()),
        },
        now_ms,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
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
