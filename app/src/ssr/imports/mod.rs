//! Bulk enrolment by CSV, server side: reading and validating the file (`parse`), what the
//! database already knows (`context`), applying rows in resumable chunks (`apply`), and the job
//! rows, template and report the pages and handlers use; the upload and download routes (`http`)
//! and the background worker that runs the jobs (`worker`).

pub mod apply;
pub mod context;
pub mod http;
pub mod parse;
pub mod worker;

use crate::i18n::text;
use crate::model::imports::{ImportRowError, ImportStatus, ImportSummary};
use crate::model::Lang;
use crate::ssr::csv::{self, Cell};
use crate::ssr::db::{Backend, Db};

/// Largest file accepted (about 150,000 rows).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Row errors shown on the job page (the report has all of them).
pub const ERRORS_SHOWN: i64 = 100;

/// Imports listed on the upload page.
pub const JOBS_LISTED: i64 = 20;

type JobRow = (
    i64,
    crate::model::codes::ImportJobStatus,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    Option<String>,
    i64,
    String,
    i64,
    Option<i64>,
);

const JOB_COLUMNS: &str = "j.id, j.status, j.total_rows, j.processed_rows, j.created_accounts, \
    j.enrolled, j.unchanged, j.error_rows, j.message, j.cohort_id, j.file_name, j.created_at, \
    j.finished_at";

fn summary(
    (
        id,
        status,
        total,
        processed,
        created,
        enrolled,
        unchanged,
        errors,
        message,
        cohort_id,
        file_name,
        created_at,
        finished_at,
    ): JobRow,
) -> ImportSummary {
    ImportSummary {
        progress: ImportStatus {
            id: crate::model::ids::ImportJobId(id),
            status,
            total_rows: total,
            processed_rows: processed,
            created_accounts: created,
            enrolled,
            unchanged,
            error_rows: errors,
            message,
        },
        cohort_id: crate::model::ids::CohortId(cohort_id),
        file_name,
        created_at,
        finished_at,
    }
}

/// One job, if it exists.
pub async fn job(db: &Db, job_id: i64) -> Result<Option<ImportSummary>, sqlx::Error> {
    let row: Option<JobRow> = sqlx::query_as(&format!(
        "select {JOB_COLUMNS} from import_job j where j.id = $1"
    ))
    .bind(job_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(summary))
}

/// The latest imports into a cohort, newest first.
pub async fn jobs_of_cohort(db: &Db, cohort_id: i64) -> Result<Vec<ImportSummary>, sqlx::Error> {
    let rows: Vec<JobRow> = sqlx::query_as(&format!(
        "select {JOB_COLUMNS} from import_job j where j.cohort_id = $1 order by j.id desc limit {JOBS_LISTED}"
    ))
    .bind(cohort_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The first `limit` row errors of a job (all when `None`), in line order.
pub async fn row_errors(
    db: &Db,
    job_id: i64,
    limit: Option<i64>,
) -> Result<Vec<ImportRowError>, sqlx::Error> {
    let limit = limit.map(|n| format!(" limit {n}")).unwrap_or_default();
    let rows: Vec<(i64, String, String)> = sqlx::query_as(&format!(
        "select row_number, field, message from import_row_error where job_id = $1 \
         order by row_number, field{limit}"
    ))
    .bind(job_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(line, field, message)| ImportRowError {
            line,
            field,
            message,
        })
        .collect())
}

/// The cohort's name, its program's title, quota and seats taken.
pub async fn cohort_heading(
    db: &Db,
    cohort_id: i64,
) -> Result<Option<(String, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select c.name, p.title, c.quota, c.seats_taken from cohort c \
         join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(cohort_id)
    .fetch_optional(db)
    .await
}

/// Adds a queued job and returns its id.
pub async fn insert_job<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    cohort_id: i64,
    created_by: i64,
    file_name: &str,
    file_sha256: &str,
    lang: Lang,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into import_job (cohort_id, created_by, file_name, file_sha256, status, lang, created_at) \
         values ($1, $2, $3, $4, 'queued', $5, $6) returning id",
    )
    .bind(cohort_id)
    .bind(created_by)
    .bind(file_name)
    .bind(file_sha256)
    .bind(lang.code())
    .bind(now)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

/// Claims the oldest job that is waiting (`queued`) or was left `running` with no live lease
/// (its worker crashed or lost the database for longer than the lease): writes `owner` and an
/// expiry `lease_secs` from `now` in one conditional update, so that of workers racing for a job
/// exactly one gets it. On PostgreSQL the candidate row is locked `for update skip locked`, so a
/// racing worker takes the next job instead of waiting. Returns the claimed job's id.
pub async fn claim_job(
    db: &Db,
    backend: Backend,
    owner: &str,
    now: i64,
    lease_secs: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let claimable = "status in ('queued', 'running') \
                     and (lease_expires_at is null or lease_expires_at <= $2)";
    let lock = match backend {
        Backend::Postgres => " for update skip locked",
        Backend::Sqlite => "",
    };
    sqlx::query_scalar::<_, i64>(&format!(
        "update import_job set lease_owner = $1, lease_expires_at = $2 + $3, claims = claims + 1 \
         where id = (select id from import_job where {claimable} order by id limit 1{lock}) \
         and {claimable} returning id"
    ))
    .bind(owner)
    .bind(now)
    .bind(lease_secs)
    .fetch_optional(db)
    .await
}

/// Moves the expiry of `owner`'s lease on job `job_id` to `lease_secs` from `now`. False when the
/// lease is no longer theirs (another worker took the job after it ran out) or the job has ended.
pub async fn renew_lease(
    db: &Db,
    job_id: i64,
    owner: &str,
    now: i64,
    lease_secs: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update import_job set lease_expires_at = $3 + $4 \
         where id = $1 and lease_owner = $2 and status in ('queued', 'running')",
    )
    .bind(job_id)
    .bind(owner)
    .bind(now)
    .bind(lease_secs)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The template: the columns and one example row.
pub fn template_csv() -> Vec<u8> {
    let example = [
        "Sri Wahyuni, S.Pd.",
        "sri.wahyuni@contoh.sch.id",
        "198609262015052001",
        "1234567890123456",
        "III/b",
        "20300001",
        "SMP Negeri 1 Contoh",
        "SMP",
        "IPA",
        "33.01",
        "081234567890",
        "guru",
        "Guru Ahli Muda",
        "Sleman",
        "1986-09-26",
    ];
    csv::write(&[
        parse::COLUMNS
            .iter()
            .map(|c| Cell::text(*c))
            .collect::<Vec<_>>(),
        example.iter().map(|c| Cell::text(*c)).collect(),
    ])
}

/// The report of a job: a summary (a label and a value a line), then every row error.
pub fn report_csv(
    job: &ImportSummary,
    cohort_name: &str,
    errors: &[ImportRowError],
    lang: Lang,
) -> Vec<u8> {
    let p = &job.progress;
    let line = |key: &str, value: Cell| vec![Cell::text(text(lang, key)), value];
    let mut records = vec![
        line("import.report_file", Cell::text(job.file_name.as_str())),
        line("import.report_cohort", Cell::text(cohort_name)),
        line(
            "import.report_status",
            Cell::text(text(lang, &format!("import.status_{}", p.status))),
        ),
        line("import.total_rows", Cell::int(p.total_rows)),
        line("import.processed_rows", Cell::int(p.processed_rows)),
        line("import.created_accounts", Cell::int(p.created_accounts)),
        line("import.enrolled", Cell::int(p.enrolled)),
        line("import.unchanged", Cell::int(p.unchanged)),
        line("import.error_rows", Cell::int(p.error_rows)),
    ];
    if let Some(message) = &p.message {
        records.push(line("import.report_message", Cell::text(message.as_str())));
    }
    records.push(vec![
        Cell::text(text(lang, "import.col_line")),
        Cell::text(text(lang, "import.col_field")),
        Cell::text(text(lang, "import.col_message")),
    ]);
    for e in errors {
        records.push(vec![
            Cell::int(e.line),
            Cell::text(e.field.as_str()),
            Cell::text(e.message.as_str()),
        ]);
    }
    csv::write(&records)
}
