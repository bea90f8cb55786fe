//! `/admin/pengguna`: the accounts within the admin's scope: search, filter, page, create, change role.

use crate::api::admin::{admin_overview, list_accounts};
use crate::components::url::encode_query_value;
use crate::components::{
    filter_form, filter_select, inline_problem, loaded_or, page_count, pager, search_field, Field,
    FormMessage, SelectField, SignedInPage, SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::accounts::AccountPage;
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The account list with its filters, and the form that creates mentor and admin accounts.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("accounts.title") children=move |_| {
            let query = use_query_map().get_untracked();
            let search = query.get("q").unwrap_or_default();
            let role = query.get("peran").unwrap_or_default();
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let accounts = Resource::new(
                {
                    let (search, role) = (search.clone(), role.clone());
                    move || (search.clone(), role.clone(), page)
                },
                |(search, role, page)| list_accounts(Some(search), Some(role), Some(page)),
            );
            let overview = Resource::new(|| (), |_| admin_overview());
            view! {
                <section class="panel">
                    <h1>{i.t("accounts.title")}</h1>
                    {filter_form(i, "/admin/pengguna".to_string(), "accounts.filter", view! {
                        {search_field(i, "q", "accounts.search", search.clone())}
                        {filter_select(i, "peran", "field.role", "accounts.all_roles", &role, Role::ALL.iter().map(|r| (r.code().to_string(), i.t(&format!("role.{}", r.code())))).collect())}
                    })}
                    {loaded_or(i, accounts, move |i, page| account_list(i, page, &search, &role), inline_problem)}
                </section>
                <section class="panel narrow">
                    <h2>{i.t("accounts.create_title")}</h2>
                    <p class="lead">{i.t("accounts.create_lead")}</p>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let institutions = overview.await.map(|o| o.institutions).unwrap_or_default();
                            let options = institutions.into_iter().map(|inst| (inst.id.to_string(), inst.name)).collect::<Vec<_>>();
                            view! {
                                <EnhancedForm action="/api/create_account".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                                    <FormMessage/>
                                    <Field name="name" label=i.t("field.full_name") required=true/>
                                    <Field name="email" label=i.t("field.email") kind="email" inputmode="email" required=true/>
                                    <SelectField name="role" label=i.t("field.role") options=vec![
                                        ("mentor".to_string(), i.t("role.mentor")),
                                        ("admin".to_string(), i.t("role.admin")),
                                    ]/>
                                    <SelectField name="institution_id" label=i.t("field.institution") options=options/>
                                    <Field name="password" label=i.t("field.initial_password") kind="password" autocomplete="new-password" hint=i.t("field.password_hint") required=true/>
                                    <Field name="password_confirm" label=i.t("field.password_confirm") kind="password" autocomplete="new-password" required=true/>
                                    <SubmitButton label=i.t("accounts.create_submit")/>
                                </EnhancedForm>
                            }
                        })}
                    </Suspense>
                </section>
            }
        }/>
    }
}

fn account_list(i: I18n, page: AccountPage, search: &str, role: &str) -> impl IntoView {
    let pages = page_count(page.total, page.page_size);
    let link = |n: i64| {
        format!(
            "/admin/pengguna?q={}&peran={}&hal={n}",
            encode_query_value(search),
            encode_query_value(role)
        )
    };
    let summary = i.t_with("accounts.summary", &[("total", &page.total.to_string())]);
    view! {
        <p class="summary">{summary}</p>
        <ul class="accounts">
            {page.users.into_iter().map(|user| {
                let role_select_id = format!("role-{}", user.id);
                view! {
                    <li class="account">
                        <div class="who">
                            <strong>{user.name}</strong>
                            <span class="email">{crate::components::email_or_dash(user.email.as_deref())}</span>
                            {user.nip.map(|nip| {
                                let shown = crate::model::Nip::parse(&nip).map(|n| n.formatted()).unwrap_or(nip);
                                view! { <span class="nip">"NIP " {shown}</span> }
                            })}
                            {user.institution_name.map(|n| view! { <span class="inst">{n}</span> })}
                        </div>
                        <form class="role-form" method="post" action="/api/change_role">
                            <input type="hidden" name="user_id" value=user.id.0/>
                            <label for=role_select_id.clone() class="visually-hidden">{i.t("field.role")}</label>
                            <select id=role_select_id name="role">
                                {Role::ALL.iter().map(|r| view! {
                                    <option value=r.code() selected=*r == user.role>{i.t(&format!("role.{}", r.code()))}</option>
                                }).collect_view()}
                            </select>
                            <button type="submit" class="button secondary small">{i.t("accounts.change_role")}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        {pager(i, page.page, pages, link)}
    }
}
