//! The directory search's index and queries (`app::search`), on a real in-memory tantivy
//! index made exactly like the server's (same fields, analyzers, query building).
//!
//! The input is text: its first line is the search box; it and every further line (columns
//! split by `|`: name|services|industries|description) are also directory entries, beside a
//! few fixed ones in several scripts. The search box's keywords run as the server runs them
//! (`SearchParams::parse` → `SearchIndex::search`), with no filter, a country, a size and
//! both, and a city to rank first. Any index error is a crash; so are a total below the page's
//! length, facet counts above the total, and a page holding a partner twice.
//!
//! With `--features strict`, an entry must also be found by the keywords of its own name
//! (what a user expects: a word in a partner's name finds it).
#![no_main]

use app::domain::{keywords, CountryCode, OrganizationSize, RelationshipType, SearchParams};
use app::search::{Checkpoint, IndexedPartner, Place, SearchIndex};
use libfuzzer_sys::fuzz_target;

/// Directory entries beside the input's: name, services, industries, description, country.
const ENTRIES: &[[&str; 5]] = &[
    [
        "Fabrikam Solutions",
        "Cloud migration|Security",
        "Retail|Healthcare",
        "Cloud migration and data security for retailers.",
        "US",
    ],
    [
        "Müller Systemhaus GmbH",
        "Über-Migration|Straßen-IT",
        "Öffentliche Verwaltung",
        "Wir migrieren Ihre Daten in die Cloud. Größe egal.",
        "DE",
    ],
    [
        "सेवा टेक्नोलॉजी",
        "क्लाउड सेवा|डेटा सुरक्षा",
        "स्वास्थ्य",
        "हिंदी में क्लाउड माइग्रेशन सेवाएँ",
        "IN",
    ],
    [
        "ภาษาไทย คลาวด์",
        "ย้ายระบบคลาวด์",
        "ค้าปลีก",
        "บริการคลาวด์สำหรับธุรกิจไทย",
        "TH",
    ],
    [
        "שָׁלוֹם טכנולוגיות",
        "מַחְשׁוּב עָנָן",
        "בריאות",
        "שירותי ענן לעסקים",
        "IL",
    ],
    [
        "مرحبا للحلول",
        "الحوسبة السحابية|الأمن",
        "التجزئة",
        "نقل البيانات إلى السحابة",
        "SA",
    ],
    [
        "云迁移科技",
        "云迁移|数据安全",
        "零售",
        "为中小企业提供云迁移和安全服务",
        "CN",
    ],
    [
        "Rocket 🚀 IT",
        "☁️ cloud ops|🔒 security",
        "Gaming",
        "We ❤️ migrations; Việt Nam, São Paulo, Ελλάδα, Дальний Восток.",
        "VN",
    ],
];

/// At most this many lines of an input become directory entries.
const MAX_INPUT_ENTRIES: usize = 8;

fn entry(id: i64, columns: [&str; 4], country: &str) -> IndexedPartner {
    let list = |text: &str| text.split('|').map(str::to_owned).collect();
    IndexedPartner {
        partner_id: id,
        name: columns[0].to_owned(),
        services: list(columns[1]),
        industries: list(columns[2]),
        descriptions: vec![columns[3].to_owned()],
        places: vec![Place {
            country: CountryCode::parse(country).expect("a country"),
            region_key: Some("region".to_owned()),
            city_key: Some("city".to_owned()),
        }],
        sizes_served: vec![OrganizationSize::From251To1000],
        relationship_types_offered: vec![RelationshipType::Reseller],
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut entries: Vec<IndexedPartner> = ENTRIES
        .iter()
        .zip(1..)
        .map(|([name, services, industries, description, country], id)| {
            entry(id, [name, services, industries, description], country)
        })
        .collect();
    for (line, id) in text.lines().take(MAX_INPUT_ENTRIES).zip(100..) {
        let mut columns = line.splitn(4, '|');
        let mut next = || columns.next().unwrap_or("");
        let (name, services, industries, description) = (next(), next(), next(), next());
        entries.push(entry(id, [name, services, industries, description], "US"));
    }
    let index = SearchIndex::open(None).expect("an index in memory");
    let checkpoint = Checkpoint {
        schema_version: app::search::SCHEMA_VERSION,
        database: "fuzz".to_owned(),
        applied_change: 1,
    };
    index
        .apply(&entries, &[], &checkpoint)
        .expect("entries indexed");

    let search_box = text.lines().next().unwrap_or("");
    for (country, size, city) in [
        ("", "", ""),
        ("US", "", ""),
        ("", "251-1000", ""),
        ("US", "251-1000", "city"),
    ] {
        let params = SearchParams {
            country: country.to_owned(),
            size: size.to_owned(),
            city: city.to_owned(),
            q: search_box.to_owned(),
            ..SearchParams::default()
        };
        let Ok(query) = params.parse() else {
            continue;
        };
        let hits = index.search(&query).expect("the index answers");
        assert!(hits.total >= hits.partner_ids.len() as i64, "{hits:?}");
        let mut ids = hits.partner_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            ids.len(),
            hits.partner_ids.len(),
            "a partner twice: {hits:?}"
        );
        for (_, count) in hits.countries.iter().filter(|_| query.size.is_none()) {
            assert!(
                *count as i64 <= hits.total || query.country.is_some(),
                "{hits:?}"
            );
        }
    }

    if cfg!(feature = "strict") {
        for entry in &entries {
            let query = SearchParams {
                q: entry.name.clone(),
                ..SearchParams::default()
            }
            .parse()
            .expect("a name is a search");
            if keywords(&entry.name).is_empty() {
                continue;
            }
            let hits = index.search(&query).expect("the index answers");
            assert!(
                hits.total > 0,
                "{:?} is not found by its own name ({:?})",
                entry.name,
                keywords(&entry.name)
            );
        }
    }
});
