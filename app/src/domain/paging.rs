//! Long lists a page at a time, the page named in the address (`?page=2`).

/// Pages past this are not served (a filter narrows a longer list).
pub const MAX_PAGE: i64 = 10_000;

/// The page an address asks for: a missing or unreadable number is the first, and any number
/// is held within 1..=[`MAX_PAGE`] (one past the last page shows nothing, not an error).
pub fn page_number(raw: &str) -> i64 {
    raw.trim().parse::<i64>().unwrap_or(1).clamp(1, MAX_PAGE)
}

/// How many pages of `size` hold `total` items.
pub fn page_count(total: i64, size: i64) -> i64 {
    (total.max(0) + size - 1) / size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_page_number_reads_without_failing() {
        assert_eq!(page_number(" 3 "), 3);
        for raw in ["", "0", "-4", "x", "99999999999999999999", "1e3"] {
            assert!((1..=MAX_PAGE).contains(&page_number(raw)), "{raw}");
        }
    }

    #[test]
    fn pages_hold_their_items() {
        assert_eq!(page_count(0, 50), 0);
        assert_eq!(page_count(1, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_count(-1, 50), 0);
    }
}
