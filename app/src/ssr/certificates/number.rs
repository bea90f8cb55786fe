//! Certificate numbers: the institution's format (`{seq:05}/BPSDM/{program_code}/{year}`), checked
//! when an admin saves it and filled in at issue.

/// What a number is made of at issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberParts<'a> {
    pub seq: i64,
    pub year: i64,
    /// 1 to 12 (WIB).
    pub month: u32,
    pub program_code: &'a str,
}

/// Why a format is refused: the key of the message shown next to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatError {
    Empty,
    TooLong,
    /// No `{seq}` (or `{seq:0N}`), or more than one.
    NoSequence,
    /// A `{…}` that is not one of the placeholders, or a brace left open or never opened.
    UnknownPlaceholder,
}

impl FormatError {
    pub fn message_key(self) -> &'static str {
        match self {
            FormatError::Empty => "certificates.format_empty",
            FormatError::TooLong => "certificates.format_too_long",
            FormatError::NoSequence => "certificates.format_no_seq",
            FormatError::UnknownPlaceholder => "certificates.format_unknown",
        }
    }
}

/// The longest format kept.
pub const MAX_FORMAT_CHARS: usize = 80;

/// One piece of a format.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// The sequence, padded with zeros to this many digits (0: no padding).
    Seq(usize),
    Year,
    Month,
    RomanMonth,
    ProgramCode,
}

fn pieces(format: &str) -> Result<Vec<Piece>, FormatError> {
    let format = format.trim();
    if format.is_empty() {
        return Err(FormatError::Empty);
    }
    if format.chars().count() > MAX_FORMAT_CHARS {
        return Err(FormatError::TooLong);
    }
    let mut out = Vec::new();
    let mut rest = format;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(FormatError::UnknownPlaceholder);
        }
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(FormatError::UnknownPlaceholder)?;
        let name = &after[..close];
        out.push(match name {
            "seq" => Piece::Seq(0),
            "year" => Piece::Year,
            "month" => Piece::Month,
            "month_roman" => Piece::RomanMonth,
            "program_code" => Piece::ProgramCode,
            _ => match name.strip_prefix("seq:0") {
                Some(width) if width.len() == 1 && matches!(width.as_bytes()[0], b'1'..=b'9') => {
                    Piece::Seq(usize::from(width.as_bytes()[0] - b'0'))
                }
                _ => return Err(FormatError::UnknownPlaceholder),
            },
        });
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    if out.iter().filter(|p| matches!(p, Piece::Seq(_))).count() != 1 {
        return Err(FormatError::NoSequence);
    }
    Ok(out)
}

/// `Ok(())` when `format` can make numbers.
pub fn validate(format: &str) -> Result<(), FormatError> {
    pieces(format).map(|_| ())
}

/// Whether the format prints the program's code (so a program without one cannot be issued).
pub fn uses_program_code(format: &str) -> bool {
    format.contains("{program_code}")
}

const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// The number `format` gives `parts`.
pub fn render(format: &str, parts: &NumberParts<'_>) -> Result<String, FormatError> {
    let mut out = String::new();
    for piece in pieces(format)? {
        match piece {
            Piece::Text(text) => out.push_str(&text),
            Piece::Seq(width) => out.push_str(&format!("{:0width$}", parts.seq)),
            Piece::Year => out.push_str(&parts.year.to_string()),
            Piece::Month => out.push_str(&format!("{:02}", parts.month)),
            Piece::RomanMonth => {
                out.push_str(ROMAN[(parts.month.clamp(1, 12) - 1) as usize]);
            }
            Piece::ProgramCode => out.push_str(parts.program_code),
        }
    }
    Ok(out)
}

/// A program code as typed: 2 to 16 letters, digits or `-`, kept upper-case.
pub fn parse_program_code(input: &str) -> Option<String> {
    let code = input.trim().to_uppercase();
    ((2..=16).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(seq: i64) -> NumberParts<'static> {
        NumberParts {
            seq,
            year: 2026,
            month: 12,
            program_code: "LITDIG",
        }
    }

    #[test]
    fn the_demo_format_pads_the_sequence() {
        let format = "{seq:05}/BPSDM/{program_code}/{year}";
        assert_eq!(
            render(format, &parts(42)).as_deref(),
            Ok("00042/BPSDM/LITDIG/2026")
        );
        assert_eq!(
            render(format, &parts(123_456)).as_deref(),
            Ok("123456/BPSDM/LITDIG/2026")
        );
        assert!(uses_program_code(format));
    }

    #[test]
    fn plain_sequence_and_months() {
        assert_eq!(
            render("421.2/{seq}/{month_roman}/{year}", &parts(7)).as_deref(),
            Ok("421.2/7/XII/2026")
        );
        assert_eq!(
            render("{year}{month}-{seq:03}", &parts(7)).as_deref(),
            Ok("202612-007")
        );
    }

    #[test]
    fn bad_formats_are_refused_with_their_reason() {
        assert_eq!(validate("  "), Err(FormatError::Empty));
        assert_eq!(validate("BPSDM/{year}"), Err(FormatError::NoSequence));
        assert_eq!(validate("{seq}/{seq}"), Err(FormatError::NoSequence));
        assert_eq!(
            validate("{seq}/{nama}"),
            Err(FormatError::UnknownPlaceholder)
        );
        assert_eq!(
            validate("{seq}/{year"),
            Err(FormatError::UnknownPlaceholder)
        );
        assert_eq!(validate("{seq}}"), Err(FormatError::UnknownPlaceholder));
        assert_eq!(validate("{seq:00}"), Err(FormatError::UnknownPlaceholder));
        assert_eq!(validate(&"x".repeat(81)), Err(FormatError::TooLong));
        assert_eq!(validate("{seq:09}"), Ok(()));
    }

    #[test]
    fn program_codes() {
        assert_eq!(parse_program_code(" litdig "), Some("LITDIG".to_string()));
        assert_eq!(parse_program_code("A"), None);
        assert_eq!(parse_program_code("LIT DIG"), None);
        assert_eq!(parse_program_code("PKB-2027"), Some("PKB-2027".to_string()));
    }
}
