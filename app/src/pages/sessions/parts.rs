//! What the session pages share: the facts of a session, and an attendance status as a label.

use crate::components::dates::moment;
use crate::i18n::I18n;
use crate::model::codes::{AttendanceStatus, SessionMode};
use crate::model::sessions::SessionInfo;
use leptos::prelude::*;

/// An attendance status as a coloured label; "not recorded" for none.
pub fn status_label(i: I18n, status: Option<AttendanceStatus>) -> impl IntoView {
    match status {
        Some(s) => {
            let class = format!("badge attendance-{s}");
            view! { <span class=class>{i.t(&format!("sessions.status.{s}"))}</span> }.into_any()
        }
        None => view! { <span class="badge attendance-none">{i.t("sessions.unmarked")}</span> }
            .into_any(),
    }
}

/// The session's heading and facts: when, how long, where, JP, host.
pub fn session_facts(i: I18n, s: &SessionInfo) -> impl IntoView {
    let minutes = i.t_with(
        "cohort.minutes",
        &[("count", &s.duration_minutes.to_string())],
    );
    let place = match (&s.venue, &s.city) {
        (Some(v), Some(c)) => Some(format!("{v}, {c}")),
        (Some(v), None) => Some(v.clone()),
        _ => None,
    };
    view! {
        <p class="eyebrow">{s.program_title.clone()} " · " {s.cohort_name.clone()}</p>
        <h1>{s.title.clone()}</h1>
        <dl class="facts">
            <dt>{i.t("sessions.when")}</dt><dd>{moment(i, s.starts_at)} " · " {minutes}</dd>
            <dt>{i.t("sessions.mode")}</dt><dd>{i.t(&format!("sessions.mode.{}", s.mode))}</dd>
            {place.map(|p| view! { <dt>{i.t("sessions.venue")}</dt><dd>{p}</dd> })}
            <dt>"JP"</dt><dd>{s.jp}</dd>
            {s.host.clone().map(|h| view! { <dt>{i.t("sessions.host")}</dt><dd>{h}</dd> })}
        </dl>
    }
}

/// Whether the session has a meeting link to join.
pub fn has_link(s: &SessionInfo) -> bool {
    s.mode != SessionMode::InPerson && s.meeting_url.is_some()
}
