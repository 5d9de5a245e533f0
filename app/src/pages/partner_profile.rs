use crate::api::organization::fetch_partner_profile;
use crate::components::auth::use_auth;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::domain::PartnerProfile;
use crate::i18n::{move_tr, tr_id};
use leptos::prelude::*;

/// The agent's own directory entry, as customers find it.
#[component]
pub fn PartnerProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| fetch_partner_profile());
    view! {
        <PageTitle message="partner-profile-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || profile.get().map(|result| match result {
                Ok(profile) => view! { <PartnerProfileView profile /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn PartnerProfileView(profile: PartnerProfile) -> impl IntoView {
    let locations = profile.locations.clone();
    let sizes = profile
        .sizes_served
        .iter()
        .map(|size| size.label())
        .collect::<Vec<_>>()
        .join(", ");
    let kinds = profile.relationship_types_offered.clone();
    // Only admin agents edit the entry; the others are not offered what they'd be refused.
    let user = use_auth().user;
    let can_edit = move || {
        user.get()
            .and_then(Result::ok)
            .flatten()
            .is_some_and(|user| user.admin_agent)
    };
    let description_zh = Some(profile.description_zh.clone()).filter(|text| !text.is_empty());
    view! {
        <section class="panel">
            <h1>{move_tr!("partner-profile-title")}</h1>
            <h2>{profile.name.clone()}</h2>
            <p class="description">{profile.description.clone()}</p>
            {description_zh.map(|text| view! {
                <h3>{move_tr!("partner-description-zh")}</h3>
                <p class="description" lang="zh-CN">{text}</p>
            })}
            {move || can_edit().then(|| view! {
                <p><a class="button" href="/partner/edit">{move_tr!("profile-edit")}</a></p>
            })}
            <dl class="details">
                <dt>{move_tr!("partner-website")}</dt>
                <dd><a href=profile.website.clone() rel="noopener noreferrer">{profile.website.clone()}</a></dd>
                <dt>{move_tr!("partner-contact")}</dt>
                <dd>{profile.contact_email.clone()}</dd>
                <dt>{move_tr!("partner-locations")}</dt>
                <dd>{move || crate::i18n::locations(&locations)}</dd>
                <dt>{move_tr!("partner-sizes")}</dt>
                <dd>{sizes}</dd>
                <dt>{move_tr!("partner-services")}</dt>
                <dd>{profile.services.join(", ")}</dd>
                <dt>{move_tr!("partner-industries")}</dt>
                <dd>{profile.industries.join(", ")}</dd>
                <dt>{move_tr!("partner-relationship-types")}</dt>
                <dd>{move || kinds.iter().map(|kind| tr_id(kind.message_id())).collect::<Vec<_>>().join(", ")}</dd>
            </dl>
        </section>
    }
}
