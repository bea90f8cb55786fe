//! `/peserta/tagihan` (the participant's bills) and `/peserta/tagihan/:id` (one bill: how to pay,
//! the proof of transfer to upload, the proofs sent and what became of them, the receipt once
//! paid, and the bill's history).

use super::{
    bill_facts, history_list, proof_state, receipts_panel, size_text, status_badge, transfer_panel,
};
use crate::api::fees::{fee_bill, my_bills};
use crate::components::dates::moment;
use crate::components::{loaded, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::BillStatus;
use crate::model::fees::{BillPage, MyBillsPage as Mine};
use crate::model::Role;
use crate::pages::planning::common::rupiah;
use leptos::prelude::*;

/// The participant's bills.
#[component]
pub fn MyBillsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("fees.my_title") children=move |_| {
            let data = Resource::new(|| (), |_| my_bills());
            loaded(i, data, mine_body)
        }/>
    }
}

fn mine_body(i: I18n, p: Mine) -> impl IntoView {
    view! {
        <section class="panel">
            <h1>{i.t("fees.my_title")}</h1>
            <p class="lead">{i.t("fees.my_lead")}</p>
            {p.bills.is_empty().then(|| view! { <p class="empty">{i.t("fees.my_none")}</p> })}
            <ul class="plain-list">
                {p.bills.into_iter().map(|b| {
                    let href = format!("/peserta/tagihan/{}", b.id);
                    let label = if b.status == BillStatus::Unpaid { i.t("fees.pay") } else { i.t("fees.open") };
                    view! {
                        <li class="row-item">
                            <span class="who">
                                <strong>{b.program_title}</strong>
                                <span>{b.cohort_name} " · " {rupiah(b.amount)}</span>
                                <span class="meta">{i.t_with("fees.due_on", &[("date", &crate::components::dates::date(i, &b.due_on))])}</span>
                            </span>
                            {status_badge(i, b.status)}
                            <a class="button small" href=href>{label}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// One of the participant's bills.
#[component]
pub fn MyBillPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("fees.bill_title") children=move |_| {
            let id: i64 = crate::components::route_id();
            let data = Resource::new(move || id, |id| fee_bill(id, false));
            loaded(i, data, bill_body)
        }/>
    }
}

fn bill_body(i: I18n, p: BillPage) -> impl IntoView {
    let id = p.bill.id;
    let how = (p.bill.status == BillStatus::Unpaid).then(|| {
        view! {
            <section class="panel" id="bayar">
                <h2>{i.t("fees.how_to_pay")}</h2>
                {transfer_panel(i, &p.transfer_to, &p.bill.reference)}
            </section>
        }
    });
    let upload = p.may_upload.then(|| {
        view! {
            <form method="post" action=format!("/peserta/tagihan/{id}/bukti") enctype="multipart/form-data">
                <div class="field">
                    <label for="f-file">{i.t("fees.proof_file")}</label>
                    <p class="hint" id="h-file">{i.t("fees.proof_hint")}</p>
                    <input id="f-file" type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp" required aria-describedby="h-file e-file"/>
                    <p class="field-error" id="e-file" data-error-for="file">{crate::components::form_field_error("file")}</p>
                </div>
                <button type="submit" class="button">{i.t("fees.proof_send")}</button>
            </form>
        }
    });
    let terms = matches!(p.bill.status, BillStatus::Unpaid | BillStatus::Paid).then(|| {
        let until = crate::components::dates::date(i, &p.refund.refund_until);
        view! { <p class="hint">{i.t_with("fees.refund_terms", &[("date", &until)])}</p> }
    });
    let receipt = receipts_panel(i, p.receipts.clone());
    view! {
        <section class="panel">
            <p class="eyebrow"><a href="/peserta/tagihan">{i.t("fees.my_title")}</a></p>
            <h1>{i.t("fees.bill_title")}</h1>
            <FormMessage/>
            {bill_facts(i, &p.bill)}
            {terms}
        </section>
        {how}
        {receipt}
        <section class="panel" id="bukti">
            <h2>{i.t("fees.proofs")}</h2>
            {p.proofs.is_empty().then(|| view! { <p class="empty">{i.t("fees.proofs_none")}</p> })}
            <ul class="plain-list">
                {p.proofs.iter().map(|f| view! {
                    <li class="row-item">
                        <span class="who">
                            <a href=format!("/tagihan/bukti/{}", f.id)>{f.file_name.clone()}</a>
                            <span class="meta">{size_text(f.size_bytes)} " · " {moment(i, f.uploaded_at)}</span>
                            {proof_state(i, f)}
                        </span>
                    </li>
                }).collect_view()}
            </ul>
            {upload}
        </section>
        <section class="panel" id="riwayat">
            <h2>{i.t("fees.history")}</h2>
            {history_list(i, p.history)}
        </section>
    }
}
