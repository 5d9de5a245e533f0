//! The WebAssembly files each group of screens needs (`app/src/routes.rs`), named in a page's
//! `<head>` as `<link rel="preload">`s so that they download beside the main file, not after
//! it has arrived and run. The split build (`cargo leptos build --split`) writes which files
//! each group needs to `pkg/__wasm_split_manifest.json`; without it (debug builds: one file)
//! there is nothing to name.
//!
//! Leptos can name them too, but it looks them up after rendering, outside the request's
//! reactive owner: measured on `/settings/partner-relationships`, eight loads in ten had none,
//! and the screen's files started only after the main one had run (`.ci/budgets`).

use leptos::prelude::*;
use leptos_meta::Link;
use std::collections::HashMap;
use std::path::Path;

/// Which files a group of screens needs, read from the site's split manifest at start-up.
#[derive(Debug, Default)]
pub struct ScreenFiles {
    /// A group's lazy function (`customer_admin_screen`) → its files, without `.wasm`.
    groups: HashMap<String, Vec<String>>,
}

/// The script that loads the split files (cargo-leptos names it so).
const LOADER: &str = "__wasm_split.______________________.js";

impl ScreenFiles {
    /// Reads `{site_root}/pkg/__wasm_split_manifest.json`; an absent or unreadable manifest
    /// names no files (the page still works, its screen's files just start later).
    pub fn read(site_root: &str) -> Self {
        let path = Path::new(site_root).join("pkg/__wasm_split_manifest.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Self::default();
        };
        match serde_json::from_str::<HashMap<String, Vec<String>>>(&text) {
            Ok(manifest) => Self::from_manifest(manifest),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "unreadable split manifest: no screen files preloaded");
                Self::default()
            }
        }
    }

    /// The manifest's keys are the lazy function's name and a hash of where it is declared
    /// (`customer_admin_screen_11673902633348633038`); the hash is dropped.
    fn from_manifest(manifest: HashMap<String, Vec<String>>) -> Self {
        let groups = manifest
            .into_iter()
            .filter_map(|(key, files)| {
                let (group, hash) = key.rsplit_once('_')?;
                hash.bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| (group.to_owned(), files))
            })
            .collect();
        Self { groups }
    }

    fn files(&self, group: &str) -> &[String] {
        self.groups.get(group).map_or(&[], Vec::as_slice)
    }
}

/// Names the files of `group` for preloading in the page being rendered (during its render:
/// the `<head>` is written after the body).
pub fn preload(group: &str) {
    let Some(state) = use_context::<super::state::AppState>() else {
        return;
    };
    let files = state.screen_files.files(group);
    if files.is_empty() {
        return;
    }
    let pkg = format!("/{}", state.leptos_options.site_pkg_dir);
    for file in files {
        // `fetch()` fetches them (CORS mode, same-origin credentials): an anonymous preload
        // is the one it reuses.
        _ = view! {
            <Link
                rel="preload"
                href=format!("{pkg}/{file}.wasm")
                as_="fetch"
                type_="application/wasm"
                crossorigin="anonymous"
            />
        }
        .to_html();
    }
    _ = view! { <Link rel="modulepreload" href=format!("{pkg}/{LOADER}") /> }.to_html();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_named_without_the_hash() {
        let manifest = HashMap::from([
            (
                "customer_admin_screen_11673902633348633038".to_owned(),
                vec![
                    "chunk_6".to_owned(),
                    "split_customer_admin_screen_1".to_owned(),
                ],
            ),
            ("not_a_group_key".to_owned(), vec!["chunk_7".to_owned()]),
        ]);
        let files = ScreenFiles::from_manifest(manifest);
        assert_eq!(
            files.files("customer_admin_screen"),
            ["chunk_6", "split_customer_admin_screen_1"]
        );
        assert!(files.files("customer_admin").is_empty());
        assert!(files.files("not_a_group").is_empty());
    }

    #[test]
    fn no_manifest_names_no_files() {
        let files = ScreenFiles::read("/nonexistent");
        assert!(files.files("directory_screen").is_empty());
    }
}
