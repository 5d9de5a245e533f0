//! The Support incidents area.

use crate::domain::Incident;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{Power, TenantId},
    server::{db, guards, state::app_state},
};

#[server(endpoint = "list_incidents")]
pub async fn list_incidents(tenant_id: i64) -> Result<Vec<Incident>, AppError> {
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::SeeIncidents).await?;
    Ok(db::tenant_admin::incidents::list_incidents(
        &app_state()?.db.pool,
        authorized.acting.tenant_id,
    )
    .await?)
}

#[server(endpoint = "open_incident")]
pub async fn open_incident(
    tenant_id: i64,
    title: String,
    description: String,
) -> Result<(), AppError> {
    use crate::domain::{required_multiline_text, required_text, FieldErrors};
    let authorized =
        guards::require_power(TenantId::new(tenant_id), Power::ManageIncidents).await?;
    let mut errors = FieldErrors::default();
    let title = errors.take("title", required_text(&title, 200));
    let description = errors.take("description", required_multiline_text(&description, 4_000));
    let (title, description) = errors
        .finish(title.zip(description))
        .map_err(AppError::invalid_fields)?;
    db::tenant_admin::incidents::open_incident(
        &app_state()?.db.pool,
        authorized.acting,
        &title,
        &description,
        crate::server::clock::now_ms(),
    )
    .await?;
    Ok(())
}

/// Comments on an open incident (`comment` may be empty when closing), and closes it when
/// `close` is set.
#[server(endpoint = "update_incident")]
pub async fn update_incident(
    tenant_id: i64,
    incident_id: i64,
    comment: String,
    close: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::required_multiline_text;
    let authorized =
        guards::require_power(TenantId::new(tenant_id), Power::ManageIncidents).await?;
    let close = close.is_some();
    let comment = match (comment.trim().is_empty(), close) {
        (true, true) => None,
        _ => Some(
            required_multiline_text(&comment, 4_000)
                .map_err(|invalid| AppError::invalid_fields(vec![("comment", invalid)]))?,
        ),
    };
    let found = db::tenant_admin::incidents::update_incident(
        &app_state()?.db.pool,
        authorized.acting,
        incident_id,
        comment.as_deref(),
        close,
        crate::server::clock::now_ms(),
    )
    .await?;
    found.then_some(()).ok_or(AppError::NotFound)
}
