//! The contact requests a customer's admins sent, and which partners have replied.

use crate::api::leads::list_sent_contact_requests;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::components::table_frame::TableFrame;
use crate::domain::format_date;
use crate::domain::SentContactRequest;
use crate::i18n::{move_tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ContactRequestsPage() -> impl IntoView {
    let requests = Resource::new(|| (), |_| list_sent_contact_requests());
    view! {
        <PageTitle message="contact-requests-title" />
        <section class="panel">
            <h1>{move_tr!("contact-requests-title")}</h1>
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || requests.get().map(|result| match result {
                    Ok(requests) if requests.is_empty() => view! {
                        <p>{move_tr!("contact-requests-empty")}" "<A href="/find-partner">{move_tr!("nav-find-partner")}</A></p>
                    }.into_any(),
                    Ok(requests) => requests.into_iter().map(|request| view! { <SentRequest request /> }).collect_view().into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SentRequest(request: SentContactRequest) -> impl IntoView {
    view! {
        <article class="sent-request">
            <h2><time>{format_date(request.sent_at_ms)}</time></h2>
            <p class="business-needs">{request.business_needs}</p>
            <TableFrame label="contact-requests-title">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move_tr!("column-partner")}</th>
                            <th scope="col">{move_tr!("leads-status")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {request.partners.into_iter().map(|(name, status)| view! {
                            <tr><td>{name}</td><td>{move || tr_id(status.message_id())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableFrame>
        </article>
    }
}
