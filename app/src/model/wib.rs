//! Calendar arithmetic in Western Indonesian Time (WIB, UTC+7, no daylight saving): ISO dates and
//! `HH:MM` times to Unix seconds and back.

/// WIB's offset from UTC in seconds.
pub const WIB_OFFSET: i64 = 7 * 3600;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of day number `days` since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = if month <= 2 {
        yoe + era * 400 + 1
    } else {
        yoe + era * 400
    };
    (year, month, day)
}

/// A valid `YYYY-MM-DD` date as its day number, or `None`.
pub fn parse_date(value: &str) -> Option<i64> {
    let value = value.trim();
    let mut parts = value.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (year, month, day): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(2000..=2100).contains(&year) || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    (civil_from_days(days) == (year, month, day)).then_some(days)
}

/// `HH:MM` as minutes after midnight, or `None`.
pub fn parse_time(value: &str) -> Option<i64> {
    let (h, m) = value.trim().split_once(':')?;
    let (hour, minute): (i64, i64) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    ((0..24).contains(&hour) && (0..60).contains(&minute) && h.len() <= 2)
        .then_some(hour * 60 + minute)
}

/// The instant 00:00 WIB of day `days`.
pub fn start_of_day(days: i64) -> i64 {
    days * 86_400 - WIB_OFFSET
}

/// The instant 23:59:59 WIB of day `days`.
pub fn end_of_day(days: i64) -> i64 {
    start_of_day(days) + 86_399
}

/// The ISO date (in WIB) of instant `unix`.
pub fn date_of(unix: i64) -> String {
    let (y, m, d) = civil_from_days((unix + WIB_OFFSET).div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD HH:MM` (in WIB) of instant `unix`.
pub fn date_time_of(unix: i64) -> String {
    let local = unix + WIB_OFFSET;
    let minutes = local.rem_euclid(86_400) / 60;
    format!("{} {:02}:{:02}", date_of(unix), minutes / 60, minutes % 60)
}

/// A date for people: `11 Jan 2027` (month names in the given language).
pub fn pretty_date(iso: &str, english: bool) -> String {
    const ID: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let Some(days) = parse_date(iso) else {
        return iso.to_string();
    };
    let (y, m, d) = civil_from_days(days);
    let names = if english { EN } else { ID };
    format!("{d} {} {y}", names[(m - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_wib_is_utc_plus_seven() {
        let day = parse_date("2027-01-11").expect("valid");
        // 2027-01-11 00:00 WIB is 2027-01-10 17:00 UTC.
        assert_eq!(start_of_day(day), 1_799_600_400);
        assert_eq!(date_of(start_of_day(day)), "2027-01-11");
        assert_eq!(date_of(end_of_day(day)), "2027-01-11");
        assert_eq!(date_of(end_of_day(day) + 1), "2027-01-12");
        assert_eq!(
            date_time_of(start_of_day(day) + 9 * 3600 + 30 * 60),
            "2027-01-11 09:30"
        );
        for bad in [
            "2027-02-30",
            "2027-13-01",
            "27-01-01",
            "2027-1-1",
            "",
            "2027-01-01x",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2028-02-29").map(|_| ()), Some(()));
        assert_eq!(parse_time("09:30"), Some(570));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(pretty_date("2027-01-11", false), "11 Jan 2027");
        assert_eq!(pretty_date("2027-08-01", false), "1 Agu 2027");
    }
}
