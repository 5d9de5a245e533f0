use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// The document title, translated.
///
/// On the server the title is read when the `<head>` is written, after the page has rendered
/// and outside its reactive arena: a signal read there looks in whichever request's arena the
/// thread last served, and under concurrent requests found another's, already disposed (a
/// panic and a dropped connection). The language cannot change during a server render, so
/// there the title is translated once, here. In the browser it follows the language switch.
#[component]
pub fn PageTitle(message: &'static str) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    #[cfg(feature = "ssr")]
    let text = i18n.tr(message);
    #[cfg(not(feature = "ssr"))]
    let text = move || i18n.tr(message);
    view! { <Title text /> }
}
