use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::move_tr;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageTitle message="error-not-found" />
        <ErrorView error=AppError::NotFound />
        <p class="panel"><a href="/">{move_tr!("back-home")}</a></p>
    }
}
