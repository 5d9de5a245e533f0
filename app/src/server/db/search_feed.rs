//! The feed the search index follows: each write to a partner records a change (in the
//! transaction that writes it), and each process reads the changes after the last one its
//! index holds, then the partners they name, as the index wants them.

use super::partner_rows::listed;
use crate::domain::{CountryCode, OrganizationSize, RelationshipType};
use crate::search::{IndexedPartner, Place};
use sqlx::{AnyConnection, AnyPool, FromRow};

/// Records that partners `first..=last` were written.
pub async fn record_range(
    tx: &mut AnyConnection,
    first: i64,
    last: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into partner_change (partner_id, changed_at)
         select partner_id, $1 from partner where partner_id between $2 and $3
         order by partner_id",
    )
    .bind(now_ms)
    .bind(first)
    .bind(last)
    .execute(tx)
    .await?;
    Ok(())
}

/// Records that one partner was written (or removed).
pub async fn record(
    tx: &mut AnyConnection,
    partner_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into partner_change (partner_id, changed_at) values ($1, $2)")
        .bind(partner_id)
        .bind(now_ms)
        .execute(tx)
        .await?;
    Ok(())
}

/// Which database this is (migration 18).
pub async fn installation(pool: &AnyPool) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("select installation_id from installation")
        .fetch_one(pool)
        .await
}

/// Makes this database another one for every search index (a restored copy: the indexes
/// built on the original may hold changes the copy does not). Each rebuilds at its next start.
pub async fn renew_installation(pool: &AnyPool, installation_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update installation set installation_id = $1")
        .bind(installation_id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// The latest change recorded, 0 for none.
pub async fn latest_change(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select coalesce(max(change_id), 0) from partner_change")
        .fetch_one(pool)
        .await
}

/// The oldest change still kept, `None` for none.
pub async fn oldest_change(pool: &AnyPool) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select min(change_id) from partner_change")
        .fetch_one(pool)
        .await
}

/// Up to `limit` changes after `after`, oldest first: (change, partner).
pub async fn changes_after(
    pool: &AnyPool,
    after: i64,
    limit: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select change_id, partner_id from partner_change where change_id > $1
         order by change_id limit $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Forgets changes recorded before `before_ms`; an index further behind is rebuilt.
pub async fn prune(pool: &AnyPool, before_ms: i64) -> Result<u64, sqlx::Error> {
    // Always keeps the latest, so the feed's position survives a quiet day.
    let done = sqlx::query(
        "delete from partner_change where changed_at < $1
         and change_id < (select max(change_id) from partner_change)",
    )
    .bind(before_ms)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// The number of partners, for a rebuild's progress.
pub async fn partner_count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from partner")
        .fetch_one(pool)
        .await
}

#[derive(FromRow)]
struct IndexedRow {
    partner_id: i64,
    name: String,
    description: String,
    description_zh: String,
    services: String,
    industries: String,
    sizes_served: i64,
    relationship_types_offered: i64,
}

#[derive(FromRow)]
struct PlaceRow {
    partner_id: i64,
    country: String,
    region_key: Option<String>,
    city_key: Option<String>,
}

const INDEXED_COLUMNS: &str =
    "partner_id, name, description, description_zh, services, industries, sizes_served,
     relationship_types_offered";

/// The partners among `ids` as the index wants them; ids not in the directory are left out.
pub async fn indexed_partners(
    pool: &AnyPool,
    ids: &[i64],
) -> Result<Vec<IndexedPartner>, sqlx::Error> {
    let mut partners = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let list = placeholders.join(", ");
        let sql = format!("select {INDEXED_COLUMNS} from partner where partner_id in ({list})");
        let mut rows = sqlx::query_as::<_, IndexedRow>(&sql);
        let place_sql = format!(
            "select partner_id, country, region_key, city_key from partner_location
             where partner_id in ({list})"
        );
        let mut places = sqlx::query_as::<_, PlaceRow>(&place_sql);
        for id in chunk {
            rows = rows.bind(*id);
            places = places.bind(*id);
        }
        let rows = rows.fetch_all(pool).await?;
        let places = places.fetch_all(pool).await?;
        partners.extend(assemble(rows, places)?);
    }
    Ok(partners)
}

/// Up to `limit` partners with ids after `after`, in id order (a rebuild reads them so).
pub async fn indexed_partners_after(
    pool: &AnyPool,
    after: i64,
    limit: i64,
) -> Result<Vec<IndexedPartner>, sqlx::Error> {
    let rows = sqlx::query_as::<_, IndexedRow>(&format!(
        "select {INDEXED_COLUMNS} from partner where partner_id > $1 order by partner_id limit $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(vec![]);
    };
    let places = sqlx::query_as::<_, PlaceRow>(
        "select partner_id, country, region_key, city_key from partner_location
         where partner_id between $1 and $2",
    )
    .bind(first.partner_id)
    .bind(last.partner_id)
    .fetch_all(pool)
    .await?;
    assemble(rows, places)
}

fn assemble(
    rows: Vec<IndexedRow>,
    places: Vec<PlaceRow>,
) -> Result<Vec<IndexedPartner>, sqlx::Error> {
    let mut by_partner: std::collections::HashMap<i64, Vec<Place>> = Default::default();
    for place in places {
        let country = super::decoded(
            "partner_location.country",
            &place.country,
            CountryCode::parse(&place.country).ok(),
        )?;
        by_partner.entry(place.partner_id).or_default().push(Place {
            country,
            region_key: place.region_key,
            city_key: place.city_key,
        });
    }
    Ok(rows
        .into_iter()
        .map(|row| IndexedPartner {
            partner_id: row.partner_id,
            places: by_partner.remove(&row.partner_id).unwrap_or_default(),
            name: row.name,
            services: listed(&row.services),
            industries: listed(&row.industries),
            descriptions: [row.description, row.description_zh]
                .into_iter()
                .filter(|text| !text.is_empty())
                .collect(),
            sizes_served: OrganizationSize::set_from_bits(row.sizes_served),
            relationship_types_offered: RelationshipType::set_from_bits(
                row.relationship_types_offered,
            ),
        })
        .collect())
}
