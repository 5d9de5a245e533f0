//! The admin relationships' end dates, kept in every server process: reminders, the end, and
//! automatic extensions (`app::server::db::access_end_dates`; each notice is sent once however
//! many processes run this).

use app::server::db::access_end_dates;
use app::server::{mail, AppState};
use std::time::Duration;

/// How often the end dates are looked at.
pub const EVERY: Duration = Duration::from_secs(60);

/// Sends the notices due, by the app's clock, every `every` for as long as the server runs.
pub fn spawn(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let now_ms = state.clock.now_ms();
            let sent =
                access_end_dates::send_due(&state.db.pool, mail::access_notice, now_ms).await;
            app::server::metrics::job_ran("access_notices", &sent);
            match sent {
                Ok(sent) if sent > 0 => tracing::info!(sent, "admin access notices sent"),
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "admin access notices: database error"),
            }
            tokio::time::sleep(every).await;
        }
    })
}
