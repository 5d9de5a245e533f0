use super::Invalid;
use serde::{Deserialize, Serialize};

/// A tenant's primary DNS domain, such as `contoso.example`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TenantDomain(String);

impl TenantDomain {
    pub const MAX_LEN: usize = 253;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let domain = raw.trim().trim_end_matches('.').to_lowercase();
        if domain.is_empty() {
            return Err(Invalid::Required);
        }
        if domain.len() > Self::MAX_LEN {
            return Err(Invalid::TooLong);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |label: &&str| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if labels.len() < 2 || !labels.iter().all(label_ok) {
            return Err(Invalid::DomainMalformed);
        }
        Ok(Self(domain))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TenantDomain {
    type Error = &'static str;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw).map_err(Invalid::message_id)
    }
}

impl From<TenantDomain> for String {
    fn from(domain: TenantDomain) -> Self {
        domain.0
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

/// Every officially assigned ISO 3166-1 alpha-2 code.
const ISO_3166_ALPHA_2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

impl CountryCode {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let code = raw.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(Invalid::Required);
        }
        match code.as_bytes() {
            [a, b] if ISO_3166_ALPHA_2.split(' ').any(|known| known == code) => Ok(Self([*a, *b])),
            _ => Err(Invalid::CountryUnknown),
        }
    }

    /// Codes there are: `ordinal` is below it.
    pub const COUNT: usize = ISO_3166_ALPHA_2.len().div_ceil(3);

    /// The code's place among every assigned code, for sets of countries as bits.
    pub fn ordinal(self) -> usize {
        ISO_3166_ALPHA_2
            .as_bytes()
            .chunks(3)
            .position(|known| known[..2] == self.0)
            .unwrap_or(0)
    }

    /// The code at `ordinal` among every assigned code.
    pub fn from_ordinal(ordinal: usize) -> Option<Self> {
        let start = ordinal.checked_mul(3)?;
        ISO_3166_ALPHA_2
            .get(start..start + 2)
            .and_then(|code| Self::parse(code).ok())
    }

    pub fn all() -> impl Iterator<Item = CountryCode> {
        ISO_3166_ALPHA_2
            .split(' ')
            .filter_map(|code| Self::parse(code).ok())
    }

    pub fn as_str(&self) -> &str {
        // Built only from ASCII letters in `parse`.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl TryFrom<String> for CountryCode {
    type Error = &'static str;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw).map_err(Invalid::message_id)
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> Self {
        code.as_str().to_owned()
    }
}

/// The organization sizes the directory knows, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrganizationSize {
    From1To10,
    From11To50,
    From51To250,
    From251To1000,
    From1001To5000,
    Over5000,
}

impl OrganizationSize {
    pub const ALL: [OrganizationSize; 6] = [
        OrganizationSize::From1To10,
        OrganizationSize::From11To50,
        OrganizationSize::From51To250,
        OrganizationSize::From251To1000,
        OrganizationSize::From1001To5000,
        OrganizationSize::Over5000,
    ];

    /// The label shown in every language, and the value in forms and URLs.
    pub fn label(self) -> &'static str {
        match self {
            OrganizationSize::From1To10 => "1–10",
            OrganizationSize::From11To50 => "11–50",
            OrganizationSize::From51To250 => "51–250",
            OrganizationSize::From251To1000 => "251–1,000",
            OrganizationSize::From1001To5000 => "1,001–5,000",
            OrganizationSize::Over5000 => "5,000+",
        }
    }

    /// The value stored in the database and used in URLs.
    pub fn as_db(self) -> &'static str {
        match self {
            OrganizationSize::From1To10 => "1-10",
            OrganizationSize::From11To50 => "11-50",
            OrganizationSize::From51To250 => "51-250",
            OrganizationSize::From251To1000 => "251-1000",
            OrganizationSize::From1001To5000 => "1001-5000",
            OrganizationSize::Over5000 => "5000+",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Invalid::Required);
        }
        Self::ALL
            .into_iter()
            .find(|size| size.as_db() == raw || size.label() == raw)
            .ok_or(Invalid::SizeUnknown)
    }

    /// One bit per size, so a set of sizes is one integer column.
    pub fn bit(self) -> i64 {
        1 << (self as i64)
    }

    pub fn set_to_bits(sizes: &[OrganizationSize]) -> i64 {
        sizes.iter().fold(0, |bits, size| bits | size.bit())
    }

    pub fn set_from_bits(bits: i64) -> Vec<OrganizationSize> {
        Self::ALL
            .into_iter()
            .filter(|size| bits & size.bit() != 0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_has_its_own_ordinal() {
        let ordinals: Vec<usize> = CountryCode::all().map(CountryCode::ordinal).collect();
        assert_eq!(ordinals, (0..CountryCode::COUNT).collect::<Vec<_>>());
        for code in CountryCode::all() {
            assert_eq!(CountryCode::from_ordinal(code.ordinal()), Some(code));
        }
        assert_eq!(CountryCode::from_ordinal(CountryCode::COUNT), None);
    }

    #[test]
    fn a_domain_is_normalized() {
        let domain = TenantDomain::parse(" Contoso.Example. ").map(String::from);
        assert_eq!(domain, Ok("contoso.example".to_owned()));
    }

    #[test]
    fn malformed_domains_are_refused() {
        for raw in [
            "contoso",
            "contoso..example",
            "-contoso.example",
            "con toso.example",
            "contoso.example/evil",
            "http://contoso.example",
        ] {
            assert_eq!(
                TenantDomain::parse(raw),
                Err(Invalid::DomainMalformed),
                "{raw}"
            );
        }
        assert_eq!(TenantDomain::parse(""), Err(Invalid::Required));
    }

    #[test]
    fn country_codes_are_upper_cased_and_must_exist() {
        assert_eq!(
            CountryCode::parse("de").map(String::from),
            Ok("DE".to_owned())
        );
        assert_eq!(CountryCode::parse("XX"), Err(Invalid::CountryUnknown));
        assert_eq!(CountryCode::parse("DEU"), Err(Invalid::CountryUnknown));
        assert_eq!(CountryCode::all().count(), 249);
    }

    #[test]
    fn sizes_parse_from_their_value_and_their_label() {
        for size in OrganizationSize::ALL {
            assert_eq!(OrganizationSize::parse(size.as_db()), Ok(size));
            assert_eq!(OrganizationSize::parse(size.label()), Ok(size));
        }
        assert_eq!(OrganizationSize::parse("huge"), Err(Invalid::SizeUnknown));
    }

    #[test]
    fn sets_of_sizes_round_trip_through_bits() {
        let sizes = vec![OrganizationSize::From1To10, OrganizationSize::Over5000];
        assert_eq!(
            OrganizationSize::set_from_bits(OrganizationSize::set_to_bits(&sizes)),
            sizes
        );
    }
}
