//! Refunds: a paid fee paid back when its participant withdrew from the cohort on or before the
//! cohort's cut-off date (or was removed by the organiser), with a reversing receipt numbered in
//! the same sequence as payments' receipts; and the cut-off each cohort sets.
//!
//! The rule is checked inside the refunding transaction (the conditional update of the bill's
//! row names the enrolment's status and the time of the withdrawal), so two admins refunding at
//! once record one refund, and a participant approved again meanwhile is not refunded.

use super::pay::{write_receipt, By, Receipt, ReceiptKind, Refused};
use crate::model::fees::RefundTerms;
use crate::model::wib::{date_of, end_of_day, parse_date, start_of_day};
use crate::ssr::db::{begin_write, Db};

/// The number of a refund's reversing receipt: `00043/KWT-R/2026` (the sequence is the payments').
pub fn refund_receipt_number(seq: i64, year: i64) -> String {
    format!("{seq:05}/KWT-R/{year}")
}

/// The day before `starts_on` (the default cut-off), or `starts_on` itself if it is no date.
pub fn day_before(starts_on: &str) -> String {
    match parse_date(starts_on) {
        Some(days) => date_of(start_of_day(days - 1)),
        None => starts_on.to_string(),
    }
}

/// Cohort `cohort`'s cut-off: the date an admin set, or the day before the cohort starts; and
/// whether it was set.
pub async fn refund_until(db: &Db, cohort: i64) -> Result<(String, bool), sqlx::Error> {
    let (starts_on, set): (String, Option<String>) = sqlx::query_as(
        "select c.starts_on, t.refund_until from cohort c \
         left join fee_refund_terms t on t.cohort_id = c.id where c.id = $1",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    Ok(match set {
        Some(date) => (date, true),
        None => (day_before(&starts_on), false),
    })
}

/// Sets cohort `cohort`'s cut-off to `date` (a valid `YYYY-MM-DD`).
pub async fn save_refund_until(
    db: &Db,
    cohort: i64,
    date: &str,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into fee_refund_terms (cohort_id, refund_until, updated_by, updated_at) \
         values ($1, $2, $3, $4) on conflict (cohort_id) do update \
         set refund_until = excluded.refund_until, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(cohort)
    .bind(date)
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The last instant a withdrawal is refunded when the cut-off is `until` (end of that day, WIB).
fn last_instant(until: &str) -> i64 {
    parse_date(until).map(end_of_day).unwrap_or(i64::MIN)
}

/// Bill `bill`'s refund terms: its cohort's cut-off, and whether it may be refunded now.
pub async fn terms(db: &Db, bill: i64) -> Result<RefundTerms, sqlx::Error> {
    let (cohort, status, enrolment_status, decided_at): (i64, String, String, Option<i64>) =
        sqlx::query_as(
            "select b.cohort_id, b.status, e.status, e.decided_at from fee_bill b \
             join enrolment e on e.id = b.enrolment_id where b.id = $1",
        )
        .bind(bill)
        .fetch_one(db)
        .await?;
    let (until, _) = refund_until(db, cohort).await?;
    let withdrawn_at = (enrolment_status == "withdrawn")
        .then_some(decided_at)
        .flatten();
    let due = status == "paid"
        && match enrolment_status.as_str() {
            "rejected" => true,
            "withdrawn" => withdrawn_at.is_some_and(|at| at <= last_instant(&until)),
            _ => false,
        };
    Ok(RefundTerms {
        refund_until: until,
        due,
        withdrawn_on: withdrawn_at.map(date_of),
    })
}

/// A refund recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refunded {
    pub refund_id: i64,
    pub receipt_id: i64,
    pub receipt_number: String,
}

/// Pays back paid bill `bill` (to `paid_to`, with `note`): marks the bill refunded and its
/// payment refunded, records the refund, and writes the reversing receipt with the next number of
/// the organising institution `organiser` in `year`, all in one transaction. Refused unless the
/// bill is paid and its participant withdrew by the end of `refund_until` or was removed.
#[allow(clippy::too_many_arguments)]
pub async fn refund(
    db: &Db,
    bill: i64,
    refund_until: &str,
    paid_to: &str,
    note: &str,
    organiser: i64,
    year: i64,
    by: &By<'_>,
    now: i64,
) -> Result<Result<Refunded, Refused>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let refunded = sqlx::query(
        "update fee_bill set status = 'refunded', updated_at = $2 \
         where id = $1 and status = 'paid' and exists (select 1 from enrolment e \
         where e.id = fee_bill.enrolment_id and (e.status = 'rejected' \
         or (e.status = 'withdrawn' and e.decided_at <= $3)))",
    )
    .bind(bill)
    .bind(now)
    .bind(last_instant(refund_until))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if refunded != 1 {
        return Ok(Err(Refused::NotRefundable));
    }
    let (payment, amount): (i64, i64) = sqlx::query_as(
        "select id, amount from fee_payment where bill_id = $1 and refunded_at is null",
    )
    .bind(bill)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("update fee_payment set refunded_at = $2 where id = $1")
        .bind(payment)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let (refund_id,): (i64,) = sqlx::query_as(
        "insert into fee_refund (bill_id, payment_id, amount, paid_to, note, refunded_by, \
         refunded_at) values ($1, $2, $3, $4, $5, $6, $7) returning id",
    )
    .bind(bill)
    .bind(payment)
    .bind(amount)
    .bind(paid_to)
    .bind(note)
    .bind(by.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let reversed: Option<(i64,)> =
        sqlx::query_as("select id from receipt where payment_id = $1 and kind = 'payment'")
            .bind(payment)
            .fetch_optional(&mut *tx)
            .await?;
    let receipt = Receipt {
        organiser,
        year,
        bill,
        payment,
        amount,
        kind: ReceiptKind::Refund {
            reverses: reversed.map(|(id,)| id),
        },
    };
    let (receipt_id, number) = write_receipt(&mut tx, &receipt, by, now).await?;
    tx.commit().await?;
    Ok(Ok(Refunded {
        refund_id,
        receipt_id,
        receipt_number: number,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_cut_off_is_the_day_before_the_start() {
        assert_eq!(day_before("2027-01-11"), "2027-01-10");
        assert_eq!(day_before("2027-03-01"), "2027-02-28");
        assert_eq!(day_before("2028-03-01"), "2028-02-29");
        assert_eq!(day_before("2027-01-01"), "2026-12-31");
    }

    #[test]
    fn a_withdrawal_counts_until_the_end_of_the_cut_off_day_in_wib() {
        let until = "2027-01-10";
        let last = last_instant(until);
        assert_eq!(date_of(last), "2027-01-10");
        assert_eq!(date_of(last + 1), "2027-01-11");
        assert_eq!(last_instant("no date"), i64::MIN);
    }

    #[test]
    fn refund_receipts_are_told_apart_from_payments() {
        assert_eq!(refund_receipt_number(43, 2026), "00043/KWT-R/2026");
        assert_ne!(
            refund_receipt_number(43, 2026),
            super::super::pay::receipt_number(43, 2026)
        );
    }
}
