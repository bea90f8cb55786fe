//! Planning: institutions, training-needs proposals, programs, the public catalog and cooperation
//! agreements (PKS).

mod catalog;
mod catalog_program;
pub(crate) mod common;
mod institutions;
mod needs;
mod program;
mod program_fields;
mod programs;

pub use catalog::CatalogPage;
pub use catalog_program::CatalogProgramPage;
pub use institutions::InstitutionsPage;
pub use needs::NeedsPage;
pub use program::ProgramPage;
pub use programs::ProgramsPage;
