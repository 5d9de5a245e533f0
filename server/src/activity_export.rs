//! The partner activity timeline as CSV (`/settings/partner-activity.csv?partner=3&from=…`):
//! every event under the page's filters, newest first, streamed a thousand rows at a time by
//! the timeline's keyset, so a million rows never sit in memory at once (a download, so a
//! plain route rather than a server function). The same guard as the page.

use app::domain::{
    defuse_spreadsheet_formula, format_timestamp, ActivityAgent, ActivityEntry, ActivityFilter,
    ActivityPosition, TenantId,
};
use app::error::AppError;
use app::server::db::activity;
use app::server::{guards, AppState};
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sqlx::AnyPool;
use tower_sessions::Session;

/// Rows read and written per step: one index range read, about 100 KB of CSV.
const CHUNK: i64 = 1_000;

const COLUMNS: [&str; 6] = [
    "occurred_at",
    "agent",
    "agent_partner",
    "partner",
    "action",
    "target",
];

/// The timeline's filters, as its page writes them into the address.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    partner: String,
    agent: String,
    action: String,
    from: String,
    to: String,
}

pub async fn partner_activity_csv(
    State(state): State<AppState>,
    session: Session,
    Query(filters): Query<Filters>,
) -> Response {
    match allowed(&state, &session, &filters).await {
        Ok((tenant_id, filter)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"partner-activity.csv\"",
                ),
            ],
            Body::from_stream(rows(state.db.pool.clone(), tenant_id, filter)),
        )
            .into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = match &error {
                AppError::Validation(fields) => fields
                    .iter()
                    .map(|field| format!("{}: {}\n", field.field, field.message))
                    .collect(),
                _ => status.canonical_reason().unwrap_or_default().to_owned(),
            };
            (status, body).into_response()
        }
    }
}

/// The tenant whose timeline the signed-in Global or Billing admin exports, and the filter.
async fn allowed(
    state: &AppState,
    session: &Session,
    filters: &Filters,
) -> Result<(TenantId, ActivityFilter), AppError> {
    let user = guards::signed_in(guards::user_in_session(state, session).await?)?;
    let admin = guards::relationship_manager(user)?;
    let filter = ActivityFilter::parse(
        &filters.partner,
        &filters.agent,
        &filters.action,
        &filters.from,
        &filters.to,
    )
    .map_err(AppError::invalid_fields)?;
    Ok((admin.tenant_id, filter))
}

/// The CSV, a chunk at a time: the header with the first, then each chunk after the last
/// row of the one before. A failure mid-way ends the download short (and is logged).
fn rows(
    pool: AnyPool,
    tenant_id: TenantId,
    filter: ActivityFilter,
) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> {
    futures::stream::try_unfold(Some(ActivityPosition::Newest), move |position| {
        let pool = pool.clone();
        let filter = filter.clone();
        async move {
            let Some(position) = position else {
                return Ok(None);
            };
            let entries = activity::events(&pool, tenant_id, &filter, position, CHUNK)
                .await
                .map_err(|error| {
                    tracing::error!(%error, "reading the activity export failed");
                    std::io::Error::other(error)
                })?;
            let next = entries
                .last()
                .filter(|_| entries.len() as i64 == CHUNK)
                .map(|entry| ActivityPosition::Older(entry.cursor));
            let header = position == ActivityPosition::Newest;
            let csv = to_csv(header, entries.into_iter().map(fields))?;
            Ok(Some((Bytes::from(csv), next)))
        }
    })
}

fn fields(entry: ActivityEntry) -> [String; 6] {
    let (agent, agent_partner) = match entry.agent {
        ActivityAgent::Partner { name, partner } => (name, partner),
        ActivityAgent::Customer { name } => (name, String::new()),
        ActivityAgent::Automatic => (String::new(), String::new()),
    };
    [
        format_timestamp(entry.cursor.occurred_at_ms),
        agent,
        agent_partner,
        entry.partner.unwrap_or_default(),
        entry.action,
        entry.target,
    ]
}

/// Rows as CSV (after the header row, with `header`), no field ever a formula.
fn to_csv(
    header: bool,
    rows: impl IntoIterator<Item = [String; 6]>,
) -> Result<Vec<u8>, std::io::Error> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(128 * CHUNK as usize));
    if header {
        csv.write_record(COLUMNS)?;
    }
    for row in rows {
        csv.write_record(
            row.iter()
                .map(|field| defuse_spreadsheet_formula(field).into_owned()),
        )?;
    }
    csv.into_inner().map_err(|error| error.into_error())
}

#[cfg(test)]
mod tests {
    use super::to_csv;

    #[test]
    fn fields_are_quoted_when_they_must_be_and_formulas_defused() {
        let row = |target: &str| {
            [
                "2026-11-30T07:00:00Z".to_owned(),
                "Patti Fernandez".to_owned(),
                "Fabrikam Solutions".to_owned(),
                "Fabrikam Solutions".to_owned(),
                "user.password_reset".to_owned(),
                target.to_owned(),
            ]
        };
        let csv = to_csv(
            true,
            [
                row("plain"),
                row("a,b"),
                row("say \"hi\""),
                row("=SUM(A1)"),
                row("\r=1"),
            ],
        )
        .expect("written");
        let csv = String::from_utf8(csv).expect("UTF-8");
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "occurred_at,agent,agent_partner,partner,action,target"
        );
        assert!(lines[1].ends_with(",plain"));
        assert!(lines[2].ends_with(",\"a,b\""));
        assert!(lines[3].ends_with(",\"say \"\"hi\"\"\""));
        assert!(lines[4].ends_with(",'=SUM(A1)"));
        assert!(lines[5].ends_with(",\"'\r=1\""));
        assert!(
            !String::from_utf8(to_csv(false, [row("x")]).expect("written"))
                .expect("UTF-8")
                .starts_with("occurred_at")
        );
    }
}
