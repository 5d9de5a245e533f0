use crate::api::auth::SignIn;
use crate::components::auth::use_auth;
use crate::components::field::{Field, FormError};
use crate::components::language_switch::LanguageChosen;
use crate::components::page_title::PageTitle;
use crate::i18n::{move_tr, I18n};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let next = move || {
        query
            .with(|query| query.get("next"))
            .unwrap_or_else(|| "/".to_owned())
    };
    // Refused as a plain form post (no WebAssembly), the answer comes back in the address,
    // where only an action created inside the page finds it.
    let refused_plain = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || {
        auth.sign_in
            .value()
            .get()
            .or_else(|| refused_plain.value().get())
            .and_then(Result::err)
    });
    let i18n = expect_context::<I18n>();
    let LanguageChosen(chosen) = expect_context::<LanguageChosen>();
    view! {
        <PageTitle message="sign-in" />
        <section class="panel narrow">
            <h1>{move_tr!("sign-in-title")}</h1>
            <ActionForm action=auth.sign_in>
                <FormError error />
                <Field name="email" label="field-email" kind="email" autocomplete="username" required=true error />
                <Field name="password" label="field-password" kind="password" autocomplete="current-password" required=true error />
                <input type="hidden" name="next" value=next />
                // The language this page is shown in: the account keeps it when it has none, or
                // when it was chosen with the switch before signing in.
                <input type="hidden" name="language" value=move || i18n.language.get().id.to_string() />
                <input type="hidden" name="language_chosen" value=move || chosen.get().to_string() />
                <button type="submit" class="button" disabled=move || auth.sign_in.pending().get()>
                    {move_tr!("sign-in")}
                </button>
            </ActionForm>
        </section>
    }
}
