//! Calendar feeds (ICS): a participant's sessions across their cohorts, and a cohort's, each at
//! a secret address that a phone's calendar app subscribes to without signing in. The token is
//! made the first time its page shows the address; it is the only thing that opens the feed.

use crate::ssr::db::Db;
use ics::properties::{Description, DtEnd, DtStart, Location, Summary, Trigger, URL};
use ics::{escape_text, Alarm, Event, ICalendar};

/// Whose feed a token opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feed {
    User(i64),
    Cohort(i64),
}

impl Feed {
    fn parts(self) -> (&'static str, i64) {
        match self {
            Feed::User(id) => ("user", id),
            Feed::Cohort(id) => ("cohort", id),
        }
    }
}

/// The feed's token, made on first use.
pub async fn token(db: &Db, feed: Feed, now: i64) -> Result<String, sqlx::Error> {
    let (kind, owner) = feed.parts();
    sqlx::query(
        "insert into calendar_feed (owner_kind, owner_id, token, created_at) \
         values ($1, $2, $3, $4) on conflict (owner_kind, owner_id) do nothing",
    )
    .bind(kind)
    .bind(owner)
    .bind(super::random_secret())
    .bind(now)
    .execute(db)
    .await?;
    let (token,): (String,) =
        sqlx::query_as("select token from calendar_feed where owner_kind = $1 and owner_id = $2")
            .bind(kind)
            .bind(owner)
            .fetch_one(db)
            .await?;
    Ok(token)
}

/// The address of a feed.
pub fn address(public_url: &str, token: &str) -> String {
    format!("{}/kalender/{token}.ics", public_url.trim_end_matches('/'))
}

/// The feed a token opens, if any.
pub async fn feed_of(db: &Db, token: &str) -> Result<Option<Feed>, sqlx::Error> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let row: Option<(String, i64)> =
        sqlx::query_as("select owner_kind, owner_id from calendar_feed where token = $1")
            .bind(token)
            .fetch_optional(db)
            .await?;
    Ok(row.and_then(|(kind, id)| match kind.as_str() {
        "user" => Some(Feed::User(id)),
        "cohort" => Some(Feed::Cohort(id)),
        _ => None,
    }))
}

type EventRow = (
    i64,
    String,
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    String,
    String,
);

/// The feed's calendar: every session of the cohort, or of the cohorts the participant is
/// approved in.
pub async fn calendar(
    db: &Db,
    feed: Feed,
    public_url: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let select = "select s.id, s.title, s.starts_at, s.duration_minutes, s.meeting_url, s.venue, \
                  s.city, s.jp, c.name, p.title from live_session s \
                  join cohort c on c.id = s.cohort_id join program p on p.id = c.program_id";
    let rows: Vec<EventRow> = match feed {
        Feed::Cohort(cohort) => {
            sqlx::query_as(&format!(
                "{select} where s.cohort_id = $1 order by s.starts_at"
            ))
            .bind(cohort)
            .fetch_all(db)
            .await?
        }
        Feed::User(user) => {
            sqlx::query_as(&format!(
                "{select} join enrolment e on e.cohort_id = c.id and e.user_id = $1 \
                 and e.status = 'approved' order by s.starts_at"
            ))
            .bind(user)
            .fetch_all(db)
            .await?
        }
    };
    let base = public_url.trim_end_matches('/');
    let mut ical = ICalendar::new("2.0", "-//Pamong//Sesi sinkron//ID");
    for (id, title, starts_at, minutes, url, venue, city, jp, cohort, program) in rows {
        let mut event = Event::new(format!("sesi-{id}@pamong"), utc(now));
        event.push(DtStart::new(utc(starts_at)));
        event.push(DtEnd::new(utc(starts_at + minutes * 60)));
        event.push(Summary::new(escape_text(title.clone())));
        let place = match (venue, city, url.clone()) {
            (Some(venue), Some(city), _) => format!("{venue}, {city}"),
            (Some(venue), None, _) => venue,
            (None, _, Some(url)) => url,
            (None, _, None) => String::new(),
        };
        if !place.is_empty() {
            event.push(Location::new(escape_text(place)));
        }
        event.push(Description::new(escape_text(format!(
            "{program} — {cohort} · {jp} JP"
        ))));
        event.push(URL::new(format!("{base}/peserta/sesi/{id}")));
        // The phone reminds a day and an hour before, like Pamong's own reminders.
        for before in ["-P1D", "-PT1H"] {
            event.add_alarm(Alarm::display(
                Trigger::new(before),
                Description::new(escape_text(title.clone())),
            ));
        }
        ical.add_event(event);
    }
    Ok(ical.to_string())
}

/// A moment as an iCalendar UTC date-time (`20261205T020000Z`).
fn utc(unix: i64) -> String {
    let at =
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn moments_are_written_in_utc() {
        assert_eq!(utc(0), "19700101T000000Z");
        assert_eq!(utc(1_796_522_400), "20261206T020000Z");
    }
}
