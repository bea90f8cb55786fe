//! `/sesi/:id/laporan/:report`: a meeting report waiting for the host: who was matched (by
//! e-mail or name) and with how many minutes, and the rest to match by hand before anything is
//! saved.

use super::parts::session_facts;
use crate::api::sessions::report_preview;
use crate::components::dates::moment;
use crate::components::{loaded, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::sessions::{MatchedBy, ReportPreview};
use crate::model::{LiveSessionId, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A report to confirm; 404 for anyone who is not the session's staff.
#[component]
pub fn ReportPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("sessions.report_title") children=move |_| {
            let params = use_params_map().get_untracked();
            let session = LiveSessionId(params.get("id").and_then(|v| v.parse().ok()).unwrap_or_default());
            let report = params.get("report").and_then(|v| v.parse::<i64>().ok()).unwrap_or_default();
            let data = Resource::new(move || (session, report), |(s, r)| report_preview(s, r));
            loaded(i, data, body)
        }/>
    }
}

fn body(i: I18n, r: ReportPreview) -> impl IntoView {
    let id = r.session.id;
    let present_from = r.present_from_minutes;
    let matched = r.people.iter().filter(|p| p.matched.is_some()).count();
    let summary = i.t_with(
        "sessions.report_summary",
        &[
            ("people", &r.people.len().to_string()),
            ("matched", &matched.to_string()),
            ("minutes", &present_from.to_string()),
        ],
    );
    let applied = r.applied_at.map(|at| view! {
        <p class="notice">{i.t_with("sessions.report_applied_at", &[("time", &moment(i, at))])}</p>
    });
    let open = r.applied_at.is_none();
    let candidates = r.candidates.clone();
    view! {
        <section class="panel">
            {session_facts(i, &r.session)}
            <p><a href=format!("/sesi/{id}#laporan")>{i.t("sessions.back_to_session")}</a></p>
        </section>
        <section class="panel">
            <h2>{r.file_name.clone()}</h2>
            <FormMessage/>
            {applied}
            <p class="summary">{summary}</p>
            <form method="post" action=format!("/sesi/{id}/laporan/{}", r.report_id)>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{i.t("sessions.report_person")}</th>
                        <th scope="col">{i.t("sessions.report_minutes")}</th>
                        <th scope="col">{i.t("sessions.participant")}</th>
                    </tr></thead>
                    <tbody>
                        {r.people.into_iter().enumerate().map(|(at, p)| {
                            let verdict = if p.minutes >= present_from { "sessions.status.present" } else { "sessions.status.absent" };
                            let label_id = format!("rp-{at}");
                            let who = match (p.matched, p.matched_by) {
                                (Some((_, name)), by) => {
                                    let how = if by == Some(MatchedBy::Email) { "sessions.matched_email" } else { "sessions.matched_name" };
                                    view! { <span><strong>{name}</strong><br/><span class="meta">{i.t(how)}</span></span> }.into_any()
                                }
                                (None, _) if open => {
                                    let options = candidates.iter().map(|(uid, name)| view! { <option value=uid.0>{name.clone()}</option> }).collect_view();
                                    view! {
                                        <select name=format!("p{at}") aria-labelledby=label_id.clone()>
                                            <option value="0">{i.t("sessions.match_nobody")}</option>
                                            {options}
                                        </select>
                                    }.into_any()
                                }
                                (None, _) => view! { <span class="meta">{i.t("sessions.match_nobody")}</span> }.into_any(),
                            };
                            view! {
                                <tr>
                                    <td id=label_id><strong>{p.name}</strong>{p.email.map(|e| view! { <br/><span class="meta">{e}</span> })}</td>
                                    <td>{p.minutes} " · " {i.t(verdict)}</td>
                                    <td>{who}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {open.then(|| view! { <button type="submit" class="button">{i.t("sessions.report_apply")}</button> })}
            </form>
        </section>
    }
}
