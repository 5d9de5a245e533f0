//! The browser side: hydrates the server-rendered page.

use leptos::prelude::document;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Hydration waits for what the page needs first: in a split build (`split` feature) the
    // current screen's files may still be on their way.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = document().body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // The whole page is live now, the screen included: browser tests and the page-load
        // budget wait for this mark.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
