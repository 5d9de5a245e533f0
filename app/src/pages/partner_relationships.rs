//! Settings > Partner relationships (`/settings/partner-relationships`): the partners the
//! tenant works with — relationship type, admin roles, agreement status, since — sortable and
//! filterable by type (`?type=reseller&sort=since&order=desc`), each row opening the partner
//! page; above them, the invitations waiting for an answer and, while the tenant has not
//! accepted the Customer Agreement in force, a banner naming the partners it blocks.

use crate::api::lockdown::{EndPartnerLockdown, RevokeAllPartnerAccess};
use crate::api::relationships::list_partner_relationships;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::components::partner_lockdown::{LockdownBanner, RevokeAllAccess};
use crate::components::pending::track_pending;
use crate::components::table_frame::TableFrame;
use crate::domain::{
    format_date, AccessStatus, AdminRelationship, AgreementStatus, DelegatedRole,
    PartnerRelationship, PendingInvitation, RelationshipType, RoleState, TenantRelationships,
};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_navigate, use_query_map};

/// How the table is ordered and filtered, from the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
struct View {
    kind: Option<RelationshipType>,
    sort: &'static str,
    descending: bool,
}

impl View {
    const SORTS: [&'static str; 3] = ["partner", "type", "since"];

    fn apply(&self, mut rows: Vec<PartnerRelationship>) -> Vec<PartnerRelationship> {
        if let Some(kind) = self.kind {
            rows.retain(|row| row.types.contains(kind));
        }
        match self.sort {
            "type" => rows.sort_by_key(|row| row.types.shown()),
            "since" => rows.sort_by_key(|row| row.since_ms),
            _ => rows.sort_by_key(|row| row.partner_name.to_lowercase()),
        }
        if self.descending {
            rows.reverse();
        }
        rows
    }

    /// The link that sorts by `column` (flipping the order when it already does).
    fn sort_href(&self, column: &str) -> String {
        let order = if self.sort == column && !self.descending {
            "desc"
        } else {
            "asc"
        };
        let kind = self
            .kind
            .map(|k| format!("&type={}", k.as_db()))
            .unwrap_or_default();
        format!("/settings/partner-relationships?sort={column}&order={order}{kind}")
    }

    fn aria_sort(&self, column: &str) -> &'static str {
        match (self.sort == column, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

#[component]
pub fn PartnerRelationshipsPage() -> impl IntoView {
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        if q.get("accepted").is_some() {
            Some("invitation-accepted-notice")
        } else if q.get("agreement").is_some() {
            Some("agreement-accepted-notice")
        } else if q.get("ended").is_some() {
            Some("end-partner-relationship-done")
        } else {
            None
        }
    });
    let view_of_url = Memo::new(move |_| {
        query.with(|q| View {
            kind: q.get("type").as_deref().and_then(RelationshipType::from_db),
            sort: View::SORTS
                .into_iter()
                .find(|s| q.get("sort").as_deref() == Some(*s))
                .unwrap_or("partner"),
            descending: q.get("order").as_deref() == Some("desc"),
        })
    });
    let access_status = Memo::new(move |_| {
        query.with(|q| {
            q.get("status")
                .as_deref()
                .and_then(AccessStatus::from_param)
        })
    });
    let confirming_revoke =
        Memo::new(move |_| query.with(|q| q.get("confirm").as_deref() == Some("revoke-all")));
    let revoke = ServerAction::<RevokeAllPartnerAccess>::new();
    let end_lockdown = ServerAction::<EndPartnerLockdown>::new();
    track_pending(Signal::derive(move || {
        revoke.pending().get() || end_lockdown.pending().get()
    }));
    // Read again once a revocation succeeds (a refused one leaves the form as typed).
    let revoked = Memo::new(move |count: Option<&usize>| {
        let count = count.copied().unwrap_or(0);
        if matches!(revoke.value().get(), Some(Ok(()))) {
            count + 1
        } else {
            count
        }
    });
    let relationships = Resource::new(
        move || (revoked.get(), end_lockdown.version().get()),
        |_| list_partner_relationships(),
    );
    view! {
        <PageTitle message="partner-relationships-title" />
        <Transition fallback=move || view! { <p class="panel">{move_tr!("loading")}</p> }>
            {move || relationships.get().map(|result| match result {
                Ok(tenant) => {
                    let since = tenant.lockdown_since_ms;
                    view! {
                        <LockdownBanner since end=end_lockdown />
                        <Relationships tenant notice view=view_of_url access_status />
                        {since.is_none().then(|| view! { <RevokeAllAccess revoke confirming=confirming_revoke.get() /> })}
                    }.into_any()
                }
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Relationships(
    tenant: TenantRelationships,
    notice: Option<&'static str>,
    view: Memo<View>,
    access_status: Memo<Option<AccessStatus>>,
) -> impl IntoView {
    let TenantRelationships {
        relationships,
        pending_invitations,
        agreement,
        ..
    } = tenant;
    // Those the agreement holds back: partners that would buy or manage subscriptions.
    let blocked: Vec<String> = if agreement.accepted_current() {
        Vec::new()
    } else {
        relationships
            .iter()
            .filter(|r| r.waits_for_agreement())
            .map(|r| r.partner_name.clone())
            .collect()
    };
    let all = relationships.clone();
    let with_access = relationships.clone();
    let rows = move || view.get().apply(all.clone());
    let empty = relationships.is_empty();
    view! {
        <section class="panel">
            <h1>{move_tr!("partner-relationships-title")}</h1>
            {notice.map(|notice| view! {
                <p class="form-success" role="status">{move || tr_id(notice)}</p>
            })}
            <AgreementBanner blocked />
            <PendingInvitations pending=pending_invitations />
            {if empty {
                view! { <p>{move_tr!("partner-relationships-empty")}</p> }.into_any()
            } else {
                view! {
                    <TypeFilter view />
                    <RelationshipsTable rows=Signal::derive(rows) agreement view />
                }.into_any()
            }}
        </section>
        {(!empty).then(|| view! { <AdminAccessList relationships=with_access status=access_status /> })}
    }
}

/// Every admin relationship, under its partner: name, roles, status and end date, filtered by
/// status (`?status=expired`). Those over stay listed as history.
#[component]
fn AdminAccessList(
    relationships: Vec<PartnerRelationship>,
    status: Memo<Option<AccessStatus>>,
) -> impl IntoView {
    let current = move || status.get().map(AccessStatus::as_param).unwrap_or("");
    let partners = move || {
        let wanted = status.get();
        relationships
            .iter()
            .map(|partner| {
                let shown: Vec<AdminRelationship> = partner
                    .admin_relationships
                    .iter()
                    .filter(|access| wanted.is_none_or(|wanted| access.status == wanted))
                    .cloned()
                    .collect();
                (
                    partner.partner_id.get(),
                    partner.partner_name.clone(),
                    shown,
                )
            })
            .filter(|(_, _, shown)| !shown.is_empty())
            .collect::<Vec<_>>()
    };
    view! {
        <section class="panel" aria-labelledby="admin-access-heading">
            <h2 id="admin-access-heading">{move_tr!("access-relationships")}</h2>
            <Form method="GET" action="/settings/partner-relationships" attr:class="inline-form">
                <div class="field">
                    <label for="access-status-filter">{move_tr!("access-filter-status")}</label>
                    <select id="access-status-filter" name="status">
                        <option value="" selected=move || current().is_empty()>{move_tr!("access-filter-all")}</option>
                        {AccessStatus::ALL.map(|option| view! {
                            <option value=option.as_param() selected=move || current() == option.as_param()>{move || tr_id(option.message_id())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{move_tr!("access-filter-apply")}</button>
            </Form>
            {move || {
                let partners = partners();
                if partners.is_empty() {
                    return view! { <p>{move_tr!("access-none")}</p> }.into_any();
                }
                partners.into_iter().map(|(partner_id, partner, shown)| {
                    let heading = format!("access-of-{partner_id}");
                    let (frame_label, table_label) = (heading.clone(), heading.clone());
                    view! {
                        <h3 id=heading><A href=format!("/settings/partner-relationships/{partner_id}")>{partner}</A></h3>
                        // A frame of its own, named by its heading (see `TableFrame`).
                        <div class="table-frame" role="region" tabindex="0" aria-labelledby=frame_label>
                            <table aria-labelledby=table_label>
                                <thead><tr>
                                    <th scope="col">{move_tr!("access-name")}</th>
                                    <th scope="col">{move_tr!("access-roles-approved")}</th>
                                    <th scope="col">{move_tr!("access-filter-status")}</th>
                                    <th scope="col">{move_tr!("access-ends")}</th>
                                </tr></thead>
                                <tbody>
                                    {shown.into_iter().map(|access| view! { <AccessRow access /> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn AccessRow(access: AdminRelationship) -> impl IntoView {
    let status = access.status;
    let roles: Vec<DelegatedRole> = access
        .roles
        .iter()
        .filter(|role| role.state == RoleState::Granted)
        .map(|role| role.role)
        .collect();
    let shown_roles = move || crate::i18n::roles(roles.iter().map(|r| r.message_id()));
    view! {
        <tr>
            <th scope="row">{access.name.clone()}</th>
            <td>{shown_roles}</td>
            <td>{move || tr_id(status.message_id())}</td>
            <td>{access.ends_at_ms.map(|ends| view! { <time>{format_date(ends)}</time> })}</td>
        </tr>
    }
}

/// While the tenant has not accepted the agreement in force, the partners it blocks.
#[component]
fn AgreementBanner(blocked: Vec<String>) -> impl IntoView {
    (!blocked.is_empty()).then(|| {
        let names = blocked.join(", ");
        view! {
            <div class="banner" role="region" aria-label=move_tr!("agreement-banner-label")>
                <p>{move || tr!("agreement-banner", { "partners" => names.clone() })}</p>
                <p><A href="/settings/agreement" attr:class="button">{move_tr!("agreement-accept-link")}</A></p>
            </div>
        }
    })
}

#[component]
fn PendingInvitations(pending: Vec<PendingInvitation>) -> impl IntoView {
    (!pending.is_empty()).then(|| view! {
        <h2>{move_tr!("pending-invitations")}</h2>
        <ul class="pending-invitations">
            {pending.into_iter().map(|invitation| {
                let kind = invitation.relationship_type;
                let expires = format_date(invitation.expires_at_ms);
                let partner = invitation.partner_name.clone();
                view! {
                    <li>
                        <A href=format!("/invitation/{}", invitation.invitation_id)>
                            {move || tr!("pending-invitation-line", {
                                "partner" => partner.clone(),
                                "type" => tr_id(kind.message_id()),
                            })}
                        </A>
                        " "<span class="muted">{move || tr!("pending-invitation-expires", { "date" => expires.clone() })}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

#[component]
fn TypeFilter(view: Memo<View>) -> impl IntoView {
    let current = move || view.get().kind.map(|k| k.as_db()).unwrap_or("");
    view! {
        <Form method="GET" action="/settings/partner-relationships" attr:class="inline-form">
            <input type="hidden" name="sort" value=move || view.get().sort />
            <input type="hidden" name="order" value=move || if view.get().descending { "desc" } else { "asc" } />
            <div class="field">
                <label for="relationship-type-filter">{move_tr!("relationships-filter-type")}</label>
                <select id="relationship-type-filter" name="type">
                    <option value="" selected=move || current().is_empty()>{move_tr!("relationships-filter-all")}</option>
                    {RelationshipType::ALL.map(|kind| view! {
                        <option value=kind.as_db() selected=move || current() == kind.as_db()>{move || tr_id(kind.message_id())}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">{move_tr!("leads-filter-apply")}</button>
        </Form>
    }
}

#[component]
fn RelationshipsTable(
    rows: Signal<Vec<PartnerRelationship>>,
    agreement: AgreementStatus,
    view: Memo<View>,
) -> impl IntoView {
    let agreement_status = if agreement.accepted_current() {
        "agreement-status-accepted"
    } else {
        "agreement-status-not-accepted"
    };
    let header = move |column: &'static str, label: &'static str| {
        view! {
            <th scope="col" aria-sort=move || view.get().aria_sort(column)>
                <A href=move || view.get().sort_href(column)>{move || tr_id(label)}</A>
            </th>
        }
    };
    view! {
        <TableFrame label="relationships-caption">
            <table class="selectable-rows">
                <caption class="visually-hidden">{move_tr!("relationships-caption")}</caption>
                <thead>
                    <tr>
                        {header("partner", "column-partner")}
                        {header("type", "invitation-relationship-type")}
                        <th scope="col">{move_tr!("column-admin-roles")}</th>
                        <th scope="col">{move_tr!("customer-agreement")}</th>
                        {header("since", "column-since")}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let shown = rows.get();
                        if shown.is_empty() {
                            return view! { <tr><td colspan="5">{move_tr!("relationships-none-of-type")}</td></tr> }.into_any();
                        }
                        shown.into_iter().map(|relationship| view! {
                            <RelationshipRow relationship agreement_status />
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
        </TableFrame>
    }
}

/// A row opens the partner page on click, Enter or Space.
#[component]
fn RelationshipRow(
    relationship: PartnerRelationship,
    agreement_status: &'static str,
) -> impl IntoView {
    let navigate = use_navigate();
    let href = format!(
        "/settings/partner-relationships/{}",
        relationship.partner_id
    );
    let open = {
        let href = href.clone();
        move || navigate(&href, Default::default())
    };
    let open_on_key = open.clone();
    let link = href.clone();
    let types = relationship.types;
    let roles = relationship.roles.clone();
    let shown_types = move || crate::i18n::relationship_types(types);
    let shown_roles = move || crate::i18n::roles(roles.iter().map(|r| r.message_id()));
    view! {
        <tr tabindex="0" data-href=href
            // A click on the name's link is that link's (it navigates itself).
            on:click=move |event| if !event.default_prevented() { open() }
            on:keydown=move |event| {
                if event.key() == "Enter" || event.key() == " " {
                    event.prevent_default();
                    open_on_key();
                }
            }>
            // A plain link too: the list works without WebAssembly, and a new tab opens it.
            <th scope="row"><A href=link>{relationship.partner_name.clone()}</A></th>
            <td>{shown_types}</td>
            <td>{shown_roles}</td>
            <td>{move || tr_id(agreement_status)}</td>
            <td><time>{format_date(relationship.since_ms)}</time></td>
        </tr>
    }
}
