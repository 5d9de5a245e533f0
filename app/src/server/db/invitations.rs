//! Invitations: a partner sends one to a tenant's admins; one of them accepts (granting the
//! relationship, its roles and the Customer Agreement at once) or cancels it.

use super::admin_access::{self, Approval};
use super::audit::{self, AuditEvent};
use super::decoded;
use super::outbox;
use super::{agreements, relationships, users};
use crate::domain::AuditAction;
use crate::domain::{
    AccessStatus, AdminRelationship, AdminRole, DelegatedRole, InvitationStatus, LeadStatus,
    NewInvitation, PartnerId, PendingInvitation, RelationshipType, RelationshipTypes,
    SentInvitation, TenantId, UserId,
};
use crate::server::mail::{InvitationSent, OutgoingEmail};
use crate::server::rate_limit::{self, Spent};
use crate::server::state::InvitationLimits;
use sqlx::{AnyConnection, AnyPool, FromRow};

/// Why an invitation could not be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendRefusal {
    /// No tenant has this domain, or none of its admins could accept. One refusal for both, so
    /// partners can't list the tenants by trying domains.
    UnknownTenant,
    LeadNotFound,
    AlreadyPending,
    AlreadyHeld,
    /// The partner already has a pending or active admin relationship of that name with the
    /// tenant.
    NameTaken,
    /// One of the teams named is not the partner's.
    UnknownTeam,
    /// The partner has sent as many invitations as it may for now, in all or to this tenant.
    TooMany(Spent),
}

/// Why an invitation could not be acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    /// It is no longer pending (or has expired).
    No(InvitationStatus),
    /// Resending it would duplicate a pending invitation or a type already held.
    Duplicate(SendRefusal),
    /// The partner has sent as many invitations as it may for now, in all or to this tenant.
    TooMany(Spent),
    /// The roles ticked on acceptance aren't among those asked for, or none is.
    RolesNotAsked,
    /// The tenant revoked all partner access and has not ended the lockdown.
    Lockdown,
}

/// The agent sending, and the hash of the link's secret.
pub struct Sending {
    pub partner_id: PartnerId,
    pub agent: UserId,
    pub token_hash: String,
    pub ttl_ms: i64,
    pub limits: InvitationLimits,
}

/// Writes the invitation, the email to every Global and Billing admin of the tenant (as
/// `compose` words it), the audit event, and moves the lead it answers to Invited — all in one
/// transaction. A refused invitation takes nothing from the partner's limits: the transaction
/// takes the count back.
pub async fn send(
    pool: &AnyPool,
    sending: Sending,
    invitation: &NewInvitation,
    compose: impl FnOnce(&InvitationSent<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<Result<i64, SendRefusal>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    // Before the domain is looked up: a partner out of invitations is told so whatever the
    // domain, so the limit can't tell a tenant's domain from any other either.
    let by_partner = rate_limit::invitations_by_partner(sending.limits, sending.partner_id);
    if let Err(spent) = rate_limit::spend_in(&mut tx, &by_partner, now_ms).await? {
        return Ok(Err(SendRefusal::TooMany(spent)));
    }
    if let Some(lead_id) = invitation.lead_id {
        let owned: Option<i64> =
            sqlx::query_scalar("select lead_id from lead where lead_id = $1 and partner_id = $2")
                .bind(lead_id)
                .bind(sending.partner_id.get())
                .fetch_optional(&mut *tx)
                .await?;
        if owned.is_none() {
            return Ok(Err(SendRefusal::LeadNotFound));
        }
    }
    let tenant: Option<(i64, String)> =
        sqlx::query_as("select tenant_id, name from tenant where primary_domain = $1")
            .bind(invitation.tenant_domain.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let Some((tenant_id, tenant_name)) = tenant else {
        return Ok(Err(SendRefusal::UnknownTenant));
    };
    let tenant_id = TenantId::new(tenant_id);
    lock_tenant(&mut tx, tenant_id).await?;
    let admins = users::tenant_admin_emails(
        &mut tx,
        tenant_id,
        &AdminRole::MANAGING_PARTNER_RELATIONSHIPS,
    )
    .await?;
    if admins.is_empty() {
        return Ok(Err(SendRefusal::UnknownTenant));
    }
    if invitation.access.is_none() {
        if let Some(refusal) = conflict(
            &mut tx,
            sending.partner_id,
            tenant_id,
            invitation.relationship_type,
            None,
            now_ms,
        )
        .await?
        {
            return Ok(Err(refusal));
        }
    }
    let to_tenant =
        rate_limit::invitations_to_tenant(sending.limits, sending.partner_id, tenant_id);
    if let Err(spent) = rate_limit::spend_in(&mut tx, &to_tenant, now_ms).await? {
        return Ok(Err(SendRefusal::TooMany(spent)));
    }
    let expires_at = now_ms + sending.ttl_ms;
    let invitation_id: i64 = sqlx::query_scalar(
        "insert into invitation (partner_id, tenant_id, lead_id, relationship_type, message, token_hash,
             status, sent_by_user_id, created_at, sent_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $8, $9) returning invitation_id",
    )
    .bind(sending.partner_id.get())
    .bind(tenant_id.get())
    .bind(invitation.lead_id)
    .bind(invitation.relationship_type.as_db())
    .bind(invitation.message.as_deref())
    .bind(&sending.token_hash)
    .bind(sending.agent.get())
    .bind(now_ms)
    .bind(expires_at)
    .fetch_one(&mut *tx)
    .await?;
    // A named admin relationship, when the invitation asks for admin roles: pending the
    // customer's answer, its name taken until then.
    if let Some(access) = &invitation.access {
        let requested = admin_access::request(
            &mut tx,
            tenant_id,
            sending.partner_id,
            invitation_id,
            access,
            now_ms,
        )
        .await?;
        match requested {
            Ok(_) => {}
            Err(admin_access::RequestRefusal::NameTaken) => return Ok(Err(SendRefusal::NameTaken)),
            Err(admin_access::RequestRefusal::UnknownTeam) => {
                return Ok(Err(SendRefusal::UnknownTeam))
            }
        }
    }
    let partner_name = partner_name(&mut tx, sending.partner_id).await?;
    let roles = invitation
        .access
        .as_ref()
        .map(|access| access.roles.clone())
        .unwrap_or_default();
    let email = compose(&InvitationSent {
        partner_name: &partner_name,
        tenant_name: &tenant_name,
        kind: invitation.relationship_type,
        roles: &roles,
        message: invitation.message.as_deref(),
        expires_at_ms: expires_at,
    });
    outbox::queue_each(&mut tx, &admins, &email, now_ms).await?;
    if let Some(lead_id) = invitation.lead_id {
        sqlx::query(
            "update lead set status = $1, updated_at = $2
             where lead_id = $3 and status in ($4, $5)",
        )
        .bind(LeadStatus::Invited.as_db())
        .bind(now_ms)
        .bind(lead_id)
        .bind(LeadStatus::New.as_db())
        .bind(LeadStatus::Contacted.as_db())
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(sending.agent),
            partner_id: Some(sending.partner_id),
            action: AuditAction::InvitationSent,
            target: format!(
                "invitation:{invitation_id} ({})",
                invitation.relationship_type.as_db()
            ),
        },
        now_ms,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(invitation_id))
}

/// A no-op update that locks the tenant's row (PostgreSQL), so two invitations to one tenant
/// are checked one after the other, never both against the state before either.
async fn lock_tenant(tx: &mut AnyConnection, tenant_id: TenantId) -> Result<(), sqlx::Error> {
    sqlx::query("update tenant set name = name where tenant_id = $1")
        .bind(tenant_id.get())
        .execute(tx)
        .await
        .map(|_| ())
}

/// Why sending `kind` from the partner to the tenant would duplicate something: an identical
/// invitation still pending (other than `except`), or a relationship already of that type.
async fn conflict(
    tx: &mut AnyConnection,
    partner_id: PartnerId,
    tenant_id: TenantId,
    kind: RelationshipType,
    except: Option<i64>,
    now_ms: i64,
) -> Result<Option<SendRefusal>, sqlx::Error> {
    let pending: i64 = sqlx::query_scalar(
        "select count(*) from invitation
         where partner_id = $1 and tenant_id = $2 and relationship_type = $3
           and status = 'pending' and expires_at > $4 and invitation_id <> $5",
    )
    .bind(partner_id.get())
    .bind(tenant_id.get())
    .bind(kind.as_db())
    .bind(now_ms)
    .bind(except.unwrap_or(0))
    .fetch_one(&mut *tx)
    .await?;
    if pending > 0 {
        return Ok(Some(SendRefusal::AlreadyPending));
    }
    let held = relationships::active_types(tx, tenant_id, partner_id).await?;
    Ok(held
        .is_some_and(|types| types.contains(kind))
        .then_some(SendRefusal::AlreadyHeld))
}

/// A new link for a pending (or expired) invitation: the old link stops working, the expiry
/// starts again, and the tenant's admins get the new link (in the mail `compose` words).
pub async fn resend(
    pool: &AnyPool,
    sending: Sending,
    invitation_id: i64,
    compose: impl FnOnce(&InvitationSent<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<Result<(), Refusal>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let Some(current) = find_by_id(&mut tx, invitation_id, now_ms).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if current.partner_id != sending.partner_id {
        return Ok(Err(Refusal::NotFound));
    }
    lock_tenant(&mut tx, current.tenant_id).await?;
    let access = admin_access::for_invitation(&mut tx, invitation_id, now_ms).await?;
    if current.relationship_type.carries_roles() {
        // Its admin relationship must still be waiting for an answer (its invitation may have
        // expired meanwhile: that is what a resend is for).
        let waiting = |access: &AdminRelationship| {
            access.ends_at_ms.is_none()
                && matches!(
                    access.status,
                    AccessStatus::PendingApproval | AccessStatus::Expired
                )
        };
        if !access.as_ref().is_some_and(waiting) {
            return Ok(Err(Refusal::No(InvitationStatus::Revoked)));
        }
    } else if let Some(refusal) = conflict(
        &mut tx,
        sending.partner_id,
        current.tenant_id,
        current.relationship_type,
        Some(invitation_id),
        now_ms,
    )
    .await?
    {
        return Ok(Err(Refusal::Duplicate(refusal)));
    }
    let expires_at = now_ms + sending.ttl_ms;
    let updated = sqlx::query(
        "update invitation set token_hash = $1, sent_at = $2, expires_at = $3
         where invitation_id = $4 and partner_id = $5 and status = 'pending'",
    )
    .bind(&sending.token_hash)
    .bind(now_ms)
    .bind(expires_at)
    .bind(invitation_id)
    .bind(sending.partner_id.get())
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(Err(refusal_for(
            &mut tx,
            sending.partner_id,
            invitation_id,
            now_ms,
        )
        .await?));
    }
    for budget in [
        rate_limit::invitations_by_partner(sending.limits, sending.partner_id),
        rate_limit::invitations_to_tenant(sending.limits, sending.partner_id, current.tenant_id),
    ] {
        if let Err(spent) = rate_limit::spend_in(&mut tx, &budget, now_ms).await? {
            return Ok(Err(Refusal::TooMany(spent)));
        }
    }
    let record = find_by_id(&mut tx, invitation_id, now_ms)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let admins = users::tenant_admin_emails(
        &mut tx,
        record.tenant_id,
        &AdminRole::MANAGING_PARTNER_RELATIONSHIPS,
    )
    .await?;
    let roles: Vec<DelegatedRole> = access
        .map(|access| access.asked().collect())
        .unwrap_or_default();
    let email = compose(&InvitationSent {
        partner_name: &record.partner_name,
        tenant_name: &record.tenant_name,
        kind: record.relationship_type,
        roles: &roles,
        message: record.message.as_deref(),
        expires_at_ms: expires_at,
    });
    outbox::queue_each(&mut tx, &admins, &email, now_ms).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(record.tenant_id),
            actor: Some(sending.agent),
            partner_id: Some(sending.partner_id),
            action: AuditAction::InvitationResent,
            target: format!("invitation:{invitation_id}"),
        },
        now_ms,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Withdraws a pending invitation: its link stops working.
pub async fn revoke(
    pool: &AnyPool,
    partner_id: PartnerId,
    agent: UserId,
    invitation_id: i64,
    now_ms: i64,
) -> Result<Result<(), Refusal>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let tenant_id: Option<i64> = sqlx::query_scalar(
        "update invitation set status = 'revoked', decided_by_user_id = $1, decided_at = $2
         where invitation_id = $3 and partner_id = $4 and status = 'pending'
         returning tenant_id",
    )
    .bind(agent.get())
    .bind(now_ms)
    .bind(invitation_id)
    .bind(partner_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(tenant_id) = tenant_id else {
        return Ok(Err(
            refusal_for(&mut tx, partner_id, invitation_id, now_ms).await?
        ));
    };
    admin_access::close_request(&mut tx, invitation_id, false, agent, now_ms).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(TenantId::new(tenant_id)),
            actor: Some(agent),
            partner_id: Some(partner_id),
            action: AuditAction::InvitationRevoked,
            target: format!("invitation:{invitation_id}"),
        },
        now_ms,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Why the partner's invitation `invitation_id` can't change any more.
async fn refusal_for(
    tx: &mut AnyConnection,
    partner_id: PartnerId,
    invitation_id: i64,
    now_ms: i64,
) -> Result<Refusal, sqlx::Error> {
    Ok(match find_by_id(tx, invitation_id, now_ms).await? {
        Some(record) if record.partner_id == partner_id => Refusal::No(record.status),
        _ => Refusal::NotFound,
    })
}

#[derive(FromRow)]
struct SentInvitationRow {
    invitation_id: i64,
    tenant_name: String,
    tenant_domain: String,
    relationship_type: String,
    status: String,
    sent_at: i64,
    expires_at: i64,
}

/// The partner's invitations, newest first.
pub async fn list_for_partner(
    pool: &AnyPool,
    partner_id: PartnerId,
    now_ms: i64,
) -> Result<Vec<SentInvitation>, sqlx::Error> {
    let rows: Vec<SentInvitationRow> = sqlx::query_as(
        "select i.invitation_id, t.name as tenant_name, t.primary_domain as tenant_domain,
                i.relationship_type, i.status, i.sent_at, i.expires_at
         from invitation i join tenant t on t.tenant_id = i.tenant_id
         where i.partner_id = $1
         order by i.created_at desc, i.invitation_id desc
         limit 500",
    )
    .bind(partner_id.get())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(SentInvitation {
                invitation_id: row.invitation_id,
                relationship_type: decoded(
                    "invitation.relationship_type",
                    &row.relationship_type,
                    RelationshipType::from_db(&row.relationship_type),
                )?,
                status: decoded(
                    "invitation.status",
                    &row.status,
                    InvitationStatus::from_db(&row.status, row.expires_at, now_ms),
                )?,
                tenant_name: row.tenant_name,
                tenant_domain: row.tenant_domain,
                sent_at_ms: row.sent_at,
                expires_at_ms: row.expires_at,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
}

/// An invitation with what its pages and mails need.
#[derive(Debug, Clone)]
pub struct InvitationRecord {
    pub invitation_id: i64,
    pub partner_id: PartnerId,
    pub partner_name: String,
    pub partner_website: String,
    pub tenant_id: TenantId,
    pub tenant_name: String,
    pub relationship_type: RelationshipType,
    pub message: Option<String>,
    pub status: InvitationStatus,
    pub expires_at_ms: i64,
    /// The hash of the link in force (a resend replaces it).
    pub token_hash: String,
}

#[derive(FromRow)]
struct InvitationRow {
    invitation_id: i64,
    partner_id: i64,
    partner_name: String,
    partner_website: String,
    tenant_id: i64,
    tenant_name: String,
    relationship_type: String,
    message: Option<String>,
    status: String,
    expires_at: i64,
    token_hash: String,
}

const SELECT_INVITATION: &str =
    "select i.invitation_id, i.partner_id, p.name as partner_name, p.website as partner_website,
            i.tenant_id, t.name as tenant_name, i.relationship_type, i.message, i.status, i.expires_at,
            i.token_hash
     from invitation i
     join partner p on p.partner_id = i.partner_id
     join tenant t on t.tenant_id = i.tenant_id";

impl InvitationRow {
    fn into_record(self, now_ms: i64) -> Result<InvitationRecord, sqlx::Error> {
        Ok(InvitationRecord {
            invitation_id: self.invitation_id,
            partner_id: PartnerId::new(self.partner_id),
            partner_name: self.partner_name,
            partner_website: self.partner_website,
            tenant_id: TenantId::new(self.tenant_id),
            tenant_name: self.tenant_name,
            relationship_type: super::decoded(
                "invitation.relationship_type",
                &self.relationship_type,
                RelationshipType::from_db(&self.relationship_type),
            )?,
            message: self.message,
            status: super::decoded(
                "invitation.status",
                &self.status,
                InvitationStatus::from_db(&self.status, self.expires_at, now_ms),
            )?,
            expires_at_ms: self.expires_at,
            token_hash: self.token_hash,
        })
    }
}

/// The invitation a link opens; `None` for an unknown, tampered or replaced link.
pub async fn find_by_token_hash(
    pool: &AnyPool,
    token_hash: &str,
    now_ms: i64,
) -> Result<Option<InvitationRecord>, sqlx::Error> {
    let row: Option<InvitationRow> =
        sqlx::query_as(&format!("{SELECT_INVITATION} where i.token_hash = $1"))
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
    row.map(|row| row.into_record(now_ms)).transpose()
}

/// The invitation with this id, however reached.
pub async fn find_by_id(
    tx: &mut AnyConnection,
    invitation_id: i64,
    now_ms: i64,
) -> Result<Option<InvitationRecord>, sqlx::Error> {
    let row: Option<InvitationRow> =
        sqlx::query_as(&format!("{SELECT_INVITATION} where i.invitation_id = $1"))
            .bind(invitation_id)
            .fetch_optional(tx)
            .await?;
    row.map(|row| row.into_record(now_ms)).transpose()
}

/// Claims the link: pending → `status`, only if it is still pending, unexpired and still the
/// current link. Exactly one of any number of simultaneous claims wins.
async fn claim(
    tx: &mut AnyConnection,
    invitation: &InvitationRecord,
    status: &str,
    admin: UserId,
    now_ms: i64,
) -> Result<Result<(), Refusal>, sqlx::Error> {
    let claimed = sqlx::query(
        "update invitation set status = $1, decided_by_user_id = $2, decided_at = $3
         where invitation_id = $4 and token_hash = $5 and status = 'pending' and expires_at > $3",
    )
    .bind(status)
    .bind(admin.get())
    .bind(now_ms)
    .bind(invitation.invitation_id)
    .bind(&invitation.token_hash)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 1 {
        return Ok(Ok(()));
    }
    Ok(Err(
        match find_by_id(tx, invitation.invitation_id, now_ms).await? {
            Some(record) if record.status != InvitationStatus::Pending => {
                Refusal::No(record.status)
            }
            // Still pending under another link: this one was replaced by a resend.
            _ => Refusal::NotFound,
        },
    ))
}

/// Accepts the invitation in one transaction: claims the link, creates or extends the
/// relationship, approves the admin relationship it asks for with the roles `chosen` (the
/// others are refused), records the agreement acceptance, writes the audit events and tells
/// the partner (`compose` words it from the relationship's types afterwards and the
/// approval). Returns those types.
pub async fn accept(
    pool: &AnyPool,
    invitation: &InvitationRecord,
    admin: UserId,
    agreement_version: &str,
    chosen: &[DelegatedRole],
    compose: impl FnOnce(RelationshipTypes, Option<&Approval>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<Result<RelationshipTypes, Refusal>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    // First the tenant's row, locked: a lockdown at the same moment is either committed and
    // refuses this, or waits until this acceptance is, and then removes what it granted.
    if super::lockdown::lock_tenant(&mut tx, invitation.tenant_id)
        .await?
        .is_some()
    {
        return Ok(Err(Refusal::Lockdown));
    }
    if let Err(refusal) = claim(&mut tx, invitation, "accepted", admin, now_ms).await? {
        return Ok(Err(refusal));
    }
    let kind = invitation.relationship_type;
    let types = relationships::add_type(
        &mut tx,
        invitation.tenant_id,
        invitation.partner_id,
        kind,
        now_ms,
    )
    .await?;
    let approval =
        match admin_access::approve(&mut tx, invitation.invitation_id, chosen, admin, now_ms)
            .await?
        {
            Ok(approval) => approval,
            Err(admin_access::ApprovalRefusal::Roles) => return Ok(Err(Refusal::RolesNotAsked)),
        };
    agreements::record_acceptance(
        &mut tx,
        invitation.tenant_id,
        admin,
        agreement_version,
        Some(invitation.invitation_id),
        now_ms,
    )
    .await?;
    let customer_event = |action: AuditAction, target: String| AuditEvent {
        tenant_id: Some(invitation.tenant_id),
        actor: Some(admin),
        partner_id: Some(invitation.partner_id),
        action,
        target,
    };
    audit::record(
        &mut tx,
        customer_event(
            AuditAction::InvitationAccepted,
            format!("invitation:{}", invitation.invitation_id),
        ),
        now_ms,
    )
    .await?;
    if let Some(approval) = &approval {
        let names = |roles: &[DelegatedRole]| {
            roles
                .iter()
                .map(|role| role.as_db())
                .collect::<Vec<_>>()
                .join(", ")
        };
        audit::record(
            &mut tx,
            customer_event(
                AuditAction::PartnerRolesGranted,
                format!(
                    "partner:{} \"{}\" ({})",
                    invitation.partner_id,
                    approval.name,
                    names(&approval.granted)
                ),
            ),
            now_ms,
        )
        .await?;
        if !approval.refused.is_empty() {
            audit::record(
                &mut tx,
                customer_event(
                    AuditAction::PartnerRolesRefused,
                    format!(
                        "partner:{} \"{}\" ({})",
                        invitation.partner_id,
                        approval.name,
                        names(&approval.refused)
                    ),
                ),
                now_ms,
            )
            .await?;
        }
    }
    audit::record(
        &mut tx,
        customer_event(
            AuditAction::AgreementAccepted,
            format!("customer-agreement:{agreement_version}"),
        ),
        now_ms,
    )
    .await?;
    let recipients = users::partner_recipients(&mut tx, invitation.partner_id).await?;
    let email = compose(types, approval.as_ref());
    outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
    tx.commit().await?;
    Ok(Ok(types))
}

/// Cancels (declines) the invitation: nothing is granted, the partner is told (`email`).
pub async fn decline(
    pool: &AnyPool,
    invitation: &InvitationRecord,
    admin: UserId,
    email: &OutgoingEmail,
    now_ms: i64,
) -> Result<Result<(), Refusal>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    if let Err(refusal) = claim(&mut tx, invitation, "declined", admin, now_ms).await? {
        return Ok(Err(refusal));
    }
    admin_access::close_request(&mut tx, invitation.invitation_id, true, admin, now_ms).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(invitation.tenant_id),
            actor: Some(admin),
            partner_id: None,
            action: AuditAction::InvitationDeclined,
            target: format!("invitation:{}", invitation.invitation_id),
        },
        now_ms,
    )
    .await?;
    let recipients = users::partner_recipients(&mut tx, invitation.partner_id).await?;
    outbox::queue_each(&mut tx, &recipients, email, now_ms).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

async fn partner_name(
    tx: &mut AnyConnection,
    partner_id: PartnerId,
) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("select name from partner where partner_id = $1")
        .bind(partner_id.get())
        .fetch_one(tx)
        .await
}

/// The invitations to the tenant nobody has answered yet, soonest to expire first.
pub async fn pending_for_tenant(
    connection: &mut AnyConnection,
    tenant_id: TenantId,
    now_ms: i64,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "select i.invitation_id, p.name, i.relationship_type, i.expires_at
         from invitation i join partner p on p.partner_id = i.partner_id
         where i.tenant_id = $1 and i.status = 'pending' and i.expires_at > $2
         order by i.expires_at, i.invitation_id",
    )
    .bind(tenant_id.get())
    .bind(now_ms)
    .fetch_all(connection)
    .await?;
    rows.into_iter()
        .map(|(invitation_id, partner_name, kind, expires_at_ms)| {
            Ok(PendingInvitation {
                invitation_id,
                partner_name,
                relationship_type: decoded(
                    "invitation.relationship_type",
                    &kind,
                    RelationshipType::from_db(&kind),
                )?,
                expires_at_ms,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
}
