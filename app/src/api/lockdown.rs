//! Revoke all partner access and End lockdown: the tenant's Global admin locks every partner
//! out at once, and later lets them ask again.

use crate::error::AppError;
use leptos::prelude::*;

/// Removes every admin role of every partner, revokes every pending invitation and turns the
/// lockdown on, in one transaction; every partner and the tenant's Global and Billing admins
/// are told why. The tenant's name, typed, confirms it.
#[server(endpoint = "revoke_all_partner_access")]
pub async fn revoke_all_partner_access(
    tenant_name: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::{required_multiline_text, required_text, FieldErrors, MAX_LOCKDOWN_REASON};
    use crate::server::db::lockdown::{self, Revocation, Revoked};
    use crate::server::{guards, mail, state::app_state};
    let admin = guards::require_global_admin().await?;
    let mut errors = FieldErrors::default();
    let typed = errors.take("tenant_name", required_text(&tenant_name, 200));
    let reason = errors.take(
        "reason",
        required_multiline_text(&reason, MAX_LOCKDOWN_REASON),
    );
    let (typed, reason) = errors
        .finish(typed.zip(reason))
        .map_err(AppError::invalid_fields)?;
    let revoked = lockdown::revoke_all(
        &app_state()?.db.pool,
        admin.tenant_id,
        Revocation {
            admin: admin.user_id,
            reason: &reason,
            confirmed_name: &typed,
        },
        mail::lockdown,
        crate::server::clock::now_ms(),
    )
    .await?;
    match revoked {
        Revoked::Done {
            partners,
            invitations,
        } => {
            tracing::warn!(tenant_id = %admin.tenant_id, partners, invitations, "all partner access revoked");
            leptos_axum::redirect("/settings/partner-relationships?locked=1");
            Ok(())
        }
        Revoked::AlreadyOn => Err(AppError::Conflict("error-partner-lockdown".to_owned())),
        Revoked::NameMismatch => Err(AppError::field(
            "tenant_name",
            "invalid-tenant-name-mismatch",
        )),
    }
}

/// Ends the lockdown: partners may be invited again. Nothing removed comes back.
#[server(endpoint = "end_partner_lockdown")]
pub async fn end_partner_lockdown() -> Result<(), AppError> {
    use crate::server::{db, guards, state::app_state};
    let admin = guards::require_global_admin().await?;
    let ended = db::lockdown::end(
        &app_state()?.db.pool,
        admin.tenant_id,
        admin.user_id,
        crate::server::clock::now_ms(),
    )
    .await?;
    if !ended {
        return Err(AppError::Conflict("error-no-lockdown".to_owned()));
    }
    tracing::info!(tenant_id = %admin.tenant_id, "partner lockdown ended");
    Ok(())
}
