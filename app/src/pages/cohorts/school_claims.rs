//! `/admin/klaim-sekolah`: the participants who claim a school in the admin's scope on their
//! profile, each with a confirm form (a plain post, so it works with JavaScript off).

use super::common::day_of;
use crate::api::cohorts::school_claims;
use crate::components::{loaded, page_count, pager, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::cohorts::SchoolClaimPage;
use crate::model::{Nip, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The pending claims, oldest first, paged.
#[component]
pub fn SchoolClaimsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("cohort.claims_title") children=move |_| {
            let page = use_query_map()
                .get_untracked()
                .get("hal")
                .and_then(|p| p.parse::<i64>().ok());
            let data = Resource::new(move || page, school_claims);
            view! {
                <section class="panel">
                    <h1>{i.t("cohort.claims_title")}</h1>
                    <p class="lead">{i.t("cohort.claims_lead")}</p>
                    <FormMessage/>
                    {loaded(i, data, claim_list)}
                </section>
            }
        }/>
    }
}

fn claim_list(i: I18n, claims: SchoolClaimPage) -> impl IntoView {
    let pages = page_count(claims.total, claims.page_size);
    let empty = claims
        .rows
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("cohort.claims_none")}</p> });
    view! {
        {empty}
        <ul class="plain-list claims">
            {claims.rows.into_iter().map(|c| {
                let nip = c.nip.as_deref().and_then(|n| Nip::parse(n).ok()).map(|n| n.formatted());
                let typed = c.typed_school_name.filter(|t| !t.is_empty());
                view! {
                    <li class="row-item">
                        <span class="who">
                            <strong>{c.name}</strong>
                            <span class="meta">{crate::components::email_or_dash(c.email.as_deref())}</span>
                            {nip.map(|n| view! { <span class="meta">"NIP " {n}</span> })}
                            <span>{c.school_name} " · NPSN " {c.npsn}</span>
                            {typed.map(|t| view! { <span class="meta">{i.t("cohort.claims_typed")} ": " {t}</span> })}
                            <span class="meta">{day_of(i, c.claimed_at)}</span>
                        </span>
                        <form method="post" action="/api/confirm_school_claim">
                            <input type="hidden" name="user_id" value=c.user_id/>
                            <input type="hidden" name="institution_id" value=c.school_id/>
                            <button type="submit" class="button small">{i.t("cohort.claim_confirm")}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        {(pages > 1).then(|| pager(i, claims.page, pages, |n| format!("/admin/klaim-sekolah?hal={n}")))}
    }
}
