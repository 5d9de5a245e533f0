//! The Customer Agreement document.

use crate::domain::AgreementDocument;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// A published version of the agreement (the one in force when `version` is empty).
/// Public: anyone may read what they would be agreeing to.
#[server(endpoint = "get_customer_agreement", input = GetUrl)]
pub async fn get_customer_agreement(version: String) -> Result<AgreementDocument, AppError> {
    use crate::server::{db, state::app_state};
    let pool = &app_state()?.db.pool;
    let document = match version.trim() {
        "" => db::agreements::current(pool).await?,
        version => db::agreements::find(pool, version).await?,
    };
    document.ok_or(AppError::NotFound)
}

/// Accepts the Customer Agreement version the page showed, for the admin's tenant.
#[server(endpoint = "accept_customer_agreement")]
pub async fn accept_customer_agreement(
    agreement_version: String,
    acknowledged: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{db, guards, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    if acknowledged.as_deref() != Some("on") {
        return Err(AppError::field("acknowledged", "invalid-agreement-unread"));
    }
    let pool = &app_state()?.db.pool;
    let current = db::agreements::current(pool)
        .await?
        .ok_or(AppError::Internal)?;
    if current.version != agreement_version {
        return Err(AppError::Conflict("error-agreement-changed".to_owned()));
    }
    db::agreements::accept(
        pool,
        admin.tenant_id,
        admin.user_id,
        &current.version,
        crate::server::clock::now_ms(),
    )
    .await?;
    tracing::info!(tenant_id = %admin.tenant_id, version = %current.version, "customer agreement accepted");
    Ok(())
}
