//! Change password (`/change-password?next=/customers`): every signed-in user sets their own,
//! with their current one; after a sign-in with a temporary password, the only page open
//! to them, and without the current one.

use crate::api::auth::{current_user, ChangePassword};
use crate::components::auth::use_auth;
use crate::components::error_view::ErrorView;
use crate::components::field::{Field, FormError};
use crate::components::page_title::PageTitle;
use crate::domain::SignedInUser;
use crate::error::AppError;
use crate::i18n::move_tr;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let changed = move || query.with(|query| query.get("changed").is_some());
    // Read afresh, not from the header's: right after a sign-in brings the browser here, that
    // one may still hold the visitor it was before.
    let user = Resource::new(
        move || auth.change_password.version().get(),
        |_| current_user(),
    );
    view! {
        <PageTitle message="change-password" />
        <section class="panel narrow">
            <h1>{move_tr!("change-password")}</h1>
            {move || changed().then(|| view! {
                <p class="form-success" role="status">{move_tr!("change-password-done")}</p>
            })}
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || user.get().map(|user| match user {
                    Ok(Some(user)) => view! { <ChangePasswordForm user /> }.into_any(),
                    Ok(None) => view! { <ErrorView error=AppError::Unauthorized /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ChangePasswordForm(user: SignedInUser) -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    // Where to go afterwards: the page a sign-in with a temporary password was headed for,
    // or back here, saying it is done.
    let next = move || {
        query
            .with(|query| query.get("next"))
            .unwrap_or_else(|| "/change-password?changed".to_owned())
    };
    // Refused as a plain form post (no WebAssembly), the answer comes back in the address,
    // where only an action created inside the page finds it.
    let refused_plain = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || {
        auth.change_password
            .value()
            .get()
            .or_else(|| refused_plain.value().get())
            .and_then(Result::err)
    });
    let temporary = user.password_change_required;
    view! {
        {temporary.then(|| view! { <p role="status">{move_tr!("change-password-temporary")}</p> })}
        <ActionForm action=auth.change_password>
            <FormError error />
            {(!temporary).then(|| view! {
                <Field name="current_password" label="field-current-password" kind="password"
                    autocomplete="current-password" required=true error />
            })}
            <Field name="new_password" label="field-new-password" kind="password"
                autocomplete="new-password" required=true error />
            <Field name="confirm_password" label="field-confirm-password" kind="password"
                autocomplete="new-password" required=true error />
            <input type="hidden" name="next" value=next />
            <button type="submit" class="button" disabled=move || auth.change_password.pending().get()>
                {move_tr!("change-password-button")}
            </button>
        </ActionForm>
    }
}
