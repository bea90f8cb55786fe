//! `/peserta`: a teacher's home page.

use crate::components::{Layout, RequireRole};
use crate::i18n::use_i18n;
use crate::model::Role;
use leptos::prelude::*;
use leptos_meta::Title;

/// Greeting, the teacher's trainings and next steps.
#[component]
pub fn ParticipantHome() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Layout>
            <Title text=i.t("home.participant.title")/>
            <RequireRole roles=&[Role::Participant] children=move |user| view! {
                <section class="panel">
                    <h1>{i.t_with("home.greeting", &[("name", &user.name)])}</h1>
                    <p class="lead">{i.t("home.participant.lead")}</p>
                </section>
                <section class="panel">
                    <h2>{i.t("home.participant.my_trainings")}</h2>
                    <p class="empty">{i.t("home.participant.no_trainings")}</p>
                </section>
                <section class="panel">
                    <h2>{i.t("home.participant.next_steps")}</h2>
                    <ul class="steps">
                        <li>{i.t("home.participant.step_profile")}</li>
                        <li>{i.t("home.participant.step_catalog")}</li>
                        <li>{i.t("home.participant.step_pretest")}</li>
                    </ul>
                </section>
            }/>
        </Layout>
    }
}
