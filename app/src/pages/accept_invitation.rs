//! Accept agreement & authorize partner (`/invitation/:token`), the page an invitation email
//! links to. A Global or Billing admin of the invited tenant reads what the partner asks for,
//! acknowledges the Customer Agreement and accepts — or cancels the invitation.

use crate::api::invitations::{load_invitation, AcceptInvitation, DeclineInvitation};
use crate::components::error_view::ErrorView;
use crate::components::field::{FieldMessage, FormError};
use crate::components::hydrated::use_hydrated;
use crate::components::page_title::PageTitle;
use crate::components::pending::track_pending;
use crate::domain::{format_date, DelegatedRole, InvitationOffer};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let offer = Resource::new(move || token.get(), load_invitation);
    let accept = ServerAction::<AcceptInvitation>::new();
    let decline = ServerAction::<DeclineInvitation>::new();
    track_pending(Signal::derive(move || {
        accept.pending().get() || decline.pending().get()
    }));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if matches!(accept.value().get(), Some(Ok(()))) {
            navigate(
                "/settings/partner-relationships?accepted=1",
                Default::default(),
            );
        }
    });
    let declined = move || matches!(decline.value().get(), Some(Ok(())));

    view! {
        <PageTitle message="accept-invitation-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || {
                if declined() {
                    return view! { <Declined /> }.into_any();
                }
                offer.get().map(|result| match result {
                    Ok(offer) => view! { <Offer offer token=token.get_untracked() accept decline /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }).into_any()
            }}
        </Transition>
    }
}

#[component]
fn Offer(
    offer: InvitationOffer,
    token: String,
    accept: ServerAction<AcceptInvitation>,
    decline: ServerAction<DeclineInvitation>,
) -> impl IntoView {
    let (acknowledged, set_acknowledged) = signal(false);
    let hydrated = use_hydrated();
    let accept_error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let decline_error = Signal::derive(move || decline.value().get().and_then(Result::err));
    let busy = move || accept.pending().get() || decline.pending().get();
    let kind = offer.relationship_type;
    let access = offer.access.clone();
    let has_roles = access.is_some();
    let access_facts = access.clone().map(|access| {
        let days = access.duration_days;
        let ends = offer
            .access_would_end_ms
            .map(format_date)
            .unwrap_or_default();
        view! {
            <dt>{move_tr!("access-relationship")}</dt>
            <dd>{access.name.clone()}</dd>
            <dt>{move_tr!("access-duration")}</dt>
            <dd>{move || tr!("access-days", { "days" => days })}</dd>
            <dt>{move_tr!("accept-access-ends")}</dt>
            <dd><time>{ends}</time></dd>
        }
    });
    let agreement_href = crate::pages::customer_agreement::href(&offer.agreement_version);
    let tenant = offer.tenant_name.clone();
    let partner = offer.partner_name.clone();
    let version = offer.agreement_version.clone();
    let decline_token = token.clone();
    view! {
        <section class="panel" aria-labelledby="accept-heading">
            <h1 id="accept-heading">{move_tr!("accept-invitation-title")}</h1>
            <p>{move || tr!("accept-invitation-intro", { "partner" => partner.clone(), "tenant" => tenant.clone() })}</p>
            <dl class="details">
                <dt>{move_tr!("column-partner")}</dt>
                <dd>{offer.partner_name.clone()}</dd>
                <dt>{move_tr!("partner-website")}</dt>
                <dd><a href=offer.partner_website.clone() rel="noopener noreferrer" target="_blank">{offer.partner_website.clone()}</a></dd>
                <dt>{move_tr!("invitation-relationship-type")}</dt>
                <dd>{move || tr_id(kind.message_id())}</dd>
                {access_facts}
                {(!has_roles).then(|| view! {
                    <dt>{move_tr!("accept-roles-granted")}</dt>
                    <dd>{move_tr!("invitation-no-roles")}</dd>
                })}
                <dt>{move_tr!("accept-expires")}</dt>
                <dd><time>{format_date(offer.expires_at_ms)}</time></dd>
            </dl>
            {offer.message.clone().map(|message| view! {
                <h2>{move_tr!("accept-partner-message")}</h2>
                <blockquote class="business-needs">{message}</blockquote>
            })}
            <Show when=move || has_roles>
                <p class="notice">{move_tr!("accept-roles-notice")}</p>
            </Show>
            <ActionForm action=accept>
                <FormError error=accept_error />
                <input type="hidden" name="token" value=token />
                {access.map(|access| view! { <RoleChoice access error=accept_error /> })}
                <input type="hidden" name="agreement_version" value=offer.agreement_version.clone() />
                <p>
                    <a href=agreement_href target="_blank" rel="noopener">
                        {move_tr!("customer-agreement")}
                        <span class="visually-hidden">{move || format!(" ({})", tr!("opens-in-new-tab"))}</span>
                    </a>
                    " "{move || tr!("agreement-version-line", { "version" => version.clone() })}
                </p>
                <div class="field checkbox">
                    <input id="field-acknowledged" name="acknowledged" type="checkbox" value="on"
                        aria-describedby=move || accept_error.get().and_then(|e| e.field_message("acknowledged").map(|_| "field-acknowledged-error"))
                        on:change=move |event| set_acknowledged.set(event_target_checked(&event)) />
                    <label for="field-acknowledged">{move_tr!("agreement-acknowledge")}</label>
                    <FieldMessage field="acknowledged" error=accept_error />
                </div>
                <div class="actions">
                    // Enabled by the box once the WebAssembly runs; before that the server refuses an unticked box.
                    <button type="submit" class="button" disabled=move || hydrated.get() && (!acknowledged.get() || busy())>
                        {move_tr!("accept-and-authorize")}
                    </button>
                </div>
            </ActionForm>
            <ActionForm action=decline>
                <FormError error=decline_error />
                <input type="hidden" name="token" value=decline_token />
                <button type="submit" class="button secondary" disabled=busy>{move_tr!("cancel-invitation")}</button>
            </ActionForm>
        </section>
    }
}

/// Each role the partner asks for, ticked, with what it lets the partner do: the admin
/// unticks those it won't give.
#[component]
fn RoleChoice(
    access: crate::domain::AdminRelationship,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let has_error = move || {
        error
            .get()
            .is_some_and(|e| e.field_message("roles").is_some())
    };
    view! {
        <fieldset class="field roles" class:field-invalid=has_error
            aria-describedby=move || if has_error() { "accept-roles-hint field-roles-error" } else { "accept-roles-hint" }>
            <legend>{move_tr!("accept-roles-granted")}</legend>
            <p class="hint" id="accept-roles-hint">{move_tr!("accept-access-choose")}</p>
            {access.asked().map(|role| {
                let id = format!("role-{}", role.as_db());
                let description_id = format!("{id}-description");
                view! {
                    <div class="checkbox role-choice">
                        <input type="checkbox" id=id.clone() name="roles[]" value=role.as_db() checked
                            aria-describedby=description_id.clone() />
                        <label for=id>{move || tr_id(role.message_id())}
                            {(role == DelegatedRole::GlobalAdmin).then(|| view! {
                                " "<strong class="warning">{move_tr!("role-most-powerful")}</strong>
                            })}
                        </label>
                        <p class="hint" id=description_id>{move || tr_id(role.description_id())}</p>
                    </div>
                }
            }).collect_view()}
            <FieldMessage field="roles" error />
        </fieldset>
    }
}

#[component]
fn Declined() -> impl IntoView {
    view! {
        <section class="panel" role="status">
            <h1>{move_tr!("invitation-cancelled-title")}</h1>
            <p>{move_tr!("invitation-cancelled-body")}</p>
            <p><a href="/settings/partner-relationships">{move_tr!("nav-partner-relationships")}</a></p>
        </section>
    }
}
