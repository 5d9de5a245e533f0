//! The Users area: members, their passwords and licenses.

use crate::domain::{TemporaryPassword, TenantUser};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{Power, TenantId},
    server::{db, guards, state::app_state},
};

#[server(endpoint = "list_tenant_users")]
pub async fn list_tenant_users(tenant_id: i64) -> Result<Vec<TenantUser>, AppError> {
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ListUsers).await?;
    Ok(
        db::tenant_admin::users::list_users(&app_state()?.db.pool, authorized.acting.tenant_id)
            .await?,
    )
}

/// Adds a member; the answer carries their one-time password.
#[server(endpoint = "create_tenant_user")]
pub async fn create_tenant_user(
    tenant_id: i64,
    display_name: String,
    email: String,
) -> Result<TemporaryPassword, AppError> {
    use crate::domain::{required_text, EmailAddress, FieldErrors};
    use crate::server::password;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::CreateUser).await?;
    let mut errors = FieldErrors::default();
    let display_name = errors.take("display_name", required_text(&display_name, 200));
    let email = errors.take("email", EmailAddress::parse(&email));
    let (display_name, email) = errors
        .finish(display_name.zip(email))
        .map_err(AppError::invalid_fields)?;
    let temporary = password::temporary();
    let hash = password::hash(temporary.clone()).await?;
    let state = app_state()?;
    let now_ms = crate::server::clock::now_ms();
    let password = temporary_password(&state, &hash, now_ms);
    let expires_at_ms = password.until_ms;
    db::tenant_admin::users::create_user(
        &state.db.pool,
        authorized.acting,
        &display_name,
        &email,
        password,
        now_ms,
    )
    .await?
    .ok_or_else(|| AppError::field("email", "invalid-email-taken"))?;
    Ok(TemporaryPassword {
        email: email.to_string(),
        password: temporary.expose().to_owned(),
        expires_at_ms,
    })
}

#[server(endpoint = "disable_tenant_user")]
pub async fn disable_tenant_user(tenant_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::domain::UserId;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::DisableUser).await?;
    if authorized.acting.user_id == UserId::new(user_id) {
        return Err(AppError::Conflict("error-disable-self".to_owned()));
    }
    let refused = db::tenant_admin::users::disable_user(
        &app_state()?.db.pool,
        authorized.acting,
        UserId::new(user_id),
        crate::server::clock::now_ms(),
    )
    .await?;
    refused.map_err(|refusal| account_refused(refusal, tenant_id, user_id))
}

/// A password set by an admin: it works once, until the temporary password lifetime ends.
#[cfg(feature = "ssr")]
fn temporary_password<'a>(
    state: &crate::server::AppState,
    hash: &'a str,
    now_ms: i64,
) -> db::tenant_admin::users::TemporaryPasswordHash<'a> {
    db::tenant_admin::users::TemporaryPasswordHash {
        hash,
        until_ms: now_ms + state.settings.temporary_password_lifetime.as_millis() as i64,
    }
}

/// Why a member's account was left alone, as the page says it.
#[cfg(feature = "ssr")]
fn account_refused(
    refusal: crate::server::db::tenant_admin::users::AccountRefusal,
    tenant_id: i64,
    user_id: i64,
) -> AppError {
    use crate::server::db::tenant_admin::users::AccountRefusal;
    match refusal {
        AccountRefusal::NotFound => AppError::NotFound,
        AccountRefusal::TargetIsAdmin => {
            tracing::warn!(
                tenant_id,
                user_id,
                "refused: an admin's account is the tenant's own Global admins' to manage"
            );
            AppError::Forbidden(crate::error::Needed::GlobalAdminForAdmins)
        }
    }
}

/// Gives a member a new one-time password, shown once in the answer.
#[server(endpoint = "reset_user_password")]
pub async fn reset_user_password(
    tenant_id: i64,
    user_id: i64,
) -> Result<TemporaryPassword, AppError> {
    use crate::domain::UserId;
    use crate::server::password;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ResetPassword).await?;
    let temporary = password::temporary();
    let hash = password::hash(temporary.clone()).await?;
    let state = app_state()?;
    let now_ms = crate::server::clock::now_ms();
    let password = temporary_password(&state, &hash, now_ms);
    let expires_at_ms = password.until_ms;
    // Who may reset an admin's password is decided again inside the write, with the power.
    let email = db::tenant_admin::users::set_password(
        &state.db.pool,
        authorized.acting,
        UserId::new(user_id),
        password,
        db::now_ms(),
        now_ms,
    )
    .await?
    .map_err(|refusal| account_refused(refusal, tenant_id, user_id))?;
    tracing::info!(tenant_id, user_id, partner_id = ?authorized.acting.partner_id, "password reset");
    Ok(TemporaryPassword {
        email,
        password: temporary.expose().to_owned(),
        expires_at_ms,
    })
}

#[server(endpoint = "assign_license")]
pub async fn assign_license(
    tenant_id: i64,
    subscription_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    use crate::domain::UserId;
    use crate::server::db::tenant_admin::users::LicenseRefusal;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::AssignLicense).await?;
    match db::tenant_admin::users::assign_license(
        &app_state()?.db.pool,
        authorized.acting,
        subscription_id,
        UserId::new(user_id),
        crate::server::clock::now_ms(),
    )
    .await?
    {
        Ok(()) => Ok(()),
        Err(LicenseRefusal::NotFound) => Err(AppError::NotFound),
        Err(LicenseRefusal::NoSeatLeft) => Err(AppError::Conflict("error-no-seat-left".to_owned())),
    }
}
