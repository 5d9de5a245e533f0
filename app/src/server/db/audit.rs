//! The append-only audit log: every privileged change, and every partner action inside a
//! tenant. Written in the transaction of the change it records; read as the tenant's partner
//! activity timeline (`activity`).

use crate::domain::{AuditAction, PartnerId, TenantId, UserId};
use sqlx::AnyConnection;

pub struct AuditEvent {
    pub tenant_id: Option<TenantId>,
    /// Who acted; `None`: the clock (an admin relationship reaching its end date).
    pub actor: Option<UserId>,
    /// The partner the event concerns, whoever acted: the partner whose agent acted, or whose
    /// relationship with the tenant the tenant's admin (or the clock) changed. `None` for the
    /// tenant's own business and for what concerns every partner at once (a lockdown).
    pub partner_id: Option<PartnerId>,
    pub action: AuditAction,
    /// What was acted on, such as `invitation:17`.
    pub target: String,
}

pub async fn record(
    tx: &mut AnyConnection,
    event: AuditEvent,
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
    .bind(event.action.as_db())
    .bind(event.target)
    .execute(tx)
    .await
    .map(|_| ())
}
