//! Seats of a cohort: applying, waitlisting, freeing a seat and promoting the first waitlisted.
//!
//! `cohort.seats_taken` and `agreement_partner.seats_taken` change only through conditional
//! updates, and every write transaction starts with a write, so the quota holds however many
//! registrations arrive at once, on SQLite (one writer, no SQLITE_BUSY upgrade) and PostgreSQL
//! (row locks, `where` re-checked after the wait).

use crate::ssr::db::Db;
use sqlx::Any;

/// A cooperation-agreement partner whose quota a participant's seat counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partner {
    pub agreement_id: i64,
    pub institution_id: i64,
}

/// A new enrolment row.
struct NewEnrolment<'a> {
    cohort: i64,
    user: i64,
    status: &'a str,
    /// `application` or `import`.
    source: &'a str,
    partner: Option<Partner>,
    /// Who decided it (if anyone: an invitation's sender) and when, for one placed at once.
    decided: Option<(Option<i64>, i64)>,
    created_at: i64,
}

/// Inserts `e`; a second enrolment of the same person in the cohort is a unique violation.
async fn insert_enrolment(
    tx: &mut sqlx::Transaction<'_, Any>,
    e: &NewEnrolment<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into enrolment (cohort_id, user_id, status, source, partner_agreement_id, \
         partner_institution_id, decided_by, decided_at, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.cohort)
    .bind(e.user)
    .bind(e.status)
    .bind(e.source)
    .bind(e.partner.map(|p| p.agreement_id))
    .bind(e.partner.map(|p| p.institution_id))
    .bind(e.decided.and_then(|(by, _)| by))
    .bind(e.decided.map(|(_, at)| at))
    .bind(e.created_at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// What happened to an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placed {
    /// A seat was free: the application holds it.
    Applied,
    /// No seat: the application waits.
    Waitlisted,
    /// The participant already has a live application in this cohort (a concurrent double post).
    Duplicate,
}

/// Takes a partner seat (if any) and a cohort seat; `false` if either is full. Must be the first
/// statements of the transaction.
async fn take_seat(
    tx: &mut sqlx::Transaction<'_, Any>,
    cohort: i64,
    partner: Option<Partner>,
) -> Result<bool, sqlx::Error> {
    if let Some(p) = partner {
        let taken = sqlx::query(
            "update agreement_partner set seats_taken = seats_taken + 1 \
             where agreement_id = $1 and institution_id = $2 and seats_taken < quota",
        )
        .bind(p.agreement_id)
        .bind(p.institution_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if taken == 0 {
            return Ok(false);
        }
    }
    let taken = sqlx::query(
        "update cohort set seats_taken = seats_taken + 1 where id = $1 and seats_taken < quota",
    )
    .bind(cohort)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if taken == 0 {
        if let Some(p) = partner {
            give_back_partner_seat(tx, p).await?;
        }
        return Ok(false);
    }
    Ok(true)
}

async fn give_back_partner_seat(
    tx: &mut sqlx::Transaction<'_, Any>,
    p: Partner,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update agreement_partner set seats_taken = seats_taken - 1 \
         where agreement_id = $1 and institution_id = $2 and seats_taken > 0",
    )
    .bind(p.agreement_id)
    .bind(p.institution_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Gives back the seat held by an enrolment.
async fn free_seat(
    tx: &mut sqlx::Transaction<'_, Any>,
    cohort: i64,
    partner: Option<Partner>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update cohort set seats_taken = seats_taken - 1 where id = $1 and seats_taken > 0",
    )
    .bind(cohort)
    .execute(&mut **tx)
    .await?;
    if let Some(p) = partner {
        give_back_partner_seat(tx, p).await?;
    }
    Ok(())
}

/// Places a participant's application: a seat if one is free, else the waitlist. `reapply` is the
/// id of their earlier withdrawn enrolment in this cohort, which is reused (one row per person).
pub async fn apply(
    db: &Db,
    cohort: i64,
    user: i64,
    partner: Option<Partner>,
    reapply: Option<i64>,
    now: i64,
) -> Result<Placed, sqlx::Error> {
    let mut tx = db.begin().await?;
    // First statement: the conditional seat update (a write, so SQLite takes the write lock here).
    let seated = take_seat(&mut tx, cohort, partner).await?;
    let status = if seated { "applied" } else { "waitlisted" };
    let written = match reapply {
        Some(id) => sqlx::query(
            "update enrolment set status = $1, reason = null, decided_by = null, decided_at = null, \
             partner_agreement_id = $2, partner_institution_id = $3, created_at = $4 \
             where id = $5 and status = 'withdrawn'",
        )
        .bind(status)
        .bind(partner.map(|p| p.agreement_id))
        .bind(partner.map(|p| p.institution_id))
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map(|r| r.rows_affected() == 1),
        None => insert_enrolment(
            &mut tx,
            &NewEnrolment {
                cohort,
                user,
                status,
                source: "application",
                partner,
                decided: None,
                created_at: now,
            },
        )
        .await
        .map(|()| true),
    };
    match written {
        Ok(true) => {
            tx.commit().await?;
            Ok(if seated {
                Placed::Applied
            } else {
                Placed::Waitlisted
            })
        }
        Ok(false) => {
            tx.rollback().await?;
            Ok(Placed::Duplicate)
        }
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            tx.rollback().await?;
            Ok(Placed::Duplicate)
        }
        Err(e) => Err(e),
    }
}

/// An enrolment's cohort, status and partner, read before it changes.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EnrolmentFacts {
    pub id: i64,
    pub cohort_id: i64,
    pub user_id: i64,
    pub status: String,
    pub partner_agreement_id: Option<i64>,
    pub partner_institution_id: Option<i64>,
}

impl EnrolmentFacts {
    fn partner(&self) -> Option<Partner> {
        match (self.partner_agreement_id, self.partner_institution_id) {
            (Some(agreement_id), Some(institution_id)) => Some(Partner {
                agreement_id,
                institution_id,
            }),
            _ => None,
        }
    }
}

/// Reads an enrolment's facts.
pub async fn facts(db: &Db, enrolment: i64) -> Result<Option<EnrolmentFacts>, sqlx::Error> {
    sqlx::query_as(
        "select id, cohort_id, user_id, status, partner_agreement_id, partner_institution_id \
         from enrolment where id = $1",
    )
    .bind(enrolment)
    .fetch_optional(db)
    .await
}

/// Moves an enrolment from one of `from` to `to` (with a reason and who decided). If it held a
/// seat and `to` does not, the seat is freed and the first waitlisted takes it, all in one
/// transaction, with the audit entry of an admin's decision (by `audit`). `false` if the
/// enrolment was no longer in one of `from`.
#[expect(
    clippy::too_many_arguments,
    reason = "the enrolment, the move, who decided and when, and the audit entry's actor are all one status change's; its two callers pass their own locals"
)]
pub async fn change_status(
    db: &Db,
    e: &EnrolmentFacts,
    from: &[&str],
    to: &str,
    reason: Option<&str>,
    decided_by: Option<i64>,
    now: i64,
    audit: Option<&crate::ssr::audit::Actor>,
) -> Result<bool, sqlx::Error> {
    if !from.contains(&e.status.as_str()) {
        return Ok(false);
    }
    let mut tx = db.begin().await?;
    // First statement: the conditional status change (a write). Its `status = $` guard makes a
    // concurrent second change of the same enrolment a no-op.
    let changed = sqlx::query(
        "update enrolment set status = $1, reason = $2, decided_by = $3, decided_at = $4 \
         where id = $5 and status = $6",
    )
    .bind(to)
    .bind(reason)
    .bind(decided_by)
    .bind(now)
    .bind(e.id)
    .bind(&e.status)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    let held = matches!(e.status.as_str(), "applied" | "approved");
    let holds = matches!(to, "applied" | "approved");
    if held && !holds {
        free_seat(&mut tx, e.cohort_id, e.partner()).await?;
        promote_waitlisted(&mut tx, e.cohort_id).await?;
    }
    // An admin's decision is told to the applicant (a withdrawal is their own doing).
    if let (Some(admin), "approved" | "rejected") = (decided_by, to) {
        let (program, cohort): (String, String) = sqlx::query_as(
            "select p.title, c.name from cohort c join program p on p.id = c.program_id \
             where c.id = $1",
        )
        .bind(e.cohort_id)
        .fetch_one(&mut *tx)
        .await?;
        let subject = format!("{program} — {cohort}");
        let notice = crate::ssr::notifications::Notice {
            kind: crate::model::codes::NotificationKind::Registration,
            actor: Some(admin),
            subject: &subject,
            detail: to,
            link: "/peserta/pendaftaran".to_string(),
        };
        crate::ssr::notifications::notify(
            &mut tx,
            crate::ssr::notifications::Recipients::Users(&[e.user_id]),
            &notice,
            now,
        )
        .await?;
    }
    if let Some(actor) = audit {
        record_decision(&mut tx, actor, e, to, reason, now).await?;
    }
    tx.commit().await?;
    crate::ssr::mail::wake_worker();
    Ok(true)
}

/// Records an admin's decision on registration `e` in the audit log.
async fn record_decision(
    tx: &mut sqlx::Transaction<'_, Any>,
    actor: &crate::ssr::audit::Actor,
    e: &EnrolmentFacts,
    to: &str,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    use crate::model::audit::{AuditAction, AuditSubject};
    use crate::ssr::audit::{record, Entry, Scope};
    let (name, cohort): (String, String) = sqlx::query_as(
        "select u.name, c.name from app_user u join cohort c on c.id = $2 where u.id = $1",
    )
    .bind(e.user_id)
    .bind(e.cohort_id)
    .fetch_one(&mut **tx)
    .await?;
    let summary = match reason {
        Some(reason) => format!("{name} · {cohort} · {reason}"),
        None => format!("{name} · {cohort}"),
    };
    let entry = Entry::new(
        AuditAction::RegistrationDecide,
        AuditSubject::Enrolment,
        e.id,
        summary,
        Scope::Cohort(e.cohort_id),
    );
    record(tx, actor, entry.change(Some(&e.status), to), now).await
}

/// Gives free seats to the waitlisted in order of application (FIFO). A waitlisted person whose
/// partner quota is full is passed over for the next one.
async fn promote_waitlisted(
    tx: &mut sqlx::Transaction<'_, Any>,
    cohort: i64,
) -> Result<(), sqlx::Error> {
    let waiting: Vec<EnrolmentFacts> = sqlx::query_as(
        "select id, cohort_id, user_id, status, partner_agreement_id, partner_institution_id \
         from enrolment where cohort_id = $1 and status = 'waitlisted' \
         order by created_at, id limit 200",
    )
    .bind(cohort)
    .fetch_all(&mut **tx)
    .await?;
    for candidate in waiting {
        let claimed = sqlx::query(
            "update enrolment set status = 'applied' where id = $1 and status = 'waitlisted'",
        )
        .bind(candidate.id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            continue;
        }
        if take_seat(tx, cohort, candidate.partner()).await? {
            tracing::info!(enrolment = candidate.id, cohort, "waitlisted promoted");
            return Ok(());
        }
        sqlx::query("update enrolment set status = 'waitlisted' where id = $1")
            .bind(candidate.id)
            .execute(&mut **tx)
            .await?;
        let (taken, quota): (i64, i64) =
            sqlx::query_as("select seats_taken, quota from cohort where id = $1")
                .bind(cohort)
                .fetch_one(&mut **tx)
                .await?;
        if taken >= quota {
            return Ok(());
        }
    }
    Ok(())
}

/// The 1-based waitlist position of an enrolment.
pub async fn waitlist_position(db: &Db, enrolment: i64) -> Result<i64, sqlx::Error> {
    let (ahead,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment w join enrolment me on me.id = $1 \
         where w.cohort_id = me.cohort_id and w.status = 'waitlisted' \
         and (w.created_at < me.created_at or (w.created_at = me.created_at and w.id < me.id))",
    )
    .bind(enrolment)
    .fetch_one(db)
    .await?;
    Ok(ahead + 1)
}

/// What accepting an invitation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationOutcome {
    /// Enrolled (approved), or already was.
    Enrolled,
    /// No seat was free: the person waits for one.
    Waitlisted,
    /// An admin had rejected the person's own application to the cohort meanwhile: the
    /// invitation is closed and the rejection stands.
    Rejected,
    /// The invitation was not pending any more (answered already, e.g. a second click).
    NotPending,
    /// The enrolment changed while this ran (a concurrent application or withdrawal): nothing
    /// was written, the invitation is still pending.
    Changed,
}

/// Accepts invitation `invitation` of `user`: the person is enrolled as approved when a seat (and
/// a seat of `partner`, their verified institution's agreement partner) is free, else waitlisted.
/// One transaction; its first statement is the conditional update of the invitation, so of
/// simultaneous accepts exactly one goes on.
pub async fn accept_invitation(
    db: &Db,
    invitation: i64,
    user: i64,
    partner: Option<Partner>,
    now: i64,
) -> Result<InvitationOutcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    let row: Option<(i64, Option<i64>)> = sqlx::query_as(
        "update cohort_invitation set status = 'accepted', decided_at = $3 \
         where id = $1 and user_id = $2 and status = 'pending' returning cohort_id, invited_by",
    )
    .bind(invitation)
    .bind(user)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((cohort, invited_by)) = row else {
        tx.rollback().await?;
        return Ok(InvitationOutcome::NotPending);
    };
    let existing: Option<(i64, String)> =
        sqlx::query_as("select id, status from enrolment where cohort_id = $1 and user_id = $2")
            .bind(cohort)
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
    let outcome = match existing {
        None => {
            let seated = take_seat(&mut tx, cohort, partner).await?;
            let (status, decided) = if seated {
                ("approved", Some((invited_by, now)))
            } else {
                ("waitlisted", None)
            };
            let inserted = insert_enrolment(
                &mut tx,
                &NewEnrolment {
                    cohort,
                    user,
                    status,
                    source: "import",
                    partner,
                    decided,
                    created_at: now,
                },
            )
            .await;
            match inserted {
                Ok(_) if seated => InvitationOutcome::Enrolled,
                Ok(_) => InvitationOutcome::Waitlisted,
                // The person applied at the same instant: let them try again.
                Err(e) if crate::ssr::db::is_unique_violation(&e) => {
                    tx.rollback().await?;
                    return Ok(InvitationOutcome::Changed);
                }
                Err(e) => return Err(e),
            }
        }
        Some((_, status)) if status == "approved" => InvitationOutcome::Enrolled,
        Some((id, status)) if status == "applied" => {
            // Holds its seat already.
            let changed = sqlx::query(
                "update enrolment set status = 'approved', decided_by = $2, decided_at = $3 \
                 where id = $1 and status = 'applied'",
            )
            .bind(id)
            .bind(invited_by)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                tx.rollback().await?;
                return Ok(InvitationOutcome::Changed);
            }
            InvitationOutcome::Enrolled
        }
        Some((_, status)) if status == "rejected" => {
            sqlx::query("update cohort_invitation set status = 'declined' where id = $1")
                .bind(invitation)
                .execute(&mut *tx)
                .await?;
            InvitationOutcome::Rejected
        }
        Some((id, status)) => {
            // Waitlisted or withdrawn: a seat if one is free, else (back on) the waitlist.
            let seated = take_seat(&mut tx, cohort, partner).await?;
            let changed = if seated {
                sqlx::query(
                    "update enrolment set status = 'approved', reason = null, decided_by = $2, \
                     decided_at = $3, partner_agreement_id = $4, partner_institution_id = $5 \
                     where id = $1 and status = $6",
                )
                .bind(id)
                .bind(invited_by)
                .bind(now)
                .bind(partner.map(|p| p.agreement_id))
                .bind(partner.map(|p| p.institution_id))
                .bind(&status)
                .execute(&mut *tx)
                .await?
                .rows_affected()
            } else if status == "withdrawn" {
                sqlx::query(
                    "update enrolment set status = 'waitlisted', reason = null, decided_by = null, \
                     decided_at = null, partner_agreement_id = $2, partner_institution_id = $3, \
                     created_at = $4 where id = $1 and status = 'withdrawn'",
                )
                .bind(id)
                .bind(partner.map(|p| p.agreement_id))
                .bind(partner.map(|p| p.institution_id))
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected()
            } else {
                1
            };
            if changed == 0 {
                tx.rollback().await?;
                return Ok(InvitationOutcome::Changed);
            }
            if seated {
                InvitationOutcome::Enrolled
            } else {
                InvitationOutcome::Waitlisted
            }
        }
    };
    tx.commit().await?;
    Ok(outcome)
}
