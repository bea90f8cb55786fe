//! The live-session (sesi sinkron) schedule of a cohort.

use crate::model::{AppError, CohortId, LiveSessionId};
use leptos::prelude::*;

/// Adds a live session; the start is a date and `HH:MM` in WIB, the link must be `https://`.
#[server(endpoint = "add_live_session")]
pub async fn add_live_session(
    cohort_id: CohortId,
    title: String,
    date: String,
    time: String,
    duration_minutes: String,
    meeting_url: String,
) -> Result<(), AppError> {
    use super::required_parsed;
    use crate::model::wib;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{cohorts, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    let mut check = Validator::new();
    let title = check.required("title", &title, 120);
    let day = required_parsed(
        &mut check,
        "date",
        &date,
        wib::parse_date,
        "cohort.date_invalid",
    );
    let minute = required_parsed(
        &mut check,
        "time",
        &time,
        wib::parse_time,
        "cohort.time_invalid",
    );
    let duration = match duration_minutes.trim().parse::<i64>() {
        Ok(d) if (1..=600).contains(&d) => Some(d),
        _ => {
            check.fail("duration_minutes", "cohort.duration_invalid");
            None
        }
    };
    let url = meeting_url.trim().to_string();
    if url.is_empty() {
        check.fail("meeting_url", "form.required");
    } else if !is_https_url(&url) {
        check.fail("meeting_url", "cohort.meeting_url_invalid");
    }
    check.finish()?;
    let (Some(day), Some(minute), Some(duration)) = (day, minute, duration) else {
        return Err(internal("add_live_session", "checked above"));
    };
    let starts_at = wib::start_of_day(day) + minute * 60;
    cohorts::add_session(
        db,
        cohort_id.0,
        &title,
        starts_at,
        duration,
        &url,
        now_unix(),
    )
    .await
    .map_err(|e| internal("add session", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        cohort = cohort_id.0,
        "live session added"
    );
    super::go_to_cohort(cohort_id, "cohort.session_added");
    Ok(())
}

#[cfg(feature = "ssr")]
/// Whether `url` is an `https://` address with a host and no spaces.
pub fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && host.contains('.')
        && url.len() <= 500
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

/// Deletes a live session of the cohort.
#[server(endpoint = "delete_live_session")]
pub async fn delete_live_session(
    cohort_id: CohortId,
    session_id: LiveSessionId,
) -> Result<(), AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::{cohorts, db::internal, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    cohorts::delete_session(db, cohort_id.0, session_id.0)
        .await
        .map_err(|e| internal("delete session", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        cohort = cohort_id.0,
        session = session_id.0,
        "live session deleted"
    );
    super::go_to_cohort(cohort_id, "cohort.session_deleted");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_https_url;

    #[test]
    fn only_https_links_with_a_host() {
        assert!(is_https_url("https://meet.google.com/abc-defg-hij"));
        assert!(is_https_url("https://zoom.us/j/123?pwd=x"));
        for bad in [
            "http://meet.google.com/x",
            "https://",
            "https:///x",
            "javascript:alert(1)",
            "https://a b.com",
            "meet.google.com",
        ] {
            assert!(!is_https_url(bad), "{bad}");
        }
    }
}
