//! Demo live sessions of the first cohort: a past session whose attendance is recorded (eight
//! present, one late, one absent: marked by mentor1), one running today (check-in open for the
//! whole day, so that the check-in can be tried), and two to come, online and in a room.

use app::model::codes::{AttendanceSource, AttendanceStatus, SessionMode};
use app::ssr::db::{begin_write, Db};
use app::ssr::sessions::roster::{write_mark, Mark};
use app::ssr::sessions::schedule::{self, NewSession};

/// The session running today starts when the demo is seeded and lasts this long.
const TODAY_MINUTES: i64 = 600;

/// Adds the sessions of `cohort`; `participants` are its approved participants in order.
pub async fn seed_sessions(
    db: &Db,
    cohort: i64,
    mentor: i64,
    participants: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    let day = |offset: i64, hour: i64, minute: i64| {
        super::seed::wib_day(now, offset) + hour * 3600 + minute * 60
    };
    let online = |title: &str, starts_at: i64, minutes: i64, url: &str, jp: i64| NewSession {
        title: title.to_string(),
        starts_at,
        duration_minutes: minutes,
        mode: SessionMode::Online,
        meeting_url: Some(url.to_string()),
        venue: None,
        city: None,
        jp,
        host_user_id: Some(mentor),
        host_name: None,
    };
    let past = schedule::add(
        db,
        cohort,
        &online(
            "Sesi sinkron 0: Pembukaan dan orientasi",
            day(-7, 9, 0),
            90,
            "https://meet.google.com/abc-defg-hij",
            2,
        ),
        now,
    )
    .await?;
    schedule::add(
        db,
        cohort,
        &online(
            "Sesi sinkron 1: Literasi digital di kelas (hari ini)",
            now - 5 * 60,
            TODAY_MINUTES,
            "https://meet.google.com/klm-nopq-rst",
            2,
        ),
        now,
    )
    .await?;
    schedule::add(
        db,
        cohort,
        &online(
            "Sesi sinkron 2: Berbagi praktik baik",
            day(61, 13, 30),
            120,
            "https://zoom.us/j/81234567890",
            2,
        ),
        now,
    )
    .await?;
    schedule::add(
        db,
        cohort,
        &NewSession {
            title: "Lokakarya tatap muka: Merancang asesmen".to_string(),
            starts_at: day(68, 8, 0),
            duration_minutes: 180,
            mode: SessionMode::InPerson,
            meeting_url: None,
            venue: Some("Aula LPMP Jawa Tengah".to_string()),
            city: Some("Semarang".to_string()),
            jp: 4,
            host_user_id: None,
            host_name: Some("Dr. Ratna Kusuma, M.Pd.".to_string()),
        },
        now,
    )
    .await?;
    let mut tx = begin_write(db).await?;
    for (n, user) in participants.iter().enumerate() {
        let status = match n {
            8 => AttendanceStatus::Late,
            9 => AttendanceStatus::Absent,
            _ => AttendanceStatus::Present,
        };
        let mark = Mark {
            session: past,
            user: *user,
            status,
            minutes: None,
            source: AttendanceSource::Roster,
        };
        write_mark(&mut tx, &mark, Some(mentor), day(-7, 10, 45)).await?;
    }
    tx.commit().await?;
    Ok(())
}
