//! What a partner does inside a customer's tenant, within the roles the customer granted.
//! Every function checks the relationship and its roles in the database at the moment of
//! the call.

use crate::domain::TenantAdmin;
use crate::error::AppError;
use leptos::prelude::*;

/// The customer's users, for a partner holding Global admin or Helpdesk admin there.
#[server(endpoint = "list_customer_users")]
pub async fn list_customer_users(tenant_id: i64) -> Result<Vec<TenantAdmin>, AppError> {
    use crate::domain::{DelegatedRole, TenantId};
    use crate::server::{db, guards, state::app_state};
    let acting = guards::require_partner_role(
        TenantId::new(tenant_id),
        &[DelegatedRole::GlobalAdmin, DelegatedRole::HelpdeskAdmin],
    )
    .await?;
    Ok(db::tenants::list_users(&app_state()?.db.pool, acting.tenant_id).await?)
}
