//! Changing a bill: a participant's proof of transfer, an admin's confirmation (the payment and
//! its receipt, numbered without gaps), a rejected proof, a waiver, and the receiving account.
//!
//! Every change is one transaction that starts with a conditional update of the bill's row, so
//! two admins confirming the same bill at once record one payment and one receipt (the second
//! finds the bill paid), and a cap holds however many uploads arrive together: on SQLite the
//! transaction holds the write lock from its start, on PostgreSQL the row lock orders them.

use super::{event, MAX_PROOFS_PER_BILL};
use crate::ssr::db::{begin_write, Db};

/// Who changes a bill.
#[derive(Clone, Debug)]
pub struct By<'a> {
    pub id: i64,
    pub name: &'a str,
}

/// A proof of transfer being recorded (its file already in storage).
pub struct NewProof<'a> {
    pub bill: i64,
    pub file_name: &'a str,
    pub stored_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
}

/// Why a change was not made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The bill is no longer unpaid (paid, waived or cancelled meanwhile).
    NotUnpaid,
    /// The bill already carries [`MAX_PROOFS_PER_BILL`] proofs.
    TooManyProofs,
    /// The proof is not waiting (decided meanwhile), or not of this bill.
    ProofNotWaiting,
    /// The statement line is no longer matched to this bill, or its transfer was applied before.
    LineNotMatched,
    /// The bill is not paid, or its participant neither withdrew by the cut-off nor was removed.
    NotRefundable,
}

impl Refused {
    /// The key of the message shown to whoever tried.
    pub fn key(self) -> &'static str {
        match self {
            Refused::NotUnpaid => "fees.not_unpaid",
            Refused::TooManyProofs => "fees.too_many_proofs",
            Refused::ProofNotWaiting => "fees.proof_not_waiting",
            Refused::LineNotMatched => "fees.line_not_matched",
            Refused::NotRefundable => "fees.not_refundable",
        }
    }
}

/// Records proof `proof` on its bill, if the bill is unpaid and under the cap.
pub async fn add_proof(
    db: &Db,
    proof: &NewProof<'_>,
    by: &By<'_>,
    now: i64,
) -> Result<Result<i64, Refused>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let reserved = sqlx::query(
        "update fee_bill set proofs = proofs + 1, updated_at = $2 \
         where id = $1 and status = 'unpaid' and proofs < $3",
    )
    .bind(proof.bill)
    .bind(now)
    .bind(MAX_PROOFS_PER_BILL)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if reserved != 1 {
        let (status,): (String,) = sqlx::query_as("select status from fee_bill where id = $1")
            .bind(proof.bill)
            .fetch_one(&mut *tx)
            .await?;
        return Ok(Err(if status == "unpaid" {
            Refused::TooManyProofs
        } else {
            Refused::NotUnpaid
        }));
    }
    let (id,): (i64,) = sqlx::query_as(
        "insert into fee_proof (bill_id, file_name, stored_name, content_type, size_bytes, \
         uploaded_by, uploaded_at) values ($1, $2, $3, $4, $5, $6, $7) returning id",
    )
    .bind(proof.bill)
    .bind(proof.file_name)
    .bind(proof.stored_name)
    .bind(proof.content_type)
    .bind(proof.size_bytes)
    .bind(by.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    event(
        &mut tx,
        proof.bill,
        now,
        Some(by.id),
        by.name,
        "proof_sent",
        None,
        proof.file_name,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// A confirmed payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmed {
    pub payment_id: i64,
    pub receipt_id: i64,
    pub receipt_number: String,
}

/// The receipt number of `seq` in `year`: `00042/KWT/2026`.
pub fn receipt_number(seq: i64, year: i64) -> String {
    format!("{seq:05}/KWT/{year}")
}

/// What shows that a bill was paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaidBy {
    /// A transfer an admin saw: with the participant's waiting proof, or without one.
    Transfer { proof: Option<i64> },
    /// A credit line of an uploaded bank statement matched to the bill.
    Statement { line: i64 },
}

/// Confirms that bill `bill` was paid in full (`paid_by` says how): records the payment, accepts
/// the proof or marks the statement line applied, and writes the receipt with the next number
/// of the organising institution `organiser` in `year`, all in one transaction.
pub async fn confirm(
    db: &Db,
    bill: i64,
    paid_by: PaidBy,
    organiser: i64,
    year: i64,
    by: &By<'_>,
    now: i64,
) -> Result<Result<Confirmed, Refused>, sqlx::Error> {
    let (proof, line) = match paid_by {
        PaidBy::Transfer { proof } => (proof, None),
        PaidBy::Statement { line } => (None, Some(line)),
    };
    let mut tx = begin_write(db).await?;
    let paid = sqlx::query(
        "update fee_bill set status = 'paid', updated_at = $2 where id = $1 and status = 'unpaid'",
    )
    .bind(bill)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if paid != 1 {
        return Ok(Err(Refused::NotUnpaid));
    }
    if let Some(proof) = proof {
        let accepted = sqlx::query(
            "update fee_proof set status = 'accepted', decided_by = $3, decided_at = $4 \
             where id = $1 and bill_id = $2 and status = 'waiting'",
        )
        .bind(proof)
        .bind(bill)
        .bind(by.id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if accepted != 1 {
            // Rolled back: the bill stays unpaid.
            return Ok(Err(Refused::ProofNotWaiting));
        }
    }
    if let Some(line) = line {
        // The partial unique index on applied fingerprints refuses a transfer applied before
        // (the same statement uploaded twice): the bill stays unpaid, the line unmatched.
        let applied = sqlx::query(
            "update fee_statement_line set state = 'applied' \
             where id = $1 and bill_id = $2 and state = 'matched'",
        )
        .bind(line)
        .bind(bill)
        .execute(&mut *tx)
        .await;
        match applied {
            Ok(done) if done.rows_affected() == 1 => {}
            Ok(_) => return Ok(Err(Refused::LineNotMatched)),
            Err(err) if crate::ssr::db::is_unique_violation(&err) => {
                return Ok(Err(Refused::LineNotMatched))
            }
            Err(err) => return Err(err),
        }
    }
    let (amount,): (i64,) = sqlx::query_as("select amount from fee_bill where id = $1")
        .bind(bill)
        .fetch_one(&mut *tx)
        .await?;
    let method = if line.is_some() {
        "statement"
    } else {
        "transfer"
    };
    let (payment_id,): (i64,) = sqlx::query_as(
        "insert into fee_payment (bill_id, amount, method, proof_id, statement_line_id, \
         confirmed_by, confirmed_at) values ($1, $2, $3, $4, $5, $6, $7) returning id",
    )
    .bind(bill)
    .bind(amount)
    .bind(method)
    .bind(proof)
    .bind(line)
    .bind(by.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let receipt = Receipt {
        organiser,
        year,
        bill,
        payment: payment_id,
        amount,
        kind: ReceiptKind::Payment,
    };
    let (receipt_id, number) = write_receipt(&mut tx, &receipt, by, now).await?;
    tx.commit().await?;
    Ok(Ok(Confirmed {
        payment_id,
        receipt_id,
        receipt_number: number,
    }))
}

/// What a receipt is for.
pub(crate) enum ReceiptKind {
    /// Money received.
    Payment,
    /// Money paid back, reversing the payment's receipt `reverses`.
    Refund { reverses: Option<i64> },
}

/// A receipt to write, for payment `payment` of bill `bill`.
pub(crate) struct Receipt {
    pub organiser: i64,
    pub year: i64,
    pub bill: i64,
    pub payment: i64,
    pub amount: i64,
    pub kind: ReceiptKind,
}

/// Writes `receipt` inside `tx` with the next number of its institution and year, and the bill's
/// `paid` or `refunded` history entry; returns its id and number. The counter row is raised in
/// the same transaction: a transaction that rolls back gives the number back, and concurrent ones
/// wait for each other on the counter's row, so numbers have no gap or duplicate.
pub(crate) async fn write_receipt(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    receipt: &Receipt,
    by: &By<'_>,
    now: i64,
) -> Result<(i64, String), sqlx::Error> {
    let (seq,): (i64,) = sqlx::query_as(
        "insert into receipt_counter (institution_id, year, last_seq) values ($1, $2, 1) \
         on conflict (institution_id, year) do update \
         set last_seq = receipt_counter.last_seq + 1 returning last_seq",
    )
    .bind(receipt.organiser)
    .bind(receipt.year)
    .fetch_one(&mut **tx)
    .await?;
    let (number, kind, action, reverses) = match receipt.kind {
        ReceiptKind::Payment => (receipt_number(seq, receipt.year), "payment", "paid", None),
        ReceiptKind::Refund { reverses } => (
            super::refund::refund_receipt_number(seq, receipt.year),
            "refund",
            "refunded",
            reverses,
        ),
    };
    let (id,): (i64,) = sqlx::query_as(
        "insert into receipt (institution_id, year, seq, number, bill_id, payment_id, amount, \
         issued_at, issued_by, kind, reverses_id) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
    )
    .bind(receipt.organiser)
    .bind(receipt.year)
    .bind(seq)
    .bind(&number)
    .bind(receipt.bill)
    .bind(receipt.payment)
    .bind(receipt.amount)
    .bind(now)
    .bind(by.id)
    .bind(kind)
    .bind(reverses)
    .fetch_one(&mut **tx)
    .await?;
    event(
        tx,
        receipt.bill,
        now,
        Some(by.id),
        by.name,
        action,
        Some(receipt.amount),
        &number,
    )
    .await?;
    Ok((id, number))
}

/// Rejects waiting proof `proof` of bill `bill` with `reason` (the bill stays unpaid).
pub async fn reject_proof(
    db: &Db,
    bill: i64,
    proof: i64,
    reason: &str,
    by: &By<'_>,
    now: i64,
) -> Result<Result<(), Refused>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let rejected = sqlx::query(
        "update fee_proof set status = 'rejected', reason = $3, decided_by = $4, decided_at = $5 \
         where id = $1 and bill_id = $2 and status = 'waiting'",
    )
    .bind(proof)
    .bind(bill)
    .bind(reason)
    .bind(by.id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if rejected != 1 {
        return Ok(Err(Refused::ProofNotWaiting));
    }
    event(
        &mut tx,
        bill,
        now,
        Some(by.id),
        by.name,
        "proof_rejected",
        None,
        reason,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Waives unpaid bill `bill` with `reason`.
pub async fn waive(
    db: &Db,
    bill: i64,
    reason: &str,
    by: &By<'_>,
    now: i64,
) -> Result<Result<(), Refused>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let waived = sqlx::query(
        "update fee_bill set status = 'waived', updated_at = $2 where id = $1 and status = 'unpaid'",
    )
    .bind(bill)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if waived != 1 {
        return Ok(Err(Refused::NotUnpaid));
    }
    let (amount,): (i64,) = sqlx::query_as("select amount from fee_bill where id = $1")
        .bind(bill)
        .fetch_one(&mut *tx)
        .await?;
    event(
        &mut tx,
        bill,
        now,
        Some(by.id),
        by.name,
        "waived",
        Some(amount),
        reason,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Saves institution `institution`'s receiving account.
pub async fn save_account(
    db: &Db,
    institution: i64,
    account: &crate::model::fees::TransferTo,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into fee_account (institution_id, bank, account_number, account_name, \
         updated_by, updated_at) values ($1, $2, $3, $4, $5, $6) \
         on conflict (institution_id) do update set bank = excluded.bank, \
         account_number = excluded.account_number, account_name = excluded.account_name, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(institution)
    .bind(&account.bank)
    .bind(&account.account_number)
    .bind(&account.account_name)
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
