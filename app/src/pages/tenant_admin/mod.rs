//! Tenant administration, one screen for both sides: a tenant's own admins at `/admin/:area`,
//! a partner's agents at `/customers/:tenant_id/:area`. Each area is offered only when the
//! server says the actor holds its power now; the server checks again on every call.
//!
//! The screen is one server call (`get_tenant_screen`) read by one resource, created in the
//! page's body, and the actions of every area are created there too: a resource created
//! inside a `Transition` is created twice while the server renders it, which shifted the
//! resources' ids and broke hydration of every area opened by its address.

mod apps;
mod incidents;
mod settings;
mod subscriptions;
mod users;

use crate::api::tenant_admin::{
    apps::{SetLobAppStatus, SubmitLobApp},
    get_tenant_screen,
    incidents::OpenIncident,
    settings::{SetMpsaSharing, SetPartnerAccount},
    subscriptions::PlaceOrder,
    users::{AssignLicense, CreateTenantUser, DisableTenantUser, ResetUserPassword},
};
use crate::components::action::successes;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::components::pending::track_pending;
use crate::domain::{AreaData, TenantArea, TenantScreen};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// `/admin/:area`: the signed-in member's own tenant.
#[component]
pub fn OwnTenantAdminPage() -> impl IntoView {
    view! {
        <PageTitle message="tenant-admin-title" />
        <TenantAdmin tenant=Signal::stored(None) />
    }
}

/// `/customers/:tenant_id/:area`: a customer, as the partner's agent acts in it.
#[component]
pub fn CustomerTenantAdminPage() -> impl IntoView {
    let params = use_params_map();
    let tenant = Memo::new(move |_| {
        params.with(|p| {
            Some(
                p.get("tenant_id")
                    .and_then(|id| id.parse::<i64>().ok())
                    .unwrap_or(0),
            )
        })
    });
    view! {
        <PageTitle message="tenant-admin-title" />
        <TenantAdmin tenant=tenant.into() />
    }
}

/// Every change an area can make, created once for the page: their answers (a one-time
/// password, "order placed", a refusal) stay while the screen reloads after a success.
#[derive(Clone, Copy)]
pub struct TenantActions {
    pub reset: ServerAction<ResetUserPassword>,
    pub disable: ServerAction<DisableTenantUser>,
    pub create: ServerAction<CreateTenantUser>,
    pub assign: ServerAction<AssignLicense>,
    pub order: ServerAction<PlaceOrder>,
    pub open_incident: ServerAction<OpenIncident>,
    pub submit_app: ServerAction<SubmitLobApp>,
    pub set_app_status: ServerAction<SetLobAppStatus>,
    pub sharing: ServerAction<SetMpsaSharing>,
    pub account: ServerAction<SetPartnerAccount>,
    /// Bumped by the forms that live in a row (an incident's update) after a success.
    pub row_changed: RwSignal<usize>,
}

impl TenantActions {
    fn new() -> Self {
        Self {
            reset: ServerAction::new(),
            disable: ServerAction::new(),
            create: ServerAction::new(),
            assign: ServerAction::new(),
            order: ServerAction::new(),
            open_incident: ServerAction::new(),
            submit_app: ServerAction::new(),
            set_app_status: ServerAction::new(),
            sharing: ServerAction::new(),
            account: ServerAction::new(),
            row_changed: RwSignal::new(0),
        }
    }

    /// Whether any change is on its way to the server.
    fn pending(self) -> Signal<bool> {
        Signal::derive(move || {
            self.reset.pending().get()
                || self.disable.pending().get()
                || self.create.pending().get()
                || self.assign.pending().get()
                || self.order.pending().get()
                || self.open_incident.pending().get()
                || self.submit_app.pending().get()
                || self.set_app_status.pending().get()
                || self.sharing.pending().get()
                || self.account.pending().get()
        })
    }

    /// Counts the changes that went through: the screen reloads after each, not after a
    /// refusal (which would redraw the forms and lose what was typed).
    fn changes(self) -> Signal<usize> {
        let counts = [
            successes(self.reset),
            successes(self.disable),
            successes(self.create),
            successes(self.assign),
            successes(self.order),
            successes(self.open_incident),
            successes(self.submit_app),
            successes(self.set_app_status),
            successes(self.sharing),
            successes(self.account),
        ];
        let row_changed = self.row_changed;
        Signal::derive(move || {
            counts.iter().map(|count| count.get()).sum::<usize>() + row_changed.get()
        })
    }
}

#[component]
fn TenantAdmin(tenant: Signal<Option<i64>>) -> impl IntoView {
    let params = use_params_map();
    let area = Memo::new(move |_| params.with(|p| p.get("area").unwrap_or_default()));
    let actions = TenantActions::new();
    track_pending(actions.pending());
    let changes = actions.changes();
    let screen = Resource::new(
        move || (tenant.get(), area.get(), changes.get()),
        |(tenant, area, _)| get_tenant_screen(tenant, area),
    );
    view! {
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || screen.get().map(|result| match result {
                Ok(screen) => view! { <Screen screen actions /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Screen(screen: TenantScreen, actions: TenantActions) -> impl IntoView {
    let TenantScreen { overview, area } = screen;
    let base = match overview.as_partner {
        true => format!("/customers/{}", overview.tenant_id),
        false => "/admin".to_owned(),
    };
    let heading = if overview.as_partner {
        let name = overview.tenant_name.clone();
        Signal::derive(move || tr!("tenant-admin-as-partner", { "customer" => name.clone() }))
    } else {
        Signal::derive(move || tr!("tenant-admin-title"))
    };
    let open = overview.areas();
    let nothing_open = open.is_empty();
    let content = match area {
        AreaData::NotOffered if nothing_open => ().into_any(),
        AreaData::NotOffered => view! {
            <section class="panel"><p>{move_tr!("tenant-admin-choose")}</p></section>
        }
        .into_any(),
        AreaData::Users { users, subscriptions } => {
            view! { <users::UsersArea overview=overview.clone() users subscriptions actions /> }.into_any()
        }
        AreaData::Subscriptions { subscriptions, products } => view! {
            <subscriptions::SubscriptionsArea overview=overview.clone() subscriptions products actions />
        }
        .into_any(),
        AreaData::Incidents(incidents) => {
            view! { <incidents::IncidentsArea overview=overview.clone() incidents actions /> }.into_any()
        }
        AreaData::Apps(apps) => {
            view! { <apps::AppsArea overview=overview.clone() apps actions /> }.into_any()
        }
        AreaData::Settings(partners) => {
            view! { <settings::SettingsArea overview=overview.clone() partners actions /> }.into_any()
        }
        AreaData::Account(account) => view! { <settings::PartnerAccountArea account /> }.into_any(),
    };
    view! {
        <section class="panel">
            <h1>{heading}</h1>
            {overview.as_partner.then(|| view! {
                <p><A href="/customers">{move_tr!("tenant-admin-back")}</A></p>
            })}
            {if nothing_open {
                view! { <p>{move_tr!("tenant-admin-nothing")}</p> }.into_any()
            } else {
                view! {
                    <nav aria-label=move_tr!("tenant-admin-areas") class="tabs">
                        <ul>
                            {open.into_iter().map(|area: TenantArea| {
                                let href = format!("{base}/{}", area.slug());
                                let label = area.message_id();
                                // `A` marks the link to the page shown (`aria-current`).
                                view! { <li><A href=href>{move || tr_id(label)}</A></li> }
                            }).collect_view()}
                        </ul>
                    </nav>
                }.into_any()
            }}
        </section>
        {content}
    }
}
