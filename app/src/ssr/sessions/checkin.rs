//! Checking in with a session's code. The participant types the six digits shown on the host's
//! screen (or scans its QR code, which opens the check-in form with the code filled in) while
//! check-in is open. Each try is counted before the code is looked at, in a transaction whose
//! first statement writes the counter, so simultaneous guesses cannot slip past [`MAX_TRIES`].

use super::access::{Session, LATE_AFTER_SECS};
use super::codes::{self, CodeCheck};
use super::roster::{write_mark, Mark};
use crate::model::codes::{AttendanceSource, AttendanceStatus};
use crate::ssr::db::{begin_write, Db};

/// Tries one participant has for one session, right or wrong.
pub const MAX_TRIES: i64 = 10;

/// Why a check-in was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not six digits.
    Malformed,
    /// Check-in opens at this moment.
    NotOpenYet(i64),
    /// The session is over.
    Closed,
    /// The participant used up their tries.
    TooManyTries,
    /// Not a code of this session.
    Wrong,
    /// A code this session showed earlier.
    Expired,
    /// The current code of another session (its title) the participant could check in to.
    OtherSession(String),
    /// Already present (or late) for this session.
    AlreadyIn,
}

/// Checks `user` in to `session` with `typed` at `now`: the status recorded, or why not.
pub async fn check_in(
    db: &Db,
    user: i64,
    session: &Session,
    typed: &str,
    now: i64,
) -> Result<Result<AttendanceStatus, Refusal>, sqlx::Error> {
    let Some(code) = codes::normalise(typed) else {
        return Ok(Err(Refusal::Malformed));
    };
    if now < session.info.check_in_opens_at {
        return Ok(Err(Refusal::NotOpenYet(session.info.check_in_opens_at)));
    }
    if !session.check_in_open(now) {
        return Ok(Err(Refusal::Closed));
    }
    let mut tx = begin_write(db).await?;
    let (tries,): (i64,) = sqlx::query_as(
        "insert into checkin_attempt (session_id, user_id, tries) values ($1, $2, 1) \
         on conflict (session_id, user_id) do update set tries = checkin_attempt.tries + 1 \
         returning tries",
    )
    .bind(session.id())
    .bind(user)
    .fetch_one(&mut *tx)
    .await?;
    if tries > MAX_TRIES {
        tx.commit().await?;
        return Ok(Err(Refusal::TooManyTries));
    }
    match codes::check(&session.checkin_secret, session.id(), &code, now) {
        CodeCheck::Valid => {}
        CodeCheck::Expired => {
            tx.commit().await?;
            return Ok(Err(Refusal::Expired));
        }
        CodeCheck::Wrong => {
            tx.commit().await?;
            return Ok(Err(
                match other_session_with(db, user, session, &code, now).await? {
                    Some(title) => Refusal::OtherSession(title),
                    None => Refusal::Wrong,
                },
            ));
        }
    }
    let current: Option<(AttendanceStatus,)> =
        sqlx::query_as("select status from attendance where session_id = $1 and user_id = $2")
            .bind(session.id())
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
    if matches!(current, Some((status,)) if status.earns_jp()) {
        tx.commit().await?;
        return Ok(Err(Refusal::AlreadyIn));
    }
    let status = if now >= session.info.starts_at + LATE_AFTER_SECS {
        AttendanceStatus::Late
    } else {
        AttendanceStatus::Present
    };
    write_mark(
        &mut tx,
        &Mark {
            session: session.id(),
            user,
            status,
            minutes: None,
            source: AttendanceSource::Code,
        },
        Some(user),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(status))
}

/// The title of another session open for check-in to `user` whose current code is `code`.
async fn other_session_with(
    db: &Db,
    user: i64,
    session: &Session,
    code: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let open: Vec<(i64, String, String)> = sqlx::query_as(
        "select s.id, s.title, s.checkin_secret from live_session s \
         join enrolment e on e.cohort_id = s.cohort_id and e.user_id = $1 and e.status = 'approved' \
         where s.id <> $2 and s.starts_at - $3 <= $4 and s.starts_at + s.duration_minutes * 60 > $4",
    )
    .bind(user)
    .bind(session.id())
    .bind(super::access::CHECK_IN_EARLY_SECS)
    .bind(now)
    .fetch_all(db)
    .await?;
    Ok(open
        .into_iter()
        .find(|(id, _, secret)| codes::check(secret, *id, code, now) == CodeCheck::Valid)
        .map(|(_, title, _)| title))
}
