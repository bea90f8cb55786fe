//! Types shared by the server and the wasm client: they cross the wire as serde values.

pub mod error;
pub mod flash;
pub mod form_values;
pub mod identifiers;
pub mod ids;
pub mod lang;
pub mod nip;
pub mod planning;
pub mod quizzes;
pub mod role;
pub mod user;

pub use error::{AppError, ErrorKind, FieldError};
pub use flash::Flash;
pub use ids::{InstitutionId, UserId};
pub use lang::Lang;
pub use nip::Nip;
pub use role::Role;
pub use user::{CurrentUser, UserSummary};
