//! The plain HTTP routes of certificates: the public check page, the PDF download, the
//! participant's list, the admin's template page and a cohort's certificates page (issue one,
//! issue all as a job with its progress, correct, revoke). Forms post here and answer 303.

use super::check_limit::CheckLimiter;
use super::pages::{facts_list, field_error, or_dash, shell, size};
use super::pages::{text, text_with};
use super::{job, number, IssueError};
use crate::model::{AppError, CohortId, ErrorKind, Lang, Role};
use crate::ssr::audit::{Actor, Origin};
use crate::ssr::db::{internal, is_transient};
use crate::ssr::guard::{Admin, SignedIn};
use crate::ssr::http::{read_upload, redirect, refusal, UploadRefusal};
use crate::ssr::mail::template::escape;
use crate::ssr::request::{client_address, lang_from_headers};
use crate::ssr::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use http::{header, HeaderMap, HeaderValue, StatusCode};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Notify;

/// What the routes share: the job worker's bell, the check page's limiter.
#[derive(Clone, Debug)]
pub struct Certificates {
    pub wake: Arc<Notify>,
    pub limiter: Arc<CheckLimiter>,
}

/// The certificate routes, for merging into the app's router.
pub fn routes(context: Certificates) -> Router<AppState> {
    Router::new()
        .route("/sertifikat/{code}", get(check_page))
        .route("/sertifikat/unduh/{id}", get(download))
        .route("/peserta/sertifikat", get(my_certificates))
        .route(
            "/admin/sertifikat/templat",
            get(template_page).post(save_template),
        )
        .route(
            "/admin/sertifikat/logo",
            post(upload_logo).layer(DefaultBodyLimit::max(super::LOGO_MAX_BYTES + 64 * 1024)),
        )
        .route("/admin/sertifikat/kode-program", post(save_program_code))
        .route("/admin/angkatan/{id}/sertifikat", get(cohort_page))
        .route("/admin/angkatan/{id}/sertifikat/terbitkan", post(issue))
        .route("/admin/angkatan/{id}/sertifikat/semua", post(issue_all))
        .route("/admin/sertifikat/{id}/koreksi", post(correct))
        .route("/admin/sertifikat/{id}/cabut", post(revoke))
        .layer(Extension(context))
}

fn lang_of(state: &AppState, headers: &HeaderMap) -> Lang {
    lang_from_headers(headers, state.settings.default_lang)
}

fn html(status: StatusCode, page: String) -> Response {
    let policy = HeaderValue::from_str(&super::pages::POLICY)
        .unwrap_or(HeaderValue::from_static("default-src 'none'"));
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (header::CONTENT_SECURITY_POLICY, policy),
        ],
        page,
    )
        .into_response()
}

fn fields(body: &Bytes) -> HashMap<String, String> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn field<'a>(fields: &'a HashMap<String, String>, name: &str) -> &'a str {
    fields.get(name).map_or("", |v| v.trim())
}

fn not_found(lang: Lang) -> AppError {
    refusal(ErrorKind::NotFound, lang, "certificates.not_found")
}

// ---------------------------------------------------------------------------------------------
// The public check page.

/// `GET /sertifikat/{code}`: every fact of the certificate and whether it is valid, or revoked
/// (when, why, and its newer version). No sign-in; limited per client address.
async fn check_page(
    State(state): State<AppState>,
    Extension(context): Extension<Certificates>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Response {
    let lang = lang_of(&state, &headers);
    let (parts, _) = request.into_parts();
    let address = client_address(&parts, state.settings.trust_forwarded_for);
    if let Err(wait) = context.limiter.take(&address, std::time::Instant::now()) {
        let page = shell(
            lang,
            &text(lang, "certificates.check_title"),
            &format!(
                "<h1>{}</h1><p>{}</p>",
                escape(&text(lang, "certificates.check_title")),
                escape(&text(lang, "certificates.too_many"))
            ),
            None,
        );
        let mut response = html(StatusCode::TOO_MANY_REQUESTS, page);
        if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    let code = parts
        .uri
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let found = if super::is_code(&code) {
        match super::by_code(&state.db, &code).await {
            Ok(found) => found,
            Err(err) => return internal("certificate check", err).into_response(),
        }
    } else {
        None
    };
    let title = text(lang, "certificates.check_title");
    let Some(cert) = found else {
        let body = format!(
            "<h1>{}</h1><p class=\"status revoked\">{}</p><p>{}</p>",
            escape(&title),
            escape(&text(lang, "certificates.unknown_code")),
            escape(&text(lang, "certificates.unknown_hint")),
        );
        return html(StatusCode::NOT_FOUND, shell(lang, &title, &body, None));
    };
    let status = if cert.status == "valid" {
        format!(
            "<p class=\"status valid\" data-status=\"valid\">{}</p>",
            escape(&text(lang, "certificates.status_valid"))
        )
    } else {
        let when = cert
            .revoked_at
            .map(crate::model::wib::date_of)
            .map(|d| super::pdf::long_date(&d))
            .unwrap_or_default();
        let newer = cert
            .replaced_by
            .as_deref()
            .map(|code| {
                format!(
                    "<p><a href=\"/sertifikat/{code}\">{}</a></p>",
                    escape(&text(lang, "certificates.newer_version")),
                    code = escape(code)
                )
            })
            .unwrap_or_default();
        format!(
            "<p class=\"status revoked\" data-status=\"revoked\">{}</p><dl><dt>{}</dt>\
             <dd data-field=\"revoked_at\">{}</dd><dt>{}</dt><dd data-field=\"revoked_reason\">{}</dd>\
             </dl>{newer}",
            escape(&text(lang, "certificates.status_revoked")),
            escape(&text(lang, "certificates.revoked_on")),
            escape(&when),
            escape(&text(lang, "certificates.reason")),
            or_dash(cert.revoked_reason.as_deref()),
        )
    };
    let body = format!(
        "<h1>{}</h1>{status}{}<p class=\"note\">{}</p>",
        escape(&title),
        facts_list(lang, &cert.facts),
        escape(&text(lang, "certificates.check_note")),
    );
    html(StatusCode::OK, shell(lang, &title, &body, None))
}

// ---------------------------------------------------------------------------------------------
// Downloads and the participant's list.

/// Whether `user` may download `cert`: its owner, or an admin whose scope holds its cohort.
async fn may_download(
    state: &AppState,
    user: &crate::model::CurrentUser,
    cert: &super::Stored,
) -> Result<bool, AppError> {
    if cert.user_id == user.id.0 {
        return Ok(true);
    }
    match (user.role, user.institution_id) {
        (Role::Admin, Some(scope)) => {
            crate::ssr::scope::cohort_in_scope(&state.db, scope, CohortId(cert.cohort_id))
                .await
                .map_err(|e| internal("certificate scope", e))
        }
        _ => Ok(false),
    }
}

/// `GET /sertifikat/unduh/{id}`: the stored PDF, for its owner or the staff of its institution;
/// a 404 for anyone else.
async fn download(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let cert = super::by_id(&state.db, id)
        .await
        .map_err(|e| internal("certificate", e))?
        .ok_or_else(|| not_found(lang))?;
    if !may_download(&state, &user, &cert).await? {
        return Err(not_found(lang));
    }
    let bytes = super::pdf_bytes(&state.db, &state.storage, &state.settings.public_url, &cert)
        .await
        .map_err(|e| internal("certificate pdf", e))?;
    let name = format!(
        "sertifikat-{}{}.pdf",
        cert.facts.code,
        if cert.facts.version > 1 {
            format!("-v{}", cert.facts.version)
        } else {
            String::new()
        }
    );
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /peserta/sertifikat`: the caller's certificates with their download links and sizes.
async fn my_certificates(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let certs = super::of_user(&state.db, user.id.0)
        .await
        .map_err(|e| internal("my certificates", e))?;
    let title = text(lang, "certificates.mine_title");
    let mut body = format!("<h1>{}</h1>", escape(&title));
    if certs.is_empty() {
        body.push_str(&format!(
            "<p>{}</p>",
            escape(&text(lang, "certificates.mine_empty"))
        ));
    } else {
        body.push_str("<ul class=\"certificates\">");
        for cert in &certs {
            let status = if cert.status == "valid" {
                text(lang, "certificates.status_valid_short")
            } else {
                text(lang, "certificates.status_revoked_short")
            };
            let size_note = cert
                .pdf_bytes
                .map(|b| format!(" ({})", size(b)))
                .unwrap_or_default();
            body.push_str(&format!(
                "<li data-code=\"{code}\"><strong>{title}</strong> \u{b7} {cohort}<br>{number_label} \
                 {number} \u{b7} {status}<br><a href=\"/sertifikat/unduh/{id}\">{download}</a>{size_note} \
                 \u{b7} <a href=\"/sertifikat/{code}\">{check}</a></li>",
                code = escape(&cert.facts.code),
                title = escape(&cert.facts.training_title),
                cohort = escape(&cert.facts.cohort_name),
                number_label = escape(&text(lang, "certificates.number")),
                number = escape(&cert.facts.number),
                status = escape(&status),
                id = cert.id,
                download = escape(&text(lang, "certificates.download_pdf")),
                check = escape(&text(lang, "certificates.check_link")),
            ));
        }
        body.push_str("</ul>");
    }
    body.push_str(&format!(
        "<p><a href=\"/\">{}</a></p>",
        escape(&text(lang, "certificates.back_home"))
    ));
    Ok(html(StatusCode::OK, shell(lang, &title, &body, None)))
}

// ---------------------------------------------------------------------------------------------
// The admin's template page.

/// What the template form shows: values typed, and an error per field.
#[derive(Default)]
struct TemplateForm {
    values: HashMap<String, String>,
    errors: HashMap<&'static str, String>,
    saved: bool,
}

async fn template_form_page(
    state: &AppState,
    admin: &Admin,
    lang: Lang,
    form: TemplateForm,
    status: StatusCode,
) -> Result<Response, AppError> {
    let db = &state.db;
    let institution = admin.scope.0;
    let stored = super::template(db, institution)
        .await
        .map_err(|e| internal("certificate template", e))?;
    let value = |name: &str, stored_value: Option<&str>| -> String {
        form.values
            .get(name)
            .cloned()
            .or(stored_value.map(str::to_string))
            .unwrap_or_default()
    };
    let t = stored.as_ref();
    let format = value(
        "number_format",
        Some(t.map_or("{seq:05}/BPSDM/{program_code}/{year}", |t| {
            t.number_format.as_str()
        })),
    );
    let title = text(lang, "certificates.template_title");
    let preview = match number::render(
        &format,
        &number::NumberParts {
            seq: 42,
            year: crate::ssr::sessions::jp::year_of(state.clock.now()),
            month: crate::model::wib::date_of(state.clock.now())[5..7]
                .parse()
                .unwrap_or(1),
            program_code: "LITDIG",
        },
    ) {
        Ok(n) => format!(
            "<p class=\"note\">{} <strong data-preview>{}</strong></p>",
            escape(&text(lang, "certificates.preview")),
            escape(&n)
        ),
        Err(_) => String::new(),
    };
    let input = |name: &'static str, label_key: &str, current: String| -> String {
        format!(
            "<label for=\"{name}\">{}</label><input type=\"text\" id=\"{name}\" name=\"{name}\" \
             value=\"{}\">{}",
            escape(&text(lang, label_key)),
            escape(&current),
            field_error(form.errors.get(name).map(String::as_str)),
        )
    };
    let mut body = format!("<h1>{}</h1>", escape(&title));
    if form.saved {
        body.push_str(&format!(
            "<p class=\"status valid\">{}</p>",
            escape(&text(lang, "certificates.template_saved"))
        ));
    }
    body.push_str("<form method=\"post\" action=\"/admin/sertifikat/templat\">");
    body.push_str(&input(
        "number_format",
        "certificates.number_format",
        format,
    ));
    body.push_str(&format!(
        "<p class=\"note\">{}</p>{preview}",
        escape(&text(lang, "certificates.number_format_hint"))
    ));
    body.push_str(&input(
        "signatory_name",
        "certificates.signatory",
        value("signatory_name", t.map(|t| t.signatory_name.as_str())),
    ));
    body.push_str(&input(
        "signatory_nip",
        "certificates.signatory_nip",
        value("signatory_nip", t.and_then(|t| t.signatory_nip.as_deref())),
    ));
    body.push_str(&input(
        "signatory_title",
        "certificates.signatory_title",
        value("signatory_title", t.map(|t| t.signatory_title.as_str())),
    ));
    body.push_str(&input(
        "signing_city",
        "certificates.signing_city",
        value("signing_city", t.map(|t| t.signing_city.as_str())),
    ));
    body.push_str(&format!(
        "<p><button type=\"submit\">{}</button></p></form>",
        escape(&text(lang, "certificates.save"))
    ));
    // The logo (only once the template exists).
    if let Some(t) = t {
        let current = if t.logo_stored_name.is_some() {
            text(lang, "certificates.logo_present")
        } else {
            text(lang, "certificates.logo_absent")
        };
        body.push_str(&format!(
            "<h2>{}</h2><p class=\"note\">{}</p><form method=\"post\" action=\"/admin/sertifikat/logo\" \
             enctype=\"multipart/form-data\"><label for=\"logo\">{}</label><input type=\"file\" id=\"logo\" \
             name=\"logo\" accept=\"image/png,image/jpeg\">{}<p><button type=\"submit\">{}</button></p></form>",
            escape(&text(lang, "certificates.logo")),
            escape(&current),
            escape(&text(lang, "certificates.logo_hint")),
            field_error(form.errors.get("logo").map(String::as_str)),
            escape(&text(lang, "certificates.upload")),
        ));
    }
    // The program codes of the institution's programs.
    let programs: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "select id, title, code from program where organizer_id = $1 order by title, id",
    )
    .bind(institution)
    .fetch_all(db)
    .await
    .map_err(|e| internal("program codes", e))?;
    body.push_str(&format!(
        "<h2>{}</h2><p class=\"note\">{}</p>",
        escape(&text(lang, "certificates.program_codes")),
        escape(&text(lang, "certificates.program_code_hint"))
    ));
    for (id, title, code) in programs {
        let field_name = format!("code_{id}");
        let current = form
            .values
            .get(&field_name)
            .cloned()
            .or(code)
            .unwrap_or_default();
        let error = form
            .errors
            .iter()
            .find(|(k, _)| {
                **k == "program_code" && form.values.get("program_id") == Some(&id.to_string())
            })
            .map(|(_, v)| v.as_str());
        body.push_str(&format!(
            "<form method=\"post\" action=\"/admin/sertifikat/kode-program\">\
             <input type=\"hidden\" name=\"program_id\" value=\"{id}\"><label for=\"code_{id}\">{}</label>\
             <input type=\"text\" id=\"code_{id}\" name=\"code\" value=\"{}\" maxlength=\"16\">{}\
             <button type=\"submit\">{}</button></form>",
            escape(&title),
            escape(&current),
            field_error(error),
            escape(&text(lang, "certificates.save")),
        ));
    }
    body.push_str(&format!(
        "<p><a href=\"/admin\">{}</a></p>",
        escape(&text(lang, "certificates.back_admin"))
    ));
    Ok(html(status, shell(lang, &title, &body, None)))
}

/// `GET /admin/sertifikat/templat`.
async fn template_page(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let form = TemplateForm {
        saved: query.contains_key("tersimpan"),
        ..TemplateForm::default()
    };
    template_form_page(&state, &admin, lang, form, StatusCode::OK).await
}

/// `POST /admin/sertifikat/templat`: saves the template, or shows the form again with a message
/// next to each wrong field.
async fn save_template(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let values = fields(&body);
    let mut errors = HashMap::new();
    let format = field(&values, "number_format");
    if let Err(err) = number::validate(format) {
        errors.insert("number_format", text(lang, err.message_key()));
    }
    for (name, max) in [
        ("signatory_name", 120),
        ("signatory_title", 160),
        ("signing_city", 60),
    ] {
        let v = field(&values, name);
        if v.is_empty() {
            errors.insert(name, text(lang, "certificates.required"));
        } else if v.chars().count() > max {
            errors.insert(name, text(lang, "certificates.too_long"));
        }
    }
    let nip_typed = field(&values, "signatory_nip");
    let nip = if nip_typed.is_empty() {
        None
    } else {
        match crate::model::nip::Nip::parse(nip_typed) {
            Ok(nip) => Some(nip.as_str().to_string()),
            Err(err) => {
                errors.insert("signatory_nip", text(lang, err.message_key()));
                None
            }
        }
    };
    if !errors.is_empty() {
        let form = TemplateForm {
            values,
            errors,
            saved: false,
        };
        return template_form_page(&state, &admin, lang, form, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    super::save_template(
        &state.db,
        admin.scope.0,
        &super::TemplateFields {
            number_format: format,
            signatory_name: field(&values, "signatory_name"),
            signatory_nip: nip.as_deref(),
            signatory_title: field(&values, "signatory_title"),
            signing_city: field(&values, "signing_city"),
        },
        admin.user.id.0,
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("saving a certificate template", e))?;
    Ok(redirect("/admin/sertifikat/templat?tersimpan=1"))
}

/// `POST /admin/sertifikat/logo`: a PNG or JPEG, stored resized as the template's logo.
async fn upload_logo(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let refuse = |key: &str| {
        let mut errors = HashMap::new();
        errors.insert("logo", text(lang, key));
        TemplateForm {
            errors,
            ..TemplateForm::default()
        }
    };
    let upload = match read_upload(multipart, "logo").await {
        Ok(upload) if upload.bytes.len() <= super::LOGO_MAX_BYTES => upload,
        Ok(_) | Err(UploadRefusal::TooLarge) => {
            let form = refuse("certificates.logo_too_large");
            return template_form_page(
                &state,
                &admin,
                lang,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(UploadRefusal::Missing) => {
            let form = refuse("certificates.logo_missing");
            return template_form_page(
                &state,
                &admin,
                lang,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let bytes = upload.bytes;
    let logo = tokio::task::spawn_blocking(move || super::prepare_logo(&bytes))
        .await
        .map_err(|e| internal("logo", e))?;
    let Some(logo) = logo else {
        let form = refuse("certificates.logo_not_picture");
        return template_form_page(&state, &admin, lang, form, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    };
    super::save_logo(
        &state.db,
        &state.storage,
        admin.scope.0,
        &logo,
        admin.user.id.0,
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("saving a logo", e))?;
    Ok(redirect("/admin/sertifikat/templat?tersimpan=1"))
}

/// `POST /admin/sertifikat/kode-program`: the short code of a program the admin's institution
/// organises (`{program_code}` in numbers).
async fn save_program_code(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let values = fields(&body);
    let program: i64 = field(&values, "program_id").parse().unwrap_or(0);
    let organised: Option<(i64,)> =
        sqlx::query_as("select id from program where id = $1 and organizer_id = $2")
            .bind(program)
            .bind(admin.scope.0)
            .fetch_optional(&state.db)
            .await
            .map_err(|e| internal("program code", e))?;
    if organised.is_none() {
        return Err(refusal(
            ErrorKind::NotFound,
            lang,
            "scope.program_not_found",
        ));
    }
    let typed = field(&values, "code");
    let code = if typed.is_empty() {
        None
    } else {
        match number::parse_program_code(typed) {
            Some(code) => Some(code),
            None => {
                let mut values = values.clone();
                values.insert(format!("code_{program}"), typed.to_string());
                let mut errors = HashMap::new();
                errors.insert(
                    "program_code",
                    text(lang, "certificates.program_code_invalid"),
                );
                let form = TemplateForm {
                    values,
                    errors,
                    saved: false,
                };
                return template_form_page(
                    &state,
                    &admin,
                    lang,
                    form,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
    };
    sqlx::query("update program set code = $2 where id = $1")
        .bind(program)
        .bind(code)
        .execute(&state.db)
        .await
        .map_err(|e| internal("saving a program code", e))?;
    Ok(redirect("/admin/sertifikat/templat?tersimpan=1"))
}

// ---------------------------------------------------------------------------------------------
// A cohort's certificates.

/// Rows shown on a cohort's page (a cohort of tens of thousands is issued by the job).
const COHORT_ROWS: i64 = 300;

/// `GET /admin/angkatan/{id}/sertifikat`: passed participants with their certificate (status,
/// number, actions), and the cohort job's progress (refreshing itself while it runs).
async fn cohort_page(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let db = &state.db;
    crate::ssr::scope::require_cohort(db, admin.scope, CohortId(id)).await?;
    let (cohort_name, program_title): (String, String) = sqlx::query_as(
        "select c.name, p.title from cohort c join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(id)
    .fetch_one(db)
    .await
    .map_err(|e| internal("cohort", e))?;
    let (passed,): (i64,) = sqlx::query_as(
        "select count(*) from completion_decision where cohort_id = $1 and passed = 1",
    )
    .bind(id)
    .fetch_one(db)
    .await
    .map_err(|e| internal("passed count", e))?;
    let waiting = job::waiting_count(db, id)
        .await
        .map_err(|e| internal("waiting count", e))?;
    let latest = job::latest(db, id)
        .await
        .map_err(|e| internal("certificate job", e))?;
    let running = latest
        .as_ref()
        .is_some_and(|j| j.status == "queued" || j.status == "running");
    let title = format!(
        "{} \u{2013} {}",
        text(lang, "certificates.cohort_title"),
        cohort_name
    );
    let mut body = format!(
        "<h1>{}</h1><p>{} \u{b7} {}</p>",
        escape(&text(lang, "certificates.cohort_title")),
        escape(&program_title),
        escape(&cohort_name)
    );
    if let Some(key) = query.get("pesan").map(String::as_str) {
        let message = match key {
            "terbit" => Some(("valid", "certificates.issued_ok")),
            "koreksi" => Some(("valid", "certificates.corrected_ok")),
            "cabut" => Some(("valid", "certificates.revoked_ok")),
            "antre" => Some(("valid", "certificates.job_queued")),
            "galat" => query
                .get("kunci")
                .and_then(|k| ERROR_KEYS.iter().find(|e| **e == k.as_str()))
                .map(|k| ("revoked", *k)),
            _ => None,
        };
        if let Some((class, key)) = message {
            body.push_str(&format!(
                "<p class=\"status {class}\" role=\"status\">{}</p>",
                escape(&text(lang, key))
            ));
        }
    }
    body.push_str(&format!(
        "<p data-passed=\"{passed}\" data-waiting=\"{waiting}\">{}</p>",
        escape(&text_with(
            lang,
            "certificates.cohort_counts",
            &[
                ("passed", &passed.to_string()),
                ("waiting", &waiting.to_string())
            ]
        ))
    ));
    if let Some(j) = &latest {
        let status_key = match j.status.as_str() {
            "queued" => "certificates.job_queued_status",
            "running" => "certificates.job_running",
            "done" => "certificates.job_done",
            _ => "certificates.job_failed",
        };
        body.push_str(&format!(
            "<section id=\"pekerjaan\" data-job-status=\"{}\" data-issued=\"{}\" data-total=\"{}\">\
             <h2>{}</h2><p>{}</p><progress max=\"{}\" value=\"{}\"></progress><p>{} / {}</p>{}</section>",
            escape(&j.status),
            j.issued,
            j.total,
            escape(&text(lang, "certificates.job_title")),
            escape(&text(lang, status_key)),
            j.total.max(1),
            j.issued.min(j.total),
            j.issued,
            j.total,
            j.error
                .as_deref()
                .map(|e| format!("<p class=\"error\">{}</p>", escape(e)))
                .unwrap_or_default(),
        ));
    }
    if waiting > 0 && !running {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/admin/angkatan/{id}/sertifikat/semua\">\
             <button type=\"submit\">{}</button></form>",
            escape(&text_with(
                lang,
                "certificates.issue_all",
                &[("count", &waiting.to_string())]
            ))
        ));
    }
    type Row = (
        i64,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "select d.enrolment_id, u.name, k.id, k.number, k.code, k.pdf_bytes \
         from completion_decision d join app_user u on u.id = d.user_id \
         left join certificate k on k.enrolment_id = d.enrolment_id and k.status = 'valid' \
         where d.cohort_id = $1 and d.passed = 1 order by u.name, d.enrolment_id limit $2",
    )
    .bind(id)
    .bind(COHORT_ROWS)
    .fetch_all(db)
    .await
    .map_err(|e| internal("cohort certificates", e))?;
    let row_error = |enrolment: i64| -> String {
        if query.get("baris").and_then(|b| b.parse::<i64>().ok()) == Some(enrolment) {
            if let Some(key) = query
                .get("kunci")
                .and_then(|k| ERROR_KEYS.iter().find(|e| **e == k.as_str()))
            {
                return field_error(Some(&text(lang, key)));
            }
        }
        String::new()
    };
    body.push_str(&format!(
        "<div class=\"scroll\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(&text(lang, "certificates.participant")),
        escape(&text(lang, "certificates.number")),
        escape(&text(lang, "certificates.actions")),
    ));
    for (enrolment, name, cert, number, code, bytes) in rows {
        body.push_str(&format!(
            "<tr data-enrolment=\"{enrolment}\"><td>{}</td>",
            escape(&name)
        ));
        match (cert, number, code) {
            (Some(cert), Some(number), Some(code)) => {
                body.push_str(&format!(
                    "<td>{}<br><a href=\"/sertifikat/{code}\">{}</a> \u{b7} \
                     <a href=\"/sertifikat/unduh/{cert}\">PDF</a>{}</td><td>\
                     <form method=\"post\" action=\"/admin/sertifikat/{cert}/koreksi\">\
                     <label for=\"k{cert}\">{}</label><input type=\"text\" id=\"k{cert}\" name=\"reason\">{}\
                     <button type=\"submit\">{}</button></form>\
                     <form method=\"post\" action=\"/admin/sertifikat/{cert}/cabut\">\
                     <label for=\"c{cert}\">{}</label><input type=\"text\" id=\"c{cert}\" name=\"reason\">\
                     <button type=\"submit\">{}</button></form></td>",
                    escape(&number),
                    escape(&text(lang, "certificates.check_link")),
                    bytes.map(|b| format!(" ({})", size(b))).unwrap_or_default(),
                    escape(&text(lang, "certificates.correct_reason")),
                    row_error(enrolment),
                    escape(&text(lang, "certificates.correct")),
                    escape(&text(lang, "certificates.revoke_reason")),
                    escape(&text(lang, "certificates.revoke")),
                    code = escape(&code),
                ));
            }
            _ => {
                body.push_str(&format!(
                    "<td>\u{2013}</td><td><form method=\"post\" action=\"/admin/angkatan/{id}/sertifikat/terbitkan\">\
                     <input type=\"hidden\" name=\"enrolment_id\" value=\"{enrolment}\">{}\
                     <button type=\"submit\">{}</button></form></td>",
                    row_error(enrolment),
                    escape(&text(lang, "certificates.issue")),
                ));
            }
        }
        body.push_str("</tr>");
    }
    body.push_str("</tbody></table></div>");
    if passed > COHORT_ROWS {
        body.push_str(&format!(
            "<p class=\"note\">{}</p>",
            escape(&text_with(
                lang,
                "certificates.rows_shown",
                &[
                    ("shown", &COHORT_ROWS.to_string()),
                    ("total", &passed.to_string())
                ]
            ))
        ));
    }
    body.push_str(&format!(
        "<p><a href=\"/admin/angkatan/{id}\">{}</a> \u{b7} <a href=\"/admin/sertifikat/templat\">{}</a></p>",
        escape(&text(lang, "certificates.back_cohort")),
        escape(&text(lang, "certificates.template_title")),
    ));
    Ok(html(
        StatusCode::OK,
        shell(lang, &title, &body, running.then_some(3)),
    ))
}

/// Message keys a redirect may name (anything else is ignored).
const ERROR_KEYS: [&str; 7] = [
    "certificates.not_passed",
    "certificates.already_issued",
    "certificates.no_template",
    "certificates.no_program_code",
    "certificates.not_valid",
    "certificates.reason_required",
    "error.internal",
];

fn back_with_error(cohort: i64, row: Option<i64>, err: &IssueError) -> Response {
    if matches!(err, IssueError::Database(_) | IssueError::Storage(_)) {
        tracing::error!(%err, cohort, "certificate");
    }
    let row = row.map(|r| format!("&baris={r}")).unwrap_or_default();
    redirect(&format!(
        "/admin/angkatan/{cohort}/sertifikat?pesan=galat&kunci={}{row}",
        err.message_key()
    ))
}

/// `POST /admin/angkatan/{id}/sertifikat/terbitkan`: issues one participant's certificate.
async fn issue(
    State(state): State<AppState>,
    admin: Admin,
    Origin(address): Origin,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    crate::ssr::scope::require_cohort(&state.db, admin.scope, CohortId(id)).await?;
    let values = fields(&body);
    let enrolment: i64 = field(&values, "enrolment_id").parse().unwrap_or(0);
    let in_cohort: Option<(i64,)> =
        sqlx::query_as("select id from enrolment where id = $1 and cohort_id = $2")
            .bind(enrolment)
            .bind(id)
            .fetch_optional(&state.db)
            .await
            .map_err(|e| internal("enrolment", e))?;
    if in_cohort.is_none() {
        return Ok(back_with_error(id, None, &IssueError::NotPassed));
    }
    let actor = Actor::new(&admin.user, address);
    let mut tries = 0;
    loop {
        match super::issue_one(
            &state.db,
            &state.storage,
            &state.settings.public_url,
            enrolment,
            admin.user.id.0,
            state.clock.now(),
            Some(&actor),
        )
        .await
        {
            Ok(_) => {
                return Ok(redirect(&format!(
                    "/admin/angkatan/{id}/sertifikat?pesan=terbit"
                )))
            }
            // A busy database (many issuing at once) is worth another try.
            Err(IssueError::Database(err)) if is_transient(&err) && tries < 5 => tries += 1,
            Err(err) => return Ok(back_with_error(id, Some(enrolment), &err)),
        }
    }
}

/// `POST /admin/angkatan/{id}/sertifikat/semua`: queues the job that issues every passed
/// participant's certificate.
async fn issue_all(
    State(state): State<AppState>,
    Extension(context): Extension<Certificates>,
    admin: Admin,
    Origin(address): Origin,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    crate::ssr::scope::require_cohort(&state.db, admin.scope, CohortId(id)).await?;
    let actor = Actor::new(&admin.user, address);
    job::start(&state.db, id, &actor, state.clock.now())
        .await
        .map_err(|e| internal("certificate job", e))?;
    context.wake.notify_one();
    Ok(redirect(&format!(
        "/admin/angkatan/{id}/sertifikat?pesan=antre#pekerjaan"
    )))
}

/// The certificate `id` if the admin's scope holds its cohort.
async fn in_scope(
    state: &AppState,
    admin: &Admin,
    id: i64,
    lang: Lang,
) -> Result<super::Stored, AppError> {
    let cert = super::by_id(&state.db, id)
        .await
        .map_err(|e| internal("certificate", e))?
        .ok_or_else(|| not_found(lang))?;
    if !crate::ssr::scope::cohort_in_scope(&state.db, admin.scope, CohortId(cert.cohort_id))
        .await
        .map_err(|e| internal("certificate scope", e))?
    {
        return Err(not_found(lang));
    }
    Ok(cert)
}

/// `POST /admin/sertifikat/{id}/koreksi`: a new version from the facts as they are now, the old
/// one revoked with the reason given.
async fn correct(
    State(state): State<AppState>,
    admin: Admin,
    Origin(address): Origin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let cert = in_scope(&state, &admin, id, lang).await?;
    let values = fields(&body);
    let reason = field(&values, "reason");
    let enrolment: i64 =
        sqlx::query_as::<_, (i64,)>("select enrolment_id from certificate where id = $1")
            .bind(id)
            .fetch_one(&state.db)
            .await
            .map_err(|e| internal("certificate", e))?
            .0;
    if reason.is_empty() || reason.chars().count() > 500 {
        return Ok(redirect(&format!(
            "/admin/angkatan/{}/sertifikat?pesan=galat&kunci=certificates.reason_required&baris={enrolment}",
            cert.cohort_id
        )));
    }
    match super::correct(
        &state.db,
        &state.storage,
        &state.settings.public_url,
        id,
        reason,
        &Actor::new(&admin.user, address),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/admin/angkatan/{}/sertifikat?pesan=koreksi",
            cert.cohort_id
        ))),
        Err(err) => Ok(back_with_error(cert.cohort_id, Some(enrolment), &err)),
    }
}

/// `POST /admin/sertifikat/{id}/cabut`: revokes the certificate with the reason given.
async fn revoke(
    State(state): State<AppState>,
    admin: Admin,
    Origin(address): Origin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_of(&state, &headers);
    let cert = in_scope(&state, &admin, id, lang).await?;
    let values = fields(&body);
    let reason = field(&values, "reason");
    let enrolment: i64 =
        sqlx::query_as::<_, (i64,)>("select enrolment_id from certificate where id = $1")
            .bind(id)
            .fetch_one(&state.db)
            .await
            .map_err(|e| internal("certificate", e))?
            .0;
    if reason.is_empty() || reason.chars().count() > 500 {
        return Ok(redirect(&format!(
            "/admin/angkatan/{}/sertifikat?pesan=galat&kunci=certificates.reason_required&baris={enrolment}",
            cert.cohort_id
        )));
    }
    let actor = Actor::new(&admin.user, address);
    match super::revoke(&state.db, id, reason, &actor, state.clock.now()).await {
        Ok(()) => Ok(redirect(&format!(
            "/admin/angkatan/{}/sertifikat?pesan=cabut",
            cert.cohort_id
        ))),
        Err(err) => Ok(back_with_error(cert.cohort_id, Some(enrolment), &err)),
    }
}
