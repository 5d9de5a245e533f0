use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::move_tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text=move_tr!("error-not-found") />
        <ErrorView error=AppError::NotFound />
        <p class="panel"><a href="/">{move_tr!("back-home")}</a></p>
    }
}
