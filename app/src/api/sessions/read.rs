//! Reading live sessions: the host's page (code, roster, reports, history), a participant's
//! page, the participant's JP record, a cohort's attendance table and a report to confirm. Each
//! checks the caller's role on the session or cohort first; everyone else gets a 404.

use crate::model::sessions::{
    CohortAttendancePage, HostPage, JpRecord, ParticipantSessionPage, ReportPreview,
};
use crate::model::{AppError, CohortId, LiveSessionId};
use leptos::prelude::*;

/// The QR code of `text` as an SVG document.
#[cfg(feature = "ssr")]
fn qr_svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<svg::Color>()
                .min_dimensions(240, 240)
                .quiet_zone(true)
                .build();
            // Inside HTML the XML declaration is noise.
            match svg.find("<svg") {
                Some(at) => svg[at..].to_string(),
                None => svg,
            }
        }
        Err(_) => String::new(),
    }
}

/// The host's page of a session (its staff only): the code while check-in is open, a page of
/// the roster, the counts, reports and the latest changes.
#[server(endpoint = "host_session")]
pub async fn host_session(
    session_id: LiveSessionId,
    page: Option<i64>,
) -> Result<HostPage, AppError> {
    use crate::model::sessions::CheckInCode;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::sessions::{access, codes, report, roster};
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (session, audience) = access::require_staff(db, &user, session_id).await?;
    let now = state.clock.now();
    let fail = |e| internal("host session", e);
    let page = page.unwrap_or(1).max(1);
    let (lines, total) = roster::lines(db, &session, audience, page)
        .await
        .map_err(fail)?;
    let code = session.check_in_open(now).then(|| {
        let (code, next_at) = codes::current(&session.checkin_secret, session.id(), now);
        let check_in_url = format!(
            "{}/peserta/sesi/{}?kode={code}",
            state.settings.public_url.trim_end_matches('/'),
            session.id()
        );
        CheckInCode {
            qr_svg: qr_svg(&check_in_url),
            code,
            next_at,
            check_in_url,
        }
    });
    Ok(HostPage {
        counts: roster::counts(db, &session, audience).await.map_err(fail)?,
        reports: report::list(db, session.id()).await.map_err(fail)?,
        history: roster::history(db, &session, audience, 30)
            .await
            .map_err(fail)?,
        session: session.info,
        now,
        code,
        roster: lines,
        roster_total: total,
        page,
        page_size: roster::PAGE_SIZE,
    })
}

/// A session as its participant sees it (approved in its cohort only).
#[server(endpoint = "participant_session")]
pub async fn participant_session(
    session_id: LiveSessionId,
) -> Result<ParticipantSessionPage, AppError> {
    use crate::model::codes::AttendanceStatus;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::sessions::access;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let session = access::require_participant(db, &user, session_id).await?;
    let status: Option<(AttendanceStatus,)> =
        sqlx::query_as("select status from attendance where session_id = $1 and user_id = $2")
            .bind(session.id())
            .bind(user.id.0)
            .fetch_optional(db)
            .await
            .map_err(|e| internal("participant session", e))?;
    Ok(ParticipantSessionPage {
        session: session.info,
        now: state.clock.now(),
        status: status.map(|(s,)| s),
    })
}

/// The caller's JP per year and cohort, and their calendar feed's address.
#[server(endpoint = "my_jp_record")]
pub async fn my_jp_record() -> Result<JpRecord, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Participant;
    use crate::ssr::sessions::{calendar, jp};
    use crate::ssr::state;
    let Participant { user } = Participant::require().await?;
    let state = state()?;
    let db = &state.db;
    let now = state.clock.now();
    let fail = |e| internal("jp record", e);
    let token = calendar::token(db, calendar::Feed::User(user.id.0), now)
        .await
        .map_err(fail)?;
    Ok(JpRecord {
        yearly_minimum: jp::YEARLY_MINIMUM,
        current_year: jp::year_of(now),
        years: jp::record(db, user.id.0, now).await.map_err(fail)?,
        calendar_url: calendar::address(&state.settings.public_url, &token),
    })
}

/// Participants per page of a cohort's attendance table.
#[cfg(feature = "ssr")]
pub const TABLE_PAGE_SIZE: i64 = 50;

/// A cohort's attendance table (an admin with it in scope, or its mentors: a mentor of groups
/// sees their groups only).
#[server(endpoint = "cohort_attendance")]
pub async fn cohort_attendance(
    cohort_id: CohortId,
    page: Option<i64>,
) -> Result<CohortAttendancePage, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::groups::access::require_roster_reader;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::sessions::{calendar, jp};
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let audience = require_roster_reader(db, &user, cohort_id.0).await?;
    let fail = |e| internal("cohort attendance", e);
    let page = page.unwrap_or(1).max(1);
    let (cohort_name, program_title): (String, String) = sqlx::query_as(
        "select c.name, p.title from cohort c join program p on p.id = c.program_id \
         where c.id = $1",
    )
    .bind(cohort_id.0)
    .fetch_one(db)
    .await
    .map_err(fail)?;
    let sessions = jp::heads(db, cohort_id.0).await.map_err(fail)?;
    let rows = jp::table_rows(
        db,
        cohort_id.0,
        audience,
        &sessions,
        jp::Window::Page {
            offset: (page - 1) * TABLE_PAGE_SIZE,
            limit: TABLE_PAGE_SIZE,
        },
    )
    .await
    .map_err(fail)?;
    let token = calendar::token(db, calendar::Feed::Cohort(cohort_id.0), state.clock.now())
        .await
        .map_err(fail)?;
    Ok(CohortAttendancePage {
        cohort_id,
        cohort_name,
        program_title,
        total: jp::count(db, cohort_id.0, audience).await.map_err(fail)?,
        sessions,
        rows,
        page,
        page_size: TABLE_PAGE_SIZE,
        calendar_url: calendar::address(&state.settings.public_url, &token),
    })
}

/// A meeting report waiting for the host's confirmation.
#[server(name = ReportPreviewFn, endpoint = "report_preview")]
pub async fn report_preview(
    session_id: LiveSessionId,
    report_id: i64,
) -> Result<ReportPreview, AppError> {
    use crate::model::UserId;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::sessions::{access, report};
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (session, audience) = access::require_staff(db, &user, session_id).await?;
    let fail = |e| internal("report preview", e);
    let (file_name, people, applied_at) = report::load(db, session.id(), report_id)
        .await
        .map_err(fail)?
        .ok_or_else(access::not_found)?;
    let taken: std::collections::HashSet<i64> = people
        .iter()
        .filter_map(|p| p.matched.as_ref().map(|m| m.0 .0))
        .collect();
    let candidates = report::candidates(db, &session, audience)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|c| !taken.contains(&c.id))
        .map(|c| (UserId(c.id), c.name))
        .collect();
    Ok(ReportPreview {
        report_id,
        present_from_minutes: session.present_from_minutes(),
        session: session.info,
        file_name,
        applied_at,
        people,
        candidates,
    })
}
