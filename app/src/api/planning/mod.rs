//! Server functions for planning: institutions, training-needs proposals, programs, the public
//! catalog and cooperation agreements (PKS).

mod add_agreement_partner;
mod change_program_status;
mod create_agreement;
mod create_institution;
mod create_program;
mod get_catalog_program;
mod get_program;
mod list_catalog;
mod list_institutions;
mod list_needs;
mod list_programs;
mod planning_overview;
#[cfg(feature = "ssr")]
mod program_form;
mod propose_need;
mod review_need;
pub mod update_institution;
mod update_program;

pub use add_agreement_partner::{add_agreement_partner, AddAgreementPartner};
pub use change_program_status::{change_program_status, ChangeProgramStatus};
pub use create_agreement::{create_agreement, CreateAgreement};
pub use create_institution::{create_institution, CreateInstitution};
pub use create_program::{create_program, CreateProgram};
pub use get_catalog_program::{get_catalog_program, GetCatalogProgram};
pub use get_program::{get_program, GetProgram};
pub use list_catalog::{list_catalog, ListCatalog};
pub use list_institutions::{list_institutions, ListInstitutions};
pub use list_needs::{list_needs, ListNeeds};
pub use list_programs::{list_programs, ListPrograms};
pub use planning_overview::{planning_overview, PlanningOverviewFn};
pub use propose_need::{propose_need, ProposeNeed};
pub use review_need::{review_need, ReviewNeed};
pub use update_institution::{update_institution, UpdateInstitution};
pub use update_program::{update_program, UpdateProgram};

/// The page number asked for (at least 1) and the row offset it starts at.
#[cfg(feature = "ssr")]
fn paging(page: Option<i64>) -> (i64, i64) {
    let page = page.unwrap_or(1).clamp(1, 100_000);
    (page, (page - 1) * crate::ssr::planning::PAGE_SIZE)
}

/// Every competency, in the order the filters and forms list them.
#[cfg(feature = "ssr")]
async fn competencies(
    db: &crate::ssr::db::Db,
) -> Result<Vec<crate::model::planning::Competency>, crate::model::AppError> {
    crate::ssr::planning::programs::competencies(db)
        .await
        .map_err(|e| crate::ssr::db::internal("competencies", e))
}

/// The competency filter for the code asked for: one of `competencies`' codes, else `%` (any).
#[cfg(feature = "ssr")]
fn competency_filter(
    competencies: &[crate::model::planning::Competency],
    asked: Option<&str>,
) -> String {
    let codes: Vec<&str> = competencies.iter().map(|c| c.code.as_str()).collect();
    crate::ssr::planning::exact_or_any(asked, &codes)
}

/// The page of program `id`.
#[cfg(feature = "ssr")]
fn program_path(id: crate::model::ProgramId) -> String {
    format!("/admin/program/{id}")
}

/// A 404 with the message `key` (out-of-scope ids are not confirmed to exist).
#[cfg(feature = "ssr")]
fn not_found(key: &str) -> crate::model::AppError {
    crate::model::AppError::new(crate::model::ErrorKind::NotFound, crate::ssr::msg(key))
}

/// A text in the request's language with placeholders filled.
#[cfg(feature = "ssr")]
fn text_with(key: &str, args: &[(&str, &str)]) -> String {
    crate::i18n::text_with(crate::ssr::request::request_lang(), key, args)
}
