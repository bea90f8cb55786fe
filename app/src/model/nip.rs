//! NIP, the 18-digit civil-servant number: birth date, appointment month, sex, sequence.
//!
//! See `shared/DOMAIN.md` §7. `Nip::parse` accepts the usual written forms
//! (`19860926 201505 1 001`, with spaces, dots or dashes) and says exactly what is wrong.

use serde::{Deserialize, Serialize};

/// A validated NIP, stored as its 18 digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Nip(String);

/// Why a NIP was refused; the UI turns each into a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NipError {
    /// Something other than digits and separators.
    NotDigits,
    /// Not 18 digits; carries how many there were.
    WrongLength(usize),
    /// Digits 1–8 are not a real date.
    BadBirthDate,
    /// Digits 9–14 are not a real year and month.
    BadAppointment,
    /// The appointment is not after the birth date.
    AppointmentBeforeBirth,
    /// Digit 15 is not 1 (male) or 2 (female).
    BadSexDigit,
}

impl NipError {
    /// The locale key of the message for this error.
    pub fn message_key(self) -> &'static str {
        match self {
            NipError::NotDigits => "nip.not_digits",
            NipError::WrongLength(_) => "nip.wrong_length",
            NipError::BadBirthDate => "nip.bad_birth_date",
            NipError::BadAppointment => "nip.bad_appointment",
            NipError::AppointmentBeforeBirth => "nip.appointment_before_birth",
            NipError::BadSexDigit => "nip.bad_sex_digit",
        }
    }
}

/// Days in `month` of `year` (0 for a month that does not exist).
pub(crate) fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

fn number(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

impl Nip {
    /// Validates a NIP as typed by a person.
    pub fn parse(input: &str) -> Result<Nip, NipError> {
        let mut digits = String::with_capacity(18);
        for c in input.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' => {}
                _ => return Err(NipError::NotDigits),
            }
        }
        if digits.len() != 18 {
            return Err(NipError::WrongLength(digits.len()));
        }
        let (birth_year, birth_month, birth_day) = (
            number(&digits[0..4]),
            number(&digits[4..6]),
            number(&digits[6..8]),
        );
        if !(1900..=2100).contains(&birth_year)
            || birth_day == 0
            || birth_day > days_in_month(birth_year, birth_month)
        {
            return Err(NipError::BadBirthDate);
        }
        let (appointed_year, appointed_month) = (number(&digits[8..12]), number(&digits[12..14]));
        if !(1900..=2100).contains(&appointed_year) || !(1..=12).contains(&appointed_month) {
            return Err(NipError::BadAppointment);
        }
        if (appointed_year, appointed_month) <= (birth_year, birth_month) {
            return Err(NipError::AppointmentBeforeBirth);
        }
        if !matches!(&digits[14..15], "1" | "2") {
            return Err(NipError::BadSexDigit);
        }
        Ok(Nip(digits))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date in digits 1–8, as `YYYY-MM-DD`.
    pub fn birth_date(&self) -> String {
        let d = &self.0;
        format!("{}-{}-{}", &d[0..4], &d[4..6], &d[6..8])
    }

    /// The usual written form: `19860926 201505 1 001`.
    pub fn formatted(&self) -> String {
        let d = &self.0;
        format!("{} {} {} {}", &d[0..8], &d[8..14], &d[14..15], &d[15..18])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_written_forms() {
        let nip = Nip::parse("19860926 201505 1 001").expect("valid NIP");
        assert_eq!(nip.as_str(), "198609262015051001");
        assert_eq!(nip.formatted(), "19860926 201505 1 001");
        assert_eq!(nip.birth_date(), "1986-09-26");
        assert!(Nip::parse("19860926.201505.2.001").is_ok());
        assert!(
            Nip::parse("198002292005011002").is_ok(),
            "29 Feb of a leap year"
        );
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(
            Nip::parse("19860926 201505 1 00"),
            Err(NipError::WrongLength(17))
        );
        assert_eq!(
            Nip::parse("1986092620150510011"),
            Err(NipError::WrongLength(19))
        );
        assert_eq!(
            Nip::parse("19860926x201505 1 001"),
            Err(NipError::NotDigits)
        );
        assert_eq!(
            Nip::parse("198102292005011002"),
            Err(NipError::BadBirthDate),
            "1981 is not a leap year"
        );
        assert_eq!(
            Nip::parse("198613262015051001"),
            Err(NipError::BadBirthDate)
        );
        assert_eq!(
            Nip::parse("198609262015131001"),
            Err(NipError::BadAppointment)
        );
        assert_eq!(
            Nip::parse("198609261985051001"),
            Err(NipError::AppointmentBeforeBirth)
        );
        assert_eq!(Nip::parse("198609262015053001"), Err(NipError::BadSexDigit));
    }
}
