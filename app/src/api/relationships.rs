//! Partner relationships: the tenant's admins see them and remove a partner's admin roles;
//! a partner's agents see their customers and end a relationship.

use crate::domain::{CustomerPage, PartnerRelationshipDetail, TenantRelationships};
use crate::error::AppError;
use leptos::prelude::*;

/// Where the history of admin relationships starts (the access history setting).
#[cfg(feature = "ssr")]
fn history_from(state: &crate::server::AppState, now_ms: i64) -> i64 {
    now_ms - state.settings.access_history.as_millis() as i64
}

/// The tenant's relationships, pending invitations and agreement status.
#[server(endpoint = "list_partner_relationships")]
pub async fn list_partner_relationships() -> Result<TenantRelationships, AppError> {
    use crate::server::{db, guards, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    let now_ms = crate::server::clock::now_ms();
    let state = app_state()?;
    // One connection for the four reads: each return to the pool costs sqlx a round trip
    // to the connection's thread.
    let mut connection = state.db.pool.acquire().await?;
    Ok(TenantRelationships {
        relationships: db::relationships::list_for_tenant(
            &mut connection,
            admin.tenant_id,
            history_from(&state, now_ms),
            now_ms,
        )
        .await?,
        pending_invitations: db::invitations::pending_for_tenant(
            &mut connection,
            admin.tenant_id,
            now_ms,
        )
        .await?,
        agreement: db::agreements::status_on(&mut connection, admin.tenant_id).await?,
        lockdown_since_ms: db::lockdown::since(&mut connection, admin.tenant_id).await?,
    })
}

/// The partner page: one partner's relationship with the tenant and its latest activity.
#[server(endpoint = "get_partner_relationship")]
pub async fn get_partner_relationship(
    partner_id: i64,
) -> Result<PartnerRelationshipDetail, AppError> {
    use crate::domain::PartnerId;
    use crate::server::{db, guards, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    let state = app_state()?;
    let now_ms = crate::server::clock::now_ms();
    db::relationships::find_detail(
        &state.db.pool,
        admin.tenant_id,
        PartnerId::new(partner_id),
        history_from(&state, now_ms),
        now_ms,
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// Removes every admin role the partner holds in the tenant; the relationship stays.
/// Removing again changes nothing and is not an error.
#[server(endpoint = "remove_partner_roles")]
pub async fn remove_partner_roles(partner_id: i64) -> Result<(), AppError> {
    use crate::domain::PartnerId;
    use crate::server::db::relationships::{self, RolesRemoval};
    use crate::server::{guards, mail, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    let partner_id = PartnerId::new(partner_id);
    match relationships::remove_roles(
        &app_state()?.db.pool,
        admin.tenant_id,
        partner_id,
        admin.user_id,
        mail::roles_removed,
        crate::server::clock::now_ms(),
    )
    .await?
    {
        RolesRemoval::NoRelationship => return Err(AppError::NotFound),
        RolesRemoval::NothingHeld => {}
        RolesRemoval::Removed => {
            tracing::info!(%partner_id, tenant_id = %admin.tenant_id, "partner admin roles removed");
        }
    }
    crate::server::plain_form::after_plain_form_go_to(&format!(
        "/settings/partner-relationships/{partner_id}?removed=1"
    ));
    Ok(())
}

/// Removes one admin role from one of the partner's admin relationships with the tenant
/// (`role` is its stored name), or ends that whole admin relationship (`role` empty). The
/// partner and the tenant's relationship managers are told.
#[server(endpoint = "change_admin_access")]
pub async fn change_admin_access(
    partner_id: i64,
    admin_relationship_id: i64,
    #[server(default)] role: String,
) -> Result<(), AppError> {
    use crate::domain::{DelegatedRole, PartnerId};
    use crate::server::db::admin_access::{self, CustomerChange};
    use crate::server::{guards, mail, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    let change = match role.trim() {
        "" => CustomerChange::End(admin_relationship_id),
        raw => CustomerChange::RemoveRole(
            admin_relationship_id,
            DelegatedRole::from_db(raw)
                .ok_or_else(|| AppError::field("role", "invalid-malformed"))?,
        ),
    };
    let partner_id = PartnerId::new(partner_id);
    let changed = admin_access::change_by_customer(
        &app_state()?.db.pool,
        admin.tenant_id,
        partner_id,
        change,
        admin.user_id,
        mail::access_changed,
        crate::server::clock::now_ms(),
    )
    .await?;
    if !changed {
        return Err(AppError::Gone("error-access-not-found".to_owned()));
    }
    tracing::info!(%partner_id, tenant_id = %admin.tenant_id, ?change, "admin access changed by the customer");
    let done = match change {
        CustomerChange::RemoveRole(..) => "role-removed",
        CustomerChange::End(_) => "access-ended",
    };
    crate::server::plain_form::after_plain_form_go_to(&format!(
        "/settings/partner-relationships/{partner_id}?{done}=1"
    ));
    Ok(())
}

/// Turns an admin relationship's automatic extension on or off (`on` is `on` or `off`), as
/// the customer's relationship manager or as the partner's agent decides; never on with
/// Global admin.
#[server(endpoint = "set_auto_extend")]
pub async fn set_auto_extend(admin_relationship_id: i64, on: String) -> Result<(), AppError> {
    use crate::domain::Organization;
    use crate::server::db::admin_access::{self, AutoExtendRefusal, Side};
    use crate::server::{guards, state::app_state};
    let on = match on.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::field("on", "invalid-malformed")),
    };
    let user = guards::require_user().await?;
    let side = match user.organization {
        Organization::Partner { id, .. } => Side::Partner(id),
        Organization::Tenant { .. } => {
            Side::Customer(guards::relationship_manager(user.clone())?.tenant_id)
        }
    };
    admin_access::set_auto_extend(
        &app_state()?.db.pool,
        side,
        admin_relationship_id,
        on,
        user.id,
        crate::server::clock::now_ms(),
    )
    .await?
    .map_err(|refusal| match refusal {
        AutoExtendRefusal::NotFound => AppError::Gone("error-access-not-found".to_owned()),
        AutoExtendRefusal::GlobalAdmin => {
            AppError::field("auto_extend", "invalid-auto-extend-global-admin")
        }
    })?;
    tracing::info!(
        admin_relationship_id,
        on,
        ?side,
        "automatic extension changed"
    );
    Ok(())
}

/// Ends one of the agent's partner's admin relationships: its roles end with it, and both
/// sides are told.
#[server(endpoint = "end_admin_access")]
pub async fn end_admin_access(admin_relationship_id: i64) -> Result<(), AppError> {
    use crate::server::{guards, mail, state::app_state};
    let agent = guards::require_partner_agent().await?;
    let ended = crate::server::db::admin_access::end_by_partner(
        &app_state()?.db.pool,
        agent.partner_id,
        admin_relationship_id,
        agent.user_id,
        mail::access_changed,
        crate::server::clock::now_ms(),
    )
    .await?;
    if !ended {
        return Err(AppError::Gone("error-access-not-found".to_owned()));
    }
    tracing::info!(partner_id = %agent.partner_id, admin_relationship_id, "admin relationship ended by the partner");
    Ok(())
}

/// One page of the agent's partner's customers whose name or domain contains `q` (all
/// without it), with the roles the agent holds in each.
#[server(endpoint = "list_customers")]
pub async fn list_customers(
    #[server(default)] q: String,
    #[server(default)] page: String,
) -> Result<CustomerPage, AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_partner_agent().await?;
    let query = crate::domain::CustomerQuery::parse(&q, &page).map_err(AppError::invalid_fields)?;
    let state = app_state()?;
    let now_ms = crate::server::clock::now_ms();
    Ok(db::relationships::list_for_partner(
        &state.db.pool,
        agent.partner_id,
        agent.user_id,
        &query,
        history_from(&state, now_ms),
        now_ms,
    )
    .await?)
}

/// Ends the partner's relationship with a customer; its roles end with it.
#[server(endpoint = "end_relationship")]
pub async fn end_relationship(tenant_id: i64) -> Result<(), AppError> {
    use crate::domain::TenantId;
    use crate::server::{db, guards, mail, state::app_state};
    let agent = guards::require_partner_agent().await?;
    let tenant_id = TenantId::new(tenant_id);
    let ended = db::relationships::end(
        &app_state()?.db.pool,
        agent.partner_id,
        tenant_id,
        db::relationships::EndedBy::Partner(agent.user_id),
        mail::relationship_ended,
        crate::server::clock::now_ms(),
    )
    .await?;
    if !ended {
        return Err(AppError::NotFound);
    }
    tracing::info!(partner_id = %agent.partner_id, %tenant_id, "relationship ended by the partner");
    Ok(())
}

/// The customer ends its relationship with a partner, without the partner's help: every role
/// and type ends, subscriptions bought through the partner stay, both sides are told (the
/// note goes to the partner), and the partner's next call for the tenant is refused.
#[server(endpoint = "end_partner_relationship")]
pub async fn end_partner_relationship(partner_id: i64, note: String) -> Result<(), AppError> {
    use crate::domain::{optional_multiline_text, PartnerId, MAX_END_NOTE};
    use crate::server::db::relationships::{self, EndedBy};
    use crate::server::{guards, mail, state::app_state};
    let admin = guards::require_relationship_manager().await?;
    let note = optional_multiline_text(&note, MAX_END_NOTE)
        .map_err(|invalid| AppError::field("note", invalid.message_id()))?;
    let partner_id = PartnerId::new(partner_id);
    let ended = relationships::end(
        &app_state()?.db.pool,
        partner_id,
        admin.tenant_id,
        EndedBy::Customer {
            admin: admin.user_id,
            note: note.as_deref(),
        },
        mail::relationship_ended,
        crate::server::clock::now_ms(),
    )
    .await?;
    if !ended {
        return Err(AppError::NotFound);
    }
    tracing::info!(%partner_id, tenant_id = %admin.tenant_id, "relationship ended by the customer");
    leptos_axum::redirect("/settings/partner-relationships?ended=1");
    Ok(())
}
