use crate::components::auth::use_auth;
use crate::domain::AdminRole;
use crate::error::{AppError, Needed};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// What a page shows instead of its content when its server call was refused.
/// A visitor is sent to sign in and brought back; a signed-in user is told what is missing.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            response.set_status(status);
        }
    }
    match error {
        AppError::Unauthorized => view! { <Redirect path=via("/sign-in") /> }.into_any(),
        // Signed in with a temporary password: choosing one's own comes first.
        AppError::Forbidden(Needed::NewPassword) => {
            view! { <Redirect path=via("/change-password") /> }.into_any()
        }
        AppError::Forbidden(needed) => view! { <AccessDenied needed /> }.into_any(),
        other => {
            let message = other.message_id().to_owned();
            view! {
                <section class="panel error-panel" role="alert">
                    <h1>{move || tr_id(&message)}</h1>
                </section>
            }
            .into_any()
        }
    }
}

/// `page`, then back to the page shown now.
fn via(page: &str) -> String {
    let location = use_location();
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    let query =
        leptos_router::params::ParamsMap::from_iter([("next".to_owned(), here)]).to_query_string();
    format!("{page}{query}")
}

/// Says which role and organization a page needs, and which organization the user is in.
#[component]
fn AccessDenied(needed: Needed) -> impl IntoView {
    let auth = use_auth();
    let organization = move || {
        auth.user
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|user| user.organization.name().to_owned())
    };
    let requirement = move || match &needed {
        Needed::CustomerRole(roles)
            if roles.contains(&AdminRole::GlobalAdmin)
                && roles.contains(&AdminRole::BillingAdmin) =>
        {
            tr_id("access-needs-global-or-billing-admin")
        }
        Needed::CustomerRole(_) => tr_id("access-needs-customer-admin"),
        Needed::PartnerAgent => tr_id("access-needs-partner-agent"),
        Needed::AdminAgent => tr_id("error-forbidden-admin-agent"),
        Needed::Power(_) => tr_id("error-forbidden-power"),
        Needed::CustomerAgreement => tr_id("error-agreement-not-accepted"),
        Needed::GlobalAdminForAdmins => tr_id("error-reset-admin-needs-global"),
        Needed::NewPassword => tr_id("error-password-change-required"),
        Needed::AdminOf(organization) => {
            tr!("access-needs-admin-of", { "organization" => organization.clone() })
        }
    };
    view! {
        <section class="panel error-panel">
            <h1>{move_tr!("access-denied-title")}</h1>
            <p>{requirement}</p>

            <Transition fallback=|| ()>
                {move || organization().map(|name| view! {
                    <p>{move || tr!("access-signed-in-to", { "organization" => name.clone() })}</p>
                })}
            </Transition>
        </section>
    }
}
