//! Server functions of the learning materials (modules, units, progress, authoring).

mod read;
mod write;

pub use read::{
    cohort_material_progress, cohort_materials, data_saving_setting, material_revision,
    material_unit, program_materials, unit_editor,
};
pub use read::{
    CohortMaterialProgress, CohortMaterialsFn, DataSavingSetting, MaterialRevision, MaterialUnit,
    ProgramMaterialsFn, UnitEditorFn,
};
pub use write::{
    create_material_module, create_material_unit, mark_unit_done, move_material_module,
    move_material_unit, rename_material_module, save_material_unit, set_data_saving,
    set_program_prerequisite,
};
pub use write::{
    CreateMaterialModule, CreateMaterialUnit, MarkUnitDone, MoveMaterialModule, MoveMaterialUnit,
    RenameMaterialModule, SaveMaterialUnit, SetDataSaving, SetProgramPrerequisite,
};

#[cfg(feature = "ssr")]
mod guard {
    use crate::model::{AppError, CohortId, CurrentUser, ErrorKind, UnitId};
    use crate::ssr::db::{internal, Db};
    use crate::ssr::materials::access::{self, UnitHead, Viewer};
    use crate::ssr::msg;

    /// The 404 of a unit, module or cohort the caller may not know about.
    pub fn not_found() -> AppError {
        AppError::new(ErrorKind::NotFound, msg("materials.not_found"))
    }

    /// Cohort `cohort`'s program and how `user` stands to its materials, or the 404.
    pub async fn cohort(
        db: &Db,
        user: &CurrentUser,
        cohort: CohortId,
    ) -> Result<(i64, Viewer), AppError> {
        access::cohort_viewer(db, user, cohort.0)
            .await
            .map_err(|e| internal("materials cohort viewer", e))?
            .ok_or_else(not_found)
    }

    /// Unit `id` and how `user` stands to it, or the 404.
    pub async fn unit(
        db: &Db,
        user: &CurrentUser,
        id: UnitId,
    ) -> Result<(UnitHead, Viewer), AppError> {
        let head = access::unit_head(db, id.0)
            .await
            .map_err(|e| internal("material unit head", e))?
            .ok_or_else(not_found)?;
        let viewer = access::viewer(db, user, head.program_id, head.cohort_id)
            .await
            .map_err(|e| internal("material viewer", e))?
            .ok_or_else(not_found)?;
        Ok((head, viewer))
    }

    /// `Ok` when `user` authors the materials of `program` (a cohort's own when `cohort` is
    /// set): a participant of the program is refused (403), anyone else told it does not exist.
    pub async fn author(
        db: &Db,
        user: &CurrentUser,
        program: i64,
        cohort: Option<i64>,
    ) -> Result<(), AppError> {
        match access::viewer(db, user, program, cohort)
            .await
            .map_err(|e| internal("material author", e))?
        {
            Some(Viewer::Author) => Ok(()),
            Some(Viewer::Participant) => Err(not_author()),
            None => Err(not_found()),
        }
    }

    /// The refusal of a reader who does not author.
    pub fn not_author() -> AppError {
        AppError::new(ErrorKind::Forbidden, msg("materials.not_author"))
    }

    /// Unit `id`, if `user` authors it.
    pub async fn unit_author(
        db: &Db,
        user: &CurrentUser,
        id: UnitId,
    ) -> Result<UnitHead, AppError> {
        let (head, viewer) = unit(db, user, id).await?;
        if viewer != Viewer::Author {
            return Err(not_author());
        }
        Ok(head)
    }
}
