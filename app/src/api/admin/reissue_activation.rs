//! An admin issues a new activation code for one participant of a cohort in their scope: the
//! old code stops working, the new one is shown to the admin once (to hand over or read out)
//! and e-mailed where the account has an address.

use crate::model::{AppError, CohortId, UserId};
use leptos::prelude::*;

/// Issues a new code for participant `user_id` of cohort `cohort_id` and returns it as printed
/// (`K7QX-M3PA-2F`); a plain form post is sent back to the roster with the code in its notice.
#[server(endpoint = "reissue_activation")]
pub async fn reissue_activation(cohort_id: CohortId, user_id: UserId) -> Result<String, AppError> {
    use crate::i18n::text_with;
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::request::request_lang;
    use crate::ssr::{activation, flash, msg, state};

    let admin = Admin::require_cohort(cohort_id).await?;
    let state = state()?;
    // Only a participant enrolled in this cohort; anyone else reads as missing.
    let person: Option<(String, Option<String>)> = sqlx::query_as(
        "select u.name, u.email from app_user u join enrolment e on e.user_id = u.id \
         where e.cohort_id = $1 and u.id = $2 and u.role = 'participant' limit 1",
    )
    .bind(cohort_id)
    .bind(user_id)
    .fetch_optional(&state.db)
    .await
    .map_err(|e| internal("reissue person", e))?;
    let Some((name, email)) = person else {
        return Err(AppError::new(
            ErrorKind::NotFound,
            msg("activation.person_not_found"),
        ));
    };
    let lang = request_lang();
    let (code, mailed) = activation::reissue(
        &state.db,
        user_id,
        &name,
        email.as_deref(),
        lang,
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("reissue", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        user = user_id.0,
        "activation code issued again"
    );
    let mut notice = text_with(
        lang,
        "activation.reissued",
        &[("name", &name), ("code", &code)],
    );
    if let Some(email) = mailed {
        notice.push(' ');
        notice.push_str(&text_with(
            lang,
            "activation.reissued_mailed",
            &[("email", &email)],
        ));
    }
    let back = format!("/admin/angkatan/{cohort_id}/peserta");
    flash::set_notice(&back, notice);
    leptos_axum::redirect(&back);
    Ok(code)
}
