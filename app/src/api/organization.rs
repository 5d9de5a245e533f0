use crate::domain::{PartnerProfile, TenantProfile};
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in admin's own organization: its details and who administers it.
#[server(endpoint = "fetch_tenant_profile")]
pub async fn fetch_tenant_profile() -> Result<TenantProfile, AppError> {
    use crate::server::{db, guards, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    db::tenants::find_profile(&app_state()?.db.pool, admin.tenant_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The signed-in agent's partner organization, as the directory shows it to customers.
#[server(endpoint = "fetch_partner_profile")]
pub async fn fetch_partner_profile() -> Result<PartnerProfile, AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_partner_agent().await?;
    db::partners::find(&app_state()?.db.pool, agent.partner_id)
        .await?
        .ok_or(AppError::NotFound)
}
