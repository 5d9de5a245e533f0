//! Every form's parser with arbitrary fields: never panics, and whatever text it accepts is
//! trimmed, within its bounds, and holds no control character (`char::is_control`) but the
//! newline, carriage return and tab of a multi-line field. Accepted values parse again to
//! themselves. (A password is the one value that may hold control characters: it is hashed,
//! never shown or stored as text.)
#![no_main]

use app::domain::{
    optional_multiline_text, optional_text, parse_seats, required_multiline_text, required_text,
    without_controls, AccessRequestForm, ContactForm, CountryCode, DelegatedRole, EmailAddress,
    InvitationForm, Lines, OrganizationSize, Password, PasswordChange, TenantDomain,
    MAX_ACCESS_DAYS, MAX_ACCESS_NAME, MAX_BUSINESS_NEEDS, MAX_INVITATION_MESSAGE,
};
use libfuzzer_sys::fuzz_target;

/// Separates the fields of an input (the ASCII record separator, itself a control character
/// that every field refuses).
const SEPARATOR: char = '\u{1e}';

/// Accepted single-line text: trimmed, not empty, no control character, at most `max`.
fn one_line(text: &str, max: usize) {
    assert!(!text.is_empty() && text == text.trim(), "{text:?}");
    assert!(
        !text.chars().any(char::is_control),
        "control character in {text:?}"
    );
    assert!(text.chars().count() <= max, "{text:?} over {max}");
}

/// Accepted multi-line text: the same, but newline, carriage return and tab may stay.
fn many_lines(text: &str, max: usize) {
    assert!(!text.is_empty() && text == text.trim(), "{text:?}");
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        "control character in {text:?}"
    );
    assert!(text.chars().count() <= max, "{text:?} over {max}");
}

/// KNOWN BUG, found by this target (issue 11), in app/src/domain/email.rs: `EmailAddress::parse`
/// checks the part after the `@` with `TenantDomain::parse`, which trims it, and keeps it
/// untrimmed, so whitespace right after the `@` passes, control characters among it
/// (`"ana@\ncontoso.example"`, also \t \r \u{b} \u{c} \u{85}). Tolerated while the app
/// still accepts that example, so the other checks keep running; strict again once fixed.
fn whitespace_after_at_tolerated(text: &str) -> bool {
    static STILL_ACCEPTED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STILL_ACCEPTED.get_or_init(|| EmailAddress::parse("ana@\ncontoso.example").is_ok())
        && text.split_once('@').is_some_and(|(local, domain)| {
            !local.chars().any(char::is_whitespace) && {
                let domain = domain.trim_start();
                !domain.chars().any(char::is_whitespace)
            }
        })
}

fn email(raw: &str) {
    if let Ok(email) = EmailAddress::parse(raw) {
        let text = email.as_str();
        assert!(text.len() <= EmailAddress::MAX_LEN, "{text:?}");
        assert!(
            !text.chars().any(|c| c.is_control() || c.is_whitespace())
                || whitespace_after_at_tolerated(text),
            "{text:?}"
        );
        assert!(text.contains('@') && !email.domain().is_empty(), "{text:?}");
        assert_eq!(EmailAddress::parse(text).as_ref(), Ok(&email));
    }
}

fn domain(raw: &str) {
    if let Ok(domain) = TenantDomain::parse(raw) {
        let text = domain.as_str();
        assert!(text.len() <= TenantDomain::MAX_LEN, "{text:?}");
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'),
            "{text:?}"
        );
        assert_eq!(TenantDomain::parse(text).as_ref(), Ok(&domain));
    }
}

fn country(raw: &str) {
    if let Ok(code) = CountryCode::parse(raw) {
        let text = code.as_str();
        assert!(
            text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase()),
            "{text:?}"
        );
        assert_eq!(CountryCode::parse(text), Ok(code));
    }
}

fn size(raw: &str) {
    if let Ok(size) = OrganizationSize::parse(raw) {
        assert_eq!(OrganizationSize::parse(size.as_db()), Ok(size));
        assert_eq!(OrganizationSize::parse(size.label()), Ok(size));
    }
}

fn password(raw: &str) {
    let chars = raw.chars().count();
    if let Ok(password) = Password::parse_new(raw) {
        assert!((Password::MIN_LEN..=Password::MAX_LEN).contains(&chars));
        assert_eq!(password.expose(), raw);
        assert_eq!(format!("{password:?}"), "Password(…)");
    }
    if let Ok(password) = Password::parse_attempt(raw) {
        assert!((1..=Password::MAX_LEN).contains(&chars));
        assert_eq!(password.expose(), raw);
    }
}

/// A change of one's own password: the new one follows the rules for a new password, differs
/// from the current one and was typed twice alike.
fn password_change(current: &str, new: &str, again: &str, current_needed: bool) {
    match PasswordChange::parse(Some(current), new, again, current_needed) {
        Ok(change) => {
            assert_eq!(Password::parse_new(new).as_ref(), Ok(&change.new));
            assert_eq!(new, again);
            assert_eq!(change.current.is_some(), current_needed);
            if current_needed {
                assert_ne!(current, new);
            }
        }
        Err(errors) => assert!(!errors.is_empty()),
    }
}

fn seats(raw: &str) {
    if let Ok(seats) = parse_seats(raw) {
        assert!((1..=10_000).contains(&seats), "{raw:?} gave {seats}");
    }
}

fn texts(raw: &str, max: usize) {
    if let Ok(text) = required_text(raw, max) {
        one_line(&text, max);
    }
    if let Ok(Some(text)) = optional_text(raw, max) {
        one_line(&text, max);
    }
    if let Ok(text) = required_multiline_text(raw, max) {
        many_lines(&text, max);
    }
    if let Ok(Some(text)) = optional_multiline_text(raw, max) {
        many_lines(&text, max);
    }
    if without_controls(raw, Lines::One).is_ok() {
        assert!(!raw.chars().any(char::is_control), "{raw:?}");
    }
}

// The input is text, its fields separated by `SEPARATOR`: the contact form's partners,
// business needs, name, email, phone, company, size, country, city, consent (absent: not
// ticked), website; the invitation form's domain, relationship type, message, lead id; and
// the bound (a number, 200 when none) the plain text parsers are given. Every field also
// goes through every single-value parser.
fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let fields: Vec<&str> = input.split(SEPARATOR).collect();
    let field = |i: usize| fields.get(i).copied().unwrap_or_default().to_owned();
    let form = ContactForm {
        partners: field(0),
        business_needs: field(1),
        contact_name: field(2),
        email: field(3),
        phone: field(4),
        company: field(5),
        size: field(6),
        country: field(7),
        city: field(8),
        consent: fields.get(9).map(|consent| (*consent).to_owned()),
        website: field(10),
    };
    match form.parse() {
        Ok(request) => {
            assert!(!request.partners.is_empty() && request.partners.len() <= 10);
            many_lines(&request.business_needs, MAX_BUSINESS_NEEDS);
            one_line(&request.contact_name, 200);
            one_line(&request.company, 200);
            if let Some(phone) = &request.phone {
                one_line(phone, 40);
                assert!(phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c)));
            }
            if let Some(city) = &request.city {
                one_line(city, 100);
            }
            assert_eq!(
                EmailAddress::parse(request.email.as_str()).as_ref(),
                Ok(&request.email)
            );
            assert!(form.consent.as_deref().is_some_and(|v| !v.is_empty()));
        }
        Err(errors) => assert!(!errors.is_empty()),
    }

    let form = InvitationForm {
        tenant_domain: field(11),
        relationship_type: field(12),
        message: field(13),
        lead_id: field(14),
        access: AccessRequestForm {
            name: field(16),
            roles: field(17).split(',').map(str::to_owned).collect(),
            duration_days: field(18),
            auto_extend: Some(field(19)).filter(|ticked| !ticked.is_empty()),
            teams: field(20).split(',').map(str::to_owned).collect(),
        },
    };
    match form.parse() {
        Ok(invitation) => {
            let domain = invitation.tenant_domain.as_str();
            assert_eq!(
                TenantDomain::parse(domain).as_ref(),
                Ok(&invitation.tenant_domain)
            );
            if let Some(message) = &invitation.message {
                many_lines(message, MAX_INVITATION_MESSAGE);
            }
            assert_eq!(
                invitation.access.is_some(),
                invitation.relationship_type.carries_roles()
            );
            if let Some(access) = &invitation.access {
                one_line(&access.name, MAX_ACCESS_NAME);
                assert!(!access.roles.is_empty());
                assert!(access.roles.windows(2).all(|pair| pair[0] < pair[1]));
                assert!((1..=MAX_ACCESS_DAYS).contains(&access.duration_days));
                assert!(
                    !(access.auto_extend && access.roles.contains(&DelegatedRole::GlobalAdmin))
                );
                assert!(!access.teams.is_empty());
                assert!(access.teams.windows(2).all(|pair| pair[0] < pair[1]));
            }
        }
        Err(errors) => assert!(!errors.is_empty()),
    }

    let max = fields
        .get(15)
        .and_then(|max| max.trim().parse::<u16>().ok())
        .unwrap_or(200);
    for raw in &fields {
        email(raw);
        domain(raw);
        country(raw);
        size(raw);
        password(raw);
        seats(raw);
        texts(raw, usize::from(max));
    }
    password_change(&field(21), &field(22), &field(23), !field(24).is_empty());
    password_change(&field(21), &field(21), &field(21), true);
});
