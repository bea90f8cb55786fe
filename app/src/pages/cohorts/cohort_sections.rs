//! The sections of the admin's cohort page: mentors, live sessions and registrations.

use super::common::{moment, status_badge};
use crate::api::cohorts::{status_key, STATUSES};
use crate::components::{page_count, pager};
use crate::components::{Field, FormMessage, SelectField, SubmitButton};
use crate::i18n::I18n;
use crate::islands::EnhancedForm;
use crate::model::codes::EnrolmentStatus;
use crate::model::cohorts::{CohortDetail, RegistrationPage};
use crate::model::ids::CohortId;
use leptos::prelude::*;

/// A small button that posts to `action` about one item of the cohort: the cohort's id and the
/// item's (`item` is the field's name and the id), labelled with the text of `label`.
fn cohort_item_button(
    i: I18n,
    action: &'static str,
    cohort: CohortId,
    item: (&'static str, i64),
    label: &str,
) -> impl IntoView {
    let (field, id) = item;
    view! {
        <form method="post" action=action>
            <input type="hidden" name="cohort_id" value=cohort/>
            <input type="hidden" name=field value=id/>
            <button type="submit" class="button secondary small">{i.t(label)}</button>
        </form>
    }
}

/// The mentors, each with a remove button, and a form to add one.
pub fn mentors_section(i: I18n, d: &CohortDetail) -> impl IntoView {
    let cohort = d.cohort.cohort.id;
    let empty = d
        .mentors
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("cohort.no_mentors")}</p> });
    let mut options = vec![(String::new(), i.t("cohort.choose_mentor"))];
    options.extend(d.mentor_options.iter().map(|m| {
        (
            m.id.to_string(),
            format!(
                "{} ({})",
                m.name,
                crate::components::email_or_dash(m.email.as_deref())
            ),
        )
    }));
    let add = (!d.mentor_options.is_empty()).then(|| view! {
        <EnhancedForm action="/api/add_cohort_mentor".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
            <input type="hidden" name="cohort_id" value=cohort/>
            <SelectField name="user_id" label=i.t("cohort.add_mentor") options=options/>
            <SubmitButton label=i.t("cohort.add_mentor_submit") secondary=true/>
        </EnhancedForm>
    });
    view! {
        <section class="panel" id="mentor">
            <h2>{i.t("cohort.mentors")}</h2>
            {empty}
            <ul class="plain-list">
                {d.mentors.iter().map(|m| view! {
                    <li class="row-item">
                        <span class="who"><strong>{m.name.clone()}</strong><span class="meta">{crate::components::email_or_dash(m.email.as_deref())}</span></span>
                        {cohort_item_button(i, "/api/remove_cohort_mentor", cohort, ("user_id", m.id.into()), "cohort.remove")}
                    </li>
                }).collect_view()}
            </ul>
            {add}
        </section>
    }
}

/// The live-session schedule in time order, and a form to add a session.
pub fn sessions_section(i: I18n, d: &CohortDetail) -> impl IntoView {
    let cohort = d.cohort.cohort.id;
    let empty = d
        .sessions
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("cohort.no_sessions")}</p> });
    let mode_options: Vec<(String, String)> = crate::model::codes::SessionMode::ALL
        .iter()
        .map(|m| (m.as_str().to_string(), i.t(&format!("sessions.mode.{m}"))))
        .collect();
    let mut host_options = vec![(String::new(), i.t("sessions.add_host_none"))];
    host_options.extend(d.mentors.iter().map(|m| (m.id.to_string(), m.name.clone())));
    view! {
        <section class="panel" id="sesi">
            <h2>{i.t("cohort.sessions")}</h2>
            {empty}
            <ul class="plain-list">
                {d.sessions.iter().map(|s| {
                    let minutes = i.t_with("cohort.minutes", &[("count", &s.duration_minutes.to_string())]);
                    view! {
                        <li class="row-item">
                            <span class="who">
                                <strong>{s.title.clone()}</strong>
                                <span class="meta">{moment(i, s.starts_at)} " · " {minutes} " · " {s.jp} " JP · " {i.t(&format!("sessions.mode.{}", s.mode))}</span>
                                {s.venue.clone().map(|v| view! { <span class="meta">{v} {s.city.clone().map(|c| format!(", {c}"))}</span> })}
                                {s.meeting_url.clone().map(|u| view! { <a class="link" href=u.clone() rel="noopener noreferrer" target="_blank">{u.clone()}</a> })}
                                {s.host.clone().map(|h| view! { <span class="meta">{i.t("sessions.host")} ": " {h}</span> })}
                            </span>
                            <a class="button small" href=format!("/sesi/{}", s.id)>{i.t("sessions.open")}</a>
                            {cohort_item_button(i, "/api/delete_live_session", cohort, ("session_id", s.id.into()), "cohort.delete")}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{i.t("cohort.add_session")}</h3>
            <EnhancedForm action="/api/add_live_session".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                <FormMessage/>
                <input type="hidden" name="cohort_id" value=cohort/>
                <Field name="title" label=i.t("cohort.session_title") required=true/>
                <Field name="date" label=i.t("cohort.session_date") kind="date" required=true/>
                <Field name="time" label=i.t("cohort.session_time") kind="time" hint=i.t("cohort.session_time_hint") required=true/>
                <Field name="duration_minutes" label=i.t("cohort.session_duration") kind="number" inputmode="numeric" value="90".to_string() required=true/>
                <SelectField name="mode" label=i.t("sessions.add_mode") options=mode_options/>
                <Field name="meeting_url" label=i.t("cohort.session_url") kind="url" inputmode="url" hint=i.t("sessions.url_hint_mode")/>
                <Field name="venue" label=i.t("sessions.add_venue")/>
                <Field name="city" label=i.t("sessions.add_city")/>
                <Field name="jp" label=i.t("sessions.add_jp") kind="number" inputmode="numeric" hint=i.t_with("sessions.add_jp_hint", &[("minutes", "45")])/>
                <SelectField name="host_user_id" label=i.t("sessions.add_host") options=host_options/>
                <Field name="host_name" label=i.t("sessions.add_host_name")/>
                <SubmitButton label=i.t("cohort.add_session_submit") secondary=true/>
            </EnhancedForm>
        </section>
    }
}

/// Registrations in one status, with approve and reject (reason required) for open ones.
pub fn registrations_section(
    i: I18n,
    cohort: i64,
    status: &str,
    page: RegistrationPage,
) -> impl IntoView {
    let base = format!("/admin/angkatan/{cohort}");
    let tabs = STATUSES.iter().map(|s| {
        let current = *s == status;
        view! {
            <a href=format!("{base}?status={s}#pendaftar") class:current=current aria-current=current.then_some("page")>{i.t(status_key(s))}</a>
        }
    }).collect_view();
    let empty = page
        .rows
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("cohort.no_registrations")}</p> });
    let decidable = matches!(status, "applied" | "waitlisted");
    let status_owned = status.to_string();
    let link = move |n: i64| format!("{base}?status={status_owned}&hal={n}#pendaftar");
    view! {
        <section class="panel" id="pendaftar">
            <h2>{i.t("cohort.registrations")}</h2>
            <nav class="tabs" aria-label=i.t("cohort.registrations")>{tabs}</nav>
            <FormMessage/>
            <p class="summary">{i.t_with("cohort.summary_registrations", &[("total", &page.total.to_string())])}</p>
            {empty}
            <ul class="plain-list registrations">
                {page.rows.into_iter().map(|r| {
                    let reason_id = format!("reason-{}", r.id);
                    let nip = r.nip.map(|n| crate::model::Nip::parse(&n).map(|p| p.formatted()).unwrap_or(n));
                    view! {
                        <li class="registration">
                            <div class="who">
                                <strong>{r.name}</strong>
                                <span class="meta">{crate::components::email_or_dash(r.email.as_deref())}</span>
                                {nip.map(|n| view! { <span class="meta">"NIP " {n}</span> })}
                                {r.school_name.map(|s| view! { <span class="meta">{s}</span> })}
                                {status_badge(i, r.status)}
                                {r.reason.map(|reason| view! { <span class="meta">{i.t("cohort.reason")} ": " {reason}</span> })}
                            </div>
                            {decidable.then(|| view! {
                                <div class="decide">
                                    {(r.status == EnrolmentStatus::Applied).then(|| view! {
                                        <form method="post" action="/api/approve_registration">
                                            <input type="hidden" name="enrolment_id" value=r.id/>
                                            <button type="submit" class="button small">{i.t("cohort.approve")}</button>
                                        </form>
                                    })}
                                    <form method="post" action="/api/reject_registration" class="reject-form">
                                        <input type="hidden" name="enrolment_id" value=r.id/>
                                        <label for=reason_id.clone() class="visually-hidden">{i.t("cohort.reason")}</label>
                                        <input id=reason_id name="reason" type="text" placeholder=i.t("cohort.reason_placeholder")/>
                                        <button type="submit" class="button secondary small">{i.t("cohort.reject")}</button>
                                    </form>
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {pager(i, page.page, page_count(page.total, page.page_size), link)}
        </section>
    }
}
