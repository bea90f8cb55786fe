//! `/peserta/sesi/:id`: a session as its participant sees it: when and where, the join link
//! (which records the click), their attendance, and the check-in form while it is open. The QR
//! code on the host's screen opens this page with `?kode=` filled in: one tap checks in.

use super::parts::{has_link, session_facts, status_label};
use crate::api::sessions::participant_session;
use crate::components::dates::moment;
use crate::components::{loaded, Field, FormMessage, SignedInPage, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::sessions::ParticipantSessionPage as Page;
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The participant's page of one session; 404 unless they are approved in its cohort.
#[component]
pub fn ParticipantSessionPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("sessions.title") children=move |_| {
            let id = crate::components::route_id();
            let code = use_query_map().get_untracked().get("kode");
            let data = Resource::new(move || id, participant_session);
            loaded(i, data, move |i, p| body(i, p, code.clone()))
        }/>
    }
}

fn body(i: I18n, p: Page, code: Option<String>) -> impl IntoView {
    let s = &p.session;
    let id = s.id;
    let open = (s.check_in_opens_at..s.check_in_closes_at).contains(&p.now);
    let attended = p.status.is_some_and(|st| st.earns_jp());
    let check_in = if attended {
        view! { <p class="notice">{i.t("sessions.you_are_in")}</p> }.into_any()
    } else if open {
        view! {
            <EnhancedForm action="/api/check_in".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                <FormMessage/>
                <input type="hidden" name="session_id" value=id/>
                <Field name="code" label=i.t("sessions.code") inputmode="numeric" autocomplete="one-time-code" hint=i.t("sessions.code_hint") value=code.unwrap_or_default() required=true/>
                <SubmitButton label=i.t("sessions.check_in")/>
            </EnhancedForm>
        }
        .into_any()
    } else if p.now < s.check_in_opens_at {
        view! { <p class="hint">{i.t_with("sessions.opens_at", &[("time", &moment(i, s.check_in_opens_at))])}</p> }.into_any()
    } else {
        view! { <p class="hint">{i.t("sessions.check_in_over")}</p> }.into_any()
    };
    let join = has_link(s).then(|| {
        view! {
            <p><a class="button" href=format!("/sesi/{id}/gabung") rel="noopener">{i.t("cohort.join")}</a></p>
        }
    });
    view! {
        <section class="panel">
            {session_facts(i, s)}
            {join}
        </section>
        <section class="panel" id="hadir">
            <h2>{i.t("sessions.attendance")}</h2>
            <p>{status_label(i, p.status)}</p>
            {check_in}
            <p><a href="/peserta/jp">{i.t("sessions.see_jp")}</a></p>
        </section>
    }
}
