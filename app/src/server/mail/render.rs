//! How a message is laid out: its words from the same Fluent files as the pages, the HTML
//! part from a template (`templates/mail/body.html`) that escapes every value. Recipients
//! have no language on record, so each message carries every language the app speaks,
//! English first; the subject is English (ASCII subjects survive every mail client unencoded).

use super::OutgoingEmail;
use askama::Template;
use fluent_templates::fluent_bundle::FluentValue;
pub(super) use fluent_templates::LanguageIdentifier;
use fluent_templates::Loader;
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

pub(super) type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

/// Builds message arguments: `args([("partner", name.into())])`.
pub(super) fn args<const N: usize>(pairs: [(&'static str, String); N]) -> Args {
    pairs
        .into_iter()
        .map(|(name, value)| (Cow::Borrowed(name), FluentValue::from(value)))
        .collect()
}

/// A message id in one language (for names inside arguments: types, roles).
pub(super) fn tr(language: &LanguageIdentifier, id: &str) -> String {
    LOCALES.lookup(language, id)
}

/// The relationship's types in `language`, or that it has none.
pub(super) fn relationship_types(
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
pub(super) fn tr_args(language: &LanguageIdentifier, id: &str, args: Args) -> String {
    LOCALES.lookup_with_args(language, id, &args)
}

/// What a message says, as message ids.
pub(super) struct MailText<'a> {
    pub subject: &'a str,
    pub paragraphs: &'a [&'a str],
    /// Text someone typed (a customer's needs, a partner's message), quoted as is.
    pub quote: Option<&'a str>,
    /// The link's label (a message id) and address.
    pub link: Option<(&'a str, &'a str)>,
}

/// The HTML part of a message: one `<div lang>` per language, separated by rules.
#[derive(Template)]
#[template(path = "mail/body.html")]
struct HtmlBody<'a> {
    parts: &'a [Part<'a>],
}

/// A message in one language; each text as its lines (a line break becomes `<br>`).
struct Part<'a> {
    language: &'a LanguageIdentifier,
    paragraphs: Vec<Vec<&'a str>>,
    quote: Option<Vec<&'a str>>,
    /// The label and the address.
    link: Option<(&'a str, &'a str)>,
}

/// Text made safe inside HTML, in an element or in any attribute: the app's one HTML
/// escaper, html-escape's, which writes the named entities (`&lt;`, `&amp;`, `&quot;`) the
/// messages always had, where askama's own writes numeric ones (`&#60;`).
pub fn escape_html(text: &str) -> Cow<'_, str> {
    html_escape::encode_quoted_attribute(text)
}

/// The escaper of the mail templates (`askama.toml`): `escape_html`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

impl askama::filters::Escaper for Html {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, text: &str) -> std::fmt::Result {
        dest.write_str(&escape_html(text))
    }
}

impl<'a> MailText<'a> {
    /// A message without quote or link.
    pub const fn notice(subject: &'a str, paragraphs: &'a [&'a str]) -> Self {
        Self {
            subject,
            paragraphs,
            quote: None,
            link: None,
        }
    }

    /// The message, with arguments for each language; its recipient is set when queued.
    pub fn render(&self, args: impl Fn(&LanguageIdentifier) -> Args) -> OutgoingEmail {
        let [english, _] = languages();
        let subject = LOCALES.lookup_with_args(&english, self.subject, &args(&english));
        let words: Vec<Words> = languages()
            .into_iter()
            .map(|language| {
                let args = args(&language);
                let lookup = |id: &str| LOCALES.lookup_with_args(&language, id, &args);
                let paragraphs = self.paragraphs.iter().map(|id| lookup(id)).collect();
                let label = self.link.map(|(label, _)| lookup(label));
                Words {
                    language,
                    paragraphs,
                    label,
                }
            })
            .collect();
        OutgoingEmail {
            recipient: String::new(),
            subject,
            body_text: self.text_body(&words),
            body_html: self.html_body(&words),
        }
    }

    fn text_body(&self, words: &[Words]) -> String {
        let parts: Vec<String> = words
            .iter()
            .map(|words| {
                let mut text = words.paragraphs.join("\n\n");
                if let Some(quote) = self.quote {
                    text.push_str(&format!("\n\n{quote}"));
                }
                if let (Some(label), Some((_, href))) = (&words.label, self.link) {
                    text.push_str(&format!("\n\n{label}: {href}"));
                }
                text
            })
            .collect();
        parts.join("\n\n----\n\n") + "\n"
    }

    fn html_body(&self, words: &[Words]) -> String {
        let parts: Vec<Part<'_>> = words
            .iter()
            .map(|words| Part {
                language: &words.language,
                paragraphs: words.paragraphs.iter().map(|p| lines(p)).collect(),
                quote: self.quote.map(lines),
                link: words.label.as_deref().zip(self.link.map(|(_, href)| href)),
            })
            .collect();
        // Rendering writes into a String and every value (texts, a language tag) displays
        // infallibly, so it can't fail.
        HtmlBody { parts: &parts }.render().unwrap_or_default()
    }
}

/// A text's lines: a line break in a paragraph or a quote is `<br>` in HTML.
fn lines(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

/// A message's words in one language.
struct Words {
    language: LanguageIdentifier,
    paragraphs: Vec<String>,
    /// The link's label.
    label: Option<String>,
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

    /// Every part of a message as the mail always read, to the byte: html-escape writes an
    /// apostrophe `&#x27;` where the escaper before it wrote `&#39;`, the same character.
    #[test]
    fn a_message_reads_as_it_always_did() {
        let mail = MailText {
            subject: "mail-invitation-subject",
            paragraphs: &["mail-invitation-body", "mail-invitation-expiry"],
            quote: Some("Line <1> & \"2\"\nit's line 2"),
            link: Some((
                "mail-invitation-link",
                "https://partnerhub.example/invitation/a?b=1&c=2",
            )),
        };
        let email = mail.render(|language| {
            args([
                ("partner", "Fabrikam & <Co>".to_owned()),
                ("tenant", "Contoso".to_owned()),
                ("type", tr(language, "relationship-reseller")),
                ("roles", "Roles\nhere.".to_owned()),
                ("date", "2026-01-01".to_owned()),
            ])
        });
        assert_eq!(
            email.subject,
            "Fabrikam & <Co> invites Contoso to a partner relationship"
        );
        assert_eq!(email.body_text, "Fabrikam & <Co> asks to work with Contoso as: Reseller. Roles\nhere.\n\nThe link works once and expires on 2026-01-01. If you don't want to give these roles, cancel the invitation on that page instead of accepting it.\n\nLine <1> & \"2\"\nit's line 2\n\nReview and accept the invitation: https://partnerhub.example/invitation/a?b=1&c=2\n\n----\n\nFabrikam & <Co> 希望以\"经销商\"的身份与 Contoso 合作。Roles\nhere.\n\n此链接只能使用一次，将于 2026-01-01 过期。如果你不希望向合作伙伴提供这些角色，请在该页面上取消邀请，而不是接受邀请。\n\nLine <1> & \"2\"\nit's line 2\n\n查看并接受邀请: https://partnerhub.example/invitation/a?b=1&c=2\n");
        assert_eq!(email.body_html, "<div lang=\"en\"><p>Fabrikam &amp; &lt;Co&gt; asks to work with Contoso as: Reseller. Roles<br>here.</p><p>The link works once and expires on 2026-01-01. If you don&#x27;t want to give these roles, cancel the invitation on that page instead of accepting it.</p><blockquote>Line &lt;1&gt; &amp; &quot;2&quot;<br>it&#x27;s line 2</blockquote><p><a href=\"https://partnerhub.example/invitation/a?b=1&amp;c=2\">Review and accept the invitation</a></p></div><hr><div lang=\"zh-CN\"><p>Fabrikam &amp; &lt;Co&gt; 希望以&quot;经销商&quot;的身份与 Contoso 合作。Roles<br>here.</p><p>此链接只能使用一次，将于 2026-01-01 过期。如果你不希望向合作伙伴提供这些角色，请在该页面上取消邀请，而不是接受邀请。</p><blockquote>Line &lt;1&gt; &amp; &quot;2&quot;<br>it&#x27;s line 2</blockquote><p><a href=\"https://partnerhub.example/invitation/a?b=1&amp;c=2\">查看并接受邀请</a></p></div>");
    }
}
