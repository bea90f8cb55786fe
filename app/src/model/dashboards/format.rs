//! Numbers as the reader writes them: Indonesian `61.964` and `71,4 %`, English `61,964` and
//! `71.4%`. Used by pages, plot labels and the printed report (files keep their own formats).

use super::table::{ColumnKind, Value};
use crate::model::Lang;

/// `(thousands separator, decimal separator)` of a language.
fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// A whole number with thousands separators.
pub fn int(lang: Lang, n: i64) -> String {
    let (thousands, _) = separators(lang);
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(thousands);
        }
        out.push(c);
    }
    out
}

/// A number rounded to `places` decimals, with thousands separators.
pub fn decimal(lang: Lang, x: f64, places: u8) -> String {
    let (_, comma) = separators(lang);
    let text = format!("{:.*}", places as usize, x.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let rounded_to_zero = text.chars().all(|c| c == '0' || c == '.');
    let mut out = String::new();
    if x < 0.0 && !rounded_to_zero {
        out.push('-');
    }
    out.push_str(&int(lang, whole.parse().unwrap_or(0)));
    if !fraction.is_empty() {
        out.push(comma);
        out.push_str(fraction);
    }
    out
}

/// A share from 0 to 1 as a percentage: `71,4 %` in Indonesian (a space before the sign, as
/// PUEBI writes it), `71.4%` in English.
pub fn percent(lang: Lang, share: f64, places: u8) -> String {
    let number = decimal(lang, share * 100.0, places);
    match lang {
        Lang::Id => format!("{number} %"),
        Lang::En => format!("{number}%"),
    }
}

/// A cell as the page shows it; a missing figure is an en dash.
pub fn value(lang: Lang, value: &Value, kind: ColumnKind) -> String {
    match (value, kind) {
        (Value::Missing, _) => "–".to_string(),
        (Value::Text(t), _) => t.clone(),
        (Value::Int(n), ColumnKind::Percent(p)) => percent(lang, *n as f64, p),
        (Value::Int(n), _) => int(lang, *n),
        (Value::Number(x), ColumnKind::Percent(p)) => percent(lang, *x, p),
        (Value::Number(x), ColumnKind::Decimal(p)) => decimal(lang, *x, p),
        (Value::Number(x), _) => decimal(lang, *x, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_and_english_numbers() {
        assert_eq!(int(Lang::Id, 61964), "61.964");
        assert_eq!(int(Lang::En, 61964), "61,964");
        assert_eq!(int(Lang::Id, 999), "999");
        assert_eq!(int(Lang::Id, -1_240_000), "-1.240.000");
        assert_eq!(decimal(Lang::Id, 1234.567, 2), "1.234,57");
        assert_eq!(decimal(Lang::En, 0.5, 1), "0.5");
        assert_eq!(decimal(Lang::Id, -0.001, 2), "0,00");
        assert_eq!(decimal(Lang::Id, -0.25, 2), "-0,25");
        assert_eq!(percent(Lang::Id, 0.714, 1), "71,4 %");
        assert_eq!(percent(Lang::En, 0.714, 1), "71.4%");
        assert_eq!(value(Lang::Id, &Value::Missing, ColumnKind::Int), "–");
    }
}
