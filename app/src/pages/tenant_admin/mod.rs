//! Tenant administration, one screen for both sides: a tenant's own admins at `/admin/:area`,
//! a partner's agents at `/customers/:tenant_id/:area`. Each area is offered only when the
//! server says the actor holds its power now; the server checks again on every call.

mod apps;
mod incidents;
mod settings;
mod subscriptions;
mod users;

use crate::api::tenant_admin::get_tenant_overview;
use crate::components::auth::use_auth;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::domain::{Organization, Power, TenantOverview};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The areas, each with the powers that open it.
const AREAS: [(&str, &str, &[Power]); 6] = [
    ("users", "area-users", &[Power::ListUsers]),
    (
        "subscriptions",
        "area-subscriptions",
        &[
            Power::SeeSubscriptions,
            Power::SeeOwnPurchases,
            Power::PlaceOrder,
        ],
    ),
    ("incidents", "area-incidents", &[Power::SeeIncidents]),
    ("apps", "area-apps", &[Power::SeeLobApps]),
    ("settings", "area-settings", &[Power::ManageSettings]),
    ("account", "area-account", &[Power::SeePartnerAccount]),
];

/// `/admin/:area`: the signed-in member's own tenant.
#[component]
pub fn OwnTenantAdminPage() -> impl IntoView {
    let auth = use_auth();
    let params = use_params_map();
    let area = Memo::new(move |_| params.with(|p| p.get("area").unwrap_or_default()));
    view! {
        <PageTitle message="tenant-admin-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || auth.user.get().map(|user| match user {
                Ok(Some(user)) => match user.organization {
                    Organization::Tenant { id, .. } => view! {
                        <TenantAdmin tenant_id=id.get() area base="/admin".to_owned() />
                    }.into_any(),
                    Organization::Partner { .. } => view! { <ErrorView error=AppError::NotFound /> }.into_any(),
                },
                Ok(None) => view! { <ErrorView error=AppError::Unauthorized /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

/// `/customers/:tenant_id/:area`: a customer, as the partner's agent acts in it.
#[component]
pub fn CustomerTenantAdminPage() -> impl IntoView {
    let params = use_params_map();
    let area = Memo::new(move |_| params.with(|p| p.get("area").unwrap_or_default()));
    let tenant_id = Memo::new(move |_| {
        params.with(|p| {
            p.get("tenant_id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    });
    view! {
        <PageTitle message="tenant-admin-title" />
        {move || {
            let id = tenant_id.get();
            view! { <TenantAdmin tenant_id=id area base=format!("/customers/{id}") /> }
        }}
    }
}

#[component]
fn TenantAdmin(tenant_id: i64, area: Memo<String>, base: String) -> impl IntoView {
    let overview = Resource::new(move || tenant_id, get_tenant_overview);
    view! {
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {
                let base = base.clone();
                move || overview.get().map(|result| match result {
                    Ok(overview) => view! { <Areas overview area base=base.clone() /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })
            }
        </Transition>
    }
}

#[component]
fn Areas(overview: TenantOverview, area: Memo<String>, base: String) -> impl IntoView {
    let open: Vec<(&'static str, &'static str)> = AREAS
        .iter()
        .filter(|(_, _, powers)| powers.iter().any(|power| overview.may(*power)))
        .map(|(slug, label, _)| (*slug, *label))
        .collect();
    let heading = if overview.as_partner {
        let name = overview.tenant_name.clone();
        Signal::derive(move || tr!("tenant-admin-as-partner", { "customer" => name.clone() }))
    } else {
        Signal::derive(move || tr!("tenant-admin-title"))
    };
    let overview = StoredValue::new(overview);
    let links = open.clone();
    view! {
        <section class="panel">
            <h1>{heading}</h1>
            {overview.with_value(|o| o.as_partner).then(|| view! {
                <p><A href="/customers">{move_tr!("tenant-admin-back")}</A></p>
            })}
            {if links.is_empty() {
                view! { <p>{move_tr!("tenant-admin-nothing")}</p> }.into_any()
            } else {
                view! {
                    <nav aria-label=move_tr!("tenant-admin-areas") class="tabs">
                        <ul>
                            {links.into_iter().map(|(slug, label)| {
                                let href = format!("{base}/{slug}");
                                view! {
                                    <li><A href=href attr:aria-current=move || (area.get() == slug).then_some("page")>{move || tr_id(label)}</A></li>
                                }
                            }).collect_view()}
                        </ul>
                    </nav>
                }.into_any()
            }}
        </section>
        {move || {
            let current = area.get();
            let allowed = open.iter().any(|(slug, _)| *slug == current);
            let overview = overview.get_value();
            if !allowed {
                return if open.is_empty() {
                    ().into_any()
                } else {
                    view! { <section class="panel"><p>{move_tr!("tenant-admin-choose")}</p></section> }.into_any()
                };
            }
            match current.as_str() {
                "users" => view! { <users::UsersArea overview /> }.into_any(),
                "subscriptions" => view! { <subscriptions::SubscriptionsArea overview /> }.into_any(),
                "incidents" => view! { <incidents::IncidentsArea overview /> }.into_any(),
                "apps" => view! { <apps::AppsArea overview /> }.into_any(),
                "settings" => view! { <settings::SettingsArea overview /> }.into_any(),
                _ => view! { <settings::PartnerAccountArea overview /> }.into_any(),
            }
        }}
    }
}
