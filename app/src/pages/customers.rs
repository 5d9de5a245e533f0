//! The partner's customers (`/customers?q=contoso&page=2`): a page at a time, searchable by
//! name or domain; the relationships it has, the admin roles the agent holds in each, whether
//! the customer accepted the Customer Agreement, and **End relationship**.

use crate::api::relationships::{list_customers, EndAdminAccess, EndRelationship, SetAutoExtend};
use crate::components::admin_access::AutoExtendToggle;
use crate::components::dialog::ConfirmDialog;
use crate::components::error_view::ErrorView;
use crate::components::field::FormError;
use crate::components::page_title::PageTitle;
use crate::components::pager::Pager;
use crate::components::pending::track_pending;
use crate::components::table_frame::TableFrame;
use crate::domain::{
    format_date, AdminRelationship, CustomerPage, CustomerRelationship, RoleState,
    MAX_CUSTOMER_SEARCH,
};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let end = ServerAction::<EndRelationship>::new();
    let toggle = ServerAction::<SetAutoExtend>::new();
    let end_access = ServerAction::<EndAdminAccess>::new();
    track_pending(Signal::derive(move || {
        end.pending().get() || toggle.pending().get() || end_access.pending().get()
    }));
    let query = use_query_map();
    let search = Memo::new(move |_| query.with(|q| q.get("q").unwrap_or_default()));
    let page = Memo::new(move |_| query.with(|q| q.get("page").unwrap_or_default()));
    let customers = Resource::new(
        move || {
            (
                search.get(),
                page.get(),
                end.version().get(),
                toggle.version().get(),
                end_access.version().get(),
            )
        },
        |(q, page, ..)| list_customers(q, page),
    );
    let error = Signal::derive(move || end.value().get().and_then(Result::err));
    // The customer whose relationship the dialog asks about.
    let ending = RwSignal::new(None::<(i64, String)>);
    let dialog_open = RwSignal::new(false);
    let dialog_body = move || {
        ending
            .get()
            .map(|(_, name)| tr!("end-relationship-explained", { "customer" => name }))
            .unwrap_or_default()
    };
    view! {
        <PageTitle message="customers-title" />
        <section class="panel">
            <h1>{move_tr!("customers-title")}</h1>
            <FormError error />
            {move || matches!(end.value().get(), Some(Ok(()))).then(|| view! {
                <p class="form-success" role="status">{move_tr!("end-relationship-done")}</p>
            })}
            <CustomerSearch action="/customers" search />
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || customers.get().map(|result| match result {
                    Ok(page) if page.customers.is_empty() && page.search.is_some() => {
                        view! { <p>{move_tr!("customers-none-found")}</p> }.into_any()
                    }
                    Ok(page) if page.customers.is_empty() => view! { <p>{move_tr!("customers-empty")}</p> }.into_any(),
                    Ok(page) => view! {
                        <p role="status">{move || tr!("customers-count", { "count" => page.total })}</p>
                        <CustomersTable list=page.customers.clone() ending dialog_open />
                        <CustomerPager page=page.clone() />
                        <AdminAccess list=page.customers toggle end=end_access />
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
            <ConfirmDialog
                id="end-relationship"
                open=dialog_open
                title=move_tr!("end-relationship-title")
                body=Signal::derive(dialog_body)
                confirm="dialog-yes"
                cancel="dialog-no"
                on_confirm=Callback::new(move |_| {
                    if let Some((tenant_id, _)) = ending.get_untracked() {
                        end.dispatch(EndRelationship { tenant_id });
                    }
                })
                busy=end.pending()
            />
        </section>
    }
}

/// A search of the partner's customers by name or domain, as `?q=` of `action` (a page
/// load of its own, so it works before the WebAssembly and keeps its address).
#[component]
pub fn CustomerSearch(action: &'static str, search: Memo<String>) -> impl IntoView {
    let id = format!("search{}", action.replace('/', "-"));
    view! {
        <form method="get" action=action role="search" class="inline-form">
            <label for=id.clone()>{move_tr!("customers-search")}</label>
            <input id=id name="q" type="search" value=move || search.get()
                maxlength=MAX_CUSTOMER_SEARCH.to_string() />
            <button type="submit" class="button secondary">{move_tr!("customers-search-button")}</button>
        </form>
    }
}

/// Previous and next pages of the same search.
#[component]
fn CustomerPager(page: CustomerPage) -> impl IntoView {
    let search = page.search.clone().unwrap_or_default();
    let href = move |to: i64| {
        let mut address = form_urlencoded::Serializer::new(String::new());
        if !search.is_empty() {
            address.append_pair("q", &search);
        }
        address.append_pair("page", &to.to_string());
        format!("/customers?{}", address.finish())
    };
    view! { <Pager label="customers-pages" page=page.page pages=page.page_count() href /> }
}

#[component]
fn CustomersTable(
    list: Vec<CustomerRelationship>,
    ending: RwSignal<Option<(i64, String)>>,
    dialog_open: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <TableFrame label="customers-title">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move_tr!("invitations-customer")}</th>
                        <th scope="col">{move_tr!("invitation-relationship-type")}</th>
                        <th scope="col">{move_tr!("column-admin-roles")}</th>
                        <th scope="col">{move_tr!("customer-agreement")}</th>
                        <th scope="col">{move_tr!("column-since")}</th>
                        <th scope="col"><span class="visually-hidden">{move_tr!("column-actions")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|customer| {
                        let types = customer.types;
                        let roles = customer.roles.clone();
                        let shown_types = move || crate::i18n::relationship_types(types);
                        let shown_roles = move || crate::i18n::roles(roles.iter().map(|r| r.message_id()));
                        let agreement = if customer.agreement_accepted {
                            "agreement-status-accepted"
                        } else {
                            "customer-agreement-missing"
                        };
                        let tenant_id = customer.tenant_id.get();
                        // The first area the partner may open there (the screen lists the others).
                        let area = customer.first_area().map_or("users", |area| area.slug());
                        let name = customer.tenant_name.clone();
                        let label = {
                            let name = name.clone();
                            move || tr!("end-relationship-label", { "customer" => name.clone() })
                        };
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/customers/{tenant_id}/{area}")>{customer.tenant_name.clone()}</a>
                                    <br /><span class="muted">{customer.tenant_domain.clone()}</span>
                                </th>
                                <td>{shown_types}</td>
                                <td>{shown_roles}</td>
                                <td>{move || tr_id(agreement)}</td>
                                <td><time>{format_date(customer.since_ms)}</time></td>
                                <td>
                                    <button type="button" class="button secondary" aria-label=label
                                        on:click=move |_| {
                                            ending.set(Some((tenant_id, name.clone())));
                                            dialog_open.set(true);
                                        }>
                                        {move_tr!("end-relationship")}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableFrame>
    }
}

/// The partner's admin relationships with each customer: status, end date, the roles approved
/// against those asked for; automatic extension turned on or off, and **End access**.
#[component]
fn AdminAccess(
    list: Vec<CustomerRelationship>,
    toggle: ServerAction<SetAutoExtend>,
    end: ServerAction<EndAdminAccess>,
) -> impl IntoView {
    let toggle_error = Signal::derive(move || toggle.value().get().and_then(Result::err));
    let end_error = Signal::derive(move || end.value().get().and_then(Result::err));
    let ending = RwSignal::new(None::<(i64, String, String)>);
    let dialog_open = RwSignal::new(false);
    let dialog_title = move || {
        ending
            .get()
            .map(|(_, name, _)| tr!("access-end-title", { "relationship" => name }))
            .unwrap_or_default()
    };
    let dialog_body = move || {
        ending
            .get()
            .map(|(_, _, customer)| tr!("access-end-partner-body", { "customer" => customer }))
            .unwrap_or_default()
    };
    let customers: Vec<CustomerRelationship> = list
        .into_iter()
        .filter(|customer| !customer.admin_relationships.is_empty())
        .collect();
    (!customers.is_empty()).then(|| view! {
        <h2>{move_tr!("access-relationships")}</h2>
        <FormError error=toggle_error />
        <FormError error=end_error />
        {customers.into_iter().map(|customer| {
            let heading = format!("access-with-{}", customer.tenant_id);
            let (frame_label, table_label) = (heading.clone(), heading.clone());
            let customer_name = customer.tenant_name.clone();
            let domain = customer.tenant_domain.clone();
            view! {
                <h3 id=heading>{customer.tenant_name.clone()}</h3>
                <div class="table-frame" role="region" tabindex="0" aria-labelledby=frame_label>
                    <table aria-labelledby=table_label>
                        <thead><tr>
                            <th scope="col">{move_tr!("access-name")}</th>
                            <th scope="col">{move_tr!("access-filter-status")}</th>
                            <th scope="col">{move_tr!("access-ends")}</th>
                            <th scope="col">{move_tr!("access-roles-approved")}</th>
                            <th scope="col">{move_tr!("access-roles-asked")}</th>
                            <th scope="col">{move_tr!("access-auto-extends")}</th>
                            <th scope="col"><span class="visually-hidden">{move_tr!("column-actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {customer.admin_relationships.into_iter().map(|access| view! {
                                <AccessRow access customer=customer_name.clone() domain=domain.clone() toggle ending dialog_open />
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        }).collect_view()}
        <ConfirmDialog
            id="end-access"
            open=dialog_open
            title=Signal::derive(dialog_title)
            body=Signal::derive(dialog_body)
            confirm="dialog-yes"
            cancel="dialog-no"
            on_confirm=Callback::new(move |_| {
                if let Some((admin_relationship_id, _, _)) = ending.get_untracked() {
                    end.dispatch(EndAdminAccess { admin_relationship_id });
                }
            })
            busy=end.pending()
        />
    })
}

#[component]
fn AccessRow(
    access: AdminRelationship,
    customer: String,
    domain: String,
    toggle: ServerAction<SetAutoExtend>,
    ending: RwSignal<Option<(i64, String, String)>>,
    dialog_open: RwSignal<bool>,
) -> impl IntoView {
    let status = access.status;
    let approved: Vec<&'static str> = access
        .roles
        .iter()
        .filter(|role| role.state == RoleState::Granted)
        .map(|role| role.role.message_id())
        .collect();
    let asked: Vec<&'static str> = access
        .roles
        .iter()
        .map(|role| role.role.message_id())
        .collect();
    let (id, name) = (access.id, access.name.clone());
    let end_label = {
        let name = name.clone();
        move || tr!("access-end-label", { "relationship" => name.clone() })
    };
    let teams_label = {
        let name = name.clone();
        move || tr!("access-choose-teams", { "relationship" => name.clone() })
    };
    let teams_href = format!(
        "/teams?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &domain)
            .finish()
    );
    view! {
        <tr>
            <th scope="row">{access.name.clone()}</th>
            <td>{move || tr_id(status.message_id())}</td>
            <td>{access.ends_at_ms.map(|ends| view! { <time>{format_date(ends)}</time> })}</td>
            <td>{move || crate::i18n::roles(approved.iter().copied())}</td>
            <td>{move || crate::i18n::roles(asked.iter().copied())}</td>
            <td><AutoExtendToggle access=access.clone() toggle /></td>
            <td>
                {(!status.is_over()).then(|| view! {
                    <a href=teams_href aria-label=teams_label>{move_tr!("access-teams")}</a>
                    " "
                })}
                {status.in_force().then(|| view! {
                    <button type="button" class="button secondary" aria-label=end_label
                        on:click=move |_| {
                            ending.set(Some((id, name.clone(), customer.clone())));
                            dialog_open.set(true);
                        }>
                        {move_tr!("access-end")}
                    </button>
                })}
            </td>
        </tr>
    }
}
