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
        Refusal::TooMany(spent) => return spent.into(),
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

/// Sends an invitation to the tenant with this domain, optionally answering a lead.
#[server(endpoint = "send_invitation")]
pub async fn send_invitation(
    tenant_domain: String,
    relationship_type: String,
    message: String,
    lead_id: String,
) -> Result<(), AppError> {
    use crate::domain::InvitationForm;
    use crate::server::db::invitations;
    use crate::server::{db, guards, mail, state::app_state};

    let agent = guards::require_partner_agent().await?;
    let invitation = InvitationForm {
        tenant_domain,
        relationship_type,
        message,
        lead_id,
    }
    .parse()
    .map_err(AppError::invalid_fields)?;
    let state = app_state()?;
    let (sending, link) = new_link(&agent, &state);
    let compose = |sent: &mail::InvitationSent<'_>| mail::invitation(sent, &link);
    match invitations::send(&state.db.pool, sending, &invitation, compose, db::now_ms()).await? {
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
        Refusal::TooMany(spent) => send_refused(SendRefusal::TooMany(spent)),
    }
}

/// The agent's partner's invitations, newest first.
#[server(endpoint = "list_invitations")]
pub async fn list_invitations() -> Result<Vec<SentInvitation>, AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_partner_agent().await?;
    Ok(
        db::invitations::list_for_partner(&app_state()?.db.pool, agent.partner_id, db::now_ms())
            .await?,
    )
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
        db::now_ms(),
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
        db::now_ms(),
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
    let agreement = db::agreements::current(&app_state()?.db.pool)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(InvitationOffer {
        partner_name: invitation.partner_name,
        partner_website: invitation.partner_website,
        tenant_name: invitation.tenant_name,
        relationship_type: invitation.relationship_type,
        roles: invitation.relationship_type.requested_roles().to_vec(),
        message: invitation.message,
        expires_at_ms: invitation.expires_at_ms,
        agreement_version: agreement.version,
    })
}

/// Accepts the invitation and the Customer Agreement version the page showed.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    agreement_version: String,
    acknowledged: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{db, guards, mail, state::app_state};
    let guards::InvitedAdmin {
        invitation,
        user_id: admin,
    } = guards::require_invited_admin(&token).await?;
    if acknowledged.as_deref() != Some("on") {
        return Err(AppError::field("acknowledged", "invalid-agreement-unread"));
    }
    let pool = &app_state()?.db.pool;
    let current = db::agreements::current(pool)
        .await?
        .ok_or(AppError::Internal)?;
    if current.version != agreement_version {
        // A new version was published while the page was open: read that one first.
        return Err(AppError::Conflict("error-agreement-changed".to_owned()));
    }
    let compose = |types| {
        mail::invitation_accepted(&invitation.tenant_name, invitation.relationship_type, types)
    };
    let types = db::invitations::accept(
        pool,
        &invitation,
        admin,
        &current.version,
        compose,
        db::now_ms(),
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
        db::now_ms(),
    )
    .await?
    .map_err(link_refused)?;
    tracing::info!(
        invitation_id = invitation.invitation_id,
        "invitation declined"
    );
    Ok(())
}
