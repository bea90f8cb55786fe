//! Types shared by the server and the wasm client: they cross the wire as serde values.

pub mod accounts;
pub mod activation;
pub mod audit;
pub mod boards;
pub mod certificates;
pub mod coaching;
pub mod codes;
pub mod cohorts;
pub mod completion;
pub mod credentials;
pub mod credit;
pub mod dashboards;
pub mod error;
pub mod fees;
pub mod flash;
pub mod form_values;
pub mod groups;
pub mod identifiers;
pub mod ids;
pub mod imports;
pub mod lang;
pub mod materials;
pub mod nip;
pub mod notifications;
pub mod outbox;
pub mod planning;
pub mod quizzes;
pub mod record;
pub mod role;
pub mod sessions;
pub mod surveys;
pub mod user;
pub mod wib;

pub use error::{AppError, ErrorKind, FieldError};
pub use flash::Flash;
pub use ids::{
    AgreementId, AttachmentId, AttemptId, BoardId, CohortId, CommentId, CompetencyId, CycleId,
    EnrolmentId, GroupId, ImportJobId, InstitutionId, InvitationId, LiveSessionId, MaterialFileId,
    ModuleId, NeedId, NotificationId, PostId, ProgramId, QuestionId, QuizId, RevisionId, RubricId,
    UnitId, UserId,
};
pub use lang::Lang;
pub use nip::Nip;
pub use role::Role;
pub use user::{CurrentUser, UserSummary};
