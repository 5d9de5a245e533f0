//! The screens, loaded on demand by who uses them. Built with the `split` feature (`cargo
//! leptos build --split --lib-features split`, as the release front end is), each group's
//! WebAssembly is a file of its own (with the code groups share in a few more), fetched the
//! first time one of its screens shows; the server names the files a page needs in
//! `<link rel="preload">`s, so they download beside the main one (`server::screen_files`).
//! A group per screen made ninety files for one page: over HTTP/1.1 their round trips cost
//! more than their bytes.
//! Without the feature (debug builds) every screen is in the one file, and the routes work
//! the same.

use leptos::prelude::*;
use leptos_router::LazyRoute;

macro_rules! groups {
    ($(
        $(#[$doc:meta])*
        $group:ident, $load:ident, $preload:ident {
            $($route:ident => $module:ident :: $page:ident,)*
        }
    )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy)]
        #[repr(u8)]
        enum $group {
            $($route,)*
        }

        // In the browser, the group's code is a file of its own, fetched on the first call.
        #[cfg(feature = "split")]
        #[leptos::lazy]
        fn $load(screen: $group) -> AnyView {
            match screen {
                $($group::$route => {
                    use crate::pages::$module::$page;
                    view! { <$page /> }.into_any()
                })*
            }
        }

        #[cfg(not(feature = "split"))]
        async fn $load(screen: $group) -> AnyView {
            match screen {
                $($group::$route => {
                    use crate::pages::$module::$page;
                    view! { <$page /> }.into_any()
                })*
            }
        }

        $(
            #[doc = concat!("`", stringify!($page), "`, loaded on demand.")]
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    // The server renders the screen in place and names its group's files.
                    #[cfg(feature = "ssr")]
                    crate::server::screen_files::preload(stringify!($load));
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $load($group::$route).await
                }

                // A link to the screen is hovered or followed: its group starts loading.
                async fn preload() {
                    #[cfg(all(feature = "split", target_arch = "wasm32"))]
                    $preload().await;
                }
            }
        )*
    )*};
}

groups! {
    /// A visitor looking for partners.
    Directory, directory_screen, __preload_directory_screen {
        FindPartner => find_partner::FindPartnerPage,
        Contact => contact::ContactPage,
    }
    /// Signing in, changing one's password, and the agreement anyone may read.
    Visitor, visitor_screen, __preload_visitor_screen {
        SignIn => sign_in::SignInPage,
        ChangePassword => change_password::ChangePasswordPage,
        CustomerAgreement => customer_agreement::CustomerAgreementPage,
    }
    /// A customer tenant's admins.
    CustomerAdmin, customer_admin_screen, __preload_customer_admin_screen {
        OrganizationSettings => settings::OrganizationSettingsPage,
        ContactRequests => contact_requests::ContactRequestsPage,
        PartnerRelationships => partner_relationships::PartnerRelationshipsPage,
        PartnerRelationship => partner_relationship::PartnerRelationshipPage,
        PartnerActivity => partner_activity::PartnerActivityPage,
        Agreement => agreement::AgreementPage,
        AcceptInvitation => accept_invitation::AcceptInvitationPage,
    }
    /// A partner's agents.
    PartnerAgent, partner_agent_screen, __preload_partner_agent_screen {
        PartnerProfile => partner_profile::PartnerProfilePage,
        EditPartnerProfile => edit_partner_profile::EditPartnerProfilePage,
        Leads => leads::LeadsPage,
        Lead => leads::LeadPage,
        Invitations => invitations::InvitationsPage,
        Customers => customers::CustomersPage,
        Teams => teams::TeamsPage,
    }
    /// Administering a tenant, its own admins or a partner's agents inside it.
    TenantAdmin, tenant_admin_screen, __preload_tenant_admin_screen {
        OwnTenantAdmin => tenant_admin::OwnTenantAdminPage,
        CustomerTenantAdmin => tenant_admin::CustomerTenantAdminPage,
    }
}
