use crate::api::organization::fetch_tenant_profile;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::components::table_frame::TableFrame;
use crate::domain::TenantProfile;
use crate::i18n::{move_tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::A;

/// Settings > Organization profile: the tenant and its admins (customer admins only).
#[component]
pub fn OrganizationSettingsPage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| fetch_tenant_profile());
    view! {
        <PageTitle message="settings-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || profile.get().map(|result| match result {
                Ok(profile) => view! { <TenantProfileView profile /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn TenantProfileView(profile: TenantProfile) -> impl IntoView {
    view! {
        <section class="panel">
            <h1>{move_tr!("settings-title")}</h1>
            <nav aria-label=move_tr!("settings-title")>
                <ul class="settings-links">
                    <li><A href="/settings/partner-relationships">{move_tr!("nav-partner-relationships")}</A></li>
                    <li><A href="/settings/agreement">{move_tr!("agreement-page-title")}</A></li>
                    <li><A href="/settings/contact-requests">{move_tr!("nav-contact-requests")}</A></li>
                </ul>
            </nav>
            <h2>{move_tr!("settings-organization-profile")}</h2>
            <dl class="details">
                <dt>{move_tr!("organization-name")}</dt>
                <dd>{profile.name.clone()}</dd>
                <dt>{move_tr!("organization-domain")}</dt>
                <dd>{profile.primary_domain.as_str().to_owned()}</dd>
                <dt>{move_tr!("organization-country")}</dt>
                <dd>{profile.country.as_str().to_owned()}</dd>
                <dt>{move_tr!("organization-size")}</dt>
                <dd>{profile.size.label()}</dd>
            </dl>
            <h2>{move_tr!("settings-admins")}</h2>
            <TableFrame label="settings-admins">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move_tr!("column-name")}</th>
                            <th scope="col">{move_tr!("column-email")}</th>
                            <th scope="col">{move_tr!("column-roles")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {profile.admins.into_iter().map(|admin| {
                            let roles = admin.roles.clone();
                            view! {
                                <tr>
                                    <td>{admin.display_name}</td>
                                    <td>{admin.email}</td>
                                    <td>{move || roles.iter().map(|role| tr_id(role.message_id())).collect::<Vec<_>>().join(", ")}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </TableFrame>
        </section>
    }
}
