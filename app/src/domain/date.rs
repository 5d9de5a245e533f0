//! Dates as shown: ISO days, the same in every language.

/// `YYYY-MM-DD` (UTC) of a millisecond timestamp: the same in every language.
pub fn format_date(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The start (UTC, in milliseconds) of a day written `YYYY-MM-DD`, as a date field sends it;
/// years 1970 to 9999.
pub fn parse_date(raw: &str) -> Result<i64, super::Invalid> {
    let malformed = super::Invalid::DateMalformed;
    let bytes = raw.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(malformed);
    }
    let number = |range: std::ops::Range<usize>| -> Result<i64, super::Invalid> {
        let digits = &raw[range];
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            digits.parse().map_err(|_| malformed)
        } else {
            Err(malformed)
        }
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(malformed),
    };
    if year < 1970 || !(1..=days_in_month).contains(&day) {
        return Err(malformed);
    }
    // Days-from-civil (Howard Hinnant's algorithm), the inverse of `format_date`.
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Ok((era * 146_097 + doe - 719_468) * 86_400_000)
}

/// `YYYY-MM-DDTHH:MM:SSZ` (UTC) of a millisecond timestamp, for exported logs.
pub fn format_timestamp(ms: i64) -> String {
    let seconds = ms.div_euclid(1_000).rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        format_date(ms),
        seconds / 3_600,
        seconds % 3_600 / 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_written_as_iso_days() {
        assert_eq!(super::format_date(0), "1970-01-01");
        assert_eq!(super::format_date(1_795_000_000_000), "2026-11-18");
        assert_eq!(super::format_date(951_782_400_000), "2000-02-29");
        assert_eq!(
            super::format_timestamp(951_782_461_999),
            "2000-02-29T00:01:01Z"
        );
    }

    #[test]
    fn days_typed_read_back_as_they_are_written() {
        for ms in [
            0,
            951_782_400_000,
            1_795_000_000_000 - 1_795_000_000_000 % 86_400_000,
        ] {
            let day = super::format_date(ms);
            assert_eq!(super::parse_date(&day), Ok(ms), "{day}");
        }
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "1969-12-31",
            "2026-1-01",
            "+026-01-01",
            "２０２６-01-01",
            "2026-01-01\0",
            "",
        ] {
            assert!(super::parse_date(bad).is_err(), "{bad:?}");
        }
        assert!(super::parse_date("2024-02-29").is_ok());
    }
}
