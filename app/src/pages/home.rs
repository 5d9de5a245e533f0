use crate::components::auth::use_auth;
use crate::components::page_title::PageTitle;
use crate::i18n::move_tr;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    let user = move || auth.user.get().and_then(Result::ok).flatten();
    view! {
        <PageTitle message="home-title" />
        <section class="panel">
            <h1>{move_tr!("home-title")}</h1>
            <p>{move_tr!("home-intro")}</p>
            <ol class="steps">
                <li>{move_tr!("home-step-find")}</li>
                <li>{move_tr!("home-step-invite")}</li>
                <li>{move_tr!("home-step-accept")}</li>
            </ol>
            <Transition fallback=|| ()>
                {move || match user() {
                    Some(user) if user.is_customer_admin() => view! {
                        <A href="/settings" attr:class="button">{move_tr!("nav-settings")}</A>
                    }.into_any(),
                    Some(user) if user.is_partner_agent() => view! {
                        <A href="/partner" attr:class="button">{move_tr!("nav-partner-profile")}</A>
                    }.into_any(),
                    Some(_) => view! { <p>{move_tr!("home-no-admin-role")}</p> }.into_any(),
                    None => view! {
                        <A href="/sign-in" attr:class="button">{move_tr!("sign-in")}</A>
                    }.into_any(),
                }}
            </Transition>
        </section>
    }
}
