//! Opening a cohort (angkatan) of a program: dates, registration window (WIB) and quota.

use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

/// Creates a cohort of a program within the admin's scope and opens its page.
#[server(endpoint = "create_cohort")]
pub async fn create_cohort(
    program_id: Option<ProgramId>,
    name: String,
    starts_on: String,
    ends_on: String,
    registration_opens_on: String,
    registration_closes_on: String,
    quota: String,
) -> Result<(), AppError> {
    use super::required_parsed;
    use crate::model::codes::ProgramStatus;
    use crate::model::wib;
    use crate::ssr::cohorts::{self, NewCohort};
    use crate::ssr::db::{internal, is_unique_violation, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{scope, state};

    let admin = Admin::require().await?;
    let db = &state()?.db;
    let mut check = Validator::new();
    let program = match program_id {
        Some(id) => {
            let in_scope = scope::program_in_scope(db, admin.scope, id)
                .await
                .map_err(|e| internal("program scope", e))?;
            let status = cohorts::program_status(db, id.0)
                .await
                .map_err(|e| internal("program status", e))?;
            match status {
                Some(s) if in_scope && s != ProgramStatus::Closed => Some(id),
                Some(_) if in_scope => {
                    check.fail("program_id", "cohort.program_closed");
                    None
                }
                _ => {
                    check.fail("program_id", "cohort.program_unknown");
                    None
                }
            }
        }
        None => {
            check.fail("program_id", "form.required");
            None
        }
    };
    let name = check.required("name", &name, 80);
    let date = |check: &mut Validator, field: &str, value: &str| {
        required_parsed(check, field, value, wib::parse_date, "cohort.date_invalid")
    };
    let starts = date(&mut check, "starts_on", &starts_on);
    let ends = date(&mut check, "ends_on", &ends_on);
    let opens = date(&mut check, "registration_opens_on", &registration_opens_on);
    let closes = date(
        &mut check,
        "registration_closes_on",
        &registration_closes_on,
    );
    if let (Some(s), Some(e)) = (starts, ends) {
        if e < s {
            check.fail("ends_on", "cohort.ends_before_start");
        }
    }
    if let (Some(o), Some(c)) = (opens, closes) {
        if c < o {
            check.fail("registration_closes_on", "cohort.closes_before_opens");
        }
    }
    let quota = match quota.trim().parse::<i64>() {
        Ok(q) if q > 0 && q <= 100_000 => Some(q),
        _ if quota.trim().is_empty() => {
            check.fail("quota", "form.required");
            None
        }
        _ => {
            check.fail("quota", "cohort.quota_invalid");
            None
        }
    };
    if let Some(program) = program {
        if !name.is_empty()
            && cohorts::name_taken(db, program.0, &name)
                .await
                .map_err(|e| internal("cohort name", e))?
        {
            check.fail("name", "cohort.name_taken");
        }
    }
    check.finish()?;
    let (Some(program), Some(starts), Some(ends), Some(opens), Some(closes), Some(quota)) =
        (program, starts, ends, opens, closes, quota)
    else {
        return Err(internal("create_cohort", "checked above"));
    };
    let new = NewCohort {
        program_id: program.0,
        name: &name,
        starts_on: &wib::date_of(wib::start_of_day(starts)),
        ends_on: &wib::date_of(wib::start_of_day(ends)),
        opens_at: wib::start_of_day(opens),
        closes_at: wib::end_of_day(closes),
        quota,
        created_by: admin.user.id.0,
    };
    let id = match cohorts::insert(db, new, now_unix()).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => {
            return Err(Validator::field_error("name", "cohort.name_taken"))
        }
        Err(e) => return Err(internal("insert cohort", e)),
    };
    tracing::info!(
        admin = admin.user.id.0,
        cohort = id,
        program = program.0,
        "cohort created"
    );
    super::go_to_cohort(crate::model::CohortId(id), "cohort.created");
    Ok(())
}
