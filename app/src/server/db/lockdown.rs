//! Revoke all partner access: the customer's one switch for an incident. One transaction
//! removes every admin role of every partner, revokes every pending invitation and turns a
//! lockdown on; while it is on, no invitation can be accepted (and so no role granted). Every
//! server process sees it on the next request: it is a column of the tenant, read in the
//! transaction that would grant.

use super::audit::{self, AuditEvent};
use super::{admin_access, outbox, users};
use crate::domain::AuditAction;
use crate::domain::{AdminRole, PartnerId, RelationshipTypes, TenantId, UserId};
use crate::server::mail::{Lockdown, OutgoingEmail};
use sqlx::{AnyConnection, AnyPool};

/// What revoking all partner access did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revoked {
    Done {
        /// Partners whose admin roles were removed.
        partners: usize,
        /// Pending invitations revoked.
        invitations: usize,
    },
    /// The lockdown was already on: nothing changed.
    AlreadyOn,
    /// The name typed to confirm is not the tenant's: nothing changed.
    NameMismatch,
}

/// The tenant's lockdown, locking the tenant's row (PostgreSQL; SQLite's write transaction
/// excludes every other writer): a lockdown and an acceptance in the same tenant happen one
/// after the other. `Some(since)` while it is on.
pub async fn lock_tenant(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
) -> Result<Option<i64>, sqlx::Error> {
    // A no-op update takes the row lock on both backends.
    sqlx::query_scalar(
        "update tenant set partner_lockdown_since = partner_lockdown_since
         where tenant_id = $1 returning partner_lockdown_since",
    )
    .bind(tenant_id.get())
    .fetch_optional(&mut *tx)
    .await
    .map(Option::flatten)
}

/// Since when the tenant's lockdown is on, if it is.
pub async fn since(
    conn: &mut AnyConnection,
    tenant_id: TenantId,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select partner_lockdown_since from tenant where tenant_id = $1")
        .bind(tenant_id.get())
        .fetch_optional(&mut *conn)
        .await
        .map(Option::flatten)
}

/// What a Global admin asked for: the reason, and the tenant's name typed to confirm.
pub struct Revocation<'a> {
    pub admin: UserId,
    pub reason: &'a str,
    pub confirmed_name: &'a str,
}

/// Revokes all partner access, in one transaction, and tells every partner concerned and
/// the tenant's Global and Billing admins (`compose` words it). The reason goes to the audit
/// log and the mail.
pub async fn revoke_all(
    pool: &AnyPool,
    tenant_id: TenantId,
    revocation: Revocation<'_>,
    compose: impl FnOnce(&Lockdown<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<Revoked, sqlx::Error> {
    let Revocation {
        admin,
        reason,
        confirmed_name,
    } = revocation;
    let mut tx = super::begin_write(pool).await?;
    // Locked, read and switched on in one statement.
    let tenant: Option<(String, Option<i64>)> = sqlx::query_as(
        "update tenant set partner_lockdown_since = coalesce(partner_lockdown_since, $1)
         where tenant_id = $2
         returning name, partner_lockdown_since",
    )
    .bind(now_ms)
    .bind(tenant_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((tenant_name, since)) = tenant else {
        return Ok(Revoked::NameMismatch);
    };
    if tenant_name != confirmed_name.trim() {
        // Dropped, the transaction rolls the switch back.
        return Ok(Revoked::NameMismatch);
    }
    if since != Some(now_ms) {
        return Ok(Revoked::AlreadyOn);
    }
    let related: Vec<i64> = sqlx::query_scalar(
        "select partner_id from relationship
         where tenant_id = $1 and ended_at is null order by partner_id",
    )
    .bind(tenant_id.get())
    .fetch_all(&mut *tx)
    .await?;
    // Relationship types that carry admin roles go with the roles, as Remove roles does.
    let kept_bits = RelationshipTypes::from_bits(127)
        .without_admin_roles()
        .bits();
    let partners: Vec<PartnerId> = related.into_iter().map(PartnerId::new).collect();
    for &partner_id in &partners {
        admin_access::end_all(&mut tx, tenant_id, partner_id, admin, now_ms).await?;
    }
    sqlx::query(
        "update relationship set types = types & $1 where tenant_id = $2 and ended_at is null",
    )
    .bind(kept_bits)
    .bind(tenant_id.get())
    .execute(&mut *tx)
    .await?;
    let invited: Vec<(i64, i64)> = sqlx::query_as(
        "update invitation set status = 'revoked', decided_by_user_id = $1, decided_at = $2
         where tenant_id = $3 and status = 'pending'
         returning invitation_id, partner_id",
    )
    .bind(admin.get())
    .bind(now_ms)
    .bind(tenant_id.get())
    .fetch_all(&mut *tx)
    .await?;
    for (invitation_id, _) in &invited {
        admin_access::close_request(&mut tx, *invitation_id, true, admin, now_ms).await?;
    }
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(admin),
            partner_id: None,
            action: AuditAction::PartnerAccessRevokedAll,
            target: reason.to_owned(),
        },
        now_ms,
    )
    .await?;
    // Every partner, related or invited, and the tenant's own Global and Billing admins.
    let mut told: Vec<PartnerId> = partners.clone();
    told.extend(invited.iter().map(|(_, partner)| PartnerId::new(*partner)));
    told.sort_by_key(|partner| partner.get());
    told.dedup();
    let mut recipients = Vec::new();
    for partner_id in told {
        recipients.extend(users::partner_recipients(&mut tx, partner_id).await?);
    }
    recipients.extend(
        users::tenant_admin_emails(
            &mut tx,
            tenant_id,
            &[AdminRole::GlobalAdmin, AdminRole::BillingAdmin],
        )
        .await?,
    );
    let admin_name: String =
        sqlx::query_scalar("select display_name from app_user where user_id = $1")
            .bind(admin.get())
            .fetch_one(&mut *tx)
            .await?;
    let email = compose(&Lockdown {
        tenant_name: &tenant_name,
        admin_name: &admin_name,
        reason,
        at_ms: now_ms,
    });
    outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
    tx.commit().await?;
    Ok(Revoked::Done {
        partners: partners.len(),
        invitations: invited.len(),
    })
}

/// Ends the tenant's lockdown: invitations can be accepted again. Nothing removed comes
/// back. `false` when there was none.
pub async fn end(
    pool: &AnyPool,
    tenant_id: TenantId,
    admin: UserId,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let ended = sqlx::query(
        "update tenant set partner_lockdown_since = null
         where tenant_id = $1 and partner_lockdown_since is not null",
    )
    .bind(tenant_id.get())
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !ended {
        return Ok(false);
    }
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(admin),
            partner_id: None,
            action: AuditAction::PartnerLockdownEnded,
            target: String::new(),
        },
        now_ms,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
