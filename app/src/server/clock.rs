//! The time as the app reads it when a rule depends on it: an admin relationship's end
//! date, an invitation's expiry. Production reads the system clock; tests move this clock
//! forward (`advance`) to cross an end date or a reminder's day without waiting for it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The system clock plus however far it was moved forward (never, outside tests).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    moved_ms: Arc<AtomicI64>,
}

impl Clock {
    /// Milliseconds since the Unix epoch, as every timestamp is stored.
    pub fn now_ms(&self) -> i64 {
        super::db::now_ms() + self.moved_ms.load(Ordering::Relaxed)
    }

    /// Moves this clock (and every copy of it) forward by `by`.
    pub fn advance(&self, by: Duration) {
        let by = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.moved_ms.fetch_add(by, Ordering::Relaxed);
    }
}

/// The app's clock during a request (the system clock outside one).
pub fn now_ms() -> i64 {
    leptos::prelude::use_context::<super::AppState>()
        .map(|state| state.clock.now_ms())
        .unwrap_or_else(super::db::now_ms)
}
