use crate::domain::{LeadDetail, LeadPage, SentContactRequest};
use crate::error::AppError;
use leptos::prelude::*;

/// A page of the signed-in agent's partner's leads, newest first; `status` filters (`""` for
/// all), `page` counts from 1.
#[server(endpoint = "list_leads")]
pub async fn list_leads(
    #[server(default)] status: String,
    #[server(default)] page: String,
) -> Result<LeadPage, AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_partner_agent().await?;
    let query =
        crate::domain::LeadQuery::parse(&status, &page).map_err(AppError::invalid_fields)?;
    Ok(db::leads::list_for_partner(&app_state()?.db.pool, agent.partner_id, &query).await?)
}

/// One of the agent's partner's leads; another partner's lead is "not found".
#[server(endpoint = "get_lead")]
pub async fn get_lead(lead_id: i64) -> Result<LeadDetail, AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_partner_agent().await?;
    db::leads::find_for_partner(&app_state()?.db.pool, agent.partner_id, lead_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Marks a lead contacted or closed.
#[server(endpoint = "update_lead_status")]
pub async fn update_lead_status(lead_id: i64, status: String) -> Result<(), AppError> {
    use crate::domain::LeadStatus;
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_partner_agent().await?;
    let next =
        LeadStatus::parse(&status).ok_or_else(|| AppError::field("status", "invalid-malformed"))?;
    let pool = &app_state()?.db.pool;
    let lead = db::leads::find_for_partner(pool, agent.partner_id, lead_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !lead.status.can_become(next) {
        return Err(AppError::Conflict("error-lead-status".to_owned()));
    }
    if !db::leads::change_status(
        pool,
        agent.partner_id,
        lead_id,
        lead.status,
        next,
        crate::server::clock::now_ms(),
    )
    .await?
    {
        return Err(AppError::Conflict("error-lead-changed".to_owned()));
    }
    Ok(())
}

/// The contact requests the signed-in admin's tenant sent, with each partner's lead status.
#[server(endpoint = "list_sent_contact_requests")]
pub async fn list_sent_contact_requests() -> Result<Vec<SentContactRequest>, AppError> {
    use crate::server::{db, guards, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    Ok(db::leads::sent_by_tenant(&app_state()?.db.pool, admin.tenant_id).await?)
}
