//! The append-only audit log: every privileged change, and every partner action inside a
//! tenant. Written in the transaction of the change it records.

use crate::domain::{PartnerId, TenantId, UserId};
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
