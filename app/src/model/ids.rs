//! Id newtypes, one per table that a URL or a form names, so that a user id is never passed where
//! an institution id is meant. On the wire they are plain numbers (`serde(transparent)`); in the
//! database plain `bigint`s (`sqlx(transparent)`); in a URL plain digits (`FromStr`).

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }

        /// An id is written into a page as its digits (`value=`, `data-…=`).
        impl leptos::attr::IntoAttributeValue for $name {
            type Output = String;
            fn into_attribute_value(self) -> String {
                self.0.to_string()
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A row of the `app_user` table.
    UserId
);
id_type!(
    /// A row of the `institution` table (agency, district office or school).
    InstitutionId
);
id_type!(
    /// A row of the `program` table (a Diklat in the catalog).
    ProgramId
);
id_type!(
    /// A row of the `cohort` table (an angkatan of a program).
    CohortId
);
id_type!(
    /// A row of the `competency` table (a competency a program develops).
    CompetencyId
);
id_type!(
    /// A row of the `training_need` table (a unit's training-needs proposal).
    NeedId
);
id_type!(
    /// A row of the `agreement` table (a cooperation agreement with quotas).
    AgreementId
);
id_type!(
    /// A row of the `enrolment` table (a participant's registration in a cohort).
    EnrolmentId
);
id_type!(
    /// A row of the `cohort_invitation` table.
    InvitationId
);
id_type!(
    /// A row of the `live_session` table.
    LiveSessionId
);
id_type!(
    /// A row of the `mentor_group` table.
    GroupId
);
id_type!(
    /// A row of the `board` table (a mentoring board).
    BoardId
);
id_type!(
    /// A row of the `work_post` table (a participant's work or an announcement).
    PostId
);
id_type!(
    /// A row of the `post_comment` table.
    CommentId
);
id_type!(
    /// A row of the `post_attachment` table.
    AttachmentId
);
id_type!(
    /// A row of the `rubric` table.
    RubricId
);
id_type!(
    /// A row of the `coaching_cycle` table.
    CycleId
);
id_type!(
    /// A row of the `question` table (the question bank).
    QuestionId
);
id_type!(
    /// A row of the `quiz` table.
    QuizId
);
id_type!(
    /// A row of the `quiz_attempt` table.
    AttemptId
);
id_type!(
    /// A row of the `import_job` table (one CSV upload of participants).
    ImportJobId
);
id_type!(
    /// A row of the `notification` table (one recipient's notice of one event).
    NotificationId
);
id_type!(
    /// A row of the `material_module` table (a module of learning materials).
    ModuleId
);
id_type!(
    /// A row of the `material_unit` table (one unit of a module).
    UnitId
);
id_type!(
    /// A row of the `material_revision` table (a saved body of a unit).
    RevisionId
);
id_type!(
    /// A row of the `material_file` table (a picture or attachment of a unit).
    MaterialFileId
);
