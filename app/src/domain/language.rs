//! The languages the app speaks. A user's is stored (`app_user.language`): their mail is
//! written in it, one language per message.

use super::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    SimplifiedChinese,
}

impl Language {
    pub const ALL: [Self; 2] = [Self::English, Self::SimplifiedChinese];

    /// The BCP 47 tag: the locale folder's name, the page's `lang`, the stored value.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::SimplifiedChinese => "zh-CN",
        }
    }

    /// A tag as the app writes it (`en`, `zh-CN`; any case).
    pub fn parse(tag: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|language| language.tag().eq_ignore_ascii_case(tag.trim()))
            .ok_or(Invalid::Malformed)
    }

    /// A stored tag; English for one this version doesn't know.
    pub fn from_stored(tag: Option<&str>) -> Self {
        tag.and_then(|tag| Self::parse(tag).ok())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_its_tag() {
        for language in Language::ALL {
            assert_eq!(Language::parse(language.tag()), Ok(language));
        }
        assert_eq!(Language::parse(" ZH-cn "), Ok(Language::SimplifiedChinese));
        for unknown in ["", "zh", "fr", "en-US-x-\u{0}", "english"] {
            assert_eq!(
                Language::parse(unknown),
                Err(Invalid::Malformed),
                "{unknown:?}"
            );
        }
        assert_eq!(Language::from_stored(None), Language::English);
        assert_eq!(Language::from_stored(Some("xx")), Language::English);
        assert_eq!(
            Language::from_stored(Some("zh-CN")),
            Language::SimplifiedChinese
        );
    }
}
