//! Partnerhub: the partner relationships part of a cloud vendor's admin center.
//! `App` holds the route table — reading it tells you every screen.

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod routes;
#[cfg(feature = "search")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod server;

use components::auth::provide_auth;
use components::header::Header;
use components::pending::{provide_pending, PendingIndicator};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // The style first: the first paint waits for it, not for the WebAssembly that
                // the links after it preload (over HTTP/1.1 they share six connections).
                <link id="leptos" rel="stylesheet" href="/pkg/partnerhub.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    server::security::send_content_security_policy();
    #[cfg(feature = "ssr")]
    provide_context(server::guards::UserOfThisRender::default());
    let (is_routing, set_is_routing) = signal(false);
    provide_pending(is_routing.into());
    provide_auth();
    components::language_switch::provide_language_chosen();

    view! {
        <i18n::I18nProvider>
            <AppTitle />
            <Router set_is_routing>
                <a class="skip-link" href="#main">{i18n::move_tr!("skip-to-content")}</a>
                <PendingIndicator />
                <Header />
                <main id="main" tabindex="-1">
                    <Routes fallback=pages::not_found::NotFoundPage>
                        <Route path=path!("/") ssr=SsrMode::Async view=pages::home::HomePage />
                        <Route path=path!("/sign-in") ssr=SsrMode::Async view={Lazy::<routes::SignIn>::new()} />
                        <Route path=path!("/change-password") ssr=SsrMode::Async view={Lazy::<routes::ChangePassword>::new()} />
                        <Route path=path!("/settings") ssr=SsrMode::Async view={Lazy::<routes::OrganizationSettings>::new()} />
                        <Route path=path!("/partner") ssr=SsrMode::Async view={Lazy::<routes::PartnerProfile>::new()} />
                        <Route path=path!("/partner/edit") ssr=SsrMode::Async view={Lazy::<routes::EditPartnerProfile>::new()} />
                        <Route path=path!("/find-partner") ssr=SsrMode::Async view={Lazy::<routes::FindPartner>::new()} />
                        <Route path=path!("/find-partner/contact") ssr=SsrMode::Async view={Lazy::<routes::Contact>::new()} />
                        <Route path=path!("/settings/contact-requests") ssr=SsrMode::Async view={Lazy::<routes::ContactRequests>::new()} />
                        <Route path=path!("/settings/partner-relationships") ssr=SsrMode::Async view={Lazy::<routes::PartnerRelationships>::new()} />
                        <Route path=path!("/settings/partner-relationships/:partner_id") ssr=SsrMode::Async view={Lazy::<routes::PartnerRelationship>::new()} />
                        <Route path=path!("/settings/partner-activity") ssr=SsrMode::Async view={Lazy::<routes::PartnerActivity>::new()} />
                        <Route path=path!("/settings/agreement") ssr=SsrMode::Async view={Lazy::<routes::Agreement>::new()} />
                        <Route path=path!("/invitation/:token") ssr=SsrMode::Async view={Lazy::<routes::AcceptInvitation>::new()} />
                        <Route path=path!("/customer-agreement") ssr=SsrMode::Async view={Lazy::<routes::CustomerAgreement>::new()} />
                        <Route path=path!("/leads") ssr=SsrMode::Async view={Lazy::<routes::Leads>::new()} />
                        <Route path=path!("/leads/:id") ssr=SsrMode::Async view={Lazy::<routes::Lead>::new()} />
                        <Route path=path!("/invitations") ssr=SsrMode::Async view={Lazy::<routes::Invitations>::new()} />
                        <Route path=path!("/customers") ssr=SsrMode::Async view={Lazy::<routes::Customers>::new()} />
                        <Route path=path!("/teams") ssr=SsrMode::Async view={Lazy::<routes::Teams>::new()} />
                        <Route path=path!("/customers/:tenant_id/:area") ssr=SsrMode::Async view={Lazy::<routes::CustomerTenantAdmin>::new()} />
                        <Route path=path!("/admin/:area") ssr=SsrMode::Async view={Lazy::<routes::OwnTenantAdmin>::new()} />
                        <Route path=path!("/*any") ssr=SsrMode::Async view=pages::not_found::NotFoundPage />
                    </Routes>
                </main>
            </Router>
        </i18n::I18nProvider>
    }
}

#[component]
fn AppTitle() -> impl IntoView {
    view! { <Title formatter=|page: String| format!("{page} · Partnerhub") /> }
}
