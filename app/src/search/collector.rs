//! One pass over a search's keyword matches gives all it shows: the best matches under both
//! filters (country and size), their total, the count per country under the size filter and
//! the count per size under the country filter. The filters are bits in fast fields
//! (`Fields::country_bits`, `Fields::size_bits`), tested per match, so the facet counts need
//! no search of their own.

use crate::domain::CountryCode;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex, ColumnValues};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

/// 64-bit words of a set of countries (`CountryCode::ordinal` bits).
pub(super) const COUNTRY_WORDS: usize = 4;
const _EVERY_COUNTRY_HAS_A_BIT: () = assert!(CountryCode::COUNT <= COUNTRY_WORDS * 64);
/// Organization sizes, one bit each (`OrganizationSize::bit`).
const SIZES: usize = 6;

/// The fast fields' names.
pub(super) const SIZE_BITS: &str = "size_bits";
pub(super) const COUNTRY_BITS: [&str; COUNTRY_WORDS] = [
    "country_bits_0",
    "country_bits_1",
    "country_bits_2",
    "country_bits_3",
];

/// The set of countries `ordinals` as words of bits.
pub(super) fn country_words(ordinals: impl IntoIterator<Item = usize>) -> [u64; COUNTRY_WORDS] {
    let mut words = [0; COUNTRY_WORDS];
    for ordinal in ordinals {
        if let Some(word) = words.get_mut(ordinal / 64) {
            *word |= 1 << (ordinal % 64);
        }
    }
    words
}

/// A match as ranked: in the chosen place first, then by score, then the older partner.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked {
    pub local: bool,
    pub score: Score,
    pub partner_id: u64,
}

impl Ranked {
    fn key(&self) -> (bool, Score) {
        (self.local, self.score)
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.local
            .cmp(&other.local)
            .then_with(|| self.score.total_cmp(&other.score))
            .then_with(|| Reverse(self.partner_id).cmp(&Reverse(other.partner_id)))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// What one pass gathers.
#[derive(Debug, Clone)]
pub(super) struct Gathered {
    /// The best `keep` matches under both filters, best first.
    pub best: Vec<Ranked>,
    pub total: u64,
    /// By `CountryCode::ordinal`.
    pub per_country: Vec<u64>,
    /// By `OrganizationSize` bit.
    pub per_size: [u64; SIZES],
}

/// The search's filters and what to keep.
pub(super) struct DirectoryCollector {
    /// The chosen country: its word and bit.
    pub country: Option<(usize, u64)>,
    /// The chosen size's bit.
    pub size: Option<u64>,
    /// Matches to keep: the pages up to the one shown.
    pub keep: usize,
    /// Whether keywords rank the matches (without, every score is the same).
    pub scored: bool,
    /// The chosen city's and region's terms (in `place`): partners with one rank first.
    pub place: Field,
    pub local_terms: Vec<Term>,
}

impl DirectoryCollector {
    pub fn new(
        country: Option<CountryCode>,
        size_bit: Option<u64>,
        keep: usize,
        scored: bool,
        place: Field,
        local_terms: Vec<Term>,
    ) -> Self {
        Self {
            country: country.map(|code| {
                let ordinal = code.ordinal();
                (ordinal / 64, 1 << (ordinal % 64))
            }),
            size: size_bit,
            keep,
            scored,
            place,
            local_terms,
        }
    }
}

pub(super) struct SegmentGatherer {
    country: Option<(usize, u64)>,
    size: Option<u64>,
    keep: usize,
    partner_ids: Dense,
    sizes: Dense,
    countries: [Dense; COUNTRY_WORDS],
    /// This segment's partners in the chosen place, sorted.
    local_docs: Vec<DocId>,
    /// The best so far, the worst on top.
    best: BinaryHeap<Reverse<Ranked>>,
    total: u64,
    per_country: Vec<u64>,
    per_size: [u64; SIZES],
}

impl Collector for DirectoryCollector {
    type Fruit = Gathered;
    type Child = SegmentGatherer;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentGatherer> {
        let fast = reader.fast_fields();
        let countries = [
            dense(fast.u64(COUNTRY_BITS[0])?),
            dense(fast.u64(COUNTRY_BITS[1])?),
            dense(fast.u64(COUNTRY_BITS[2])?),
            dense(fast.u64(COUNTRY_BITS[3])?),
        ];
        Ok(SegmentGatherer {
            country: self.country,
            size: self.size,
            keep: self.keep,
            partner_ids: dense(fast.u64("partner_id")?),
            sizes: dense(fast.u64(SIZE_BITS)?),
            countries,
            local_docs: super::docs_with_any(reader, self.place, &self.local_terms),
            best: BinaryHeap::new(),
            total: 0,
            per_country: vec![0; COUNTRY_WORDS * 64],
            per_size: [0; SIZES],
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, segments: Vec<Gathered>) -> tantivy::Result<Gathered> {
        let mut merged = Gathered {
            best: Vec::new(),
            total: 0,
            per_country: vec![0; COUNTRY_WORDS * 64],
            per_size: [0; SIZES],
        };
        for segment in segments {
            merged.best.extend(segment.best);
            merged.total += segment.total;
            for (sum, count) in merged.per_country.iter_mut().zip(segment.per_country) {
                *sum += count;
            }
            for (sum, count) in merged.per_size.iter_mut().zip(segment.per_size) {
                *sum += count;
            }
        }
        merged.best.sort_unstable_by(|a, b| b.cmp(a));
        merged.best.truncate(self.keep);
        Ok(merged)
    }
}

impl SegmentCollector for SegmentGatherer {
    type Fruit = Gathered;

    fn collect(&mut self, doc: DocId, score: Score) {
        let score = rounded(score);
        let sizes = self.sizes.get_val(doc);
        let countries: [u64; COUNTRY_WORDS] =
            std::array::from_fn(|word| self.countries[word].get_val(doc));
        if let Some(local) = self.count(doc, score, sizes, countries) {
            let partner_id = self.partner_ids.get_val(doc);
            self.keep_if_best(local, score, partner_id);
        }
    }

    /// Matches without keywords (no scores), a block at a time: each column read at once.
    fn collect_block(&mut self, docs: &[DocId]) {
        let mut sizes = [0; BLOCK];
        let mut ids = [0; BLOCK];
        let mut countries = [[0; BLOCK]; COUNTRY_WORDS];
        for docs in docs.chunks(BLOCK) {
            let n = docs.len();
            self.sizes.get_vals(docs, &mut sizes[..n]);
            self.partner_ids.get_vals(docs, &mut ids[..n]);
            for (column, values) in self.countries.iter().zip(countries.iter_mut()) {
                column.get_vals(docs, &mut values[..n]);
            }
            for (i, doc) in docs.iter().enumerate() {
                let doc_countries = std::array::from_fn(|word| countries[word][i]);
                if let Some(local) = self.count(*doc, 0.0, sizes[i], doc_countries) {
                    self.keep_if_best(local, 0.0, ids[i]);
                }
            }
        }
    }

    fn harvest(self) -> Gathered {
        Gathered {
            best: self
                .best
                .into_iter()
                .map(|Reverse(ranked)| ranked)
                .collect(),
            total: self.total,
            per_country: self.per_country,
            per_size: self.per_size,
        }
    }
}

/// Docs read per column at once.
const BLOCK: usize = 64;

/// A fast field every document has a value in, read by document.
type Dense = Arc<dyn ColumnValues<u64>>;

fn dense(column: Column<u64>) -> Dense {
    match column.index {
        // A value per document, in document order: read as it is.
        ColumnIndex::Full => column.values,
        _ => column.first_or_default_col(0),
    }
}

impl SegmentGatherer {
    /// Counts one match. `Some(in the chosen place)` when it may rank among the best kept, to
    /// be read further: most matches rank below the worst kept, decided without their id.
    fn count(
        &mut self,
        doc: DocId,
        score: Score,
        sizes: u64,
        countries: [u64; COUNTRY_WORDS],
    ) -> Option<bool> {
        let in_size = self.size.is_none_or(|bit| sizes & bit != 0);
        let in_country = self
            .country
            .is_none_or(|(word, bit)| countries[word] & bit != 0);
        if in_size {
            for (word, bits) in countries.iter().enumerate() {
                for_each_bit(*bits, |bit| self.per_country[word * 64 + bit] += 1);
            }
        }
        if in_country {
            for_each_bit(sizes, |bit| {
                if let Some(count) = self.per_size.get_mut(bit) {
                    *count += 1;
                }
            });
        }
        if !(in_size && in_country) {
            return None;
        }
        self.total += 1;
        if self.keep == 0 {
            return None;
        }
        let local = !self.local_docs.is_empty() && self.local_docs.binary_search(&doc).is_ok();
        match self.best.peek() {
            Some(Reverse(worst))
                if self.best.len() >= self.keep && (local, score) < worst.key() =>
            {
                None
            }
            _ => Some(local),
        }
    }

    fn keep_if_best(&mut self, local: bool, score: Score, partner_id: u64) {
        let ranked = Ranked {
            local,
            score,
            partner_id,
        };
        if self.best.len() < self.keep {
            self.best.push(Reverse(ranked));
        } else if let Some(mut worst) = self.best.peek_mut() {
            if ranked > worst.0 {
                *worst = Reverse(ranked);
            }
        }
    }
}

/// A score to 8 significant bits (0.4 %): tantivy adds a document's clause scores in an order
/// that depends on the segments, so two partners as relevant as each other may differ in the
/// last bits of their scores, and their order with them. Rounded, they tie, and the older
/// partner comes first whatever the segments (the same answers in every process).
fn rounded(score: Score) -> Score {
    const DROPPED_BITS: u32 = f32::MANTISSA_DIGITS - 1 - 8;
    Score::from_bits(score.to_bits() & !((1 << DROPPED_BITS) - 1))
}

fn for_each_bit(mut bits: u64, mut each: impl FnMut(usize)) {
    while bits != 0 {
        each(bits.trailing_zeros() as usize);
        bits &= bits - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_that_differ_in_their_last_bits_tie() {
        let score: Score = 7.123_456;
        let noisy = Score::from_bits(score.to_bits() + 3);
        assert_eq!(rounded(score), rounded(noisy));
        assert!(rounded(7.2) > rounded(7.1));
        assert_eq!(rounded(0.0), 0.0);
    }

    #[test]
    fn a_set_of_countries_is_one_bit_each() {
        let words = country_words([0, 63, 64, 248]);
        assert_eq!(words, [1 | 1 << 63, 1, 0, 1 << 56]);
    }

    #[test]
    fn the_chosen_place_ranks_first_then_the_score_then_the_older_partner() {
        let ranked = |local, score, partner_id| Ranked {
            local,
            score,
            partner_id,
        };
        let mut all = [
            ranked(false, 2.0, 1),
            ranked(true, 1.0, 5),
            ranked(false, 2.0, 0),
            ranked(false, 3.0, 9),
        ];
        all.sort_unstable_by(|a, b| b.cmp(a));
        let ids: Vec<u64> = all.iter().map(|r| r.partner_id).collect();
        assert_eq!(ids, [5, 9, 0, 1]);
    }
}
