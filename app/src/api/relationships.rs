//! A tenant's partner relationships, as its Global and Billing admins see them.

use crate::domain::TenantRelationships;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "list_partner_relationships")]
pub async fn list_partner_relationships() -> Result<TenantRelationships, AppError> {
    use crate::domain::AdminRole;
    use crate::server::{db, guards, state::app_state};
    let admin =
        guards::require_customer_admin(&[AdminRole::GlobalAdmin, AdminRole::BillingAdmin]).await?;
    let pool = &app_state()?.db.pool;
    Ok(TenantRelationships {
        relationships: db::relationships::list_for_tenant(pool, admin.tenant_id).await?,
        agreement: db::agreements::status(pool, admin.tenant_id).await?,
    })
}
