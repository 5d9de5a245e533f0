use crate::domain::{ChosenPartner, SearchParams, SearchResults};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Searches the directory; open to visitors. A GET, so a search is a plain, cacheable URL.
#[server(endpoint = "search_partners", input = GetUrl)]
pub async fn search_partners(params: SearchParams) -> Result<SearchResults, AppError> {
    use crate::server::state::app_state;
    let query = params.parse().map_err(AppError::invalid_fields)?;
    Ok(app_state()?.search.search(&query).await?)
}

/// The partners named in a contact link (`"3,17"`), for the form to list; open to visitors.
#[server(endpoint = "chosen_partners")]
pub async fn chosen_partners(partners: String) -> Result<Vec<ChosenPartner>, AppError> {
    use crate::domain::parse_partner_ids;
    use crate::server::{db, state::app_state};
    let ids = parse_partner_ids(&partners)
        .map_err(|invalid| AppError::field("partners", invalid.message_id()))?;
    Ok(db::directory::chosen_partners(&app_state()?.db.pool, &ids).await?)
}
