//! Revoke all partner access (Settings > Partner relationships): the Global admin's switch for
//! an incident, asked on the page itself (`?confirm=revoke-all`, with or without WebAssembly)
//! with a reason and the organization's name typed to confirm; while the lockdown is on, a
//! banner says so and offers **End lockdown**.

use crate::api::lockdown::{EndPartnerLockdown, RevokeAllPartnerAccess};
use crate::components::auth::use_auth;
use crate::components::dialog::ConfirmOnPage;
use crate::components::field::{Field, FieldMessage, FormError};
use crate::domain::{format_timestamp, AdminRole, MAX_LOCKDOWN_REASON};
use crate::i18n::{move_tr, tr};
use leptos::prelude::*;

/// Whether the signed-in user is the tenant's Global admin, and their organization's name.
fn global_admin() -> (Signal<bool>, Signal<String>) {
    let auth = use_auth();
    let user = move || auth.user.get().and_then(Result::ok).flatten();
    (
        Signal::derive(move || {
            user().is_some_and(|user| user.roles.contains(&AdminRole::GlobalAdmin))
        }),
        Signal::derive(move || {
            user()
                .map(|user| user.organization.name().to_owned())
                .unwrap_or_default()
        }),
    )
}

/// While partners are locked out: since when, what it means, and **End lockdown** for a
/// Global admin.
#[component]
pub fn LockdownBanner(since: Option<i64>, end: ServerAction<EndPartnerLockdown>) -> impl IntoView {
    let (global_admin, _) = global_admin();
    let error = Signal::derive(move || end.value().get().and_then(Result::err));
    since.map(|since| {
        let since = format_timestamp(since);
        view! {
            <div class="banner" role="region" aria-label=move_tr!("lockdown-title")>
                <p>{move || tr!("lockdown-on", { "since" => since.clone() })}</p>
                <FormError error />
                {move || global_admin.get().then(|| view! {
                    <ActionForm action=end>
                        <button type="submit" class="button" disabled=end.pending()>{move_tr!("lockdown-end")}</button>
                    </ActionForm>
                })}
            </div>
        }
    })
}

/// **Revoke all partner access**, for a Global admin while no lockdown is on.
#[component]
pub fn RevokeAllAccess(
    revoke: ServerAction<RevokeAllPartnerAccess>,
    /// The page was opened to confirm it.
    confirming: bool,
) -> impl IntoView {
    let (global_admin, organization) = global_admin();
    let error = Signal::derive(move || revoke.value().get().and_then(Result::err));
    move || {
        global_admin.get().then(|| view! {
        <section class="panel" aria-labelledby="lockdown-revoke-heading">
            <h2 id="lockdown-revoke-heading">{move_tr!("lockdown-revoke")}</h2>
            {if confirming {
                view! {
                    <ConfirmOnPage
                        id="confirm-revoke-all-title"
                        title=move_tr!("lockdown-revoke-title")
                        body=move_tr!("lockdown-revoke-explained")
                        back="/settings/partner-relationships".to_owned()
                    >
                        <ActionForm action=revoke attr:class="stacked">
                            <FormError error />
                            <label for="lockdown-reason">{move_tr!("lockdown-reason")}</label>
                            <textarea id="lockdown-reason" name="reason" rows="3" required
                                maxlength=MAX_LOCKDOWN_REASON.to_string()></textarea>
                            <FieldMessage field="reason" error />
                            <Field name="tenant_name" label="lockdown-type-name" required=true error />
                            <p class="muted">{move || tr!("lockdown-type-name-hint", { "organization" => organization.get() })}</p>
                            <button type="submit" class="button" disabled=revoke.pending()>
                                {move_tr!("lockdown-revoke-confirm")}
                            </button>
                        </ActionForm>
                    </ConfirmOnPage>
                }.into_any()
            } else {
                view! {
                    <p>{move_tr!("lockdown-revoke-summary")}</p>
                    <form method="get" class="actions">
                        <input type="hidden" name="confirm" value="revoke-all" />
                        <button type="submit" class="button secondary">{move_tr!("lockdown-revoke")}</button>
                    </form>
                }.into_any()
            }}
        </section>
    })
    }
}
