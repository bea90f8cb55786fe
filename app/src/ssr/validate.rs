//! Collects per-field validation messages in the caller's language.

use super::msg;
use crate::i18n;
use crate::model::identifiers::IdentifierError;
use crate::model::{AppError, FieldError, Nip};

/// Whether an empty identifier field is an error or simply absent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Presence {
    Required,
    Optional,
}

/// Gathers field errors; `finish` turns them into one `AppError` if there are any.
#[derive(Default)]
pub struct Validator {
    fields: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the message `key` for `field`.
    pub fn fail(&mut self, field: &str, key: &str) {
        self.fail_text(field, msg(key));
    }

    /// Adds a message already in the user's language.
    pub fn fail_text(&mut self, field: &str, message: String) {
        if !self.fields.iter().any(|f| f.field == field) {
            self.fields.push(FieldError {
                field: field.to_string(),
                message,
            });
        }
    }

    /// A trimmed, required text of at most `max` characters.
    pub fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.fail(field, "form.required");
        } else if value.chars().count() > max {
            self.fail_text(
                field,
                i18n::text_with(
                    super::request::request_lang(),
                    "form.too_long",
                    &[("max", &max.to_string())],
                ),
            );
        }
        value.to_string()
    }

    /// A trimmed, optional text of at most `max` characters: `None` when empty.
    pub fn optional(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        if value.trim().is_empty() {
            return None;
        }
        Some(self.required(field, value, max))
    }

    /// A lower-cased e-mail address with one `@` and a dot in the domain.
    pub fn email(&mut self, field: &str, value: &str) -> String {
        let value = value.trim().to_lowercase();
        if value.is_empty() {
            self.fail(field, "form.required");
        } else if !is_valid_email(&value) {
            self.fail(field, "form.email_invalid");
        }
        value
    }

    /// A new password: long enough, not absurdly long, and matching its confirmation.
    pub fn new_password(&mut self, field: &str, value: &str, confirm_field: &str, confirm: &str) {
        if value.chars().count() < super::password::MIN_LENGTH {
            self.fail(field, "password.too_short");
        } else if value.len() > 1024 {
            self.fail(field, "password.too_long");
        } else if value != confirm {
            self.fail(confirm_field, "password.mismatch");
        }
    }

    /// An optional NIP: empty is `None`, anything else must be valid.
    pub fn optional_nip(&mut self, field: &str, value: &str) -> Option<Nip> {
        if value.trim().is_empty() {
            return None;
        }
        match Nip::parse(value) {
            Ok(nip) => Some(nip),
            Err(err) => {
                let count = match err {
                    crate::model::nip::NipError::WrongLength(n) => n.to_string(),
                    _ => String::new(),
                };
                let lang = super::request::request_lang();
                self.fail_text(
                    field,
                    i18n::text_with(lang, err.message_key(), &[("count", &count)]),
                );
                None
            }
        }
    }

    /// An identifier (NUPTK, NPSN, region, rank, school level, phone). Empty is `None`, and for
    /// a `Presence::Required` field also gets "required"; anything else must parse, or the field
    /// gets the parser's exact message.
    pub fn identifier<T>(
        &mut self,
        field: &str,
        value: &str,
        presence: Presence,
        parse: impl Fn(&str) -> Result<T, IdentifierError>,
    ) -> Option<T> {
        if value.trim().is_empty() {
            if presence == Presence::Required {
                self.fail(field, "form.required");
            }
            return None;
        }
        match parse(value) {
            Ok(parsed) => Some(parsed),
            Err(err) => {
                let count = err.count().map(|n| n.to_string()).unwrap_or_default();
                let lang = super::request::request_lang();
                self.fail_text(
                    field,
                    i18n::text_with(lang, err.message_key(), &[("count", &count)]),
                );
                None
            }
        }
    }

    /// An error with the one message `key` on `field` (for checks that need the database).
    pub fn field_error(field: &str, key: &str) -> AppError {
        let message = msg(key);
        AppError::invalid(
            msg("form.check_fields"),
            vec![FieldError {
                field: field.to_string(),
                message,
            }],
        )
    }

    /// Whether any field failed.
    pub fn has_errors(&self) -> bool {
        !self.fields.is_empty()
    }

    /// `Ok(())` or the collected errors.
    pub fn finish(self) -> Result<(), AppError> {
        if self.fields.is_empty() {
            Ok(())
        } else {
            Err(AppError::invalid(msg("form.check_fields"), self.fields))
        }
    }
}
/// Whether `value` (already trimmed and lower-cased) is an e-mail address: one `@`, something
/// before it, a dot inside the domain, no white space, at most 254 bytes.
pub fn is_valid_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !value.chars().any(char::is_whitespace)
                && value.len() <= 254
        }
        None => false,
    }
}

/// The message for a date of birth (`YYYY-MM-DD`) that is not the one digits 1–8 of `nip` hold,
/// in `lang`; `None` when they agree.
pub fn birth_date_mismatch(
    lang: crate::model::Lang,
    nip: &Nip,
    birth_date: &str,
) -> Option<String> {
    let in_nip = nip.birth_date();
    (in_nip != birth_date).then(|| {
        crate::i18n::text_with(
            lang,
            "profile.birth_date_nip_mismatch",
            &[("date", birth_date), ("nip_date", &in_nip)],
        )
    })
}
