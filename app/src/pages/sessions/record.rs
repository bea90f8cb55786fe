//! `/peserta/jp`: the participant's JP record: per year, the JP earned in each cohort from the
//! sessions they attended, against the 20 JP a year civil servants need.

use crate::api::sessions::my_jp_record;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::sessions::JpRecord;
use crate::model::Role;
use leptos::prelude::*;

/// The participant's JP record.
#[component]
pub fn JpRecordPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("sessions.jp_title") children=move |_| {
            let data = Resource::new(|| (), |_| my_jp_record());
            loaded(i, data, body)
        }/>
    }
}

fn body(i: I18n, r: JpRecord) -> impl IntoView {
    let this_year = r
        .years
        .iter()
        .find(|y| y.year == r.current_year)
        .map(|y| y.total)
        .unwrap_or(0);
    let percent = (this_year * 100 / r.yearly_minimum.max(1)).min(100);
    let summary = i.t_with(
        "sessions.jp_this_year",
        &[
            ("jp", &this_year.to_string()),
            ("minimum", &r.yearly_minimum.to_string()),
            ("year", &r.current_year.to_string()),
        ],
    );
    let empty = r
        .years
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("sessions.jp_none")}</p> });
    view! {
        <section class="panel">
            <h1>{i.t("sessions.jp_title")}</h1>
            <p class="jp-summary"><strong>{summary}</strong></p>
            <progress max="100" value=percent aria-label=i.t("sessions.jp_progress")>{percent} "%"</progress>
            <p class="hint">{i.t("sessions.jp_explained")}</p>
        </section>
        {empty}
        {r.years.into_iter().map(|y| view! {
            <section class="panel">
                <h2>{i.t_with("sessions.jp_year", &[("year", &y.year.to_string()), ("jp", &y.total.to_string())])}</h2>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{i.t("sessions.program")}</th>
                        <th scope="col">{i.t("sessions.sessions_attended")}</th>
                        <th scope="col">"JP"</th>
                    </tr></thead>
                    <tbody>
                        {y.lines.into_iter().map(|l| view! {
                            <tr>
                                <td><a href=format!("/peserta/angkatan/{}", l.cohort_id)>{l.program_title}</a><br/><span class="meta">{l.cohort_name}</span></td>
                                <td>{i.t_with("sessions.attended_of", &[("attended", &l.sessions_attended.to_string()), ("held", &l.sessions_held.to_string()), ("total", &l.sessions_total.to_string())])}</td>
                                <td><strong>{l.jp}</strong></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }).collect_view()}
        <section class="panel">
            <h2>{i.t("sessions.calendar")}</h2>
            <p class="hint">{i.t("sessions.calendar_hint")}</p>
            <p><a class="link" href=r.calendar_url.clone()>{r.calendar_url.clone()}</a></p>
        </section>
    }
}
