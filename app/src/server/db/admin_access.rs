//! Admin relationships: the named, time-bound admin access a partner asks a customer for,
//! and the roles the customer approved, refused or later removed. A partner holds a role in
//! a tenant only through an admin relationship that is active and not past its end date, as
//! of the moment each request is checked.

use super::audit::{self, AuditEvent};
use super::decoded;
use crate::domain::AuditAction;
use crate::domain::{
    AccessRequest, AccessRole, AccessStatus, AdminRelationship, DelegatedRole, PartnerId,
    RoleState, TenantId, UserId, DAY_MS,
};
use crate::server::mail::{AccessChanged, OutgoingEmail};
use sqlx::{AnyConnection, AnyPool, FromRow};

/// Why a request or grant was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestRefusal {
    /// The partner already has a pending or active admin relationship of that name with the
    /// tenant.
    NameTaken,
    /// One of the teams named is not the partner's.
    UnknownTeam,
}

/// Whether the partner has a pending or active admin relationship called `name` with the
/// tenant.
async fn name_taken(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    name: &str,
) -> Result<bool, sqlx::Error> {
    let taken: Option<i64> = sqlx::query_scalar(
        "select admin_relationship_id from admin_relationship
         where tenant_id = $1 and partner_id = $2 and name = $3 and status in ('pending', 'active')",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .bind(name)
    .fetch_optional(tx)
    .await?;
    Ok(taken.is_some())
}

/// Records what an invitation asks for, pending the customer's answer.
pub async fn request(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    invitation_id: i64,
    request: &AccessRequest,
    now_ms: i64,
) -> Result<Result<i64, RequestRefusal>, sqlx::Error> {
    // A request whose invitation expired unanswered gives its name back.
    sqlx::query(
        "update admin_relationship set status = 'terminated', ended_at = $1
         where tenant_id = $2 and partner_id = $3 and name = $4 and status = 'pending'
           and invitation_id in (select invitation_id from invitation
                                 where status = 'pending' and expires_at <= $1)",
    )
    .bind(now_ms)
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .bind(&request.name)
    .execute(&mut *tx)
    .await?;
    if name_taken(tx, tenant_id, partner_id, &request.name).await? {
        return Ok(Err(RequestRefusal::NameTaken));
    }
    let id: i64 = sqlx::query_scalar(
        "insert into admin_relationship (tenant_id, partner_id, invitation_id, name, duration_days,
             auto_extend, status, created_at)
         values ($1, $2, $3, $4, $5, $6, 'pending', $7) returning admin_relationship_id",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .bind(invitation_id)
    .bind(&request.name)
    .bind(request.duration_days)
    .bind(i64::from(request.auto_extend))
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    for role in &request.roles {
        sqlx::query(
            "insert into admin_relationship_role (admin_relationship_id, role, state)
             values ($1, $2, 'requested')",
        )
        .bind(id)
        .bind(role.as_db())
        .execute(&mut *tx)
        .await?;
    }
    let held = super::teams::hold(tx, partner_id, id, &request.teams, &request.roles).await?;
    Ok(held.map(|()| id).map_err(|_| RequestRefusal::UnknownTeam))
}

#[derive(FromRow)]
struct AccessRow {
    admin_relationship_id: i64,
    tenant_id: i64,
    partner_id: i64,
    name: String,
    status: String,
    duration_days: i64,
    ends_at: Option<i64>,
    auto_extend: i64,
    role: String,
    state: String,
    /// When the invitation that asked for it stops working, if one did.
    request_expires_at: Option<i64>,
}

const SELECT_ACCESS: &str =
    "select ar.admin_relationship_id, ar.tenant_id, ar.partner_id, ar.name, ar.status,
        ar.duration_days, ar.ends_at, ar.auto_extend, arr.role, arr.state,
        i.expires_at as request_expires_at
     from admin_relationship ar
     join admin_relationship_role arr on arr.admin_relationship_id = ar.admin_relationship_id
     left join invitation i on i.invitation_id = ar.invitation_id";

/// One admin relationship with its partner and its tenant.
type Between = (PartnerId, TenantId, AdminRelationship);

/// Folds rows (one per role, ordered by relationship) into relationships, each with its
/// partner and tenant.
fn fold(rows: Vec<AccessRow>, now_ms: i64) -> Result<Vec<Between>, sqlx::Error> {
    let mut relationships: Vec<Between> = Vec::new();
    for row in rows {
        let role = AccessRole {
            role: decoded(
                "admin_relationship_role.role",
                &row.role,
                DelegatedRole::from_db(&row.role),
            )?,
            state: decoded(
                "admin_relationship_role.state",
                &row.state,
                RoleState::from_db(&row.state),
            )?,
        };
        match relationships.last_mut() {
            Some((_, _, relationship)) if relationship.id == row.admin_relationship_id => {
                relationship.roles.push(role)
            }
            _ => relationships.push((
                PartnerId::new(row.partner_id),
                TenantId::new(row.tenant_id),
                AdminRelationship {
                    id: row.admin_relationship_id,
                    status: match decoded(
                        "admin_relationship.status",
                        &row.status,
                        AccessStatus::from_db(&row.status, row.ends_at, now_ms),
                    )? {
                        // Asked for by an invitation that expired unanswered.
                        AccessStatus::PendingApproval
                            if row.request_expires_at.is_some_and(|ends| ends <= now_ms) =>
                        {
                            AccessStatus::Expired
                        }
                        status => status,
                    },
                    name: row.name,
                    roles: vec![role],
                    duration_days: row.duration_days,
                    ends_at_ms: row.ends_at,
                    auto_extend: row.auto_extend == 1,
                },
            )),
        }
    }
    for (_, _, relationship) in &mut relationships {
        relationship.roles.sort_by_key(|role| role.role);
    }
    Ok(relationships)
}

/// In force first, then pending, then those over; newest first within each.
fn order(relationships: &mut [Between]) {
    relationships.sort_by_key(|(partner, tenant, relationship)| {
        (
            *partner,
            *tenant,
            !relationship.status.in_force(),
            relationship.status != AccessStatus::PendingApproval,
            relationship.status.is_over(),
        )
    });
}

/// Which of a tenant's admin relationships a list shows.
#[derive(Debug, Clone, Copy)]
pub struct Listing {
    /// One partner's, or every partner's.
    pub partner_id: Option<PartnerId>,
    /// Those over (ended, expired, declined) before this moment are left out.
    pub history_from_ms: i64,
}

/// The tenant's admin relationships as `listing` says, in force first, then pending, then
/// those over (newest first); each with its partner.
pub async fn list_for_tenant(
    connection: &mut AnyConnection,
    tenant_id: TenantId,
    listing: Listing,
    now_ms: i64,
) -> Result<Vec<(PartnerId, AdminRelationship)>, sqlx::Error> {
    let rows: Vec<AccessRow> = sqlx::query_as(&format!(
        "{SELECT_ACCESS}
         where ar.tenant_id = $1 and ($2 = 0 or ar.partner_id = $2)
           and (ar.status = 'pending' or coalesce(ar.ended_at, ar.ends_at) >= $3)
         order by ar.partner_id, ar.created_at desc, ar.admin_relationship_id desc"
    ))
    .bind(tenant_id.get())
    .bind(listing.partner_id.map_or(0, PartnerId::get))
    .bind(listing.history_from_ms)
    .fetch_all(connection)
    .await?;
    let mut relationships = fold(rows, now_ms)?;
    order(&mut relationships);
    Ok(relationships
        .into_iter()
        .map(|(partner, _, relationship)| (partner, relationship))
        .collect())
}

/// The partner's admin relationships with `tenants` (those over before `history_from_ms`
/// left out), each with its tenant, ordered as `list_for_tenant` orders them.
pub async fn list_for_partner(
    connection: &mut AnyConnection,
    partner_id: PartnerId,
    tenants: &[TenantId],
    history_from_ms: i64,
    now_ms: i64,
) -> Result<Vec<(TenantId, AdminRelationship)>, sqlx::Error> {
    if tenants.is_empty() {
        return Ok(Vec::new());
    }
    // Inlined: integer ids, never text.
    let listed = tenants
        .iter()
        .map(|tenant| tenant.get().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<AccessRow> = sqlx::query_as(&format!(
        "{SELECT_ACCESS}
         where ar.partner_id = $1 and ar.tenant_id in ({listed})
           and (ar.status = 'pending' or coalesce(ar.ended_at, ar.ends_at) >= $2)
         order by ar.tenant_id, ar.created_at desc, ar.admin_relationship_id desc"
    ))
    .bind(partner_id.get())
    .bind(history_from_ms)
    .fetch_all(connection)
    .await?;
    let mut relationships = fold(rows, now_ms)?;
    order(&mut relationships);
    Ok(relationships
        .into_iter()
        .map(|(_, tenant, relationship)| (tenant, relationship))
        .collect())
}

/// The admin relationship an invitation asks for, if it asks for admin roles.
pub async fn for_invitation(
    connection: &mut AnyConnection,
    invitation_id: i64,
    now_ms: i64,
) -> Result<Option<AdminRelationship>, sqlx::Error> {
    let rows: Vec<AccessRow> =
        sqlx::query_as(&format!("{SELECT_ACCESS} where ar.invitation_id = $1"))
            .bind(invitation_id)
            .fetch_all(connection)
            .await?;
    Ok(fold(rows, now_ms)?
        .into_iter()
        .next()
        .map(|(_, _, relationship)| relationship))
}

/// The roles an agent holds: `$1` the tenant, `$2` the partner, `$3` the moment, `$4` the
/// agent. Every table is read by index (a test checks SQLite's plan), so authorizing a
/// partner's call costs the same however many customers and relationships it has.
pub const HELD_ROLES: &str = "select distinct arr.role
     from admin_relationship ar
     join admin_relationship_role arr on arr.admin_relationship_id = ar.admin_relationship_id
     join admin_relationship_team_role h
       on h.admin_relationship_id = arr.admin_relationship_id and h.role = arr.role
     join partner_team_member m on m.team_id = h.team_id
     where ar.tenant_id = $1 and ar.partner_id = $2 and ar.status = 'active'
       and ar.ends_at > $3 and arr.state = 'granted' and m.user_id = $4";

/// The roles the partner's agent holds in the tenant at `now_ms`: granted, through an admin
/// relationship that is active and not past its end date, and held by a team of theirs.
pub async fn held_roles(
    connection: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    agent: UserId,
    now_ms: i64,
) -> Result<Vec<DelegatedRole>, sqlx::Error> {
    let roles: Vec<String> = sqlx::query_scalar(HELD_ROLES)
        .bind(tenant_id.get())
        .bind(partner_id.get())
        .bind(now_ms)
        .bind(agent.get())
        .fetch_all(connection)
        .await?;
    let mut roles = roles
        .iter()
        .map(|role| {
            decoded(
                "admin_relationship_role.role",
                role,
                DelegatedRole::from_db(role),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    roles.sort();
    Ok(roles)
}

/// What approving a request granted and refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub name: String,
    pub granted: Vec<DelegatedRole>,
    pub refused: Vec<DelegatedRole>,
    pub ends_at_ms: i64,
}

/// Why an approval was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalRefusal {
    /// None of the roles asked for was ticked, or a ticked role was never asked for.
    Roles,
}

/// Approves the invitation's request with the roles `chosen` (a subset of those asked for,
/// at least one); the others are refused. Starts the clock: access ends `duration_days`
/// from now. `Ok(None)` when the invitation asked for no admin roles.
pub async fn approve(
    tx: &mut AnyConnection,
    invitation_id: i64,
    chosen: &[DelegatedRole],
    admin: UserId,
    now_ms: i64,
) -> Result<Result<Option<Approval>, ApprovalRefusal>, sqlx::Error> {
    let Some(request) = for_invitation(tx, invitation_id, now_ms).await? else {
        return Ok(Ok(None));
    };
    if request.status != AccessStatus::PendingApproval {
        return Err(sqlx::Error::Protocol(format!(
            "admin relationship {} of a pending invitation is {:?}",
            request.id, request.status
        )));
    }
    let asked: Vec<DelegatedRole> = request.asked().collect();
    if chosen.is_empty() || chosen.iter().any(|role| !asked.contains(role)) {
        return Ok(Err(ApprovalRefusal::Roles));
    }
    let ends_at_ms = now_ms + request.duration_days * DAY_MS;
    sqlx::query(
        "update admin_relationship set status = 'active', approved_at = $1, ends_at = $2
         where admin_relationship_id = $3",
    )
    .bind(now_ms)
    .bind(ends_at_ms)
    .bind(request.id)
    .execute(&mut *tx)
    .await?;
    let (granted, refused): (Vec<DelegatedRole>, Vec<DelegatedRole>) =
        asked.into_iter().partition(|role| chosen.contains(role));
    for (roles, state) in [
        (&granted, RoleState::Granted),
        (&refused, RoleState::Refused),
    ] {
        for role in roles {
            set_role_state(tx, request.id, *role, state, admin, now_ms).await?;
        }
    }
    Ok(Ok(Some(Approval {
        name: request.name,
        granted,
        refused,
        ends_at_ms,
    })))
}

async fn set_role_state(
    tx: &mut AnyConnection,
    admin_relationship_id: i64,
    role: DelegatedRole,
    state: RoleState,
    by: UserId,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update admin_relationship_role set state = $1, decided_by_user_id = $2, decided_at = $3
         where admin_relationship_id = $4 and role = $5",
    )
    .bind(state.as_db())
    .bind(by.get())
    .bind(now_ms)
    .bind(admin_relationship_id)
    .bind(role.as_db())
    .execute(tx)
    .await
    .map(|_| ())
}

/// The invitation's request will never be approved: the customer cancelled the invitation
/// (`declined`) or the partner withdrew it (`terminated`).
pub async fn close_request(
    tx: &mut AnyConnection,
    invitation_id: i64,
    declined: bool,
    by: UserId,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update admin_relationship set status = $1, ended_at = $2, ended_by_user_id = $3
         where invitation_id = $4 and status = 'pending'",
    )
    .bind(if declined { "declined" } else { "terminated" })
    .bind(now_ms)
    .bind(by.get())
    .bind(invitation_id)
    .execute(tx)
    .await
    .map(|_| ())
}

/// One granted role of an admin relationship, as found for a removal.
pub struct HeldRole {
    pub relationship_name: String,
    pub role: DelegatedRole,
}

/// Removes one granted role of one of the partner's admin relationships in the tenant (in
/// force or not); `None` when there is no such granted role. The caller holds the pair's
/// relationship row locked.
pub async fn remove_role(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    admin_relationship_id: i64,
    role: DelegatedRole,
    admin: UserId,
    now_ms: i64,
) -> Result<Option<HeldRole>, sqlx::Error> {
    let name: Option<String> = sqlx::query_scalar(
        "select ar.name from admin_relationship ar
         join admin_relationship_role arr on arr.admin_relationship_id = ar.admin_relationship_id
         where ar.admin_relationship_id = $1 and ar.tenant_id = $2 and ar.partner_id = $3
           and ar.status = 'active' and arr.role = $4 and arr.state = 'granted'",
    )
    .bind(admin_relationship_id)
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .bind(role.as_db())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(relationship_name) = name else {
        return Ok(None);
    };
    set_role_state(
        tx,
        admin_relationship_id,
        role,
        RoleState::Removed,
        admin,
        now_ms,
    )
    .await?;
    audit::record(
        tx,
        AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(admin),
            partner_id: Some(partner_id),
            action: AuditAction::AccessRoleRemoved,
            target: format!(
                "admin-relationship:{admin_relationship_id} ({})",
                role.as_db()
            ),
        },
        now_ms,
    )
    .await?;
    Ok(Some(HeldRole {
        relationship_name,
        role,
    }))
}

/// Who changes an admin relationship: a user, and the partner they act for (`None`: one of
/// the tenant's own admins).
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user: UserId,
    pub partner: Option<PartnerId>,
}

/// Ends one of the partner's active admin relationships with the tenant now (whoever ends
/// it): its granted roles are removed with it. The name of the relationship ended, `None`
/// when there was no such active relationship.
pub async fn end(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    admin_relationship_id: i64,
    by: Actor,
    now_ms: i64,
) -> Result<Option<String>, sqlx::Error> {
    let name: Option<String> = sqlx::query_scalar(
        "update admin_relationship set status = 'terminated', ended_at = $1, ended_by_user_id = $2
         where admin_relationship_id = $3 and tenant_id = $4 and partner_id = $5
           and status = 'active'
         returning name",
    )
    .bind(now_ms)
    .bind(by.user.get())
    .bind(admin_relationship_id)
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(name) = name else {
        return Ok(None);
    };
    sqlx::query(
        "update admin_relationship_role set state = 'removed', decided_by_user_id = $1,
             decided_at = $2
         where admin_relationship_id = $3 and state = 'granted'",
    )
    .bind(by.user.get())
    .bind(now_ms)
    .bind(admin_relationship_id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        tx,
        AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(by.user),
            partner_id: Some(partner_id),
            action: AuditAction::AccessEnded,
            target: format!("admin-relationship:{admin_relationship_id}"),
        },
        now_ms,
    )
    .await?;
    Ok(Some(name))
}

/// Ends every active admin relationship of the partner with the tenant and removes every
/// role granted through them (the seed's Remove roles, and a relationship ending). The
/// number of roles removed.
pub async fn end_all(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    by: UserId,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let removed = sqlx::query(
        "update admin_relationship_role set state = 'removed', decided_by_user_id = $1,
             decided_at = $2
         where state = 'granted' and admin_relationship_id in (
             select admin_relationship_id from admin_relationship
             where tenant_id = $3 and partner_id = $4 and status = 'active')",
    )
    .bind(by.get())
    .bind(now_ms)
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query(
        "update admin_relationship set status = 'terminated', ended_at = $1, ended_by_user_id = $2
         where tenant_id = $3 and partner_id = $4 and status = 'active'",
    )
    .bind(now_ms)
    .bind(by.get())
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .execute(&mut *tx)
    .await?;
    Ok(removed)
}

/// A customer's change to one of a partner's admin relationships (by its id), as the
/// customer's admin asked it.
#[derive(Debug, Clone, Copy)]
pub enum CustomerChange {
    /// Remove this one granted role.
    RemoveRole(i64, DelegatedRole),
    /// End the whole admin relationship now.
    End(i64),
}

/// Makes `change` to one of the partner's admin relationships with the tenant, in one transaction with its audit event and the mail to the partner and to the
/// tenant's admins who manage partner relationships (`compose` words it). The pair's relationship row is locked
/// first, so a partner's write that checked the role either commits before or sees it gone.
/// `false` when there is no such active relationship (or granted role).
pub async fn change_by_customer(
    pool: &AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
    change: CustomerChange,
    admin: UserId,
    compose: impl FnOnce(&AccessChanged<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    if super::relationships::lock_pair(&mut tx, tenant_id, partner_id, true)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    let (tenant_name, partner_name) =
        super::relationships::names(&mut tx, tenant_id, partner_id).await?;
    let (relationship_name, removed_role) = match change {
        CustomerChange::RemoveRole(admin_relationship_id, role) => {
            let Some(removed) = remove_role(
                &mut tx,
                tenant_id,
                partner_id,
                admin_relationship_id,
                role,
                admin,
                now_ms,
            )
            .await?
            else {
                return Ok(false);
            };
            (removed.relationship_name, Some(removed.role))
        }
        CustomerChange::End(admin_relationship_id) => {
            let by = Actor {
                user: admin,
                partner: None,
            };
            let Some(name) = end(
                &mut tx,
                tenant_id,
                partner_id,
                admin_relationship_id,
                by,
                now_ms,
            )
            .await?
            else {
                return Ok(false);
            };
            (name, None)
        }
    };
    let email = compose(&AccessChanged {
        tenant_name: &tenant_name,
        partner_name: &partner_name,
        relationship_name: &relationship_name,
        removed_role,
    });
    let recipients = super::users::both_sides(&mut tx, partner_id, tenant_id).await?;
    super::outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
    tx.commit().await?;
    Ok(true)
}

/// Creates an admin relationship already approved with every role of `request`, from
/// `now_ms` for its duration: how demo data and tests set up access without an invitation.
pub async fn grant(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    partner_id: PartnerId,
    request: &AccessRequest,
    by: UserId,
    now_ms: i64,
) -> Result<Result<i64, RequestRefusal>, sqlx::Error> {
    if name_taken(tx, tenant_id, partner_id, &request.name).await? {
        return Ok(Err(RequestRefusal::NameTaken));
    }
    let id: i64 = sqlx::query_scalar(
        "insert into admin_relationship (tenant_id, partner_id, name, duration_days,
             auto_extend, status, created_at, approved_at, ends_at)
         values ($1, $2, $3, $4, $5, 'active', $6, $6, $7)
         returning admin_relationship_id",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .bind(&request.name)
    .bind(request.duration_days)
    .bind(i64::from(request.auto_extend))
    .bind(now_ms)
    .bind(now_ms + request.duration_days * DAY_MS)
    .fetch_one(&mut *tx)
    .await?;
    for role in &request.roles {
        sqlx::query(
            "insert into admin_relationship_role (admin_relationship_id, role, state,
                 decided_by_user_id, decided_at)
             values ($1, $2, 'granted', $3, $4)",
        )
        .bind(id)
        .bind(role.as_db())
        .bind(by.get())
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
    }
    let teams = if request.teams.is_empty() {
        super::teams::every_team(tx, partner_id, now_ms).await?
    } else {
        request.teams.clone()
    };
    let held = super::teams::hold(tx, partner_id, id, &teams, &request.roles).await?;
    Ok(held.map(|()| id).map_err(|_| RequestRefusal::UnknownTeam))
}

/// Ends one of the partner's active admin relationships, as its agent decided: the roles end
/// with it, both sides are told (`compose` words it), the audit log names the partner. `false`
/// when the partner has no such active relationship.
pub async fn end_by_partner(
    pool: &AnyPool,
    partner_id: PartnerId,
    admin_relationship_id: i64,
    agent: UserId,
    compose: impl FnOnce(&AccessChanged<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let tenant: Option<i64> = sqlx::query_scalar(
        "select tenant_id from admin_relationship
         where admin_relationship_id = $1 and partner_id = $2 and status = 'active'",
    )
    .bind(admin_relationship_id)
    .bind(partner_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(tenant_id) = tenant.map(TenantId::new) else {
        return Ok(false);
    };
    super::relationships::lock_pair(&mut tx, tenant_id, partner_id, true).await?;
    let by = Actor {
        user: agent,
        partner: Some(partner_id),
    };
    let Some(relationship_name) = end(
        &mut tx,
        tenant_id,
        partner_id,
        admin_relationship_id,
        by,
        now_ms,
    )
    .await?
    else {
        return Ok(false);
    };
    let (tenant_name, partner_name) =
        super::relationships::names(&mut tx, tenant_id, partner_id).await?;
    let email = compose(&AccessChanged {
        tenant_name: &tenant_name,
        partner_name: &partner_name,
        relationship_name: &relationship_name,
        removed_role: None,
    });
    let recipients = super::users::both_sides(&mut tx, partner_id, tenant_id).await?;
    super::outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
    tx.commit().await?;
    Ok(true)
}

/// Whose side changes an admin relationship's automatic extension.
#[derive(Debug, Clone, Copy)]
pub enum Side {
    Customer(TenantId),
    Partner(PartnerId),
}

/// Why automatic extension was left as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoExtendRefusal {
    /// No such relationship on that side, or it is over.
    NotFound,
    /// Global admin is granted (or asked for, while pending): it never extends itself.
    GlobalAdmin,
}

/// Turns automatic extension on or off for an admin relationship that is pending or in
/// force, as either side decided, with its audit event.
pub async fn set_auto_extend(
    pool: &AnyPool,
    side: Side,
    admin_relationship_id: i64,
    on: bool,
    by: UserId,
    now_ms: i64,
) -> Result<Result<(), AutoExtendRefusal>, sqlx::Error> {
    let (tenant_side, partner_side) = match side {
        Side::Customer(tenant) => (tenant.get(), 0),
        Side::Partner(partner) => (0, partner.get()),
    };
    let mut tx = super::begin_write(pool).await?;
    let found: Option<(i64, i64)> = sqlx::query_as(
        "select tenant_id, partner_id from admin_relationship
         where admin_relationship_id = $1 and ($2 = 0 or tenant_id = $2)
           and ($3 = 0 or partner_id = $3)
           and (status = 'pending' or (status = 'active' and ends_at > $4))",
    )
    .bind(admin_relationship_id)
    .bind(tenant_side)
    .bind(partner_side)
    .bind(now_ms)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((tenant_id, partner_id)) = found else {
        return Ok(Err(AutoExtendRefusal::NotFound));
    };
    if on {
        let global: i64 = sqlx::query_scalar(
            "select count(*) from admin_relationship_role
             where admin_relationship_id = $1 and role = 'global_admin'
               and state in ('requested', 'granted')",
        )
        .bind(admin_relationship_id)
        .fetch_one(&mut *tx)
        .await?;
        if global > 0 {
            return Ok(Err(AutoExtendRefusal::GlobalAdmin));
        }
    }
    sqlx::query("update admin_relationship set auto_extend = $1 where admin_relationship_id = $2")
        .bind(i64::from(on))
        .bind(admin_relationship_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(TenantId::new(tenant_id)),
            actor: Some(by),
            partner_id: Some(PartnerId::new(partner_id)),
            action: if on {
                AuditAction::AccessAutoExtendOn
            } else {
                AuditAction::AccessAutoExtendOff
            },
            target: format!("admin-relationship:{admin_relationship_id}"),
        },
        now_ms,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}
