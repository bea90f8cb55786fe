//! Server functions of fees: the reads behind the bills pages (the participant's bills and one of
//! them; a cohort's bills and one of them for its admin). Each checks the caller first; a bill
//! outside the caller's reach is a 404. Every change posts to a plain route (`ssr::fees::http`):
//! a proof is a file upload.

use crate::model::fees::{BillPage, CohortBillsPage, FeeReportPage, MyBillsPage, StatementPage};
use crate::model::AppError;
use leptos::prelude::*;

/// Bills per page of a cohort's list.
pub const PAGE_SIZE: i64 = 50;

/// The participant's bills (made first for any approved enrolment that lacks one).
#[server(endpoint = "my_bills")]
pub async fn my_bills() -> Result<MyBillsPage, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::fees;
    use crate::ssr::guard::Participant;
    let Participant { user } = Participant::require().await?;
    let state = crate::ssr::state()?;
    let fail = |e| internal("my bills", e);
    fees::ensure_for_user(&state.db, user.id.0, state.clock.now())
        .await
        .map_err(fail)?;
    Ok(MyBillsPage {
        bills: fees::of_user(&state.db, user.id.0).await.map_err(fail)?,
    })
}

/// Bill `id` with its proofs, receipt and history: for the participant who pays it, or for an
/// admin whose scope holds its cohort (`admin` says which page asks).
#[server(endpoint = "fee_bill")]
pub async fn fee_bill(id: i64, admin: bool) -> Result<BillPage, AppError> {
    use crate::model::codes::{BillStatus, FeePayer};
    use crate::model::{CohortId, ErrorKind};
    use crate::ssr::db::internal;
    use crate::ssr::fees;
    use crate::ssr::guard::{Admin, Participant};
    let state = crate::ssr::state()?;
    let db = &state.db;
    let fail = |e| internal("bill page", e);
    let not_found = || AppError::new(ErrorKind::NotFound, crate::ssr::msg("fees.not_found"));
    let bill = if admin {
        let admin = Admin::require().await?;
        let bill = fees::bill(db, id)
            .await
            .map_err(fail)?
            .ok_or_else(not_found)?;
        if !crate::ssr::scope::cohort_in_scope(db, admin.scope, CohortId(bill.cohort_id))
            .await
            .map_err(fail)?
        {
            return Err(not_found());
        }
        bill
    } else {
        let Participant { user } = Participant::require().await?;
        let owner: Option<(i64,)> =
            sqlx::query_as("select user_id from fee_bill where id = $1 and payer = 'participant'")
                .bind(id)
                .fetch_optional(db)
                .await
                .map_err(fail)?;
        if owner.map(|(o,)| o) != Some(user.id.0) {
            return Err(not_found());
        }
        fees::bill(db, id)
            .await
            .map_err(fail)?
            .ok_or_else(not_found)?
    };
    let proofs = fees::proofs(db, id).await.map_err(fail)?;
    let organiser = fees::organiser_of(db, id)
        .await
        .map_err(fail)?
        .ok_or_else(not_found)?;
    let may_upload = !admin
        && bill.status == BillStatus::Unpaid
        && bill.payer == FeePayer::Participant
        && (proofs.len() as i64) < fees::MAX_PROOFS_PER_BILL;
    Ok(BillPage {
        proofs,
        receipts: fees::receipts_of(db, id).await.map_err(fail)?,
        refund: fees::refund::terms(db, id).await.map_err(fail)?,
        history: fees::history(db, id).await.map_err(fail)?,
        transfer_to: fees::transfer_to(db, organiser).await.map_err(fail)?,
        may_upload,
        bill,
    })
}

/// Cohort `cohort_id`'s bills for an admin whose scope holds it, page `page` (made first for
/// every approved enrolment that lacks one).
#[server(endpoint = "cohort_bills")]
pub async fn cohort_bills(cohort_id: i64, page: Option<i64>) -> Result<CohortBillsPage, AppError> {
    use crate::model::CohortId;
    use crate::ssr::db::internal;
    use crate::ssr::fees;
    use crate::ssr::guard::Admin;
    Admin::require_cohort(CohortId(cohort_id)).await?;
    let state = crate::ssr::state()?;
    let db = &state.db;
    let fail = |e| internal("cohort bills", e);
    fees::ensure_for_cohort(db, cohort_id, state.clock.now())
        .await
        .map_err(fail)?;
    let (cohort_name, program_title, funding, fee_amount, organiser): (
        String,
        String,
        String,
        Option<i64>,
        i64,
    ) = sqlx::query_as(
        "select c.name, p.title, p.funding, p.fee_amount, p.organizer_id from cohort c \
         join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(cohort_id)
    .fetch_one(db)
    .await
    .map_err(fail)?;
    let totals = fees::totals(db, cohort_id).await.map_err(fail)?;
    let (refund_until, refund_until_set) = fees::refund::refund_until(db, cohort_id)
        .await
        .map_err(fail)?;
    let page = page.unwrap_or(1).max(1);
    Ok(CohortBillsPage {
        cohort_id,
        cohort_name,
        program_title,
        fee_amount: (funding == "fee").then_some(fee_amount).flatten(),
        bills: fees::of_cohort(db, cohort_id, page, PAGE_SIZE)
            .await
            .map_err(fail)?,
        total: totals.bills,
        totals,
        page,
        page_size: PAGE_SIZE,
        transfer_to: fees::transfer_to(db, organiser).await.map_err(fail)?,
        refund_until,
        refund_until_set,
    })
}

/// The fee reports of the admin's scope (per program, cohort and partner).
#[server(endpoint = "fee_report")]
pub async fn fee_report() -> Result<FeeReportPage, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    let admin = Admin::require().await?;
    let state = crate::ssr::state()?;
    let lang = crate::ssr::request::request_lang();
    let fail = |e| internal("fee report", e);
    Ok(FeeReportPage {
        tables: crate::ssr::fees::report::all(&state.db, admin.scope, lang)
            .await
            .map_err(fail)?,
        statements: crate::ssr::fees::statement::recent(&state.db, admin.scope)
            .await
            .map_err(fail)?,
    })
}

/// Uploaded bank statement `id`, for an admin within whose scope it was uploaded.
#[server(endpoint = "fee_statement")]
pub async fn fee_statement(id: i64) -> Result<StatementPage, AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::fees::statement;
    use crate::ssr::guard::Admin;
    let admin = Admin::require().await?;
    let db = &crate::ssr::state()?.db;
    let fail = |e| internal("fee statement", e);
    if !statement::in_scope(db, admin.scope, id)
        .await
        .map_err(fail)?
    {
        return Err(AppError::new(
            ErrorKind::NotFound,
            crate::ssr::msg("fees.statement_not_found"),
        ));
    }
    statement::page(db, id).await.map_err(fail)
}
