use crate::domain::PartnerSummary;
use crate::i18n::{move_tr, tr_id};
use leptos::prelude::*;

/// A partner's result row details as customers read them in the directory: places, sizes,
/// services and relationship types.
#[component]
pub fn PartnerSummaryDetails(partner: PartnerSummary) -> impl IntoView {
    let locations = partner.locations.clone();
    let sizes = partner
        .sizes_served
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join(", ");
    let kinds = partner.relationship_types_offered.clone();
    view! {
        <dl class="details compact">
            <dt>{move_tr!("partner-locations")}</dt>
            <dd>{move || crate::i18n::locations(&locations)}</dd>
            <dt>{move_tr!("partner-sizes")}</dt>
            <dd>{sizes}</dd>
            <dt>{move_tr!("partner-services")}</dt>
            <dd>{partner.services.join(", ")}</dd>
            <dt>{move_tr!("partner-relationship-types")}</dt>
            <dd>{move || kinds.iter().map(|k| tr_id(k.message_id())).collect::<Vec<_>>().join(", ")}</dd>
        </dl>
    }
}
