//! Free text typed into a form: trimmed, bounded, and free of control characters. A NUL is
//! refused by PostgreSQL and breaks SQLite's checks; other control characters hide text from
//! the people who read it later (a lead, an audit log, a mail).

use super::Invalid;

/// Whether line breaks and tabs are part of the text (a description) or not (a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// Refuses C0 and C1 control characters (and DEL); a multi-line text keeps newline,
/// carriage return and tab.
pub fn without_controls(text: &str, lines: Lines) -> Result<(), Invalid> {
    let allowed = |c: char| lines == Lines::Many && matches!(c, '\n' | '\r' | '\t');
    match text.chars().any(|c| c.is_control() && !allowed(c)) {
        true => Err(Invalid::ControlCharacter),
        false => Ok(()),
    }
}

/// Required single-line text of at most `max` characters, trimmed.
pub fn required_text(raw: &str, max: usize) -> Result<String, Invalid> {
    bounded(raw, max, Lines::One)?.ok_or(Invalid::Required)
}

/// Required text of several lines (a description, a comment), at most `max` characters.
pub fn required_multiline_text(raw: &str, max: usize) -> Result<String, Invalid> {
    bounded(raw, max, Lines::Many)?.ok_or(Invalid::Required)
}

/// Single-line text that may be left empty (`None`).
pub fn optional_text(raw: &str, max: usize) -> Result<Option<String>, Invalid> {
    bounded(raw, max, Lines::One)
}

/// Multi-line text that may be left empty (`None`).
pub fn optional_multiline_text(raw: &str, max: usize) -> Result<Option<String>, Invalid> {
    bounded(raw, max, Lines::Many)
}

fn bounded(raw: &str, max: usize, lines: Lines) -> Result<Option<String>, Invalid> {
    // Measured in bytes first: a megabyte of text is refused without counting its characters.
    if raw.len() > max.saturating_mul(4).saturating_add(1024) {
        return Err(Invalid::TooLong);
    }
    let text = raw.trim();
    without_controls(text, lines)?;
    match text {
        "" => Ok(None),
        text if text.chars().count() > max => Err(Invalid::TooLong),
        text => Ok(Some(text.to_owned())),
    }
}

/// A value a spreadsheet would read as a formula (a leading `=`, `+`, `-`, `@`, tab or carriage
/// return) gets a leading `'`, so opening an exported log never runs what a partner typed.
pub fn defuse_spreadsheet_formula(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_formulas_are_defused() {
        assert_eq!(defuse_spreadsheet_formula("plain"), "plain");
        assert_eq!(defuse_spreadsheet_formula("a-b"), "a-b");
        for formula in ["=SUM(A1)", "+1", "-1+2", "@cmd", "\t=1", "\r=1"] {
            assert!(
                defuse_spreadsheet_formula(formula).starts_with('\''),
                "{formula:?}"
            );
        }
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            required_text("  Printer down ", 200),
            Ok("Printer down".to_owned())
        );
        assert_eq!(required_text("   ", 200), Err(Invalid::Required));
        assert_eq!(required_text(&"x".repeat(201), 200), Err(Invalid::TooLong));
        assert_eq!(
            required_text(&"x".repeat(1_000_000), 200),
            Err(Invalid::TooLong)
        );
        assert_eq!(optional_text("  ", 10), Ok(None));
    }

    #[test]
    fn control_characters_are_refused() {
        for text in [
            "a\0b", "\0lead", "a\u{7}b", "a\u{7f}b", "a\u{85}b", "a\u{9b}b",
        ] {
            assert_eq!(
                required_text(text, 200),
                Err(Invalid::ControlCharacter),
                "{text:?}"
            );
            assert_eq!(
                required_multiline_text(text, 200),
                Err(Invalid::ControlCharacter),
                "{text:?}"
            );
        }
    }

    #[test]
    fn only_multi_line_text_keeps_line_breaks_and_tabs() {
        let text = "line one\r\nline two\tend";
        assert_eq!(required_multiline_text(text, 200), Ok(text.to_owned()));
        assert_eq!(required_text(text, 200), Err(Invalid::ControlCharacter));
    }

    #[test]
    fn every_script_is_text() {
        for text in ["सेवा", "ภาษาไทย", "שָׁלוֹם", "مرحبا", "云迁移", "😀", "Über"]
        {
            assert_eq!(required_text(text, 200), Ok(text.to_owned()));
        }
    }
}
