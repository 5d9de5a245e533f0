//! Accept agreement (`/settings/agreement`): a tenant with partners accepts the Customer
//! Agreement in force, so they can place orders and manage subscriptions for it.

use crate::api::agreement::AcceptCustomerAgreement;
use crate::api::relationships::list_partner_relationships;
use crate::components::error_view::ErrorView;
use crate::components::field::{FieldMessage, FormError};
use crate::components::page_title::PageTitle;
use crate::components::pending::track_pending;
use crate::domain::{format_date, AgreementStatus};
use crate::i18n::{move_tr, tr};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn AgreementPage() -> impl IntoView {
    let status = Resource::new(|| (), |_| list_partner_relationships());
    let accept = ServerAction::<AcceptCustomerAgreement>::new();
    track_pending(accept.pending().into());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if matches!(accept.value().get(), Some(Ok(()))) {
            navigate(
                "/settings/partner-relationships?agreement=accepted",
                Default::default(),
            );
        }
    });
    view! {
        <PageTitle message="agreement-page-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || status.get().map(|result| match result {
                Ok(tenant) => view! { <AcceptAgreement agreement=tenant.agreement accept /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn AcceptAgreement(
    agreement: AgreementStatus,
    accept: ServerAction<AcceptCustomerAgreement>,
) -> impl IntoView {
    let (acknowledged, set_acknowledged) = signal(false);
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let version = agreement.current_version.clone();
    let accepted = agreement
        .latest
        .clone()
        .filter(|_| agreement.accepted_current());
    view! {
        <section class="panel">
            <h1>{move_tr!("agreement-page-title")}</h1>
            {match accepted {
                Some(acceptance) => {
                    let date = format_date(acceptance.accepted_at_ms);
                    view! {
                        <p role="status">{move || tr!("agreement-accepted-record", {
                            "name" => acceptance.accepted_by.clone(),
                            "version" => acceptance.version.clone(),
                            "date" => date.clone(),
                        })}</p>
                        <p><a href="/customer-agreement">{move_tr!("customer-agreement")}</a></p>
                    }.into_any()
                }
                None => view! {
                    <p>{move_tr!("agreement-page-intro")}</p>
                    <ActionForm action=accept>
                        <FormError error />
                        <input type="hidden" name="agreement_version" value=version.clone() />
                        <p>
                            <a href=crate::pages::customer_agreement::href(&version) target="_blank" rel="noopener">
                                {move_tr!("customer-agreement")}
                                <span class="visually-hidden">{move || format!(" ({})", tr!("opens-in-new-tab"))}</span>
                            </a>
                            " "{let version = version.clone(); move || tr!("agreement-version-line", { "version" => version.clone() })}
                        </p>
                        <div class="field checkbox">
                            <input id="field-acknowledged" name="acknowledged" type="checkbox" value="on"
                        aria-describedby=move || error.get().and_then(|e| e.field_message("acknowledged").map(|_| "field-acknowledged-error"))
                                on:change=move |event| set_acknowledged.set(event_target_checked(&event)) />
                            <label for="field-acknowledged">{move_tr!("agreement-acknowledge")}</label>
                            <FieldMessage field="acknowledged" error />
                        </div>
                        <button type="submit" class="button" disabled=move || !acknowledged.get() || accept.pending().get()>
                            {move_tr!("agreement-accept")}
                        </button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}
