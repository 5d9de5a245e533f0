use crate::domain::{ContactConfirmation, ContactDefaults};
use crate::error::AppError;
use leptos::prelude::*;

/// Sends one contact request to the chosen partners: one lead each, and their agents told.
/// Open to visitors, rate limited per client address and per sender email.
#[server(endpoint = "send_contact_request")]
pub async fn send_contact_request(
    partners: String,
    business_needs: String,
    contact_name: String,
    email: String,
    phone: String,
    company: String,
    size: String,
    country: String,
    city: String,
    consent: Option<String>,
    website: String,
) -> Result<ContactConfirmation, AppError> {
    use crate::domain::{ContactForm, Organization};
    use crate::server::{db, guards, mail, rate_limit, state::app_state};

    let form = ContactForm {
        partners,
        business_needs,
        contact_name,
        email,
        phone,
        company,
        size,
        country,
        city,
        consent,
        website,
    };
    let request = form.parse().map_err(AppError::invalid_fields)?;
    let state = app_state()?;
    let pool = &state.db.pool;
    if !form.website.is_empty() {
        // The honeypot: only a bot fills in a field nobody can see. It is told nothing.
        tracing::warn!("contact request dropped: honeypot filled");
        return Ok(ContactConfirmation {
            partner_names: vec![],
        });
    }
    let client = crate::api::auth::client_address().await?;
    rate_limit::check_contact_request(pool, state.settings.contact_limits, &request.email, client)
        .await?;

    let sender = guards::acting_user()
        .await?
        .and_then(|user| match user.organization {
            Organization::Tenant { id, .. } => Some(db::leads::Sender {
                tenant_id: id,
                user_id: user.id,
            }),
            Organization::Partner { .. } => None,
        });
    let compose = |lead: &mail::NewLead<'_>| mail::new_lead(lead, &state.settings.public_url);
    let names = db::leads::create_contact_request(
        pool,
        &request,
        sender,
        compose,
        crate::server::clock::now_ms(),
    )
    .await?
    .ok_or_else(|| AppError::field("partners", "invalid-partner-unknown"))?;
    tracing::info!(partners = names.len(), "contact request sent");
    let ids: Vec<String> = request
        .partners
        .iter()
        .map(|id| id.get().to_string())
        .collect();
    crate::server::plain_form::after_plain_form_go_to(&format!(
        "/find-partner/contact?partners={}&sent=1",
        ids.join(",")
    ));
    Ok(ContactConfirmation {
        partner_names: names,
    })
}

/// The contact details a signed-in customer admin's form starts with; empty for others.
#[server(endpoint = "load_contact_defaults")]
pub async fn load_contact_defaults() -> Result<ContactDefaults, AppError> {
    use crate::domain::Organization;
    use crate::server::{db, guards, state::app_state};
    let Some(user) = guards::acting_user().await? else {
        return Ok(ContactDefaults::default());
    };
    let Organization::Tenant { id, name } = &user.organization else {
        return Ok(ContactDefaults::default());
    };
    let profile = db::tenants::find_profile(&app_state()?.db.pool, *id).await?;
    Ok(ContactDefaults {
        contact_name: user.display_name.clone(),
        email: user.email.to_string(),
        company: name.clone(),
        size: profile
            .as_ref()
            .map(|p| p.size.as_db().to_owned())
            .unwrap_or_default(),
        country: profile
            .map(|p| p.country.as_str().to_owned())
            .unwrap_or_default(),
    })
}
