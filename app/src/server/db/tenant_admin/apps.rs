//! Line-of-business apps.

use super::{Acting, ActingTransaction, TenantWriteError};
use crate::domain::AuditAction;
use crate::domain::{LobApp, LobAppStatus, PartnerId, TenantId};
use crate::server::db::decoded;
use sqlx::{AnyPool, FromRow};

#[derive(FromRow)]
struct LobAppRow {
    lob_app_id: i64,
    name: String,
    version: String,
    status: String,
    /// The partner that submitted it, if not the tenant's own admins.
    partner_name: Option<String>,
    updated_at: i64,
}

pub async fn list_lob_apps(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<LobApp>, sqlx::Error> {
    let rows: Vec<LobAppRow> = sqlx::query_as(
        "select a.lob_app_id, a.name, a.version, a.status, p.name as partner_name, a.updated_at
         from lob_app a left join partner p on p.partner_id = a.partner_id
         where a.tenant_id = $1 order by a.name",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(LobApp {
                status: decoded(
                    "lob_app.status",
                    &row.status,
                    LobAppStatus::from_db(&row.status),
                )?,
                lob_app_id: row.lob_app_id,
                name: row.name,
                version: row.version,
                partner_name: row.partner_name,
                updated_at_ms: row.updated_at,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
}

/// Submits an app, or a new version of one the same submitter (the partner, or the tenant's
/// own admins) submitted before; back to Submitted either way.
pub async fn submit_lob_app(
    pool: &AnyPool,
    acting: Acting,
    name: &str,
    version: &str,
    now_ms: i64,
) -> Result<i64, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let lob_app_id: i64 = sqlx::query_scalar(
        "insert into lob_app (tenant_id, partner_id, name, version, status, created_at, updated_at)
         values ($1, $2, $3, $4, 'submitted', $5, $5)
         on conflict (tenant_id, coalesce(partner_id, 0), name) do update
             set version = excluded.version, status = 'submitted', updated_at = excluded.updated_at
         returning lob_app_id",
    )
    .bind(acting.tenant_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .bind(name)
    .bind(version)
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    acting
        .record(
            &mut tx,
            AuditAction::LobAppSubmitted,
            format!("lob-app:{lob_app_id} ({name} {version})"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(lob_app_id)
}

/// `false` when the tenant has no such app, or, for a partner, the app is another
/// submitter's (a partner publishes and retires only its own apps).
pub async fn set_lob_app_status(
    pool: &AnyPool,
    acting: Acting,
    lob_app_id: i64,
    status: LobAppStatus,
    now_ms: i64,
) -> Result<bool, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let updated = sqlx::query(
        "update lob_app set status = $1, updated_at = $2
         where lob_app_id = $3 and tenant_id = $4 and ($5 is null or partner_id = $5)",
    )
    .bind(status.as_db())
    .bind(now_ms)
    .bind(lob_app_id)
    .bind(acting.tenant_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    acting
        .record(
            &mut tx,
            AuditAction::LobAppStatusChanged,
            format!("lob-app:{lob_app_id} ({})", status.as_db()),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(true)
}
