//! How directory text and search keywords become index terms, the same for both: words by
//! the domain's rule (`is_word_char`), lower-cased with Latin accents folded; a run of Chinese
//! characters cut into words by jieba (so 云迁移 is found inside 提供云迁移和安全服务); and,
//! for the ranked fields, English words stemmed (`migrations` and `migrating` are `migrat`).

use crate::domain::{fold_accents, is_word_char};
use std::sync::LazyLock;
use tantivy::tokenizer::{
    Language, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The analyzer of the ranked fields: words, stemmed.
pub const STEMMED: &str = "partner_stemmed";
/// The analyzer of the fields prefixes and typos are matched in: words as written.
pub const WORDS: &str = "partner_words";

/// Terms longer than this (in bytes) are left out of the index; no keyword is that long.
const MAX_TERM_BYTES: usize = 200;

static JIEBA: LazyLock<jieba_rs::Jieba> = LazyLock::new(jieba_rs::Jieba::new);

/// Registers both analyzers with an index (tantivy does not store them with it).
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(STEMMED, stemmed());
    index.tokenizers().register(WORDS, words());
}

pub fn stemmed() -> TextAnalyzer {
    TextAnalyzer::builder(PartnerWords)
        .filter(RemoveLongFilter::limit(MAX_TERM_BYTES))
        .filter(Stemmer::new(Language::English))
        .build()
}

pub fn words() -> TextAnalyzer {
    TextAnalyzer::builder(PartnerWords)
        .filter(RemoveLongFilter::limit(MAX_TERM_BYTES))
        .build()
}

/// The terms `analyzer` makes of `text`, in order, with repeats.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    terms
}

/// Whether `c` is a Chinese character (CJK Unified Ideographs and their extensions and
/// compatibility forms): runs of them are cut into words by the dictionary.
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}'
        | '\u{30000}'..='\u{323af}')
}

/// The tokenizer both analyzers start from.
#[derive(Clone, Default)]
pub struct PartnerWords;

impl Tokenizer for PartnerWords {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens {
            tokens: split(text),
            next: 0,
        }
    }
}

/// The words of `text`: each word by the domain's rule, then each run of Chinese characters
/// inside it cut by jieba (search mode: a long word also gives its shorter words).
fn split(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut push = |from: usize, word: &str| {
        // A "word" of marks alone carries no letter (the domain's rule leaves it out too).
        if !crate::domain::words(word).any(|_| true) {
            return;
        }
        tokens.push(Token {
            offset_from: from,
            offset_to: from + word.len(),
            position: tokens.len(),
            text: fold_accents(&word.to_lowercase()),
            position_length: 1,
        });
    };
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, is_word_char(c) && at < text.len()) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                split_scripts(&text[from..at], from, &mut push);
                start = None;
            }
            _ => {}
        }
    }
    tokens
}

/// Splits one word into its Chinese and other runs; a Chinese run is cut by the dictionary.
fn split_scripts(word: &str, offset: usize, push: &mut impl FnMut(usize, &str)) {
    let mut run_start = 0;
    let mut run_is_han = None;
    for (at, c) in word.char_indices().chain([(word.len(), ' ')]) {
        let han = (at < word.len()).then(|| is_han(c));
        if han != run_is_han {
            if let Some(was_han) = run_is_han {
                let run = &word[run_start..at];
                if was_han {
                    // Offsets are only kept per run: nothing reads them.
                    for piece in JIEBA.cut_for_search(run, true) {
                        push(offset + run_start, piece.word);
                    }
                } else {
                    push(offset + run_start, run);
                }
            }
            run_start = at;
            run_is_han = han;
        }
    }
}

pub struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_cut_into_words() {
        let terms = terms(&mut words(), "提供云迁移和安全服务");
        for word in ["提供", "云", "迁移", "安全", "服务"] {
            assert!(terms.contains(&word.to_owned()), "{word} in {terms:?}");
        }
    }

    #[test]
    fn english_words_are_stemmed_in_the_ranked_fields_only() {
        assert_eq!(
            terms(&mut stemmed(), "Cloud Migrations"),
            ["cloud", "migrat"]
        );
        assert_eq!(
            terms(&mut words(), "Cloud Migrations"),
            ["cloud", "migrations"]
        );
    }

    #[test]
    fn latin_accents_fold_and_other_scripts_stay() {
        assert_eq!(
            terms(&mut words(), "Über Дальний सेवा"),
            ["uber", "дальний", "सेवा"]
        );
    }

    #[test]
    fn mixed_scripts_in_one_word_split_at_the_change() {
        assert_eq!(terms(&mut words(), "Azure云"), ["azure", "云"]);
    }

    #[test]
    fn punctuation_and_marks_alone_make_no_terms() {
        assert!(terms(&mut words(), " ,;!  \u{301} ").is_empty());
    }
}
