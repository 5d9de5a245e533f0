//! The checks at the top of every server function. Each reads the session and the database
//! afresh on every request — no permission is cached across requests (within one server
//! render of a page, the signed-in user is read once) — and returns a typed context.

use super::db::invitations::InvitationRecord;
use super::{db, session, state::app_state, AppState};
use crate::domain::{
    AdminRole, InvitationToken, Organization, PartnerId, Power, PowerRefusal, SignedInUser,
    TenantActor, TenantId, UserId,
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

/// The signed-in user, if any. While the server renders a page (`App` provides
/// [`UserOfThisRender`]) it is read once for that render: the header and the page's server
/// functions all ask. Every other call — each server function called over HTTP — reads it
/// afresh.
pub async fn current_user() -> Result<Option<SignedInUser>, AppError> {
    match leptos::prelude::use_context::<UserOfThisRender>() {
        Some(once) => once.0.get_or_try_init(read_current_user).await.cloned(),
        None => read_current_user().await,
    }
}

async fn read_current_user() -> Result<Option<SignedInUser>, AppError> {
    let state = app_state()?;
    let session = session::current_session().await?;
    user_in_session(&state, &session).await
}

/// The signed-in user as read for one server render (see [`current_user`]); a failed read
/// is not kept.
#[derive(Clone, Default)]
pub struct UserOfThisRender(std::sync::Arc<tokio::sync::OnceCell<Option<SignedInUser>>>);

/// The user `session` belongs to (for handlers outside server functions).
pub async fn user_in_session(
    state: &AppState,
    session: &tower_sessions::Session,
) -> Result<Option<SignedInUser>, AppError> {
    let Some((user_id, signed_in_at)) =
        session::user_id(session, state.settings.session_absolute_timeout).await?
    else {
        return Ok(None);
    };
    let user = db::users::find_signed_in(&state.db.pool, user_id, signed_in_at).await?;
    if user.is_none() {
        // The account was disabled or deleted, or its password reset, since sign-in.
        session::sign_out(session).await?;
    }
    Ok(user)
}

/// The signed-in user who may act as themselves: not one who signed in with a temporary
/// password (public functions treat them as a visitor).
pub async fn acting_user() -> Result<Option<SignedInUser>, AppError> {
    Ok(current_user()
        .await?
        .filter(|user| !user.password_change_required))
}

/// The signed-in user, unless they signed in with a temporary password: until they choose
/// their own, they may do nothing else (only `change_password` and `sign_out` take them).
pub async fn require_user() -> Result<SignedInUser, AppError> {
    signed_in(current_user().await?)
}

/// The user read from a session (`user_in_session`), under [`require_user`]'s rules.
pub fn signed_in(user: Option<SignedInUser>) -> Result<SignedInUser, AppError> {
    let user = user.ok_or(AppError::Unauthorized)?;
    if user.password_change_required {
        tracing::info!(user_id = %user.id, "refused: a new password is needed first");
        return Err(AppError::Forbidden(Needed::NewPassword));
    }
    Ok(user)
}

/// The signed-in member who manages the tenant's partner relationships
/// (`AdminRole::manage_partner_relationships`).
pub async fn require_relationship_manager() -> Result<CustomerAdmin, AppError> {
    relationship_manager(require_user().await?)
}

/// `user` as a member who manages the tenant's partner relationships.
pub fn relationship_manager(user: SignedInUser) -> Result<CustomerAdmin, AppError> {
    customer_admin(user, &AdminRole::MANAGING_PARTNER_RELATIONSHIPS)
}

/// The signed-in Global admin of a customer tenant.
pub async fn require_global_admin() -> Result<CustomerAdmin, AppError> {
    customer_admin(require_user().await?, &[AdminRole::GlobalAdmin])
}

/// `user` as a member of a customer tenant holding one of `roles`.
fn customer_admin(user: SignedInUser, roles: &[AdminRole]) -> Result<CustomerAdmin, AppError> {
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
    partner_agent(require_user().await?)
}

pub fn partner_agent(user: SignedInUser) -> Result<PartnerAgent, AppError> {
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

/// One of a partner's admin agents, who manage its teams and which team holds which role.
pub async fn require_admin_agent() -> Result<PartnerAgent, AppError> {
    let user = require_user().await?;
    let (user_id, admin_agent) = (user.id, user.admin_agent);
    let agent = partner_agent(user)?;
    if admin_agent {
        Ok(agent)
    } else {
        tracing::warn!(%user_id, "refused: admin agent needed");
        Err(AppError::Forbidden(Needed::AdminAgent))
    }
}

/// Someone allowed, at the moment of the call, to use a power inside a tenant: one of its
/// members by their roles, or a partner's agent by the relationship's types and the admin
/// roles the partner holds there.
#[derive(Debug, Clone)]
pub struct Authorized {
    pub acting: db::tenant_admin::Acting,
    pub actor: TenantActor,
}

/// What `user` is in the tenant right now: `None` when they have nothing to do with it.
pub async fn actor_in_tenant(
    user: &SignedInUser,
    tenant_id: TenantId,
) -> Result<Option<(TenantActor, Option<PartnerId>)>, AppError> {
    let pool = &app_state()?.db.pool;
    Ok(match user.organization {
        Organization::Tenant { id, .. } if id == tenant_id => Some((
            TenantActor::Member {
                roles: user.roles.clone(),
            },
            None,
        )),
        Organization::Tenant { .. } => None,
        Organization::Partner { id, .. } => {
            let mut connection = pool.acquire().await?;
            db::relationships::partner_actor(
                &mut connection,
                tenant_id,
                id,
                user.id,
                false,
                super::clock::now_ms(),
            )
            .await?
            .map(|actor| (actor, Some(id)))
        }
    })
}

/// Refused calls are logged with who, where and what; another tenant is "not found".
pub async fn require_power(tenant_id: TenantId, power: Power) -> Result<Authorized, AppError> {
    require_any_power(tenant_id, &[power]).await
}

/// As `require_power`, for a call any one of `powers` allows; a refusal names the first.
pub async fn require_any_power(
    tenant_id: TenantId,
    powers: &[Power],
) -> Result<Authorized, AppError> {
    let user = require_user().await?;
    let Some((actor, partner_id)) = actor_in_tenant(&user, tenant_id).await? else {
        tracing::warn!(user_id = %user.id, %tenant_id, ?powers, "refused: not in the tenant");
        return Err(AppError::NotFound);
    };
    if let Some(power) = powers.iter().find(|power| actor.check(**power).is_ok()) {
        return Ok(Authorized {
            acting: db::tenant_admin::Acting {
                tenant_id,
                user_id: user.id,
                partner_id,
                power: *power,
                now_ms: super::clock::now_ms(),
            },
            actor,
        });
    }
    // Say why: a missing agreement first, as it tells a partner what would open the way.
    let (power, refusal) = powers
        .iter()
        .filter_map(|power| actor.check(*power).err().map(|refusal| (*power, refusal)))
        .min_by_key(|(_, refusal)| *refusal != PowerRefusal::AgreementNotAccepted)
        .ok_or(AppError::Internal)?;
    tracing::warn!(user_id = %user.id, %tenant_id, ?partner_id, ?power, ?refusal, "refused: power not held");
    Err(AppError::Forbidden(match refusal {
        PowerRefusal::NotGranted => Needed::Power(power),
        PowerRefusal::AgreementNotAccepted => Needed::CustomerAgreement,
    }))
}

/// A Global or Billing admin of the tenant an invitation was sent to, with the invitation
/// (in whatever status).
#[derive(Debug, Clone)]
pub struct InvitedAdmin {
    pub user_id: UserId,
    pub invitation: InvitationRecord,
}

/// `reference` is the secret of an emailed link, or an invitation's id when the tenant's
/// admin opens it from the tenant's own list. An unknown, malformed or replaced link is
/// "gone"; anyone but the invited tenant's Global or Billing admins is told which
/// organization and role the link needs (an id reveals nothing: it is "gone" to them).
pub async fn require_invited_admin(reference: &str) -> Result<InvitedAdmin, AppError> {
    let user = require_user().await?;
    let not_found = || AppError::Gone("invitation-not-found".to_owned());
    let pool = &app_state()?.db.pool;
    let by_id = reference.parse::<i64>().ok();
    let invitation = match by_id {
        Some(id) => {
            let mut connection = pool.acquire().await?;
            db::invitations::find_by_id(&mut connection, id, super::clock::now_ms()).await?
        }
        None => {
            let token = InvitationToken::parse(reference).ok_or_else(not_found)?;
            let token_hash = super::invitation_token::hash(&token);
            db::invitations::find_by_token_hash(pool, &token_hash, super::clock::now_ms()).await?
        }
    }
    .ok_or_else(not_found)?;
    let invited = matches!(
        user.organization,
        Organization::Tenant { id, .. } if id == invitation.tenant_id
    );
    if !invited || !AdminRole::manage_partner_relationships(&user.roles) {
        tracing::warn!(user_id = %user.id, invitation_id = invitation.invitation_id, "refused: not an admin of the invited tenant");
        if by_id.is_some() && !invited {
            return Err(not_found());
        }
        return Err(AppError::Forbidden(Needed::AdminOf(invitation.tenant_name)));
    }
    Ok(InvitedAdmin {
        user_id: user.id,
        invitation,
    })
}
