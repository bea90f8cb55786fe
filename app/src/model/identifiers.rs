//! Teacher and school identifiers other than the NIP (DOMAIN.md §7): NUPTK, NPSN, region codes,
//! ranks (golongan) with their jenjang, school levels and phone numbers.
//!
//! Each `parse` accepts the usual written forms and returns the stored form, or an error whose
//! `message_key` names a sentence in the locale files that says exactly what is wrong.

use serde::{Deserialize, Serialize};

/// Why an identifier was refused. `WrongLength` carries how many digits there were.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentifierError {
    NuptkNotDigits,
    NuptkWrongLength(usize),
    NpsnInvalid,
    RegionInvalid,
    RankUnknown,
    SchoolLevelUnknown,
    PhoneInvalid,
    BirthDateInvalid,
}

impl IdentifierError {
    /// The locale key of the message for this error.
    pub fn message_key(self) -> &'static str {
        match self {
            IdentifierError::NuptkNotDigits => "identifier.nuptk_not_digits",
            IdentifierError::NuptkWrongLength(_) => "identifier.nuptk_wrong_length",
            IdentifierError::NpsnInvalid => "identifier.npsn_invalid",
            IdentifierError::RegionInvalid => "identifier.region_invalid",
            IdentifierError::RankUnknown => "identifier.rank_unknown",
            IdentifierError::SchoolLevelUnknown => "identifier.school_level_unknown",
            IdentifierError::PhoneInvalid => "identifier.phone_invalid",
            IdentifierError::BirthDateInvalid => "identifier.birth_date_invalid",
        }
    }

    /// The `{count}` placeholder's value, for errors that have one.
    pub fn count(self) -> Option<usize> {
        match self {
            IdentifierError::NuptkWrongLength(n) => Some(n),
            _ => None,
        }
    }
}

/// Digits of `value` once spaces, dots and dashes are dropped; `None` if anything else is there.
fn digits_only(value: &str) -> Option<String> {
    let mut digits = String::with_capacity(value.len());
    for c in value.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' | '-' => {}
            _ => return None,
        }
    }
    Some(digits)
}

/// NUPTK: 16 digits, opaque and permanent.
pub fn parse_nuptk(value: &str) -> Result<String, IdentifierError> {
    let digits = digits_only(value).ok_or(IdentifierError::NuptkNotDigits)?;
    if digits.len() != 16 {
        return Err(IdentifierError::NuptkWrongLength(digits.len()));
    }
    Ok(digits)
}

/// NPSN: 8 digits for a school, or `K`/`P` and 7 digits for a non-formal institution. Stored
/// upper-cased.
pub fn parse_npsn(value: &str) -> Result<String, IdentifierError> {
    let value = value.trim().to_ascii_uppercase();
    let bytes = value.as_bytes();
    let valid = match bytes.first() {
        Some(b'K' | b'P') => bytes.len() == 8 && bytes[1..].iter().all(u8::is_ascii_digit),
        _ => bytes.len() == 8 && bytes.iter().all(u8::is_ascii_digit),
    };
    if valid {
        Ok(value)
    } else {
        Err(IdentifierError::NpsnInvalid)
    }
}

/// A Kemendagri region code: province `PP`, regency/city `PP.KK`, district `PP.KK.DD`.
pub fn parse_region_code(value: &str) -> Result<String, IdentifierError> {
    let value = value.trim();
    let parts: Vec<&str> = value.split('.').collect();
    let valid = (1..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0] != "00";
    if valid {
        Ok(value.to_string())
    } else {
        Err(IdentifierError::RegionInvalid)
    }
}

/// The province part (`PP`) of a region code.
pub fn province_of(region_code: &str) -> &str {
    region_code.split('.').next().unwrap_or(region_code)
}

/// A civil-servant teacher's rank (golongan/ruang), with its jenjang and title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rank {
    /// `III/a` … `IV/e`.
    pub code: &'static str,
    /// Pangkat, e.g. `Penata Muda`.
    pub title: &'static str,
    /// Jabatan fungsional guru: `Ahli Pertama`, `Ahli Muda`, `Ahli Madya`, `Ahli Utama`.
    pub jenjang: &'static str,
    /// The older label of the same jenjang: `Guru Pertama` … `Guru Utama`.
    pub old_jenjang: &'static str,
}

/// Every rank a functional teacher can hold, lowest first (DOMAIN.md §7).
pub const RANKS: [Rank; 9] = [
    Rank {
        code: "III/a",
        title: "Penata Muda",
        jenjang: "Ahli Pertama",
        old_jenjang: "Guru Pertama",
    },
    Rank {
        code: "III/b",
        title: "Penata Muda Tingkat I",
        jenjang: "Ahli Pertama",
        old_jenjang: "Guru Pertama",
    },
    Rank {
        code: "III/c",
        title: "Penata",
        jenjang: "Ahli Muda",
        old_jenjang: "Guru Muda",
    },
    Rank {
        code: "III/d",
        title: "Penata Tingkat I",
        jenjang: "Ahli Muda",
        old_jenjang: "Guru Muda",
    },
    Rank {
        code: "IV/a",
        title: "Pembina",
        jenjang: "Ahli Madya",
        old_jenjang: "Guru Madya",
    },
    Rank {
        code: "IV/b",
        title: "Pembina Tingkat I",
        jenjang: "Ahli Madya",
        old_jenjang: "Guru Madya",
    },
    Rank {
        code: "IV/c",
        title: "Pembina Utama Muda",
        jenjang: "Ahli Madya",
        old_jenjang: "Guru Madya",
    },
    Rank {
        code: "IV/d",
        title: "Pembina Utama Madya",
        jenjang: "Ahli Utama",
        old_jenjang: "Guru Utama",
    },
    Rank {
        code: "IV/e",
        title: "Pembina Utama",
        jenjang: "Ahli Utama",
        old_jenjang: "Guru Utama",
    },
];

/// A rank from its written code: `III/a`, `iii/A`, `III-a`, `3a`, `IIIa` and `3/a` all work.
pub fn parse_rank(value: &str) -> Result<Rank, IdentifierError> {
    let compact: String = value
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '/' | '-' | '.'))
        .collect::<String>()
        .to_ascii_lowercase();
    let (group, room) = compact.split_at(compact.len().saturating_sub(1));
    let group = match group {
        "iii" | "3" => "III",
        "iv" | "4" => "IV",
        _ => return Err(IdentifierError::RankUnknown),
    };
    RANKS
        .iter()
        .find(|r| r.code == format!("{group}/{room}"))
        .copied()
        .ok_or(IdentifierError::RankUnknown)
}

/// The school levels a participant teaches at.
pub const SCHOOL_LEVELS: [&str; 5] = ["SD", "SMP", "SMA", "SMK", "SLB"];

/// A school level, case-insensitive; stored upper-cased.
pub fn parse_school_level(value: &str) -> Result<&'static str, IdentifierError> {
    let value = value.trim().to_ascii_uppercase();
    SCHOOL_LEVELS
        .iter()
        .find(|l| **l == value)
        .copied()
        .ok_or(IdentifierError::SchoolLevelUnknown)
}

/// A date of birth, stored as `YYYY-MM-DD`: as a date field sends it, or as Indonesians write it
/// (`26-09-1986`, `26/09/1986`, `26.09.1986`). A real date between 1900 and 2100.
pub fn parse_birth_date(value: &str) -> Result<String, IdentifierError> {
    let parts: Vec<&str> = value.trim().split(['-', '/', '.']).collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let (year, month, day) = match (parts.as_slice(), numbers.as_deref()) {
        ([y, _, _], Some([year, month, day])) if y.len() == 4 => (*year, *month, *day),
        ([_, _, y], Some([day, month, year])) if y.len() == 4 => (*year, *month, *day),
        _ => return Err(IdentifierError::BirthDateInvalid),
    };
    if !(1900..=2100).contains(&year) || day == 0 || day > super::nip::days_in_month(year, month) {
        return Err(IdentifierError::BirthDateInvalid);
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// An Indonesian mobile number, stored as `08…` (10 to 13 digits). `+62 812-…` and `62812…` work.
pub fn parse_phone(value: &str) -> Result<String, IdentifierError> {
    let value = value.trim();
    let (plus, rest) = match value.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let digits: String = rest
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdentifierError::PhoneInvalid);
    }
    let local = if let Some(rest) = digits.strip_prefix("62") {
        format!("0{rest}")
    } else if plus {
        return Err(IdentifierError::PhoneInvalid);
    } else {
        digits
    };
    if local.starts_with("08") && (10..=13).contains(&local.len()) {
        Ok(local)
    } else {
        Err(IdentifierError::PhoneInvalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_dates_in_the_forms_people_write() {
        assert_eq!(parse_birth_date("1986-09-26"), Ok("1986-09-26".into()));
        assert_eq!(parse_birth_date("26/09/1986"), Ok("1986-09-26".into()));
        assert_eq!(parse_birth_date("6.9.1986"), Ok("1986-09-06".into()));
        for bad in [
            "1986-02-30",
            "26-13-1986",
            "1986/9",
            "",
            "x-1-1986",
            "1850-01-01",
        ] {
            assert_eq!(
                parse_birth_date(bad),
                Err(IdentifierError::BirthDateInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn nuptk_is_sixteen_digits() {
        assert_eq!(
            parse_nuptk("1234 5678 9012 3456"),
            Ok("1234567890123456".into())
        );
        assert_eq!(
            parse_nuptk("12345"),
            Err(IdentifierError::NuptkWrongLength(5))
        );
        assert_eq!(
            parse_nuptk("12345678901234x6"),
            Err(IdentifierError::NuptkNotDigits)
        );
    }

    #[test]
    fn npsn_is_eight_digits_or_a_letter_and_seven() {
        assert_eq!(parse_npsn(" 20300001 "), Ok("20300001".into()));
        assert_eq!(parse_npsn("k1234567"), Ok("K1234567".into()));
        assert_eq!(parse_npsn("P1234567"), Ok("P1234567".into()));
        for bad in ["2030001", "203000011", "A1234567", "K123456", ""] {
            assert_eq!(parse_npsn(bad), Err(IdentifierError::NpsnInvalid), "{bad}");
        }
    }

    #[test]
    fn region_codes_have_one_to_three_two_digit_parts() {
        for good in ["33", "33.02", "33.72", "33.02.05"] {
            assert_eq!(parse_region_code(good), Ok(good.into()));
        }
        for bad in ["3", "33.2", "33.02.05.01", "00", "33-02", "ab"] {
            assert_eq!(
                parse_region_code(bad),
                Err(IdentifierError::RegionInvalid),
                "{bad}"
            );
        }
        assert_eq!(province_of("33.02.05"), "33");
    }

    #[test]
    fn ranks_parse_from_common_spellings_and_know_their_jenjang() {
        for written in ["III/a", "iii/A", "III-a", "3a", "IIIa", "3/a"] {
            assert_eq!(
                parse_rank(written).map(|r| r.code),
                Ok("III/a"),
                "{written}"
            );
        }
        assert_eq!(parse_rank("IV/b").map(|r| r.jenjang), Ok("Ahli Madya"));
        assert_eq!(parse_rank("IV/e").map(|r| r.title), Ok("Pembina Utama"));
        for bad in ["II/a", "IV/f", "", "III"] {
            assert_eq!(parse_rank(bad), Err(IdentifierError::RankUnknown), "{bad}");
        }
    }

    #[test]
    fn school_levels_and_phones() {
        assert_eq!(parse_school_level("smk"), Ok("SMK"));
        assert_eq!(
            parse_school_level("TK"),
            Err(IdentifierError::SchoolLevelUnknown)
        );
        assert_eq!(parse_phone("0812-3456-7890"), Ok("081234567890".into()));
        assert_eq!(parse_phone("+62 812 3456 7890"), Ok("081234567890".into()));
        assert_eq!(parse_phone("6281234567890"), Ok("081234567890".into()));
        for bad in ["021-555-1234", "0812", "+1 555 123 4567", "0812abc45678"] {
            assert_eq!(
                parse_phone(bad),
                Err(IdentifierError::PhoneInvalid),
                "{bad}"
            );
        }
    }
}
