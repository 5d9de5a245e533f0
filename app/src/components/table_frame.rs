use crate::i18n::tr_id;
use leptos::prelude::*;

/// A table wider than the screen scrolls sideways inside this frame, so the page itself never
/// does. The frame is a named region that takes focus, so the keyboard can scroll it too.
#[component]
pub fn TableFrame(
    /// Message id of what the table lists (usually its heading's).
    label: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-frame" role="region" tabindex="0" aria-label=move || tr_id(label)>
            {children()}
        </div>
    }
}
