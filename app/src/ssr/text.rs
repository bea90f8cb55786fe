//! Text as it may be stored: no control characters but tab and newline, line breaks as `\n`.
//!
//! A NUL in a text parameter makes PostgreSQL refuse the whole statement, and other control
//! characters are never meant in a name, an answer or a comment (they hide text, break CSV and
//! terminal output). Every path that takes user text cleans it here at the boundary: form and
//! query parameters (the server's `clean_input` middleware) and the cells of uploaded CSV files.

use std::borrow::Cow;

/// Whether `c` is removed from stored text: every control character (C0, DEL, C1) except tab and
/// newline. A carriage return is not removed but turned into a newline (see [`clean`]).
fn is_unwanted(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Whether [`clean`] would change `text`.
pub fn needs_cleaning(text: &str) -> bool {
    text.chars().any(is_unwanted)
}

/// `text` with line breaks as `\n` (`\r\n` and a lone `\r` become `\n`) and every other control
/// character but tab removed. Borrows when nothing changes, which is almost always.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !needs_cleaning(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            c if is_unwanted(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` on one line (runs of white space made one space) and cut to `max` characters, the
/// last of them `…` when cut: a prompt in a table, a sentence as an e-mail's subject.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_text_is_one_line_cut_on_characters() {
        assert_eq!(shorten("Apa  itu\nHOTS?", 90), "Apa itu HOTS?");
        assert_eq!(shorten("ééééé", 3), "éé…");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Jawaban\tsaya:\nsatu, dua — ü 🙂";
        assert!(!needs_cleaning(text));
        assert!(matches!(clean(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn nul_and_other_controls_are_removed() {
        assert_eq!(clean("a\0b"), "ab");
        assert_eq!(clean("\u{1b}[31mmerah\u{7f}"), "[31mmerah");
        assert_eq!(clean("c1\u{85}\u{9f}x"), "c1x");
        assert_eq!(clean("\0"), "");
    }

    #[test]
    fn carriage_returns_become_newlines() {
        assert_eq!(
            clean("baris 1\r\nbaris 2\rbaris 3\r"),
            "baris 1\nbaris 2\nbaris 3\n"
        );
        assert_eq!(clean("a\r\r\nb"), "a\n\nb");
    }
}
