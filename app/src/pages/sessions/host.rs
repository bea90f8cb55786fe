//! `/sesi/:id`: the host's screen of a session (its staff: admins with the cohort in scope, the
//! cohort's mentors, the host). While check-in is open it shows the rotating code in large type
//! and as a QR code for rooms. The host's own page never reloads itself (a timed reload would take
//! the page from under a screen reader or a half-marked roster); its screen view for a room's
//! projector (`?layar=1`) shows only the code and reloads itself when the code changes (no
//! JavaScript needed). Below: the counts, the roster to mark in bulk, meeting reports and the
//! latest changes.

use super::parts::{session_facts, status_label};
use crate::api::sessions::host_session;
use crate::components::dates::moment;
use crate::components::{loaded, page_count, pager, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::{AttendanceSource, AttendanceStatus};
use crate::model::sessions::{CheckInCode, HostPage};
use crate::model::Role;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

/// The host's page of a session; 404 for anyone who is not its staff.
#[component]
pub fn HostSessionPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("sessions.host_title") children=move |_| {
            let id = crate::components::route_id();
            let query = use_query_map().get_untracked();
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok());
            let screen = query.get("layar").is_some_and(|v| v == "1");
            let data = Resource::new(move || (id, page), |(id, page)| host_session(id, page));
            loaded(i, data, move |i, h| if screen { screen_view(i, h).into_any() } else { body(i, h).into_any() })
        }/>
    }
}

/// The rotating code, large and as a QR code. On the screen view the page reloads itself when the
/// code changes; on the host's page a link opens that view instead.
fn code_panel(i: I18n, h: &HostPage, code: CheckInCode, screen: bool) -> impl IntoView {
    let id = h.session.id;
    let reload = (code.next_at - h.now).clamp(1, 60) + 1;
    let spaced = format!("{} {}", &code.code[..3], &code.code[3..]);
    let changes = moment(i, code.next_at);
    let (hint, link) = if screen {
        (
            i.t_with("sessions.code_changes_screen", &[("time", &changes)]),
            view! { <a class="button secondary small" href=format!("/sesi/{id}#kode")>{i.t("sessions.screen_close")}</a> },
        )
    } else {
        (
            i.t_with("sessions.code_changes", &[("time", &changes)]),
            view! { <a class="button secondary small" href=format!("/sesi/{id}?layar=1")>{i.t("sessions.screen_open")}</a> },
        )
    };
    view! {
        {screen.then(|| view! { <Meta http_equiv="refresh" content=reload.to_string()/> })}
        <section class="panel check-in-code" id="kode">
            <h2>{i.t("sessions.code_now")}</h2>
            <p class="big-code" aria-label=i.t("sessions.code")>{spaced}</p>
            <div class="qr" inner_html=code.qr_svg></div>
            <p class="hint">{hint}</p>
            <p class="meta">{code.check_in_url}</p>
            <p>{link}</p>
        </section>
    }
}

/// The screen view for a room's projector: the session's facts and its code, nothing to operate.
fn screen_view(i: I18n, h: HostPage) -> impl IntoView {
    let id = h.session.id;
    let code = h.code.clone().map(|c| code_panel(i, &h, c, true));
    let closed = h.code.is_none().then(|| {
        view! {
            <section class="panel">
                <p class="hint">{i.t("sessions.check_in_closed_screen")}</p>
                <p><a class="button secondary small" href=format!("/sesi/{id}")>{i.t("sessions.screen_close")}</a></p>
            </section>
        }
    });
    view! {
        <section class="panel">{session_facts(i, &h.session)}</section>
        {code}
        {closed}
    }
}

fn source_label(i: I18n, source: Option<AttendanceSource>) -> String {
    source
        .map(|s| i.t(&format!("sessions.source.{s}")))
        .unwrap_or_default()
}

fn body(i: I18n, h: HostPage) -> impl IntoView {
    let id = h.session.id;
    let area = match crate::components::guard::viewer().map(|u| u.role) {
        Some(Role::Admin) => "admin",
        _ => "mentor",
    };
    let code = h.code.clone().map(|c| code_panel(i, &h, c, false));
    let when = if h.code.is_some() {
        None
    } else if h.now < h.session.check_in_opens_at {
        Some(i.t_with(
            "sessions.opens_at",
            &[("time", &moment(i, h.session.check_in_opens_at))],
        ))
    } else {
        Some(i.t("sessions.check_in_over"))
    };
    let c = &h.counts;
    let counts = i.t_with(
        "sessions.counts",
        &[
            ("present", &c.present.to_string()),
            ("late", &c.late.to_string()),
            ("excused", &c.excused.to_string()),
            ("absent", &c.absent.to_string()),
            ("unmarked", &c.unmarked.to_string()),
        ],
    );
    let page = h.page;
    let pages = page_count(h.roster_total, h.page_size);
    let options = move |current: Option<AttendanceStatus>| {
        let mut all = vec![view! { <option value="">{i.t("sessions.keep")}</option> }.into_any()];
        for s in AttendanceStatus::ALL {
            let selected = current == Some(*s);
            all.push(view! { <option value=s.as_str() selected=selected>{i.t(&format!("sessions.status.{s}"))}</option> }.into_any());
        }
        all
    };
    let empty_roster = h
        .roster
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("sessions.roster_empty")}</p> });
    let roster = view! {
        <section class="panel" id="daftar">
            <h2>{i.t("sessions.roster")}</h2>
            <FormMessage/>
            <p class="summary">{counts}</p>
            <p class="hint">{i.t_with("sessions.threshold", &[("percent", &h.session.threshold_percent.to_string())])}</p>
            {empty_roster}
            <form method="post" action=format!("/sesi/{id}/hadir")>
                <input type="hidden" name="hal" value=page/>
                <table class="table roster">
                    <thead><tr>
                        <th scope="col">{i.t("sessions.participant")}</th>
                        <th scope="col">{i.t("sessions.attendance")}</th>
                        <th scope="col">{i.t("sessions.mark")}</th>
                    </tr></thead>
                    <tbody>
                        {h.roster.into_iter().map(|r| {
                            let field = format!("s{}", r.user_id);
                            let label_id = format!("l-{}", r.user_id);
                            let minutes = r.minutes.map(|m| i.t_with("cohort.minutes", &[("count", &m.to_string())]));
                            view! {
                                <tr>
                                    <td id=label_id.clone()><strong>{r.name}</strong>{r.nip.map(|n| view! { <br/><span class="meta">"NIP " {n}</span> })}</td>
                                    <td>
                                        {status_label(i, r.status)}
                                        <span class="meta">" " {source_label(i, r.source)} {minutes.map(|m| format!(" · {m}"))} {r.joined.then(|| i.t("sessions.joined"))}</span>
                                    </td>
                                    <td><select name=field aria-labelledby=label_id>{options(r.status)}</select></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="button">{i.t("sessions.save_marks")}</button>
            </form>
            {pager(i, page, pages, move |n| format!("/sesi/{id}?hal={n}#daftar"))}
        </section>
    }
    .into_any();
    view! {
        <section class="panel">
            {session_facts(i, &h.session)}
            <p><a class="button secondary small" href=format!("/{area}/angkatan/{}/kehadiran", h.session.cohort_id)>{i.t("sessions.cohort_table")}</a></p>
        </section>
        {code}
        {when.map(|w| view! { <section class="panel"><p class="hint">{w}</p></section> })}
        {roster}
        <section class="panel" id="laporan">
            <h2>{i.t("sessions.reports")}</h2>
            <p class="hint">{i.t("sessions.report_hint")}</p>
            <form method="post" action=format!("/sesi/{id}/laporan") enctype="multipart/form-data">
                <div class="field">
                    <label for="f-file">{i.t("sessions.report_file")}</label>
                    <input id="f-file" type="file" name="file" accept=".csv,text/csv" required/>
                    <p class="field-error" data-error-for="file">{crate::components::form_field_error("file")}</p>
                </div>
                <button type="submit" class="button secondary">{i.t("sessions.report_upload")}</button>
            </form>
            <ul class="plain-list">
                {h.reports.into_iter().map(|r| {
                    let state = match r.applied_at {
                        Some(at) => i.t_with("sessions.report_applied_at", &[("time", &moment(i, at))]),
                        None => i.t("sessions.report_waiting"),
                    };
                    view! {
                        <li class="row-item">
                            <span class="who"><a href=format!("/sesi/{id}/laporan/{}", r.id)>{r.file_name}</a>
                            <span class="meta">{i.t_with("sessions.report_people", &[("count", &r.people.to_string())])} " · " {state}</span></span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="panel" id="riwayat">
            <h2>{i.t("sessions.history")}</h2>
            {h.history.is_empty().then(|| view! { <p class="empty">{i.t("sessions.history_empty")}</p> })}
            <ul class="plain-list">
                {h.history.into_iter().map(|c| view! {
                    <li>
                        <span class="meta">{moment(i, c.at)}</span> " " <strong>{c.participant}</strong> " → " {i.t(&format!("sessions.status.{}", c.status))}
                        {c.minutes.map(|m| format!(" ({m} min)"))}
                        <span class="meta">" · " {i.t(&format!("sessions.source.{}", c.source))} {c.by.map(|b| format!(" · {b}"))}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
