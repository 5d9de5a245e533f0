//! Support incidents: open one, comment, close.

use super::TenantActions;
use crate::api::tenant_admin::incidents::UpdateIncident;
use crate::components::action::successes;
use crate::components::field::{Field, FieldMessage, FormError};
use crate::components::pending::track_pending;
use crate::domain::{format_date, Incident, IncidentStatus, Power, TenantOverview};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;

#[component]
pub fn IncidentsArea(
    overview: TenantOverview,
    incidents: Vec<Incident>,
    actions: TenantActions,
) -> impl IntoView {
    let tenant_id = overview.tenant_id.get();
    let open = actions.open_incident;
    // Bumped by an incident's own form when its update went through.
    let updated = actions.row_changed;
    let may_manage = overview.may(Power::ManageIncidents);
    let open_error = Signal::derive(move || open.value().get().and_then(Result::err));
    view! {
        {may_manage.then(|| view! {
            <section class="panel">
                <h2>{move_tr!("open-incident")}</h2>
                <ActionForm action=open>
                    <FormError error=open_error />
                    <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                    <Field name="title" label="incident-title" required=true error=open_error />
                    <div class="field">
                        <label for="incident-description">{move_tr!("incident-description")}</label>
                        <textarea id="incident-description" name="description" rows="4" required maxlength="4000"></textarea>
                        <FieldMessage field="description" error=open_error />
                    </div>
                    <button type="submit" class="button">{move_tr!("open-incident")}</button>
                </ActionForm>
            </section>
        })}
        <section class="panel">
            <h2>{move_tr!("area-incidents")}</h2>
            {if incidents.is_empty() {
                view! { <p>{move_tr!("incidents-empty")}</p> }.into_any()
            } else {
                incidents.into_iter().map(|incident| view! {
                    <IncidentView incident tenant_id may_manage updated />
                }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn IncidentView(
    incident: Incident,
    tenant_id: i64,
    may_manage: bool,
    updated: RwSignal<usize>,
) -> impl IntoView {
    // Each incident has its own form and answer; the list reloads only after a success.
    let update = ServerAction::<UpdateIncident>::new();
    track_pending(update.pending().into());
    let done = successes(update);
    Effect::new(move |previous: Option<usize>| {
        let now = done.get();
        if previous.is_some_and(|previous| previous != now) {
            updated.update(|count| *count += 1);
        }
        now
    });
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let status = match incident.status {
        IncidentStatus::Open => "incident-open",
        IncidentStatus::Closed => "incident-closed",
    };
    let is_open = incident.status == IncidentStatus::Open;
    let field_id = format!("comment-{}", incident.incident_id);
    let opened = format_date(incident.opened_at_ms);
    let by = match &incident.partner_name {
        Some(partner) => format!("{} ({partner})", incident.opened_by),
        None => incident.opened_by.clone(),
    };
    view! {
        <article class="incident">
            <h3>{incident.title.clone()}" · "{move || tr_id(status)}</h3>
            <p class="muted">{move || tr!("incident-opened-by", { "name" => by.clone(), "date" => opened.clone() })}</p>
            <ul class="plain-list">
                {incident.comments.into_iter().map(|comment| {
                    let author = match comment.partner_name {
                        Some(partner) => format!("{} ({partner})", comment.author),
                        None => comment.author,
                    };
                    view! { <li><strong>{author}</strong>" · "<time>{format_date(comment.created_at_ms)}</time><p class="business-needs">{comment.body}</p></li> }
                }).collect_view()}
            </ul>
            {(may_manage && is_open).then(|| view! {
                <ActionForm action=update>
                    <FormError error />
                    <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                    <input type="hidden" name="incident_id" value=incident.incident_id.to_string() />
                    <div class="field">
                        <label for=field_id.clone()>{move_tr!("incident-comment")}</label>
                        <textarea id=field_id.clone() name="comment" rows="2" maxlength="4000"></textarea>
                        <FieldMessage field="comment" error />
                    </div>
                    <div class="field checkbox">
                        <input id=format!("{field_id}-close") name="close" type="checkbox" value="on" />
                        <label for=format!("{field_id}-close")>{move_tr!("incident-close")}</label>
                    </div>
                    <button type="submit" class="button secondary">{move_tr!("incident-update")}</button>
                </ActionForm>
            })}
        </article>
    }
}
