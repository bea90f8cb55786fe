//! Fee pages: the participant's bills and one bill (how to pay, the proof upload, the receipt);
//! a cohort's bills for its admin (totals, the receiving account) and one bill (proofs to confirm
//! or reject, a waiver); the fee reports of an admin's scope and the review of an uploaded bank
//! statement. Plain server-rendered pages whose
//! forms post to `ssr::fees::http`.

mod admin;
mod participant;
mod report;
mod statement;
pub use admin::{AdminBillPage, CohortBillsPage};
pub use participant::{MyBillPage, MyBillsPage};
pub use report::FeeReportPage;
pub use statement::StatementPage;

use crate::components::dates::moment;
use crate::i18n::I18n;
use crate::model::codes::BillStatus;
use crate::model::fees::{BillEvent, BillLine, ProofLine, ReceiptLine, TransferTo};
use crate::pages::planning::common::rupiah;
use leptos::prelude::*;

/// A bill's status as a badge.
fn status_badge(i: I18n, status: BillStatus) -> impl IntoView {
    let class = match status {
        BillStatus::Paid => "badge status-approved",
        BillStatus::Unpaid => "badge status-waitlisted",
        BillStatus::Waived => "badge status-applied",
        BillStatus::Cancelled | BillStatus::Refunded => "badge status-rejected",
    };
    view! { <span class=class>{i.t(&format!("fees.status.{status}"))}</span> }
}

/// The facts of a bill: what for, the amount, the reference, the due date.
fn bill_facts(i: I18n, b: &BillLine) -> impl IntoView {
    let payer = match &b.partner_name {
        Some(partner) => i.t_with("fees.payer_partner", &[("partner", partner)]),
        None => i.t("fees.payer_participant"),
    };
    view! {
        <dl class="facts">
            <dt>{i.t("fees.for")}</dt><dd>{b.program_title.clone()} " · " {b.cohort_name.clone()}</dd>
            <dt>{i.t("fees.participant")}</dt><dd>{b.participant_name.clone()} {b.nip.clone().map(|n| format!(" (NIP {n})"))}</dd>
            <dt>{i.t("fees.payer")}</dt><dd>{payer}</dd>
            <dt>{i.t("fees.amount")}</dt><dd><strong class="amount">{rupiah(b.amount)}</strong></dd>
            <dt>{i.t("fees.reference")}</dt><dd><code class="reference">{b.reference.clone()}</code></dd>
            <dt>{i.t("fees.due")}</dt><dd>{crate::components::dates::date(i, &b.due_on)}</dd>
            <dt>{i.t("fees.status")}</dt><dd>{status_badge(i, b.status)}</dd>
        </dl>
    }
}

/// Where to transfer to, or that the organiser has not said yet.
fn transfer_panel(i: I18n, to: &TransferTo, reference: &str) -> impl IntoView {
    if to.account_number.is_empty() {
        return view! { <p class="hint">{i.t("fees.no_account_yet")}</p> }.into_any();
    }
    view! {
        <dl class="facts">
            <dt>{i.t("fees.bank")}</dt><dd>{to.bank.clone()}</dd>
            <dt>{i.t("fees.account_number")}</dt><dd><code class="reference">{to.account_number.clone()}</code></dd>
            <dt>{i.t("fees.account_name")}</dt><dd>{to.account_name.clone()}</dd>
        </dl>
        <p class="hint">{i.t_with("fees.write_reference", &[("reference", reference)])}</p>
    }
    .into_any()
}

/// A bill's receipts (a payment's, a refund's reversing one), each with its PDF.
fn receipts_panel(i: I18n, receipts: Vec<ReceiptLine>) -> impl IntoView {
    (!receipts.is_empty()).then(|| {
        view! {
            <section class="panel" id="kuitansi">
                <h2>{i.t("fees.receipts")}</h2>
                <ul class="plain-list">
                    {receipts.into_iter().map(|r| {
                        let key = if r.kind == "refund" { "fees.refund_receipt_line" } else { "fees.receipt_line" };
                        view! {
                            <li class="row-item">
                                <span class="who">{i.t_with(key, &[("number", &r.number), ("amount", &rupiah(r.amount)), ("time", &moment(i, r.issued_at))])}</span>
                                <a class="button secondary small" href=format!("/kuitansi/{}", r.id)>{i.t("fees.receipt_download")}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// A proof's status, with the reason of a rejection.
fn proof_state(i: I18n, p: &ProofLine) -> impl IntoView {
    let status = i.t(&format!("fees.proof_status.{}", p.status));
    let text = match &p.reason {
        Some(reason) => format!("{status}: {reason}"),
        None => status,
    };
    view! { <span class="meta">{text}</span> }
}

/// A proof's file size as people read it.
fn size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} kB", (bytes + 1023) / 1024)
    }
}

/// A bill's history, oldest first.
fn history_list(i: I18n, history: Vec<BillEvent>) -> impl IntoView {
    view! {
        <ul class="plain-list">
            {history.into_iter().map(|e| {
                let what = i.t(&format!("fees.event.{}", e.action));
                view! {
                    <li>
                        <span class="meta">{moment(i, e.at)}</span> " " <strong>{what}</strong>
                        {e.amount.map(|a| format!(" {}", rupiah(a)))}
                        {(!e.detail.is_empty()).then(|| format!(" · {}", e.detail))}
                        <span class="meta">" · " {e.actor_name}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
