//! The partner page (`/settings/partner-relationships/:partner_id`): one partner's
//! relationship with the tenant — details, its admin relationships with their roles (each
//! role removable on its own, each relationship endable), the agreement record, its recent
//! actions — and the seed's **Remove roles**, which removes them all at once.

use crate::api::relationships::{
    get_partner_relationship, ChangeAdminAccess, EndPartnerRelationship, RemovePartnerRoles,
    SetAutoExtend,
};
use crate::components::admin_access::{AccessChange, AdminRelationships};
use crate::components::dialog::{ConfirmDialog, ConfirmOnPage};
use crate::components::error_view::ErrorView;
use crate::components::field::{FieldMessage, FormError};
use crate::components::page_title::PageTitle;
use crate::components::pending::track_pending;
use crate::domain::{format_date, ActivityEntry, PartnerRelationshipDetail, MAX_END_NOTE};
use crate::i18n::{move_tr, tr};
use crate::pages::partner_activity::ActivityTable;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PartnerRelationshipPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let partner_id = Memo::new(move |_| {
        params.with(|p| {
            p.get("partner_id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    });
    // Without WebAssembly, Remove roles asks "Remove roles?" on the page itself (`?confirm=…`),
    // and the removal comes back as `?removed=1`.
    let confirming =
        Memo::new(move |_| query.with(|q| q.get("confirm").as_deref() == Some("remove-roles")));
    // End relationship asks for its note on the page itself (`?confirm=end-relationship`), with
    // or without WebAssembly; once done, the browser goes back to the list.
    let confirming_end =
        Memo::new(move |_| query.with(|q| q.get("confirm").as_deref() == Some("end-relationship")));
    let removed_by_form =
        Memo::new(move |_| query.with(|q| q.get("removed").as_deref() == Some("1")));
    let access_changed_by_form = Memo::new(move |_| {
        query.with(|q| q.get("role-removed").is_some() || q.get("access-ended").is_some())
    });
    // Likewise Remove (one role) and End access: `?confirm=access&access=…&role=…`.
    let confirming_access = Memo::new(move |_| {
        query.with(|q| {
            (q.get("confirm").as_deref() == Some("access"))
                .then(|| AccessChange::from_query(q.get("access"), q.get("role")))
                .flatten()
        })
    });
    let remove = ServerAction::<RemovePartnerRoles>::new();
    let change = ServerAction::<ChangeAdminAccess>::new();
    let toggle = ServerAction::<SetAutoExtend>::new();
    track_pending(Signal::derive(move || {
        remove.pending().get() || change.pending().get() || toggle.pending().get()
    }));
    let detail = Resource::new(
        move || {
            (
                partner_id.get(),
                remove.version().get(),
                change.version().get(),
                toggle.version().get(),
            )
        },
        |(partner_id, _, _, _)| get_partner_relationship(partner_id),
    );
    view! {
        <PageTitle message="partner-page-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || detail.get().map(|result| match result {
                Ok(detail) => view! {
                    <Detail detail remove change toggle confirming=confirming.get()
                        confirming_end=confirming_end.get()
                        confirming_access=confirming_access.get() removed_by_form=removed_by_form.get()
                        access_changed_by_form=access_changed_by_form.get() />
                }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Detail(
    detail: PartnerRelationshipDetail,
    remove: ServerAction<RemovePartnerRoles>,
    change: ServerAction<ChangeAdminAccess>,
    toggle: ServerAction<SetAutoExtend>,
    confirming: bool,
    confirming_end: bool,
    confirming_access: Option<AccessChange>,
    removed_by_form: bool,
    access_changed_by_form: bool,
) -> impl IntoView {
    let dialog_open = RwSignal::new(false);
    let partner_id = detail.partner_id.get();
    let partner = detail.partner_name.clone();
    let holds_roles = !detail.roles.is_empty();
    let types = detail.types;
    let shown_types = move || crate::i18n::relationship_types(types);
    let error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let removed =
        move || matches!(remove.value().get(), Some(Ok(()))) || (removed_by_form && !holds_roles);
    let dialog_body = {
        let partner = partner.clone();
        move || tr!("remove-roles-explained", { "partner" => partner.clone() })
    };
    let ending = {
        let partner = partner.clone();
        move || tr!("partner-page-ending", { "partner" => partner.clone() })
    };
    let agreement = detail.agreement.clone();
    view! {
        <section class="panel">
            <p><A href="/settings/partner-relationships">{move_tr!("partner-page-back")}</A></p>
            <h1>{detail.partner_name.clone()}</h1>
            {move || removed().then(|| view! {
                <p class="form-success" role="status">{move_tr!("remove-roles-done")}</p>
            })}
            <FormError error />
            <dl class="details">
                <dt>{move_tr!("partner-website")}</dt>
                <dd><a href=detail.website.clone() rel="noopener noreferrer" target="_blank">{detail.website.clone()}</a></dd>
                <dt>{move_tr!("partner-contact")}</dt>
                <dd><a href=format!("mailto:{}", detail.contact_email)>{detail.contact_email.clone()}</a></dd>
                <dt>{move_tr!("invitation-relationship-type")}</dt>
                <dd>{shown_types}</dd>
                <dt>{move_tr!("column-since")}</dt>
                <dd><time>{format_date(detail.since_ms)}</time></dd>
                <dt>{move_tr!("customer-agreement")}</dt>
                <dd>{match agreement.latest.clone().filter(|_| agreement.accepted_current()) {
                    Some(acceptance) => {
                        let date = format_date(acceptance.accepted_at_ms);
                        view! {
                            <span>{move || tr!("agreement-accepted-record", {
                                "name" => acceptance.accepted_by.clone(),
                                "version" => acceptance.version.clone(),
                                "date" => date.clone(),
                            })}</span>
                        }.into_any()
                    }
                    None => view! {
                        <span>{move_tr!("agreement-status-not-accepted")}" "
                            <A href="/settings/agreement">{move_tr!("agreement-accept-link")}</A></span>
                    }.into_any(),
                }}</dd>
            </dl>

            <AdminRelationships partner_id partner=partner.clone() relationships=detail.admin_relationships.clone()
                change toggle confirming=confirming_access done_by_form=access_changed_by_form />
            <h2>{move_tr!("remove-roles")}</h2>
            {if holds_roles {
                if confirming {
                    view! {
                        <ConfirmOnPage
                            id="confirm-remove-title"
                            title=move_tr!("remove-roles-title")
                            body=Signal::derive(dialog_body.clone())
                            back=format!("/settings/partner-relationships/{partner_id}")
                        >
                            <ActionForm action=remove>
                                <input type="hidden" name="partner_id" value=partner_id />
                                <button type="submit" class="button">{move_tr!("dialog-yes")}</button>
                            </ActionForm>
                        </ConfirmOnPage>
                    }.into_any()
                } else {
                    view! {
                        <form method="get" class="actions"
                            on:submit=move |event| {
                                event.prevent_default();
                                dialog_open.set(true);
                            }>
                            <input type="hidden" name="confirm" value="remove-roles" />
                            <button type="submit" class="button">{move_tr!("remove-roles")}</button>
                        </form>
                    }.into_any()
                }
            } else {
                view! { <p>{move_tr!("partner-page-no-roles")}</p> }.into_any()
            }}
            <p class="notice">{ending}</p>
            <EndRelationship partner_id partner=partner.clone() confirming=confirming_end />
            <ConfirmDialog
                id="remove-roles"
                open=dialog_open
                title=move_tr!("remove-roles-title")
                body=Signal::derive(dialog_body)
                confirm="dialog-yes"
                cancel="dialog-no"
                on_confirm=Callback::new(move |_| {
                    remove.dispatch(RemovePartnerRoles { partner_id });
                })
                busy=remove.pending()
            />
        </section>
        <Activity partner_id entries=detail.activity more=detail.more_activity />
    }
}

/// **End relationship**: asked on the page, with a note to the partner; every role and type
/// ends, subscriptions bought through the partner stay.
#[component]
fn EndRelationship(partner_id: i64, partner: String, confirming: bool) -> impl IntoView {
    let end = ServerAction::<EndPartnerRelationship>::new();
    track_pending(end.pending().into());
    let error = Signal::derive(move || end.value().get().and_then(Result::err));
    let here = format!("/settings/partner-relationships/{partner_id}");
    let body = move || tr!("end-partner-relationship-explained", { "partner" => partner.clone() });
    view! {
        <h2>{move_tr!("end-partner-relationship")}</h2>
        {if confirming {
            view! {
                <ConfirmOnPage
                    id="confirm-end-title"
                    title=move_tr!("end-partner-relationship-title")
                    body=Signal::derive(body)
                    back=here
                >
                    <ActionForm action=end attr:class="stacked">
                        <FormError error />
                        <input type="hidden" name="partner_id" value=partner_id />
                        <label for="end-note">{move_tr!("end-partner-relationship-note")}</label>
                        <textarea id="end-note" name="note" rows="3" maxlength=MAX_END_NOTE.to_string()
                            aria-describedby="field-note-error"></textarea>
                        <FieldMessage field="note" error />
                        <button type="submit" class="button" disabled=end.pending()>
                            {move_tr!("end-partner-relationship-confirm")}
                        </button>
                    </ActionForm>
                </ConfirmOnPage>
            }.into_any()
        } else {
            view! {
                <form method="get" class="actions">
                    <input type="hidden" name="confirm" value="end-relationship" />
                    <button type="submit" class="button secondary">{move_tr!("end-partner-relationship")}</button>
                </form>
            }.into_any()
        }}
    }
}

/// The newest of the partner's activity timeline; the rest, and its export, on the timeline's
/// own page filtered to the partner.
#[component]
fn Activity(partner_id: i64, entries: Vec<ActivityEntry>, more: bool) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{move_tr!("partner-page-activity")}</h2>
            {if entries.is_empty() {
                view! { <p>{move_tr!("partner-page-no-activity")}</p> }.into_any()
            } else {
                view! { <ActivityTable entries label="partner-page-activity" /> }.into_any()
            }}
            <p>
                <A href=format!("/settings/partner-activity?partner={partner_id}")>
                    {move || if more { tr!("partner-page-all-activity") } else { tr!("partner-page-activity-filters") }}
                </A>
                " · "
                <a href=format!("/settings/partner-activity.csv?partner={partner_id}") download="">{move_tr!("partner-page-export")}</a>
            </p>
        </section>
    }
}
