//! Partner relationships: which types a partner has with a tenant, and the admin roles it
//! holds there (with who granted them and when).

use crate::domain::{
    DelegatedRole, PartnerId, PartnerRelationship, RelationshipType, RelationshipTypes, TenantId,
    UserId,
};
use sqlx::{AnyConnection, AnyPool};

/// The types of the partner's current relationship with the tenant, if there is one.
pub async fn active_types(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
) -> Result<Option<RelationshipTypes>, sqlx::Error> {
    let bits: Option<i64> = sqlx::query_scalar(
        "select types from relationship where tenant_id = $1 and partner_id = $2 and ended_at is null",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(tx)
    .await?;
    Ok(bits.map(RelationshipTypes::from_bits))
}

/// Creates the relationship or adds `kind` to it, and grants the roles `kind` asks for.
/// Returns the relationship's types afterwards.
pub async fn add_type(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    kind: RelationshipType,
    granted_by: UserId,
    now_ms: i64,
) -> Result<RelationshipTypes, sqlx::Error> {
    let added = RelationshipTypes::default().with(kind);
    // One statement, so two acceptances at once can't create two relationships.
    let (relationship_id, bits): (i64, i64) = sqlx::query_as(
        "insert into relationship (tenant_id, partner_id, types, since)
         values ($1, $2, $3, $4)
         on conflict (tenant_id, partner_id) where ended_at is null
         do update set types = relationship.types | excluded.types
         returning relationship_id, types",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .bind(added.bits())
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    for role in kind.requested_roles() {
        sqlx::query(
            "insert into relationship_role (relationship_id, role, granted_by_user_id, granted_at)
             values ($1, $2, $3, $4)
             on conflict (relationship_id, role) do nothing",
        )
        .bind(relationship_id)
        .bind(role.as_db())
        .bind(granted_by.get())
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
    }
    Ok(RelationshipTypes::from_bits(bits))
}

/// The tenant's current relationships, by partner name.
pub async fn list_for_tenant(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<PartnerRelationship>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, i64, i64, Option<String>)> = sqlx::query_as(
        "select r.relationship_id, p.partner_id, p.name, r.types, r.since, rr.role
         from relationship r
         join partner p on p.partner_id = r.partner_id
         left join relationship_role rr on rr.relationship_id = r.relationship_id
         where r.tenant_id = $1 and r.ended_at is null
         order by p.name, r.relationship_id, rr.role",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    let mut relationships: Vec<(i64, PartnerRelationship)> = Vec::new();
    for (relationship_id, partner_id, partner_name, types, since_ms, role) in rows {
        let role = role.as_deref().and_then(DelegatedRole::from_db);
        match relationships.last_mut() {
            Some((id, relationship)) if *id == relationship_id => {
                relationship.roles.extend(role);
            }
            _ => relationships.push((
                relationship_id,
                PartnerRelationship {
                    partner_id: PartnerId::new(partner_id),
                    partner_name,
                    types: RelationshipTypes::from_bits(types),
                    roles: role.into_iter().collect(),
                    since_ms,
                },
            )),
        }
    }
    let mut relationships: Vec<PartnerRelationship> =
        relationships.into_iter().map(|(_, r)| r).collect();
    for relationship in &mut relationships {
        relationship.roles.sort();
    }
    Ok(relationships)
}
