//! Participant fees as the pages see them: a participant's bills, a cohort's bills for its admin,
//! and one bill with its proofs, receipt and history. Amounts are whole rupiah.

use super::codes::{BillStatus, FeePayer, ProofStatus};
use super::dashboards::DataTable;
use serde::{Deserialize, Serialize};

/// One bill in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BillLine {
    pub id: i64,
    pub reference: String,
    pub payer: FeePayer,
    /// The partner institution's name when a partner pays.
    pub partner_name: Option<String>,
    pub participant_name: String,
    pub nip: Option<String>,
    pub cohort_id: i64,
    pub cohort_name: String,
    pub program_title: String,
    pub amount: i64,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub status: BillStatus,
    /// Proofs uploaded and not yet decided.
    pub waiting_proofs: i64,
}

/// A proof of transfer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProofLine {
    pub id: i64,
    pub file_name: String,
    pub size_bytes: i64,
    pub status: ProofStatus,
    pub reason: Option<String>,
    pub uploaded_at: i64,
}

/// A receipt of a bill: for a payment, or the reversing receipt of a refund.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ReceiptLine {
    pub id: i64,
    pub number: String,
    pub amount: i64,
    pub issued_at: i64,
    /// `payment` or `refund`.
    pub kind: String,
}

/// Whether a paid bill may be paid back, as the bill's pages say it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundTerms {
    /// The last day (WIB, inclusive) a withdrawal is refunded: the cohort's cut-off.
    pub refund_until: String,
    /// Whether the bill may be refunded now: paid, and its participant withdrew on or before
    /// the cut-off or was removed from the cohort.
    pub due: bool,
    /// The day the participant withdrew, when they did.
    pub withdrawn_on: Option<String>,
}

/// One change to a bill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BillEvent {
    pub at: i64,
    pub actor_name: String,
    /// `created`, `proof_sent`, `proof_rejected`, `paid`, `waived`, `cancelled`, `refunded`,
    /// `reopened`.
    pub action: String,
    pub amount: Option<i64>,
    pub detail: String,
}

/// Where to transfer to: the organiser's bank account, from the settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferTo {
    pub bank: String,
    pub account_number: String,
    pub account_name: String,
}

/// One bill with everything about it (the participant's page and the admin's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillPage {
    pub bill: BillLine,
    pub proofs: Vec<ProofLine>,
    /// The bill's receipts, oldest first (a payment's, and a refund's reversing one).
    pub receipts: Vec<ReceiptLine>,
    /// The refund terms of the bill's cohort, and whether this bill may be refunded.
    pub refund: RefundTerms,
    pub history: Vec<BillEvent>,
    pub transfer_to: TransferTo,
    /// Whether another proof may be uploaded (unpaid, under the cap).
    pub may_upload: bool,
}

/// The participant's bills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyBillsPage {
    pub bills: Vec<BillLine>,
}

/// Totals of a set of bills, in rupiah.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillTotals {
    pub billed: i64,
    pub collected: i64,
    pub waived: i64,
    pub outstanding: i64,
    /// Paid back on withdrawals.
    pub refunded: i64,
    pub bills: i64,
    pub paid: i64,
}

/// A cohort's bills for its admin: totals, then one page of bills, those with a proof waiting
/// first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortBillsPage {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub program_title: String,
    /// The program's fee (None when the program is not fee-funded).
    pub fee_amount: Option<i64>,
    pub totals: BillTotals,
    pub bills: Vec<BillLine>,
    pub page: i64,
    pub page_size: i64,
    pub total: i64,
    /// The organiser's receiving account (empty until an admin saves it).
    pub transfer_to: TransferTo,
    /// The last day (WIB) a withdrawal is refunded, and whether an admin set it (else it is the
    /// day before the cohort starts).
    pub refund_until: String,
    pub refund_until_set: bool,
}

/// What fees brought in within an admin's scope: per program, cohort and partner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeeReportPage {
    pub tables: Vec<DataTable>,
    /// The latest bank statements uploaded within the scope.
    pub statements: Vec<StatementSummary>,
}

/// One credit line of an uploaded bank statement, as the review page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StatementLine {
    pub id: i64,
    pub line_no: i64,
    pub booked_on: String,
    pub description: String,
    pub amount: i64,
    /// `matched`, `unmatched` or `applied`.
    pub state: String,
    /// Why a line is unmatched (`no_reference`, `two_references`, `unknown_reference`,
    /// `not_unpaid`, `amount_differs`, `bill_twice`, `applied_before`).
    pub problem: Option<String>,
    /// The bill it pays, once matched.
    pub reference: Option<String>,
    pub participant_name: Option<String>,
}

/// An uploaded bank statement and its lines, to review before applying.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementPage {
    pub id: i64,
    pub file_name: String,
    pub uploaded_at: i64,
    pub applied_at: Option<i64>,
    pub lines: Vec<StatementLine>,
}

/// A statement in the list of recent uploads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StatementSummary {
    pub id: i64,
    pub file_name: String,
    pub uploaded_at: i64,
    pub applied_at: Option<i64>,
    pub lines: i64,
    pub unmatched: i64,
}
