//! The partners chosen for a contact request (`?partners=3,17,42`): never panics; at most ten
//! distinct ids, in the order first given; a list over 400 bytes is refused unread.
#![no_main]

use app::domain::{parse_partner_ids, Invalid, MAX_PARTNERS_PER_REQUEST};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let parsed = parse_partner_ids(&raw);
    if raw.len() > 400 {
        assert_eq!(parsed, Err(Invalid::TooManyPartners), "{raw:?}");
        return;
    }
    // What the list says, read the simple way: its parts, each an i64 or not.
    let parts: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Vec<Option<i64>> = parts.iter().map(|p| p.parse().ok()).collect();
    // The distinct ids before the first malformed part.
    let mut distinct: Vec<i64> = Vec::new();
    for number in numbers.iter().map_while(|n| *n) {
        if !distinct.contains(&number) {
            distinct.push(number);
        }
    }
    match parsed {
        Ok(ids) => {
            let ids: Vec<i64> = ids.into_iter().map(|id| id.get()).collect();
            assert!(
                !ids.is_empty() && ids.len() <= MAX_PARTNERS_PER_REQUEST,
                "{raw:?}"
            );
            assert!(
                numbers.iter().all(Option::is_some),
                "{raw:?} accepted as {ids:?}"
            );
            assert_eq!(ids, distinct, "{raw:?}");
        }
        Err(Invalid::Required) => assert!(parts.is_empty(), "{raw:?}"),
        Err(Invalid::TooManyPartners) => {
            assert!(distinct.len() > MAX_PARTNERS_PER_REQUEST, "{raw:?}")
        }
        Err(Invalid::Malformed) => {
            assert!(numbers.iter().any(Option::is_none), "{raw:?}");
            assert!(distinct.len() <= MAX_PARTNERS_PER_REQUEST, "{raw:?}");
        }
        Err(other) => panic!("{raw:?}: unexpected {other:?}"),
    }
});
