//! HTTP middleware of our own: refusing cross-site writes, and giving server-function
//! errors their real status code.

use app::error::AppError;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Leptos adds no defence against a form on another site posting to a server function with
/// the user's cookie. Browsers say where a request came from (`Sec-Fetch-Site`, else
/// `Origin`); any state-changing request from elsewhere is refused.
pub async fn refuse_cross_site_writes(
    State(public_url): State<Arc<url::Url>>,
    request: Request,
    next: Next,
) -> Response {
    let safe_method = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe_method && is_cross_site(request.headers(), &public_url) {
        tracing::warn!(
            method = %request.method(),
            path = %loggable_path(request.uri().path()),
            origin = ?request.headers().get(header::ORIGIN),
            "refused cross-site request"
        );
        return (
            StatusCode::FORBIDDEN,
            "Cross-site requests are not allowed.",
        )
            .into_response();
    }
    next.run(request).await
}

fn is_cross_site(headers: &HeaderMap, public_url: &url::Url) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        // "none" is the user acting directly (typed URL, bookmark).
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match headers
        .get(header::ORIGIN)
        .and_then(|origin| origin.to_str().ok())
    {
        // Non-browser clients send neither header; browsers always send one on a POST.
        None => false,
        Some(origin) => {
            let same_as_public = public_url.origin().ascii_serialization() == origin;
            let same_as_host = headers
                .get(header::HOST)
                .and_then(|host| host.to_str().ok())
                .is_some_and(|host| {
                    origin == format!("http://{host}") || origin == format!("https://{host}")
                });
            !(same_as_public || same_as_host)
        }
    }
}

/// Server functions answer every error with 500. This reads the `AppError` in the body and
/// answers with its own status (422 for a refused field, 403 for a missing role, …).
pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_server_fn_error = response
        .headers()
        .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
        && response.status() == StatusCode::INTERNAL_SERVER_ERROR;
    if !is_server_fn_error {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let AppError::TooManyRequests { retry_after_secs } = error {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A request path as logs may keep it: an invitation link's secret is cut off.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match path.strip_prefix("/invitation/") {
        Some(secret) if !secret.is_empty() => "/invitation/…".into(),
        _ => path.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    header::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    fn public_url() -> url::Url {
        url::Url::parse("https://partnerhub.example").expect("valid URL")
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(!is_cross_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &public_url()
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &public_url()
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            &public_url()
        ));
    }

    #[test]
    fn otherwise_the_origin_must_be_ours() {
        assert!(!is_cross_site(
            &headers(&[("origin", "https://partnerhub.example")]),
            &public_url()
        ));
        assert!(!is_cross_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            &public_url()
        ));
        assert!(is_cross_site(
            &headers(&[("origin", "https://evil.example")]),
            &public_url()
        ));
        assert!(is_cross_site(
            &headers(&[("origin", "null")]),
            &public_url()
        ));
    }

    #[test]
    fn requests_without_either_header_are_not_from_a_browser() {
        assert!(!is_cross_site(&HeaderMap::new(), &public_url()));
    }

    #[test]
    fn invitation_secrets_stay_out_of_logs() {
        assert_eq!(loggable_path("/invitation/abc"), "/invitation/…");
        assert_eq!(loggable_path("/invitations"), "/invitations");
        assert_eq!(loggable_path("/leads/3"), "/leads/3");
    }
}
