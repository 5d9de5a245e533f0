//! The Subscriptions area: what the tenant bought, through whom, and buying more.

use crate::domain::{Product, Subscription};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{Power, TenantId},
    server::{db, guards, state::app_state},
};

/// The products a tenant can buy.
#[server(endpoint = "list_products")]
pub async fn list_products() -> Result<Vec<Product>, AppError> {
    guards::require_user().await?;
    Ok(db::tenant_admin::subscriptions::products(&app_state()?.db.pool).await?)
}

/// The tenant's subscriptions: all of them for its admins and delegated administrators; a
/// reseller or MPSA partner sees its own purchases, and an MPSA partner every partner's
/// purchases while the customer allows it.
#[server(endpoint = "list_subscriptions")]
pub async fn list_subscriptions(tenant_id: i64) -> Result<Vec<Subscription>, AppError> {
    use crate::domain::PurchasesSeen;
    use crate::server::db::tenant_admin::subscriptions::Purchases;
    let authorized = guards::require_any_power(
        TenantId::new(tenant_id),
        &[Power::SeeSubscriptions, Power::SeeOwnPurchases],
    )
    .await?;
    let pool = &app_state()?.db.pool;
    let tenant_id = authorized.acting.tenant_id;
    let shared = db::tenant_admin::tenant_name_and_settings(pool, tenant_id)
        .await?
        .is_some_and(|(_, shared)| shared);
    let refused = || AppError::Forbidden(crate::error::Needed::Power(Power::SeeSubscriptions));
    let purchases = match authorized
        .actor
        .purchases_seen(shared)
        .ok_or_else(refused)?
    {
        PurchasesSeen::All => Purchases::All,
        PurchasesSeen::EveryMpsaPartners => Purchases::ThroughMpsaPartners,
        PurchasesSeen::OwnPartners => {
            Purchases::Through(authorized.acting.partner_id.ok_or_else(refused)?)
        }
    };
    Ok(db::tenant_admin::subscriptions::list_subscriptions(pool, tenant_id, purchases).await?)
}

/// Buys seats of a product for the tenant (a reseller: only once the customer accepted the
/// Customer Agreement in force).
#[server(endpoint = "place_order")]
pub async fn place_order(
    tenant_id: i64,
    product_id: String,
    seats: String,
) -> Result<(), AppError> {
    use crate::domain::parse_seats;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::PlaceOrder).await?;
    let seats = parse_seats(&seats)
        .map_err(|invalid| AppError::invalid_fields(vec![("seats", invalid)]))?;
    db::tenant_admin::subscriptions::place_order(
        &app_state()?.db.pool,
        authorized.acting,
        product_id.trim(),
        seats,
        crate::server::clock::now_ms(),
    )
    .await?
    .ok_or_else(|| AppError::field("product_id", "invalid-malformed"))?;
    Ok(())
}
