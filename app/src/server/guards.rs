//! The checks at the top of every server function. Each reads the session and the database
//! afresh on every call — no permission is cached — and returns a typed context.

use super::{db, session, state::app_state};
use crate::domain::{AdminRole, Organization, PartnerId, SignedInUser, TenantId, UserId};
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
