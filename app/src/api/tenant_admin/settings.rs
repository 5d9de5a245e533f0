//! The Partner settings and Partner account areas.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{Power, TenantId},
    server::{db, guards, state::app_state},
};

/// "Allow MPSA partners to see each other's purchases".
#[server(endpoint = "set_mpsa_sharing")]
pub async fn set_mpsa_sharing(tenant_id: i64, shared: Option<String>) -> Result<(), AppError> {
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ManageSettings).await?;
    Ok(db::tenant_admin::settings::set_mpsa_sharing(
        &app_state()?.db.pool,
        authorized.acting,
        shared.is_some(),
        crate::server::clock::now_ms(),
    )
    .await?)
}

/// Names the member account a "Partner"-type partner works through.
#[server(endpoint = "set_partner_account")]
pub async fn set_partner_account(
    tenant_id: i64,
    partner_id: i64,
    email: String,
) -> Result<(), AppError> {
    use crate::domain::{EmailAddress, PartnerId};
    use crate::server::db::tenant_admin::settings::AccountRefusal;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ManageSettings).await?;
    let email = EmailAddress::parse(&email)
        .map_err(|invalid| AppError::invalid_fields(vec![("email", invalid)]))?;
    match db::tenant_admin::settings::set_partner_account(
        &app_state()?.db.pool,
        authorized.acting,
        PartnerId::new(partner_id),
        &email,
        crate::server::clock::now_ms(),
    )
    .await?
    {
        Ok(()) => Ok(()),
        Err(AccountRefusal::NoSuchMember) => {
            Err(AppError::field("email", "invalid-member-unknown"))
        }
        Err(AccountRefusal::NoSuchPartner) => Err(AppError::NotFound),
    }
}

/// The account in the customer's tenant the partner works through, once the customer named it.
#[server(endpoint = "get_partner_account")]
pub async fn get_partner_account(tenant_id: i64) -> Result<Option<String>, AppError> {
    let authorized =
        guards::require_power(TenantId::new(tenant_id), Power::SeePartnerAccount).await?;
    let partner_id = authorized.acting.partner_id.ok_or(AppError::NotFound)?;
    Ok(db::tenant_admin::settings::partner_account(
        &app_state()?.db.pool,
        authorized.acting.tenant_id,
        partner_id,
    )
    .await?)
}
