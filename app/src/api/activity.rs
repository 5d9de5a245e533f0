//! The partner activity timeline (`/settings/partner-activity`), for the tenant's Global and
//! Billing admins. Its CSV export is a plain route of the server (`activity_export`).

use crate::domain::{ActivityFilterOptions, ActivityPage};
use crate::error::AppError;
use leptos::prelude::*;

/// One page of the timeline under the filters the page's address names (`before`/`after`:
/// where the page starts, from the timeline's own links).
#[server(endpoint = "partner_activity")]
pub async fn partner_activity(
    #[server(default)] partner: String,
    #[server(default)] agent: String,
    #[server(default)] action: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] before: String,
    #[server(default)] after: String,
) -> Result<ActivityPage, AppError> {
    use crate::domain::{ActivityFilter, ActivityPosition, ACTIVITY_PAGE_SIZE};
    use crate::server::{db::activity, guards, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    let filter = ActivityFilter::parse(&partner, &agent, &action, &from, &to)
        .map_err(AppError::invalid_fields)?;
    let position = ActivityPosition::parse(&before, &after);
    let slice = activity::slice(
        &app_state()?.db.pool,
        admin.tenant_id,
        &filter,
        position,
        ACTIVITY_PAGE_SIZE,
    )
    .await?;
    Ok(ActivityPage {
        entries: slice.entries,
        newer: slice.newer,
        older: slice.older,
    })
}

/// The partners and agents the timeline's filters offer.
#[server(endpoint = "partner_activity_filters")]
pub async fn partner_activity_filters() -> Result<ActivityFilterOptions, AppError> {
    use crate::server::{db::activity, guards, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    let pool = &app_state()?.db.pool;
    Ok(ActivityFilterOptions {
        partners: activity::partners(pool, admin.tenant_id).await?,
        agents: activity::agents(pool, admin.tenant_id).await?,
    })
}
