//! Partner relationships: which types a partner has with a tenant, and the admin roles it
//! holds there (with who granted them and when).

use super::audit::AuditEvent;
use crate::domain::{
    AdminRole, CustomerRelationship, DelegatedRole, PartnerId, PartnerRelationship,
    PartnerRelationshipDetail, RelationshipType, RelationshipTypes, RoleGrant, TenantActor,
    TenantId, UserId, AUDIT_PAGE_SIZE,
};
use crate::server::mail::{OutgoingEmail, RelationshipEnded, RolesRemoved};
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

/// One of a relationship's roles (or none), with the relationship and its partner.
#[derive(sqlx::FromRow)]
struct PartnerRoleRow {
    relationship_id: i64,
    partner_id: i64,
    partner_name: String,
    types: i64,
    since: i64,
    role: Option<String>,
}

/// A relationship's admin role as stored (`None`: a relationship without roles, from the
/// left join).
fn granted_role(stored: Option<&str>) -> Result<Option<DelegatedRole>, sqlx::Error> {
    stored
        .map(|role| super::decoded("relationship_role.role", role, DelegatedRole::from_db(role)))
        .transpose()
}

/// The tenant's current relationships, by partner name.
pub async fn list_for_tenant(
    connection: &mut AnyConnection,
    tenant_id: TenantId,
) -> Result<Vec<PartnerRelationship>, sqlx::Error> {
    let rows: Vec<PartnerRoleRow> = sqlx::query_as(
        "select r.relationship_id, p.partner_id, p.name as partner_name, r.types, r.since, rr.role
         from relationship r
         join partner p on p.partner_id = r.partner_id
         left join relationship_role rr on rr.relationship_id = r.relationship_id
         where r.tenant_id = $1 and r.ended_at is null
         order by p.name, r.relationship_id, rr.role",
    )
    .bind(tenant_id.get())
    .fetch_all(connection)
    .await?;
    let mut relationships: Vec<(i64, PartnerRelationship)> = Vec::new();
    for row in rows {
        let role = granted_role(row.role.as_deref())?;
        match relationships.last_mut() {
            Some((id, relationship)) if *id == row.relationship_id => {
                relationship.roles.extend(role);
            }
            _ => relationships.push((
                row.relationship_id,
                PartnerRelationship {
                    partner_id: PartnerId::new(row.partner_id),
                    partner_name: row.partner_name,
                    types: RelationshipTypes::from_bits(row.types),
                    roles: role.into_iter().collect(),
                    since_ms: row.since,
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

#[derive(sqlx::FromRow)]
struct RelationshipDetailRow {
    relationship_id: i64,
    types: i64,
    since: i64,
    partner_name: String,
    website: String,
    contact_email: String,
}

/// The partner page: the partner's current relationship with the tenant, the roles it holds
/// (with who granted them), the tenant's agreement status and one page of the partner's
/// actions in the tenant. `None` when the partner has no current relationship with it.
pub async fn find_detail(
    pool: &AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
    page: i64,
) -> Result<Option<PartnerRelationshipDetail>, sqlx::Error> {
    let row: Option<RelationshipDetailRow> = sqlx::query_as(
        "select r.relationship_id, r.types, r.since, p.name as partner_name, p.website,
                p.contact_email
         from relationship r join partner p on p.partner_id = r.partner_id
         where r.tenant_id = $1 and r.partner_id = $2 and r.ended_at is null",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let grants: Vec<(String, String, i64)> = sqlx::query_as(
        "select rr.role, u.display_name, rr.granted_at
         from relationship_role rr join app_user u on u.user_id = rr.granted_by_user_id
         where rr.relationship_id = $1 order by rr.role",
    )
    .bind(row.relationship_id)
    .fetch_all(pool)
    .await?;
    let mut roles: Vec<RoleGrant> = grants
        .into_iter()
        .map(|(role, granted_by, granted_at_ms)| {
            Ok(RoleGrant {
                role: super::decoded(
                    "relationship_role.role",
                    &role,
                    DelegatedRole::from_db(&role),
                )?,
                granted_by,
                granted_at_ms,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    roles.sort_by_key(|grant| grant.role);
    // Far beyond any log, but never an overflowing offset.
    let page = page.clamp(1, 1_000_000);
    let activity = super::audit::partner_actions(
        pool,
        tenant_id,
        partner_id,
        AUDIT_PAGE_SIZE,
        (page - 1) * AUDIT_PAGE_SIZE,
    )
    .await?;
    Ok(Some(PartnerRelationshipDetail {
        partner_id,
        partner_name: row.partner_name,
        website: row.website,
        contact_email: row.contact_email,
        types: RelationshipTypes::from_bits(row.types),
        roles,
        since_ms: row.since,
        agreement: super::agreements::status(pool, tenant_id).await?,
        activity,
        activity_total: super::audit::count_partner_actions(pool, tenant_id, partner_id).await?,
        activity_page: page,
    }))
}

/// What removing a partner's admin roles did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolesRemoval {
    NoRelationship,
    /// The partner held no admin role (removing twice is harmless).
    NothingHeld,
    Removed,
}

/// Removes every admin role the partner holds in the tenant and the types that were those
/// roles, in one transaction with the audit event and the mail (`compose` words it) to the
/// partner and to the tenant's Global admins. The relationship itself stays.
pub async fn remove_roles(
    pool: &AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
    admin: UserId,
    compose: impl FnOnce(&RolesRemoved<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<RolesRemoval, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    // The row is locked first (PostgreSQL): an acceptance adding a type and its roles
    // meanwhile commits before this reads the roles, or waits until they are removed.
    let lock = match super::Backend::of_connection(&tx) {
        super::Backend::Postgres => "for update",
        super::Backend::Sqlite => "",
    };
    let row: Option<(i64, i64)> = sqlx::query_as(&format!(
        "select relationship_id, types from relationship
         where tenant_id = $1 and partner_id = $2 and ended_at is null {lock}"
    ))
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((relationship_id, types)) = row else {
        return Ok(RolesRemoval::NoRelationship);
    };
    let types = RelationshipTypes::from_bits(types);
    let removed = sqlx::query("delete from relationship_role where relationship_id = $1")
        .bind(relationship_id)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() == 0 && types.without_admin_roles() == types {
        return Ok(RolesRemoval::NothingHeld);
    }
    // Types are cleared by mask in the statement itself, so a type another transaction adds
    // meanwhile survives.
    let kept_bits = RelationshipTypes::from_bits(127)
        .without_admin_roles()
        .bits();
    let remaining: i64 = sqlx::query_scalar(
        "update relationship set types = types & $1 where relationship_id = $2 returning types",
    )
    .bind(kept_bits)
    .bind(relationship_id)
    .fetch_one(&mut *tx)
    .await?;
    let remaining = RelationshipTypes::from_bits(remaining);
    super::audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(admin),
            partner_id: None,
            action: "partner.roles_removed",
            target: format!("partner:{partner_id}"),
        },
        now_ms,
    )
    .await?;
    let (tenant_name, partner_name) = names(&mut tx, tenant_id, partner_id).await?;
    let mut recipients = super::users::partner_recipients(&mut tx, partner_id).await?;
    recipients.extend(
        super::users::tenant_admin_emails(&mut tx, tenant_id, &[AdminRole::GlobalAdmin]).await?,
    );
    let email = compose(&RolesRemoved {
        tenant_name: &tenant_name,
        partner_name: &partner_name,
        remaining,
    });
    super::outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
    tx.commit().await?;
    Ok(RolesRemoval::Removed)
}

/// Ends the partner's relationship with the tenant (the partner's decision): its roles end
/// with it, both sides are told (`compose` words it), the audit log keeps the record.
/// `false` when there was none.
pub async fn end(
    pool: &AnyPool,
    partner_id: PartnerId,
    tenant_id: TenantId,
    agent: UserId,
    compose: impl FnOnce(&RelationshipEnded<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let relationship_id: Option<i64> = sqlx::query_scalar(
        "update relationship set ended_at = $1, ended_by_user_id = $2
         where tenant_id = $3 and partner_id = $4 and ended_at is null
         returning relationship_id",
    )
    .bind(now_ms)
    .bind(agent.get())
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(relationship_id) = relationship_id else {
        return Ok(false);
    };
    sqlx::query("delete from relationship_role where relationship_id = $1")
        .bind(relationship_id)
        .execute(&mut *tx)
        .await?;
    super::audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(agent),
            partner_id: Some(partner_id),
            action: "relationship.ended",
            target: format!("relationship:{relationship_id}"),
        },
        now_ms,
    )
    .await?;
    let (tenant_name, partner_name) = names(&mut tx, tenant_id, partner_id).await?;
    let mut recipients = super::users::partner_recipients(&mut tx, partner_id).await?;
    recipients.extend(
        super::users::tenant_admin_emails(
            &mut tx,
            tenant_id,
            &AdminRole::MANAGING_PARTNER_RELATIONSHIPS,
        )
        .await?,
    );
    let email = compose(&RelationshipEnded {
        tenant_name: &tenant_name,
        partner_name: &partner_name,
    });
    super::outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct CustomerRow {
    relationship_id: i64,
    tenant_id: i64,
    name: String,
    primary_domain: String,
    types: i64,
    since: i64,
    accepted: i64,
    role: Option<String>,
}

/// The partner's current customers, by name, with the roles it holds in each.
pub async fn list_for_partner(
    pool: &AnyPool,
    partner_id: PartnerId,
) -> Result<Vec<CustomerRelationship>, sqlx::Error> {
    let rows: Vec<CustomerRow> = sqlx::query_as(
        "select r.relationship_id, t.tenant_id, t.name, t.primary_domain, r.types, r.since,
                case when exists (
                    select 1 from agreement_acceptance a
                    where a.tenant_id = r.tenant_id and a.agreement_version = (
                        select version from customer_agreement
                        order by published_at desc, version desc limit 1)
                ) then 1 else 0 end as accepted,
                rr.role
         from relationship r
         join tenant t on t.tenant_id = r.tenant_id
         left join relationship_role rr on rr.relationship_id = r.relationship_id
         where r.partner_id = $1 and r.ended_at is null
         order by t.name, r.relationship_id, rr.role",
    )
    .bind(partner_id.get())
    .fetch_all(pool)
    .await?;
    let mut customers: Vec<(i64, CustomerRelationship)> = Vec::new();
    for row in rows {
        let role = granted_role(row.role.as_deref())?;
        match customers.last_mut() {
            Some((id, customer)) if *id == row.relationship_id => customer.roles.extend(role),
            _ => customers.push((
                row.relationship_id,
                CustomerRelationship {
                    tenant_id: TenantId::new(row.tenant_id),
                    tenant_name: row.name,
                    tenant_domain: row.primary_domain,
                    types: RelationshipTypes::from_bits(row.types),
                    roles: role.into_iter().collect(),
                    since_ms: row.since,
                    agreement_accepted: row.accepted == 1,
                },
            )),
        }
    }
    Ok(customers
        .into_iter()
        .map(|(_, mut customer)| {
            customer.roles.sort();
            customer
        })
        .collect())
}

async fn names(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as(
        "select t.name, p.name from tenant t, partner p where t.tenant_id = $1 and p.partner_id = $2",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_one(tx)
    .await
}

/// Whether the partner ever had a relationship with the tenant (its log is the tenant's).
pub async fn ever_related(
    pool: &AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "select relationship_id from relationship where tenant_id = $1 and partner_id = $2 limit 1",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// What a partner is in the tenant now: its relationship's types, the admin roles it holds
/// and whether the tenant accepted the Customer Agreement in force; `None` without a current
/// relationship. With `lock`, the relationship row stays locked until the transaction ends
/// (PostgreSQL; on SQLite a write transaction already excludes other writers), so a check
/// made here holds for the writes that follow it.
pub async fn partner_actor(
    conn: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    lock: bool,
) -> Result<Option<TenantActor>, sqlx::Error> {
    let lock = match (lock, super::Backend::of_connection(conn)) {
        (true, super::Backend::Postgres) => "for update",
        _ => "",
    };
    let relationship: Option<(i64, i64)> = sqlx::query_as(&format!(
        "select relationship_id, types from relationship
         where tenant_id = $1 and partner_id = $2 and ended_at is null {lock}"
    ))
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(&mut *conn)
    .await?;
    let Some((relationship_id, types)) = relationship else {
        return Ok(None);
    };
    let roles: Vec<String> =
        sqlx::query_scalar("select role from relationship_role where relationship_id = $1")
            .bind(relationship_id)
            .fetch_all(&mut *conn)
            .await?;
    let roles = roles
        .iter()
        .map(|role| {
            DelegatedRole::from_db(role)
                .ok_or_else(|| super::undecodable("relationship_role.role", role))
        })
        .collect::<Result<_, _>>()?;
    let agreement_accepted: i64 = sqlx::query_scalar(
        "select case when (select a.agreement_version from agreement_acceptance a
                           where a.tenant_id = $1
                           order by a.accepted_at desc, a.agreement_acceptance_id desc limit 1)
                        = (select version from customer_agreement
                           order by published_at desc, version desc limit 1)
                     then 1 else 0 end",
    )
    .bind(tenant_id.get())
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(TenantActor::Partner {
        types: RelationshipTypes::from_bits(types),
        roles,
        agreement_accepted: agreement_accepted == 1,
    }))
}
