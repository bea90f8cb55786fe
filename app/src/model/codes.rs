//! Closed sets of codes (statuses, kinds) as enums: serde refuses an unknown code where it enters
//! (a form, a JSON body, a database row), and the code itself is what is stored and sent.

/// Declares an enum of stored codes: serde and sqlx read and write it as its code, `Display`
/// writes the code (so i18n keys such as `quiz.kind.{kind}` keep working), and it compares equal
/// to its code as text.
macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value of a stored code, if it is one.
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(code: &str) -> Result<$name, String> {
                $name::from_code(code).ok_or_else(|| format!("not a {}: {code}", stringify!($name)))
            }
        }

        #[cfg(feature = "ssr")]
        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            String: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as sqlx::Type<DB>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            String: sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as sqlx::Database>::ValueRef<'r>,
            ) -> Result<$name, sqlx::error::BoxDynError> {
                let code = <String as sqlx::Decode<'r, DB>>::decode(value)?;
                Ok(code.parse::<$name>()?)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $name
        where
            &'q str: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&'q str as sqlx::Encode<'q, DB>>::encode_by_ref(&self.as_str(), buf)
            }
        }
    };
}

code_enum!(
    /// What a quiz is for: before the training, after it, or practice.
    QuizKind {
        Pre = "pre",
        Post = "post",
        Practice = "practice",
    }
);

code_enum!(
    /// Where a quiz is in its life: written, open to participants, or archived.
    QuizStatus {
        Draft = "draft",
        Open = "open",
        Archived = "archived",
    }
);

code_enum!(
    /// How a question is answered: one correct option, several, true/false, or a short text.
    QuestionKind {
        Single = "single",
        Multiple = "multiple",
        TrueFalse = "truefalse",
        Short = "short",
    }
);

code_enum!(
    /// Where a participant import is: waiting for a worker, running, finished, or failed.
    ImportJobStatus {
        Queued = "queued",
        Running = "running",
        Done = "done",
        Failed = "failed",
    }
);

/// A job starts queued.
impl Default for ImportJobStatus {
    fn default() -> ImportJobStatus {
        ImportJobStatus::Queued
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_serde_and_text() {
        for kind in QuizKind::ALL {
            let json = serde_json::to_string(kind).expect("json");
            assert_eq!(json, format!("\"{kind}\""));
            assert_eq!(
                serde_json::from_str::<QuizKind>(&json).expect("back"),
                *kind
            );
            assert_eq!(kind.as_str().parse::<QuizKind>(), Ok(*kind));
        }
        assert_eq!(QuestionKind::TrueFalse, "truefalse");
    }

    #[test]
    fn an_unknown_code_is_refused_where_it_enters() {
        assert!(serde_json::from_str::<QuizStatus>("\"deleted\"").is_err());
        assert!(serde_json::from_str::<ImportJobStatus>("\"Done\"").is_err());
        assert!("".parse::<QuestionKind>().is_err());
    }
}
