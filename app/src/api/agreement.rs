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
