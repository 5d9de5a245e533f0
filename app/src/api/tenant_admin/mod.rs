//! Acting inside a tenant: its own admins, and partners within what their relationship and
//! the admin roles the customer granted allow. Every function starts with
//! `guards::require_power`, which reads the relationship and roles at the moment of the call.
//! One module per area, as the screens (`pages/tenant_admin/`) are.

pub mod apps;
pub mod incidents;
pub mod settings;
pub mod subscriptions;
pub mod users;

use crate::domain::{TenantOverview, TenantScreen};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{Power, TenantId},
    server::{db, guards, state::app_state},
};

/// What the signed-in user may do in the tenant: the areas a page shows.
#[server(endpoint = "get_tenant_overview")]
pub async fn get_tenant_overview(tenant_id: i64) -> Result<TenantOverview, AppError> {
    let user = guards::require_user().await?;
    let tenant_id = TenantId::new(tenant_id);
    let (actor, partner_id) = guards::actor_in_tenant(&user, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pool = &app_state()?.db.pool;
    let (tenant_name, mpsa_purchases_shared) =
        db::tenant_admin::tenant_name_and_settings(pool, tenant_id)
            .await?
            .ok_or(AppError::NotFound)?;
    Ok(TenantOverview {
        tenant_id,
        tenant_name,
        as_partner: partner_id.is_some(),
        powers: actor.powers(),
        agreement_accepted: db::agreements::status(pool, tenant_id)
            .await?
            .accepted_current(),
        mpsa_purchases_shared,
    })
}

/// One tenant administration screen whole: the overview and the opened area's lists, so a
/// page loads in one call and creates one resource (resources created inside a `Transition`
/// are created twice while the server renders, and the page then fails to hydrate).
/// `tenant_id` absent: the signed-in member's own tenant.
#[server(endpoint = "get_tenant_screen")]
pub async fn get_tenant_screen(
    tenant_id: Option<i64>,
    area: String,
) -> Result<TenantScreen, AppError> {
    use crate::domain::{AreaData, Organization, TenantArea};
    let tenant_id = match tenant_id {
        Some(id) => id,
        None => match guards::require_user().await?.organization {
            Organization::Tenant { id, .. } => id.get(),
            Organization::Partner { .. } => return Err(AppError::NotFound),
        },
    };
    let overview = get_tenant_overview(tenant_id).await?;
    let opened = TenantArea::from_slug(&area).filter(|area| overview.areas().contains(area));
    let area = match opened {
        None => AreaData::NotOffered,
        Some(TenantArea::Users) => AreaData::Users {
            users: users::list_tenant_users(tenant_id).await?,
            subscriptions: match overview.may(Power::AssignLicense) {
                true => subscriptions::list_subscriptions(tenant_id).await?,
                false => vec![],
            },
        },
        Some(TenantArea::Subscriptions) => AreaData::Subscriptions {
            subscriptions: match overview.may(Power::SeeSubscriptions)
                || overview.may(Power::SeeOwnPurchases)
            {
                true => Some(subscriptions::list_subscriptions(tenant_id).await?),
                false => None,
            },
            products: match overview.may(Power::PlaceOrder) {
                true => subscriptions::list_products().await?,
                false => vec![],
            },
        },
        Some(TenantArea::Incidents) => {
            AreaData::Incidents(incidents::list_incidents(tenant_id).await?)
        }
        Some(TenantArea::Apps) => AreaData::Apps(apps::list_lob_apps(tenant_id).await?),
        Some(TenantArea::Settings) => AreaData::Settings(
            crate::api::relationships::list_partner_relationships()
                .await?
                .relationships
                .into_iter()
                .filter(|r| r.types.contains(crate::domain::RelationshipType::Partner))
                .collect(),
        ),
        Some(TenantArea::Account) => {
            AreaData::Account(settings::get_partner_account(tenant_id).await?)
        }
    };
    Ok(TenantScreen { overview, area })
}
