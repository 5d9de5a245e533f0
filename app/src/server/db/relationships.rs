//! Partner relationships: which types a partner has with a tenant, and what it holds there
//! through its admin relationships (`admin_access`).

use super::audit::AuditEvent;
use crate::domain::{
    ActivityFilter, ActivityPosition, AdminRelationship, AdminRole, AuditAction, CustomerPage,
    CustomerQuery, CustomerRelationship, DelegatedRole, PartnerId, PartnerRelationship,
    PartnerRelationshipDetail, RelationshipType, RelationshipTypes, TenantActor, TenantId, UserId,
    CUSTOMERS_PAGE_SIZE, PARTNER_PAGE_ACTIVITY,
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

/// Creates the relationship or adds `kind` to it. Returns the relationship's types
/// afterwards. (Admin roles come with an approved admin relationship, `admin_access`.)
pub async fn add_type(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    kind: RelationshipType,
    now_ms: i64,
) -> Result<RelationshipTypes, sqlx::Error> {
    let added = RelationshipTypes::default().with(kind);
    // One statement, so two acceptances at once can't create two relationships.
    let bits: i64 = sqlx::query_scalar(
        "insert into relationship (tenant_id, partner_id, types, since)
         values ($1, $2, $3, $4)
         on conflict (tenant_id, partner_id) where ended_at is null
         do update set types = relationship.types | excluded.types
         returning types",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .bind(added.bits())
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    Ok(RelationshipTypes::from_bits(bits))
}

/// Gives the partner `kind` with the tenant as accepting an invitation of that type with
/// every default role ticked does (demo data, tests): the type and, for a type that carries
/// admin roles, an admin relationship approved by `granted_by` now, named after the type
/// (kept as it is when the partner already has one of that name).
pub async fn relate_by_default(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    kind: RelationshipType,
    granted_by: UserId,
    now_ms: i64,
) -> Result<RelationshipTypes, sqlx::Error> {
    let types = add_type(tx, tenant_id, partner_id, kind, now_ms).await?;
    let name = format!("{} access", kind.english_name());
    if let Some(request) = crate::domain::AccessRequest::default_for(kind, &name) {
        // Already held under that name: nothing to add.
        let _ = super::admin_access::grant(tx, tenant_id, partner_id, &request, granted_by, now_ms)
            .await?;
    }
    Ok(types)
}

#[derive(sqlx::FromRow)]
struct PartnerRow {
    partner_id: i64,
    partner_name: String,
    types: i64,
    since: i64,
}

/// The tenant's current relationships, by partner name, each with its admin relationships
/// (those over since `history_from_ms` included, as history) and the roles it holds through
/// them at `now_ms`.
pub async fn list_for_tenant(
    connection: &mut AnyConnection,
    tenant_id: TenantId,
    history_from_ms: i64,
    now_ms: i64,
) -> Result<Vec<PartnerRelationship>, sqlx::Error> {
    let rows: Vec<PartnerRow> = sqlx::query_as(
        "select p.partner_id, p.name as partner_name, r.types, r.since
         from relationship r
         join partner p on p.partner_id = r.partner_id
         where r.tenant_id = $1 and r.ended_at is null
         order by p.name, r.relationship_id",
    )
    .bind(tenant_id.get())
    .fetch_all(&mut *connection)
    .await?;
    let listing = super::admin_access::Listing {
        partner_id: None,
        history_from_ms,
    };
    let mut access =
        super::admin_access::list_for_tenant(connection, tenant_id, listing, now_ms).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let partner_id = PartnerId::new(row.partner_id);
            let admin_relationships: Vec<AdminRelationship> = access
                .extract_if(.., |(partner, _)| *partner == partner_id)
                .map(|(_, relationship)| relationship)
                .collect();
            PartnerRelationship {
                partner_id,
                partner_name: row.partner_name,
                types: RelationshipTypes::from_bits(row.types),
                roles: held(&admin_relationships),
                since_ms: row.since,
                admin_relationships,
            }
        })
        .collect())
}

/// The roles held through any of `relationships` now, each once, in the catalog's order.
fn held(relationships: &[AdminRelationship]) -> Vec<DelegatedRole> {
    let mut roles: Vec<DelegatedRole> = relationships
        .iter()
        .flat_map(AdminRelationship::granted)
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

#[derive(sqlx::FromRow)]
struct RelationshipDetailRow {
    types: i64,
    since: i64,
    partner_name: String,
    website: String,
    contact_email: String,
}

/// The partner page: the partner's current relationship with the tenant, its admin
/// relationships and the roles it holds through them at `now_ms`, the tenant's agreement
/// status and the newest of the partner's activity timeline. `None` when the partner has no
/// current relationship with it.
pub async fn find_detail(
    pool: &AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
    history_from_ms: i64,
    now_ms: i64,
) -> Result<Option<PartnerRelationshipDetail>, sqlx::Error> {
    let row: Option<RelationshipDetailRow> = sqlx::query_as(
        "select r.types, r.since, p.name as partner_name, p.website,
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
    let mut connection = pool.acquire().await?;
    let listing = super::admin_access::Listing {
        partner_id: Some(partner_id),
        history_from_ms,
    };
    let admin_relationships: Vec<AdminRelationship> =
        super::admin_access::list_for_tenant(&mut connection, tenant_id, listing, now_ms)
            .await?
            .into_iter()
            .map(|(_, relationship)| relationship)
            .collect();
    drop(connection);
    // The newest of the partner's timeline; the rest is on the timeline's own page.
    let activity = super::activity::slice(
        pool,
        tenant_id,
        &ActivityFilter {
            partner: Some(partner_id),
            ..ActivityFilter::default()
        },
        ActivityPosition::Newest,
        PARTNER_PAGE_ACTIVITY,
    )
    .await?;
    Ok(Some(PartnerRelationshipDetail {
        partner_id,
        partner_name: row.partner_name,
        website: row.website,
        contact_email: row.contact_email,
        types: RelationshipTypes::from_bits(row.types),
        roles: held(&admin_relationships),
        admin_relationships,
        since_ms: row.since,
        agreement: super::agreements::status(pool, tenant_id).await?,
        activity: activity.entries,
        more_activity: activity.older.is_some(),
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

/// Removes every admin role the partner holds in the tenant (ending each of its admin
/// relationships) and the types that were those roles, in one transaction with the audit event and the mail (`compose` words it) to the
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
    let Some((relationship_id, types)) = lock_pair(&mut tx, tenant_id, partner_id, true).await?
    else {
        return Ok(RolesRemoval::NoRelationship);
    };
    let removed =
        super::admin_access::end_all(&mut tx, tenant_id, partner_id, admin, now_ms).await?;
    if removed == 0 && types.without_admin_roles() == types {
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
            partner_id: Some(partner_id),
            action: AuditAction::PartnerRolesRemoved,
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

/// Who ended a relationship.
#[derive(Debug, Clone, Copy)]
pub enum EndedBy<'a> {
    /// One of the partner's agents.
    Partner(UserId),
    /// One of the customer's admins, with a note to the partner.
    Customer {
        admin: UserId,
        note: Option<&'a str>,
    },
}

impl EndedBy<'_> {
    fn user(self) -> UserId {
        match self {
            EndedBy::Partner(user) | EndedBy::Customer { admin: user, .. } => user,
        }
    }
}

/// Ends the partner's relationship with the tenant, the decision of either side: every role
/// and type ends, subscriptions bought through the partner stay, both sides are told
/// (`compose` words it), the audit log keeps the record. `false` when there was none.
pub async fn end(
    pool: &AnyPool,
    partner_id: PartnerId,
    tenant_id: TenantId,
    ended_by: EndedBy<'_>,
    compose: impl FnOnce(&RelationshipEnded<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let agent = ended_by.user();
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
    super::admin_access::end_all(&mut tx, tenant_id, partner_id, agent, now_ms).await?;
    super::audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(agent),
            partner_id: Some(partner_id),
            action: match ended_by {
                EndedBy::Partner(_) => AuditAction::RelationshipEnded,
                EndedBy::Customer { .. } => AuditAction::RelationshipEndedByCustomer,
            },
            target: format!("relationship:{relationship_id}"),
        },
        now_ms,
    )
    .await?;
    let (tenant_name, partner_name) = names(&mut tx, tenant_id, partner_id).await?;
    let recipients = super::users::both_sides(&mut tx, partner_id, tenant_id).await?;
    let email = compose(&RelationshipEnded {
        tenant_name: &tenant_name,
        partner_name: &partner_name,
        ended_by,
    });
    super::outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct CustomerRow {
    tenant_id: i64,
    name: String,
    primary_domain: String,
    types: i64,
    since: i64,
}

/// One page of the partner's current customers whose name or domain contains the query's
/// search, by name, with the roles `agent` holds in each at `now_ms` (through their teams)
/// and the partner's admin relationships with each (those over since `history_from_ms`
/// included). Reads only the page's customers, however many the partner has.
pub async fn list_for_partner(
    pool: &AnyPool,
    partner_id: PartnerId,
    agent: UserId,
    query: &CustomerQuery,
    history_from_ms: i64,
    now_ms: i64,
) -> Result<CustomerPage, sqlx::Error> {
    let mut connection = pool.acquire().await?;
    // Lower-cased and with LIKE's wildcards escaped: the search is matched as typed.
    let pattern = query.search.as_deref().map_or_else(String::new, |search| {
        let escaped: String = search
            .to_lowercase()
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        format!("%{escaped}%")
    });
    const MATCHING: &str = "from relationship r
         join tenant t on t.tenant_id = r.tenant_id
         where r.partner_id = $1 and r.ended_at is null
           and ($2 = '' or lower(t.name) like $2 escape '\\' or t.primary_domain like $2 escape '\\')";
    // The count apart: a window count over the page's query is several times slower on
    // SQLite (it keeps every matching row to count them).
    let total: i64 = sqlx::query_scalar(&format!("select count(*) {MATCHING}"))
        .bind(partner_id.get())
        .bind(&pattern)
        .fetch_one(&mut *connection)
        .await?;
    let rows: Vec<CustomerRow> = sqlx::query_as(&format!(
        "select t.tenant_id, t.name, t.primary_domain, r.types, r.since
         {MATCHING}
         order by t.name, r.relationship_id
         limit $3 offset $4"
    ))
    .bind(partner_id.get())
    .bind(&pattern)
    .bind(CUSTOMERS_PAGE_SIZE)
    .bind(query.offset())
    .fetch_all(&mut *connection)
    .await?;
    let tenants: Vec<TenantId> = rows
        .iter()
        .map(|row| TenantId::new(row.tenant_id))
        .collect();
    let mut held_by_tenant: std::collections::HashMap<i64, Vec<DelegatedRole>> =
        std::collections::HashMap::new();
    let mut access = Vec::new();
    let mut accepted: Vec<i64> = Vec::new();
    if !tenants.is_empty() {
        // The page's tenants, inlined: integers read from the database a moment ago.
        let listed = tenants
            .iter()
            .map(|tenant| tenant.get().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        // Those of them that accepted the Customer Agreement in force.
        accepted = sqlx::query_scalar(&format!(
            "select distinct a.tenant_id from agreement_acceptance a
             where a.tenant_id in ({listed}) and a.agreement_version = (
                 select version from customer_agreement
                 order by published_at desc, version desc limit 1)"
        ))
        .fetch_all(&mut *connection)
        .await?;
        let held: Vec<(i64, String)> = sqlx::query_as(&format!(
            "select distinct ar.tenant_id, arr.role
             from admin_relationship ar
             join admin_relationship_role arr
               on arr.admin_relationship_id = ar.admin_relationship_id
             join admin_relationship_team_role h
               on h.admin_relationship_id = arr.admin_relationship_id and h.role = arr.role
             join partner_team_member m on m.team_id = h.team_id
             where ar.partner_id = $1 and ar.tenant_id in ({listed})
               and ar.status = 'active' and ar.ends_at > $2
               and arr.state = 'granted' and m.user_id = $3"
        ))
        .bind(partner_id.get())
        .bind(now_ms)
        .bind(agent.get())
        .fetch_all(&mut *connection)
        .await?;
        for (tenant_id, role) in held {
            let role = super::decoded(
                "admin_relationship_role.role",
                &role,
                DelegatedRole::from_db(&role),
            )?;
            held_by_tenant.entry(tenant_id).or_default().push(role);
        }
        access = super::admin_access::list_for_partner(
            &mut connection,
            partner_id,
            &tenants,
            history_from_ms,
            now_ms,
        )
        .await?;
    }
    let customers = rows
        .into_iter()
        .map(|row| {
            let mut roles = held_by_tenant.remove(&row.tenant_id).unwrap_or_default();
            roles.sort();
            let tenant_id = TenantId::new(row.tenant_id);
            let admin_relationships = access
                .extract_if(.., |(tenant, _)| *tenant == tenant_id)
                .map(|(_, relationship)| relationship)
                .collect();
            CustomerRelationship {
                tenant_id,
                tenant_name: row.name,
                tenant_domain: row.primary_domain,
                types: RelationshipTypes::from_bits(row.types),
                roles,
                since_ms: row.since,
                agreement_accepted: accepted.contains(&row.tenant_id),
                admin_relationships,
            }
        })
        .collect();
    Ok(CustomerPage {
        customers,
        total,
        page: query.page,
        search: query.search.clone(),
    })
}

pub(super) async fn names(
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

/// What a partner's agent is in the tenant at `now_ms`: the relationship's types, the admin
/// roles the agent holds through a team of theirs in admin relationships in force, and
/// whether the tenant accepted the Customer Agreement in force; `None` without a current relationship. With `lock`, the
/// relationship row stays locked until the transaction ends (PostgreSQL; on SQLite a write
/// transaction already excludes other writers), so a check made here holds for the writes
/// that follow it: every change to a partner's admin access locks that row first.
pub async fn partner_actor(
    conn: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    agent: UserId,
    lock: bool,
    now_ms: i64,
) -> Result<Option<TenantActor>, sqlx::Error> {
    let Some((_, types)) = lock_pair(conn, tenant_id, partner_id, lock).await? else {
        return Ok(None);
    };
    let roles = super::admin_access::held_roles(conn, tenant_id, partner_id, agent, now_ms).await?;
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
        types,
        roles,
        agreement_accepted: agreement_accepted == 1,
    }))
}

/// The partner's current relationship with the tenant (its id and types), locked with
/// `lock` until the transaction ends (PostgreSQL; SQLite's write transaction already excludes
/// other writers).
pub async fn lock_pair(
    conn: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    lock: bool,
) -> Result<Option<(i64, RelationshipTypes)>, sqlx::Error> {
    let lock = match (lock, super::Backend::of_connection(conn)) {
        (true, super::Backend::Postgres) => "for update",
        _ => "",
    };
    let row: Option<(i64, i64)> = sqlx::query_as(&format!(
        "select relationship_id, types from relationship
         where tenant_id = $1 and partner_id = $2 and ended_at is null {lock}"
    ))
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id, types)| (id, RelationshipTypes::from_bits(types))))
}
