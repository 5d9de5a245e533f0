//! `/dev/mail`: the messages the file transport wrote, for development without an SMTP
//! server. Mounted only then, and never when the app is served over https.

use app::server::mail::escape_html;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::PathBuf;
use std::sync::Arc;

pub fn routes<S: Clone + Send + Sync + 'static>(folder: PathBuf) -> Router<S> {
    Router::new()
        .route("/dev/mail", get(list))
        .route("/dev/mail/{file}", get(show))
        .with_state(Arc::new(folder))
}

async fn list(State(folder): State<Arc<PathBuf>>) -> Html<String> {
    let mut files: Vec<String> = std::fs::read_dir(folder.as_ref())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| is_message_file(name))
        .collect();
    files.sort_unstable_by(|a, b| b.cmp(a));
    let rows: String = files
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(folder.join(name)).unwrap_or_default();
            let header = |key: &str| {
                text.lines()
                    .find_map(|line| line.strip_prefix(key))
                    .map(str::trim)
                    .unwrap_or_default()
                    .to_owned()
            };
            format!(
                "<tr><td><a href=\"/dev/mail/{name}\">{name}</a></td><td>{}</td><td>{}</td></tr>",
                escape_html(&header("To:")),
                escape_html(&header("Subject:"))
            )
        })
        .collect();
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mail · Partnerhub (development)</title></head>\
         <body><main><h1>Delivered mail (development)</h1><table><thead><tr><th>File</th><th>To</th><th>Subject</th></tr></thead>\
         <tbody>{rows}</tbody></table></main></body></html>"
    ))
}

async fn show(State(folder): State<Arc<PathBuf>>, Path(file): Path<String>) -> Response {
    if !is_message_file(&file) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(folder.join(&file)).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Only names the file transport writes (`00000042.eml`): no paths, no other files.
fn is_message_file(name: &str) -> bool {
    name.strip_suffix(".eml")
        .is_some_and(|stem| !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_message_files_are_served() {
        assert!(super::is_message_file("00000042.eml"));
        assert!(!super::is_message_file("../secret.eml"));
        assert!(!super::is_message_file("partnerhub.db"));
        assert!(!super::is_message_file(".eml"));
    }
}
