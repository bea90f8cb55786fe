//! The refund routes: an admin pays back a paid bill whose participant withdrew by the cut-off
//! (`POST /admin/tagihan/{id}/kembalikan`) and sets a cohort's cut-off
//! (`POST /admin/angkatan/{id}/batas-pengembalian`). Each checks the admin's scope first (404
//! outside it); bad input goes back to the form with its message next to the field.

use super::http::{admin_bill, admin_page, back_with_problems, conflict, not_found, year_of};
use super::pay::By;
use crate::model::{AppError, CohortId};
use crate::ssr::db::internal;
use crate::ssr::guard::Admin;
use crate::ssr::http::{form_field as field, form_fields, go_with_notice};
use crate::ssr::request::lang_from_headers;
use crate::ssr::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use http::HeaderMap;

/// Longest "paid to" kept (a bank, an account number and a name).
const MAX_PAID_TO_CHARS: usize = 200;
/// Longest note kept with a refund.
const MAX_NOTE_CHARS: usize = 500;

/// `POST /admin/tagihan/{id}/kembalikan`: the admin records that the paid bill was paid back
/// (`paid_to`: where the money went; `note`, optional), which writes the reversing receipt.
pub(super) async fn refund(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let bill = admin_bill(&state, &admin, id, lang).await?;
    let fields = form_fields(&body);
    let page = admin_page(id);
    let paid_to = field(&fields, "paid_to").trim().to_string();
    let note = field(&fields, "note").trim().to_string();
    let mut problems = Vec::new();
    if paid_to.is_empty() {
        problems.push(("paid_to".to_string(), "form.required"));
    } else if paid_to.chars().count() > MAX_PAID_TO_CHARS {
        problems.push(("paid_to".to_string(), "fees.too_long"));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        problems.push(("note".to_string(), "fees.too_long"));
    }
    if !problems.is_empty() {
        return Ok(back_with_problems(
            &state,
            lang,
            &page,
            "kembalikan",
            fields,
            problems,
        ));
    }
    let organiser = super::organiser_of(&state.db, id)
        .await
        .map_err(|e| internal("bill organiser", e))?
        .ok_or_else(|| not_found(lang))?;
    let (until, _) = super::refund::refund_until(&state.db, bill.cohort_id)
        .await
        .map_err(|e| internal("refund cut-off", e))?;
    let now = state.clock.now();
    let by = By {
        id: admin.user.id.0,
        name: &admin.user.name,
    };
    let done = super::refund::refund(
        &state.db,
        id,
        &until,
        &paid_to,
        &note,
        organiser,
        year_of(now),
        &by,
        now,
    )
    .await
    .map_err(|e| internal("refunding a bill", e))?;
    match done {
        Ok(refunded) => {
            tracing::info!(
                admin = admin.user.id.0,
                bill = id,
                receipt = %refunded.receipt_number,
                "bill refunded"
            );
            Ok(go_with_notice(&state, &page, lang, "fees.refunded"))
        }
        Err(refused) => Ok(conflict(lang, refused, &page)),
    }
}

/// `POST /admin/angkatan/{id}/batas-pengembalian`: the last day (`refund_until`, a date) a
/// participant who withdraws from the cohort gets a paid fee back.
pub(super) async fn save_cut_off(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(cohort): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    crate::ssr::scope::require_cohort(&state.db, admin.scope, CohortId(cohort)).await?;
    let page = format!("/admin/angkatan/{cohort}/tagihan");
    let fields = form_fields(&body);
    let date = field(&fields, "refund_until").trim().to_string();
    if crate::model::wib::parse_date(&date).is_none() {
        let key = if date.is_empty() {
            "form.required"
        } else {
            "fees.date_invalid"
        };
        return Ok(back_with_problems(
            &state,
            lang,
            &page,
            "pengembalian",
            fields,
            vec![("refund_until".to_string(), key)],
        ));
    }
    super::refund::save_refund_until(&state.db, cohort, &date, admin.user.id.0, state.clock.now())
        .await
        .map_err(|e| internal("saving the refund cut-off", e))?;
    Ok(go_with_notice(&state, &page, lang, "fees.cut_off_saved"))
}
