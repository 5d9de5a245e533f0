use super::auth::use_auth;
use super::language_switch::LanguageSwitch;
use crate::domain::{Organization, SignedInUser};
use crate::i18n::{move_tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::A;

/// Who is signed in and where, the navigation their roles open, and the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    let user = move || auth.user.get().and_then(Result::ok).flatten();
    // On a narrow screen the navigation and the account controls fold into a menu button: a
    // <details>, so it opens without WebAssembly too. Wide screens show its content always.
    let menu = NodeRef::<leptos::html::Details>::new();
    let close_after_link = move |event: leptos::ev::MouseEvent| {
        let followed_link = event
            .target()
            .and_then(|target| {
                leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::Element>(target).ok()
            })
            .and_then(|element| element.closest("a").ok().flatten())
            .is_some();
        if let (true, Some(menu)) = (followed_link, menu.get_untracked()) {
            menu.set_open(false);
        }
    };
    view! {
        <header class="app-header">
            <A href="/" attr:class="brand">"Partnerhub"</A>
            <details class="menu" node_ref=menu>
                <summary class="menu-button"><span class="menu-icon" aria-hidden="true">"☰"</span>{move_tr!("nav-menu")}</summary>
                <div class="menu-content" on:click=close_after_link>
                    <nav aria-label=move_tr!("nav-label")>
                        <ul>
                            <li><A href="/find-partner">{move_tr!("nav-find-partner")}</A></li>
                            <Transition fallback=|| ()>
                                {move || user().filter(|user| !user.password_change_required).map(|user| view! { <NavLinks user /> })}
                            </Transition>
                        </ul>
                    </nav>
                    <div class="header-end">
                        <LanguageSwitch />
                        <Transition fallback=|| ()>
                            {move || match user() {
                                Some(user) => view! { <SignedInAs user /> }.into_any(),
                                None => view! { <A href="/sign-in" attr:class="button secondary">{move_tr!("sign-in")}</A> }.into_any(),
                            }}
                        </Transition>
                    </div>
                </div>
            </details>
        </header>
    }
}

#[component]
fn NavLinks(user: SignedInUser) -> impl IntoView {
    let customer_admin = user.is_customer_admin();
    let tenant_admin = matches!(
        user.organization,
        crate::domain::Organization::Tenant { .. }
    ) && !user.roles.is_empty();
    let partner_agent = user.is_partner_agent();
    view! {
        <Show when=move || customer_admin>
            <li><A href="/settings/partner-relationships">{move_tr!("nav-partner-relationships")}</A></li>
            <li><A href="/settings/partner-activity">{move_tr!("nav-partner-activity")}</A></li>
            <li><A href="/settings/contact-requests">{move_tr!("nav-contact-requests")}</A></li>
            <li><A href="/settings">{move_tr!("nav-settings")}</A></li>
        </Show>
        <Show when=move || tenant_admin>
            <li><A href="/admin/users">{move_tr!("nav-admin")}</A></li>
        </Show>
        <Show when=move || partner_agent>
            <li><A href="/leads">{move_tr!("nav-leads")}</A></li>
            <li><A href="/invitations">{move_tr!("nav-invitations")}</A></li>
            <li><A href="/customers">{move_tr!("nav-customers")}</A></li>
            <li><A href="/teams">{move_tr!("nav-teams")}</A></li>
            <li><A href="/partner">{move_tr!("nav-partner-profile")}</A></li>
        </Show>
    }
}

#[component]
fn SignedInAs(user: SignedInUser) -> impl IntoView {
    let auth = use_auth();
    let organization_kind = match user.organization {
        Organization::Tenant { .. } => "org-kind-tenant",
        Organization::Partner { .. } => "org-kind-partner",
    };
    view! {
        <div class="signed-in-as" data-testid="signed-in-as">
            <span class="user-name">{user.display_name.clone()}</span>
            <span class="organization">
                <span class="visually-hidden">{move || tr_id(organization_kind)}</span>
                {user.organization.name().to_owned()}
            </span>
        </div>
        <A href="/change-password" attr:class="button secondary">{move_tr!("change-password")}</A>
        <ActionForm action=auth.sign_out>
            <button type="submit" class="button secondary">{move_tr!("sign-out")}</button>
        </ActionForm>
    }
}
