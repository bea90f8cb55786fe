//! `/notifikasi`: the signed-in person's notifications, newest first, each with a plain form to
//! mark it read (and one for all), so the page works with JavaScript off; and
//! `/notifikasi/pengaturan`: the channel per kind (in the app only, an e-mail at once, or the
//! daily digest).

use crate::api::notifications::{list_notifications, notification_prefs};
use crate::components::dates::moment;
use crate::components::notifications::describe;
use crate::components::{
    form_message, inline_problem, loaded, loaded_or, page_count, pager, SignedInPage, SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::codes::NotificationChannel;
use crate::model::notifications::{NotificationPage, NotificationPrefs, NotificationRow};
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The list of the viewer's notifications.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("notify.title") children=move |_| {
            let page = use_query_map()
                .get_untracked()
                .get("hal")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1);
            let notifications = Resource::new(move || page, |page| list_notifications(Some(page)));
            view! {
                <section class="panel notifications">
                    <h1>{i.t("notify.title")}</h1>
                    <p class="lead">
                        <a href="/notifikasi/pengaturan">{i.t("notify.settings_link")}</a>
                    </p>
                    {form_message(true)}
                    {loaded_or(i, notifications, notification_list, inline_problem)}
                </section>
            }
        }/>
    }
}

fn notification_list(i: I18n, page: NotificationPage) -> impl IntoView {
    let pages = page_count(page.total, page.page_size);
    let current = page.page;
    let summary = i.t_with(
        "notify.unread_summary",
        &[("count", &page.unread.to_string())],
    );
    view! {
        <p class="summary" role="status">{summary}</p>
        {(page.unread > 0).then(|| view! {
            <form method="post" action="/api/mark_all_notifications_read" class="inline-form">
                <button type="submit" class="button secondary small">{i.t("notify.mark_all_read")}</button>
            </form>
        })}
        {if page.items.is_empty() {
            view! { <p class="empty">{i.t("notify.none")}</p> }.into_any()
        } else {
            view! {
                <ul class="notification-list">
                    {page.items.into_iter().map(|n| item(i, n, current)).collect_view()}
                </ul>
            }.into_any()
        }}
        {pager(i, current, pages, |n| format!("/notifikasi?hal={n}"))}
    }
}

fn item(i: I18n, n: NotificationRow, page: i64) -> impl IntoView {
    let unread = n.read_at.is_none();
    let sentence = describe(i.0, n.kind, n.actor_name.as_deref(), &n.subject, &n.detail);
    let class = if unread {
        format!("notification unread {}", n.kind)
    } else {
        format!("notification {}", n.kind)
    };
    view! {
        <li class=class id=format!("n-{}", n.id)>
            {unread.then(|| view! { <span class="badge new">{i.t("notify.new")}</span> " " })}
            <a href=n.link.clone()>{sentence}</a>
            <br/>
            <span class="when">{moment(i, n.created_at)}</span>
            {unread.then(|| view! {
                " "
                <form method="post" action="/api/mark_notification_read" class="inline-form">
                    <input type="hidden" name="notification_id" value=n.id/>
                    <input type="hidden" name="page" value=page.to_string()/>
                    <button type="submit" class="link">{i.t("notify.mark_read")}</button>
                </form>
            })}
        </li>
    }
}

/// The viewer's channel per kind.
#[component]
pub fn NotificationSettingsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("notify.settings_title") children=move |_| {
            let prefs = Resource::new(|| (), |_| notification_prefs());
            view! {
                <section class="panel notification-settings">
                    <h1>{i.t("notify.settings_title")}</h1>
                    {loaded(i, prefs, settings_form)}
                    <p><a href="/notifikasi">{i.t("notify.back_to_list")}</a></p>
                </section>
            }
        }/>
    }
}

fn settings_form(i: I18n, prefs: NotificationPrefs) -> impl IntoView {
    let default_name = i.t(&format!("notify.channel.{}", prefs.default));
    let lead = i.t_with("notify.settings_lead", &[("default", &default_name)]);
    let rows = prefs
        .channels
        .into_iter()
        .map(|(kind, chosen)| {
            let name = kind.as_str();
            let options = NotificationChannel::ALL
                .iter()
                .map(|channel| {
                    let id = format!("c-{name}-{channel}");
                    let label_for = id.clone();
                    view! {
                        <label for=label_for class="choice">
                            <input type="radio" id=id name=name value=channel.as_str() checked={*channel == chosen}/>
                            " " {i.t(&format!("notify.channel.{channel}"))}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="channel">
                    <legend>{i.t(&format!("notify.kind.{kind}"))}</legend>
                    {options}
                    <p class="field-error" data-error-for=name></p>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <p class="lead">{lead}</p>
        {(!prefs.has_email).then(|| view! { <p class="notice" role="status">{i.t("notify.no_email")}</p> })}
        <EnhancedForm action="/api/set_notification_prefs".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
            {form_message(true)}
            {rows}
            <SubmitButton label=i.t("notify.save_settings")/>
        </EnhancedForm>
    }
}
