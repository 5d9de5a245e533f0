//! Customer Agreement versions and the tenants' acceptances of them.

use crate::domain::AuditAction;
use crate::domain::{AgreementAcceptance, AgreementDocument, AgreementStatus, TenantId, UserId};
use sqlx::{AnyConnection, AnyPool};

/// The version in force: the latest published.
pub async fn current(pool: &AnyPool) -> Result<Option<AgreementDocument>, sqlx::Error> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "select version, published_at, body from customer_agreement
         order by published_at desc, version desc limit 1",
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(document))
}

pub async fn find(pool: &AnyPool, version: &str) -> Result<Option<AgreementDocument>, sqlx::Error> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "select version, published_at, body from customer_agreement where version = $1",
    )
    .bind(version)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(document))
}

fn document((version, published_at_ms, body): (String, i64, String)) -> AgreementDocument {
    AgreementDocument {
        version,
        published_at_ms,
        body,
    }
}

pub async fn record_acceptance(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    user_id: UserId,
    version: &str,
    invitation_id: Option<i64>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into agreement_acceptance (tenant_id, accepted_by_user_id, agreement_version, accepted_at, invitation_id)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(tenant_id.get())
    .bind(user_id.get())
    .bind(version)
    .bind(now_ms)
    .bind(invitation_id)
    .execute(tx)
    .await
    .map(|_| ())
}

/// Where the tenant stands: the version in force and its latest acceptance.
pub async fn status(pool: &AnyPool, tenant_id: TenantId) -> Result<AgreementStatus, sqlx::Error> {
    status_on(&mut *pool.acquire().await?, tenant_id).await
}

/// [`status`] on the caller's connection.
pub async fn status_on(
    connection: &mut AnyConnection,
    tenant_id: TenantId,
) -> Result<AgreementStatus, sqlx::Error> {
    // The version alone: the text in force is long, and every partner relationships page asks.
    let current_version: String = sqlx::query_scalar(
        "select version from customer_agreement
         order by published_at desc, version desc limit 1",
    )
    .fetch_optional(&mut *connection)
    .await?
    .unwrap_or_default();
    let latest: Option<(String, String, i64)> = sqlx::query_as(
        "select a.agreement_version, u.display_name, a.accepted_at
         from agreement_acceptance a join app_user u on u.user_id = a.accepted_by_user_id
         where a.tenant_id = $1
         order by a.accepted_at desc, a.agreement_acceptance_id desc limit 1",
    )
    .bind(tenant_id.get())
    .fetch_optional(&mut *connection)
    .await?;
    Ok(AgreementStatus {
        current_version,
        latest: latest.map(
            |(version, accepted_by, accepted_at_ms)| AgreementAcceptance {
                version,
                accepted_by,
                accepted_at_ms,
            },
        ),
    })
}

/// Records a tenant's acceptance of the version in force, outside any invitation.
pub async fn accept(
    pool: &AnyPool,
    tenant_id: TenantId,
    user_id: UserId,
    version: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    record_acceptance(&mut tx, tenant_id, user_id, version, None, now_ms).await?;
    super::audit::record(
        &mut tx,
        super::audit::AuditEvent {
            tenant_id: Some(tenant_id),
            actor: Some(user_id),
            partner_id: None,
            action: AuditAction::AgreementAccepted,
            target: format!("customer-agreement:{version}"),
        },
        now_ms,
    )
    .await?;
    tx.commit().await
}

/// Publishes a new version, which every tenant must then accept; `false` if that version
/// exists already.
pub async fn publish(
    pool: &AnyPool,
    version: &str,
    body: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "insert into customer_agreement (version, published_at, body) values ($1, $2, $3)
         on conflict (version) do nothing",
    )
    .bind(version)
    .bind(now_ms)
    .bind(body)
    .execute(pool)
    .await?;
    Ok(inserted.rows_affected() == 1)
}
