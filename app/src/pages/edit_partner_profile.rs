//! Edit profile (`/partner/edit`): a partner's admin agent keeps its directory entry current,
//! with the result row customers will see beside the form. It works as a plain form post
//! without WebAssembly; the location rows are fixed (the entry's places and three empty ones).

use crate::api::organization::{load_profile_form, UpdatePartnerProfile};
use crate::components::error_view::ErrorView;
use crate::components::field::{Field, FieldMessage, FormError};
use crate::components::page_title::PageTitle;
use crate::components::partner_summary::PartnerSummaryDetails;
use crate::components::pending::track_pending;
use crate::domain::{
    listed_countries, CountryCode, OrganizationSize, ProfileForm, ProfileFormStart,
    RelationshipType, INDUSTRIES, MAX_DESCRIPTION, MAX_LIST_ITEM, MAX_PLACE_NAME, SERVICES,
};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Empty location rows after the entry's own, for places to add.
const EMPTY_LOCATION_ROWS: usize = 3;

#[component]
pub fn EditPartnerProfilePage() -> impl IntoView {
    let query = use_query_map();
    // After a plain form post (no WebAssembly) the server sends the browser here with `saved=1`.
    let saved_by_form = Memo::new(move |_| query.with(|q| q.get("saved").as_deref() == Some("1")));
    let save = ServerAction::<UpdatePartnerProfile>::new();
    track_pending(save.pending().into());
    let start = Resource::new(|| (), |_| load_profile_form());
    view! {
        <PageTitle message="profile-edit-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || start.get().map(|result| match result {
                Ok(start) => view! { <ProfileEditor start save saved_by_form /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ProfileEditor(
    start: ProfileFormStart,
    save: ServerAction<UpdatePartnerProfile>,
    saved_by_form: Memo<bool>,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || match save.value().get() {
        Some(result) => result.is_ok(),
        None => saved_by_form.get(),
    };
    let ProfileFormStart {
        partner_id,
        name,
        form,
    } = start;
    let preview = RwSignal::new(form.preview(partner_id, &name));
    // Every keystroke and tick redraws the preview from the form as it would be sent.
    let redraw = {
        let name = name.clone();
        move |target: Option<leptos::web_sys::EventTarget>| {
            if let Some(form) = target.and_then(typed_form) {
                preview.set(form.preview(partner_id, &name));
            }
        }
    };
    let location_rows = form.location_country.len() + EMPTY_LOCATION_ROWS;
    let at = |column: &[String], row: usize| column.get(row).cloned().unwrap_or_default();
    let locations = (0..location_rows)
        .map(|row| {
            (
                row,
                at(&form.location_country, row),
                at(&form.location_region, row),
                at(&form.location_city, row),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <section class="panel">
            <h1>{move_tr!("profile-edit-title")}</h1>
            <h2>{name.clone()}</h2>
            <p>{move_tr!("profile-edit-intro")}</p>
            {move || saved().then(|| view! { <p class="notice" role="status">{move_tr!("profile-saved")}</p> })}
            <ActionForm action=save attr:class="profile-form"
                on:input={
                    let redraw = redraw.clone();
                    move |event| redraw(event.current_target())
                }
                on:change=move |event| redraw(event.current_target())>
                <FormError error />
                <TextArea name="description" label="profile-description" value=form.description.clone() required=true error />
                <TextArea name="description_zh" label="profile-description-zh" hint="profile-description-zh-hint" value=form.description_zh.clone() error />
                <Field name="website" label="partner-website" kind="url" value=form.website.clone() autocomplete="url" required=true error />
                <Field name="contact_email" label="profile-contact-email" kind="email" value=form.contact_email.clone() autocomplete="email" required=true error />
                <Choices name="services" legend="profile-services-pick" choices=&SERVICES picked=form.services.clone()
                    others_name="other_services" others=form.other_services.clone() error />
                <Choices name="industries" legend="profile-industries-pick" choices=&INDUSTRIES picked=form.industries.clone()
                    others_name="other_industries" others=form.other_industries.clone() error />
                <fieldset class="field locations" aria-describedby="locations-hint">
                    <legend>{move_tr!("partner-locations")}</legend>
                    <p class="hint" id="locations-hint">{move_tr!("profile-locations-hint")}</p>
                    {locations.into_iter().map(|(row, country, region, city)| view! {
                        <LocationRow row country region city />
                    }).collect_view()}
                    <FieldMessage field="locations" error />
                    // What is refused before any parsing (a control character) names the input.
                    <FieldMessage field="location_country" error />
                    <FieldMessage field="location_region" error />
                    <FieldMessage field="location_city" error />
                </fieldset>
                <fieldset class="field">
                    <legend>{move_tr!("profile-sizes-pick")}</legend>
                    {OrganizationSize::ALL.map(|size| {
                        let id = format!("size-{}", size.as_db());
                        let checked = form.sizes.iter().any(|s| s == size.as_db());
                        view! {
                            <div class="checkbox role-choice">
                                <input type="checkbox" id=id.clone() name="sizes[]" value=size.as_db() checked=checked />
                                <label for=id>{move || tr!("size-employees", { "size" => size.label() })}</label>
                            </div>
                        }
                    }).collect_view()}
                    <FieldMessage field="sizes" error />
                </fieldset>
                <fieldset class="field">
                    <legend>{move_tr!("profile-relationship-types-pick")}</legend>
                    {RelationshipType::ALL.map(|kind| {
                        let id = format!("kind-{}", kind.as_db());
                        let checked = form.relationship_types.iter().any(|k| k == kind.as_db());
                        view! {
                            <div class="checkbox role-choice">
                                <input type="checkbox" id=id.clone() name="relationship_types[]" value=kind.as_db() checked=checked />
                                <label for=id>{move || tr_id(kind.message_id())}</label>
                            </div>
                        }
                    }).collect_view()}
                    <FieldMessage field="relationship_types" error />
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>{move_tr!("profile-save")}</button>
                    <a href="/partner">{move_tr!("profile-cancel")}</a>
                </div>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="profile-preview">
            <h2 id="profile-preview">{move_tr!("profile-preview")}</h2>
            <p>{move_tr!("profile-preview-intro")}</p>
            <ul class="results">
                {move || {
                    let partner = preview.get();
                    view! {
                        <li class="result">
                            <strong class="result-name">{partner.name.clone()}</strong>
                            <PartnerSummaryDetails partner />
                        </li>
                    }
                }}
            </ul>
        </section>
    }
}

/// The form as it would be sent now.
fn typed_form(form: leptos::web_sys::EventTarget) -> Option<ProfileForm> {
    use leptos::wasm_bindgen::JsCast;
    let form = form.dyn_into::<leptos::web_sys::HtmlFormElement>().ok()?;
    let data = leptos::web_sys::FormData::new_with_form(&form).ok()?;
    let query: String = leptos::web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
        .ok()?
        .to_string()
        .into();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    Some(ProfileForm::from_pairs(
        pairs
            .iter()
            .map(|(name, value)| (name.as_str(), value.clone())),
    ))
}

/// A multi-line text field with its error beside it.
#[component]
fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: String,
    #[prop(optional)] required: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message(name).map(str::to_owned))
    };
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for=id.clone()>{move || tr_id(label)}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{move || tr_id(hint)}</p> })}
            <textarea id=id name=name rows="5" required=required maxlength=MAX_DESCRIPTION.to_string()
                aria-describedby=hint.map(|_| hint_id.clone())
                aria-invalid=move || message().is_some().to_string()>{value}</textarea>
            {move || message().map(|m| view! { <p class="field-error" id=format!("field-{name}-error")>{tr_id(&m)}</p> })}
        </div>
    }
}

/// A list to tick from, and free words for what it lacks.
#[component]
fn Choices(
    name: &'static str,
    legend: &'static str,
    choices: &'static [&'static str],
    picked: Vec<String>,
    /// The free words' field, and what it holds.
    others_name: &'static str,
    others: String,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let others_id = format!("field-{others_name}");
    view! {
        <fieldset class="field choices">
            <legend>{move || tr_id(legend)}</legend>
            <div class="choice-grid">
                {choices.iter().enumerate().map(|(i, choice)| {
                    let id = format!("{name}-{i}");
                    let checked = picked.iter().any(|p| p == choice);
                    view! {
                        <div class="checkbox role-choice">
                            <input type="checkbox" id=id.clone() name=format!("{name}[]") value=*choice checked=checked />
                            <label for=id>{*choice}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
            <label for=others_id.clone()>{move_tr!("profile-other-words")}</label>
            <input id=others_id type="text" name=others_name value=others
                maxlength=(MAX_LIST_ITEM * 10).to_string() />
            // What is refused before any parsing (a control character) names the input itself.
            <FieldMessage field=others_name error />
            <FieldMessage field=name error />
        </fieldset>
    }
}

/// One place served: a country, then optionally a region and a city.
#[component]
fn LocationRow(row: usize, country: String, region: String, city: String) -> impl IntoView {
    let number = row + 1;
    let ids = ["country", "region", "city"].map(|part| format!("location-{number}-{part}"));
    // A country the list doesn't name keeps its own option, so saving never drops it.
    let unlisted = CountryCode::parse(&country)
        .ok()
        .filter(|code| !listed_countries().any(|listed| listed == *code));
    view! {
        <div class="location-row" role="group" aria-label=move || tr!("profile-location-row", { "number" => number })>
            <div class="field">
                <label for=ids[0].clone()>{move_tr!("profile-location-country")}</label>
                <select id=ids[0].clone() name="location_country[]">
                    <option value="">{move_tr!("contact-choose")}</option>
                    {unlisted.map(|code| view! { <option value=code.as_str().to_owned() selected=true>{code.as_str().to_owned()}</option> })}
                    {listed_countries().map(|code| {
                        let selected = country == code.as_str();
                        view! { <option value=code.as_str().to_owned() selected=selected>{move || crate::i18n::country(code)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=ids[1].clone()>{move_tr!("profile-location-region")}</label>
                <input id=ids[1].clone() type="text" name="location_region[]" value=region maxlength=MAX_PLACE_NAME.to_string() />
            </div>
            <div class="field">
                <label for=ids[2].clone()>{move_tr!("profile-location-city")}</label>
                <input id=ids[2].clone() type="text" name="location_city[]" value=city maxlength=MAX_PLACE_NAME.to_string() />
            </div>
        </div>
    }
}
