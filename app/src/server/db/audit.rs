//! The append-only audit log: every privileged change, and every partner action inside a
//! tenant. Written in the transaction of the change it records.

use crate::domain::{AuditEntry, PartnerId, TenantId, UserId};
use sqlx::AnyConnection;

pub struct AuditEvent<'a> {
    pub tenant_id: Option<TenantId>,
    pub actor: Option<UserId>,
    /// The partner the actor works for, when a partner acted.
    pub partner_id: Option<PartnerId>,
    /// A dotted name such as `invitation.accepted`.
    pub action: &'a str,
    /// What was acted on, such as `invitation:17`.
    pub target: String,
}

pub async fn record(
    tx: &mut AnyConnection,
    event: AuditEvent<'_>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into audit_event (occurred_at, tenant_id, actor_user_id, partner_id, action, target)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now_ms)
    .bind(event.tenant_id.map(TenantId::get))
    .bind(event.actor.map(UserId::get))
    .bind(event.partner_id.map(PartnerId::get))
    .bind(event.action)
    .bind(event.target)
    .execute(tx)
    .await
    .map(|_| ())
}

/// The partner's actions inside the tenant, newest first.
pub async fn partner_actions(
    pool: &sqlx::AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows: Vec<(i64, Option<String>, String, String)> = sqlx::query_as(
        "select e.occurred_at, u.display_name, e.action, e.target
         from audit_event e left join app_user u on u.user_id = e.actor_user_id
         where e.tenant_id = $1 and e.partner_id = $2
         order by e.occurred_at desc, e.audit_event_id desc
         limit $3 offset $4",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(occurred_at_ms, actor, action, target)| AuditEntry {
            occurred_at_ms,
            actor: actor.unwrap_or_default(),
            action,
            target,
        })
        .collect())
}

pub async fn count_partner_actions(
    pool: &sqlx::AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from audit_event where tenant_id = $1 and partner_id = $2")
        .bind(tenant_id.get())
        .bind(partner_id.get())
        .fetch_one(pool)
        .await
}
