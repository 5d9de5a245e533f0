//! Every visible string goes through Fluent (`app/locales/<lang>/main.ftl`). The language
//! comes from the `lang` cookie, else the browser's Accept-Language, else English.

use leptos::prelude::*;
pub use leptos_fluent::{move_tr, tr, I18n};

#[component]
pub fn I18nProvider(children: Children) -> impl IntoView {
    leptos_fluent::leptos_fluent! {
        children: children(),
        locales: "./locales",
        default_language: "en",
        // No Unicode isolation marks around arguments: names read (and match) as typed.
        customise: |bundle| bundle.set_use_isolating(false),
        cookie_name: "lang",
        cookie_attrs: "Path=/; Max-Age=31536000; SameSite=Lax",
        initial_language_from_cookie: true,
        set_language_to_cookie: true,
        initial_language_from_accept_language_header: true,
        sync_html_tag_lang: true,
    }
}

/// Translates a message id chosen at run time (errors, roles, sizes).
pub fn tr_id(id: &str) -> String {
    expect_context::<I18n>().tr(id)
}

/// Places served, each "city, region, country" in the current language, separated by "; ".
pub fn locations(locations: &[crate::domain::Location]) -> String {
    locations
        .iter()
        .map(|l| {
            [l.city.clone(), l.region.clone(), Some(country(l.country))]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A relationship's types by their product names in the current language, or that it has none.
pub fn relationship_types(types: crate::domain::RelationshipTypes) -> String {
    let shown = types.shown();
    if shown.is_empty() {
        return tr_id("relationship-no-type");
    }
    names(shown.iter().map(|kind| kind.message_id()))
}

/// Role names (by message id) in the current language, or "None".
pub fn roles<'a>(message_ids: impl IntoIterator<Item = &'a str>) -> String {
    let joined = names(message_ids);
    if joined.is_empty() {
        tr_id("roles-none")
    } else {
        joined
    }
}

fn names<'a>(message_ids: impl IntoIterator<Item = &'a str>) -> String {
    message_ids
        .into_iter()
        .map(tr_id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A country's name in the current language.
pub fn country(code: crate::domain::CountryCode) -> String {
    crate::domain::country_name(code, expect_context::<I18n>().language.get().id)
}

#[cfg(test)]
mod tests {
    use crate::domain::{AdminRole, Invalid, RelationshipType};
    use crate::error::{AppError, Needed};
    use std::collections::BTreeSet;

    fn message_ids(language: &str) -> BTreeSet<String> {
        let path = format!("{}/locales/{language}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        text.lines()
            .filter(|line| !line.starts_with(['#', ' ', '*', '[', '}']) && line.contains(" ="))
            .filter_map(|line| line.split(" =").next().map(str::to_owned))
            .collect()
    }

    /// Message ids written literally in the sources: `tr!`/`move_tr!` calls, `label=` props,
    /// and the `"…"` arms the access-denied page and the header choose from.
    fn literal_ids_in_sources() -> BTreeSet<String> {
        fn walk(dir: &std::path::Path, ids: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, ids);
                } else if path.extension().is_some_and(|ext| ext == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap_or_default();
                    for marker in [
                        "tr!(\"",
                        "label=\"",
                        "message=\"",
                        "=> \"access-",
                        "=> \"org-kind-",
                    ] {
                        let prefix = marker.split('"').nth(1).unwrap_or_default();
                        for call in source.split(marker).skip(1) {
                            if let Some(id) = call.split('"').next() {
                                ids.insert(format!("{prefix}{id}"));
                            }
                        }
                    }
                }
            }
        }
        let mut ids = BTreeSet::new();
        walk(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut ids,
        );
        ids
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        assert_eq!(message_ids("en"), message_ids("zh-CN"));
    }

    #[test]
    fn every_message_the_code_asks_for_exists() {
        let known = message_ids("en");
        let mut asked: BTreeSet<String> = literal_ids_in_sources();
        asked.extend(AdminRole::ALL.map(|role| role.message_id().to_owned()));
        asked.extend(RelationshipType::ALL.map(|kind| kind.message_id().to_owned()));
        asked.extend(
            crate::domain::AuditAction::ALL
                .into_iter()
                .chain(crate::domain::AuditAction::PARTNER_OWN)
                .map(crate::domain::AuditAction::message_id),
        );
        asked.extend(crate::domain::LeadStatus::ALL.map(|status| status.message_id().to_owned()));
        asked.extend(
            [
                "invalid-partner-unknown",
                "error-lead-status",
                "error-lead-changed",
                "lead-mark-contacted",
                "lead-mark-closed",
            ]
            .map(str::to_owned),
        );
        for invalid in [
            Invalid::Required,
            Invalid::TooLong,
            Invalid::TooShort,
            Invalid::EmailMalformed,
            Invalid::DomainMalformed,
            Invalid::CountryUnknown,
            Invalid::SizeUnknown,
            Invalid::Malformed,
            Invalid::TooManyPartners,
            Invalid::ConsentRequired,
            Invalid::PhoneMalformed,
        ] {
            asked.insert(invalid.message_id().to_owned());
        }
        for error in [
            AppError::BadRequest,
            AppError::Unauthorized,
            AppError::InvalidCredentials,
            AppError::Forbidden(Needed::PartnerAgent),
            AppError::Forbidden(Needed::AdminAgent),
            AppError::Forbidden(Needed::CustomerRole(vec![])),
            AppError::NotFound,
            AppError::TooManyRequests {
                retry_after_secs: 1,
            },
            AppError::Internal,
            AppError::Unreachable,
            AppError::Validation(vec![]),
        ] {
            asked.insert(error.message_id().to_owned());
        }
        let missing: Vec<_> = asked.difference(&known).collect();
        assert!(
            missing.is_empty(),
            "messages missing from the locales: {missing:?}"
        );
    }
}
