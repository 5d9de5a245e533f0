//! The contact form (`/find-partner/contact?partners=3,17`): business needs and contact
//! details, sent to every chosen partner at once.

use crate::api::contact::{load_contact_defaults, SendContactRequest};
use crate::api::directory::chosen_partners;
use crate::components::error_view::ErrorView;
use crate::components::field::{Field, FieldMessage, FormError};
use crate::components::page_title::PageTitle;
use crate::components::pending::track_pending;
use crate::domain::{
    listed_countries, ChosenPartner, ContactConfirmation, ContactDefaults, OrganizationSize,
    MAX_BUSINESS_NEEDS,
};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ContactPage() -> impl IntoView {
    let query = use_query_map();
    // `partners=3,17` from the app's link, `partners=3&partners=17` from the plain form.
    let partners =
        Memo::new(move |_| query.with(|q| q.get_all("partners").unwrap_or_default().join(",")));
    // After a plain form post (no WebAssembly) the server sends the browser here with `sent=1`.
    let sent_by_form = Memo::new(move |_| query.with(|q| q.get("sent").as_deref() == Some("1")));
    let chosen = Resource::new(move || partners.get(), chosen_partners);
    let defaults = Resource::new(|| (), |_| load_contact_defaults());
    let send = ServerAction::<SendContactRequest>::new();
    track_pending(send.pending().into());
    // Only success replaces the form: a refusal must leave every field as typed.
    let sent = Memo::new(move |_| send.value().with(|value| matches!(value, Some(Ok(_)))));

    view! {
        <PageTitle message="contact-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || match (sent.get(), send.value().get_untracked()) {
                (true, Some(Ok(confirmation))) => view! { <Confirmation confirmation /> }.into_any(),
                _ if sent_by_form.get() => match chosen.get() {
                    Some(Ok(chosen)) => {
                        let partner_names = chosen.into_iter().map(|partner| partner.name).collect();
                        view! { <Confirmation confirmation=ContactConfirmation { partner_names } /> }.into_any()
                    }
                    Some(Err(error)) => view! { <ErrorView error /> }.into_any(),
                    None => ().into_any(),
                },
                _ => match (chosen.get(), defaults.get()) {
                    (Some(Ok(chosen)), Some(defaults)) => {
                        let defaults = defaults.unwrap_or_default();
                        view! { <ContactForm chosen defaults partners=partners.get_untracked() send /> }.into_any()
                    }
                    (Some(Err(error)), _) => view! { <ErrorView error /> }.into_any(),
                    _ => ().into_any(),
                },
            }}
        </Transition>
    }
}

#[component]
fn ContactForm(
    chosen: Vec<ChosenPartner>,
    defaults: ContactDefaults,
    partners: String,
    send: ServerAction<SendContactRequest>,
) -> impl IntoView {
    let error = Signal::derive(move || send.value().get().and_then(Result::err));
    let needs_error = move || {
        error
            .get()
            .and_then(|e| e.field_message("business_needs").map(str::to_owned))
    };
    let consent_error = move || {
        error
            .get()
            .and_then(|e| e.field_message("consent").map(str::to_owned))
    };
    let size = defaults.size.clone();
    let country = defaults.country.clone();
    view! {
        <section class="panel">
            <h1>{move_tr!("contact-title")}</h1>
            <h2>{move_tr!("contact-chosen")}</h2>
            <ul class="chosen-list">
                {chosen.into_iter().map(|partner| view! { <li>{partner.name}</li> }).collect_view()}
            </ul>
            <ActionForm action=send>
                <FormError error />
                <input type="hidden" name="partners" value=partners />
                <div class="field" class:field-invalid=move || needs_error().is_some()>
                    <label for="field-business-needs">{move_tr!("contact-business-needs")}</label>
                    <textarea id="field-business-needs" name="business_needs" rows="6" required
                        maxlength=MAX_BUSINESS_NEEDS.to_string()
                        aria-invalid=move || needs_error().is_some().to_string()></textarea>
                    {move || needs_error().map(|m| view! { <p class="field-error">{tr_id(&m)}</p> })}
                </div>
                <Field name="contact_name" label="contact-name" value=defaults.contact_name autocomplete="name" required=true error />
                <Field name="email" label="field-email" kind="email" value=defaults.email autocomplete="email" required=true error />
                <Field name="phone" label="contact-phone" kind="tel" autocomplete="tel" error />
                <Field name="company" label="contact-company" value=defaults.company autocomplete="organization" required=true error />
                <div class="field">
                    <label for="field-size">{move_tr!("search-size")}</label>
                    <select id="field-size" name="size" required>
                        <option value="">{move_tr!("contact-choose")}</option>
                        {OrganizationSize::ALL.map(|s| {
                            let selected = size == s.as_db();
                            view! { <option value=s.as_db() selected=selected>{move || tr!("size-employees", { "size" => s.label() })}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage field="size" error />
                </div>
                <div class="field">
                    <label for="field-country">{move_tr!("search-country")}</label>
                    <select id="field-country" name="country" required>
                        <option value="">{move_tr!("contact-choose")}</option>
                        {listed_countries().map(|code| {
                            let selected = country == code.as_str();
                            view! { <option value=code.as_str().to_owned() selected=selected>{move || crate::i18n::country(code)}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage field="country" error />
                </div>
                <Field name="city" label="search-city" autocomplete="address-level2" error />
                // A field people never see; bots fill it in.
                <div class="honeypot" aria-hidden="true">
                    <label for="field-website">"Website"</label>
                    <input id="field-website" name="website" type="text" tabindex="-1" autocomplete="off" />
                </div>
                <div class="field checkbox" class:field-invalid=move || consent_error().is_some()>
                    <input id="field-consent" name="consent" type="checkbox" value="on" />
                    <label for="field-consent">{move_tr!("contact-consent")}</label>
                    {move || consent_error().map(|m| view! { <p class="field-error">{tr_id(&m)}</p> })}
                </div>
                <FieldMessage field="partners" error />
                <button type="submit" class="button" disabled=move || send.pending().get()>{move_tr!("contact-send")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Confirmation(confirmation: ContactConfirmation) -> impl IntoView {
    view! {
        <section class="panel" role="status">
            <h1>{move_tr!("contact-sent-title")}</h1>
            <p>{move_tr!("contact-sent-intro")}</p>
            <ul class="chosen-list">
                {confirmation.partner_names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
            </ul>
            <p><a href="/find-partner">{move_tr!("contact-search-again")}</a></p>
        </section>
    }
}
