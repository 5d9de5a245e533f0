//! The partner's invitations (`/invitations`): send one (from a lead, or by the customer's
//! domain), and see, resend or revoke those sent. `?lead=7&domain=contoso.example` starts the
//! form from a lead.

use crate::api::invitations::{
    list_invitations, ResendInvitation, RevokeInvitation, SendInvitation,
};
use crate::api::teams::list_teams;
use crate::components::error_view::ErrorView;
use crate::components::field::{Field, FieldMessage, FormError};
use crate::components::hydrated::use_hydrated;
use crate::components::page_title::PageTitle;
use crate::components::pending::track_pending;
use crate::components::table_frame::TableFrame;
use crate::domain::{
    format_date, roles_for, DelegatedRole, InvitationStatus, PartnerTask, RelationshipType,
    SentInvitation, Team, MAX_ACCESS_DAYS, MAX_INVITATION_MESSAGE,
};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let query = use_query_map();
    let lead = query.with_untracked(|q| q.get("lead").unwrap_or_default());
    let domain = query.with_untracked(|q| q.get("domain").unwrap_or_default());
    let send = ServerAction::<SendInvitation>::new();
    let resend = ServerAction::<ResendInvitation>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    track_pending(Signal::derive(move || {
        send.pending().get() || resend.pending().get() || revoke.pending().get()
    }));
    let invitations = Resource::new(
        move || {
            (
                send.version().get(),
                resend.version().get(),
                revoke.version().get(),
            )
        },
        |_| list_invitations(),
    );
    view! {
        <PageTitle message="invitations-title" />
        <section class="panel">
            <h1>{move_tr!("invitations-title")}</h1>
            <SendInvitationForm send lead domain />
        </section>
        <section class="panel">
            <h2>{move_tr!("invitations-sent")}</h2>
            <RowActionResult resend revoke />
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || invitations.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{move_tr!("invitations-empty")}</p> }.into_any(),
                    Ok(list) => view! { <InvitationsTable list resend revoke /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SendInvitationForm(
    send: ServerAction<SendInvitation>,
    lead: String,
    domain: String,
) -> impl IntoView {
    let teams = Resource::new(|| (), |_| list_teams());
    let error = Signal::derive(move || send.value().get().and_then(Result::err));
    let sent = move || matches!(send.value().get(), Some(Ok(())));
    let (kind, set_kind) = signal(RelationshipType::ResellerAndDelegatedAdministrator);
    let roles_hint = move || {
        if kind.get().carries_roles() {
            tr!("access-roles-hint")
        } else {
            tr!("invitation-no-roles")
        }
    };
    let domain = Signal::stored(domain);
    view! {
        <ActionForm action=send>
            <InvitationError error />
            {move || sent().then(|| view! { <p class="form-success" role="status">{move_tr!("invitation-sent")}</p> })}
            <input type="hidden" name="lead_id" value=lead />
            <Field name="tenant_domain" label="invitation-tenant-domain" value=domain autocomplete="off" required=true error />
            <div class="field">
                <label for="field-relationship-type">{move_tr!("invitation-relationship-type")}</label>
                <select id="field-relationship-type" name="relationship_type" required
                    aria-describedby="relationship-type-roles"
                    on:change=move |event| {
                        if let Some(chosen) = RelationshipType::from_db(&event_target_value(&event)) {
                            set_kind.set(chosen);
                        }
                    }>
                    {RelationshipType::ALL.map(|option| view! {
                        <option value=option.as_db() selected=move || kind.get() == option>{move || tr_id(option.message_id())}</option>
                    }).collect_view()}
                </select>
                <p class="hint" id="relationship-type-roles" aria-live="polite">{roles_hint}</p>
                <FieldMessage field="relationship_type" error />
            </div>
            <AccessFields kind error teams />
            <div class="field">
                <label for="field-message">{move_tr!("invitation-message")}</label>
                <textarea id="field-message" name="message" rows="4"
                    maxlength=MAX_INVITATION_MESSAGE.to_string()></textarea>
                <FieldMessage field="message" error />
            </div>
            <button type="submit" class="button" disabled=move || send.pending().get()>{move_tr!("invitation-send")}</button>
        </ActionForm>
    }
}

/// The admin relationship an invitation of a type with admin roles asks for: its name, a
/// box per role (the type's defaults ticked), its duration, whether it extends itself and the
/// teams that get it.
/// Hidden for the other types once the WebAssembly runs; the server ignores these fields for
/// them either way.
#[component]
fn AccessFields(
    kind: ReadSignal<RelationshipType>,
    error: Signal<Option<AppError>>,
    teams: Resource<Result<crate::domain::PartnerTeams, AppError>>,
) -> impl IntoView {
    let default_name = Signal::derive(move || tr!("access-default-name"));
    let duration = Signal::stored(MAX_ACCESS_DAYS.to_string());
    let roles_error = move || {
        error
            .get()
            .is_some_and(|e| e.field_message("roles").is_some())
    };
    // The ticked roles: a type's defaults, then the agent's own ticks or the tasks' roles.
    let chosen = RwSignal::new(kind.get_untracked().default_roles().to_vec());
    Effect::new(move |previous: Option<RelationshipType>| {
        let current = kind.get();
        if previous.is_some_and(|previous| previous != current) {
            chosen.set(current.default_roles().to_vec());
        }
        current
    });
    let tasks = RwSignal::new(Vec::<PartnerTask>::new());
    let hydrated = use_hydrated();
    view! {
        <fieldset class="access-fields" hidden=move || !kind.get().carries_roles()>
            <legend>{move_tr!("access-relationship")}</legend>
            <Field name="access_name" label="access-name" value=default_name autocomplete="off" error />
            // Tasks only propose roles (nothing of them is sent): shown once the WebAssembly runs.
            <Show when=move || hydrated.get()>
                <div class="field roles" role="group" aria-labelledby="access-tasks-label" aria-describedby="access-tasks-hint">
                    <p class="label" id="access-tasks-label">{move_tr!("access-tasks")}</p>
                    <p class="hint" id="access-tasks-hint">{move_tr!("access-tasks-hint")}</p>
                    {PartnerTask::ALL.map(|task| {
                        let id = format!("task-{}", task.message_id());
                        view! {
                            <div class="checkbox role-choice">
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || tasks.with(|tasks| tasks.contains(&task))
                                    on:change=move |event| {
                                        let ticked = event_target_checked(&event);
                                        tasks.update(|tasks| {
                                            tasks.retain(|other| *other != task);
                                            if ticked {
                                                tasks.push(task);
                                            }
                                        });
                                        let proposed = tasks.with(|tasks| roles_for(tasks));
                                        if !proposed.is_empty() {
                                            chosen.set(proposed);
                                        }
                                    } />
                                <label for=id>{move || tr_id(task.message_id())}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </Show>
            <div class="field roles" class:field-invalid=roles_error role="group" aria-labelledby="access-roles-label">
                <p class="label" id="access-roles-label">{move_tr!("access-roles")}</p>
                {DelegatedRole::ALL.map(|role| {
                    let id = format!("role-{}", role.as_db());
                    let description_id = format!("{id}-description");
                    let ticked = move || chosen.with(|chosen| chosen.contains(&role));
                    view! {
                        <div class="checkbox role-choice">
                            <input type="checkbox" id=id.clone() name="roles[]" value=role.as_db()
                                checked=ticked
                                prop:checked=ticked
                                on:change=move |event| {
                                    let ticked = event_target_checked(&event);
                                    chosen.update(|chosen| {
                                        chosen.retain(|other| *other != role);
                                        if ticked {
                                            chosen.push(role);
                                        }
                                    });
                                }
                                aria-describedby=description_id.clone() />
                            <label for=id>{move || tr_id(role.message_id())}</label>
                            <p class="hint" id=description_id>{move || tr_id(role.description_id())}</p>
                        </div>
                    }
                }).collect_view()}
                <FieldMessage field="roles" error />
            </div>
            <Field name="duration_days" label="access-duration" kind="number" value=duration autocomplete="off" error />
            <p class="hint">{move_tr!("access-duration-hint")}</p>
            <div class="field checkbox">
                <input id="field-auto-extend" name="auto_extend" type="checkbox" value="on"
                    aria-describedby="auto-extend-hint" />
                <label for="field-auto-extend">{move_tr!("access-auto-extend")}</label>
                <p class="hint" id="auto-extend-hint">{move_tr!("access-auto-extend-hint")}</p>
                <FieldMessage field="auto_extend" error />
            </div>
            <Transition fallback=|| ()>
                {move || teams.get().map(|teams| view! {
                    <TeamChoice teams=teams.map(|teams| teams.teams).unwrap_or_default() error />
                })}
            </Transition>
        </fieldset>
    }
}

/// The partner's teams that get the approved roles: a box each (ticked when there is only
/// one), or where to create them.
#[component]
fn TeamChoice(teams: Vec<Team>, error: Signal<Option<AppError>>) -> impl IntoView {
    let teams_error = move || {
        error
            .get()
            .is_some_and(|e| e.field_message("teams").is_some())
    };
    let only_one = teams.len() == 1;
    view! {
        <div class="field roles" class:field-invalid=teams_error role="group"
            aria-labelledby="access-teams-label" aria-describedby="access-teams-hint">
            <p class="label" id="access-teams-label">{move_tr!("access-teams")}</p>
            <p class="hint" id="access-teams-hint">{move_tr!("access-teams-hint")}</p>
            {teams.is_empty().then(|| view! {
                <p><A href="/teams">{move_tr!("access-teams-none")}</A></p>
            })}
            {teams.into_iter().map(|team| {
                let id = format!("team-choice-{}", team.id);
                view! {
                    <div class="checkbox role-choice">
                        <input type="checkbox" id=id.clone() name="teams[]" value=team.id checked=only_one />
                        <label for=id>{team.name}</label>
                    </div>
                }
            }).collect_view()}
            <FieldMessage field="teams" error />
        </div>
    }
}

/// What the last Resend or Revoke did, announced above the table.
#[component]
fn RowActionResult(
    resend: ServerAction<ResendInvitation>,
    revoke: ServerAction<RevokeInvitation>,
) -> impl IntoView {
    let resend_error = Signal::derive(move || resend.value().get().and_then(Result::err));
    let revoke_error = Signal::derive(move || revoke.value().get().and_then(Result::err));
    view! {
        <InvitationError error=resend_error />
        <FormError error=revoke_error />
        {move || matches!(resend.value().get(), Some(Ok(()))).then(|| view! {
            <p class="form-success" role="status">{move_tr!("invitation-resent")}</p>
        })}
        {move || matches!(revoke.value().get(), Some(Ok(()))).then(|| view! {
            <p class="form-success" role="status">{move_tr!("invitation-revoked-done")}</p>
        })}
    }
}

/// The error of a send or resend. Over the limit it says which limit, not just "too many".
#[component]
fn InvitationError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let over_limit = move || matches!(error.get(), Some(AppError::TooManyRequests { .. }));
    let other = Signal::derive(move || error.get().filter(|_| !over_limit()));
    view! {
        <FormError error=other />
        {move || over_limit().then(|| view! {
            <p class="form-error" role="alert">{move_tr!("error-invitation-limit")}</p>
        })}
    }
}

#[component]
fn InvitationsTable(
    list: Vec<SentInvitation>,
    resend: ServerAction<ResendInvitation>,
    revoke: ServerAction<RevokeInvitation>,
) -> impl IntoView {
    view! {
        <TableFrame label="invitations-sent">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move_tr!("invitations-customer")}</th>
                        <th scope="col">{move_tr!("invitation-relationship-type")}</th>
                        <th scope="col">{move_tr!("leads-status")}</th>
                        <th scope="col">{move_tr!("invitations-sent-at")}</th>
                        <th scope="col">{move_tr!("invitations-expires")}</th>
                        <th scope="col"><span class="visually-hidden">{move_tr!("column-actions")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|invitation| {
                        let id = invitation.invitation_id.to_string();
                        let (resend_id, revoke_id) = (id.clone(), id);
                        let status = invitation.status;
                        let can_resend = matches!(status, InvitationStatus::Pending | InvitationStatus::Expired);
                        let can_revoke = status == InvitationStatus::Pending;
                        let customer = invitation.tenant_name.clone();
                        let resend_label = {
                            let customer = customer.clone();
                            move || tr!("invitation-resend-label", { "customer" => customer.clone() })
                        };
                        let revoke_label = move || tr!("invitation-revoke-label", { "customer" => customer.clone() });
                        view! {
                            <tr>
                                <td>{invitation.tenant_name.clone()}<br /><span class="muted">{invitation.tenant_domain.clone()}</span></td>
                                <td>{move || tr_id(invitation.relationship_type.message_id())}</td>
                                <td>{move || tr_id(status.message_id())}</td>
                                <td><time>{format_date(invitation.sent_at_ms)}</time></td>
                                <td><time>{format_date(invitation.expires_at_ms)}</time></td>
                                <td class="row-actions">
                                    {can_resend.then(|| view! {
                                        <ActionForm action=resend>
                                            <input type="hidden" name="invitation_id" value=resend_id />
                                            <button type="submit" class="button secondary" aria-label=resend_label>{move_tr!("invitation-resend")}</button>
                                        </ActionForm>
                                    })}
                                    {can_revoke.then(|| view! {
                                        <ActionForm action=revoke>
                                            <input type="hidden" name="invitation_id" value=revoke_id />
                                            <button type="submit" class="button secondary" aria-label=revoke_label>{move_tr!("invitation-revoke")}</button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableFrame>
    }
}
