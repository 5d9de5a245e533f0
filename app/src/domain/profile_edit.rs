//! A partner's directory entry as its admin agents edit it (**Edit profile**): the form as
//! typed, the checks that make it an entry, and the result row it will give customers.

use super::{
    optional_multiline_text, optional_text, required_multiline_text, CountryCode, EmailAddress,
    FieldErrors, Invalid, Location, OrganizationSize, PartnerId, PartnerProfile, PartnerSummary,
    RelationshipType, TenantDomain,
};
use serde::{Deserialize, Serialize};

pub const MAX_DESCRIPTION: usize = 2_000;
pub const MAX_WEBSITE: usize = 200;
/// Services (or industries) picked and typed together.
pub const MAX_LIST_ITEMS: usize = 30;
/// One service or industry typed as a free word.
pub const MAX_LIST_ITEM: usize = 60;
pub const MAX_LOCATIONS: usize = 50;
pub const MAX_PLACE_NAME: usize = 100;

/// The services the directory lists, to pick from.
pub const SERVICES: [&str; 28] = [
    "Cloud migration",
    "Microsoft 365 deployment",
    "Teams voice",
    "Security assessment",
    "Identity and access management",
    "Device management",
    "Email migration",
    "Backup and recovery",
    "Data analytics",
    "Power BI dashboards",
    "Dynamics 365 implementation",
    "SharePoint intranet",
    "Azure infrastructure",
    "Networking",
    "Managed help desk",
    "Licensing advice",
    "User training",
    "Compliance and eDiscovery",
    "Power Platform apps",
    "Custom software development",
    "Hybrid work setup",
    "Windows deployment",
    "Virtual desktops",
    "Threat protection",
    "Data governance",
    "Artificial intelligence",
    "Accessibility consulting",
    "Project management",
];

/// The industries the directory lists, to pick from.
pub const INDUSTRIES: [&str; 18] = [
    "Education",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Financial services",
    "Government",
    "Nonprofit",
    "Legal",
    "Hospitality",
    "Construction",
    "Energy",
    "Media",
    "Transportation",
    "Agriculture",
    "Real estate",
    "Professional services",
    "Telecommunications",
    "Life sciences",
];

/// The Edit profile form as typed. The lists come from checkboxes (`services[]`) and from
/// the location rows, one entry per row (`location_country[]`, …, empty rows included).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub description: String,
    pub description_zh: String,
    pub website: String,
    pub contact_email: String,
    pub services: Vec<String>,
    /// More services, comma-separated.
    pub other_services: String,
    pub industries: Vec<String>,
    pub other_industries: String,
    pub location_country: Vec<String>,
    pub location_region: Vec<String>,
    pub location_city: Vec<String>,
    pub sizes: Vec<String>,
    pub relationship_types: Vec<String>,
}

/// What the Edit profile page starts from: the form filled with the entry as it stands, and
/// the partner's name for the preview (customers see it; only the vendor changes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFormStart {
    pub partner_id: PartnerId,
    pub name: String,
    pub form: ProfileForm,
}

/// An entry that passed every check, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileEdit {
    pub description: String,
    pub description_zh: Option<String>,
    pub website: String,
    pub contact_email: EmailAddress,
    pub services: Vec<String>,
    pub industries: Vec<String>,
    pub locations: Vec<Location>,
    pub sizes_served: Vec<OrganizationSize>,
    pub relationship_types_offered: Vec<RelationshipType>,
}

impl ProfileForm {
    /// The form filled with the entry as it stands.
    pub fn from_profile(profile: &PartnerProfile) -> Self {
        let (services, other_services) = picked_and_others(&profile.services, &SERVICES);
        let (industries, other_industries) = picked_and_others(&profile.industries, &INDUSTRIES);
        let column = |part: fn(&Location) -> String| profile.locations.iter().map(part).collect();
        Self {
            description: profile.description.clone(),
            description_zh: profile.description_zh.clone(),
            website: profile.website.clone(),
            contact_email: profile.contact_email.clone(),
            services,
            other_services,
            industries,
            other_industries,
            location_country: column(|l| l.country.as_str().to_owned()),
            location_region: column(|l| l.region.clone().unwrap_or_default()),
            location_city: column(|l| l.city.clone().unwrap_or_default()),
            sizes: profile
                .sizes_served
                .iter()
                .map(|size| size.as_db().to_owned())
                .collect(),
            relationship_types: profile
                .relationship_types_offered
                .iter()
                .map(|kind| kind.as_db().to_owned())
                .collect(),
        }
    }

    /// The form from its fields as a browser sends them (`services[]=…`), for the preview.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            match name {
                "description" => form.description = value,
                "description_zh" => form.description_zh = value,
                "website" => form.website = value,
                "contact_email" => form.contact_email = value,
                "services[]" => form.services.push(value),
                "other_services" => form.other_services = value,
                "industries[]" => form.industries.push(value),
                "other_industries" => form.other_industries = value,
                "location_country[]" => form.location_country.push(value),
                "location_region[]" => form.location_region.push(value),
                "location_city[]" => form.location_city.push(value),
                "sizes[]" => form.sizes.push(value),
                "relationship_types[]" => form.relationship_types.push(value),
                _ => {}
            }
        }
        form
    }

    /// Checks every field; the errors name the fields, in form order.
    pub fn parse(&self) -> Result<ProfileEdit, Vec<(&'static str, Invalid)>> {
        let mut errors = FieldErrors::default();
        let description = errors.take(
            "description",
            required_multiline_text(&self.description, MAX_DESCRIPTION),
        );
        let description_zh = errors.take(
            "description_zh",
            optional_multiline_text(&self.description_zh, MAX_DESCRIPTION),
        );
        let website = errors.take("website", website(&self.website));
        let contact_email = errors.take("contact_email", EmailAddress::parse(&self.contact_email));
        let services = errors.take(
            "services",
            listed(&self.services, &self.other_services, &SERVICES),
        );
        let industries = errors.take(
            "industries",
            listed(&self.industries, &self.other_industries, &INDUSTRIES),
        );
        let locations = errors.take("locations", self.locations());
        let sizes_served = errors.take("sizes", chosen(&self.sizes, OrganizationSize::parse));
        let relationship_types_offered = errors.take(
            "relationship_types",
            chosen(&self.relationship_types, relationship_type),
        );
        let edit = (|| {
            Some(ProfileEdit {
                description: description?,
                description_zh: description_zh?,
                website: website?,
                contact_email: contact_email?,
                services: services?,
                industries: industries?,
                locations: locations?,
                sizes_served: sizes_served?,
                relationship_types_offered: relationship_types_offered?,
            })
        })();
        errors.finish(edit)
    }

    /// The result row customers will see, from what is typed so far: what can't be read yet
    /// is left out rather than refused.
    pub fn preview(&self, partner_id: PartnerId, name: &str) -> PartnerSummary {
        let services = listed(&self.services, &self.other_services, &SERVICES)
            .unwrap_or_else(|_| self.services.clone());
        let locations = self
            .location_rows()
            .filter_map(|(country, region, city)| {
                Some(Location {
                    country: CountryCode::parse(country).ok()?,
                    region: optional_text(region, MAX_PLACE_NAME).ok()?,
                    city: optional_text(city, MAX_PLACE_NAME).ok()?,
                })
            })
            .take(MAX_LOCATIONS)
            .collect();
        PartnerSummary {
            partner_id,
            name: name.to_owned(),
            locations,
            sizes_served: chosen(&self.sizes, OrganizationSize::parse).unwrap_or_default(),
            services,
            relationship_types_offered: chosen(&self.relationship_types, relationship_type)
                .unwrap_or_default(),
        }
    }

    /// The location rows, the empty ones left out.
    fn location_rows(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        fn at(column: &[String], row: usize) -> &str {
            column.get(row).map_or("", String::as_str)
        }
        let rows = self
            .location_country
            .len()
            .max(self.location_region.len())
            .max(self.location_city.len());
        (0..rows)
            .map(move |row| {
                (
                    at(&self.location_country, row),
                    at(&self.location_region, row),
                    at(&self.location_city, row),
                )
            })
            .filter(|(country, region, city)| {
                !(country.trim().is_empty() && region.trim().is_empty() && city.trim().is_empty())
            })
    }

    /// Every row filled in, each a known country with an optional region and city; at least
    /// one, the same place once.
    fn locations(&self) -> Result<Vec<Location>, Invalid> {
        // Any of the three columns: a form's rows send all three, an attacker one.
        let rows = self
            .location_country
            .len()
            .max(self.location_region.len())
            .max(self.location_city.len());
        if rows > 3 * MAX_LOCATIONS {
            return Err(Invalid::TooManyItems);
        }
        let mut locations: Vec<Location> = Vec::new();
        for (country, region, city) in self.location_rows() {
            let location = Location {
                country: CountryCode::parse(country)?,
                region: optional_text(region, MAX_PLACE_NAME)?,
                city: optional_text(city, MAX_PLACE_NAME)?,
            };
            if !locations.contains(&location) {
                locations.push(location);
            }
        }
        match locations.len() {
            0 => Err(Invalid::ChooseAtLeastOne),
            n if n > MAX_LOCATIONS => Err(Invalid::TooManyItems),
            _ => Ok(locations),
        }
    }
}

/// An `http(s)` address whose host is a domain name.
fn website(raw: &str) -> Result<String, Invalid> {
    let website = raw.trim();
    if website.is_empty() {
        return Err(Invalid::Required);
    }
    if website.chars().count() > MAX_WEBSITE {
        return Err(Invalid::TooLong);
    }
    let rest = website
        .strip_prefix("https://")
        .or_else(|| website.strip_prefix("http://"))
        .ok_or(Invalid::WebsiteMalformed)?;
    let host_and_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match host_and_port.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => host_and_port,
    };
    let safe = |c: char| c.is_ascii_graphic() && !"<>\"'`\\{}|^".contains(c);
    if TenantDomain::parse(host).is_err() || !website.chars().all(safe) {
        return Err(Invalid::WebsiteMalformed);
    }
    Ok(website.to_owned())
}

/// The boxes ticked (each one of `choices`) and the free words typed (comma-separated), in
/// that order, each once whatever its case; at least one.
fn listed(picked: &[String], others: &str, choices: &[&str]) -> Result<Vec<String>, Invalid> {
    if picked.len() > choices.len() || others.len() > MAX_LIST_ITEMS * (4 * MAX_LIST_ITEM + 2) {
        return Err(Invalid::TooManyItems);
    }
    let mut items: Vec<String> = Vec::new();
    for choice in picked {
        let choice = choices
            .iter()
            .find(|known| **known == choice.as_str())
            .ok_or(Invalid::Malformed)?;
        push_once(&mut items, choice);
    }
    for word in others.split([',', '，', '、']) {
        if items.len() > MAX_LIST_ITEMS {
            return Err(Invalid::TooManyItems);
        }
        if let Some(word) = optional_text(word, MAX_LIST_ITEM)? {
            push_once(&mut items, &word);
        }
    }
    match items.len() {
        0 => Err(Invalid::ChooseAtLeastOne),
        n if n > MAX_LIST_ITEMS => Err(Invalid::TooManyItems),
        _ => Ok(items),
    }
}

fn push_once(items: &mut Vec<String>, item: &str) {
    if !items
        .iter()
        .any(|known| known.to_lowercase() == item.to_lowercase())
    {
        items.push(item.to_owned());
    }
}

/// The choices ticked, each known, in their own order; at least one.
fn chosen<T: Ord>(
    raw: &[String],
    parse: impl Fn(&str) -> Result<T, Invalid>,
) -> Result<Vec<T>, Invalid> {
    if raw.len() > 64 {
        return Err(Invalid::TooManyItems);
    }
    let mut chosen = raw
        .iter()
        .map(|raw| parse(raw))
        .collect::<Result<Vec<T>, Invalid>>()?;
    chosen.sort();
    chosen.dedup();
    match chosen.is_empty() {
        true => Err(Invalid::ChooseAtLeastOne),
        false => Ok(chosen),
    }
}

fn relationship_type(raw: &str) -> Result<RelationshipType, Invalid> {
    RelationshipType::from_db(raw).ok_or(Invalid::Malformed)
}

/// Splits a list into the entries of `choices` and the rest, written as the form's free words.
fn picked_and_others(items: &[String], choices: &[&str]) -> (Vec<String>, String) {
    let (picked, others): (Vec<&String>, Vec<&String>) = items
        .iter()
        .partition(|item| choices.contains(&item.as_str()));
    (
        picked.into_iter().cloned().collect(),
        others
            .into_iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ProfileForm {
        ProfileForm {
            description: "Cloud moves for schools.".into(),
            description_zh: "为学校提供云迁移。".into(),
            website: "https://fabrikam.example/partners".into(),
            contact_email: "Sales@Fabrikam.example".into(),
            services: vec!["Cloud migration".into()],
            other_services: "Kiosk setup, cloud migration, ".into(),
            industries: vec!["Education".into()],
            other_industries: String::new(),
            location_country: vec!["US".into(), "".into(), "DE".into()],
            location_region: vec!["Washington".into(), "".into(), "".into()],
            location_city: vec!["Seattle".into(), "".into(), "".into()],
            sizes: vec!["51-250".into(), "11-50".into()],
            relationship_types: vec!["reseller".into()],
        }
    }

    #[test]
    fn a_complete_form_is_an_entry() {
        let edit = filled().parse().expect("valid");
        assert_eq!(edit.services, vec!["Cloud migration", "Kiosk setup"]);
        assert_eq!(edit.contact_email.as_str(), "sales@fabrikam.example");
        assert_eq!(edit.locations.len(), 2, "the empty row is left out");
        assert_eq!(
            edit.sizes_served,
            vec![OrganizationSize::From11To50, OrganizationSize::From51To250]
        );
        assert_eq!(edit.description_zh.as_deref(), Some("为学校提供云迁移。"));
    }

    #[test]
    fn every_refused_field_is_named_in_form_order() {
        let form = ProfileForm {
            description: " ".into(),
            website: "javascript:alert(1)".into(),
            contact_email: "nope".into(),
            services: vec!["Not a listed service".into()],
            industries: vec![],
            location_country: vec!["ZZ".into()],
            sizes: vec![],
            relationship_types: vec!["owner".into()],
            ..filled()
        };
        assert_eq!(
            form.parse().err(),
            Some(vec![
                ("description", Invalid::Required),
                ("website", Invalid::WebsiteMalformed),
                ("contact_email", Invalid::EmailMalformed),
                ("services", Invalid::Malformed),
                ("industries", Invalid::ChooseAtLeastOne),
                ("locations", Invalid::CountryUnknown),
                ("sizes", Invalid::ChooseAtLeastOne),
                ("relationship_types", Invalid::Malformed),
            ])
        );
    }

    #[test]
    fn a_website_is_an_http_address_of_a_domain() {
        for good in [
            "https://fabrikam.example",
            "http://fabrikam.example:8080/a?b=c#d",
            " https://www.fabrikam.example/ ",
        ] {
            assert!(website(good).is_ok(), "{good}");
        }
        for bad in [
            "fabrikam.example",
            "ftp://fabrikam.example",
            "https://",
            "https://localhost",
            "https://fabrikam.example/\"><script>",
            "https://fabri kam.example",
            "https://fabrikam.example/\u{0}",
            "https://云.example",
        ] {
            assert_eq!(website(bad), Err(Invalid::WebsiteMalformed), "{bad:?}");
        }
        assert_eq!(
            website(&format!("https://a.example/{}", "x".repeat(MAX_WEBSITE))),
            Err(Invalid::TooLong)
        );
    }

    #[test]
    fn lists_are_bounded_and_free_of_control_characters() {
        let huge = ProfileForm {
            other_services: (0..10_000)
                .map(|i| format!("s{i}"))
                .collect::<Vec<_>>()
                .join(","),
            location_country: vec!["US".into(); 100_000],
            sizes: vec!["1-10".into(); 1_000],
            ..filled()
        };
        assert_eq!(
            huge.parse().err(),
            Some(vec![
                ("services", Invalid::TooManyItems),
                ("locations", Invalid::TooManyItems),
                ("sizes", Invalid::TooManyItems),
            ])
        );
        let only_cities = ProfileForm {
            location_city: vec![String::new(); 100_000],
            ..filled()
        };
        assert_eq!(
            only_cities.parse().err(),
            Some(vec![("locations", Invalid::TooManyItems)])
        );
        let nul = ProfileForm {
            other_industries: "Retail\0".into(),
            location_city: vec!["Sea\0ttle".into()],
            description_zh: "云\0".into(),
            ..filled()
        };
        assert_eq!(
            nul.parse().err(),
            Some(vec![
                ("description_zh", Invalid::ControlCharacter),
                ("industries", Invalid::ControlCharacter),
                ("locations", Invalid::ControlCharacter),
            ])
        );
    }

    #[test]
    fn chinese_commas_separate_free_words_too() {
        let form = ProfileForm {
            services: vec![],
            other_services: "云迁移，数据安全、备份".into(),
            ..filled()
        };
        assert_eq!(
            form.parse().map(|edit| edit.services),
            Ok(vec!["云迁移".into(), "数据安全".into(), "备份".into()])
        );
    }

    #[test]
    fn a_place_without_its_country_is_refused() {
        let form = ProfileForm {
            location_country: vec!["".into()],
            location_region: vec!["Bavaria".into()],
            location_city: vec!["".into()],
            ..filled()
        };
        assert_eq!(
            form.parse().err(),
            Some(vec![("locations", Invalid::Required)])
        );
    }

    #[test]
    fn the_form_starts_from_the_entry_and_gives_it_back() {
        let edit = filled().parse().expect("valid");
        let profile = PartnerProfile {
            partner_id: PartnerId::new(7),
            name: "Fabrikam".into(),
            description: edit.description.clone(),
            description_zh: edit.description_zh.clone().unwrap_or_default(),
            website: edit.website.clone(),
            contact_email: edit.contact_email.to_string(),
            locations: edit.locations.clone(),
            sizes_served: edit.sizes_served.clone(),
            services: edit.services.clone(),
            industries: edit.industries.clone(),
            certifications: vec![],
            relationship_types_offered: edit.relationship_types_offered.clone(),
        };
        let form = ProfileForm::from_profile(&profile);
        assert_eq!(form.other_services, "Kiosk setup");
        assert_eq!(form.parse(), Ok(edit));
    }

    #[test]
    fn the_preview_shows_what_can_be_read_so_far() {
        let form = ProfileForm {
            location_country: vec!["US".into(), "ZZ".into()],
            sizes: vec!["nonsense".into()],
            ..filled()
        };
        let row = form.preview(PartnerId::new(7), "Fabrikam");
        assert_eq!(row.name, "Fabrikam");
        assert_eq!(row.locations.len(), 1);
        assert!(row.sizes_served.is_empty());
        assert_eq!(row.services, vec!["Cloud migration", "Kiosk setup"]);
    }
}
