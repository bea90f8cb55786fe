//! `/peserta/rekam-jejak`: a teacher's development record: JP per year against the 20 JP a year,
//! every training with its result and certificate, the credit each contributes under the rules
//! of its period (an estimate), what the next rank asks, and the evidence portfolio to download.

use crate::api::record::my_development_record;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::credit::{Credit, RuleSet};
use crate::model::record::DevelopmentRecord;
use crate::model::Role;
use leptos::prelude::*;

/// The caller's development record.
#[component]
pub fn DevelopmentRecordPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("record.title") children=move |_| {
            let data = Resource::new(|| (), |_| my_development_record());
            loaded(i, data, body)
        }/>
    }
}

fn coefficient(tenths: i64) -> String {
    Credit(tenths * 100).to_string()
}

fn body(i: I18n, r: DevelopmentRecord) -> impl IntoView {
    let this_year = r
        .years
        .iter()
        .find(|y| y.year == r.current_year)
        .map(|y| y.total)
        .unwrap_or(0);
    let percent = (this_year * 100 / r.yearly_minimum.max(1)).min(100);
    let summary = i.t_with(
        "record.jp_this_year",
        &[
            ("jp", &this_year.to_string()),
            ("minimum", &r.yearly_minimum.to_string()),
            ("year", &r.current_year.to_string()),
        ],
    );
    let who = [r.nip.clone().map(|n| format!("NIP {n}")), r.rank.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let empty = r
        .trainings
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("record.no_trainings")}</p> });
    let step = r.legacy_step.clone().map(|s| view! {
        <p>{i.t_with("record.legacy_step", &[
            ("from", &s.from), ("to", &s.to), ("needed", &s.needed.to_string()),
            ("pd", &s.self_development_minimum.to_string()), ("pi", &s.publications_minimum.to_string()),
        ])}</p>
        <p>{i.t_with("record.legacy_total", &[("credit", &r.legacy_credit_total.to_string())])}</p>
    });
    let jenjang = r.jenjang.clone().map(|j| view! {
        <p>{i.t_with("record.jenjang", &[
            ("jenjang", &j.name), ("coefficient", &coefficient(j.coefficient_tenths)),
            ("good_year", &j.good_year.to_string()), ("next_rank", &j.needed_for_next_rank.to_string()),
        ])}</p>
    });
    view! {
        <section class="panel">
            <h1>{i.t("record.title")}</h1>
            <p><strong>{r.name.clone()}</strong><br/><span class="meta">{who}</span></p>
            <p class="jp-summary"><strong>{summary}</strong></p>
            <progress max="100" value=percent aria-label=i.t("record.jp_progress")>{percent} "%"</progress>
            <p><a class="button" href="/peserta/portofolio.zip" download>{i.t("record.portfolio")}</a></p>
            <p class="hint">{i.t("record.portfolio_hint")}</p>
        </section>
        <section class="panel">
            <h2>{i.t("record.trainings")}</h2>
            {empty}
            <ul class="plain-list">
                {r.trainings.iter().map(|t| {
                    let result = match t.passed {
                        Some(true) => i.t("completion.passed"),
                        Some(false) => i.t("completion.not_passed"),
                        None => i.t("record.undecided"),
                    };
                    let credit = match (&t.certificate, t.legacy_credit, t.rule_set) {
                        (_, Some(c), _) => i.t_with("record.credit_legacy", &[("credit", &c.to_string())]),
                        (Some(_), None, RuleSet::Current2023) => i.t("record.credit_evidence"),
                        _ => String::new(),
                    };
                    let cohort = t.cohort_id;
                    view! {
                        <li class="row-item">
                            <span class="who">
                                <strong>{t.program_title.clone()}</strong>
                                <span class="meta">{t.cohort_name.clone()} " · " {t.starts_on.clone()} " – " {t.ends_on.clone()} " · " {t.program_jp} " JP"</span>
                                <span class="meta">{result}</span>
                                {t.certificate.clone().map(|c| view! {
                                    <span class="meta">{i.t("record.certificate")} " " {c.number.clone()} " · " {c.jp} " JP"</span>
                                    <a class="link" href=format!("/sertifikat/{}", c.code)>{i.t("record.open_certificate")}</a>
                                })}
                                {(!credit.is_empty()).then(|| view! { <span class="meta">{credit.clone()}</span> })}
                            </span>
                            <a class="button secondary small" href=format!("/peserta/angkatan/{cohort}/kelulusan")>{i.t("completion.link")}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="panel">
            <h2>{i.t("record.credit")}</h2>
            <p class="hint">{i.t("record.estimate")}</p>
            {step}
            {jenjang}
        </section>
        <section class="panel">
            <h2>{i.t("record.years")}</h2>
            <table class="table">
                <thead><tr><th scope="col">{i.t("record.year")}</th><th scope="col">{i.t("record.jp_sessions")}</th><th scope="col">{i.t("record.jp_certified")}</th></tr></thead>
                <tbody>
                    {r.years.iter().map(|y| {
                        let certified = r.certified_jp.iter().find(|(year, _)| *year == y.year).map(|(_, jp)| *jp).unwrap_or(0);
                        view! { <tr><td>{y.year}</td><td>{y.total}</td><td>{certified}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <p><a class="link" href="/peserta/jp">{i.t("record.jp_details")}</a></p>
        </section>
    }
}
