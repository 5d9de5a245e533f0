//! One indicator for "the server is working": route changes and every tracked server call.

use crate::i18n::move_tr;
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct PendingCalls(RwSignal<Vec<Signal<bool>>>);

pub fn provide_pending(is_routing: Signal<bool>) {
    provide_context(PendingCalls(RwSignal::new(vec![is_routing])));
}

/// Shows the indicator while `pending` is true.
pub fn track_pending(pending: Signal<bool>) {
    if let Some(PendingCalls(calls)) = use_context::<PendingCalls>() {
        calls.update(|calls| calls.push(pending));
    }
}

#[component]
pub fn PendingIndicator() -> impl IntoView {
    let PendingCalls(calls) = expect_context::<PendingCalls>();
    let busy = Memo::new(move |_| calls.with(|calls| calls.iter().any(|pending| pending.get())));
    view! {
        <div class="pending" class:pending-active=busy role="status" aria-live="polite">
            <Show when=move || busy.get()>
                <span class="visually-hidden">{move_tr!("pending-working")}</span>
            </Show>
        </div>
    }
}
