//! The words of every email, from the same Fluent files as the pages. Recipients have no
//! language on record, so each message carries every language the app speaks, English first;
//! the subject is English (ASCII subjects survive every mail client unencoded).

use super::db::outbox::{escape_html, OutgoingEmail};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages of a message, in the order they appear.
fn languages() -> [LanguageIdentifier; 2] {
    [
        fluent_templates::langid!("en"),
        fluent_templates::langid!("zh-CN"),
    ]
}

pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

/// Builds message arguments: `args([("partner", name.into())])`.
pub fn args<const N: usize>(pairs: [(&'static str, String); N]) -> Args {
    pairs
        .into_iter()
        .map(|(name, value)| (Cow::Borrowed(name), FluentValue::from(value)))
        .collect()
}

/// A message id in one language (for names inside arguments: types, roles).
pub fn tr(language: &LanguageIdentifier, id: &str) -> String {
    LOCALES.lookup(language, id)
}

/// The relationship's types in `language`, or that it has none.
pub fn relationship_types(
    language: &LanguageIdentifier,
    types: crate::domain::RelationshipTypes,
) -> String {
    let shown = types.shown();
    if shown.is_empty() {
        return tr(language, "relationship-no-type");
    }
    shown
        .iter()
        .map(|kind| tr(language, kind.message_id()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A message id with arguments in one language.
pub fn tr_args(language: &LanguageIdentifier, id: &str, args: Args) -> String {
    LOCALES.lookup_with_args(language, id, &args)
}

/// What a message says, as message ids.
pub struct MailText<'a> {
    pub subject: &'a str,
    pub paragraphs: &'a [&'a str],
    /// Text someone typed (a customer's needs, a partner's message), quoted as is.
    pub quote: Option<&'a str>,
    /// The link's label (a message id) and address.
    pub link: Option<(&'a str, &'a str)>,
}

impl MailText<'_> {
    /// The message to `recipient`, with arguments for each language.
    pub fn render(&self, args: impl Fn(&LanguageIdentifier) -> Args) -> OutgoingEmail {
        let [english, _] = languages();
        let subject = LOCALES.lookup_with_args(&english, self.subject, &args(&english));
        let mut body_text = Vec::new();
        let mut body_html = Vec::new();
        for language in languages() {
            let args = args(&language);
            let paragraphs: Vec<String> = self
                .paragraphs
                .iter()
                .map(|id| LOCALES.lookup_with_args(&language, id, &args))
                .collect();
            let mut text = paragraphs.join("\n\n");
            let mut html: String = paragraphs
                .iter()
                .map(|p| format!("<p>{}</p>", escape_html(p).replace('\n', "<br>")))
                .collect();
            if let Some(quote) = self.quote {
                text.push_str(&format!("\n\n{quote}"));
                html.push_str(&format!(
                    "<blockquote>{}</blockquote>",
                    escape_html(quote).replace('\n', "<br>")
                ));
            }
            if let Some((label, href)) = self.link {
                let label = LOCALES.lookup_with_args(&language, label, &args);
                text.push_str(&format!("\n\n{label}: {href}"));
                html.push_str(&format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    escape_html(href),
                    escape_html(&label)
                ));
            }
            body_text.push(text);
            body_html.push(format!("<div lang=\"{language}\">{html}</div>"));
        }
        OutgoingEmail {
            recipient: String::new(),
            subject,
            body_text: body_text.join("\n\n----\n\n") + "\n",
            body_html: body_html.join("<hr>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_reads_in_english_then_chinese_with_typed_text_escaped() {
        let mail = MailText {
            subject: "mail-declined-subject",
            paragraphs: &["mail-declined-body"],
            quote: Some("<b>hi</b>"),
            link: Some((
                "mail-invitation-link",
                "https://partnerhub.example/x?a=1&b=2",
            )),
        };
        let email = mail.render(|language| {
            args([
                ("tenant", "Contoso".to_owned()),
                ("type", tr(language, "relationship-reseller")),
            ])
        });
        assert_eq!(email.subject, "Contoso cancelled your invitation");
        assert!(
            email.body_text.contains("(Reseller)"),
            "{}",
            email.body_text
        );
        assert!(email.body_text.contains("经销商"), "{}", email.body_text);
        assert!(email.body_html.contains("&lt;b&gt;hi&lt;/b&gt;"));
        assert!(email.body_html.contains("x?a=1&amp;b=2"));
        assert!(email.body_html.contains("<div lang=\"zh-CN\">"));
    }
}
