//! A one-shot message carried across a redirect: what a JavaScript-off form post left behind.

use super::AppError;
use serde::{Deserialize, Serialize};

/// What the next page render shows once: the values a failed form held, its error, or a notice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// The page the flash belongs to; any other page ignores it.
    pub path: String,
    /// Field values as typed (never passwords).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<(String, String)>,
    /// The error the form submission ended in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<AppError>,
    /// A success message ("Kata sandi sudah diubah").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl Flash {
    /// The value the user typed into `field`, if the flash holds it.
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.as_str())
    }

    /// The error message for `field`, if there is one.
    pub fn field_error(&self, field: &str) -> Option<&str> {
        self.error.as_ref().and_then(|e| e.field_message(field))
    }
}
