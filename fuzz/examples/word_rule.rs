//! Every Unicode scalar value against the search index, where a fuzzer's byte mutations rarely
//! reach most of them: `cargo run --release --example word_rule` (in fuzz/).
//!
//! Each word character `c` (`is_word_char`) gets an entry named `"a{c}b"` described as
//! `"{c}"`, all in one index made like the server's (`app::search`). Then each of the two
//! texts is searched for, as the server searches:
//! 1. Errors: the index refusing the search (a crash in the server's terms) is listed.
//! 2. Misses: an entry that its own text does not find on the first page, because the
//!    analyzers cut or fold the word otherwise than `keywords` does.
//!
//! Prints a summary and the characters of each kind, grouped into ranges; exits 1 on any
//! error of kind 1 or miss of kind 2.

use app::domain::{
    is_word_char, keywords, CountryCode, OrganizationSize, RelationshipType, SearchParams,
    PAGE_SIZE,
};
use app::search::{Checkpoint, IndexedPartner, Place, SearchIndex};

fn main() {
    let started = std::time::Instant::now();
    let limit: usize = std::env::var("WORD_RULE_LIMIT")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(usize::MAX);
    let word_chars: Vec<char> = (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|c| is_word_char(*c))
        .take(limit)
        .collect();
    let texts = |c: char| [format!("a{c}b"), c.to_string()];
    let entries: Vec<IndexedPartner> = word_chars
        .iter()
        .map(|c| {
            let [long, single] = texts(*c);
            IndexedPartner {
                partner_id: *c as i64,
                name: long,
                services: vec![],
                industries: vec![],
                descriptions: vec![single],
                places: vec![Place {
                    country: CountryCode::parse("US").expect("a country"),
                    region_key: None,
                    city_key: None,
                }],
                sizes_served: vec![OrganizationSize::From1To10],
                relationship_types_offered: vec![RelationshipType::Reseller],
            }
        })
        .collect();
    let index = SearchIndex::open(None).expect("an index in memory");
    let checkpoint = Checkpoint {
        schema_version: app::search::SCHEMA_VERSION,
        database: "word rule".to_owned(),
        applied_change: 1,
    };
    index
        .apply(&entries, &[], &checkpoint)
        .expect("entries indexed");
    println!(
        "{} entries indexed in {:.1} s",
        entries.len(),
        started.elapsed().as_secs_f64()
    );

    let mut refused: Vec<(char, String)> = Vec::new();
    let mut missed: Vec<(char, String)> = Vec::new();
    for c in &word_chars {
        for text in texts(*c) {
            if keywords(&text).is_empty() {
                continue;
            }
            // Letters that fold alike (ų, ư, ǔ are all u) tie: the entry may be on a later page.
            let mut page = 0;
            let outcome = loop {
                let query = SearchParams {
                    q: text.clone(),
                    page,
                    ..SearchParams::default()
                }
                .parse()
                .expect("a word is a search");
                match index.search(&query) {
                    Err(error) => break Err(format!("{text:?}: {error}")),
                    Ok(hits) if hits.partner_ids.contains(&(*c as i64)) => break Ok(true),
                    Ok(hits) if i64::from(page + 1) * i64::from(PAGE_SIZE) >= hits.total => {
                        break Ok(false)
                    }
                    Ok(_) => page += 1,
                }
            };
            match outcome {
                Err(why) => {
                    refused.push((*c, why));
                    break;
                }
                Ok(false) => {
                    missed.push((*c, format!("{text:?} → {:?}", keywords(&text))));
                    break;
                }
                Ok(true) => {}
            }
        }
    }

    println!(
        "word characters: {} ({:.1} s)",
        word_chars.len(),
        started.elapsed().as_secs_f64()
    );
    println!("refused by the index: {}", refused.len());
    print_ranges(&refused);
    for (c, why) in refused.iter().take(10) {
        println!("  U+{:04X}: {why}", *c as u32);
    }
    println!("not found by their own text: {}", missed.len());
    print_ranges(&missed);
    for (c, why) in missed.iter().take(20) {
        println!("  U+{:04X}: {why}", *c as u32);
    }
    if !refused.is_empty() || !missed.is_empty() {
        std::process::exit(1);
    }
}

fn print_ranges(chars: &[(char, String)]) {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for (c, _) in chars {
        let c = *c as u32;
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == c => *end = c,
            _ => ranges.push((c, c)),
        }
    }
    let text: Vec<String> = ranges
        .iter()
        .map(|(start, end)| match start == end {
            true => format!("U+{start:04X}"),
            false => format!("U+{start:04X}–U+{end:04X}"),
        })
        .collect();
    if !text.is_empty() {
        println!("  {}", text.join(" "));
    }
}
