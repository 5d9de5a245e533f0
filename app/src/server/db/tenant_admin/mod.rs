//! The tenant administration: users and licenses, subscriptions, support incidents,
//! line-of-business apps and the partner settings. Every change is one transaction with its
//! audit event, naming the actor and, for a partner's agent, the partner. One module per
//! area, as the screens are; here, who acts and the write transaction that re-checks it.

pub mod apps;
pub mod incidents;
pub mod settings;
pub mod subscriptions;
pub mod users;

use super::audit::{self, AuditEvent};
use super::{begin_write, decoded};
use crate::domain::AuditAction;
use crate::domain::{AdminRole, PartnerId, Power, PowerRefusal, TenantActor, TenantId, UserId};
use sqlx::{AnyConnection, AnyPool};

/// Who changes the tenant: a member, or an agent acting for a partner, with the power the
/// guard found them holding.
#[derive(Debug, Clone, Copy)]
pub struct Acting {
    pub tenant_id: TenantId,
    pub user_id: UserId,
    pub partner_id: Option<PartnerId>,
    pub power: Power,
    /// The moment the guard checked, and the write transaction checks again: a partner's
    /// admin roles count only until their relationship's end date.
    pub now_ms: i64,
}

/// Why a change to a tenant was not written.
#[derive(Debug, thiserror::Error)]
pub enum TenantWriteError {
    /// Between the guard and the write the actor lost the power (Remove roles, End
    /// relationship, a disabled account, a new Customer Agreement).
    #[error("power {power:?} no longer held: {refusal:?}")]
    Refused { power: Power, refusal: PowerRefusal },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A write transaction whose actor still held the power when it began.
pub struct ActingTransaction {
    pub tx: sqlx::Transaction<'static, sqlx::Any>,
    /// What the actor is in the tenant, as of this transaction.
    pub actor: TenantActor,
}

impl Acting {
    /// Begins the write transaction and decides inside it whether the actor still holds
    /// the power. A partner's relationship row is locked first (PostgreSQL; SQLite's write
    /// transaction already excludes every other writer), so Remove roles either commits
    /// before this check sees it or waits until this change is committed.
    pub async fn begin(&self, pool: &AnyPool) -> Result<ActingTransaction, TenantWriteError> {
        let mut tx = begin_write(pool).await?;
        let actor = match self.partner_id {
            Some(partner_id) => {
                super::relationships::partner_actor(
                    &mut tx,
                    self.tenant_id,
                    partner_id,
                    self.user_id,
                    true,
                    self.now_ms,
                )
                .await?
            }
            None => member_actor(&mut tx, self.tenant_id, self.user_id).await?,
        };
        let refusal = match &actor {
            None => Some(PowerRefusal::NotGranted),
            Some(actor) => actor.check(self.power).err(),
        };
        match (actor, refusal) {
            (Some(actor), None) => Ok(ActingTransaction { tx, actor }),
            (_, refusal) => {
                let refusal = refusal.unwrap_or(PowerRefusal::NotGranted);
                tracing::warn!(acting = ?self, ?refusal, "refused inside the write: power lost since the guard");
                Err(TenantWriteError::Refused {
                    power: self.power,
                    refusal,
                })
            }
        }
    }

    async fn record(
        &self,
        tx: &mut AnyConnection,
        action: AuditAction,
        target: String,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        audit::record(
            tx,
            AuditEvent {
                tenant_id: Some(self.tenant_id),
                actor: Some(self.user_id),
                partner_id: self.partner_id,
                action,
                target,
            },
            now_ms,
        )
        .await
    }
}

/// A member of the tenant by their roles now; `None` when disabled or gone.
async fn member_actor(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    user_id: UserId,
) -> Result<Option<TenantActor>, sqlx::Error> {
    let rows: Vec<Option<String>> = sqlx::query_scalar(
        "select r.role from app_user u
         left join user_admin_role r on r.user_id = u.user_id
         where u.user_id = $1 and u.tenant_id = $2 and u.disabled = 0",
    )
    .bind(user_id.get())
    .bind(tenant_id.get())
    .fetch_all(&mut *tx)
    .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let roles = rows
        .iter()
        .flatten()
        .map(|role| decoded("user_admin_role.role", role, AdminRole::from_db(role)))
        .collect::<Result<_, _>>()?;
    Ok(Some(TenantActor::Member { roles }))
}

pub async fn tenant_name_and_settings(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Option<(String, bool)>, sqlx::Error> {
    let row: Option<(String, i64)> =
        sqlx::query_as("select name, mpsa_purchases_shared from tenant where tenant_id = $1")
            .bind(tenant_id.get())
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(name, shared)| (name, shared == 1)))
}
