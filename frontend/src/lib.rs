//! The browser side: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Split, the current screen's files may still be on their way: hydration waits for them.
    #[cfg(feature = "split")]
    leptos::mount::hydrate_lazy(app::App);
    #[cfg(not(feature = "split"))]
    leptos::mount::hydrate_body(app::App);
}
