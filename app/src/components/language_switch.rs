use crate::i18n::{move_tr, I18n};
use leptos::prelude::*;

/// English / 简体中文. Each language is named in itself, so anyone can find theirs.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <div class="language-switch" role="group" aria-label=move_tr!("language-switch-label")>
            {i18n
                .languages
                .iter()
                .map(|language| {
                    let active = move || i18n.language.get().id == language.id;
                    view! {
                        <button
                            type="button"
                            lang=language.id.to_string()
                            aria-pressed=move || active().to_string()
                            on:click=move |_| i18n.language.set(language)
                        >
                            {native_name(language.id)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

fn native_name(id: &str) -> &'static str {
    match id {
        "zh-CN" => "简体中文",
        _ => "English",
    }
}
