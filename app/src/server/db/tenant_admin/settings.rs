//! Partner settings: MPSA sharing, the account a partner works through.

use super::{Acting, ActingTransaction, TenantWriteError};
use crate::domain::AuditAction;
use crate::domain::{EmailAddress, PartnerId, TenantId};
use sqlx::AnyPool;

pub async fn set_mpsa_sharing(
    pool: &AnyPool,
    acting: Acting,
    shared: bool,
    now_ms: i64,
) -> Result<(), TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    sqlx::query("update tenant set mpsa_purchases_shared = $1 where tenant_id = $2")
        .bind(i64::from(shared))
        .bind(acting.tenant_id.get())
        .execute(&mut *tx)
        .await?;
    acting
        .record(
            &mut tx,
            AuditAction::SettingMpsaPurchasesShared,
            format!("tenant:{} ({shared})", acting.tenant_id),
            now_ms,
        )
        .await?;
    Ok(tx.commit().await?)
}

/// Why a partner account could not be named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRefusal {
    NoSuchPartner,
    NoSuchMember,
}

/// Names the member account a partner works through in the tenant.
pub async fn set_partner_account(
    pool: &AnyPool,
    acting: Acting,
    partner_id: PartnerId,
    email: &EmailAddress,
    now_ms: i64,
) -> Result<Result<(), AccountRefusal>, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let member: Option<i64> = sqlx::query_scalar(
        "select user_id from app_user where email = $1 and tenant_id = $2 and disabled = 0",
    )
    .bind(email.as_str())
    .bind(acting.tenant_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(member) = member else {
        return Ok(Err(AccountRefusal::NoSuchMember));
    };
    let updated = sqlx::query(
        "update relationship set partner_account_user_id = $1
         where tenant_id = $2 and partner_id = $3 and ended_at is null",
    )
    .bind(member)
    .bind(acting.tenant_id.get())
    .bind(partner_id.get())
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(Err(AccountRefusal::NoSuchPartner));
    }
    acting
        .record(
            &mut tx,
            AuditAction::PartnerAccountNamed,
            format!("partner:{partner_id} → user:{member}"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// The account the partner works through in the tenant, if the customer named one.
pub async fn partner_account(
    pool: &AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
) -> Result<Option<String>, sqlx::Error> {
    let email: Option<Option<String>> = sqlx::query_scalar(
        "select u.email from relationship r left join app_user u on u.user_id = r.partner_account_user_id
         where r.tenant_id = $1 and r.partner_id = $2 and r.ended_at is null",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(pool)
    .await?;
    Ok(email.flatten())
}
