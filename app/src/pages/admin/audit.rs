//! `/admin/audit`: the audit log of the actions within the admin's scope, newest first: a GET
//! filter form (action, actor, dates) that works without JavaScript, a card per entry (readable
//! at 360 px), and keyset pages of 50.

use crate::api::admin::list_audit;
use crate::components::dates::moment;
use crate::components::url::encode_query_value;
use crate::components::{
    filter_form, filter_select, inline_problem, loaded_or, search_field, SignedInPage,
};
use crate::i18n::{use_i18n, I18n};
use crate::model::audit::{AuditAction, AuditEntry, AuditPage};
use crate::model::{wib, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The filters as the page's query string carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Filters {
    action: String,
    actor: String,
    from: String,
    to: String,
}

impl Filters {
    /// The query string of these filters (for the pager's links).
    fn query(&self) -> String {
        format!(
            "action={}&actor={}&from={}&to={}",
            encode_query_value(&self.action),
            encode_query_value(&self.actor),
            encode_query_value(&self.from),
            encode_query_value(&self.to)
        )
    }
}

/// The admin's audit log.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("audit.title") children=move |_| {
            let query = use_query_map().get_untracked();
            let get = |key: &str| query.get(key).unwrap_or_default();
            let filters = Filters { action: get("action"), actor: get("actor"), from: get("from"), to: get("to") };
            let before = query.get("before").and_then(|v| v.parse::<i64>().ok());
            let entries = Resource::new(
                {
                    let filters = filters.clone();
                    move || (filters.clone(), before)
                },
                |(f, before)| list_audit(Some(f.action), Some(f.actor), Some(f.from), Some(f.to), before),
            );
            let actions = AuditAction::ALL.iter().map(|a| (a.code().to_string(), i.t(&a.label_key()))).collect();
            view! {
                <section class="panel">
                    <h1>{i.t("audit.title")}</h1>
                    <p class="lead">{i.t("audit.lead")}</p>
                    <div class="audit-filters">
                        {filter_form(i, "/admin/audit".to_string(), "audit.filter", view! {
                            {filter_select(i, "action", "audit.action", "audit.all_actions", &filters.action, actions)}
                            {search_field(i, "actor", "audit.actor", filters.actor.clone())}
                            {date_field(i, "from", "audit.from", filters.from.clone())}
                            {date_field(i, "to", "audit.to", filters.to.clone())}
                        })}
                    </div>
                    {loaded_or(i, entries, move |i, page| audit_list(i, page, &filters, before.is_some()), inline_problem)}
                </section>
            }
        }/>
    }
}

/// A date box named (and with the id) `name`, labelled `label_key`, holding `value`.
fn date_field(i: I18n, name: &'static str, label_key: &str, value: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{i.t(label_key)}</label>
            <input id=name name=name type="date" value=value/>
        </div>
    }
}

fn audit_list(i: I18n, page: AuditPage, filters: &Filters, paged: bool) -> impl IntoView {
    let query = filters.query();
    let first = paged.then(|| format!("/admin/audit?{query}"));
    let older = page
        .next
        .map(|id| format!("/admin/audit?{query}&before={id}"));
    view! {
        {if page.entries.is_empty() {
            view! { <p class="empty">{i.t("audit.none")}</p> }.into_any()
        } else {
            view! {
                <ol class="audit-list">
                    {page.entries.into_iter().map(|entry| entry_card(i, entry)).collect_view()}
                </ol>
            }.into_any()
        }}
        <nav class="pager" aria-label=i.t("pager.label")>
            {first.map(|href| view! { <a rel="first" href=href>{i.t("audit.newest")}</a> })}
            {older.map(|href| view! { <a rel="next" href=href>{i.t("audit.older")}</a> })}
        </nav>
    }
}

/// A stored value in the reader's language when it is a known code (`mentor`, `approved`),
/// else as stored (a number, a certificate's id).
fn value_text(i: I18n, value: &str) -> String {
    let text = i.t(&format!("audit.value.{value}"));
    if text.starts_with('[') {
        value.to_string()
    } else {
        text
    }
}

/// `YYYY-MM-DDTHH:MMZ`: the instant in UTC, for the `datetime` attribute.
fn utc_stamp(unix: i64) -> String {
    // `date_time_of` writes WIB (UTC+7); shifted back by the offset it writes UTC.
    let utc = wib::date_time_of(unix - wib::WIB_OFFSET);
    format!("{}Z", utc.replace(' ', "T"))
}

fn entry_card(i: I18n, entry: AuditEntry) -> impl IntoView {
    let action = AuditAction::from_code(&entry.action)
        .map_or_else(|| entry.action.clone(), |a| i.t(&a.label_key()));
    let change = match (&entry.old_value, &entry.new_value) {
        (Some(old), Some(new)) => Some(format!("{} → {}", value_text(i, old), value_text(i, new))),
        (None, Some(new)) => Some(value_text(i, new)),
        (Some(old), None) => Some(value_text(i, old)),
        (None, None) => None,
    };
    let role = i.t(&format!("role.{}", entry.actor_role));
    view! {
        <li class=format!("audit-entry {}", entry.action.replace('.', "-"))>
            <span class="action">{action}</span>
            <span class="subject">{entry.summary}</span>
            {change.map(|c| view! { <span class="change">{c}</span> })}
            <span class="meta">
                <span class="actor">{entry.actor_name}</span> " (" {role} ") · "
                <time datetime=utc_stamp(entry.created_at)>{moment(i, entry.created_at)}</time>
                " · " <span class="address">{entry.address}</span>
            </span>
        </li>
    }
}
