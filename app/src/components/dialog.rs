use crate::i18n::tr_id;
use leptos::html::{Button, Dialog};
use leptos::prelude::*;
use leptos_router::components::A;

/// A modal yes/no question, on the browser's own `<dialog>`: while it is open the rest of the
/// page is inert (focus stays inside), focus starts on the safe answer, and Escape or the
/// cancel answer closes it with nothing done.
#[component]
pub fn ConfirmDialog(
    /// Names the dialog's parts in the page (`{id}-title`, `{id}-body`): unique per page.
    id: &'static str,
    /// Whether the dialog is open; the dialog sets it back to `false` when it closes.
    open: RwSignal<bool>,
    /// The title, which also names the dialog.
    #[prop(into)]
    title: Signal<String>,
    /// What answering yes does, as shown.
    #[prop(into)]
    body: Signal<String>,
    /// Message ids of the two answers.
    confirm: &'static str,
    cancel: &'static str,
    /// Runs on the confirming answer (the dialog then closes).
    on_confirm: Callback<()>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let first = NodeRef::<Button>::new();
    let last = NodeRef::<Button>::new();
    // Tab and Shift+Tab go round the two answers, never out of the dialog.
    let keep_focus_inside = move |event: leptos::ev::KeyboardEvent| {
        if event.key() != "Tab" {
            return;
        }
        let (Some(first), Some(last)) = (first.get(), last.get()) else {
            return;
        };
        let active = document().active_element();
        let is = |button: &leptos::web_sys::HtmlButtonElement| {
            active
                .as_ref()
                .is_some_and(|active| active == button.as_ref())
        };
        if event.shift_key() && is(&first) {
            event.prevent_default();
            let _ = last.focus();
        } else if !event.shift_key() && is(&last) {
            event.prevent_default();
            let _ = first.focus();
        }
    };
    Effect::new(move |_| {
        let Some(element) = dialog.get() else {
            return;
        };
        if open.get() {
            if !element.open() {
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby=format!("{id}-title") aria-describedby=format!("{id}-body")
            on:close=move |_| open.set(false) on:keydown=keep_focus_inside>
            <h2 id=format!("{id}-title")>{title}</h2>
            <p id=format!("{id}-body")>{body}</p>
            <div class="actions">
                <button type="button" class="button" disabled=busy node_ref=first
                    on:click=move |_| {
                        on_confirm.run(());
                        open.set(false);
                    }>
                    {move || tr_id(confirm)}
                </button>
                <button type="button" class="button secondary" autofocus node_ref=last
                    on:click=move |_| open.set(false)>
                    {move || tr_id(cancel)}
                </button>
            </div>
        </dialog>
    }
}

/// The same question asked on the page itself, for a browser without WebAssembly (the page
/// was opened with `?confirm=…`): the title, what yes does, the form that says yes
/// (`children`) and a link back (`back`) that says no.
#[component]
pub fn ConfirmOnPage(
    /// The title's id, unique per page.
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    back: String,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="notice" aria-labelledby=id>
            <h3 id=id>{title}</h3>
            <p>{body}</p>
            <div class="actions">
                {children()}
                <A href=back attr:class="button secondary">{move || tr_id("dialog-no")}</A>
            </div>
        </section>
    }
}
