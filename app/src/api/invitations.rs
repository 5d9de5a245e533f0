//! Invitations: partners send, resend and revoke them; a customer's Global or Billing admin
//! opens the link and accepts (with the Customer Agreement) or cancels.

use crate::domain::{InvitationOffer, SentInvitation};
use crate::error::AppError;
use leptos::prelude::*;

/// Why a link can't be used, as the page shows it (410: the link is spent, or never was).
#[cfg(feature = "ssr")]
fn link_refused(refusal: crate::server::db::invitations::Refusal) -> AppError {
    use crate::server::db::invitations::Refusal;
    let message = match refusal {
        Refusal::No(status) => status.refusal().unwrap_or("invitation-not-found"),
        Refusal::NotFound | Refusal::Duplicate(_) => "invitation-not-found",
        Refusal::RolesNotAsked => return AppError::field("roles", "invalid-roles-required"),
        Refusal::TooMany(spent) => return spent.into(),
        Refusal::Lockdown => return AppError::Conflict("error-partner-lockdown".to_owned()),
    };
    AppError::Gone(message.to_owned())
}

/// A fresh link from the agent's partner, valid for the configured time: what the database
/// keeps of it, and its address for the mail.
#[cfg(feature = "ssr")]
fn new_link(
    agent: &crate::server::guards::PartnerAgent,
    state: &crate::server::AppState,
) -> (crate::server::db::invitations::Sending, String) {
    let token = crate::server::invitation_token::generate();
    let sending = crate::server::db::invitations::Sending {
        partner_id: agent.partner_id,
        agent: agent.user_id,
        token_hash: crate::server::invitation_token::hash(&token),
        ttl_ms: state.settings.invitation_ttl.as_millis() as i64,
        limits: state.settings.invitation_limits,
    };
    let link = crate::server::mail::invitation_link(&state.settings.public_url, &token);
    (sending, link)
}

/// Sends an invitation to the tenant with this domain, optionally answering a lead. A type
/// that carries admin roles asks for a named admin relationship: its roles (`roles[]`, one
/// per ticked box), duration and whether it extends itself.
#[server(endpoint = "send_invitation")]
pub async fn send_invitation(
    tenant_domain: String,
    relationship_type: String,
    message: String,
    lead_id: String,
    #[server(default)] access_name: String,
    #[server(default)] roles: Vec<String>,
    #[server(default)] duration_days: String,
    #[server(default)] auto_extend: Option<String>,
    #[server(default)] teams: Vec<String>,
) -> Result<(), AppError> {
    use crate::domain::{AccessRequestForm, InvitationForm};
    use crate::server::db::invitations;
    use crate::server::{guards, mail, state::app_state};

    let agent = guards::require_partner_agent().await?;
    let invitation = InvitationForm {
        tenant_domain,
        relationship_type,
        message,
        lead_id,
        access: AccessRequestForm {
            name: access_name,
            roles,
            duration_days,
            auto_extend,
            teams,
        },
    }
    .parse()
    .map_err(AppError::invalid_fields)?;
    let state = app_state()?;
    let (sending, link) = new_link(&agent, &state);
    let compose = |sent: &mail::InvitationSent<'_>| mail::invitation(sent, &link);
    match invitations::send(
        &state.db.pool,
        sending,
        &invitation,
        compose,
        crate::server::clock::now_ms(),
    )
    .await?
    {
        Ok(invitation_id) => {
            tracing::info!(invitation_id, "invitation sent");
            Ok(())
        }
        Err(refusal) => Err(send_refused(refusal)),
    }
}

#[cfg(feature = "ssr")]
fn send_refused(refusal: crate::server::db::invitations::SendRefusal) -> AppError {
    use crate::server::db::invitations::SendRefusal;
    match refusal {
        SendRefusal::UnknownTenant => AppError::field("tenant_domain", "invalid-tenant-unknown"),
        SendRefusal::LeadNotFound => AppError::NotFound,
        SendRefusal::AlreadyPending => AppError::Conflict("error-invitation-pending".to_owned()),
        SendRefusal::AlreadyHeld => AppError::Conflict("error-relationship-has-type".to_owned()),
        SendRefusal::NameTaken => AppError::field("access_name", "error-access-name-taken"),
        SendRefusal::UnknownTeam => AppError::field("teams", "invalid-team-unknown"),
        SendRefusal::TooMany(spent) => {
            tracing::warn!("invitation refused: the partner's limit is used up");
            spent.into()
        }
    }
}

/// Why the partner's own invitation can't be revoked or resent.
#[cfg(feature = "ssr")]
fn change_refused(refusal: crate::server::db::invitations::Refusal) -> AppError {
    use crate::server::db::invitations::{Refusal, SendRefusal};
    match refusal {
        Refusal::NotFound => AppError::NotFound,
        Refusal::No(status) => {
            AppError::Conflict(status.refusal().unwrap_or("error-not-found").to_owned())
        }
        Refusal::Duplicate(refusal) => send_refused(refusal),
        Refusal::RolesNotAsked => AppError::field("roles", "invalid-roles-required"),
        Refusal::TooMany(spent) => send_refused(SendRefusal::TooMany(spent)),
        Refusal::Lockdown => AppError::Conflict("error-partner-lockdown".to_owned()),
    }
}

/// The agent's partner's invitations, newest first.
#[server(endpoint = "list_invitations")]
pub async fn list_invitations() -> Result<Vec<SentInvitation>, AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_partner_agent().await?;
    Ok(db::invitations::list_for_partner(
        &app_state()?.db.pool,
        agent.partner_id,
        crate::server::clock::now_ms(),
    )
    .await?)
}

/// Withdraws a pending invitation; its link stops working.
#[server(endpoint = "revoke_invitation")]
pub async fn revoke_invitation(invitation_id: i64) -> Result<(), AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_partner_agent().await?;
    db::invitations::revoke(
        &app_state()?.db.pool,
        agent.partner_id,
        agent.user_id,
        invitation_id,
        crate::server::clock::now_ms(),
    )
    .await?
    .map_err(change_refused)
}

/// Sends a pending or expired invitation again with a new link; the old link stops working.
#[server(endpoint = "resend_invitation")]
pub async fn resend_invitation(invitation_id: i64) -> Result<(), AppError> {
    use crate::server::{db, guards, mail, state::app_state};
    let agent = guards::require_partner_agent().await?;
    let state = app_state()?;
    let (sending, link) = new_link(&agent, &state);
    let compose = |sent: &mail::InvitationSent<'_>| mail::invitation(sent, &link);
    db::invitations::resend(
        &state.db.pool,
        sending,
        invitation_id,
        compose,
        crate::server::clock::now_ms(),
    )
    .await?
    .map_err(change_refused)
}

/// What the invitation link offers, for the accept page.
#[server(endpoint = "load_invitation")]
pub async fn load_invitation(token: String) -> Result<InvitationOffer, AppError> {
    use crate::server::{db, guards, state::app_state};
    let guards::InvitedAdmin { invitation, .. } = guards::require_invited_admin(&token).await?;
    if let Some(refusal) = invitation.status.refusal() {
        return Err(AppError::Gone(refusal.to_owned()));
    }
    let pool = &app_state()?.db.pool;
    let now_ms = crate::server::clock::now_ms();
    let mut connection = pool.acquire().await?;
    let access =
        db::admin_access::for_invitation(&mut connection, invitation.invitation_id, now_ms).await?;
    let access_would_end_ms = access
        .as_ref()
        .map(|access| now_ms + access.duration_days * crate::domain::DAY_MS);
    let agreement = db::agreements::current(pool)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(InvitationOffer {
        partner_name: invitation.partner_name,
        partner_website: invitation.partner_website,
        tenant_name: invitation.tenant_name,
        relationship_type: invitation.relationship_type,
        access,
        access_would_end_ms,
        message: invitation.message,
        expires_at_ms: invitation.expires_at_ms,
        agreement_version: agreement.version,
    })
}

/// Accepts the invitation and the Customer Agreement version the page showed, granting the
/// admin roles ticked (`roles[]`) of those the invitation asks for.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    agreement_version: String,
    acknowledged: Option<String>,
    #[server(default)] roles: Vec<String>,
) -> Result<(), AppError> {
    use crate::server::{db, guards, mail, state::app_state};
    let guards::InvitedAdmin {
        invitation,
        user_id: admin,
    } = guards::require_invited_admin(&token).await?;
    // A spent link says so before anything about the form.
    if let Some(refusal) = invitation.status.refusal() {
        return Err(AppError::Gone(refusal.to_owned()));
    }
    // Both fields are checked, so the page says everything that is wrong at once.
    let mut refused = Vec::new();
    let chosen = if invitation.relationship_type.carries_roles() {
        crate::domain::parse_roles(&roles)
            .map_err(|invalid| refused.push(("roles", invalid.message_id())))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    if acknowledged.as_deref() != Some("on") {
        refused.push(("acknowledged", "invalid-agreement-unread"));
    }
    if !refused.is_empty() {
        return Err(AppError::fields(&refused));
    }
    let pool = &app_state()?.db.pool;
    let current = db::agreements::current(pool)
        .await?
        .ok_or(AppError::Internal)?;
    if current.version != agreement_version {
        // A new version was published while the page was open: read that one first.
        return Err(AppError::Conflict("error-agreement-changed".to_owned()));
    }
    let compose = |types, approval: Option<&db::admin_access::Approval>| {
        mail::invitation_accepted(
            &invitation.tenant_name,
            invitation.relationship_type,
            types,
            approval,
        )
    };
    let types = db::invitations::accept(
        pool,
        &invitation,
        admin,
        &current.version,
        &chosen,
        compose,
        crate::server::clock::now_ms(),
    )
    .await?
    .map_err(link_refused)?;
    tracing::info!(
        invitation_id = invitation.invitation_id,
        types = types.bits(),
        "invitation accepted"
    );
    crate::server::plain_form::after_plain_form_go_to("/settings/partner-relationships?accepted=1");
    Ok(())
}

/// Cancels (declines) the invitation: nothing is granted and the partner is told.
#[server(endpoint = "decline_invitation")]
pub async fn decline_invitation(token: String) -> Result<(), AppError> {
    use crate::server::{db, guards, mail, state::app_state};
    let guards::InvitedAdmin {
        invitation,
        user_id: admin,
    } = guards::require_invited_admin(&token).await?;
    let email = mail::invitation_declined(&invitation.tenant_name, invitation.relationship_type);
    db::invitations::decline(
        &app_state()?.db.pool,
        &invitation,
        admin,
        &email,
        crate::server::clock::now_ms(),
    )
    .await?
    .map_err(link_refused)?;
    tracing::info!(
        invitation_id = invitation.invitation_id,
        "invitation declined"
    );
    Ok(())
}
