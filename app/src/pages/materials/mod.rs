//! Learning materials pages: a cohort's modules (on the participant's cohort page), a unit, its
//! authors' pages (a program's modules, a unit's editor with preview and history) and a cohort's
//! progress for its mentors and admins. Every page is rendered on the server and every form posts
//! to a server function (uploads to a plain route), so all of it works with JavaScript off.

mod authoring;
mod editor;
mod list;
mod progress;
mod unit;

pub use authoring::ProgramMaterialsPage;
pub use editor::{RevisionViewPage, UnitEditorPage};
pub use list::CohortMaterialsList;
pub use progress::{mentor_progress_links, CohortProgressPage};
pub use unit::{DataSavingSetting, UnitViewPage};

/// The path of a unit's page.
pub fn unit_path(unit: crate::model::UnitId) -> String {
    format!("/peserta/materi/{unit}")
}

/// The path of a unit's editor.
pub fn editor_path(unit: crate::model::UnitId) -> String {
    format!("/materi/unit/{unit}/ubah")
}

/// The path of a program's materials for its authors.
pub fn program_path(program: crate::model::ProgramId) -> String {
    format!("/materi/program/{program}")
}
