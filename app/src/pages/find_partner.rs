//! Find a partner (`/find-partner`): the search lives in the URL, so it can be shared, the
//! back button works, and the form works as a plain GET without WebAssembly.

use crate::api::directory::search_partners;
use crate::components::error_view::ErrorView;
use crate::components::field::{follow_value, FieldMessage};
use crate::components::hydrated::use_hydrated;
use crate::components::page_title::PageTitle;
use crate::components::partner_summary::PartnerSummaryDetails;
use crate::domain::{
    listed_countries, ChosenPartner, OrganizationSize, PartnerSummary, SearchParams, SearchResults,
    MAX_PARTNERS_PER_REQUEST,
};
use crate::error::AppError;
use crate::i18n::{move_tr, tr};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

/// Countries the filter list names at most (those with most matches).
const LISTED_COUNTRIES: usize = 12;

/// The form that takes the ticked partners to the contact form.
const CONTACT_FORM: &str = "contact-chosen";

/// The partners chosen so far, kept while paging and searching again.
#[derive(Clone, Copy)]
pub struct Chosen(pub RwSignal<Vec<ChosenPartner>>);

#[component]
pub fn FindPartnerPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| {
        query.with(|q| SearchParams {
            country: q.get("country").unwrap_or_default(),
            region: q.get("region").unwrap_or_default(),
            city: q.get("city").unwrap_or_default(),
            size: q.get("size").unwrap_or_default(),
            q: q.get("q").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    });
    // Nothing is searched until the form is used (a blank search would list the whole directory).
    let results = Resource::new(
        move || params.get(),
        |params| async move {
            if params.is_blank() {
                Ok(None)
            } else {
                search_partners(params).await.map(Some)
            }
        },
    );
    let chosen = Chosen(RwSignal::new(Vec::new()));
    provide_context(chosen);

    view! {
        <PageTitle message="find-partner-title" />
        <section class="panel">
            <h1>{move_tr!("find-partner-title")}</h1>
            <p>{move_tr!("find-partner-intro")}</p>
            <SearchForm params />
        </section>
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || results.get().map(|result| match result {
                Ok(Some(results)) => view! { <Results results params=params.get_untracked() /> }.into_any(),
                Ok(None) => ().into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
        <ContactSelected />
    }
}

#[component]
fn SearchForm(params: Memo<SearchParams>) -> impl IntoView {
    let current = move || params.get();
    // Another search (Back, a link) shows its own words; hydrating keeps what was typed.
    let (region_input, city_input, q_input) = (NodeRef::new(), NodeRef::new(), NodeRef::new());
    follow_value(region_input, move || current().region);
    follow_value(city_input, move || current().city);
    follow_value(q_input, move || current().q);
    // Decided from the URL alone, so the server's page and the browser's agree.
    let refused = Signal::derive(move || {
        params.with(|params| {
            let refused = params.refused_fields();
            (!refused.is_empty()).then(|| AppError::invalid_fields(refused))
        })
    });
    let invalid = move |field: &'static str| {
        move || {
            refused.with(|error| {
                error
                    .as_ref()
                    .is_some_and(|e| e.field_message(field).is_some())
            })
        }
    };
    view! {
        <Form method="GET" action="/find-partner" attr:class="search-form">
            <div class="field">
                <label for="search-country">{move_tr!("search-country")}</label>
                <select id="search-country" name="country">
                    <option value="" selected=move || current().country.is_empty()>{move_tr!("search-any-country")}</option>
                    {listed_countries().map(|code| {
                        let value = code.as_str().to_owned();
                        let selected = { let value = value.clone(); move || current().country.eq_ignore_ascii_case(&value) };
                        view! {
                            <option value=value.clone() selected=selected>
                                {move || crate::i18n::country(code)}
                            </option>
                        }
                    }).collect_view()}
                </select>
                <FieldMessage field="country" error=refused />
            </div>
            <div class="field">
                <label for="search-region">{move_tr!("search-region")}</label>
                <input node_ref=region_input id="search-region" name="region" type="text" maxlength="100" value=move || current().region
                    aria-invalid=move || invalid("region")().to_string() aria-describedby=move || invalid("region")().then_some("field-region-error") />
                <FieldMessage field="region" error=refused />
            </div>
            <div class="field">
                <label for="search-city">{move_tr!("search-city")}</label>
                <input node_ref=city_input id="search-city" name="city" type="text" maxlength="100" value=move || current().city
                    aria-invalid=move || invalid("city")().to_string() aria-describedby=move || invalid("city")().then_some("field-city-error") />
                <FieldMessage field="city" error=refused />
            </div>
            <div class="field">
                <label for="search-size">{move_tr!("search-size")}</label>
                <select id="search-size" name="size">
                    <option value="" selected=move || current().size.is_empty()>{move_tr!("search-any-size")}</option>
                    {OrganizationSize::ALL.map(|size| view! {
                        <option value=size.as_db() selected=move || current().size == size.as_db()>
                            {move || tr!("size-employees", { "size" => size.label() })}
                        </option>
                    }).collect_view()}
                </select>
                <FieldMessage field="size" error=refused />
            </div>
            <div class="field field-wide">
                <label for="search-keywords">{move_tr!("search-keywords")}</label>
                <input id="search-keywords" name="q" type="search" maxlength="200"
                    placeholder=move_tr!("search-keywords-placeholder") value=move || current().q node_ref=q_input
                    aria-invalid=move || invalid("q")().to_string() aria-describedby=move || invalid("q")().then_some("field-q-error") />
                <FieldMessage field="q" error=refused />
            </div>
            <button type="submit" class="button">{move_tr!("search-go")}</button>
        </Form>
    }
}

#[component]
fn Results(results: SearchResults, params: SearchParams) -> impl IntoView {
    let total = results.total;
    let pages = results.page_count();
    let page = results.page;
    let searched_for = results.searched_for.clone();
    let refine = view! { <Refine results=results.clone() params=params.clone() /> };
    let page_link = move |to: u32| {
        SearchParams {
            page: to,
            ..params.clone()
        }
        .to_query_string()
    };
    let previous = (page > 0).then(|| format!("/find-partner{}", page_link(page - 1)));
    let next = (page + 1 < pages).then(|| format!("/find-partner{}", page_link(page + 1)));
    view! {
        <section class="panel" aria-labelledby="results-heading">
            <h2 id="results-heading">{move || tr!("results-count", { "count" => total })}</h2>
            {searched_for.map(|terms| view! {
                <p class="hint">{move || tr!("results-searched-for", { "terms" => terms.clone() })}</p>
            })}
            <Show when=move || total == 0>
                <p>{move_tr!("results-empty")}</p>
            </Show>
            {refine}
            <ul class="results">
                {results.partners.into_iter().map(|partner| view! { <ResultRow partner /> }).collect_view()}
            </ul>
            <Show when=move || { pages > 1 }>
                <nav class="pager" aria-label=move_tr!("pager-label")>
                    {previous.clone().map(|href| view! { <A href=href>{move_tr!("pager-previous")}</A> })}
                    <span>{move || tr!("pager-position", { "page" => page + 1, "pages" => pages })}</span>
                    {next.clone().map(|href| view! { <A href=href>{move_tr!("pager-next")}</A> })}
                </nav>
            </Show>
        </section>
    }
}

/// The filter lists with counts: how many matches serve each country (under the size
/// chosen) and each size (under the country chosen); each entry is a link to that search,
/// the chosen one marked, with "any" to drop the filter.
#[component]
fn Refine(results: SearchResults, params: SearchParams) -> impl IntoView {
    let chosen_country = params.country.to_ascii_uppercase();
    let chosen_size = params.size.clone();
    let any_country = !params.country.is_empty();
    let any_size = !params.size.is_empty();
    let link = move |country: Option<String>, size: Option<String>| {
        let search = SearchParams {
            country: country.unwrap_or_else(|| params.country.clone()),
            size: size.unwrap_or_else(|| params.size.clone()),
            page: 0,
            ..params.clone()
        };
        format!("/find-partner{}", search.to_query_string())
    };
    // The countries with most matches, and the chosen one wherever it is.
    let countries = results
        .countries
        .into_iter()
        .enumerate()
        .filter(|(rank, entry)| {
            *rank < LISTED_COUNTRIES || entry.country.as_str() == chosen_country
        })
        .map(|(_, entry)| {
            let code = entry.country.as_str().to_owned();
            let current = (code == chosen_country).then_some("true");
            view! {
                <li>
                    <a href=link(Some(code), None) aria-current=current>
                        {move || crate::i18n::country(entry.country)}
                        " "<span class="count">{entry.count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let sizes = results
        .sizes
        .into_iter()
        .map(|entry| {
            let value = entry.size.as_db().to_owned();
            let current = (value == chosen_size).then_some("true");
            view! {
                <li>
                    <a href=link(None, Some(value)) aria-current=current>
                        {move || tr!("size-employees", { "size" => entry.size.label() })}
                        " "<span class="count">{entry.count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let any_country = any_country.then(|| link(Some(String::new()), None));
    let any_size = any_size.then(|| link(None, Some(String::new())));
    view! {
        <nav class="refine" aria-label=move_tr!("refine-label")>
            <div>
                <h3>{move_tr!("search-country")}</h3>
                <ul>
                    {any_country.map(|href| view! { <li><a href=href>{move_tr!("search-any-country")}</a></li> })}
                    {countries}
                </ul>
            </div>
            <div>
                <h3>{move_tr!("search-size")}</h3>
                <ul>
                    {any_size.map(|href| view! { <li><a href=href>{move_tr!("search-any-size")}</a></li> })}
                    {sizes}
                </ul>
            </div>
        </nav>
    }
}

#[component]
fn ResultRow(partner: PartnerSummary) -> impl IntoView {
    let Chosen(chosen) = expect_context::<Chosen>();
    let id = partner.partner_id;
    let name = partner.name.clone();
    let is_chosen = move || chosen.with(|list| list.iter().any(|p| p.partner_id == id));
    let full = move || chosen.with(|list| list.len() >= MAX_PARTNERS_PER_REQUEST);
    let toggle = {
        let name = name.clone();
        move |_| {
            chosen.update(|list| {
                if let Some(position) = list.iter().position(|p| p.partner_id == id) {
                    list.remove(position);
                } else if list.len() < MAX_PARTNERS_PER_REQUEST {
                    list.push(ChosenPartner {
                        partner_id: id,
                        name: name.clone(),
                    });
                }
            })
        }
    };
    let checkbox_id = format!("choose-{id}");
    view! {
        <li class="result">
            <div class="result-choose">
                <input type="checkbox" id=checkbox_id.clone() form=CONTACT_FORM name="partners" value=id.get()
                    prop:checked=is_chosen
                    disabled=move || full() && !is_chosen() on:change=toggle />
                <label for=checkbox_id>
                    <span class="visually-hidden">{move_tr!("results-choose")}" "</span>
                    <strong class="result-name">{name}</strong>
                </label>
            </div>
            <PartnerSummaryDetails partner />
        </li>
    }
}

/// The chosen partners and **Contact selected providers** (disabled with none; at most ten).
#[component]
fn ContactSelected() -> impl IntoView {
    let Chosen(chosen) = expect_context::<Chosen>();
    let count = move || chosen.with(Vec::len);
    let href = move || {
        let ids: Vec<String> =
            chosen.with(|list| list.iter().map(|p| p.partner_id.to_string()).collect());
        format!("/find-partner/contact?partners={}", ids.join("%2C"))
    };
    let hydrated = use_hydrated();
    // Without WebAssembly the boxes ticked on this page go with the form (each names it), and
    // the button is always a submit button; with it, the chosen list of every page goes by link.
    view! {
        <form id=CONTACT_FORM method="get" action="/find-partner/contact" class="panel contact-bar" aria-live="polite">
            <p>{move || tr!("chosen-count", { "count" => count(), "max" => MAX_PARTNERS_PER_REQUEST })}</p>
            <Show when=move || { count() >= MAX_PARTNERS_PER_REQUEST }>
                <p class="hint">{move || tr!("chosen-limit", { "max" => MAX_PARTNERS_PER_REQUEST })}</p>
            </Show>
            <Show
                when=move || { count() > 0 }
                fallback=move || view! { <button type="submit" class="button" disabled=hydrated>{move_tr!("contact-selected")}</button> }
            >
                <A href=href attr:class="button">{move_tr!("contact-selected")}</A>
            </Show>
        </form>
    }
}
