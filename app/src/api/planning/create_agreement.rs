//! Admins record a cooperation agreement (PKS) for a program.

use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

/// Adds agreement `number`, valid from `starts_on` to `ends_on` (after the start), to program
/// `program_id` in the admin's scope. Partners are added one by one afterwards.
#[server(endpoint = "create_agreement")]
pub async fn create_agreement(
    program_id: ProgramId,
    number: String,
    starts_on: String,
    ends_on: String,
) -> Result<(), AppError> {
    use super::program_form::check_date;
    use crate::ssr::db::{internal, is_unique_violation, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::agreements;
    use crate::ssr::validate::Validator;
    use crate::ssr::{flash, state};
    let admin = Admin::require_program(program_id).await?;
    let db = &state()?.db;
    let mut check = Validator::new();
    let number = check.required("number", &number, 120);
    let starts = check_date(&mut check, "starts_on", &starts_on);
    let ends = check_date(&mut check, "ends_on", &ends_on);
    if let (Some(s), Some(e)) = (&starts, &ends) {
        if e <= s {
            check.fail("ends_on", "planning.ends_after_starts");
        }
    }
    check.finish()?;
    let (starts, ends) = (starts.unwrap_or_default(), ends.unwrap_or_default());
    match agreements::insert(
        db,
        program_id.0,
        &number,
        &starts,
        &ends,
        admin.user.id.0,
        now_unix(),
    )
    .await
    {
        Ok(id) => tracing::info!(admin = admin.user.id.0, agreement = id, "agreement created"),
        Err(e) if is_unique_violation(&e) => {
            return Err(Validator::field_error(
                "number",
                "planning.agreement_number_taken",
            ))
        }
        Err(e) => return Err(internal("insert agreement", e)),
    }
    flash::go_to(
        &super::program_path(program_id),
        "",
        "planning.agreement_created",
    );
    Ok(())
}
