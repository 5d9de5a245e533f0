use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// The document title, translated. The title is rendered with the `<head>`, outside the
/// page's reactive owner, so the translation context is captured here, not looked up there.
#[component]
pub fn PageTitle(message: &'static str) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! { <Title text=move || i18n.tr(message) /> }
}
