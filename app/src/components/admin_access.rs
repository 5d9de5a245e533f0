//! A partner's admin relationships as the customer's admins manage them on the partner page:
//! each with its status, end date and roles; **Remove** on each granted role and **End
//! access** on each relationship in force, both confirmed first (in a dialog, or on the page
//! itself without WebAssembly).

use crate::api::relationships::{ChangeAdminAccess, SetAutoExtend};
use crate::components::dialog::{ConfirmDialog, ConfirmOnPage};
use crate::components::field::FormError;
use crate::domain::{format_date, AdminRelationship, DelegatedRole, RoleState};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;

/// A change the admin is asked to confirm: remove `role` from admin relationship `id`, or
/// end it (`role` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessChange {
    pub id: i64,
    pub role: Option<DelegatedRole>,
}

impl AccessChange {
    /// From the page's address (`?confirm=access&access=7&role=helpdesk_admin`).
    pub fn from_query(access: Option<String>, role: Option<String>) -> Option<Self> {
        let id = access?.parse().ok()?;
        let role = match role.as_deref().unwrap_or_default() {
            "" => None,
            raw => Some(DelegatedRole::from_db(raw)?),
        };
        Some(Self { id, role })
    }
}

/// What a confirmation says: its title and its body.
fn question(change: &AccessChange, partner: &str, relationship: &str) -> (String, String) {
    match change.role {
        Some(role) => {
            let role = tr_id(role.message_id());
            (
                tr!("access-remove-role-title", { "role" => role.clone() }),
                tr!("access-remove-role-body", {
                    "partner" => partner.to_owned(),
                    "role" => role,
                    "relationship" => relationship.to_owned(),
                }),
            )
        }
        None => (
            tr!("access-end-title", { "relationship" => relationship.to_owned() }),
            tr!("access-end-body", { "partner" => partner.to_owned() }),
        ),
    }
}

#[component]
pub fn AdminRelationships(
    partner_id: i64,
    partner: String,
    relationships: Vec<AdminRelationship>,
    change: ServerAction<ChangeAdminAccess>,
    toggle: ServerAction<SetAutoExtend>,
    /// Set when the page was opened to confirm a change (no WebAssembly).
    confirming: Option<AccessChange>,
    /// The last change was made by a plain form post (no WebAssembly).
    done_by_form: bool,
) -> impl IntoView {
    let asked: RwSignal<Option<(AccessChange, String)>> = RwSignal::new(None);
    let dialog_open = RwSignal::new(false);
    Effect::new(move |_| {
        if !dialog_open.get() {
            asked.set(None);
        }
    });
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let toggle_error = Signal::derive(move || toggle.value().get().and_then(Result::err));
    let confirming_none = confirming.is_none();
    let done = move || {
        (matches!(change.value().get(), Some(Ok(()))) || (done_by_form && confirming_none))
            .then_some(())
    };
    let partner_for_dialog = partner.clone();
    let dialog_text = Memo::new(move |_| {
        asked
            .get()
            .map(|(change, name)| question(&change, &partner_for_dialog, &name))
            .unwrap_or_default()
    });
    let on_page = confirming.and_then(|change| {
        relationships
            .iter()
            .find(|relationship| relationship.id == change.id)
            .map(|relationship| (change, relationship.name.clone()))
    });
    let empty = relationships.is_empty();
    view! {
        <h2>{move_tr!("access-relationships")}</h2>
        {move || done().map(|_| view! {
            <p class="form-success" role="status">{move_tr!("access-change-done")}</p>
        })}
        <FormError error />
        <FormError error=toggle_error />
        {on_page.map(|(confirm, name)| view! {
            <ConfirmChange partner_id partner=partner.clone() name change=confirm action=change />
        })}
        {if empty {
            view! { <p>{move_tr!("access-none")}</p> }.into_any()
        } else {
            relationships.into_iter().map(|relationship| view! {
                <Relationship relationship asked dialog_open toggle />
            }).collect_view().into_any()
        }}
        <ConfirmDialog
                id="access-change"
            open=dialog_open
            title=Signal::derive(move || dialog_text.get().0)
            body=Signal::derive(move || dialog_text.get().1)
            confirm="dialog-yes"
            cancel="dialog-no"
            on_confirm=Callback::new(move |_| {
                if let Some((confirmed, _)) = asked.get_untracked() {
                    change.dispatch(ChangeAdminAccess {
                        partner_id,
                        admin_relationship_id: confirmed.id,
                        role: confirmed.role.map(|role| role.as_db().to_owned()).unwrap_or_default(),
                    });
                }
            })
            busy=change.pending()
        />
    }
}

/// One admin relationship: its facts, its roles, and the controls for those in force.
#[component]
fn Relationship(
    relationship: AdminRelationship,
    asked: RwSignal<Option<(AccessChange, String)>>,
    dialog_open: RwSignal<bool>,
    toggle: ServerAction<SetAutoExtend>,
) -> impl IntoView {
    let status = relationship.status;
    let in_force = status.in_force();
    let heading_id = format!("access-{}", relationship.id);
    let labelled_by = heading_id.clone();
    let name = relationship.name.clone();
    let ask = move |change: AccessChange, name: String| {
        asked.set(Some((change, name)));
        dialog_open.set(true);
    };
    let end = AccessChange {
        id: relationship.id,
        role: None,
    };
    let end_label = {
        let name = name.clone();
        move || tr!("access-end-label", { "relationship" => name.clone() })
    };
    let days = relationship.duration_days;
    view! {
        <article class="access" aria-labelledby=labelled_by>
            <h3 id=heading_id>{relationship.name.clone()}" "
                <span class=format!("status status-{}", status.as_param())>{move || tr_id(status.message_id())}</span>
            </h3>
            <dl class="details">
                <dt>{move_tr!("access-ends")}</dt>
                <dd>{match relationship.ends_at_ms {
                    Some(ends) => view! { <time>{format_date(ends)}</time> }.into_any(),
                    None => view! { <span>{move || tr!("access-days", { "days" => days })}</span> }.into_any(),
                }}</dd>
                <dt>{move_tr!("access-auto-extends")}</dt>
                <dd><AutoExtendToggle access=relationship.clone() toggle /></dd>
            </dl>
            <ul class="access-roles">
                {relationship.roles.iter().map(|role| {
                    let (role, state) = (role.role, role.state);
                    let removable = in_force && state == RoleState::Granted;
                    let change = AccessChange { id: relationship.id, role: Some(role) };
                    let name = name.clone();
                    view! {
                        <li class:role-ended=state != RoleState::Granted>
                            <span class="role-name">{move || tr_id(role.message_id())}</span>
                            {(role == DelegatedRole::GlobalAdmin).then(|| view! {
                                " "<strong class="warning">{move_tr!("role-most-powerful")}</strong>
                            })}
                            " "<span class="muted">{move || tr_id(state.message_id())}</span>
                            {removable.then(|| {
                                let label = Signal::derive(move || tr!("access-remove-role-label", { "role" => tr_id(role.message_id()) }));
                                view! { <AskButton change name label text="access-remove-role" ask /> }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {in_force.then(|| view! {
                <div class="actions">
                    <AskButton change=end name=name.clone() label=Signal::derive(end_label) text="access-end" ask />
                </div>
            })}
        </article>
    }
}

/// A button that asks for a confirmation: a plain form that opens the question on the page
/// (no WebAssembly), a dialog once the WebAssembly runs.
#[component]
fn AskButton<F>(
    change: AccessChange,
    /// The admin relationship's name.
    name: String,
    /// The accessible name.
    label: Signal<String>,
    /// Message id of the visible text.
    text: &'static str,
    ask: F,
) -> impl IntoView
where
    F: Fn(AccessChange, String) + Copy + 'static,
{
    let role = change.role.map(DelegatedRole::as_db).unwrap_or_default();
    let id = change.id;
    view! {
        <form method="get" class="inline-action"
            on:submit=move |event| {
                event.prevent_default();
                ask(change.clone(), name.clone());
            }>
            <input type="hidden" name="confirm" value="access" />
            <input type="hidden" name="access" value=id />
            <input type="hidden" name="role" value=role />
            <button type="submit" class="button secondary small" aria-label=label>{move || tr_id(text)}</button>
        </form>
    }
}

/// A change confirmed on the page itself, for a browser without WebAssembly.
#[component]
fn ConfirmChange(
    partner_id: i64,
    partner: String,
    name: String,
    change: AccessChange,
    action: ServerAction<ChangeAdminAccess>,
) -> impl IntoView {
    let role = change.role.map(DelegatedRole::as_db).unwrap_or_default();
    let id = change.id;
    let text = move || question(&change, &partner, &name);
    let title = {
        let text = text.clone();
        move || text().0
    };
    view! {
        <ConfirmOnPage
            id="confirm-access-title"
            title=Signal::derive(title)
            body=Signal::derive(move || text().1)
            back=format!("/settings/partner-relationships/{partner_id}")
        >
            <ActionForm action>
                <input type="hidden" name="partner_id" value=partner_id />
                <input type="hidden" name="admin_relationship_id" value=id />
                <input type="hidden" name="role" value=role />
                <button type="submit" class="button">{move_tr!("dialog-yes")}</button>
            </ActionForm>
        </ConfirmOnPage>
    }
}

/// Whether the relationship extends itself, and the button that turns it the other way (a
/// plain form): offered while it is pending or in force, never to turn it on with Global
/// admin.
#[component]
pub fn AutoExtendToggle(
    access: AdminRelationship,
    toggle: ServerAction<SetAutoExtend>,
) -> impl IntoView {
    let on = access.auto_extend;
    let open =
        access.status.in_force() || access.status == crate::domain::AccessStatus::PendingApproval;
    let global = access.roles.iter().any(|role| {
        role.role == DelegatedRole::GlobalAdmin
            && matches!(role.state, RoleState::Granted | RoleState::Requested)
    });
    let offered = open && (on || !global);
    let name = access.name.clone();
    let label = move || {
        if on {
            tr!("access-auto-extend-label-off", { "relationship" => name.clone() })
        } else {
            tr!("access-auto-extend-label-on", { "relationship" => name.clone() })
        }
    };
    view! {
        <span>{move || tr_id(if on { "access-auto-extend-on" } else { "access-auto-extend-off" })}</span>
        {offered.then(|| view! {
            " "
            <ActionForm action=toggle attr:class="inline-action">
                <input type="hidden" name="admin_relationship_id" value=access.id />
                <input type="hidden" name="on" value=if on { "off" } else { "on" } />
                <button type="submit" class="button secondary small" aria-label=label>
                    {move || tr_id(if on { "access-auto-extend-turn-off" } else { "access-auto-extend-turn-on" })}
                </button>
            </ActionForm>
        })}
    }
}
