//! What the materials pages show (modules, units, pictures, attachments, progress), shared by the
//! server functions and the pages.

use crate::model::ids::{
    CohortId, MaterialFileId, ModuleId, ProgramId, RevisionId, UnitId, UserId,
};
use serde::{Deserialize, Serialize};

/// One unit in a module's list, as the viewer stands to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub id: UnitId,
    pub title: String,
    /// Opens only once the unit before it is done.
    pub locked_until_previous: bool,
    /// Locked for this viewer now (the unit before it is not done).
    pub locked: bool,
    pub opened: bool,
    pub done: bool,
}

/// A module with its units, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSummary {
    pub id: ModuleId,
    pub title: String,
    /// Set when the module is a cohort's own (None: the program's, shared by its cohorts).
    pub cohort_id: Option<CohortId>,
    pub cohort_name: Option<String>,
    pub units: Vec<UnitSummary>,
    /// Units the viewer has marked done.
    pub done: i64,
    /// Bytes of the module's offline pack for this viewer.
    pub pack_bytes: i64,
}

/// A cohort's modules for one of its participants (or its staff).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortMaterials {
    pub cohort_id: CohortId,
    pub program_id: ProgramId,
    pub modules: Vec<ModuleSummary>,
    /// The viewer may author this program's materials.
    pub can_edit: bool,
}

/// A picture or an attachment of a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitFile {
    pub id: MaterialFileId,
    pub file_name: String,
    pub content_type: String,
    /// The original's size.
    pub size_bytes: i64,
    /// A picture's resized copy: its size and dimensions.
    pub small_bytes: Option<i64>,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

/// A unit as its reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitPage {
    pub id: UnitId,
    pub title: String,
    pub module_id: ModuleId,
    pub module_title: String,
    /// The cohort the back link leads to (the viewer's, for a participant).
    pub cohort_id: Option<CohortId>,
    /// The body as clean HTML (rendered from Markdown and sanitised on the server).
    pub body_html: String,
    pub pictures: Vec<UnitFile>,
    pub attachments: Vec<UnitFile>,
    pub video_url: Option<String>,
    pub video_minutes: Option<i64>,
    /// The viewer is a participant (who marks units done).
    pub participant: bool,
    pub done: bool,
    /// Data-saving mode is on for this request.
    pub data_saving: bool,
    pub previous: Option<UnitId>,
    pub next: Option<UnitId>,
    pub can_edit: bool,
}

/// A unit in the author's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorUnit {
    pub id: UnitId,
    pub title: String,
    pub locked_until_previous: bool,
    pub revision: i64,
}

/// A module in the author's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorModule {
    pub id: ModuleId,
    pub title: String,
    pub cohort_id: Option<CohortId>,
    pub cohort_name: Option<String>,
    pub units: Vec<AuthorUnit>,
}

/// A program chosen from a list (its cohorts, or a prerequisite).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// A program's materials for its authors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramMaterials {
    pub program_id: ProgramId,
    pub program_title: String,
    pub modules: Vec<AuthorModule>,
    /// Cohorts the viewer may add a cohort's own module to.
    pub cohorts: Vec<Choice>,
    /// The viewer is an admin with the program in scope (sets the prerequisite).
    pub is_admin: bool,
    /// Programs that may be the prerequisite (the admin's scope, not this one).
    pub programs: Vec<Choice>,
    pub prerequisite: Option<ProgramId>,
}

/// One saved revision in a unit's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub id: RevisionId,
    pub number: i64,
    pub author_name: String,
    pub created_at: i64,
}

/// A unit in its editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitEditor {
    pub id: UnitId,
    pub program_id: ProgramId,
    pub module_title: String,
    /// What is in the form: the stored unit, or the draft being previewed.
    pub title: String,
    pub body: String,
    pub locked_until_previous: bool,
    pub video_url: String,
    pub video_minutes: String,
    /// The draft rendered, when a preview was asked for.
    pub preview_html: Option<String>,
    pub revisions: Vec<RevisionSummary>,
    pub pictures: Vec<UnitFile>,
    pub attachments: Vec<UnitFile>,
    /// The name endings the attachment field suggests (the board's accepted kinds).
    pub attachment_accept: String,
}

/// An old body of a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionPage {
    pub id: RevisionId,
    pub unit_id: UnitId,
    pub number: i64,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub author_name: String,
    pub created_at: i64,
}

/// One participant's units done per module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantProgress {
    pub participant_id: UserId,
    pub name: String,
    pub group_name: Option<String>,
    /// Done per module, in the order of [`CohortProgress::modules`].
    pub done: Vec<i64>,
}

/// A cohort's progress through its materials, for its mentors and admins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortProgress {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_id: ProgramId,
    pub program_title: String,
    /// Each module's title and number of units.
    pub modules: Vec<(String, i64)>,
    pub participants: Vec<ParticipantProgress>,
}

/// `bytes` as people read it: "850 B", "12 kB", "1,4 MB" (Indonesian decimal comma).
pub fn size_text(bytes: i64) -> String {
    if bytes < 1000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{} kB", (bytes + 500) / 1000)
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(850), "850 B");
        assert_eq!(size_text(12_400), "12 kB");
        assert_eq!(size_text(4_180_000), "4,2 MB");
    }
}
