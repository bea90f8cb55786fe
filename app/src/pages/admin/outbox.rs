//! `/admin/surel`: the outgoing e-mail to the accounts within the admin's scope: counts per
//! status, a status filter, and each message with its attempts and last error.

use crate::api::admin::list_outbox;
use crate::components::dates::moment;
use crate::components::url::encode_query_value;
use crate::components::{
    filter_form, filter_select, inline_problem, loaded_or, page_count, pager, SignedInPage,
};
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::OutboxStatus;
use crate::model::outbox::{OutboxEntry, OutboxPage};
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The admin's list of outgoing e-mail.
#[component]
pub fn OutboxListPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("outbox.title") children=move |_| {
            let query = use_query_map().get_untracked();
            let status = query.get("status").unwrap_or_default();
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let messages = Resource::new(
                {
                    let status = status.clone();
                    move || (status.clone(), page)
                },
                |(status, page)| list_outbox(Some(status), Some(page)),
            );
            view! {
                <section class="panel">
                    <h1>{i.t("outbox.title")}</h1>
                    <p class="lead">{i.t("outbox.lead")}</p>
                    {filter_form(i, "/admin/surel".to_string(), "outbox.filter", view! {
                        {filter_select(i, "status", "outbox.status", "outbox.all_statuses", &status, OutboxStatus::ALL.iter().map(|s| (s.as_str().to_string(), i.t(&format!("outbox.status.{s}")))).collect())}
                    })}
                    {loaded_or(i, messages, move |i, page| outbox_list(i, page, &status), inline_problem)}
                </section>
            }
        }/>
    }
}

fn outbox_list(i: I18n, page: OutboxPage, status: &str) -> impl IntoView {
    let pages = page_count(page.total, page.page_size);
    let link = |n: i64| format!("/admin/surel?status={}&hal={n}", encode_query_value(status));
    let summary = i.t_with("outbox.summary", &[("total", &page.total.to_string())]);
    view! {
        {(!page.smtp_configured).then(|| view! { <p class="notice" role="status">{i.t("outbox.smtp_off")}</p> })}
        <ul class="stats" aria-label=i.t("outbox.counts_label")>
            {page.counts.iter().map(|(status, count)| view! {
                <li class=format!("outbox-count {status}")>
                    <a href=format!("/admin/surel?status={status}")>
                        <span class="stat">{*count}</span> " " <span>{i.t(&format!("outbox.status.{status}"))}</span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
        <p class="summary">{summary}</p>
        {if page.entries.is_empty() {
            view! { <p class="empty">{i.t("outbox.none")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("core.scroll_table")>
                    <table class="outbox">
                        <thead><tr>
                            <th scope="col">{i.t("outbox.to")}</th>
                            <th scope="col">{i.t("outbox.subject")}</th>
                            <th scope="col">{i.t("outbox.status")}</th>
                            <th scope="col">{i.t("outbox.attempts")}</th>
                            <th scope="col">{i.t("outbox.created_at")}</th>
                            <th scope="col">{i.t("outbox.last_error")}</th>
                        </tr></thead>
                        <tbody>
                            {page.entries.into_iter().map(|entry| entry_row(i, entry)).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {pager(i, page.page, pages, link)}
    }
}

fn entry_row(i: I18n, entry: OutboxEntry) -> impl IntoView {
    let when = match entry.status {
        OutboxStatus::Sent => entry
            .sent_at
            .map(|at| format!("{}: {}", i.t("outbox.sent_at"), moment(i, at))),
        OutboxStatus::Queued if entry.attempts > 0 => Some(format!(
            "{}: {}",
            i.t("outbox.next_attempt"),
            moment(i, entry.next_attempt_at)
        )),
        _ => None,
    };
    view! {
        <tr class=format!("outbox-message {}", entry.status)>
            <td><strong>{entry.to_name}</strong><br/><span class="email">{entry.to_email}</span></td>
            <td>{entry.subject}<br/><span class="kind">{entry.kind}</span></td>
            <td>
                <span class=format!("status {}", entry.status)>{i.t(&format!("outbox.status.{}", entry.status))}</span>
                {when.map(|w| view! { <br/><span class="when">{w}</span> })}
            </td>
            <td>{entry.attempts}</td>
            <td>{moment(i, entry.created_at)}</td>
            <td class="error">{entry.last_error.unwrap_or_default()}</td>
        </tr>
    }
}
