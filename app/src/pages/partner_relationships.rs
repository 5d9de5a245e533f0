//! Settings > Partner relationships (`/settings/partner-relationships`): the partners the
//! tenant works with, their relationship types, admin roles and the agreement status.

use crate::api::relationships::list_partner_relationships;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::domain::{format_date, AgreementStatus, PartnerRelationship};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PartnerRelationshipsPage() -> impl IntoView {
    let query = use_query_map();
    let accepted = query.with_untracked(|q| q.get("accepted").is_some());
    let relationships = Resource::new(|| (), |_| list_partner_relationships());
    view! {
        <PageTitle message="partner-relationships-title" />
        <section class="panel">
            <h1>{move_tr!("partner-relationships-title")}</h1>
            <Show when=move || accepted>
                <p class="form-success" role="status">{move_tr!("invitation-accepted-notice")}</p>
            </Show>
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || relationships.get().map(|result| match result {
                    Ok(tenant) if tenant.relationships.is_empty() => view! {
                        <p>{move_tr!("partner-relationships-empty")}</p>
                    }.into_any(),
                    Ok(tenant) => view! {
                        <RelationshipsTable relationships=tenant.relationships agreement=tenant.agreement />
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn RelationshipsTable(
    relationships: Vec<PartnerRelationship>,
    agreement: AgreementStatus,
) -> impl IntoView {
    let agreement_status = if agreement.accepted_current() {
        "agreement-status-accepted"
    } else {
        "agreement-status-not-accepted"
    };
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{move_tr!("column-partner")}</th>
                    <th scope="col">{move_tr!("invitation-relationship-type")}</th>
                    <th scope="col">{move_tr!("column-admin-roles")}</th>
                    <th scope="col">{move_tr!("customer-agreement")}</th>
                    <th scope="col">{move_tr!("column-since")}</th>
                </tr>
            </thead>
            <tbody>
                {relationships.into_iter().map(|relationship| {
                    let types = relationship.types.shown();
                    let roles = relationship.roles.clone();
                    let shown_types = move || {
                        if types.is_empty() {
                            tr!("relationship-no-type")
                        } else {
                            types.iter().map(|t| tr_id(t.message_id())).collect::<Vec<_>>().join(", ")
                        }
                    };
                    let shown_roles = move || {
                        if roles.is_empty() {
                            tr!("roles-none")
                        } else {
                            roles.iter().map(|r| tr_id(r.message_id())).collect::<Vec<_>>().join(", ")
                        }
                    };
                    view! {
                        <tr>
                            <th scope="row">{relationship.partner_name.clone()}</th>
                            <td>{shown_types}</td>
                            <td>{shown_roles}</td>
                            <td>{move || tr_id(agreement_status)}</td>
                            <td><time>{format_date(relationship.since_ms)}</time></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
