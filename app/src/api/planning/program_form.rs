//! Checks shared by the program forms (and small number/date/choice checks the other planning
//! forms reuse): every rule about a program's fields lives here once.

use crate::model::planning::forms::ProgramForm;
use crate::model::planning::{FUNDINGS, LEVELS, MODES};
use crate::model::{AppError, InstitutionId};
use crate::ssr::db::{internal, Db};
use crate::ssr::planning::programs::ProgramFields;
use crate::ssr::validate::Validator;

/// A "choose one" message on `field` unless `value` is one of `allowed`.
pub fn check_choice(check: &mut Validator, field: &str, value: &str, allowed: &[&str]) {
    if !allowed.contains(&value) {
        check.fail(field, "planning.choose_one");
    }
}

/// A whole number between `min` and `max`; dots and spaces (thousands separators) are ignored.
pub fn check_count(
    check: &mut Validator,
    field: &str,
    value: &str,
    min: i64,
    max: i64,
) -> Option<i64> {
    let compact: String = value
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '_'))
        .collect();
    if compact.is_empty() {
        check.fail(field, "form.required");
        return None;
    }
    match compact.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        Ok(_) => {
            check.fail_text(
                field,
                super::text_with(
                    "planning.number_range",
                    &[("min", &min.to_string()), ("max", &max.to_string())],
                ),
            );
            None
        }
        Err(_) => {
            check.fail(field, "planning.number_invalid");
            None
        }
    }
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn check_date(check: &mut Validator, field: &str, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        check.fail(field, "form.required");
        return None;
    }
    if is_iso_date(value) {
        Some(value.to_string())
    } else {
        check.fail(field, "planning.date_invalid");
        None
    }
}

/// Whether `value` is `YYYY-MM-DD` naming a day that exists.
pub fn is_iso_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&y) && (1..=days).contains(&d)
}

/// A program form after every check passed.
pub struct ValidProgram {
    /// The form as checked: title and description trimmed, competencies sorted without repeats.
    form: ProgramForm,
    organizer: i64,
    total_jp: i64,
    fee_amount: Option<i64>,
}

impl ValidProgram {
    pub fn fields(&self) -> ProgramFields<'_> {
        let form = &self.form;
        ProgramFields {
            organizer: self.organizer,
            title: &form.title,
            description: &form.description,
            level: &form.level,
            total_jp: self.total_jp,
            mode: &form.mode,
            funding: &form.funding,
            fee_amount: self.fee_amount,
            competencies: &form.competencies,
        }
    }
}

/// Checks a program form: every message lands next to its field.
pub async fn validate(
    db: &Db,
    root: InstitutionId,
    mut input: ProgramForm,
) -> Result<ValidProgram, AppError> {
    let mut check = Validator::new();
    input.title = check.required("title", &input.title, 200);
    input.description = check.required("description", &input.description, 5000);
    let known = super::competencies(db).await?;
    let competencies = &mut input.competencies;
    competencies.sort_unstable();
    competencies.dedup();
    if competencies.is_empty() {
        check.fail("competencies", "planning.competency_at_least_one");
    } else if !competencies
        .iter()
        .all(|c| known.iter().any(|k| k.id.0 == *c))
    {
        check.fail("competencies", "planning.competency_unknown");
    }
    check_choice(&mut check, "level", &input.level, LEVELS);
    let total_jp = check_count(&mut check, "total_jp", &input.total_jp, 1, 2000);
    check_choice(&mut check, "mode", &input.mode, MODES);
    check_choice(&mut check, "funding", &input.funding, FUNDINGS);
    let fee_text = input.fee_amount.trim();
    let fee_amount = if input.funding == "fee" {
        check_count(&mut check, "fee_amount", fee_text, 1, 1_000_000_000)
    } else {
        if !fee_text.is_empty() && fee_text != "0" {
            check.fail("fee_amount", "planning.fee_only_for_fee");
        }
        None
    };
    let organizer = input.organizer_id.unwrap_or(root.0);
    if !crate::ssr::institutions::is_within(db, root, InstitutionId(organizer))
        .await
        .map_err(|e| internal("organizer scope", e))?
    {
        check.fail("organizer_id", "planning.organizer_outside_scope");
    }
    check.finish()?;
    Ok(ValidProgram {
        form: input,
        organizer,
        total_jp: total_jp.unwrap_or_default(),
        fee_amount,
    })
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn iso_dates_must_exist() {
        assert!(is_iso_date("2027-02-28"));
        assert!(is_iso_date("2028-02-29"));
        assert!(!is_iso_date("2027-02-29"));
        assert!(!is_iso_date("2027-13-01"));
        assert!(!is_iso_date("27-01-01"));
        assert!(!is_iso_date("2027-1-01"));
    }
}
