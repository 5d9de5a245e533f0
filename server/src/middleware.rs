//! HTTP middleware of our own: refusing cross-site writes, bounding and checking what a
//! server function is sent, and giving server-function errors their real status code.

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

/// The largest body a server function is sent: the contact form (4,000 characters of
/// business needs, percent-encoded at up to 12 bytes each, and ten short fields) fits twice.
pub const MAX_BODY_BYTES: usize = 128 * 1024;

/// What a server function is sent, checked before anything reads it: a body over
/// `MAX_BODY_BYTES` is 413; a form or query that isn't percent-encoded UTF-8 is 400; a value
/// holding a control character (other than a line break or tab) is 422, naming the field.
/// The fields' own parsing says more (a line break in a name); this is the floor for every
/// function, including the ones whose arguments are not free text.
pub async fn check_server_fn_input(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    if let Some(query) = request.uri().query() {
        if let Err(refusal) = check_form(query.as_bytes()) {
            return refusal.into_response();
        }
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return InputRefusal::TooLarge.into_response();
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| {
            value
                .as_bytes()
                .starts_with(b"application/x-www-form-urlencoded")
        });
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(error) if exceeded_limit(&error) => return InputRefusal::TooLarge.into_response(),
        Err(_) => return InputRefusal::Malformed.into_response(),
    };
    if is_form {
        if let Err(refusal) = check_form(&bytes) {
            return refusal.into_response();
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn exceeded_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = source {
        if error.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = error.source();
    }
    false
}

#[derive(Debug, PartialEq, Eq)]
enum InputRefusal {
    TooLarge,
    Malformed,
    ControlCharacter { field: String },
}

impl IntoResponse for InputRefusal {
    fn into_response(self) -> Response {
        let (status, error) = match self {
            InputRefusal::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, AppError::BadRequest),
            InputRefusal::Malformed => (StatusCode::BAD_REQUEST, AppError::BadRequest),
            InputRefusal::ControlCharacter { field } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                AppError::field(&field, app::domain::Invalid::ControlCharacter.message_id()),
            ),
        };
        tracing::warn!(%status, ?error, "refused server function input");
        let body = serde_json::to_string(&error).unwrap_or_default();
        (
            status,
            [
                (header::CONTENT_TYPE, "application/json"),
                (
                    header::HeaderName::from_static(
                        leptos::server_fn::error::SERVER_FN_ERROR_HEADER,
                    ),
                    "true",
                ),
            ],
            body,
        )
            .into_response()
    }
}

/// Checks every `name=value` pair of an `application/x-www-form-urlencoded` text.
fn check_form(form: &[u8]) -> Result<(), InputRefusal> {
    for pair in form
        .split(|byte| *byte == b'&')
        .filter(|pair| !pair.is_empty())
    {
        let (name, value) = match pair.iter().position(|byte| *byte == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let name = decode_form_text(name)?;
        let value = decode_form_text(value)?;
        if app::domain::without_controls(&value, app::domain::Lines::Many).is_err()
            || app::domain::without_controls(&name, app::domain::Lines::Many).is_err()
        {
            return Err(InputRefusal::ControlCharacter {
                field: field_name(&name).to_owned(),
            });
        }
    }
    Ok(())
}

fn decode_form_text(raw: &[u8]) -> Result<String, InputRefusal> {
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|byte| if *byte == b'+' { b' ' } else { *byte })
        .collect();
    percent_encoding::percent_decode(&plus_as_space)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| InputRefusal::Malformed)
}

/// The field a form name stands for: `params[q]` (a search's nested fields) is `q`, and
/// `services[]` (a list's entries) is `services`.
fn field_name(name: &str) -> &str {
    let name = name.strip_suffix("[]").unwrap_or(name);
    name.rsplit('[')
        .next()
        .map(|last| last.trim_end_matches(']'))
        .filter(|last| !last.is_empty())
        .unwrap_or(name)
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
    fn form_values_are_utf8_without_control_characters() {
        assert_eq!(
            check_form(b"email=a%40b.example&business_needs=line+one%0D%0Aline%09two"),
            Ok(())
        );
        assert_eq!(
            check_form(b"email=a%40b.example&company=Con%00toso"),
            Err(InputRefusal::ControlCharacter {
                field: "company".into()
            })
        );
        assert_eq!(
            check_form(b"params%5Bq%5D=cloud%1B"),
            Err(InputRefusal::ControlCharacter { field: "q".into() })
        );
        assert_eq!(
            check_form(b"city=%C2%85"),
            Err(InputRefusal::ControlCharacter {
                field: "city".into()
            })
        );
        assert_eq!(check_form(b"company=%FF%FE"), Err(InputRefusal::Malformed));
        assert_eq!(check_form(b"company=%E4%BA%91"), Ok(()));
    }

    #[test]
    fn invitation_secrets_stay_out_of_logs() {
        assert_eq!(loggable_path("/invitation/abc"), "/invitation/…");
        assert_eq!(loggable_path("/invitations"), "/invitations");
        assert_eq!(loggable_path("/leads/3"), "/leads/3");
    }
}
