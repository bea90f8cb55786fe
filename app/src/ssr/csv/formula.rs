//! Formula neutralising: the `'` the writer puts before a text cell a spreadsheet would run as a
//! formula, and the reader's taking it off again.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some strip a
//! leading tab or carriage return first), so a participant named `=HYPERLINK(…)` would otherwise
//! become a live link, or worse, on the admin's machine. Such a cell gets a single quote in front
//! (OWASP's advice), which spreadsheets take as "this is text" and do not show.

use std::borrow::Cow;

/// Whether a spreadsheet could read a cell starting with `c` as a formula.
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Whether `text` needs a quote in front: it starts with a formula character, or with quotes
/// followed by one (so that [`restore`] can tell our quote from one the author typed).
fn needs_quote(text: &str) -> bool {
    text.trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(is_trigger)
}

/// `text` as it is safe to write into a CSV cell: with a `'` in front when a spreadsheet would
/// read it as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if needs_quote(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text [`neutralise`] was given, from a cell it wrote: the quote it added is taken off.
/// For any string `s`, `restore(&neutralise(s)) == s`. A cell written by hand as `'=x` (which
/// a spreadsheet shows as `=x`) also reads as `=x`.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_characters_get_a_quote_and_other_text_does_not() {
        for hostile in [
            "=HYPERLINK(\"http://x.example\",\"klik\")",
            "+62 812 3456",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=1+1",
            "'=1+1",
            "''@x",
        ] {
            assert_eq!(neutralise(hostile), format!("'{hostile}"), "{hostile:?}");
        }
        for harmless in [
            "Sri Wahyuni",
            "",
            "'",
            "'kutip'",
            "1+1",
            " =1",
            "a=b",
            "0812",
        ] {
            assert_eq!(neutralise(harmless), harmless, "{harmless:?}");
        }
    }

    #[test]
    fn restore_undoes_neutralise_for_every_string() {
        let parts = ["", "'", "''", "=", "+", "-", "@", "\t", "\r", "a", " ", "1"];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(restore(&neutralise(&s)), s, "{s:?}");
                }
            }
        }
    }
}
