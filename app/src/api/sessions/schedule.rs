//! The live-session (sesi sinkron) schedule of a cohort: adding a session (online, in a room
//! or both, with its JP and host) and deleting one.

#![expect(
    clippy::too_many_arguments,
    reason = "a form without JavaScript posts one field per input, and each is an argument of add_live_session (and of its client stub)"
)]

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
    #[server(default)] mode: String,
    #[server(default)] meeting_url: String,
    #[server(default)] venue: String,
    #[server(default)] city: String,
    #[server(default)] jp: String,
    #[server(default)] host_user_id: String,
    #[server(default)] host_name: String,
) -> Result<(), AppError> {
    use crate::api::cohorts::required_parsed;
    use crate::model::codes::SessionMode;
    use crate::model::wib;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::sessions::schedule::{self, NewSession};
    use crate::ssr::state;
    use crate::ssr::validate::Validator;
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
    let mode = if mode.trim().is_empty() {
        SessionMode::Online
    } else {
        SessionMode::from_code(mode.trim()).unwrap_or_else(|| {
            check.fail("mode", "sessions.mode_invalid");
            SessionMode::Online
        })
    };
    let url = meeting_url.trim().to_string();
    let meeting_url = if mode == SessionMode::InPerson {
        None
    } else if url.is_empty() {
        check.fail("meeting_url", "form.required");
        None
    } else if !is_https_url(&url) {
        check.fail("meeting_url", "cohort.meeting_url_invalid");
        None
    } else {
        Some(url)
    };
    let (venue, city) = if mode == SessionMode::Online {
        (None, None)
    } else {
        let venue = check.required("venue", &venue, 200);
        let city = check.required("city", &city, 100);
        (Some(venue), Some(city))
    };
    let jp_minutes = schedule::jp_minutes_of_cohort(db, cohort_id.0)
        .await
        .map_err(|e| internal("jp minutes", e))?;
    let jp = match jp.trim() {
        "" => duration.map(|d| schedule::default_jp(d, jp_minutes)),
        typed => match typed.parse::<i64>() {
            Ok(n) if (0..=40).contains(&n) => Some(n),
            _ => {
                check.fail("jp", "sessions.jp_invalid");
                None
            }
        },
    };
    let host_user_id = match host_user_id.trim() {
        "" => None,
        typed => {
            let hosts = schedule::host_options(db, cohort_id.0)
                .await
                .map_err(|e| internal("session hosts", e))?;
            match typed.parse::<i64>() {
                Ok(id) if hosts.iter().any(|h| h.id.0 == id) => Some(id),
                _ => {
                    check.fail("host_user_id", "sessions.host_invalid");
                    None
                }
            }
        }
    };
    let host_name = check.optional("host_name", &host_name, 120);
    check.finish()?;
    let (Some(day), Some(minute), Some(duration), Some(jp)) = (day, minute, duration, jp) else {
        return Err(internal("add_live_session", "checked above"));
    };
    let starts_at = wib::start_of_day(day) + minute * 60;
    let new = NewSession {
        title,
        starts_at,
        duration_minutes: duration,
        mode,
        meeting_url,
        venue,
        city,
        jp,
        host_name: if host_user_id.is_some() {
            None
        } else {
            host_name
        },
        host_user_id,
    };
    schedule::add(db, cohort_id.0, &new, now_unix())
        .await
        .map_err(|e| internal("add session", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        cohort = cohort_id.0,
        "live session added"
    );
    crate::api::cohorts::go_to_cohort(cohort_id, "cohort.session_added");
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
    use crate::ssr::{db::internal, sessions::schedule, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    schedule::delete(db, cohort_id.0, session_id.0)
        .await
        .map_err(|e| internal("delete session", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        cohort = cohort_id.0,
        session = session_id.0,
        "live session deleted"
    );
    crate::api::cohorts::go_to_cohort(cohort_id, "cohort.session_deleted");
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
