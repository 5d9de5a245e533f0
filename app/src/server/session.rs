//! What the session cookie stands for. The session itself lives in the database
//! (tower-sessions with its sqlx store); it holds only who signed in and when.

use super::db;
use crate::domain::UserId;
use crate::error::AppError;
use std::time::Duration;
use tower_sessions::Session;

const USER_ID: &str = "user_id";
const SIGNED_IN_AT: &str = "signed_in_at_ms";

pub async fn current_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Internal
    })
}

/// Starts a signed-in session under a new id, so an id planted before sign-in is useless.
pub async fn sign_in(session: &Session, user_id: UserId) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(USER_ID, user_id.get())
        .await
        .map_err(session_error)?;
    session
        .insert(SIGNED_IN_AT, db::now_ms())
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Deletes the session on the server; the old cookie then opens nothing.
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// The user a session belongs to and when they signed in, unless it outlived
/// `absolute_timeout` (then it is ended).
pub async fn user_id(
    session: &Session,
    absolute_timeout: Duration,
) -> Result<Option<(UserId, i64)>, AppError> {
    let Some(user_id) = session.get::<i64>(USER_ID).await.map_err(session_error)? else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT)
        .await
        .map_err(session_error)?
        .unwrap_or(0);
    if db::now_ms() - signed_in_at > absolute_timeout.as_millis() as i64 {
        sign_out(session).await?;
        return Ok(None);
    }
    Ok(Some((UserId::new(user_id), signed_in_at)))
}

fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Internal
}
