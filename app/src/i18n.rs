//! Every visible string goes through Fluent (`app/locales/<lang>/main.ftl`). The language
//! comes from the `lang` cookie, else the browser's Accept-Language, else English.

use leptos::prelude::*;
pub use leptos_fluent::{move_tr, tr, I18n};

#[component]
pub fn I18nProvider(children: Children) -> impl IntoView {
    leptos_fluent::leptos_fluent! {
        children: children(),
        locales: "./locales",
        default_language: "en",
        cookie_name: "lang",
        cookie_attrs: "Path=/; Max-Age=31536000; SameSite=Lax",
        initial_language_from_cookie: true,
        set_language_to_cookie: true,
        initial_language_from_accept_language_header: true,
        sync_html_tag_lang: true,
    }
}

/// Translates a message id chosen at run time (errors, roles, sizes).
pub fn tr_id(id: &str) -> String {
    expect_context::<I18n>().tr(id)
}
