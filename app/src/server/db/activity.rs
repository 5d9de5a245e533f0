//! The partner activity timeline, read from the audit log: the events of one tenant that
//! concern a partner (or every partner), newest first, under a filter, by keyset. Each filter
//! the page offers leads one of the log's indexes (migration 0016), so a page reads its own
//! rows and no others, however deep it is.

use crate::domain::{
    ActivityAgent, ActivityCursor, ActivityEntry, ActivityFilter, ActivityOption, ActivityPosition,
    AuditAction, TenantId,
};
use sqlx::{AnyPool, FromRow};

/// One page of the timeline, with where the pages beside it start.
#[derive(Debug)]
pub struct Slice {
    pub entries: Vec<ActivityEntry>,
    pub newer: Option<ActivityCursor>,
    pub older: Option<ActivityCursor>,
}

/// At most `size` events from `position`, newest first.
pub async fn slice(
    pool: &AnyPool,
    tenant_id: TenantId,
    filter: &ActivityFilter,
    position: ActivityPosition,
    size: i64,
) -> Result<Slice, sqlx::Error> {
    let mut entries = events(pool, tenant_id, filter, position, size + 1).await?;
    let more = entries.len() as i64 > size;
    entries.truncate(size.max(0) as usize);
    if matches!(position, ActivityPosition::Newer(_)) {
        entries.reverse();
    }
    let first = entries.first().map(|entry| entry.cursor);
    let last = entries.last().map(|entry| entry.cursor);
    let (newer, older) = match position {
        ActivityPosition::Newest => (None, last.filter(|_| more)),
        // The event the page started after is newer than all of it.
        ActivityPosition::Older(_) => (first, last.filter(|_| more)),
        ActivityPosition::Newer(_) => (first.filter(|_| more), last),
    };
    Ok(Slice {
        entries,
        newer,
        older,
    })
}

/// A value bound to the timeline's query, in the order its placeholders are numbered.
enum Bound {
    Int(i64),
    Text(&'static str),
}

#[derive(FromRow)]
struct EventRow {
    audit_event_id: i64,
    occurred_at: i64,
    action: String,
    target: String,
    actor_user_id: Option<i64>,
    agent_name: Option<String>,
    agent_partner: Option<String>,
    partner_name: Option<String>,
}

/// At most `limit` events from `position`: newest first, except towards newer events
/// (`Newer`), which come oldest first.
pub async fn events(
    pool: &AnyPool,
    tenant_id: TenantId,
    filter: &ActivityFilter,
    position: ActivityPosition,
    limit: i64,
) -> Result<Vec<ActivityEntry>, sqlx::Error> {
    let mut bound = vec![Bound::Int(tenant_id.get())];
    let mut placeholder = |value: Bound| {
        bound.push(value);
        format!("${}", bound.len())
    };
    let tenant_wide = AuditAction::TENANT_WIDE
        .iter()
        .map(|action| placeholder(Bound::Text(action.as_db())))
        .collect::<Vec<_>>()
        .join(", ");
    // The tenant's own business (its admins managing its users) is not partner activity.
    let mut conditions = vec![
        "e.tenant_id = $1".to_owned(),
        format!("(e.partner_id is not null or e.action in ({tenant_wide}))"),
    ];
    if let Some(partner) = filter.partner {
        conditions.push(format!(
            "e.partner_id = {}",
            placeholder(Bound::Int(partner.get()))
        ));
    }
    if let Some(agent) = filter.agent {
        conditions.push(format!(
            "e.actor_user_id = {}",
            placeholder(Bound::Int(agent.get()))
        ));
    }
    if let Some(action) = filter.action {
        conditions.push(format!(
            "e.action = {}",
            placeholder(Bound::Text(action.as_db()))
        ));
    }
    if let Some(from) = filter.from_ms {
        conditions.push(format!(
            "e.occurred_at >= {}",
            placeholder(Bound::Int(from))
        ));
    }
    if let Some(until) = filter.until_ms {
        conditions.push(format!(
            "e.occurred_at < {}",
            placeholder(Bound::Int(until))
        ));
    }
    // The first comparison bounds the index range; the second breaks ties within a millisecond.
    let order = match position {
        ActivityPosition::Newest => "desc",
        ActivityPosition::Older(cursor) => {
            let at = placeholder(Bound::Int(cursor.occurred_at_ms));
            let id = placeholder(Bound::Int(cursor.event_id));
            conditions.push(format!(
                "e.occurred_at <= {at} and (e.occurred_at < {at} or e.audit_event_id < {id})"
            ));
            "desc"
        }
        ActivityPosition::Newer(cursor) => {
            let at = placeholder(Bound::Int(cursor.occurred_at_ms));
            let id = placeholder(Bound::Int(cursor.event_id));
            conditions.push(format!(
                "e.occurred_at >= {at} and (e.occurred_at > {at} or e.audit_event_id > {id})"
            ));
            "asc"
        }
    };
    let limit = placeholder(Bound::Int(limit));
    let sql = format!(
        "select e.audit_event_id, e.occurred_at, e.action, e.target, e.actor_user_id,
                u.display_name as agent_name, ap.name as agent_partner, p.name as partner_name
         from audit_event e
         left join app_user u on u.user_id = e.actor_user_id
         left join partner ap on ap.partner_id = u.partner_id
         left join partner p on p.partner_id = e.partner_id
         where {}
         order by e.occurred_at {order}, e.audit_event_id {order}
         limit {limit}",
        conditions.join(" and ")
    );
    let mut query = sqlx::query_as::<_, EventRow>(&sql);
    for value in bound {
        query = match value {
            Bound::Int(value) => query.bind(value),
            Bound::Text(value) => query.bind(value),
        };
    }
    let rows = query.fetch_all(pool).await?;
    Ok(rows.into_iter().map(entry).collect())
}

fn entry(row: EventRow) -> ActivityEntry {
    let agent = match (row.actor_user_id, row.agent_name, row.agent_partner) {
        (None, _, _) => ActivityAgent::Automatic,
        (Some(_), name, Some(partner)) => ActivityAgent::Partner {
            name: name.unwrap_or_default(),
            partner,
        },
        (Some(_), name, None) => ActivityAgent::Customer {
            name: name.unwrap_or_default(),
        },
    };
    ActivityEntry {
        cursor: ActivityCursor {
            occurred_at_ms: row.occurred_at,
            event_id: row.audit_event_id,
        },
        agent,
        partner: row.partner_name,
        action: row.action,
        target: row.target,
    }
}

/// The partners the tenant has dealt with (related now or once, or invited by), by name: the
/// timeline's partner filter.
pub async fn partners(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<ActivityOption>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "select p.partner_id, p.name from partner p
         where p.partner_id in (select partner_id from relationship where tenant_id = $1
                                union select partner_id from invitation where tenant_id = $1)
         order by p.name, p.partner_id",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| ActivityOption {
            id,
            name,
            group: None,
        })
        .collect())
}

/// Who can appear in the timeline as having acted: the tenant's Global and Billing admins
/// first, then every agent of the partners it has dealt with, by partner.
pub async fn agents(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<ActivityOption>, sqlx::Error> {
    let own: Vec<(i64, String)> = sqlx::query_as(
        "select u.user_id, u.display_name from app_user u
         where u.tenant_id = $1 and exists (
             select 1 from user_admin_role r
             where r.user_id = u.user_id and r.role in ('global_admin', 'billing_admin'))
         order by u.display_name, u.user_id",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    let partners: Vec<(i64, String, String)> = sqlx::query_as(
        "select u.user_id, u.display_name, p.name from app_user u
         join partner p on p.partner_id = u.partner_id
         where u.partner_id in (select partner_id from relationship where tenant_id = $1
                                union select partner_id from invitation where tenant_id = $1)
         order by p.name, p.partner_id, u.display_name, u.user_id",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    Ok(own
        .into_iter()
        .map(|(id, name)| ActivityOption {
            id,
            name,
            group: None,
        })
        .chain(
            partners
                .into_iter()
                .map(|(id, name, partner)| ActivityOption {
                    id,
                    name,
                    group: Some(partner),
                }),
        )
        .collect())
}
