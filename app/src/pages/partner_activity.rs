//! Partner activity (`/settings/partner-activity?partner=3&from=2026-11-01`): what every
//! partner's agents did in the tenant and every change to its partner relationships, newest
//! first, filtered by a plain GET form (so it works before the WebAssembly, and every view has
//! an address to share), paged by the timeline's own links, exported as CSV.

use crate::api::activity::{partner_activity, partner_activity_filters};
use crate::components::error_view::ErrorView;
use crate::components::field::FieldMessage;
use crate::components::page_title::PageTitle;
use crate::components::table_frame::TableFrame;
use crate::domain::{
    format_timestamp, ActivityAgent, ActivityCursor, ActivityEntry, ActivityOption, ActivityPage,
    AuditAction,
};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The filters of the page's address, as typed (the server reads them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Filters {
    partner: String,
    agent: String,
    action: String,
    from: String,
    to: String,
}

impl Filters {
    /// The address's query for these filters (and a position, if any): empty ones left out.
    fn query(&self, position: Option<(&str, ActivityCursor)>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("partner", &self.partner),
            ("agent", &self.agent),
            ("action", &self.action),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        if let Some((name, cursor)) = position {
            query.append_pair(name, &cursor.to_param());
        }
        query.finish()
    }

    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

#[component]
pub fn PartnerActivityPage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        query.with(|q| Filters {
            partner: q.get("partner").unwrap_or_default(),
            agent: q.get("agent").unwrap_or_default(),
            action: q.get("action").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    });
    let position = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get("before").unwrap_or_default(),
                q.get("after").unwrap_or_default(),
            )
        })
    });
    let options = Resource::new(|| (), |_| partner_activity_filters());
    let page = Resource::new(
        move || (filters.get(), position.get()),
        |(f, (before, after))| {
            partner_activity(f.partner, f.agent, f.action, f.from, f.to, before, after)
        },
    );
    let error = Signal::derive(move || page.get().and_then(Result::err));
    view! {
        <PageTitle message="activity-title" />
        <section class="panel">
            <h1>{move_tr!("activity-title")}</h1>
            <p>{move_tr!("activity-intro")}</p>
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || options.get().map(|result| match result {
                    Ok(options) => view! {
                        <FilterForm filters=filters.get() partners=options.partners agents=options.agents error />
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) => view! { <Timeline page filters=filters.get() /> }.into_any(),
                    // Shown beside the filters.
                    Err(AppError::Validation(_)) => ().into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The filters, as a GET form of the page's own address.
#[component]
fn FilterForm(
    filters: Filters,
    partners: Vec<ActivityOption>,
    agents: Vec<ActivityOption>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let refused = move |field: &'static str| {
        error
            .get()
            .is_some_and(|e| e.field_message(field).is_some())
    };
    let invalid = move |field: &'static str| move || refused(field).to_string();
    let described =
        move |field: &'static str| move || refused(field).then(|| format!("field-{field}-error"));
    // The agents of one partner together, the tenant's own admins first.
    let mut groups: Vec<(Option<String>, Vec<ActivityOption>)> = Vec::new();
    for agent in agents {
        match groups.last_mut() {
            Some((group, members)) if *group == agent.group => members.push(agent),
            _ => groups.push((agent.group.clone(), vec![agent])),
        }
    }
    let chosen_partner = filters.partner.clone();
    let chosen_agent = filters.agent.clone();
    let chosen_action = filters.action.clone();
    view! {
        <form method="get" action="/settings/partner-activity" class="filters" role="search"
            aria-label=move_tr!("activity-filters")>
            <div class="field">
                <label for="activity-partner">{move_tr!("column-partner")}</label>
                <select id="activity-partner" name="partner" aria-invalid=invalid("partner")
                    aria-describedby=described("partner")>
                    <option value="">{move_tr!("activity-any-partner")}</option>
                    {partners.into_iter().map(|partner| {
                        let selected = partner.id.to_string() == chosen_partner;
                        view! { <option value=partner.id.to_string() selected=selected>{partner.name}</option> }
                    }).collect_view()}
                </select>
                <FieldMessage field="partner" error />
            </div>
            <div class="field">
                <label for="activity-agent">{move_tr!("activity-agent")}</label>
                <select id="activity-agent" name="agent" aria-invalid=invalid("agent")
                    aria-describedby=described("agent")>
                    <option value="">{move_tr!("activity-any-agent")}</option>
                    {groups.into_iter().map(|(group, members)| {
                        let chosen_agent = chosen_agent.clone();
                        let label = move || group.clone().unwrap_or_else(|| tr_id("activity-your-organization"));
                        view! {
                            <optgroup label=label>
                                {members.into_iter().map(|agent| {
                                    let selected = agent.id.to_string() == chosen_agent;
                                    view! { <option value=agent.id.to_string() selected=selected>{agent.name}</option> }
                                }).collect_view()}
                            </optgroup>
                        }
                    }).collect_view()}
                </select>
                <FieldMessage field="agent" error />
            </div>
            <div class="field">
                <label for="activity-action">{move_tr!("column-action")}</label>
                <select id="activity-action" name="action" aria-invalid=invalid("action")
                    aria-describedby=described("action")>
                    <option value="">{move_tr!("activity-any-action")}</option>
                    {AuditAction::ALL.into_iter().map(|action| {
                        let selected = action.as_db() == chosen_action;
                        let label = action.message_id();
                        view! { <option value=action.as_db() selected=selected>{move || tr_id(&label)}</option> }
                    }).collect_view()}
                </select>
                <FieldMessage field="action" error />
            </div>
            <div class="field">
                <label for="activity-from">{move_tr!("activity-from")}</label>
                <input id="activity-from" name="from" type="date" value=filters.from.clone()
                    aria-invalid=invalid("from") aria-describedby=described("from") />
                <FieldMessage field="from" error />
            </div>
            <div class="field">
                <label for="activity-to">{move_tr!("activity-to")}</label>
                <input id="activity-to" name="to" type="date" value=filters.to.clone()
                    aria-invalid=invalid("to") aria-describedby=described("to") />
                <FieldMessage field="to" error />
            </div>
            <div class="actions">
                <button type="submit" class="button">{move_tr!("activity-apply")}</button>
                {(!filters.is_empty()).then(|| view! {
                    <a class="button secondary" href="/settings/partner-activity">{move_tr!("activity-clear")}</a>
                })}
            </div>
        </form>
    }
}

/// One page of events, its links to the pages beside it, and the export of the whole filter.
#[component]
fn Timeline(page: ActivityPage, filters: Filters) -> impl IntoView {
    let href = {
        let filters = filters.clone();
        move |position: Option<(&str, ActivityCursor)>| {
            format!("/settings/partner-activity?{}", filters.query(position))
        }
    };
    let newest = href(None);
    let newer = page.newer.map(|cursor| href(Some(("after", cursor))));
    let older = page.older.map(|cursor| href(Some(("before", cursor))));
    let at_newest = page.newer.is_none();
    let export = format!("/settings/partner-activity.csv?{}", filters.query(None));
    let unfiltered = filters.is_empty();
    view! {
        {if page.entries.is_empty() {
            view! { <p role="status">{move || if unfiltered { tr!("activity-empty") } else { tr!("activity-none-found") }}</p> }.into_any()
        } else {
            view! { <ActivityTable entries=page.entries label="activity-title" /> }.into_any()
        }}
        <nav class="pager" aria-label=move_tr!("pager-label")>
            {(!at_newest).then(|| view! { <a href=newest>{move_tr!("activity-newest")}</a> })}
            {newer.map(|href| view! { <a href=href rel="prev">{move_tr!("activity-newer")}</a> })}
            {older.map(|href| view! { <a href=href rel="next">{move_tr!("activity-older")}</a> })}
        </nav>
        <p><a href=export download="">{move_tr!("activity-export")}</a></p>
    }
}

/// Events as a table: when, who (and for whom), which partner, what, on what.
#[component]
pub fn ActivityTable(entries: Vec<ActivityEntry>, label: &'static str) -> impl IntoView {
    view! {
        <TableFrame label>
            <table>
                <thead><tr>
                    <th scope="col">{move_tr!("column-when")}</th>
                    <th scope="col">{move_tr!("activity-agent")}</th>
                    <th scope="col">{move_tr!("column-partner")}</th>
                    <th scope="col">{move_tr!("column-action")}</th>
                    <th scope="col">{move_tr!("column-target")}</th>
                </tr></thead>
                <tbody>
                    {entries.into_iter().map(|entry| view! { <ActivityRow entry /> }).collect_view()}
                </tbody>
            </table>
        </TableFrame>
    }
}

#[component]
fn ActivityRow(entry: ActivityEntry) -> impl IntoView {
    let when = format_timestamp(entry.occurred_at_ms());
    let action = AuditAction::from_db(&entry.action).map(AuditAction::message_id);
    let stored = entry.action.clone();
    let (agent, organization) = match entry.agent {
        ActivityAgent::Partner { name, partner } => (Some(name), Some(partner)),
        ActivityAgent::Customer { name } => (Some(name), None),
        ActivityAgent::Automatic => (None, None),
    };
    let is_person = agent.is_some();
    view! {
        <tr>
            <td><time datetime=when.clone()>{when.replace('T', " ").replace('Z', " UTC")}</time></td>
            <td>
                {match agent {
                    Some(name) => view! { {name} }.into_any(),
                    None => view! { {move_tr!("activity-automatic")} }.into_any(),
                }}
                {is_person.then(|| {
                    let organization = organization.clone();
                    view! {
                        <br />
                        <span class="muted">{move || organization.clone().unwrap_or_else(|| tr_id("activity-your-organization"))}</span>
                    }
                })}
            </td>
            <td>{match entry.partner {
                Some(partner) => view! { {partner} }.into_any(),
                None => view! { {move_tr!("activity-every-partner")} }.into_any(),
            }}</td>
            <td>{move || action.as_deref().map(tr_id).unwrap_or_else(|| stored.clone())}</td>
            <td>{entry.target}</td>
        </tr>
    }
}
