//! How a message is laid out: its words from the same Fluent files as the pages, the HTML
//! part from a template (`templates/mail/body.html`) that escapes every value. A message is
//! written in every language the app speaks; each recipient gets the one they read, subject
//! included (the mailer encodes a subject that isn't ASCII).

use super::{Letter, OutgoingEmail};
use crate::domain::Language;
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

/// Fluent's name for a language.
fn identifier(language: Language) -> LanguageIdentifier {
    match language {
        Language::English => fluent_templates::langid!("en"),
        Language::SimplifiedChinese => fluent_templates::langid!("zh-CN"),
    }
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

/// The HTML part of a message in one language; each text as its lines (a line break becomes
/// `<br>`).
#[derive(Template)]
#[template(path = "mail/body.html")]
struct HtmlBody<'a> {
    language: &'a str,
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

    /// The message in every language, each with its own arguments.
    pub fn render(&self, args: impl Fn(&LanguageIdentifier) -> Args) -> OutgoingEmail {
        OutgoingEmail {
            english: self.letter(Language::English, &args),
            simplified_chinese: self.letter(Language::SimplifiedChinese, &args),
        }
    }

    fn letter(&self, language: Language, args: &impl Fn(&LanguageIdentifier) -> Args) -> Letter {
        let identifier = identifier(language);
        let args = args(&identifier);
        let lookup = |id: &str| LOCALES.lookup_with_args(&identifier, id, &args);
        let paragraphs: Vec<String> = self.paragraphs.iter().map(|id| lookup(id)).collect();
        let label = self.link.map(|(label, _)| lookup(label));
        Letter {
            subject: lookup(self.subject),
            body_text: self.text_body(&paragraphs, label.as_deref()),
            body_html: self.html_body(language, &paragraphs, label.as_deref()),
        }
    }

    fn text_body(&self, paragraphs: &[String], label: Option<&str>) -> String {
        let mut text = paragraphs.join("\n\n");
        if let Some(quote) = self.quote {
            text.push_str(&format!("\n\n{quote}"));
        }
        if let (Some(label), Some((_, href))) = (label, self.link) {
            text.push_str(&format!("\n\n{label}: {href}"));
        }
        text + "\n"
    }

    fn html_body(&self, language: Language, paragraphs: &[String], label: Option<&str>) -> String {
        let body = HtmlBody {
            language: language.tag(),
            paragraphs: paragraphs.iter().map(|p| lines(p)).collect(),
            quote: self.quote.map(lines),
            link: label.zip(self.link.map(|(_, href)| href)),
        };
        // Rendering writes into a String and every value displays infallibly, so it can't
        // fail.
        body.render().unwrap_or_default()
    }
}

/// A text's lines: a line break in a paragraph or a quote is `<br>` in HTML.
fn lines(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reader_gets_the_message_in_their_language_alone_with_typed_text_escaped() {
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
        let english = email.in_language(Language::English);
        assert_eq!(english.subject, "Contoso cancelled your invitation");
        assert!(
            english.body_text.contains("(Reseller)"),
            "{}",
            english.body_text
        );
        assert!(
            !english.body_text.contains("经销商"),
            "{}",
            english.body_text
        );
        assert!(english.body_html.starts_with("<div lang=\"en\">"));
        let chinese = email.in_language(Language::SimplifiedChinese);
        assert!(chinese.subject.contains("Contoso"), "{}", chinese.subject);
        assert_ne!(chinese.subject, english.subject);
        assert!(
            chinese.body_text.contains("经销商"),
            "{}",
            chinese.body_text
        );
        assert!(
            !chinese.body_text.contains("Reseller"),
            "{}",
            chinese.body_text
        );
        assert!(chinese.body_html.starts_with("<div lang=\"zh-CN\">"));
        for letter in [english, chinese] {
            assert!(letter.body_html.contains("&lt;b&gt;hi&lt;/b&gt;"));
            assert!(letter.body_html.contains("x?a=1&amp;b=2"));
            assert!(!letter.body_html.contains("<hr>"));
        }
    }

    /// Each letter to the byte: html-escape writes an apostrophe `&#x27;`.
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
        let english = email.in_language(Language::English);
        assert_eq!(
            english.subject,
            "Fabrikam & <Co> invites Contoso to a partner relationship"
        );
        assert_eq!(english.body_text, "Fabrikam & <Co> asks to work with Contoso as: Reseller. Roles\nhere.\n\nThe link works once and expires on 2026-01-01. If you don't want to give these roles, cancel the invitation on that page instead of accepting it.\n\nLine <1> & \"2\"\nit's line 2\n\nReview and accept the invitation: https://partnerhub.example/invitation/a?b=1&c=2\n");
        assert_eq!(english.body_html, "<div lang=\"en\"><p>Fabrikam &amp; &lt;Co&gt; asks to work with Contoso as: Reseller. Roles<br>here.</p><p>The link works once and expires on 2026-01-01. If you don&#x27;t want to give these roles, cancel the invitation on that page instead of accepting it.</p><blockquote>Line &lt;1&gt; &amp; &quot;2&quot;<br>it&#x27;s line 2</blockquote><p><a href=\"https://partnerhub.example/invitation/a?b=1&amp;c=2\">Review and accept the invitation</a></p></div>");
        let chinese = email.in_language(Language::SimplifiedChinese);
        assert_eq!(chinese.body_text, "Fabrikam & <Co> 希望以\"经销商\"的身份与 Contoso 合作。Roles\nhere.\n\n此链接只能使用一次，将于 2026-01-01 过期。如果你不希望向合作伙伴提供这些角色，请在该页面上取消邀请，而不是接受邀请。\n\nLine <1> & \"2\"\nit's line 2\n\n查看并接受邀请: https://partnerhub.example/invitation/a?b=1&c=2\n");
        assert_eq!(chinese.body_html, "<div lang=\"zh-CN\"><p>Fabrikam &amp; &lt;Co&gt; 希望以&quot;经销商&quot;的身份与 Contoso 合作。Roles<br>here.</p><p>此链接只能使用一次，将于 2026-01-01 过期。如果你不希望向合作伙伴提供这些角色，请在该页面上取消邀请，而不是接受邀请。</p><blockquote>Line &lt;1&gt; &amp; &quot;2&quot;<br>it&#x27;s line 2</blockquote><p><a href=\"https://partnerhub.example/invitation/a?b=1&amp;c=2\">查看并接受邀请</a></p></div>");
    }
}
