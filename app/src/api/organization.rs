use crate::domain::{PartnerProfile, ProfileFormStart, TenantProfile};
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

/// The Edit profile form as it starts, for one of the partner's admin agents.
#[server(endpoint = "load_profile_form")]
pub async fn load_profile_form() -> Result<ProfileFormStart, AppError> {
    use crate::domain::ProfileForm;
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_admin_agent().await?;
    let profile = db::partners::find(&app_state()?.db.pool, agent.partner_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ProfileFormStart {
        partner_id: profile.partner_id,
        name: profile.name.clone(),
        form: ProfileForm::from_profile(&profile),
    })
}

/// Saves the partner's directory entry, for one of its admin agents: searchable at once in
/// this process, and in every other within a second (they follow the search feed).
#[server(endpoint = "update_partner_profile")]
pub async fn update_partner_profile(
    #[server(default)] description: String,
    #[server(default)] description_zh: String,
    #[server(default)] website: String,
    #[server(default)] contact_email: String,
    #[server(default)] services: Vec<String>,
    #[server(default)] other_services: String,
    #[server(default)] industries: Vec<String>,
    #[server(default)] other_industries: String,
    #[server(default)] location_country: Vec<String>,
    #[server(default)] location_region: Vec<String>,
    #[server(default)] location_city: Vec<String>,
    #[server(default)] sizes: Vec<String>,
    #[server(default)] relationship_types: Vec<String>,
) -> Result<(), AppError> {
    use crate::domain::ProfileForm;
    use crate::server::{clock, db, guards, plain_form, state::app_state};
    let agent = guards::require_admin_agent().await?;
    let form = ProfileForm {
        description,
        description_zh,
        website,
        contact_email,
        services,
        other_services,
        industries,
        other_industries,
        location_country,
        location_region,
        location_city,
        sizes,
        relationship_types,
    };
    let edit = form.parse().map_err(AppError::invalid_fields)?;
    let state = app_state()?;
    let saved = db::partners::update_profile(
        &state.db.pool,
        agent.partner_id,
        &edit,
        agent.user_id,
        clock::now_ms(),
    )
    .await?;
    if !saved {
        // Demoted (or removed) between the guard and the write.
        tracing::warn!(user_id = %agent.user_id, "refused: admin agent needed");
        return Err(AppError::Forbidden(crate::error::Needed::AdminAgent));
    }
    tracing::info!(partner_id = %agent.partner_id, "partner profile updated");
    if let Err(error) = state.search.catch_up().await {
        // Saved all the same: the index follows the feed on its next round.
        tracing::warn!(%error, "the search index did not take the profile in at once");
    }
    plain_form::after_plain_form_go_to("/partner/edit?saved=1");
    Ok(())
}
