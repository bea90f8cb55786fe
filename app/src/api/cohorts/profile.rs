//! The participant's own profile: category, position, place and date of birth, NIP, NUPTK, rank,
//! school, subject, level, region and phone.
// The macro's client stub drops attributes on the function, hence the module-wide expectation.
#![expect(
    clippy::too_many_arguments,
    reason = "save_profile takes the profile form's thirteen fields as one argument each, and so does its client stub"
)]

use crate::model::cohorts::Profile;
use crate::model::AppError;
use leptos::prelude::*;

/// The signed-in participant's stored profile.
#[server(endpoint = "my_profile")]
pub async fn my_profile() -> Result<Profile, AppError> {
    use crate::ssr::guard::Participant;
    use crate::ssr::{cohorts::profile, db::internal, state};
    let Participant { user } = Participant::require().await?;
    profile::load(&state()?.db, user.id.0)
        .await
        .map_err(|e| internal("profile", e))
}

/// Validates every field at the boundary, then stores the profile. The school of the NPSN is only
/// claimed: an admin of that school (or their import) confirms it before it counts for quotas,
/// agreement partners and admin scope (NPSNs are public, so typing one proves nothing).
#[server(endpoint = "save_profile")]
pub async fn save_profile(
    nip: String,
    nuptk: String,
    rank: String,
    school_npsn: String,
    school_name: String,
    subject: String,
    school_level: String,
    region_code: String,
    phone: String,
    #[server(default)] category: String,
    #[server(default)] position: String,
    #[server(default)] birth_place: String,
    #[server(default)] birth_date: String,
) -> Result<(), AppError> {
    use crate::model::codes::ParticipantCategory;
    use crate::model::identifiers::{
        parse_birth_date, parse_npsn, parse_nuptk, parse_phone, parse_rank, parse_region_code,
        parse_school_level,
    };
    use crate::ssr::cohorts::profile;
    use crate::ssr::db::{internal, is_unique_violation, now_unix};
    use crate::ssr::guard::Participant;
    use crate::ssr::request::request_lang;
    use crate::ssr::validate::birth_date_mismatch;
    use crate::ssr::validate::{Presence, Validator};
    use crate::ssr::{flash, state};

    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    let mut check = Validator::new();
    let nip = check.optional_nip("nip", &nip);
    let nuptk = check.identifier("nuptk", &nuptk, Presence::Optional, parse_nuptk);
    let rank = check.identifier("rank", &rank, Presence::Optional, parse_rank);
    let npsn = check.identifier("school_npsn", &school_npsn, Presence::Optional, parse_npsn);
    let school_name = optional_text(&mut check, "school_name", &school_name, 160);
    let subject = optional_text(&mut check, "subject", &subject, 120);
    let level = check.identifier(
        "school_level",
        &school_level,
        Presence::Optional,
        parse_school_level,
    );
    let region = check.identifier(
        "region_code",
        &region_code,
        Presence::Optional,
        parse_region_code,
    );
    let phone = check.identifier("phone", &phone, Presence::Optional, parse_phone);
    let category = match category.trim() {
        "" => None,
        code => {
            let parsed = ParticipantCategory::from_code(code);
            if parsed.is_none() {
                check.fail("category", "profile.category_invalid");
            }
            parsed
        }
    };
    let position = optional_text(&mut check, "position", &position, 120);
    let birth_place = optional_text(&mut check, "birth_place", &birth_place, 120);
    let birth_date = check.identifier(
        "birth_date",
        &birth_date,
        Presence::Optional,
        parse_birth_date,
    );
    if let (Some(nip), Some(date)) = (&nip, &birth_date) {
        if let Some(message) = birth_date_mismatch(request_lang(), nip, date) {
            check.fail_text("birth_date", message);
        }
    }
    let fail = |e| internal("profile uniqueness", e);
    if let Some(nip) = &nip {
        if profile::nip_taken(db, user.id.0, nip.as_str())
            .await
            .map_err(fail)?
        {
            check.fail("nip", "cohort.nip_taken");
        }
    }
    if let Some(nuptk) = &nuptk {
        if profile::nuptk_taken(db, user.id.0, nuptk)
            .await
            .map_err(fail)?
        {
            check.fail("nuptk", "cohort.nuptk_taken");
        }
    }
    check.finish()?;
    let stored = Profile {
        nip: nip.map(|n| n.as_str().to_string()).unwrap_or_default(),
        nuptk: nuptk.unwrap_or_default(),
        rank: rank.map(|r| r.code.to_string()).unwrap_or_default(),
        school_npsn: npsn.unwrap_or_default(),
        school_name,
        subject,
        school_level: level.map(str::to_string).unwrap_or_default(),
        region_code: region.unwrap_or_default(),
        phone: phone.unwrap_or_default(),
        category,
        position,
        birth_place,
        birth_date: birth_date.unwrap_or_default(),
        school: None,
    };
    match profile::save(db, user.id.0, &stored, now_unix()).await {
        Ok(()) => {}
        // Two accounts saving the same number at the same instant: the index decides.
        Err(e) if is_unique_violation(&e) => {
            let field = if e.to_string().to_lowercase().contains("nuptk") {
                "nuptk"
            } else {
                "nip"
            };
            let key = if field == "nuptk" {
                "cohort.nuptk_taken"
            } else {
                "cohort.nip_taken"
            };
            return Err(Validator::field_error(field, key));
        }
        Err(e) => return Err(internal("save profile", e)),
    }
    tracing::info!(user = user.id.0, "profile saved");
    flash::go_to("/peserta/profil", "", "cohort.profile_saved");
    Ok(())
}

/// An optional free text of at most `max` characters, trimmed.
#[cfg(feature = "ssr")]
fn optional_text(
    check: &mut crate::ssr::validate::Validator,
    field: &str,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        String::new()
    } else {
        check.required(field, value, max)
    }
}
