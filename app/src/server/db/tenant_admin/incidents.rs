//! Support incidents and their comments.

use super::{Acting, ActingTransaction, TenantWriteError};
use crate::domain::AuditAction;
use crate::domain::{Incident, IncidentComment, IncidentStatus, PartnerId, TenantId};
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(FromRow)]
struct IncidentRow {
    incident_id: i64,
    title: String,
    status: String,
    opened_by: String,
    /// The partner whose agent opened it, if one did.
    partner_name: Option<String>,
    opened_at: i64,
}

#[derive(FromRow)]
struct CommentRow {
    incident_id: i64,
    author: String,
    /// The partner of the agent who wrote it, if one did.
    partner_name: Option<String>,
    body: String,
    created_at: i64,
}

pub async fn list_incidents(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<Incident>, sqlx::Error> {
    let rows: Vec<IncidentRow> = sqlx::query_as(
        "select i.incident_id, i.title, i.status, u.display_name as opened_by,
                p.name as partner_name, i.opened_at
         from support_incident i
         join app_user u on u.user_id = i.opened_by_user_id
         left join partner p on p.partner_id = i.partner_id
         where i.tenant_id = $1
         order by i.opened_at desc, i.incident_id desc limit 200",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    let comments: Vec<CommentRow> = sqlx::query_as(
        "select c.incident_id, u.display_name as author, p.name as partner_name, c.body,
                c.created_at
         from incident_comment c
         join support_incident i on i.incident_id = c.incident_id
         join app_user u on u.user_id = c.author_user_id
         left join partner p on p.partner_id = c.partner_id
         where i.tenant_id = $1 order by c.created_at, c.comment_id",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let status = match row.status.as_str() {
                "open" => IncidentStatus::Open,
                "closed" => IncidentStatus::Closed,
                other => {
                    return Err(crate::server::db::undecodable(
                        "support_incident.status",
                        other,
                    ))
                }
            };
            Ok(Incident {
                incident_id: row.incident_id,
                title: row.title,
                status,
                opened_by: row.opened_by,
                partner_name: row.partner_name,
                opened_at_ms: row.opened_at,
                comments: comments
                    .iter()
                    .filter(|comment| comment.incident_id == row.incident_id)
                    .map(|comment| IncidentComment {
                        author: comment.author.clone(),
                        partner_name: comment.partner_name.clone(),
                        body: comment.body.clone(),
                        created_at_ms: comment.created_at,
                    })
                    .collect(),
            })
        })
        .collect()
}

/// Opens an incident with its first comment.
pub async fn open_incident(
    pool: &AnyPool,
    acting: Acting,
    title: &str,
    description: &str,
    now_ms: i64,
) -> Result<i64, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let incident_id: i64 = sqlx::query_scalar(
        "insert into support_incident (tenant_id, title, status, opened_by_user_id, partner_id, opened_at)
         values ($1, $2, 'open', $3, $4, $5) returning incident_id",
    )
    .bind(acting.tenant_id.get())
    .bind(title)
    .bind(acting.user_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    add_comment(&mut tx, acting, incident_id, description, now_ms).await?;
    acting
        .record(
            &mut tx,
            AuditAction::IncidentOpened,
            format!("incident:{incident_id}"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(incident_id)
}

async fn add_comment(
    tx: &mut AnyConnection,
    acting: Acting,
    incident_id: i64,
    body: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into incident_comment (incident_id, author_user_id, partner_id, body, created_at)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(incident_id)
    .bind(acting.user_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .bind(body)
    .bind(now_ms)
    .execute(tx)
    .await
    .map(|_| ())
}

/// Comments on an open incident of the tenant, and closes it when asked; `false` when there
/// is no such open incident.
pub async fn update_incident(
    pool: &AnyPool,
    acting: Acting,
    incident_id: i64,
    comment: Option<&str>,
    close: bool,
    now_ms: i64,
) -> Result<bool, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let open: Option<i64> = sqlx::query_scalar(
        "select incident_id from support_incident where incident_id = $1 and tenant_id = $2 and status = 'open'",
    )
    .bind(incident_id)
    .bind(acting.tenant_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    if open.is_none() {
        return Ok(false);
    }
    if let Some(comment) = comment {
        add_comment(&mut tx, acting, incident_id, comment, now_ms).await?;
        acting
            .record(
                &mut tx,
                AuditAction::IncidentCommented,
                format!("incident:{incident_id}"),
                now_ms,
            )
            .await?;
    }
    if close {
        sqlx::query(
            "update support_incident set status = 'closed', closed_at = $1 where incident_id = $2",
        )
        .bind(now_ms)
        .bind(incident_id)
        .execute(&mut *tx)
        .await?;
        acting
            .record(
                &mut tx,
                AuditAction::IncidentClosed,
                format!("incident:{incident_id}"),
                now_ms,
            )
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}
