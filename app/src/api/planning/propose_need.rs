//! A school or district office proposes a training need (usulan kebutuhan diklat).

use crate::model::{AppError, CompetencyId};
use leptos::prelude::*;

/// Proposes a need from the admin's own institution, which must be a school or district office.
#[server(endpoint = "propose_need")]
pub async fn propose_need(
    competency_id: Option<CompetencyId>,
    level: String,
    teacher_count: String,
    justification: String,
) -> Result<(), AppError> {
    use super::program_form::{check_choice, check_count};
    use crate::model::codes::InstitutionKind;
    use crate::model::planning::LEVELS;
    use crate::model::ErrorKind;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::{institutions, needs};
    use crate::ssr::validate::Validator;
    use crate::ssr::{flash, msg, state};

    let admin = Admin::require().await?;
    let db = &state()?.db;
    let own = institutions::get(db, admin.scope.0)
        .await
        .map_err(|e| internal("own institution", e))?;
    if !own.as_ref().is_some_and(|i| {
        matches!(
            i.kind,
            InstitutionKind::School | InstitutionKind::DistrictOffice
        )
    }) {
        return Err(AppError::new(
            ErrorKind::Forbidden,
            msg("planning.need_propose_forbidden"),
        ));
    }
    let mut check = Validator::new();
    let competencies = super::competencies(db).await?;
    let competency = competency_id.filter(|id| competencies.iter().any(|c| c.id == *id));
    if competency.is_none() {
        check.fail("competency_id", "planning.competency_required");
    }
    check_choice(&mut check, "level", &level, LEVELS);
    let teacher_count = check_count(&mut check, "teacher_count", &teacher_count, 1, 100_000);
    let justification = check.required("justification", &justification, 2000);
    check.finish()?;
    let need = needs::NewNeed {
        institution: admin.scope.0,
        proposed_by: admin.user.id.0,
        competency: competency.unwrap_or_default().0,
        level: &level,
        teacher_count: teacher_count.unwrap_or_default(),
        justification: &justification,
    };
    let id = needs::insert(db, &need, now_unix())
        .await
        .map_err(|e| internal("insert need", e))?;
    tracing::info!(admin = admin.user.id.0, need = id, "training need proposed");
    flash::go_to("/admin/usulan", "", "planning.need_proposed");
    Ok(())
}
