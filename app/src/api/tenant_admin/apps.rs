//! The Line-of-business apps area.

use crate::domain::LobApp;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{Power, TenantId},
    server::{db, guards, state::app_state},
};

#[server(endpoint = "list_lob_apps")]
pub async fn list_lob_apps(tenant_id: i64) -> Result<Vec<LobApp>, AppError> {
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::SeeLobApps).await?;
    Ok(
        db::tenant_admin::apps::list_lob_apps(&app_state()?.db.pool, authorized.acting.tenant_id)
            .await?,
    )
}

/// Submits a line-of-business app, or a new version of one.
#[server(endpoint = "submit_lob_app")]
pub async fn submit_lob_app(tenant_id: i64, name: String, version: String) -> Result<(), AppError> {
    use crate::domain::{required_text, FieldErrors};
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ManageLobApps).await?;
    let mut errors = FieldErrors::default();
    let name = errors.take("name", required_text(&name, 100));
    let version = errors.take("version", required_text(&version, 40));
    let (name, version) = errors
        .finish(name.zip(version))
        .map_err(AppError::invalid_fields)?;
    db::tenant_admin::apps::submit_lob_app(
        &app_state()?.db.pool,
        authorized.acting,
        &name,
        &version,
        crate::server::clock::now_ms(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "set_lob_app_status")]
pub async fn set_lob_app_status(
    tenant_id: i64,
    lob_app_id: i64,
    status: String,
) -> Result<(), AppError> {
    use crate::domain::LobAppStatus;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ManageLobApps).await?;
    let status = LobAppStatus::from_db(&status)
        .ok_or_else(|| AppError::field("status", "invalid-malformed"))?;
    let found = db::tenant_admin::apps::set_lob_app_status(
        &app_state()?.db.pool,
        authorized.acting,
        lob_app_id,
        status,
        crate::server::clock::now_ms(),
    )
    .await?;
    found.then_some(()).ok_or(AppError::NotFound)
}
