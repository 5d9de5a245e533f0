//! A form the browser posts by itself (before the WebAssembly has loaded, or without it) gets a
//! page back, not data: after success the server sends it on to the page that shows the result.
//! A call from the WebAssembly gets its answer as usual, and its page shows the result itself.

use axum::http::{header::ACCEPT, request::Parts};
use leptos::prelude::use_context;

/// After a plain form post, sends the browser to `path` (a path inside this app).
pub fn after_plain_form_go_to(path: &str) {
    let plain_form = use_context::<Parts>().is_some_and(|request| {
        request
            .headers
            .get(ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    });
    if plain_form {
        leptos_axum::redirect(path);
    }
}
