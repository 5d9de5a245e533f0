use crate::i18n::{move_tr, tr};
use leptos::prelude::*;
use leptos_router::components::A;

/// Previous and next pages of a list, as links (they work before the WebAssembly, and a page
/// keeps its address). Nothing when the list fits on one page.
#[component]
pub fn Pager(
    /// Message id naming the pages (`customers-pages`).
    label: &'static str,
    /// From 1.
    page: i64,
    pages: i64,
    /// The address of page n of the same list.
    #[prop(into)]
    href: Callback<i64, String>,
) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=move || crate::i18n::tr_id(label)>
                // From past the end (an old link, a number typed), back to the last page.
                {(page > 1).then(|| view! { <A href=href.run((page - 1).min(pages))>{move_tr!("pager-previous")}</A> })}
                <span>{move || tr!("pager-position", { "page" => page, "pages" => pages })}</span>
                {(page < pages).then(|| view! { <A href=href.run(page + 1)>{move_tr!("pager-next")}</A> })}
            </nav>
        }
    })
}
