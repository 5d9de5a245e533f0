//! The Customer Agreement (`/customer-agreement`, `?version=1.0` for a given version).

use crate::api::agreement::get_customer_agreement;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::domain::{format_date, AgreementDocument};
use crate::i18n::{move_tr, tr};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page of one version of the agreement (the version may hold any character).
pub fn href(version: &str) -> String {
    let query =
        leptos_router::params::ParamsMap::from_iter([("version".to_owned(), version.to_owned())])
            .to_query_string();
    format!("/customer-agreement{query}")
}

#[component]
pub fn CustomerAgreementPage() -> impl IntoView {
    let query = use_query_map();
    let version = Memo::new(move |_| query.with(|q| q.get("version").unwrap_or_default()));
    let document = Resource::new(move || version.get(), get_customer_agreement);
    view! {
        <PageTitle message="customer-agreement" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || document.get().map(|result| match result {
                Ok(document) => view! { <Agreement document /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Agreement(document: AgreementDocument) -> impl IntoView {
    let version = document.version.clone();
    let published = format_date(document.published_at_ms);
    view! {
        <article class="panel agreement">
            <h1>{move_tr!("customer-agreement")}</h1>
            <p class="muted">{move || tr!("agreement-version-published", { "version" => version.clone(), "date" => published.clone() })}</p>
            {document.body.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_owned()}</p> }).collect_view()}
        </article>
    }
}
