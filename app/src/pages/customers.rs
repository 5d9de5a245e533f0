//! The partner's customers (`/customers`): the relationships it has, the admin roles it holds
//! in each, whether the customer accepted the Customer Agreement, and **End relationship**.

use crate::api::relationships::{list_customers, EndRelationship};
use crate::components::dialog::ConfirmDialog;
use crate::components::error_view::ErrorView;
use crate::components::field::FormError;
use crate::components::page_title::PageTitle;
use crate::components::pending::track_pending;
use crate::components::table_frame::TableFrame;
use crate::domain::{format_date, CustomerRelationship};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let end = ServerAction::<EndRelationship>::new();
    track_pending(end.pending().into());
    let customers = Resource::new(move || end.version().get(), |_| list_customers());
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
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || customers.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{move_tr!("customers-empty")}</p> }.into_any(),
                    Ok(list) => view! { <CustomersTable list ending dialog_open /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
            <ConfirmDialog
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
                                    <A href=format!("/customers/{tenant_id}/{area}")>{customer.tenant_name.clone()}</A>
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
