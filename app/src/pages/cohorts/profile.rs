//! `/peserta/profil`: the participant's profile: category, position, birth, identifiers, rank,
//! school and contact.

use crate::api::cohorts::my_profile;
use crate::components::{
    inline_problem, loaded_or, Field, FormMessage, SelectField, SignedInPage, SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::codes::ParticipantCategory;
use crate::model::cohorts::Profile;
use crate::model::identifiers::{RANKS, SCHOOL_LEVELS};
use crate::model::{Nip, Role};
use leptos::prelude::*;

/// The profile form, filled with what is stored (or what was typed, after an error).
#[component]
pub fn ProfilePage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("cohort.profile_title") children=move |_| {
            let profile = Resource::new(|| (), |_| my_profile());
            view! {
                <section class="panel narrow">
                    <h1>{i.t("cohort.profile_title")}</h1>
                    {loaded_or(i, profile, form, inline_problem)}
                </section>
            }
        }/>
    }
}

fn form(i: I18n, p: Profile) -> impl IntoView {
    let complete = p.is_complete();
    let needs_school = p.needs_school();
    let mut categories = vec![(String::new(), i.t("profile.category_choose"))];
    categories.extend(
        ParticipantCategory::ALL
            .iter()
            .map(|c| (c.to_string(), i.t(&format!("profile.category.{c}")))),
    );
    let category = p.category.map(|c| c.to_string()).unwrap_or_default();
    let mut ranks = vec![(String::new(), i.t("cohort.rank_none"))];
    ranks.extend(RANKS.iter().map(|r| {
        (
            r.code.to_string(),
            format!("{} — {} ({})", r.code, r.title, r.jenjang),
        )
    }));
    let mut levels = vec![(String::new(), i.t("cohort.level_choose"))];
    levels.extend(SCHOOL_LEVELS.iter().map(|l| (l.to_string(), l.to_string())));
    let nip = Nip::parse(&p.nip).map(|n| n.formatted()).unwrap_or(p.nip);
    let school_note = match &p.school {
        Some(claim) if claim.verified => Some(view! {
            <p class="notice-inline ok school-claim">{i.t_with("cohort.school_verified", &[("school", &claim.name)])}</p>
        }.into_any()),
        Some(claim) => Some(view! {
            <p class="notice-inline warn school-claim">{i.t_with("cohort.school_unverified", &[("school", &claim.name)])}</p>
        }.into_any()),
        None if !p.school_npsn.is_empty() => Some(view! {
            <p class="hint school-claim">{i.t("cohort.school_unknown")}</p>
        }.into_any()),
        None => None,
    };
    let status = if complete {
        view! { <p class="notice-inline ok">{i.t("cohort.profile_complete")}</p> }.into_any()
    } else {
        let hint = if needs_school {
            "cohort.profile_incomplete_hint"
        } else {
            "profile.incomplete_hint_no_school"
        };
        view! { <p class="notice-inline warn">{i.t(hint)}</p> }.into_any()
    };
    let school_hint =
        (!needs_school).then(|| view! { <p class="hint">{i.t("profile.school_optional")}</p> });
    view! {
        {status}
        <EnhancedForm action="/api/save_profile".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
            <FormMessage/>
            <fieldset>
                <legend>{i.t("profile.personal")}</legend>
                <SelectField name="category" label=i.t("profile.category") options=categories selected=category/>
                <Field name="position" label=i.t("profile.position") hint=i.t("profile.position_hint") value=p.position/>
                <Field name="birth_place" label=i.t("profile.birth_place") value=p.birth_place/>
                <Field name="birth_date" label=i.t("profile.birth_date") kind="date" hint=i.t("profile.birth_date_hint") value=p.birth_date/>
            </fieldset>
            <fieldset>
                <legend>{i.t("cohort.profile_identity")}</legend>
                <Field name="nip" label=i.t("cohort.nip") inputmode="numeric" hint=i.t("field.nip_hint") value=nip/>
                <Field name="nuptk" label=i.t("cohort.nuptk") inputmode="numeric" hint=i.t("cohort.nuptk_hint") value=p.nuptk/>
                <SelectField name="rank" label=i.t("cohort.rank") options=ranks selected=p.rank/>
            </fieldset>
            <fieldset>
                <legend>{i.t("cohort.profile_school")}</legend>
                {school_hint}
                <Field name="school_npsn" label=i.t("cohort.npsn") hint=i.t("cohort.npsn_hint") value=p.school_npsn/>
                {school_note}
                <Field name="school_name" label=i.t("cohort.school_name") value=p.school_name/>
                <SelectField name="school_level" label=i.t("cohort.school_level") options=levels selected=p.school_level/>
                <Field name="subject" label=i.t("cohort.subject") hint=i.t("cohort.subject_hint") value=p.subject/>
                <Field name="region_code" label=i.t("cohort.region_code") hint=i.t("cohort.region_hint") value=p.region_code/>
            </fieldset>
            <fieldset>
                <legend>{i.t("cohort.profile_contact")}</legend>
                <Field name="phone" label=i.t("cohort.phone") kind="tel" inputmode="tel" autocomplete="tel" hint=i.t("cohort.phone_hint") value=p.phone/>
            </fieldset>
            <SubmitButton label=i.t("cohort.profile_save")/>
        </EnhancedForm>
    }
}
