//! The checks at the top of every server function. Each reads the session and the database
//! afresh on every call — no permission is cached — and returns a typed context.

use super::db::invitations::InvitationRecord;
use super::{db, session, state::app_state};
use crate::domain::{
    AdminRole, InvitationToken, Organization, PartnerId, SignedInUser, TenantId, UserId,
};
use crate::error::{AppError, Needed};

/// A member of a customer tenant holding one of the roles a function asked for.
#[derive(Debug, Clone)]
pub struct CustomerAdmin {
    pub user_id: UserId,
    pub tenant_id: TenantId,
    pub roles: Vec<AdminRole>,
}

/// A member of a partner organization.
#[derive(Debug, Clone)]
pub struct PartnerAgent {
    pub user_id: UserId,
    pub partner_id: PartnerId,
}

/// The signed-in user, if any.
pub async fn current_user() -> Result<Option<SignedInUser>, AppError> {
    let state = app_state()?;
    let session = session::current_session().await?;
    let Some(user_id) = session::user_id(&session, state.settings.session_absolute_timeout).await?
    else {
        return Ok(None);
    };
    let user = db::users::find_signed_in(&state.db.pool, user_id).await?;
    if user.is_none() {
        // The account was disabled or deleted since sign-in.
        session::sign_out(&session).await?;
    }
    Ok(user)
}

pub async fn require_user() -> Result<SignedInUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

pub async fn require_customer_admin(roles: &[AdminRole]) -> Result<CustomerAdmin, AppError> {
    let user = require_user().await?;
    match user.organization {
        Organization::Tenant { id, .. } if user.has_any_role(roles) => Ok(CustomerAdmin {
            user_id: user.id,
            tenant_id: id,
            roles: user.roles,
        }),
        _ => {
            tracing::warn!(user_id = %user.id, ?roles, "refused: customer admin role needed");
            Err(AppError::Forbidden(Needed::CustomerRole(roles.to_vec())))
        }
    }
}

pub async fn require_partner_agent() -> Result<PartnerAgent, AppError> {
    let user = require_user().await?;
    match user.organization {
        Organization::Partner { id, .. } => Ok(PartnerAgent {
            user_id: user.id,
            partner_id: id,
        }),
        Organization::Tenant { .. } => {
            tracing::warn!(user_id = %user.id, "refused: partner agent needed");
            Err(AppError::Forbidden(Needed::PartnerAgent))
        }
    }
}

/// A Global or Billing admin of the tenant an invitation link was sent to, with the
/// invitation (in whatever status) and the link's hash.
#[derive(Debug, Clone)]
pub struct InvitedAdmin {
    pub user_id: UserId,
    pub invitation: InvitationRecord,
    pub token_hash: String,
}

/// An unknown, malformed or replaced link is "gone"; anyone but the invited tenant's Global
/// or Billing admins is told which organization and role the link needs.
pub async fn require_invited_admin(token: &str) -> Result<InvitedAdmin, AppError> {
    let user = require_user().await?;
    let not_found = || AppError::Gone("invitation-not-found".to_owned());
    let token = InvitationToken::parse(token).ok_or_else(not_found)?;
    let token_hash = super::invitation_token::hash(&token);
    let invitation =
        db::invitations::find_by_token_hash(&app_state()?.db.pool, &token_hash, db::now_ms())
            .await?
            .ok_or_else(not_found)?;
    let invited = matches!(
        user.organization,
        Organization::Tenant { id, .. } if id == invitation.tenant_id
    );
    if !invited || !user.has_any_role(&[AdminRole::GlobalAdmin, AdminRole::BillingAdmin]) {
        tracing::warn!(user_id = %user.id, invitation_id = invitation.invitation_id, "refused: not an admin of the invited tenant");
        return Err(AppError::Forbidden(Needed::AdminOf(invitation.tenant_name)));
    }
    Ok(InvitedAdmin {
        user_id: user.id,
        invitation,
        token_hash,
    })
}
