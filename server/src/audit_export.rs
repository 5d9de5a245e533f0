//! The full log of a partner's actions in the tenant, as CSV (a download, so a plain route
//! rather than a server function). The same guard as the partner page.

use app::domain::{format_timestamp, AdminRole, PartnerId};
use app::error::AppError;
use app::server::{db, guards, AppState};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// More rows than any tenant's log with one partner should hold; a bound all the same.
const MAX_ROWS: i64 = 100_000;

pub async fn partner_audit_csv(
    State(state): State<AppState>,
    session: Session,
    Path(partner_id): Path<i64>,
) -> Response {
    match export(&state, &session, PartnerId::new(partner_id)).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"partner-{partner_id}-audit.csv\""),
                ),
            ],
            csv,
        )
            .into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, status.canonical_reason().unwrap_or_default()).into_response()
        }
    }
}

async fn export(
    state: &AppState,
    session: &Session,
    partner_id: PartnerId,
) -> Result<String, AppError> {
    let user = guards::user_in_session(state, session)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let admin = guards::customer_admin(user, &[AdminRole::GlobalAdmin, AdminRole::BillingAdmin])?;
    let pool = &state.db.pool;
    // The log is the tenant's own: a partner it never worked with has none to export.
    if !db::relationships::ever_related(pool, admin.tenant_id, partner_id).await? {
        return Err(AppError::NotFound);
    }
    let entries =
        db::audit::partner_actions(pool, admin.tenant_id, partner_id, MAX_ROWS, 0).await?;
    let mut csv = String::from("occurred_at,actor,action,target\r\n");
    for entry in entries {
        let fields = [
            format_timestamp(entry.occurred_at_ms),
            entry.actor,
            entry.action,
            entry.target,
        ];
        let line: Vec<String> = fields
            .iter()
            .map(|field| app::domain::csv_field(field))
            .collect();
        csv.push_str(&line.join(","));
        csv.push_str("\r\n");
    }
    Ok(csv)
}
