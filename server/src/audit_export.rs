//! The full log of a partner's actions in the tenant, as CSV (a download, so a plain route
//! rather than a server function). The same guard as the partner page.

use app::domain::{defuse_spreadsheet_formula, format_timestamp, PartnerId};
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
    let admin = guards::relationship_manager(user)?;
    let pool = &state.db.pool;
    // The log is the tenant's own: a partner it never worked with has none to export.
    if !db::relationships::ever_related(pool, admin.tenant_id, partner_id).await? {
        return Err(AppError::NotFound);
    }
    let entries =
        db::audit::partner_actions(pool, admin.tenant_id, partner_id, MAX_ROWS, 0).await?;
    let rows = entries.into_iter().map(|entry| {
        [
            format_timestamp(entry.occurred_at_ms),
            entry.actor,
            entry.action,
            entry.target,
        ]
    });
    to_csv(rows).map_err(|error| {
        tracing::error!(%error, "writing the audit CSV failed");
        AppError::Internal
    })
}

/// The log as CSV: a header row, then one row per action, each field a formula never.
fn to_csv(rows: impl IntoIterator<Item = [String; 4]>) -> Result<String, csv::Error> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    csv.write_record(["occurred_at", "actor", "action", "target"])?;
    for row in rows {
        csv.write_record(
            row.iter()
                .map(|field| defuse_spreadsheet_formula(field).into_owned()),
        )?;
    }
    let bytes = csv.into_inner().map_err(|error| error.into_error())?;
    // Written from Strings: always UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::to_csv;

    #[test]
    fn fields_are_quoted_when_they_must_be_and_formulas_defused() {
        let row = |target: &str| {
            [
                "2026-11-30 07:00".to_owned(),
                "Patti Fernandez".to_owned(),
                "password_reset".to_owned(),
                target.to_owned(),
            ]
        };
        let csv = to_csv([
            row("plain"),
            row("a,b"),
            row("say \"hi\""),
            row("=SUM(A1)"),
            row("\r=1"),
        ])
        .expect("written");
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "occurred_at,actor,action,target");
        assert!(lines[1].ends_with(",plain"));
        assert!(lines[2].ends_with(",\"a,b\""));
        assert!(lines[3].ends_with(",\"say \"\"hi\"\"\""));
        assert!(lines[4].ends_with(",'=SUM(A1)"));
        assert!(lines[5].ends_with(",\"'\r=1\""));
    }
}
