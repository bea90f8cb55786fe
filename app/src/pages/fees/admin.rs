//! `/admin/angkatan/:id/tagihan` (a cohort's bills: the totals, the receiving account, the bills
//! with a proof waiting first) and `/admin/tagihan/:id` (one bill: each proof to confirm or
//! reject with a reason, confirming without a proof, a waiver, the receipt and the history).

use super::{bill_facts, history_list, proof_state, receipts_panel, size_text, status_badge};
use crate::api::fees::{cohort_bills, fee_bill};
use crate::components::dates::moment;
use crate::components::{loaded, page_count, pager, Field, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::{BillStatus, ProofStatus};
use crate::model::fees::{BillPage, CohortBillsPage as Bills};
use crate::model::Role;
use crate::pages::planning::common::rupiah;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A cohort's bills.
#[component]
pub fn CohortBillsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("fees.cohort_title") children=move |_| {
            let id: i64 = crate::components::route_id();
            let page = use_query_map().get_untracked().get("hal").and_then(|p| p.parse::<i64>().ok());
            let data = Resource::new(move || (id, page), |(id, page)| cohort_bills(id, page));
            loaded(i, data, cohort_body)
        }/>
    }
}

fn cohort_body(i: I18n, p: Bills) -> impl IntoView {
    let cohort = p.cohort_id;
    let t = &p.totals;
    let totals = view! {
        <dl class="facts">
            <dt>{i.t("fees.total_billed")}</dt><dd>{rupiah(t.billed)}</dd>
            <dt>{i.t("fees.total_collected")}</dt><dd>{rupiah(t.collected)} " " <span class="meta">{i.t_with("fees.bills_paid", &[("paid", &t.paid.to_string()), ("bills", &t.bills.to_string())])}</span></dd>
            <dt>{i.t("fees.total_outstanding")}</dt><dd>{rupiah(t.outstanding)}</dd>
            <dt>{i.t("fees.total_waived")}</dt><dd>{rupiah(t.waived)}</dd>
            <dt>{i.t("fees.total_refunded")}</dt><dd>{rupiah(t.refunded)}</dd>
        </dl>
    };
    let fee = match p.fee_amount {
        Some(fee) => i.t_with("fees.program_fee", &[("amount", &rupiah(fee))]),
        None => i.t("fees.program_not_fee"),
    };
    let pages = page_count(p.total, p.page_size);
    let page = p.page;
    let account = p.transfer_to.clone();
    let cut_off_now = {
        let date = crate::components::dates::date(i, &p.refund_until);
        if p.refund_until_set {
            i.t_with("fees.cut_off_set", &[("date", &date)])
        } else {
            i.t_with("fees.cut_off_default", &[("date", &date)])
        }
    };
    let cut_off_value = p.refund_until.clone();
    view! {
        <section class="panel">
            <p class="eyebrow"><a href=format!("/admin/angkatan/{cohort}")>{p.program_title.clone()} " · " {p.cohort_name.clone()}</a></p>
            <h1>{i.t("fees.cohort_title")}</h1>
            <FormMessage/>
            <p class="lead">{fee}</p>
            {totals}
        </section>
        <section class="panel" id="daftar">
            <h2>{i.t("fees.bills")}</h2>
            {p.bills.is_empty().then(|| view! { <p class="empty">{i.t("fees.cohort_none")}</p> })}
            <ul class="plain-list">
                {p.bills.into_iter().map(|b| {
                    let waiting = (b.waiting_proofs > 0).then(|| view! {
                        <span class="badge status-applied">{i.t_with("fees.proofs_waiting", &[("count", &b.waiting_proofs.to_string())])}</span>
                    });
                    let payer = b.partner_name.clone().map(|p| format!(" · {p}"));
                    view! {
                        <li class="row-item">
                            <span class="who">
                                <a href=format!("/admin/tagihan/{}", b.id)><strong>{b.participant_name}</strong></a>
                                <span class="meta">{b.reference} " · " {rupiah(b.amount)} {payer}</span>
                            </span>
                            {waiting}
                            {status_badge(i, b.status)}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {pager(i, page, pages, move |n| format!("/admin/angkatan/{cohort}/tagihan?hal={n}#daftar"))}
        </section>
        <section class="panel" id="rekening">
            <h2>{i.t("fees.account_title")}</h2>
            <p class="hint">{i.t("fees.account_hint")}</p>
            <form method="post" action=format!("/admin/angkatan/{cohort}/rekening")>
                <Field name="bank" label=i.t("fees.bank") required=true value=account.bank.clone()/>
                <Field name="account_number" label=i.t("fees.account_number") inputmode="numeric" required=true value=account.account_number.clone()/>
                <Field name="account_name" label=i.t("fees.account_name") required=true value=account.account_name.clone()/>
                <button type="submit" class="button secondary">{i.t("fees.account_save")}</button>
            </form>
        </section>
        <section class="panel" id="pengembalian">
            <h2>{i.t("fees.cut_off_title")}</h2>
            <p class="hint">{i.t("fees.cut_off_hint")}</p>
            <p>{cut_off_now}</p>
            <form method="post" action=format!("/admin/angkatan/{cohort}/batas-pengembalian")>
                <Field name="refund_until" label=i.t("fees.cut_off_field") kind="date" required=true value=cut_off_value/>
                <button type="submit" class="button secondary">{i.t("fees.cut_off_save")}</button>
            </form>
        </section>
    }
}

/// One bill, for an admin.
#[component]
pub fn AdminBillPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("fees.bill_title") children=move |_| {
            let id: i64 = crate::components::route_id();
            let data = Resource::new(move || id, |id| fee_bill(id, true));
            loaded(i, data, bill_body)
        }/>
    }
}

/// The reason field of a rejection or waiver form, with its error slot.
fn reason_field(id: String, label: String) -> impl IntoView {
    let error = crate::components::form_field_error("reason");
    let error_id = format!("{id}-e");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea id=id name="reason" rows="2" maxlength="500" required aria-describedby=error_id.clone()></textarea>
            <p class="field-error" id=error_id data-error-for="reason">{error}</p>
        </div>
    }
}

/// A paid bill's refund: the form when its participant withdrew by the cut-off (or was
/// removed), or why there is none when they withdrew after it.
fn refund_panel(i: I18n, p: &BillPage) -> Option<impl IntoView> {
    if p.bill.status != BillStatus::Paid {
        return None;
    }
    let until = crate::components::dates::date(i, &p.refund.refund_until);
    let withdrawn = p
        .refund
        .withdrawn_on
        .as_ref()
        .map(|d| crate::components::dates::date(i, d));
    let id = p.bill.id;
    let body = match (p.refund.due, withdrawn) {
        (true, Some(date)) => {
            Some(i.t_with("fees.refund_due", &[("date", &date), ("until", &until)]))
        }
        (true, None) => Some(i.t("fees.refund_removed")),
        (false, Some(date)) => return Some(
            view! {
                <section class="panel" id="kembalikan">
                    <h2>{i.t("fees.refund_title")}</h2>
                    <p>{i.t_with("fees.refund_too_late", &[("date", &date), ("until", &until)])}</p>
                </section>
            }
            .into_any(),
        ),
        (false, None) => None,
    }?;
    let note_error = crate::components::form_field_error("note");
    let note_typed = crate::components::form::form_field_value("note").unwrap_or_default();
    Some(view! {
        <section class="panel" id="kembalikan">
            <h2>{i.t("fees.refund_title")}</h2>
            <p>{body}</p>
            <form method="post" action=format!("/admin/tagihan/{id}/kembalikan")>
                <Field name="paid_to" label=i.t("fees.refund_paid_to") hint=i.t("fees.refund_paid_to_hint") required=true/>
                <div class="field">
                    <label for="f-note">{i.t("fees.refund_note")}</label>
                    <textarea id="f-note" name="note" rows="2" maxlength="500" aria-describedby="e-note" inner_html=crate::components::form::textarea_text(&note_typed)></textarea>
                    <p class="field-error" id="e-note" data-error-for="note">{note_error}</p>
                </div>
                <button type="submit" class="button secondary">{i.t("fees.refund_submit")}</button>
            </form>
        </section>
    }.into_any())
}

fn bill_body(i: I18n, p: BillPage) -> impl IntoView {
    let id = p.bill.id;
    let unpaid = p.bill.status == BillStatus::Unpaid;
    let receipt = receipts_panel(i, p.receipts.clone());
    let refund = refund_panel(i, &p);
    let proofs = p.proofs.iter().map(|f| {
        let waiting = unpaid && f.status == ProofStatus::Waiting;
        let actions = waiting.then(|| {
            let proof = f.id.to_string();
            view! {
                <form method="post" action=format!("/admin/tagihan/{id}/konfirmasi")>
                    <input type="hidden" name="proof" value=proof.clone()/>
                    <button type="submit" class="button small">{i.t("fees.confirm_with_proof")}</button>
                </form>
                <details>
                    <summary>{i.t("fees.reject")}</summary>
                    <form method="post" action=format!("/admin/tagihan/{id}/tolak")>
                        <input type="hidden" name="proof" value=proof.clone()/>
                        {reason_field(format!("f-reason-{proof}"), i.t("fees.reject_reason"))}
                        <button type="submit" class="button secondary small">{i.t("fees.reject")}</button>
                    </form>
                </details>
            }
        });
        view! {
            <li class="row-item" id=format!("bukti-{}", f.id)>
                <span class="who">
                    <a href=format!("/tagihan/bukti/{}", f.id)>{f.file_name.clone()}</a>
                    <span class="meta">{size_text(f.size_bytes)} " · " {moment(i, f.uploaded_at)}</span>
                    {proof_state(i, f)}
                </span>
                {actions}
            </li>
        }
    }).collect_view();
    let decide = unpaid.then(|| {
        view! {
            <section class="panel" id="bebaskan">
                <h2>{i.t("fees.decide")}</h2>
                <form method="post" action=format!("/admin/tagihan/{id}/konfirmasi")>
                    <p class="hint">{i.t("fees.confirm_without_proof_hint")}</p>
                    <button type="submit" class="button secondary">{i.t("fees.confirm_without_proof")}</button>
                </form>
                <form method="post" action=format!("/admin/tagihan/{id}/bebaskan")>
                    {reason_field("f-reason-waive".to_string(), i.t("fees.waive_reason"))}
                    <button type="submit" class="button secondary">{i.t("fees.waive")}</button>
                </form>
            </section>
        }
    });
    view! {
        <section class="panel">
            <p class="eyebrow"><a href=format!("/admin/angkatan/{}/tagihan", p.bill.cohort_id)>{i.t("fees.cohort_title")} " · " {p.bill.cohort_name.clone()}</a></p>
            <h1>{i.t("fees.bill_title")}</h1>
            <FormMessage/>
            {bill_facts(i, &p.bill)}
        </section>
        {receipt}
        <section class="panel" id="bukti">
            <h2>{i.t("fees.proofs")}</h2>
            {p.proofs.is_empty().then(|| view! { <p class="empty">{i.t("fees.proofs_none")}</p> })}
            <ul class="plain-list">{proofs}</ul>
        </section>
        {decide}
        {refund}
        <section class="panel" id="riwayat">
            <h2>{i.t("fees.history")}</h2>
            {history_list(i, p.history)}
        </section>
    }
}
