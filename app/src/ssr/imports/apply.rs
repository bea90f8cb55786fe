//! The database pass of an import: rows are applied in chunks, one transaction each, and each
//! transaction also moves the job's counters, so a crash resumes at the first uncommitted row.

use super::context::{Action, Context, Planned};
use super::parse::{self, ValidRow};
use crate::i18n::text;
use crate::model::Lang;
use crate::ssr::db::{is_unique_violation, now_unix, Db};
use crate::ssr::storage::{Area, Storage};
use std::collections::HashMap;

/// Rows per transaction.
pub const CHUNK_ROWS: usize = 1000;

/// How to run a job (tests stop it part-way to play a crash).
#[derive(Clone, Copy, Debug)]
pub struct RunOptions {
    pub chunk_rows: usize,
    /// Return after this many committed chunks, leaving the job `running` (a crash, for tests).
    pub stop_after_chunks: Option<usize>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            chunk_rows: CHUNK_ROWS,
            stop_after_chunks: None,
        }
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunEnd {
    Done,
    Failed(String),
    /// Stopped by `stop_after_chunks`.
    Stopped,
    /// The job is not there, or not queued/running.
    Skipped,
}

/// Runs (or resumes) job `job_id`, whose file is `file`.
pub async fn run_job(
    db: &Db,
    storage: &Storage,
    job_id: i64,
    options: RunOptions,
) -> Result<RunEnd, sqlx::Error> {
    let job: Option<(i64, i64, String, i64, String)> = sqlx::query_as(
        "select cohort_id, created_by, status, processed_rows, lang from import_job where id = $1",
    )
    .bind(job_id)
    .fetch_optional(db)
    .await?;
    let Some((cohort_id, admin, status, processed, lang)) = job else {
        return Ok(RunEnd::Skipped);
    };
    if status != "queued" && status != "running" {
        return Ok(RunEnd::Skipped);
    }
    let lang = Lang::from_code(&lang).unwrap_or_default();
    sqlx::query(
        "update import_job set status = 'running', started_at = coalesce(started_at, $2) where id = $1",
    )
    .bind(job_id)
    .bind(now_unix())
    .execute(db)
    .await?;

    let name = super::worker::job_file_name(job_id);
    let bytes = match storage.read(Area::Imports, &name).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(%err, job = job_id, "import file unreadable");
            return fail(db, job_id, text(lang, "import.file_missing")).await;
        }
    };
    let parsed = tokio::task::spawn_blocking(move || {
        parse::decode(&bytes, lang).and_then(|content| parse::parse(content, lang))
    })
    .await
    .unwrap_or_else(|_| Err(parse::FileError(text(lang, "import.unreadable"))));
    let rows = match parsed {
        Ok(rows) => rows,
        Err(parse::FileError(message)) => return fail(db, job_id, message).await,
    };
    if rows.is_empty() {
        return fail(db, job_id, text(lang, "import.empty")).await;
    }
    sqlx::query("update import_job set total_rows = $2 where id = $1")
        .bind(job_id)
        .bind(rows.len() as i64)
        .execute(db)
        .await?;

    let Some(mut context) = Context::load(db, cohort_id, admin).await? else {
        return fail(db, job_id, text(lang, "import.cohort_gone")).await;
    };
    let chunk_rows = options.chunk_rows.max(1);
    let mut start = usize::try_from(processed).unwrap_or(0).min(rows.len());
    let mut chunks = 0;
    while start < rows.len() {
        let end = (start + chunk_rows).min(rows.len());
        let chunk = &rows[start..end];
        let mut attempt = 0;
        loop {
            let plan = context.plan(chunk, lang);
            match apply_chunk(db, job_id, cohort_id, admin, start, end, &plan, lang).await {
                Ok(Some((seated, created))) => {
                    context.commit(&plan, &seated, &created);
                    crate::ssr::mail::wake_worker();
                    break;
                }
                // Another worker moved the job on: leave it to them.
                Ok(None) => return Ok(RunEnd::Skipped),
                // An account was created meanwhile (a sign-up): look again and replan.
                Err(err) if is_unique_violation(&err) && attempt < 2 => {
                    attempt += 1;
                    context = match Context::load(db, cohort_id, admin).await? {
                        Some(c) => c,
                        None => return fail(db, job_id, text(lang, "import.cohort_gone")).await,
                    };
                }
                Err(err) => return Err(err),
            }
        }
        start = end;
        chunks += 1;
        if options.stop_after_chunks == Some(chunks) && start < rows.len() {
            return Ok(RunEnd::Stopped);
        }
    }
    let mut tx = db.begin().await?;
    sqlx::query("update import_job set status = 'done', finished_at = $2 where id = $1")
        .bind(job_id)
        .bind(now_unix())
        .execute(&mut *tx)
        .await?;
    record_applied(&mut tx, job_id, cohort_id, lang).await?;
    tx.commit().await?;
    Ok(RunEnd::Done)
}

/// Records in the audit log that job `job_id` was applied to its end, in the name of the admin
/// who started it (from where they started it), with what it did.
async fn record_applied(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    job_id: i64,
    cohort_id: i64,
    lang: Lang,
) -> Result<(), sqlx::Error> {
    use crate::model::audit::{AuditAction, AuditSubject};
    use crate::ssr::audit::{record, Actor, Entry, Scope};
    let started = AuditAction::ImportStart;
    let Some(actor) = Actor::of_entry(tx, started, AuditSubject::ImportJob, job_id).await? else {
        // A job queued before the audit log existed.
        return Ok(());
    };
    let (file, total, created, enrolled, unchanged, errors): (String, i64, i64, i64, i64, i64) =
        sqlx::query_as(
            "select file_name, total_rows, created_accounts, enrolled, unchanged, error_rows \
             from import_job where id = $1",
        )
        .bind(job_id)
        .fetch_one(&mut **tx)
        .await?;
    let counts = crate::i18n::text_with(
        lang,
        "audit.import_counts",
        &[
            ("total", &total.to_string()),
            ("created", &created.to_string()),
            ("enrolled", &enrolled.to_string()),
            ("unchanged", &unchanged.to_string()),
            ("errors", &errors.to_string()),
        ],
    );
    let summary = format!("{file} · {counts}");
    let entry = Entry::new(
        AuditAction::ImportApply,
        AuditSubject::ImportJob,
        job_id,
        summary,
        Scope::Cohort(cohort_id),
    );
    record(tx, &actor, entry.change(None, "done"), now_unix()).await
}

/// Marks the job failed with `message`.
pub async fn fail(db: &Db, job_id: i64, message: String) -> Result<RunEnd, sqlx::Error> {
    sqlx::query(
        "update import_job set status = 'failed', message = $2, finished_at = $3 where id = $1",
    )
    .bind(job_id)
    .bind(&message)
    .bind(now_unix())
    .execute(db)
    .await?;
    Ok(RunEnd::Failed(message))
}

/// `(…), (…)` for `rows` rows shaped like `template`, where each `?` becomes the next `$n`
/// placeholder (numbered from 1) and anything else is copied as is (trusted SQL literals only).
fn values(rows: usize, template: &[&str]) -> String {
    let mut sql = String::with_capacity(rows * template.len() * 6);
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for (c, item) in template.iter().enumerate() {
            if c > 0 {
                sql.push(',');
            }
            if *item == "?" {
                n += 1;
                sql.push('$');
                sql.push_str(&n.to_string());
            } else {
                sql.push_str(item);
            }
        }
        sql.push(')');
    }
    sql
}

/// What a committed chunk did: which rows got their seat, and the ids of new accounts by the
/// line of the row that made them.
type Applied = (Vec<bool>, HashMap<i64, i64>);

/// Applies one planned chunk in one transaction. `Ok(None)` if the job had moved on.
#[expect(
    clippy::too_many_arguments,
    reason = "the job, its cohort and admin, the row range, the plan and the report language are what one chunk's transaction needs; its only caller passes its own locals"
)]
async fn apply_chunk(
    db: &Db,
    job_id: i64,
    cohort_id: i64,
    admin: i64,
    start: usize,
    end: usize,
    plan: &[Planned],
    lang: Lang,
) -> Result<Option<Applied>, sqlx::Error> {
    let now = now_unix();
    let mut tx = db.begin().await?;
    // The first statement writes, so SQLite takes its write lock now (no SQLITE_BUSY later).
    let moved = sqlx::query(
        "update import_job set processed_rows = $2 where id = $1 and processed_rows = $3 \
         and status = 'running'",
    )
    .bind(job_id)
    .bind(end as i64)
    .bind(start as i64)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(None);
    }

    // Seats first: a row that gets none creates nothing.
    let granted = take_seats(&mut tx, cohort_id, plan).await?;

    let mut errors: Vec<(i64, &str, String)> = Vec::new();
    let mut error_lines = std::collections::BTreeSet::new();
    let (mut created, mut enrolled, mut unchanged) = (0i64, 0i64, 0i64);
    let mut new_users: Vec<&Planned> = Vec::new();
    let mut invitations: Vec<i64> = Vec::new();
    for (p, seat) in plan.iter().zip(&granted) {
        match (&p.action, seat) {
            (Action::Invalid(list), _) => {
                error_lines.insert(p.line);
                errors.extend(list.iter().map(|e| (p.line, e.field, e.message.clone())));
            }
            (Action::Unchanged, _) => unchanged += 1,
            // Rows that enrol nobody say why; an invitation reads the same whoever the account is.
            (Action::Kept(key), _) => {
                error_lines.insert(p.line);
                errors.push((p.line, "baris", text(lang, key)));
            }
            (Action::Invite(user), _) => {
                error_lines.insert(p.line);
                errors.push((p.line, "baris", text(lang, "import.invited")));
                if let Some(user) = user {
                    invitations.push(*user);
                }
            }
            (_, Err(key)) => {
                error_lines.insert(p.line);
                errors.push((p.line, "baris", text(lang, key)));
            }
            (Action::Create, Ok(())) => new_users.push(p),
            _ => {}
        }
    }

    // New accounts, then their profiles.
    let mut new_ids: HashMap<i64, i64> = HashMap::new();
    for part in new_users.chunks(500) {
        let at = now.to_string();
        insert_accounts(&mut tx, part, &at, &mut new_ids).await?;
        created += part.len() as i64;
        let sql = format!(
            "insert into participant_profile (user_id, nuptk, rank, school_npsn, school_name, \
             subject, school_level, region_code, phone, category, position, birth_place, \
             birth_date, updated_at) values {}",
            values(
                part.len(),
                &["?", "?", "?", "?", "?", "?", "?", "?", "?", "?", "?", "?", "?", &at]
            )
        );
        let mut query = sqlx::query(&sql);
        for p in part {
            let row = p.row.as_ref().expect("planned creations carry their row");
            query = query
                .bind(new_ids.get(&p.line).copied())
                .bind(row.nuptk.as_deref())
                .bind(row.rank)
                .bind(row.npsn.as_deref())
                .bind(row.school_name.as_deref())
                .bind(row.subject.as_deref())
                .bind(row.school_level)
                .bind(row.region_code.as_deref())
                .bind(row.phone.as_deref())
                .bind(row.category)
                .bind(row.position.as_deref())
                .bind(row.birth_place.as_deref())
                .bind(row.birth_date.as_deref());
        }
        query.execute(&mut *tx).await?;
    }
    // Each new account's activation code, e-mailed where the row has an address.
    let fresh: Vec<(i64, &str, Option<&str>)> = new_users
        .iter()
        .filter_map(|p| {
            let row = p.row.as_ref()?;
            Some((
                *new_ids.get(&p.line)?,
                row.name.as_str(),
                row.email.as_deref(),
            ))
        })
        .collect();
    crate::ssr::activation::issue_for_new_accounts(&mut tx, &fresh, now).await?;

    // Enrolments: new ones in bulk, earlier decisions turned into approvals one by one.
    let mut inserts: Vec<(i64, &Planned)> = Vec::new();
    let mut changed_meanwhile = std::collections::BTreeSet::new();
    for (p, seat) in plan.iter().zip(&granted) {
        if seat.is_err() {
            continue;
        }
        match &p.action {
            Action::Create => {
                if let Some(id) = new_ids.get(&p.line) {
                    inserts.push((*id, p));
                }
            }
            Action::Enrol(user) => inserts.push((*user, p)),
            Action::Approve(user) | Action::ApproveWithSeat(user) => {
                // Only from the status the plan saw: a withdrawal or rejection made while the
                // import ran is never overridden.
                let from = if matches!(p.action, Action::Approve(_)) {
                    "applied"
                } else {
                    "waitlisted"
                };
                let done = sqlx::query(
                    "update enrolment set status = 'approved', reason = null, import_job_id = $3, \
                     partner_agreement_id = coalesce(partner_agreement_id, $4), \
                     partner_institution_id = coalesce(partner_institution_id, $5), \
                     decided_by = $6, decided_at = $7 where cohort_id = $1 and user_id = $2 \
                     and status = $8",
                )
                .bind(cohort_id)
                .bind(*user)
                .bind(job_id)
                .bind(p.partner.map(|(a, _)| a))
                .bind(p.partner.map(|(_, i)| i))
                .bind(admin)
                .bind(now)
                .bind(from)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done == 1 {
                    enrolled += 1;
                } else {
                    if p.action.needs_seat() {
                        add_cohort_seats(&mut tx, cohort_id, -1).await?;
                        if let Some(partner) = p.partner {
                            add_partner_seats(&mut tx, partner, -1).await?;
                        }
                    }
                    changed_meanwhile.insert(p.line);
                    error_lines.insert(p.line);
                    errors.push((p.line, "baris", text(lang, "import.changed_meanwhile")));
                }
            }
            Action::Invalid(_) | Action::Unchanged | Action::Kept(_) | Action::Invite(_) => {}
        }
    }
    // Claims the file confirms: the school becomes the account's verified institution.
    for (p, seat) in plan.iter().zip(&granted) {
        if changed_meanwhile.contains(&p.line) {
            continue;
        }
        if let (Some((user, school)), Ok(())) = (p.confirm_school, seat) {
            sqlx::query(
                "update app_user set institution_id = $1, updated_at = $2 \
                 where id = $3 and role = 'participant'",
            )
            .bind(school)
            .bind(now)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        }
    }
    let (cohort, job, by, at) = (
        cohort_id.to_string(),
        job_id.to_string(),
        admin.to_string(),
        now.to_string(),
    );
    for part in inserts.chunks(1000) {
        let sql = format!(
            "insert into enrolment (cohort_id, user_id, status, source, partner_agreement_id, \
             partner_institution_id, import_job_id, decided_by, decided_at, created_at) values {}",
            values(
                part.len(),
                &[
                    &cohort,
                    "?",
                    "'approved'",
                    "'import'",
                    "?",
                    "?",
                    &job,
                    &by,
                    &at,
                    &at
                ]
            )
        );
        let mut query = sqlx::query(&sql);
        for (user, p) in part {
            query = query
                .bind(*user)
                .bind(p.partner.map(|(a, _)| a))
                .bind(p.partner.map(|(_, i)| i));
        }
        query.execute(&mut *tx).await?;
        enrolled += part.len() as i64;
    }

    // Invitations: one per person and cohort; an earlier one (even declined) is left as it is.
    for part in invitations.chunks(1000) {
        let sql = format!(
            "insert into cohort_invitation (cohort_id, user_id, status, invited_by, import_job_id, \
             created_at) values {} on conflict (cohort_id, user_id) do nothing",
            values(
                part.len(),
                &[&cohort, "?", "'pending'", &by, &job, &at]
            )
        );
        let mut query = sqlx::query(&sql);
        for user in part {
            query = query.bind(*user);
        }
        query.execute(&mut *tx).await?;
    }

    for part in errors.chunks(1000) {
        let sql = format!(
            "insert into import_row_error (job_id, row_number, field, message) values {}",
            values(part.len(), &[&job, "?", "?", "?"])
        );
        let mut query = sqlx::query(&sql);
        for (line, field, message) in part {
            query = query.bind(*line).bind(*field).bind(message.as_str());
        }
        query.execute(&mut *tx).await?;
    }

    sqlx::query(
        "update import_job set created_accounts = created_accounts + $2, enrolled = enrolled + $3, \
         unchanged = unchanged + $4, error_rows = error_rows + $5 where id = $1",
    )
    .bind(job_id)
    .bind(created)
    .bind(enrolled)
    .bind(unchanged)
    .bind(error_lines.len() as i64)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let seated = plan
        .iter()
        .zip(&granted)
        .map(|(p, seat)| seat.is_ok() && !changed_meanwhile.contains(&p.line))
        .collect();
    Ok(Some((seated, new_ids)))
}

/// Creates the accounts of `part` (planned creations) and records each new id under its row's
/// line. Rows with an e-mail or a NIP go in one statement, and come back by that unique key; a row
/// with only a NUPTK (which lives on the profile) has nothing to be known by, so it goes alone.
async fn insert_accounts(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    part: &[&Planned],
    at: &str,
    new_ids: &mut HashMap<i64, i64>,
) -> Result<(), sqlx::Error> {
    let rows: Vec<(i64, &ValidRow, Option<i64>)> = part
        .iter()
        .filter_map(|p| p.row.as_ref().map(|row| (p.line, row, p.institution_id)))
        .collect();
    let (keyed, alone): (Vec<_>, Vec<_>) = rows
        .iter()
        .partition(|(_, row, _)| unique_key(row.email.as_deref(), row.nip.as_deref()).is_some());
    let columns = "insert into app_user (name, email, password_hash, role, nip, institution_id, \
                   session_epoch, created_at, updated_at) values";
    let template = ["?", "?", "''", "'participant'", "?", "?", "0", at, at];
    if !keyed.is_empty() {
        let sql = format!(
            "{columns} {} returning id, email, nip",
            values(keyed.len(), &template)
        );
        let mut query = sqlx::query_as::<_, (i64, Option<String>, Option<String>)>(&sql);
        let mut lines: HashMap<String, i64> = HashMap::new();
        for (line, row, institution) in &keyed {
            if let Some(key) = unique_key(row.email.as_deref(), row.nip.as_deref()) {
                lines.insert(key, *line);
            }
            query = query
                .bind(&row.name)
                .bind(row.email.as_deref())
                .bind(row.nip.as_deref())
                .bind(*institution);
        }
        for (id, email, nip) in query.fetch_all(&mut **tx).await? {
            let line = unique_key(email.as_deref(), nip.as_deref()).and_then(|k| lines.get(&k));
            if let Some(line) = line {
                new_ids.insert(*line, id);
            }
        }
    }
    for (line, row, institution) in alone {
        let sql = format!("{columns} {} returning id", values(1, &template));
        let (id,): (i64,) = sqlx::query_as(&sql)
            .bind(&row.name)
            .bind(row.email.as_deref())
            .bind(row.nip.as_deref())
            .bind(institution)
            .fetch_one(&mut **tx)
            .await?;
        new_ids.insert(line, id);
    }
    Ok(())
}

/// What a new account is known by among the rows of one statement: its e-mail, else its NIP
/// (both unique).
fn unique_key(email: Option<&str>, nip: Option<&str>) -> Option<String> {
    match (email, nip) {
        (Some(email), _) => Some(format!("e:{email}")),
        (None, Some(nip)) => Some(format!("n:{nip}")),
        (None, None) => None,
    }
}

/// Takes a seat (in the cohort, and in the partner's quota where one applies) for every planned
/// row that needs one: in bulk when everything fits, row by row when the cohort fills up. Each
/// row gets `Ok(())` or the locale key of why it got no seat.
async fn take_seats(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    cohort_id: i64,
    plan: &[Planned],
) -> Result<Vec<Result<(), &'static str>>, sqlx::Error> {
    let needs: Vec<bool> = plan.iter().map(|p| p.action.needs_seat()).collect();
    let total = needs.iter().filter(|n| **n).count() as i64;
    let mut outcome: Vec<Result<(), &'static str>> = vec![Ok(()); plan.len()];
    if total == 0 {
        return Ok(outcome);
    }
    // Fast path: everything at once.
    let mut per_partner: std::collections::BTreeMap<(i64, i64), i64> = Default::default();
    for (p, need) in plan.iter().zip(&needs) {
        if let (true, Some(partner)) = (*need, p.partner) {
            *per_partner.entry(partner).or_default() += 1;
        }
    }
    let mut taken: Vec<((i64, i64), i64)> = Vec::new();
    let mut all = true;
    for (partner, count) in &per_partner {
        if add_partner_seats(tx, *partner, *count).await? {
            taken.push((*partner, *count));
        } else {
            all = false;
            break;
        }
    }
    if all && add_cohort_seats(tx, cohort_id, total).await? {
        return Ok(outcome);
    }
    for (partner, count) in taken {
        add_partner_seats(tx, partner, -count).await?;
    }
    // Slow path: row by row, in file order.
    let mut cohort_full = false;
    for (i, p) in plan.iter().enumerate() {
        if !needs[i] {
            continue;
        }
        if cohort_full {
            outcome[i] = Err("import.cohort_full");
            continue;
        }
        if let Some(partner) = p.partner {
            if !add_partner_seats(tx, partner, 1).await? {
                outcome[i] = Err("import.partner_full");
                continue;
            }
        }
        if !add_cohort_seats(tx, cohort_id, 1).await? {
            if let Some(partner) = p.partner {
                add_partner_seats(tx, partner, -1).await?;
            }
            cohort_full = true;
            outcome[i] = Err("import.cohort_full");
        }
    }
    Ok(outcome)
}

/// `update … where seats_taken + n <= quota`: whether the seats were taken (`n < 0` gives back).
async fn add_cohort_seats(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    cohort_id: i64,
    n: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update cohort set seats_taken = seats_taken + $2 where id = $1 and seats_taken + $2 <= quota",
    )
    .bind(cohort_id)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn add_partner_seats(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    (agreement, institution): (i64, i64),
    n: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update agreement_partner set seats_taken = seats_taken + $3 \
         where agreement_id = $1 and institution_id = $2 and seats_taken + $3 <= quota",
    )
    .bind(agreement)
    .bind(institution)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
