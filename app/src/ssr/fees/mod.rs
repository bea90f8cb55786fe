//! Participant fees, server side: bills made for approved enrolments in fee-funded programs
//! ([`ensure_for_user`], [`ensure_for_cohort`]), the reference a payer writes on a transfer
//! ([`reference`]), and reading bills within the caller's reach. Payments, proofs and waivers
//! are in [`pay`]; refunds on withdrawal in [`refund`]; bank statements matched to bills in
//! [`statement`]; the receipt PDF in [`receipt`]; the reports in [`report`]; the routes in
//! [`http`].
//!
//! A bill exists from the first time anyone looks: an enrolment approved by any path (an
//! application, an import, an invitation) gets its bills when its participant or an admin of its
//! cohort opens a bills page. Making them is idempotent (`on conflict do nothing` on the
//! enrolment and payer), so two readers at once make each bill once. An unpaid bill whose
//! enrolment is no longer approved is cancelled; a cancelled or refunded bill whose enrolment is
//! approved again is reopened (unpaid, to be paid anew).

pub mod http;
pub mod pay;
pub mod receipt;
pub mod refund;
mod refund_routes;
pub mod report;
pub mod statement;

use crate::model::codes::FeePayer;
use crate::model::fees::{BillEvent, BillLine, BillTotals, ProofLine, ReceiptLine, TransferTo};
use crate::ssr::db::Db;

/// Proofs one bill may carry in all (accepted, rejected and waiting).
pub const MAX_PROOFS_PER_BILL: i64 = 5;

/// The transfer reference of the bill of `enrolment` for `payer`: `PMG`, `P` (participant) or
/// `M` (mitra, the partner), the enrolment id in at least seven digits, and two check digits
/// (ISO 7064 MOD 97-10 over the digits), so that a mistyped reference on a bank statement is
/// recognised as one rather than matched to another bill.
pub fn reference(enrolment: i64, payer: FeePayer) -> String {
    let digits = format!("{enrolment:07}");
    let letter = match payer {
        FeePayer::Participant => 'P',
        FeePayer::Partner => 'M',
    };
    format!("PMG{letter}{digits}{:02}", check_digits(&digits))
}

/// ISO 7064 MOD 97-10 check digits of a string of digits.
fn check_digits(digits: &str) -> u32 {
    let remainder = digits
        .bytes()
        .chain(*b"00")
        .fold(0u32, |r, d| (r * 10 + u32::from(d - b'0')) % 97);
    98 - remainder
}

/// Whether `text` is a well-formed reference (its check digits agree).
pub fn is_reference(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("PMG") else {
        return false;
    };
    let Some(payer) = rest.chars().next().filter(|c| matches!(c, 'P' | 'M')) else {
        return false;
    };
    let number = &rest[1..];
    if number.len() < 9 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (digits, check) = number.split_at(number.len() - 2);
    let _ = payer;
    check.parse::<u32>().ok() == Some(check_digits(digits))
}

/// The parts of a fee of `fee` rupiah when a partner covers `share_percent` of it: what the
/// partner pays (rounded down to whole rupiah) and what is left to the participant.
pub fn split_fee(fee: i64, share_percent: i64) -> (i64, i64) {
    let share = share_percent.clamp(0, 100);
    let partner = fee * share / 100;
    (partner, fee - partner)
}

/// An approved enrolment in a fee-funded program that lacks a bill.
#[derive(sqlx::FromRow)]
struct Unbilled {
    enrolment_id: i64,
    cohort_id: i64,
    user_id: i64,
    fee: i64,
    due_on: String,
    partner_institution_id: Option<i64>,
    share_percent: Option<i64>,
}

const UNBILLED: &str = "select e.id as enrolment_id, e.cohort_id, e.user_id, p.fee_amount as fee, \
     c.starts_on as due_on, e.partner_institution_id, ap.funding_share_percent as share_percent \
     from enrolment e join cohort c on c.id = e.cohort_id join program p on p.id = c.program_id \
     left join agreement_partner ap on ap.agreement_id = e.partner_agreement_id \
     and ap.institution_id = e.partner_institution_id \
     where e.status = 'approved' and p.funding = 'fee' and p.fee_amount > 0 \
     and not exists (select 1 from fee_bill b where b.enrolment_id = e.id)";

/// Makes the missing bills of `rows`, each with its `created` entry in the history; returns how
/// many were made.
async fn make_bills(db: &Db, rows: Vec<Unbilled>, now: i64) -> Result<usize, sqlx::Error> {
    let mut made = 0;
    for chunk in rows.chunks(500) {
        let mut tx = crate::ssr::db::begin_write(db).await?;
        for row in chunk {
            let (partner_part, own_part) = match row.partner_institution_id {
                Some(_) => split_fee(row.fee, row.share_percent.unwrap_or(0)),
                None => (0, row.fee),
            };
            let parts = [
                (FeePayer::Participant, own_part, None),
                (FeePayer::Partner, partner_part, row.partner_institution_id),
            ];
            for (payer, amount, partner) in parts {
                if amount <= 0 {
                    continue;
                }
                let id: Option<(i64,)> = sqlx::query_as(
                    "insert into fee_bill (enrolment_id, cohort_id, user_id, payer, \
                     partner_institution_id, amount, due_on, reference, created_at, updated_at) \
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
                     on conflict (enrolment_id, payer) do nothing returning id",
                )
                .bind(row.enrolment_id)
                .bind(row.cohort_id)
                .bind(row.user_id)
                .bind(payer.as_str())
                .bind(partner)
                .bind(amount)
                .bind(&row.due_on)
                .bind(reference(row.enrolment_id, payer))
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some((id,)) = id {
                    event(
                        &mut tx,
                        id,
                        now,
                        None,
                        "Pamong",
                        "created",
                        Some(amount),
                        "",
                    )
                    .await?;
                    made += 1;
                }
            }
        }
        tx.commit().await?;
    }
    Ok(made)
}

/// Which bills a [`Sweep`] looks at.
#[derive(Clone, Copy)]
enum Of {
    Cohort(i64),
    User(i64),
}

/// A change the bills pages make to bills whose enrolment changed since: which bills (their
/// status, their enrolment's), what they become, and the history entry.
struct Sweep {
    from: &'static str,
    enrolment: &'static str,
    set: &'static str,
    action: &'static str,
}

/// Unpaid bills whose enrolment is no longer approved (withdrawn, rejected) are cancelled.
const CANCEL_UNAPPROVED: Sweep = Sweep {
    from: "('unpaid')",
    enrolment: "e.status <> 'approved'",
    set: "status = 'cancelled'",
    action: "cancelled",
};

/// Cancelled and refunded bills whose enrolment is approved again are reopened: unpaid, with
/// room for new proofs.
const REOPEN_REAPPROVED: Sweep = Sweep {
    from: "('cancelled', 'refunded')",
    enrolment: "e.status = 'approved'",
    set: "status = 'unpaid', proofs = 0",
    action: "reopened",
};

/// Applies `sweep` to the bills of a cohort or of a participant, each change with its history
/// entry (a bill changed meanwhile by someone else is left alone).
async fn sweep(db: &Db, of: Of, sweep: &Sweep, now: i64) -> Result<(), sqlx::Error> {
    let (column, id) = match of {
        Of::Cohort(id) => ("cohort_id", id),
        Of::User(id) => ("user_id", id),
    };
    let due: Vec<(i64,)> = sqlx::query_as(&format!(
        "select b.id from fee_bill b join enrolment e on e.id = b.enrolment_id \
         where b.{column} = $1 and b.status in {} and {}",
        sweep.from, sweep.enrolment
    ))
    .bind(id)
    .fetch_all(db)
    .await?;
    if due.is_empty() {
        return Ok(());
    }
    let mut tx = crate::ssr::db::begin_write(db).await?;
    for (id,) in due {
        let changed = sqlx::query(&format!(
            "update fee_bill set {}, updated_at = $2 where id = $1 and status in {}",
            sweep.set, sweep.from
        ))
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            event(&mut tx, id, now, None, "Pamong", sweep.action, None, "").await?;
        }
    }
    tx.commit().await
}

/// Makes the missing bills of participant `user`'s approved enrolments, cancels the unpaid bills
/// of enrolments no longer approved, and reopens those approved again.
pub async fn ensure_for_user(db: &Db, user: i64, now: i64) -> Result<(), sqlx::Error> {
    let rows: Vec<Unbilled> = sqlx::query_as(&format!("{UNBILLED} and e.user_id = $1"))
        .bind(user)
        .fetch_all(db)
        .await?;
    if !rows.is_empty() {
        make_bills(db, rows, now).await?;
    }
    sweep(db, Of::User(user), &CANCEL_UNAPPROVED, now).await?;
    sweep(db, Of::User(user), &REOPEN_REAPPROVED, now).await
}

/// Makes the missing bills of cohort `cohort`, cancels the unpaid bills of enrolments no longer
/// approved, and reopens those approved again.
pub async fn ensure_for_cohort(db: &Db, cohort: i64, now: i64) -> Result<(), sqlx::Error> {
    let rows: Vec<Unbilled> = sqlx::query_as(&format!("{UNBILLED} and e.cohort_id = $1"))
        .bind(cohort)
        .fetch_all(db)
        .await?;
    if !rows.is_empty() {
        make_bills(db, rows, now).await?;
    }
    sweep(db, Of::Cohort(cohort), &CANCEL_UNAPPROVED, now).await?;
    sweep(db, Of::Cohort(cohort), &REOPEN_REAPPROVED, now).await
}

/// Adds an entry to bill `bill`'s history.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    bill: i64,
    at: i64,
    actor: Option<i64>,
    actor_name: &str,
    action: &str,
    amount: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into fee_bill_event (bill_id, at, actor_id, actor_name, action, amount, detail) \
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(bill)
    .bind(at)
    .bind(actor)
    .bind(actor_name)
    .bind(action)
    .bind(amount)
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The columns of a [`BillLine`], over `fee_bill b` joined as in [`BILL_FROM`].
const BILL_COLUMNS: &str = "select b.id, b.reference, b.payer, pi.name as partner_name, \
     u.name as participant_name, u.nip, b.cohort_id, c.name as cohort_name, \
     p.title as program_title, b.amount, b.due_on, b.status, \
     (select count(*) from fee_proof f where f.bill_id = b.id and f.status = 'waiting') \
     as waiting_proofs";
const BILL_FROM: &str = " from fee_bill b join app_user u on u.id = b.user_id \
     join cohort c on c.id = b.cohort_id join program p on p.id = c.program_id \
     left join institution pi on pi.id = b.partner_institution_id";

/// Participant `user`'s own bills (those they pay), newest cohort first.
pub async fn of_user(db: &Db, user: i64) -> Result<Vec<BillLine>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{BILL_COLUMNS}{BILL_FROM} where b.user_id = $1 and b.payer = 'participant' \
         order by b.status = 'unpaid' desc, c.starts_on desc, b.id desc"
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

/// One page of cohort `cohort`'s bills: those with a proof waiting first, then unpaid, then the
/// rest, each by participant name.
pub async fn of_cohort(
    db: &Db,
    cohort: i64,
    page: i64,
    page_size: i64,
) -> Result<Vec<BillLine>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select * from ({BILL_COLUMNS}{BILL_FROM} where b.cohort_id = $1) t \
         order by waiting_proofs > 0 desc, status = 'unpaid' desc, participant_name, payer, id \
         limit $2 offset $3"
    ))
    .bind(cohort)
    .bind(page_size)
    .bind((page - 1).max(0) * page_size)
    .fetch_all(db)
    .await
}

/// Bill `id`, if it exists.
pub async fn bill(db: &Db, id: i64) -> Result<Option<BillLine>, sqlx::Error> {
    sqlx::query_as(&format!("{BILL_COLUMNS}{BILL_FROM} where b.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The totals of cohort `cohort`'s bills: billed counts the bills in force (unpaid, paid,
/// waived); collected every payment received, refunded what was paid back of it.
pub async fn totals(db: &Db, cohort: i64) -> Result<BillTotals, sqlx::Error> {
    let (bills, billed, paid, waived, outstanding): (i64, i64, i64, i64, i64) = sqlx::query_as(
        "select count(*), \
         cast(coalesce(sum(case when status in ('unpaid', 'paid', 'waived') then amount else 0 end), 0) as bigint), \
         cast(coalesce(sum(case when status = 'paid' then 1 else 0 end), 0) as bigint), \
         cast(coalesce(sum(case when status = 'waived' then amount else 0 end), 0) as bigint), \
         cast(coalesce(sum(case when status = 'unpaid' then amount else 0 end), 0) as bigint) \
         from fee_bill where cohort_id = $1",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    let (collected, refunded): (i64, i64) = sqlx::query_as(
        "select cast(coalesce((select sum(f.amount) from fee_payment f \
         join fee_bill b on b.id = f.bill_id where b.cohort_id = $1), 0) as bigint), \
         cast(coalesce((select sum(r.amount) from fee_refund r \
         join fee_bill b on b.id = r.bill_id where b.cohort_id = $1), 0) as bigint)",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    Ok(BillTotals {
        billed,
        collected,
        waived,
        outstanding,
        refunded,
        bills,
        paid,
    })
}

/// Bill `bill`'s proofs, newest first.
pub async fn proofs(db: &Db, bill: i64) -> Result<Vec<ProofLine>, sqlx::Error> {
    sqlx::query_as(
        "select id, file_name, size_bytes, status, reason, uploaded_at from fee_proof \
         where bill_id = $1 order by id desc",
    )
    .bind(bill)
    .fetch_all(db)
    .await
}

/// Bill `bill`'s receipts (its payments' and its refunds'), oldest first.
pub async fn receipts_of(db: &Db, bill: i64) -> Result<Vec<ReceiptLine>, sqlx::Error> {
    sqlx::query_as(
        "select id, number, amount, issued_at, kind from receipt where bill_id = $1 order by id",
    )
    .bind(bill)
    .fetch_all(db)
    .await
}

/// Bill `bill`'s history, oldest first.
pub async fn history(db: &Db, bill: i64) -> Result<Vec<BillEvent>, sqlx::Error> {
    sqlx::query_as(
        "select at, actor_name, action, amount, detail from fee_bill_event \
         where bill_id = $1 order by id",
    )
    .bind(bill)
    .fetch_all(db)
    .await
}

/// The organising institution of bill `bill`'s program (who receives and numbers receipts).
pub async fn organiser_of(db: &Db, bill: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "select p.organizer_id from fee_bill b join cohort c on c.id = b.cohort_id \
         join program p on p.id = c.program_id where b.id = $1",
    )
    .bind(bill)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Where to transfer for bills of institution `organiser`'s programs (empty when not set).
pub async fn transfer_to(db: &Db, organiser: i64) -> Result<TransferTo, sqlx::Error> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "select bank, account_number, account_name from fee_account where institution_id = $1",
    )
    .bind(organiser)
    .fetch_optional(db)
    .await?;
    Ok(row
        .map(|(bank, account_number, account_name)| TransferTo {
            bank,
            account_number,
            account_name,
        })
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_carry_check_digits_that_catch_a_typo() {
        let r = reference(123, FeePayer::Participant);
        assert!(r.starts_with("PMGP0000123"), "{r}");
        assert_eq!(r.len(), 3 + 1 + 7 + 2);
        assert!(is_reference(&r));
        assert!(is_reference(&reference(98_765_432, FeePayer::Partner)));
        // One digit changed, or two swapped: no longer a reference.
        let typo = r.replacen("0000123", "0000124", 1);
        assert!(!is_reference(&typo));
        let swapped = r.replacen("0000123", "0000132", 1);
        assert!(!is_reference(&swapped));
        assert!(!is_reference("PMGX000012345"));
        assert!(!is_reference("PMGP12"));
        assert_ne!(
            reference(5, FeePayer::Participant),
            reference(5, FeePayer::Partner)
        );
    }

    #[test]
    fn a_partner_share_is_rounded_down_and_the_parts_add_up() {
        assert_eq!(split_fee(1_500_000, 100), (1_500_000, 0));
        assert_eq!(split_fee(1_500_000, 0), (0, 1_500_000));
        assert_eq!(split_fee(1_000_001, 50), (500_000, 500_001));
        assert_eq!(split_fee(999, 33), (329, 670));
        for share in 0..=100 {
            let (partner, own) = split_fee(1_234_567, share);
            assert_eq!(partner + own, 1_234_567);
        }
    }
}
