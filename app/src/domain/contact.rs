//! A contact request: what a customer (or visitor) tells the partners it chose.

use super::{
    optional_text, required_multiline_text, required_text, CountryCode, EmailAddress, Invalid,
    OrganizationSize, PartnerId,
};
use serde::{Deserialize, Serialize};

pub const MAX_BUSINESS_NEEDS: usize = 4_000;

/// The contact form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactForm {
    pub partners: String,
    pub business_needs: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub company: String,
    pub size: String,
    pub country: String,
    pub city: String,
    /// "on" when the consent box is ticked.
    pub consent: Option<String>,
    /// Hidden from people; bots fill it in.
    pub website: String,
}

/// A contact request that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRequest {
    pub partners: Vec<PartnerId>,
    pub business_needs: String,
    pub contact_name: String,
    pub email: EmailAddress,
    pub phone: Option<String>,
    pub company: String,
    pub size: OrganizationSize,
    pub country: CountryCode,
    pub city: Option<String>,
}

fn phone(raw: &str) -> Result<Option<String>, Invalid> {
    let phone = optional_text(raw, 40)?;
    match &phone {
        Some(p)
            if !p
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c)) =>
        {
            Err(Invalid::PhoneMalformed)
        }
        Some(p) if p.chars().filter(char::is_ascii_digit).count() < 5 => {
            Err(Invalid::PhoneMalformed)
        }
        _ => Ok(phone),
    }
}

impl ContactForm {
    /// Checks every field; the errors name the fields, in form order.
    pub fn parse(&self) -> Result<ContactRequest, Vec<(&'static str, Invalid)>> {
        let mut errors = super::FieldErrors::default();
        let partners = errors.take("partners", super::parse_partner_ids(&self.partners));
        let business_needs = errors.take(
            "business_needs",
            required_multiline_text(&self.business_needs, MAX_BUSINESS_NEEDS),
        );
        let contact_name = errors.take("contact_name", required_text(&self.contact_name, 200));
        let email = errors.take("email", EmailAddress::parse(&self.email));
        let phone = errors.take("phone", phone(&self.phone));
        let company = errors.take("company", required_text(&self.company, 200));
        let size = errors.take("size", OrganizationSize::parse(&self.size));
        let country = errors.take("country", CountryCode::parse(&self.country));
        let city = errors.take("city", optional_text(&self.city, 100));
        let consented = self.consent.as_deref().is_some_and(|v| !v.is_empty());
        let consent = errors.take(
            "consent",
            if consented {
                Ok(())
            } else {
                Err(Invalid::ConsentRequired)
            },
        );
        let request = (|| {
            consent?;
            Some(ContactRequest {
                partners: partners?,
                business_needs: business_needs?,
                contact_name: contact_name?,
                email: email?,
                phone: phone?,
                company: company?,
                size: size?,
                country: country?,
                city: city?,
            })
        })();
        errors.finish(request)
    }
}

/// What the form shows after Send: every partner contacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactConfirmation {
    pub partner_names: Vec<String>,
}

/// The details a signed-in customer admin's form starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDefaults {
    pub contact_name: String,
    pub email: String,
    pub company: String,
    pub size: String,
    pub country: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ContactForm {
        ContactForm {
            partners: "1,2".into(),
            business_needs: "We need help moving to the cloud.".into(),
            contact_name: "Megan Bowen".into(),
            email: "admin@contoso.example".into(),
            phone: "+1 (425) 555-0100".into(),
            company: "Contoso".into(),
            size: "251-1000".into(),
            country: "US".into(),
            city: "Seattle".into(),
            consent: Some("on".into()),
            website: String::new(),
        }
    }

    #[test]
    fn a_complete_form_is_a_request() {
        let request = filled().parse();
        assert_eq!(request.as_ref().map(|r| r.partners.len()), Ok(2));
        assert_eq!(
            request.map(|r| r.phone),
            Ok(Some("+1 (425) 555-0100".to_owned()))
        );
    }

    #[test]
    fn every_refused_field_is_named() {
        let form = ContactForm {
            partners: String::new(),
            email: "nope".into(),
            consent: None,
            ..filled()
        };
        let fields: Vec<&str> = form
            .parse()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, vec!["partners", "email", "consent"]);
    }

    #[test]
    fn business_needs_are_required_and_capped() {
        let empty = ContactForm {
            business_needs: "   ".into(),
            ..filled()
        };
        assert_eq!(
            empty.parse().err(),
            Some(vec![("business_needs", Invalid::Required)])
        );
        let long = ContactForm {
            business_needs: "x".repeat(MAX_BUSINESS_NEEDS + 1),
            ..filled()
        };
        assert_eq!(
            long.parse().err(),
            Some(vec![("business_needs", Invalid::TooLong)])
        );
    }

    #[test]
    fn a_phone_number_is_optional_but_must_look_like_one() {
        assert!(ContactForm {
            phone: String::new(),
            ..filled()
        }
        .parse()
        .is_ok());
        let letters = ContactForm {
            phone: "call me".into(),
            ..filled()
        };
        assert_eq!(
            letters.parse().err(),
            Some(vec![("phone", Invalid::PhoneMalformed)])
        );
    }
}
