//! Realistic fake partners for the directory: many countries, sizes and services.
//! Seeded, so the same seed gives the same directory.

use app::domain::{CountryCode, Location, OrganizationSize, RelationshipType};
use app::server::db::partners::NewPartner;
use fake::faker::address::en::{CityName, StateName};
use fake::faker::company::en::{CatchPhrase, CompanyName};
use fake::Fake;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

/// Countries weighted roughly by how many providers serve them.
const COUNTRIES: &[(&str, u32)] = &[
    ("US", 30),
    ("GB", 8),
    ("DE", 8),
    ("FR", 6),
    ("CA", 6),
    ("AU", 5),
    ("IN", 6),
    ("JP", 4),
    ("CN", 5),
    ("BR", 4),
    ("NL", 3),
    ("ES", 3),
    ("IT", 3),
    ("SE", 2),
    ("CH", 2),
    ("SG", 2),
    ("MX", 2),
    ("ZA", 2),
    ("PL", 2),
    ("IE", 2),
    ("NZ", 1),
    ("KR", 2),
    ("AE", 1),
    ("DK", 1),
    ("NO", 1),
    ("FI", 1),
    ("BE", 1),
    ("AT", 1),
    ("PT", 1),
    ("AR", 1),
    ("CL", 1),
    ("CO", 1),
    ("IL", 1),
    ("TR", 1),
    ("SA", 1),
    ("EG", 1),
    ("NG", 1),
    ("KE", 1),
    ("TH", 1),
    ("VN", 1),
    ("PH", 1),
    ("MY", 1),
    ("ID", 1),
    ("TW", 1),
    ("HK", 1),
    ("CZ", 1),
    ("RO", 1),
    ("HU", 1),
];

pub const SERVICES: &[&str] = &[
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

pub const INDUSTRIES: &[&str] = &[
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

const CERTIFICATIONS: &[&str] = &[
    "Solutions Partner for Modern Work",
    "Solutions Partner for Security",
    "Solutions Partner for Infrastructure",
    "Solutions Partner for Data & AI",
    "Solutions Partner for Digital & App Innovation",
    "Solutions Partner for Business Applications",
];

pub struct DirectoryGenerator {
    rng: StdRng,
    countries: Vec<&'static str>,
}

impl DirectoryGenerator {
    pub fn new(seed: u64) -> Self {
        let countries = COUNTRIES
            .iter()
            .flat_map(|(code, weight)| std::iter::repeat_n(*code, *weight as usize))
            .collect();
        Self {
            rng: StdRng::seed_from_u64(seed),
            countries,
        }
    }

    /// The next `count` partners; `first_number` makes names and sites unique.
    pub fn batch(&mut self, first_number: u64, count: usize) -> Vec<NewPartner> {
        (0..count as u64)
            .map(|offset| self.partner(first_number + offset))
            .collect()
    }

    fn partner(&mut self, number: u64) -> NewPartner {
        let rng = &mut self.rng;
        let company: String = CompanyName().fake_with_rng(rng);
        let name = format!(
            "{company} {}",
            [
                "Solutions",
                "Consulting",
                "IT",
                "Technologies",
                "Partners",
                "Cloud Services"
            ]
            .choose(rng)
            .copied()
            .unwrap_or("Solutions")
        );
        let slug: String = company
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase();
        let services = pick(rng, SERVICES, 2..=6);
        let industries = pick(rng, INDUSTRIES, 1..=4);
        let catch_phrase: String = CatchPhrase().fake_with_rng(rng);
        let description = format!(
            "{catch_phrase}. We help organizations with {}.",
            services.join(", ").to_lowercase()
        );
        let location_count = rng.random_range(1..=3);
        let mut locations = Vec::with_capacity(location_count);
        for _ in 0..location_count {
            let Some(country) = self
                .countries
                .choose(rng)
                .and_then(|code| CountryCode::parse(code).ok())
            else {
                continue;
            };
            if locations
                .iter()
                .any(|location: &Location| location.country == country)
            {
                continue;
            }
            let region: Option<String> =
                rng.random_bool(0.7).then(|| StateName().fake_with_rng(rng));
            let city: Option<String> = rng.random_bool(0.8).then(|| CityName().fake_with_rng(rng));
            locations.push(Location {
                country,
                region,
                city,
            });
        }
        let smallest = rng.random_range(0..OrganizationSize::ALL.len());
        let largest = rng.random_range(smallest..OrganizationSize::ALL.len());
        let mut kinds: Vec<RelationshipType> = RelationshipType::ALL
            .into_iter()
            .filter(|_| rng.random_bool(0.4))
            .collect();
        if kinds.is_empty() {
            kinds.push(RelationshipType::Reseller);
        }
        NewPartner {
            name,
            description,
            website: format!("https://www.{slug}{number}.example"),
            contact_email: format!("sales@{slug}{number}.example"),
            locations,
            sizes_served: OrganizationSize::ALL[smallest..=largest].to_vec(),
            services,
            industries,
            certifications: pick(rng, CERTIFICATIONS, 0..=2),
            relationship_types_offered: kinds,
        }
    }
}

fn pick(rng: &mut StdRng, from: &[&str], count: std::ops::RangeInclusive<usize>) -> Vec<String> {
    let mut chosen: Vec<&str> = from.to_vec();
    chosen.shuffle(rng);
    chosen.truncate(rng.random_range(count));
    chosen.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_directory() {
        let first = DirectoryGenerator::new(7).batch(1, 20);
        let again = DirectoryGenerator::new(7).batch(1, 20);
        assert_eq!(
            first.iter().map(|p| &p.name).collect::<Vec<_>>(),
            again.iter().map(|p| &p.name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn every_partner_serves_somewhere_and_someone() {
        for partner in DirectoryGenerator::new(1).batch(1, 500) {
            assert!(!partner.locations.is_empty(), "{}", partner.name);
            assert!(!partner.sizes_served.is_empty());
            assert!(!partner.services.is_empty());
            assert!(!partner.relationship_types_offered.is_empty());
        }
    }
}
