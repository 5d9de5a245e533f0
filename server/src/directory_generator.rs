//! Realistic fake partners for the directory: many countries, sizes and services. Company
//! names come from `fake` (surnames of the partner's home country where `fake` knows its
//! language); places from a table of real regions and their cities; names, services and
//! descriptions from one choice, so they fit together. Seeded, so the same seed gives the
//! same directory.

mod places;

pub use places::{is_known as is_known_place, regions, PLACES};

use app::domain::{
    country_name, CountryCode, Location, OrganizationSize, RelationshipType, INDUSTRIES, SERVICES,
};
use app::server::db::partners::NewPartner;
use fake::faker::name::raw::LastName;
use fake::locales::{EN, FR_FR, IT_IT, PT_BR, PT_PT};
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

/// What a partner's services are mostly about; its name may say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Cloud,
    Security,
    Data,
    Workplace,
    Software,
    General,
}

impl Focus {
    /// Words an English company name ends with for this focus.
    fn name_endings(self) -> &'static [&'static str] {
        match self {
            Focus::Cloud => &["Cloud", "Cloud Services", "Cloudworks"],
            Focus::Security => &["Security", "Cyber", "Secure IT"],
            Focus::Data => &["Analytics", "Data", "Insights"],
            Focus::Workplace => &["Workplace", "Digital", "Modern Work"],
            Focus::Software => &["Software", "Apps", "Labs"],
            Focus::General => &["IT", "Consulting", "Solutions", "Technologies", "Systems"],
        }
    }
}

/// What each of the directory's services is about, in the order of `SERVICES`.
const SERVICE_FOCUS: [Focus; SERVICES.len()] = [
    Focus::Cloud,     // Cloud migration
    Focus::Workplace, // Microsoft 365 deployment
    Focus::Workplace, // Teams voice
    Focus::Security,  // Security assessment
    Focus::Security,  // Identity and access management
    Focus::Workplace, // Device management
    Focus::Cloud,     // Email migration
    Focus::Cloud,     // Backup and recovery
    Focus::Data,      // Data analytics
    Focus::Data,      // Power BI dashboards
    Focus::Software,  // Dynamics 365 implementation
    Focus::Workplace, // SharePoint intranet
    Focus::Cloud,     // Azure infrastructure
    Focus::General,   // Networking
    Focus::General,   // Managed help desk
    Focus::General,   // Licensing advice
    Focus::Workplace, // User training
    Focus::Security,  // Compliance and eDiscovery
    Focus::Software,  // Power Platform apps
    Focus::Software,  // Custom software development
    Focus::Workplace, // Hybrid work setup
    Focus::Workplace, // Windows deployment
    Focus::Cloud,     // Virtual desktops
    Focus::Security,  // Threat protection
    Focus::Data,      // Data governance
    Focus::Data,      // Artificial intelligence
    Focus::General,   // Accessibility consulting
    Focus::General,   // Project management
];

/// Names that keep their capital inside a sentence ("Teams voice", not "teams voice").
const PRODUCT_WORDS: &[&str] = &[
    "Azure",
    "Dynamics",
    "Microsoft",
    "Power",
    "SharePoint",
    "Teams",
    "Windows",
];

const CERTIFICATIONS: &[&str] = &[
    "Solutions Partner for Modern Work",
    "Solutions Partner for Security",
    "Solutions Partner for Infrastructure",
    "Solutions Partner for Data & AI",
    "Solutions Partner for Digital & App Innovation",
    "Solutions Partner for Business Applications",
];

/// Company-name endings in the partner's home language, where `fake` has its surnames.
fn local_endings(country: &str) -> Option<&'static [&'static str]> {
    match country {
        "FR" => Some(&["Informatique", "Conseil", "Numérique", "Solutions"]),
        "IT" => Some(&["Informatica", "Sistemi", "Soluzioni", "Consulting"]),
        "BR" | "PT" => Some(&["Tecnologia", "Consultoria", "Sistemas", "Soluções"]),
        _ => None,
    }
}

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
        let locations = self.locations();
        let rng = &mut self.rng;
        let home = locations
            .first()
            .map(|location| location.country.as_str().to_owned())
            .unwrap_or_default();
        let chosen: Vec<(&str, Focus)> = {
            let mut all: Vec<(&str, Focus)> = SERVICES.into_iter().zip(SERVICE_FOCUS).collect();
            all.shuffle(rng);
            all.truncate(rng.random_range(2..=6));
            all
        };
        let services: Vec<String> = chosen.iter().map(|(name, _)| (*name).to_owned()).collect();
        let focus = chosen
            .first()
            .map(|(_, focus)| *focus)
            .unwrap_or(Focus::General);
        let industries = pick(rng, &INDUSTRIES, 1..=4);
        let smallest = rng.random_range(0..OrganizationSize::ALL.len());
        let largest = rng.random_range(smallest..OrganizationSize::ALL.len());
        let sizes_served = OrganizationSize::ALL[smallest..=largest].to_vec();
        let certifications = pick(rng, CERTIFICATIONS, 0..=2);
        let chinese =
            CHINESE_HOMES.contains(&home.as_str()) || (home == "SG" && rng.random_bool(0.4));
        let (name, slug, description) = if chinese {
            let (name, slug) = chinese_company_name(rng, focus);
            let description = describe_in_chinese(
                rng,
                &name,
                &services,
                &industries,
                &sizes_served,
                &locations,
            );
            (name, slug, description)
        } else {
            let (name, slug) = company_name(rng, &home, focus);
            let description = describe(
                rng,
                &name,
                &services,
                &industries,
                &sizes_served,
                &certifications,
                &locations,
            );
            (name, slug, description)
        };
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
            sizes_served,
            services,
            industries,
            certifications,
            relationship_types_offered: kinds,
        }
    }

    /// One to three places in different countries: a country, often one of its regions,
    /// mostly a city of that region.
    fn locations(&mut self) -> Vec<Location> {
        let rng = &mut self.rng;
        let count = rng.random_range(1..=3);
        let mut locations: Vec<Location> = Vec::with_capacity(count);
        for _ in 0..count {
            // A partner at home in the Chinese-speaking region serves more of it.
            let home = locations.first().map(|first| first.country.as_str());
            let from: &[&str] = match home {
                Some(home) if CHINESE_REGION.contains(&home) => CHINESE_REGION,
                _ => &self.countries,
            };
            let Some(code) = from.choose(rng).copied() else {
                continue;
            };
            let Ok(country) = CountryCode::parse(code) else {
                continue;
            };
            if locations.iter().any(|location| location.country == country) {
                continue;
            }
            let Some((region, cities)) = regions(code).choose(rng) else {
                continue;
            };
            let region = rng.random_bool(0.7).then(|| (*region).to_owned());
            let city = rng
                .random_bool(0.8)
                .then(|| cities.choose(rng).map(|city| (*city).to_owned()))
                .flatten();
            locations.push(Location {
                country,
                region,
                city,
            });
        }
        locations
    }
}

/// Homes whose partners are named and described in Chinese (and a part of Singapore's).
const CHINESE_HOMES: &[&str] = &["CN", "TW", "HK"];
/// Where partners at home in one of them serve too.
const CHINESE_REGION: &[&str] = &["CN", "TW", "HK", "SG"];

/// The first part of a Chinese company name, with its pinyin for the web address.
const CHINESE_NAME_STARTS: &[(&str, &str)] = &[
    ("华云", "huayun"),
    ("东方", "dongfang"),
    ("星海", "xinghai"),
    ("博远", "boyuan"),
    ("汇智", "huizhi"),
    ("联创", "lianchuang"),
    ("云桥", "yunqiao"),
    ("中科", "zhongke"),
    ("天翼", "tianyi"),
    ("蓝海", "lanhai"),
    ("恒信", "hengxin"),
    ("思源", "siyuan"),
    ("新域", "xinyu"),
    ("瑞达", "ruida"),
    ("卓越", "zhuoyue"),
    ("长城", "changcheng"),
];

impl Focus {
    /// What a Chinese company name ends with for this focus.
    fn chinese_name_endings(self) -> &'static [&'static str] {
        match self {
            Focus::Cloud => &["云科技", "云计算", "云服务"],
            Focus::Security => &["信息安全", "网络安全", "安全科技"],
            Focus::Data => &["数据科技", "智能分析", "大数据"],
            Focus::Workplace => &["数字办公", "数字科技", "协同办公"],
            Focus::Software => &["软件", "软件开发", "应用科技"],
            Focus::General => &["科技", "信息技术", "咨询", "系统集成"],
        }
    }
}

/// A service's name in Chinese, for a Chinese description.
fn service_in_chinese(service: &str) -> &'static str {
    match service {
        "Cloud migration" => "云迁移",
        "Microsoft 365 deployment" => "Microsoft 365 部署",
        "Teams voice" => "Teams 语音",
        "Security assessment" => "安全评估",
        "Identity and access management" => "身份和访问管理",
        "Device management" => "设备管理",
        "Email migration" => "邮件迁移",
        "Backup and recovery" => "备份和恢复",
        "Data analytics" => "数据分析",
        "Power BI dashboards" => "Power BI 仪表板",
        "Dynamics 365 implementation" => "Dynamics 365 实施",
        "SharePoint intranet" => "SharePoint 内网",
        "Azure infrastructure" => "Azure 基础结构",
        "Networking" => "网络",
        "Managed help desk" => "托管技术支持",
        "Licensing advice" => "许可咨询",
        "User training" => "用户培训",
        "Compliance and eDiscovery" => "合规性和电子数据展示",
        "Power Platform apps" => "Power Platform 应用",
        "Custom software development" => "定制软件开发",
        "Hybrid work setup" => "混合办公部署",
        "Windows deployment" => "Windows 部署",
        "Virtual desktops" => "虚拟桌面",
        "Threat protection" => "威胁防护",
        "Data governance" => "数据治理",
        "Artificial intelligence" => "人工智能",
        "Accessibility consulting" => "无障碍咨询",
        "Project management" => "项目管理",
        _ => "信息技术服务",
    }
}

/// An industry's name in Chinese.
fn industry_in_chinese(industry: &str) -> &'static str {
    match industry {
        "Education" => "教育",
        "Healthcare" => "医疗",
        "Retail" => "零售",
        "Manufacturing" => "制造",
        "Financial services" => "金融服务",
        "Government" => "政府",
        "Nonprofit" => "非营利组织",
        "Legal" => "法律",
        "Hospitality" => "酒店",
        "Construction" => "建筑",
        "Energy" => "能源",
        "Media" => "媒体",
        "Transportation" => "交通运输",
        "Agriculture" => "农业",
        "Real estate" => "房地产",
        "Professional services" => "专业服务",
        "Telecommunications" => "电信",
        "Life sciences" => "生命科学",
        _ => "各",
    }
}

/// A Chinese company name (云桥云科技) and its web-address form (yunqiao).
fn chinese_company_name(rng: &mut StdRng, focus: Focus) -> (String, String) {
    let (start, pinyin) = CHINESE_NAME_STARTS
        .choose(rng)
        .copied()
        .unwrap_or(("华云", "huayun"));
    let endings = if rng.random_bool(0.7) {
        focus.chinese_name_endings()
    } else {
        Focus::General.chinese_name_endings()
    };
    let ending = endings.choose(rng).copied().unwrap_or("科技");
    (format!("{start}{ending}"), pinyin.to_owned())
}

/// A Chinese description of what the partner offers, whom, in which industries and where.
fn describe_in_chinese(
    rng: &mut StdRng,
    name: &str,
    services: &[String],
    industries: &[String],
    sizes: &[OrganizationSize],
    locations: &[Location],
) -> String {
    let offered = services
        .iter()
        .map(|service| service_in_chinese(service))
        .collect::<Vec<_>>()
        .join("、");
    let audience = audience_in_chinese(sizes);
    let sectors = industries
        .iter()
        .map(|industry| industry_in_chinese(industry))
        .collect::<Vec<_>>()
        .join("、");
    let mut text = match rng.random_range(0..2) {
        0 => format!("{name}为{audience}提供{offered}服务。"),
        _ => format!("从规划到日常支持，我们为{audience}提供{offered}。"),
    };
    text.push_str(&format!("我们的客户主要来自{sectors}行业。"));
    let countries: Vec<String> = locations
        .iter()
        .map(|location| country_name(location.country, "zh-CN"))
        .collect();
    if !countries.is_empty() {
        text.push_str(&format!("服务{}的企业。", countries.join("和")));
    }
    text
}

/// Whom the sizes served make up, in Chinese.
fn audience_in_chinese(sizes: &[OrganizationSize]) -> &'static str {
    use OrganizationSize::*;
    match (sizes.first(), sizes.last()) {
        (Some(From1To10 | From11To50), Some(From1To10 | From11To50)) => "小型企业",
        (Some(From1To10 | From11To50), Some(From1001To5000 | Over5000)) => "各种规模的组织",
        (Some(From1To10 | From11To50), _) => "中小型企业",
        (Some(From1001To5000 | Over5000), _) => "大型企业",
        _ => "中大型组织",
    }
}

/// A company name from a surname of the home country (or two), and its web-address form.
fn company_name(rng: &mut StdRng, home: &str, focus: Focus) -> (String, String) {
    let surname = |rng: &mut StdRng| -> String {
        match home {
            "FR" => LastName(FR_FR).fake_with_rng(rng),
            "IT" => LastName(IT_IT).fake_with_rng(rng),
            "BR" => LastName(PT_BR).fake_with_rng(rng),
            "PT" => LastName(PT_PT).fake_with_rng(rng),
            _ => LastName(EN).fake_with_rng(rng),
        }
    };
    // "das Neves" starts a company name as "Das Neves".
    let first = capitalized(&surname(rng));
    let owners = if rng.random_bool(0.25) {
        let second = surname(rng);
        if second == first {
            first
        } else {
            format!("{first} & {second}")
        }
    } else {
        first
    };
    let endings = match local_endings(home) {
        Some(local) if rng.random_bool(0.7) => local,
        _ if rng.random_bool(0.6) => focus.name_endings(),
        _ => Focus::General.name_endings(),
    };
    let ending = endings.choose(rng).copied().unwrap_or("IT");
    let slug = app::domain::fold_accents(&owners)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    (format!("{owners} {ending}"), slug)
}

/// Two or three sentences built from what the partner offers: its services, whom it serves,
/// its industries, where it is and what it is certified for.
fn describe(
    rng: &mut StdRng,
    name: &str,
    services: &[String],
    industries: &[String],
    sizes: &[OrganizationSize],
    certifications: &[String],
    locations: &[Location],
) -> String {
    let offered = join(&services.iter().map(|s| in_sentence(s)).collect::<Vec<_>>());
    let audience = audience(sizes);
    let sectors = join(
        &industries
            .iter()
            .map(|industry| industry.to_lowercase())
            .collect::<Vec<_>>(),
    );
    let mut text = match rng.random_range(0..3) {
        0 => format!("{name} helps {audience} with {offered}."),
        1 => format!("We plan, run and support {offered} for {audience}."),
        _ => format!("From the first workshop to day-to-day support: {offered} for {audience}."),
    };
    text.push_str(&format!(" Most of our customers work in {sectors}."));
    let cities: Vec<&str> = locations
        .iter()
        .filter_map(|location| location.city.as_deref())
        .collect();
    if let Some(home) = locations.first() {
        let country = country_name(home.country, "en");
        match cities.as_slice() {
            [] => {
                // Names that read with an article in a sentence.
                let the = if ["US", "GB", "NL", "AE", "PH"].contains(&home.country.as_str()) {
                    "the "
                } else {
                    ""
                };
                text.push_str(&format!(" We serve customers across {the}{country}."));
            }
            [city] => text.push_str(&format!(" Our team is based in {city}, {country}.")),
            more => text.push_str(&format!(" Offices in {}.", join(more))),
        }
    }
    if let Some(certification) = certifications.first() {
        text.push_str(&format!(" Microsoft {certification}."));
    }
    text
}

/// Whom the sizes served make up, in words.
fn audience(sizes: &[OrganizationSize]) -> &'static str {
    use OrganizationSize::*;
    let (Some(&smallest), Some(&largest)) = (sizes.first(), sizes.last()) else {
        return "organizations";
    };
    let small = |size| matches!(size, From1To10 | From11To50);
    let large = |size| matches!(size, From1001To5000 | Over5000);
    match (small(smallest), large(largest)) {
        (true, true) if largest == Over5000 && smallest == From1To10 => {
            "organizations of every size"
        }
        (true, true) => "small, mid-sized and large organizations",
        (true, false) if small(largest) => "small businesses",
        (true, false) => "small and mid-sized businesses",
        (false, true) if large(smallest) => "large enterprises",
        (false, true) => "mid-sized and large organizations",
        (false, false) => "mid-sized organizations",
    }
}

/// A service as it reads inside a sentence: "cloud migration", but "Teams voice".
fn in_sentence(service: &str) -> String {
    let first_word = service.split(' ').next().unwrap_or_default();
    if PRODUCT_WORDS.contains(&first_word) {
        return service.to_owned();
    }
    let mut chars = service.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "a", "a and b", "a, b and c".
fn join<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
            first
                .iter()
                .map(|p| (&p.name, &p.description, &p.locations))
                .collect::<Vec<_>>(),
            again
                .iter()
                .map(|p| (&p.name, &p.description, &p.locations))
                .collect::<Vec<_>>()
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

    #[test]
    fn every_country_has_real_regions_with_two_to_four_cities() {
        for (country, _) in COUNTRIES {
            let regions = regions(country);
            assert!(regions.len() >= 3, "{country}: {} regions", regions.len());
            for (region, cities) in regions {
                assert!(
                    (2..=4).contains(&cities.len()),
                    "{country}, {region}: {} cities",
                    cities.len()
                );
            }
        }
        let tabled: Vec<&str> = PLACES.iter().map(|(country, _)| *country).collect();
        for country in &tabled {
            assert!(
                COUNTRIES.iter().any(|(code, _)| code == country),
                "{country} is tabled but never generated"
            );
            assert!(CountryCode::parse(country).is_ok(), "{country}");
        }
        assert_eq!(tabled.len(), COUNTRIES.len(), "one table per country");
    }

    #[test]
    fn every_city_generated_lies_in_its_region_of_its_country() {
        let mut cities = 0;
        let mut regions_named = 0;
        for partner in DirectoryGenerator::new(3).batch(1, 2_000) {
            for location in &partner.locations {
                let country = location.country.as_str();
                let region = location.region.as_deref();
                let city = location.city.as_deref();
                assert!(
                    is_known_place(country, region, city),
                    "{}: {city:?} is not in {region:?}, {country}",
                    partner.name
                );
                if let (Some(region), Some(city)) = (region, city) {
                    let table = regions(country)
                        .iter()
                        .find(|(name, _)| *name == region)
                        .map(|(_, cities)| *cities)
                        .unwrap_or_default();
                    assert!(table.contains(&city), "{city} in {region}, {country}");
                    cities += 1;
                }
                regions_named += usize::from(region.is_some());
            }
        }
        assert!(
            cities > 1_000 && regions_named > 1_000,
            "{cities} {regions_named}"
        );
    }

    #[test]
    fn a_place_outside_the_table_is_not_known() {
        assert!(is_known_place(
            "FR",
            Some("Île-de-France"),
            Some("Versailles")
        ));
        assert!(is_known_place("FR", None, Some("Lyon")));
        assert!(!is_known_place("FR", Some("Idaho"), None));
        assert!(!is_known_place("FR", Some("Île-de-France"), Some("Lyon")));
        assert!(!is_known_place("NL", None, Some("Stroman furt")));
        assert!(!is_known_place("XX", None, None));
    }

    #[test]
    fn names_descriptions_and_services_fit_together() {
        for partner in DirectoryGenerator::new(11).batch(1, 300) {
            let description = &partner.description;
            if is_chinese(&partner.name) {
                for service in &partner.services {
                    assert!(
                        description.contains(service_in_chinese(service)),
                        "{description}"
                    );
                }
                for industry in &partner.industries {
                    assert!(
                        description.contains(industry_in_chinese(industry)),
                        "{description}"
                    );
                }
                continue;
            }
            for service in &partner.services {
                assert!(
                    description.contains(&in_sentence(service)),
                    "{description:?} does not mention {service}"
                );
            }
            for industry in &partner.industries {
                assert!(
                    description.contains(&industry.to_lowercase()),
                    "{description}"
                );
            }
            for city in partner.locations.iter().filter_map(|l| l.city.as_deref()) {
                assert!(
                    description.contains(city),
                    "{description} leaves out {city}"
                );
            }
            assert!(!description.contains(". ."), "{description}");
            assert!(!description.contains("across United"), "{description}");
            assert!(
                partner.name.starts_with(|c: char| c.is_uppercase()),
                "{}",
                partner.name
            );
            let slug = partner
                .website
                .trim_start_matches("https://www.")
                .split('.')
                .next()
                .unwrap_or_default();
            assert!(
                slug.chars().any(|c| c.is_ascii_alphabetic()) && slug.is_ascii(),
                "{} at {}",
                partner.name,
                partner.website
            );
        }
    }

    fn is_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn partners_at_home_in_china_taiwan_and_hong_kong_write_in_chinese_and_serve_the_region() {
        let partners = DirectoryGenerator::new(3).batch(1, 2_000);
        let chinese: Vec<&NewPartner> = partners.iter().filter(|p| is_chinese(&p.name)).collect();
        assert!(
            chinese.len() >= 40,
            "{} Chinese partners in 2,000",
            chinese.len()
        );
        for partner in chinese {
            assert!(is_chinese(&partner.description), "{}", partner.description);
            assert!(partner
                .locations
                .iter()
                .all(|l| CHINESE_REGION.contains(&l.country.as_str())));
        }
        for partner in partners.iter().filter(|p| {
            p.locations
                .first()
                .is_some_and(|l| CHINESE_HOMES.contains(&l.country.as_str()))
        }) {
            assert!(is_chinese(&partner.name), "{}", partner.name);
        }
    }

    #[test]
    fn a_french_partner_has_a_french_name_more_often_than_not() {
        let french: Vec<NewPartner> = DirectoryGenerator::new(5)
            .batch(1, 3_000)
            .into_iter()
            .filter(|p| {
                p.locations
                    .first()
                    .is_some_and(|l| l.country.as_str() == "FR")
            })
            .collect();
        let local = french
            .iter()
            .filter(|p| {
                local_endings("FR")
                    .unwrap_or_default()
                    .iter()
                    .any(|ending| p.name.ends_with(ending))
            })
            .count();
        assert!(french.len() > 50, "{}", french.len());
        assert!(local * 2 > french.len(), "{local} of {}", french.len());
    }

    #[test]
    fn services_read_inside_a_sentence() {
        assert_eq!(in_sentence("Cloud migration"), "cloud migration");
        assert_eq!(in_sentence("Teams voice"), "Teams voice");
        assert_eq!(
            in_sentence("Compliance and eDiscovery"),
            "compliance and eDiscovery"
        );
        assert_eq!(join(&["a", "b", "c"]), "a, b and c");
        assert_eq!(join(&["a"]), "a");
    }
}
