//! Closed sets of codes (statuses, kinds, levels) as enums: serde refuses an unknown code where it
//! enters (a form, a JSON body, a database row), and the code itself is what is stored and sent.
//! One file per feature declares its sets with `code_enum!`; they are all re-exported here.

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

            /// Every code as text, in declaration order (select options, filters).
            pub const CODES: &'static [&'static str] = &[$($code),+];

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

mod attendance;
mod boards;
mod cohorts;
mod fees;
mod imports;
mod mail;
mod notifications;
mod planning;
mod quizzes;
mod surveys;

pub use attendance::*;
pub use boards::*;
pub use cohorts::*;
pub use fees::*;
pub use imports::*;
pub use mail::*;
pub use notifications::*;
pub use planning::*;
pub use quizzes::*;
pub use surveys::*;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code of each enum goes to JSON as its code and back, and parses from its text.
    macro_rules! assert_round_trips {
        ($($name:ident),+ $(,)?) => {$(
            assert_eq!($name::ALL.len(), $name::CODES.len());
            for (value, code) in $name::ALL.iter().zip($name::CODES) {
                let json = serde_json::to_string(value).expect("json");
                assert_eq!(json, format!("\"{code}\""), stringify!($name));
                assert_eq!(serde_json::from_str::<$name>(&json).expect("back"), *value);
                assert_eq!(code.parse::<$name>(), Ok(*value));
                assert_eq!($name::from_code(code), Some(*value));
                assert_eq!(value.to_string(), *code);
                assert_eq!(*value, *code);
            }
        )+};
    }

    #[test]
    fn codes_round_trip_through_serde_and_text() {
        assert_round_trips!(
            SessionMode,
            FeePayer,
            BillStatus,
            ProofStatus,
            SurveyItemKind,
            SurveyKind,
            SurveyTarget,
            AttendanceStatus,
            AttendanceSource,
            QuizKind,
            QuizStatus,
            QuestionKind,
            QuestionSelection,
            ReviewSetting,
            Finisher,
            ImportJobStatus,
            InstitutionKind,
            Level,
            DeliveryMode,
            Funding,
            ProgramStatus,
            NeedStatus,
            EnrolmentStatus,
            ParticipantCategory,
            PostKind,
            PostStatus,
        );
        assert_eq!(QuestionKind::TrueFalse, "truefalse");
        assert_eq!(ReviewSetting::Nothing.as_str(), "none");
    }

    #[test]
    fn categories_read_as_written_in_spreadsheets() {
        assert_eq!(
            ParticipantCategory::parse_loose("Kepala Sekolah"),
            Some(ParticipantCategory::Principal)
        );
        assert_eq!(
            ParticipantCategory::parse_loose("ASN lain"),
            Some(ParticipantCategory::CivilServant)
        );
        assert_eq!(
            ParticipantCategory::parse_loose("education_staff"),
            Some(ParticipantCategory::EducationStaff)
        );
        assert_eq!(ParticipantCategory::parse_loose("murid"), None);
        assert!(ParticipantCategory::Teacher.needs_school());
        assert!(!ParticipantCategory::Supervisor.needs_school());
    }

    #[test]
    fn an_unknown_code_is_refused_where_it_enters() {
        assert!(serde_json::from_str::<QuizStatus>("\"deleted\"").is_err());
        assert!(serde_json::from_str::<ImportJobStatus>("\"Done\"").is_err());
        assert!("".parse::<QuestionKind>().is_err());
        assert!(serde_json::from_str::<InstitutionKind>("\"ministry\"").is_err());
        assert!(serde_json::from_str::<ParticipantCategory>("\"student\"").is_err());
        assert!(serde_json::from_str::<Level>("\"expert\"").is_err());
        assert!(serde_json::from_str::<DeliveryMode>("\"offline\"").is_err());
        assert!(serde_json::from_str::<Funding>("\"APBD\"").is_err());
        assert!(serde_json::from_str::<ProgramStatus>("\"open\"").is_err());
        assert!(serde_json::from_str::<NeedStatus>("\"pending\"").is_err());
        assert!(serde_json::from_str::<EnrolmentStatus>("\"pending\"").is_err());
        assert!(serde_json::from_str::<QuestionSelection>("\"all\"").is_err());
        assert!(serde_json::from_str::<ReviewSetting>("\"None\"").is_err());
        assert!(serde_json::from_str::<Finisher>("\"admin\"").is_err());
        assert!(serde_json::from_str::<PostKind>("\"script\"").is_err());
        assert!(serde_json::from_str::<PostStatus>("\"deleted\"").is_err());
        assert_eq!(Level::from_code("Basic"), None);
        assert_eq!(
            "draft ".parse::<ProgramStatus>(),
            Err("not a ProgramStatus: draft ".to_string())
        );
    }

    #[test]
    fn only_work_kinds_are_posted_by_participants() {
        assert!(!PostKind::WORK.contains(&PostKind::Announcement));
        assert_eq!(PostKind::WORK.len() + 1, PostKind::ALL.len());
    }
}
