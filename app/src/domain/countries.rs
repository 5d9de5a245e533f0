//! The countries the location list offers, with their names in each language.

use super::CountryCode;

/// `(code, English name, Simplified Chinese name)`, in English alphabetical order.
const COUNTRY_NAMES: &[(&str, &str, &str)] = &[
    ("AR", "Argentina", "阿根廷"),
    ("AU", "Australia", "澳大利亚"),
    ("AT", "Austria", "奥地利"),
    ("BE", "Belgium", "比利时"),
    ("BR", "Brazil", "巴西"),
    ("CA", "Canada", "加拿大"),
    ("CL", "Chile", "智利"),
    ("CN", "China", "中国"),
    ("CO", "Colombia", "哥伦比亚"),
    ("CZ", "Czechia", "捷克"),
    ("DK", "Denmark", "丹麦"),
    ("EG", "Egypt", "埃及"),
    ("FI", "Finland", "芬兰"),
    ("FR", "France", "法国"),
    ("DE", "Germany", "德国"),
    ("HK", "Hong Kong SAR", "中国香港特别行政区"),
    ("HU", "Hungary", "匈牙利"),
    ("IN", "India", "印度"),
    ("ID", "Indonesia", "印度尼西亚"),
    ("IE", "Ireland", "爱尔兰"),
    ("IL", "Israel", "以色列"),
    ("IT", "Italy", "意大利"),
    ("JP", "Japan", "日本"),
    ("KE", "Kenya", "肯尼亚"),
    ("KR", "Korea", "韩国"),
    ("MY", "Malaysia", "马来西亚"),
    ("MX", "Mexico", "墨西哥"),
    ("NL", "Netherlands", "荷兰"),
    ("NZ", "New Zealand", "新西兰"),
    ("NG", "Nigeria", "尼日利亚"),
    ("NO", "Norway", "挪威"),
    ("PH", "Philippines", "菲律宾"),
    ("PL", "Poland", "波兰"),
    ("PT", "Portugal", "葡萄牙"),
    ("RO", "Romania", "罗马尼亚"),
    ("SA", "Saudi Arabia", "沙特阿拉伯"),
    ("SG", "Singapore", "新加坡"),
    ("ZA", "South Africa", "南非"),
    ("ES", "Spain", "西班牙"),
    ("SE", "Sweden", "瑞典"),
    ("CH", "Switzerland", "瑞士"),
    ("TW", "Taiwan", "台湾"),
    ("TH", "Thailand", "泰国"),
    ("TR", "Türkiye", "土耳其"),
    ("AE", "United Arab Emirates", "阿拉伯联合酋长国"),
    ("GB", "United Kingdom", "英国"),
    ("US", "United States", "美国"),
    ("VN", "Vietnam", "越南"),
];

/// The countries offered in location lists.
pub fn listed_countries() -> impl Iterator<Item = CountryCode> {
    COUNTRY_NAMES
        .iter()
        .filter_map(|(code, _, _)| CountryCode::parse(code).ok())
}

/// The country's name in `language` (`"zh-CN"` or English); its code when unlisted.
pub fn country_name(code: CountryCode, language: &str) -> String {
    COUNTRY_NAMES
        .iter()
        .find(|(listed, _, _)| *listed == code.as_str())
        .map(|(_, english, chinese)| {
            if language == "zh-CN" {
                *chinese
            } else {
                *english
            }
        })
        .unwrap_or(code.as_str())
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_country_is_a_real_code_with_two_names() {
        assert_eq!(listed_countries().count(), COUNTRY_NAMES.len());
        let germany = CountryCode::parse("DE").ok();
        assert_eq!(
            germany.map(|c| country_name(c, "zh-CN")).as_deref(),
            Some("德国")
        );
        assert_eq!(
            germany.map(|c| country_name(c, "en")).as_deref(),
            Some("Germany")
        );
    }
}
