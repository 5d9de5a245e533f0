//! Acting inside a tenant: its own admins, and partners within what their relationship and
//! the admin roles the customer granted allow. Every function starts with
//! `guards::require_power`, which reads the relationship and roles at the moment of the call.

use crate::domain::{
    Incident, LobApp, Product, Subscription, TemporaryPassword, TenantOverview, TenantScreen,
    TenantUser,
};
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
            users: list_tenant_users(tenant_id).await?,
            subscriptions: match overview.may(Power::AssignLicense) {
                true => list_subscriptions(tenant_id).await?,
                false => vec![],
            },
        },
        Some(TenantArea::Subscriptions) => AreaData::Subscriptions {
            subscriptions: match overview.may(Power::SeeSubscriptions)
                || overview.may(Power::SeeOwnPurchases)
            {
                true => Some(list_subscriptions(tenant_id).await?),
                false => None,
            },
            products: match overview.may(Power::PlaceOrder) {
                true => list_products().await?,
                false => vec![],
            },
        },
        Some(TenantArea::Incidents) => AreaData::Incidents(list_incidents(tenant_id).await?),
        Some(TenantArea::Apps) => AreaData::Apps(list_lob_apps(tenant_id).await?),
        Some(TenantArea::Settings) => AreaData::Settings(
            crate::api::relationships::list_partner_relationships()
                .await?
                .relationships
                .into_iter()
                .filter(|r| r.types.contains(crate::domain::RelationshipType::Partner))
                .collect(),
        ),
        Some(TenantArea::Account) => AreaData::Account(get_partner_account(tenant_id).await?),
    };
    Ok(TenantScreen { overview, area })
}

#[server(endpoint = "list_tenant_users")]
pub async fn list_tenant_users(tenant_id: i64) -> Result<Vec<TenantUser>, AppError> {
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ListUsers).await?;
    Ok(db::tenant_admin::list_users(&app_state()?.db.pool, authorized.acting.tenant_id).await?)
}

/// Adds a member; the answer carries their one-time password.
#[server(endpoint = "create_tenant_user")]
pub async fn create_tenant_user(
    tenant_id: i64,
    display_name: String,
    email: String,
) -> Result<TemporaryPassword, AppError> {
    use crate::domain::{required_text, EmailAddress, FieldErrors};
    use crate::server::password;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::CreateUser).await?;
    let mut errors = FieldErrors::default();
    let display_name = errors.take("display_name", required_text(&display_name, 200));
    let email = errors.take("email", EmailAddress::parse(&email));
    let (display_name, email) = errors
        .finish(display_name.zip(email))
        .map_err(AppError::invalid_fields)?;
    let temporary = password::temporary();
    let hash = password::hash(temporary.clone()).await?;
    db::tenant_admin::create_user(
        &app_state()?.db.pool,
        authorized.acting,
        &display_name,
        &email,
        &hash,
        db::now_ms(),
    )
    .await?
    .ok_or_else(|| AppError::field("email", "invalid-email-taken"))?;
    Ok(TemporaryPassword {
        email: email.to_string(),
        password: temporary.expose().to_owned(),
    })
}

#[server(endpoint = "disable_tenant_user")]
pub async fn disable_tenant_user(tenant_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::domain::UserId;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::DisableUser).await?;
    if authorized.acting.user_id == UserId::new(user_id) {
        return Err(AppError::Conflict("error-disable-self".to_owned()));
    }
    let found = db::tenant_admin::disable_user(
        &app_state()?.db.pool,
        authorized.acting,
        UserId::new(user_id),
        db::now_ms(),
    )
    .await?;
    found.then_some(()).ok_or(AppError::NotFound)
}

/// Gives a member a new one-time password, shown once in the answer.
#[server(endpoint = "reset_user_password")]
pub async fn reset_user_password(
    tenant_id: i64,
    user_id: i64,
) -> Result<TemporaryPassword, AppError> {
    use crate::domain::UserId;
    use crate::server::password;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ResetPassword).await?;
    let temporary = password::temporary();
    let hash = password::hash(temporary.clone()).await?;
    use crate::server::db::tenant_admin::ResetRefusal;
    // Who may reset an admin's password is decided again inside the write, with the power.
    let email = match db::tenant_admin::set_password(
        &app_state()?.db.pool,
        authorized.acting,
        UserId::new(user_id),
        &hash,
        db::now_ms(),
    )
    .await?
    {
        Ok(email) => email,
        Err(ResetRefusal::NotFound) => return Err(AppError::NotFound),
        Err(ResetRefusal::TargetIsAdmin) => {
            tracing::warn!(
                tenant_id,
                user_id,
                "refused: resetting an admin's password needs Global admin"
            );
            return Err(AppError::Forbidden(
                crate::error::Needed::GlobalAdminForAdmins,
            ));
        }
    };
    tracing::info!(tenant_id, user_id, partner_id = ?authorized.acting.partner_id, "password reset");
    Ok(TemporaryPassword {
        email,
        password: temporary.expose().to_owned(),
    })
}

#[server(endpoint = "assign_license")]
pub async fn assign_license(
    tenant_id: i64,
    subscription_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    use crate::domain::UserId;
    use crate::server::db::tenant_admin::LicenseRefusal;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::AssignLicense).await?;
    match db::tenant_admin::assign_license(
        &app_state()?.db.pool,
        authorized.acting,
        subscription_id,
        UserId::new(user_id),
        db::now_ms(),
    )
    .await?
    {
        Ok(()) => Ok(()),
        Err(LicenseRefusal::NotFound) => Err(AppError::NotFound),
        Err(LicenseRefusal::NoSeatLeft) => Err(AppError::Conflict("error-no-seat-left".to_owned())),
    }
}

/// The products a tenant can buy.
#[server(endpoint = "list_products")]
pub async fn list_products() -> Result<Vec<Product>, AppError> {
    guards::require_user().await?;
    Ok(db::tenant_admin::products(&app_state()?.db.pool).await?)
}

/// The tenant's subscriptions: all of them for its admins and delegated administrators; a
/// reseller or MPSA partner sees its own purchases, and an MPSA partner every partner's
/// purchases while the customer allows it.
#[server(endpoint = "list_subscriptions")]
pub async fn list_subscriptions(tenant_id: i64) -> Result<Vec<Subscription>, AppError> {
    use crate::domain::PurchasesSeen;
    use crate::server::db::tenant_admin::Purchases;
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
    Ok(db::tenant_admin::list_subscriptions(pool, tenant_id, purchases).await?)
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
    db::tenant_admin::place_order(
        &app_state()?.db.pool,
        authorized.acting,
        product_id.trim(),
        seats,
        db::now_ms(),
    )
    .await?
    .ok_or_else(|| AppError::field("product_id", "invalid-malformed"))?;
    Ok(())
}

#[server(endpoint = "list_incidents")]
pub async fn list_incidents(tenant_id: i64) -> Result<Vec<Incident>, AppError> {
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::SeeIncidents).await?;
    Ok(
        db::tenant_admin::list_incidents(&app_state()?.db.pool, authorized.acting.tenant_id)
            .await?,
    )
}

#[server(endpoint = "open_incident")]
pub async fn open_incident(
    tenant_id: i64,
    title: String,
    description: String,
) -> Result<(), AppError> {
    use crate::domain::{required_multiline_text, required_text, FieldErrors};
    let authorized =
        guards::require_power(TenantId::new(tenant_id), Power::ManageIncidents).await?;
    let mut errors = FieldErrors::default();
    let title = errors.take("title", required_text(&title, 200));
    let description = errors.take("description", required_multiline_text(&description, 4_000));
    let (title, description) = errors
        .finish(title.zip(description))
        .map_err(AppError::invalid_fields)?;
    db::tenant_admin::open_incident(
        &app_state()?.db.pool,
        authorized.acting,
        &title,
        &description,
        db::now_ms(),
    )
    .await?;
    Ok(())
}

/// Comments on an open incident (`comment` may be empty when closing), and closes it when
/// `close` is set.
#[server(endpoint = "update_incident")]
pub async fn update_incident(
    tenant_id: i64,
    incident_id: i64,
    comment: String,
    close: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::required_multiline_text;
    let authorized =
        guards::require_power(TenantId::new(tenant_id), Power::ManageIncidents).await?;
    let close = close.is_some();
    let comment = match (comment.trim().is_empty(), close) {
        (true, true) => None,
        _ => Some(
            required_multiline_text(&comment, 4_000)
                .map_err(|invalid| AppError::invalid_fields(vec![("comment", invalid)]))?,
        ),
    };
    let found = db::tenant_admin::update_incident(
        &app_state()?.db.pool,
        authorized.acting,
        incident_id,
        comment.as_deref(),
        close,
        db::now_ms(),
    )
    .await?;
    found.then_some(()).ok_or(AppError::NotFound)
}

#[server(endpoint = "list_lob_apps")]
pub async fn list_lob_apps(tenant_id: i64) -> Result<Vec<LobApp>, AppError> {
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::SeeLobApps).await?;
    Ok(db::tenant_admin::list_lob_apps(&app_state()?.db.pool, authorized.acting.tenant_id).await?)
}

/// Submits a line-of-business app, or a new version of one.
#[server(endpoint = "submit_lob_app")]
pub async fn submit_lob_app(tenant_id: i64, name: String, version: String) -> Result<(), AppError> {
    use crate::domain::{required_text, FieldErrors};
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ManageLobApps).await?;
    let mut errors = FieldErrors::default();
    let name = errors.take("name", required_text(&name, 100));
    let version = errors.take("version", required_text(&version, 40));
    let (name, version) = errors
        .finish(name.zip(version))
        .map_err(AppError::invalid_fields)?;
    db::tenant_admin::submit_lob_app(
        &app_state()?.db.pool,
        authorized.acting,
        &name,
        &version,
        db::now_ms(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "set_lob_app_status")]
pub async fn set_lob_app_status(
    tenant_id: i64,
    lob_app_id: i64,
    status: String,
) -> Result<(), AppError> {
    use crate::domain::LobAppStatus;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ManageLobApps).await?;
    let status = LobAppStatus::from_db(&status)
        .ok_or_else(|| AppError::field("status", "invalid-malformed"))?;
    let found = db::tenant_admin::set_lob_app_status(
        &app_state()?.db.pool,
        authorized.acting,
        lob_app_id,
        status,
        db::now_ms(),
    )
    .await?;
    found.then_some(()).ok_or(AppError::NotFound)
}

/// "Allow MPSA partners to see each other's purchases".
#[server(endpoint = "set_mpsa_sharing")]
pub async fn set_mpsa_sharing(tenant_id: i64, shared: Option<String>) -> Result<(), AppError> {
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ManageSettings).await?;
    Ok(db::tenant_admin::set_mpsa_sharing(
        &app_state()?.db.pool,
        authorized.acting,
        shared.is_some(),
        db::now_ms(),
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
    use crate::server::db::tenant_admin::AccountRefusal;
    let authorized = guards::require_power(TenantId::new(tenant_id), Power::ManageSettings).await?;
    let email = EmailAddress::parse(&email)
        .map_err(|invalid| AppError::invalid_fields(vec![("email", invalid)]))?;
    match db::tenant_admin::set_partner_account(
        &app_state()?.db.pool,
        authorized.acting,
        PartnerId::new(partner_id),
        &email,
        db::now_ms(),
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
    Ok(db::tenant_admin::partner_account(
        &app_state()?.db.pool,
        authorized.acting.tenant_id,
        partner_id,
    )
    .await?)
}
