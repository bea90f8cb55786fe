//! The plain HTTP routes of fees: a participant uploads a proof of transfer; an admin confirms a
//! payment, rejects a proof or waives a bill, and saves the receiving account; both download a
//! proof and a receipt. Each checks who is calling and answers 404 for a bill outside their
//! reach (a participant reaches only the bills they pay; an admin those of cohorts in scope).

use super::pay::{self, By, NewProof, Refused};
use crate::model::fees::TransferTo;
use crate::model::{AppError, CohortId, CurrentUser, ErrorKind, Flash, Lang, Role};
use crate::ssr::boards::files::{self, Refusal};
use crate::ssr::boards::http::files::{as_download, content_disposition, read_upload, Unread};
use crate::ssr::db::internal;
use crate::ssr::guard::{Admin, Participant, SignedIn};
use crate::ssr::http::{
    field_error, form_field as field, form_fields, go_with_notice, plain, redirect, refusal,
    with_flash, UploadRefusal,
};
use crate::ssr::request::lang_from_headers;
use crate::ssr::storage::Area;
use crate::ssr::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, HeaderMap, HeaderValue, StatusCode};

/// Kinds of file a proof of transfer may be: a photo or screenshot of the transfer, or the bank's
/// PDF.
const PROOF_KINDS: &[&str] = &["pdf", "jpg", "png", "webp"];
/// Longest reason kept for a rejection or a waiver.
const MAX_REASON_CHARS: usize = 500;

/// The fee routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/peserta/tagihan/{id}/bukti", post(upload_proof))
        .route("/tagihan/bukti/{id}", get(download_proof))
        .route("/kuitansi/{id}", get(receipt_pdf))
        .route("/admin/tagihan/{id}/konfirmasi", post(confirm))
        .route("/admin/tagihan/{id}/tolak", post(reject))
        .route("/admin/tagihan/{id}/bebaskan", post(waive))
        .route(
            "/admin/tagihan/{id}/kembalikan",
            post(super::refund_routes::refund),
        )
        .route(
            "/admin/angkatan/{id}/batas-pengembalian",
            post(super::refund_routes::save_cut_off),
        )
        .route("/admin/angkatan/{id}/rekening", post(save_account))
        .route("/admin/kontribusi/{file}", get(report_file))
        .route(
            "/admin/kontribusi/mutasi",
            post(upload_statement).layer(DefaultBodyLimit::max(
                super::statement::MAX_FILE_BYTES + 64 * 1024,
            )),
        )
        .route(
            "/admin/kontribusi/mutasi/{id}/baris/{line}",
            post(match_line),
        )
        .route(
            "/admin/kontribusi/mutasi/{id}/terapkan",
            post(apply_statement),
        )
}

/// The review page of statement `id`.
pub fn statement_page(id: i64) -> String {
    format!("/admin/kontribusi/mutasi/{id}")
}

/// `POST /admin/kontribusi/mutasi`: the admin uploads a bank statement (`file`, CSV); its credit
/// lines are matched to bills and shown for review, nothing applied yet.
async fn upload_statement(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    use super::statement;
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let back = |key: &str| {
        field_error("file", crate::i18n::text(lang, key)).back_to("/admin/kontribusi#mutasi")
    };
    let upload = match crate::ssr::http::read_upload(multipart, "file").await {
        Ok(upload) => upload,
        Err(UploadRefusal::TooLarge) => return Ok(back("fees.statement_too_large")),
        Err(UploadRefusal::Missing) => return Ok(back("fees.statement_no_file")),
    };
    let credits = match statement::parse(&upload.bytes) {
        Ok(credits) => credits,
        Err(error) => return Ok(back(error.key())),
    };
    let name: String = upload.safe_name().chars().take(120).collect();
    let id = statement::store(
        &state.db,
        admin.scope,
        &name,
        &credits,
        admin.user.id.0,
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("storing a statement", e))?;
    Ok(redirect(&statement_page(id)))
}

/// The statement `id` if it belongs to the admin's scope; 404 otherwise.
async fn admin_statement(
    state: &AppState,
    admin: &Admin,
    id: i64,
    lang: Lang,
) -> Result<(), AppError> {
    if super::statement::in_scope(&state.db, admin.scope, id)
        .await
        .map_err(|e| internal("statement scope", e))?
    {
        Ok(())
    } else {
        Err(refusal(
            ErrorKind::NotFound,
            lang,
            "fees.statement_not_found",
        ))
    }
}

/// `POST /admin/kontribusi/mutasi/{id}/baris/{line}`: the admin matches an unmatched line by hand
/// to the bill of `reference`.
async fn match_line(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path((id, line)): Path<(i64, i64)>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    admin_statement(&state, &admin, id, lang).await?;
    let fields = form_fields(&body);
    let page = statement_page(id);
    match super::statement::match_by_hand(
        &state.db,
        admin.scope,
        id,
        line,
        field(&fields, "reference"),
    )
    .await
    .map_err(|e| internal("matching a statement line", e))?
    {
        Ok(()) => Ok(go_with_notice(
            &state,
            &format!("{page}#baris-{line}"),
            lang,
            "fees.line_matched",
        )),
        Err(key) => Ok(
            field_error(&format!("reference-{line}"), crate::i18n::text(lang, key))
                .back_to(format!("{page}#baris-{line}")),
        ),
    }
}

/// `POST /admin/kontribusi/mutasi/{id}/terapkan`: the admin applies the matched lines: each pays
/// its bill, with a receipt.
async fn apply_statement(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    admin_statement(&state, &admin, id, lang).await?;
    let now = state.clock.now();
    let by = By {
        id: admin.user.id.0,
        name: &admin.user.name,
    };
    let applied = super::statement::apply(&state.db, id, year_of(now), &by, now)
        .await
        .map_err(|e| internal("applying a statement", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        statement = id,
        paid = applied.paid,
        refused = applied.refused,
        "statement applied"
    );
    let page = statement_page(id);
    let flash = Flash {
        path: page.clone(),
        notice: Some(crate::i18n::text_with(
            lang,
            "fees.statement_applied",
            &[
                ("paid", &applied.paid.to_string()),
                ("refused", &applied.refused.to_string()),
            ],
        )),
        ..Flash::default()
    };
    Ok(with_flash(&state, redirect(&page), &flash))
}

/// `GET /admin/kontribusi/{key}.{csv|xlsx}`: a fee report of the admin's scope as a file.
async fn report_file(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    use crate::ssr::exports::{table_csv, table_xlsx};
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let Some((key, extension)) = file.rsplit_once('.') else {
        return Err(not_found(lang));
    };
    if !matches!(extension, "csv" | "xlsx") {
        return Err(not_found(lang));
    }
    let table = super::report::report(&state.db, admin.scope, key, lang)
        .await
        .map_err(|e| internal("fee report", e))?
        .ok_or_else(|| not_found(lang))?;
    let name = format!("kontribusi-{key}.{extension}");
    if extension == "csv" {
        return Ok(crate::ssr::csv::download(&name, table_csv::write(&table)));
    }
    let bytes = tokio::task::spawn_blocking(move || table_xlsx::write(&table))
        .await
        .map_err(|e| internal("fee report xlsx task", e))?
        .map_err(|e| internal("fee report xlsx", e))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(table_xlsx::CONTENT_TYPE),
            ),
            (header::CONTENT_DISPOSITION, content_disposition(&name)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The participant's page of bill `id`.
pub fn participant_page(id: i64) -> String {
    format!("/peserta/tagihan/{id}")
}

/// The admin's page of bill `id`.
pub fn admin_page(id: i64) -> String {
    format!("/admin/tagihan/{id}")
}

pub(super) fn not_found(lang: Lang) -> AppError {
    refusal(ErrorKind::NotFound, lang, "fees.not_found")
}

/// Of bill `id`, if the participant pays it (404 otherwise): whether it is unpaid, and how many
/// proofs it holds.
async fn participant_bill(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    lang: Lang,
) -> Result<(bool, i64), AppError> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "select status, proofs from fee_bill where id = $1 and user_id = $2 \
         and payer = 'participant'",
    )
    .bind(id)
    .bind(user.id.0)
    .fetch_optional(&state.db)
    .await
    .map_err(|e| internal("bill", e))?;
    let (status, proofs) = row.ok_or_else(|| not_found(lang))?;
    Ok((status == "unpaid", proofs))
}

/// The bill `id` if its cohort is in the admin's scope; 404 otherwise.
pub(super) async fn admin_bill(
    state: &AppState,
    admin: &Admin,
    id: i64,
    lang: Lang,
) -> Result<crate::model::fees::BillLine, AppError> {
    let bill = super::bill(&state.db, id)
        .await
        .map_err(|e| internal("bill", e))?
        .ok_or_else(|| not_found(lang))?;
    let in_scope =
        crate::ssr::scope::cohort_in_scope(&state.db, admin.scope, CohortId(bill.cohort_id))
            .await
            .map_err(|e| internal("bill scope", e))?;
    if !in_scope {
        return Err(not_found(lang));
    }
    Ok(bill)
}

/// Whether `user` may read bill `id`'s files: the participant who pays it, or an admin whose
/// scope holds its cohort.
async fn may_read_bill(
    state: &AppState,
    user: &CurrentUser,
    owner: i64,
    payer: &str,
    cohort: i64,
) -> Result<bool, AppError> {
    match user.role {
        Role::Participant => Ok(owner == user.id.0 && payer == "participant"),
        Role::Admin => match user.institution_id {
            Some(scope) => crate::ssr::scope::cohort_in_scope(&state.db, scope, CohortId(cohort))
                .await
                .map_err(|e| internal("bill scope", e)),
            None => Ok(false),
        },
        _ => Ok(false),
    }
}

/// `POST /peserta/tagihan/{id}/bukti`: the participant adds a proof of transfer (`file`).
async fn upload_proof(
    State(state): State<AppState>,
    Participant { user }: Participant,
    headers: HeaderMap,
    Path(id): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let (unpaid, proofs) = participant_bill(&state, &user, id, lang).await?;
    let page = format!("{}#bukti", participant_page(id));
    let back = |key: &str| field_error("file", crate::i18n::text(lang, key)).back_to(page.clone());
    // Refused before the file is read and written when it could not be kept anyway; the
    // conditional reservation in `add_proof` stays the rule under simultaneous uploads.
    if !unpaid {
        return Ok(back(Refused::NotUnpaid.key()));
    }
    if proofs >= super::MAX_PROOFS_PER_BILL {
        return Ok(back(Refused::TooManyProofs.key()));
    }
    let Ok(mut multipart) = multipart else {
        return Ok(back(Refusal::NoFile.key()));
    };
    let upload = match read_upload(&mut multipart).await {
        Ok(upload) => upload,
        Err(Unread::Refused(refused)) => return Ok(back(refused.key())),
        Err(Unread::Flood) => {
            return Ok(plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                crate::i18n::text(lang, Refusal::TooLarge.key()),
            ))
        }
    };
    let kind = match files::recognise(&upload.name, &upload.declared, &upload.bytes) {
        Ok(kind) if PROOF_KINDS.contains(&kind.detected) => kind,
        Ok(_) => return Ok(back("fees.proof_kind")),
        Err(refused) => return Ok(back(refused.key())),
    };
    let file_name = files::display_name(&upload.name, kind);
    let stored_name = files::storage_name();
    state
        .storage
        .put(Area::Proofs, &stored_name, &upload.bytes)
        .await
        .map_err(|e| internal("writing a proof", e))?;
    let proof = NewProof {
        bill: id,
        file_name: &file_name,
        stored_name: &stored_name,
        content_type: kind.mime,
        size_bytes: upload.bytes.len() as i64,
    };
    let by = By {
        id: user.id.0,
        name: &user.name,
    };
    match pay::add_proof(&state.db, &proof, &by, state.clock.now()).await {
        Ok(Ok(proof_id)) => {
            tracing::info!(
                user = user.id.0,
                bill = id,
                proof = proof_id,
                "proof of transfer added"
            );
            Ok(go_with_notice(&state, &page, lang, "fees.proof_added"))
        }
        Ok(Err(refused)) => {
            state.storage.remove(Area::Proofs, &stored_name).await;
            Ok(back(refused.key()))
        }
        Err(err) => {
            state.storage.remove(Area::Proofs, &stored_name).await;
            Err(internal("recording a proof", err))
        }
    }
}

/// `GET /tagihan/bukti/{id}`: a proof's file, to the participant who pays its bill or an admin
/// with its cohort in scope.
async fn download_proof(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let id: i64 = id.parse().map_err(|_| not_found(lang))?;
    let row: Option<(String, String, String, i64, String, i64)> = sqlx::query_as(
        "select f.stored_name, f.file_name, f.content_type, b.user_id, b.payer, b.cohort_id \
         from fee_proof f join fee_bill b on b.id = f.bill_id where f.id = $1",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await
    .map_err(|e| internal("proof", e))?;
    let Some((stored, name, content_type, owner, payer, cohort)) = row else {
        return Err(not_found(lang));
    };
    if !may_read_bill(&state, &user, owner, &payer, cohort).await? {
        return Err(not_found(lang));
    }
    if !files::is_storage_name(&stored) {
        return Err(internal("proof", "stored name is not a generated one"));
    }
    let mut response = state
        .storage
        .serve(Area::Proofs, &stored, request)
        .await
        .map_err(|e| internal("serving a proof", e))?;
    if response.status() == StatusCode::NOT_FOUND {
        return Err(not_found(lang));
    }
    as_download(&mut response, &content_type, &name, "private, no-store");
    Ok(response)
}

/// `GET /kuitansi/{id}`: a receipt as PDF, to the participant who paid its bill or an admin with
/// its cohort in scope.
async fn receipt_pdf(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let id: i64 = id
        .trim_end_matches(".pdf")
        .parse()
        .map_err(|_| not_found(lang))?;
    let facts = super::receipt::facts(&state.db, id)
        .await
        .map_err(|e| internal("receipt", e))?
        .ok_or_else(|| not_found(lang))?;
    if !may_read_bill(&state, &user, facts.user_id, &facts.payer, facts.cohort_id).await? {
        return Err(not_found(lang));
    }
    let bytes = super::receipt::pdf(&facts, lang);
    let name = format!("kuitansi-{}.pdf", facts.number.replace('/', "-"));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, content_disposition(&name)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A reason between 1 and [`MAX_REASON_CHARS`] characters, or the key of the message shown next
/// to the `reason` field.
fn reason_of(value: &str) -> Result<String, &'static str> {
    let reason = value.trim();
    if reason.is_empty() {
        return Err("fees.reason_required");
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err("fees.reason_too_long");
    }
    Ok(reason.to_string())
}

/// Back to `page` with `key`'s message next to the reason field.
fn back_to_reason(lang: Lang, key: &str, page: String) -> Response {
    field_error("reason", crate::i18n::text(lang, key)).back_to(page)
}

/// The year (WIB) of `now`.
pub(super) fn year_of(now: i64) -> i64 {
    crate::model::wib::date_of(now)[..4].parse().unwrap_or(1970)
}

/// `POST /admin/tagihan/{id}/konfirmasi`: the admin confirms the bill paid (with `proof`, the
/// waiting proof it was paid by, if any).
async fn confirm(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    admin_bill(&state, &admin, id, lang).await?;
    let fields = form_fields(&body);
    let proof = field(&fields, "proof").trim().parse::<i64>().ok();
    let page = admin_page(id);
    let organiser = super::organiser_of(&state.db, id)
        .await
        .map_err(|e| internal("bill organiser", e))?
        .ok_or_else(|| not_found(lang))?;
    let now = state.clock.now();
    let by = By {
        id: admin.user.id.0,
        name: &admin.user.name,
    };
    let paid_by = pay::PaidBy::Transfer { proof };
    match pay::confirm(&state.db, id, paid_by, organiser, year_of(now), &by, now).await {
        Ok(Ok(confirmed)) => {
            tracing::info!(
                admin = admin.user.id.0,
                bill = id,
                receipt = %confirmed.receipt_number,
                "payment confirmed"
            );
            Ok(go_with_notice(&state, &page, lang, "fees.confirmed"))
        }
        Ok(Err(refused)) => Ok(conflict(lang, refused, &page)),
        Err(err) => Err(internal("confirming a payment", err)),
    }
}

/// Back to `page` with the refusal's message at the top of the form.
pub(super) fn conflict(lang: Lang, refused: Refused, page: &str) -> Response {
    AppError::new(ErrorKind::Conflict, crate::i18n::text(lang, refused.key()))
        .back_to(page.to_string())
}

/// `POST /admin/tagihan/{id}/tolak`: the admin rejects waiting proof `proof` with `reason`.
async fn reject(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    admin_bill(&state, &admin, id, lang).await?;
    let fields = form_fields(&body);
    let page = admin_page(id);
    let Ok(proof) = field(&fields, "proof").trim().parse::<i64>() else {
        return Ok(conflict(lang, Refused::ProofNotWaiting, &page));
    };
    let reason = match reason_of(field(&fields, "reason")) {
        Ok(reason) => reason,
        Err(key) => return Ok(back_to_reason(lang, key, format!("{page}#bukti-{proof}"))),
    };
    let by = By {
        id: admin.user.id.0,
        name: &admin.user.name,
    };
    match pay::reject_proof(&state.db, id, proof, &reason, &by, state.clock.now()).await {
        Ok(Ok(())) => Ok(go_with_notice(&state, &page, lang, "fees.proof_rejected")),
        Ok(Err(refused)) => Ok(conflict(lang, refused, &page)),
        Err(err) => Err(internal("rejecting a proof", err)),
    }
}

/// `POST /admin/tagihan/{id}/bebaskan`: the admin waives the bill with `reason`.
async fn waive(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    admin_bill(&state, &admin, id, lang).await?;
    let fields = form_fields(&body);
    let page = admin_page(id);
    let reason = match reason_of(field(&fields, "reason")) {
        Ok(reason) => reason,
        Err(key) => return Ok(back_to_reason(lang, key, format!("{page}#bebaskan"))),
    };
    let by = By {
        id: admin.user.id.0,
        name: &admin.user.name,
    };
    match pay::waive(&state.db, id, &reason, &by, state.clock.now()).await {
        Ok(Ok(())) => Ok(go_with_notice(&state, &page, lang, "fees.waived")),
        Ok(Err(refused)) => Ok(conflict(lang, refused, &page)),
        Err(err) => Err(internal("waiving a bill", err)),
    }
}

/// Back to `page` (at `anchor`) with the fields as typed and each problem's message (a key)
/// next to its field.
pub(super) fn back_with_problems(
    state: &AppState,
    lang: Lang,
    page: &str,
    anchor: &str,
    fields: Vec<(String, String)>,
    problems: Vec<(String, &str)>,
) -> Response {
    let flash = Flash {
        path: page.to_string(),
        values: fields,
        error: Some(AppError::invalid(
            crate::i18n::text(lang, "fees.check_fields"),
            problems
                .into_iter()
                .map(|(field, key)| crate::model::FieldError {
                    field,
                    message: crate::i18n::text(lang, key),
                })
                .collect(),
        )),
        notice: None,
    };
    with_flash(state, redirect(&format!("{page}#{anchor}")), &flash)
}

/// `POST /admin/angkatan/{id}/rekening`: the receiving account of the cohort's organiser
/// (`bank`, `account_number`, `account_name`).
async fn save_account(
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
    let account = TransferTo {
        bank: field(&fields, "bank").trim().to_string(),
        account_number: field(&fields, "account_number")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
            .collect(),
        account_name: field(&fields, "account_name").trim().to_string(),
    };
    let mut problems = Vec::new();
    let mut check = |name: &str, value: &str, max: usize| {
        if value.is_empty() {
            problems.push((name.to_string(), "form.required"));
        } else if value.chars().count() > max {
            problems.push((name.to_string(), "fees.too_long"));
        }
    };
    check("bank", &account.bank, 80);
    check("account_number", &account.account_number, 34);
    check("account_name", &account.account_name, 120);
    if !account.account_number.is_empty()
        && !account.account_number.chars().all(|c| c.is_ascii_digit())
    {
        problems.push(("account_number".to_string(), "fees.account_digits"));
    }
    if !problems.is_empty() {
        return Ok(back_with_problems(
            &state, lang, &page, "rekening", fields, problems,
        ));
    }
    let (organiser,): (i64,) = sqlx::query_as(
        "select p.organizer_id from cohort c join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(cohort)
    .fetch_one(&state.db)
    .await
    .map_err(|e| internal("cohort organiser", e))?;
    pay::save_account(
        &state.db,
        organiser,
        &account,
        admin.user.id.0,
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("saving the receiving account", e))?;
    Ok(go_with_notice(&state, &page, lang, "fees.account_saved"))
}
