//! The partner's leads inbox (`/leads?status=new&page=2`: 50 at a time, newest first) and a
//! lead's page (`/leads/:id`).

use crate::api::leads::{get_lead, list_leads, UpdateLeadStatus};
use crate::components::error_view::ErrorView;
use crate::components::field::FormError;
use crate::components::page_title::PageTitle;
use crate::components::pager::Pager;
use crate::components::pending::track_pending;
use crate::components::table_frame::TableFrame;
use crate::domain::{format_date, LeadDetail, LeadPage, LeadStatus, LeadSummary};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn LeadsPage() -> impl IntoView {
    let query = use_query_map();
    let status = Memo::new(move |_| query.with(|q| q.get("status").unwrap_or_default()));
    let page = Memo::new(move |_| query.with(|q| q.get("page").unwrap_or_default()));
    let leads = Resource::new(
        move || (status.get(), page.get()),
        |(status, page)| list_leads(status, page),
    );
    view! {
        <PageTitle message="leads-title" />
        <section class="panel">
            <h1>{move_tr!("leads-title")}</h1>
            <Form method="GET" action="/leads" attr:class="inline-form">
                <div class="field">
                    <label for="lead-status-filter">{move_tr!("leads-filter-status")}</label>
                    <select id="lead-status-filter" name="status">
                        <option value="" selected=move || status.get().is_empty()>{move_tr!("leads-filter-all")}</option>
                        {LeadStatus::ALL.map(|s| view! {
                            <option value=s.as_db() selected=move || status.get() == s.as_db()>{move || tr_id(s.message_id())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{move_tr!("leads-filter-apply")}</button>
            </Form>
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || leads.get().map(|result| match result {
                    Ok(page) if page.total == 0 => view! { <p>{move_tr!("leads-empty")}</p> }.into_any(),
                    Ok(page) => view! {
                        <p role="status">{move || tr!("leads-count", { "count" => page.total })}</p>
                        <LeadsTable leads=page.leads.clone() />
                        <LeadPager page />
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Previous and next pages of the same filter.
#[component]
fn LeadPager(page: LeadPage) -> impl IntoView {
    let status = page.query.status;
    let href = move |to: i64| {
        let mut address = form_urlencoded::Serializer::new(String::new());
        if let Some(status) = status {
            address.append_pair("status", status.as_db());
        }
        address.append_pair("page", &to.to_string());
        format!("/leads?{}", address.finish())
    };
    view! { <Pager label="leads-pages" page=page.query.page pages=page.page_count() href /> }
}

#[component]
fn LeadsTable(leads: Vec<LeadSummary>) -> impl IntoView {
    view! {
        <TableFrame label="leads-title">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move_tr!("leads-company")}</th>
                        <th scope="col">{move_tr!("contact-name")}</th>
                        <th scope="col">{move_tr!("search-country")}</th>
                        <th scope="col">{move_tr!("leads-status")}</th>
                        <th scope="col">{move_tr!("leads-received")}</th>
                    </tr>
                </thead>
                <tbody>
                    {leads.into_iter().map(|lead| view! {
                        <tr>
                            <td><A href=format!("/leads/{}", lead.lead_id)>{lead.company}</A></td>
                            <td>{lead.contact_name}</td>
                            <td>{move || crate::i18n::country(lead.country)}</td>
                            <td>{move || tr_id(lead.status.message_id())}</td>
                            <td><time>{format_date(lead.received_at_ms)}</time></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableFrame>
    }
}

#[component]
pub fn LeadPage() -> impl IntoView {
    let params = use_params_map();
    let lead_id = Memo::new(move |_| {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    });
    let update = ServerAction::<UpdateLeadStatus>::new();
    track_pending(update.pending().into());
    let lead = Resource::new(
        move || (lead_id.get(), update.version().get()),
        |(id, _)| get_lead(id),
    );
    view! {
        <PageTitle message="lead-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || lead.get().map(|result| match result {
                Ok(lead) => view! { <LeadView lead update /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn LeadView(lead: LeadDetail, update: ServerAction<UpdateLeadStatus>) -> impl IntoView {
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let status = lead.status;
    let actions = [
        (LeadStatus::Contacted, "lead-mark-contacted"),
        (LeadStatus::Closed, "lead-mark-closed"),
    ]
    .into_iter()
    .filter(|(next, _)| status.can_become(*next))
    .map(|(next, label)| {
        view! {
            <ActionForm action=update>
                <input type="hidden" name="lead_id" value=lead.lead_id.to_string() />
                <input type="hidden" name="status" value=next.as_db() />
                <button type="submit" class="button secondary">{move || tr_id(label)}</button>
            </ActionForm>
        }
    })
    .collect_view();
    let country = lead.country;
    let invite_href = {
        let mut query = vec![("lead".to_owned(), lead.lead_id.to_string())];
        query.extend(
            lead.tenant_domain
                .clone()
                .map(|domain| ("domain".to_owned(), domain)),
        );
        format!(
            "/invitations{}",
            leptos_router::params::ParamsMap::from_iter(query).to_query_string()
        )
    };
    view! {
        <section class="panel">
            <p><A href="/leads">{move_tr!("lead-back")}</A></p>
            <h1>{lead.company.clone()}</h1>
            <p class="status-line">{move || tr!("lead-status-line", { "status" => tr_id(status.message_id()) })}</p>
            <FormError error />
            <div class="actions">
                {actions}
                <A href=invite_href attr:class="button">{move_tr!("invitation-send")}</A>
            </div>
            <h2>{move_tr!("contact-business-needs")}</h2>
            <p class="business-needs">{lead.business_needs.clone()}</p>
            <dl class="details">
                <dt>{move_tr!("contact-name")}</dt><dd>{lead.contact_name.clone()}</dd>
                <dt>{move_tr!("field-email")}</dt><dd><a href=format!("mailto:{}", lead.email)>{lead.email.clone()}</a></dd>
                <dt>{move_tr!("contact-phone")}</dt><dd>{lead.phone.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                <dt>{move_tr!("search-size")}</dt><dd>{lead.size.label()}</dd>
                <dt>{move_tr!("search-country")}</dt><dd>{move || crate::i18n::country(country)}</dd>
                <dt>{move_tr!("search-city")}</dt><dd>{lead.city.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                <dt>{move_tr!("lead-tenant-domain")}</dt><dd>{lead.tenant_domain.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                <dt>{move_tr!("leads-received")}</dt><dd><time>{format_date(lead.received_at_ms)}</time></dd>
            </dl>
        </section>
    }
}
