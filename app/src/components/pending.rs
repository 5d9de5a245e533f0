//! One indicator for "the server is working": route changes and every tracked server call.

use crate::i18n::move_tr;
use leptos::prelude::*;

/// The calls being tracked, each under a number so its page can take it back.
#[derive(Clone, Copy)]
struct PendingCalls(RwSignal<Vec<(u64, Signal<bool>)>>, StoredValue<u64>);

pub fn provide_pending(is_routing: Signal<bool>) {
    provide_context(PendingCalls(
        RwSignal::new(vec![(0, is_routing)]),
        StoredValue::new(0),
    ));
}

/// Shows the indicator while `pending` is true, until the page that asked is gone (its
/// signals go with it, and must not be read after).
pub fn track_pending(pending: Signal<bool>) {
    if let Some(PendingCalls(calls, last)) = use_context::<PendingCalls>() {
        last.update_value(|last| *last += 1);
        let id = last.get_value();
        calls.update(|calls| calls.push((id, pending)));
        on_cleanup(move || calls.update(|calls| calls.retain(|(tracked, _)| *tracked != id)));
    }
}

#[component]
pub fn PendingIndicator() -> impl IntoView {
    let PendingCalls(calls, _) = expect_context::<PendingCalls>();
    let busy = Memo::new(move |_| {
        calls.with(|calls| {
            calls
                .iter()
                .any(|(_, pending)| pending.try_get().unwrap_or(false))
        })
    });
    view! {
        <div class="pending" class:pending-active=busy role="status" aria-live="polite">
            <Show when=move || busy.get()>
                <span class="visually-hidden">{move_tr!("pending-working")}</span>
            </Show>
        </div>
    }
}
