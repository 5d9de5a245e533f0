//! The Content-Security-Policy: the app's own scripts and wasm, and nothing else.

use leptos::prelude::*;

/// The policy for a page whose inline bootstrap script carries `nonce`; without a nonce
/// (static files, API answers) no inline script runs at all.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let inline = nonce
        .map(|nonce| format!(" 'nonce-{nonce}'"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{inline} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Sends the policy for the page being rendered, naming this response's nonce.
pub fn send_content_security_policy() {
    let nonce = leptos::nonce::use_nonce();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) =
            axum::http::HeaderValue::from_str(&content_security_policy(nonce.as_deref()))
        {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}
