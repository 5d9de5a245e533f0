use crate::api::auth::SetLanguage;
use crate::i18n::{move_tr, I18n};
use leptos::prelude::*;

/// Whether the language was chosen with the switch during this visit (not only taken from
/// the browser): a visitor who chooses and then signs in keeps the choice (`sign_in`).
#[derive(Clone, Copy)]
pub struct LanguageChosen(pub RwSignal<bool>);

pub fn provide_language_chosen() {
    provide_context(LanguageChosen(RwSignal::new(false)));
}

/// English / 简体中文. Each language is named in itself, so anyone can find theirs. A
/// signed-in user's choice is also stored: their mail follows it.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let chosen = use_context::<LanguageChosen>();
    let store = ServerAction::<SetLanguage>::new();
    crate::components::pending::track_pending(store.pending().into());
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
                            on:click=move |_| {
                                i18n.language.set(language);
                                if let Some(LanguageChosen(chosen)) = chosen {
                                    chosen.set(true);
                                }
                                store.dispatch(SetLanguage { language: language.id.to_string() });
                            }
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
