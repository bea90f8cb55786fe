//! A completed demo cohort, so that a new user sees the whole cycle: "Angkatan Agustus 2026" of
//! the literacy program ran from 90 to 50 days ago with two sessions (one in a room in
//! Purwokerto), its own completion rules (half the sessions, every survey answered), and four
//! participants: peserta17 and peserta18 met everything but the mentor survey and wait for a
//! decision (the browser journey takes them through the rest), peserta19 passed, and peserta20
//! did not pass (absent from both sessions).

use app::model::codes::SessionMode;
use app::model::completion::CompletionRules;
use app::ssr::completion::decisions::{self, NewDecision};
use app::ssr::completion::rules::{self, Owner};
use app::ssr::db::Db;
use app::ssr::sessions::schedule::{self, NewSession};
use app::ssr::surveys::answer::{self, Answer};
use app::ssr::surveys::store::{self, NewSurvey};

/// The completed cohort's name.
pub const COHORT_NAME: &str = "Angkatan Agustus 2026";

/// What the completed cohort holds, for the seeds that follow (surveys, certificates).
pub struct CompletedCohort {
    pub cohort: i64,
    /// peserta17 … peserta20, approved, in that order.
    pub participants: Vec<i64>,
    /// The enrolment of peserta19, who passed.
    pub passed_enrolment: i64,
}

/// Adds the completed cohort of `program`; `participants` are peserta17 … peserta20.
pub async fn seed_completed_cohort(
    db: &Db,
    program: i64,
    admin: i64,
    mentor: i64,
    participants: &[i64],
    now: i64,
) -> anyhow::Result<CompletedCohort> {
    use app::model::wib;
    let day = |offset: i64| super::seed::wib_day(now, offset);
    let (cohort,): (i64,) = sqlx::query_as(
        "insert into cohort (program_id, name, starts_on, ends_on, registration_opens_at, \
         registration_closes_at, quota, seats_taken, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, 40, $7, $8, $9) returning id",
    )
    .bind(program)
    .bind(COHORT_NAME)
    .bind(wib::date_of(day(-90)))
    .bind(wib::date_of(day(-50)))
    .bind(day(-120))
    .bind(day(-95))
    .bind(participants.len() as i64)
    .bind(admin)
    .bind(now)
    .fetch_one(db)
    .await?;
    sqlx::query("insert into cohort_mentor (cohort_id, user_id) values ($1, $2)")
        .bind(cohort)
        .bind(mentor)
        .execute(db)
        .await?;
    let mut enrolments = Vec::new();
    for user in participants {
        let (id,): (i64,) = sqlx::query_as(
            "insert into enrolment (cohort_id, user_id, status, source, decided_by, decided_at, \
             created_at) values ($1, $2, 'approved', 'application', $3, $4, $4) returning id",
        )
        .bind(cohort)
        .bind(user)
        .bind(admin)
        .bind(day(-100))
        .fetch_one(db)
        .await?;
        enrolments.push(id);
    }
    let sessions = [
        NewSession {
            title: "Sesi sinkron: Pembukaan".to_string(),
            starts_at: day(-88) + 9 * 3600,
            duration_minutes: 180,
            mode: SessionMode::Online,
            meeting_url: Some("https://meet.google.com/agu-stus-dua".to_string()),
            venue: None,
            city: None,
            jp: 4,
            host_user_id: Some(mentor),
            host_name: None,
        },
        NewSession {
            title: "Lokakarya tatap muka: Praktik baik".to_string(),
            starts_at: day(-55) + 8 * 3600,
            duration_minutes: 180,
            mode: SessionMode::InPerson,
            meeting_url: None,
            venue: Some("Aula SMP Negeri 2 Purwokerto".to_string()),
            city: Some("Purwokerto".to_string()),
            jp: 4,
            host_user_id: Some(mentor),
            host_name: None,
        },
    ];
    for session in &sessions {
        let id = schedule::add(db, cohort, session, day(-100)).await?;
        for (index, user) in participants.iter().enumerate() {
            let status = if index == 3 { "absent" } else { "present" };
            sqlx::query(
                "insert into attendance (session_id, user_id, status, source, updated_by, \
                 updated_at) values ($1, $2, $3, 'roster', $4, $5)",
            )
            .bind(id)
            .bind(user)
            .bind(status)
            .bind(mentor)
            .bind(session.starts_at + 3 * 3600)
            .execute(db)
            .await?;
        }
    }
    seed_mentor_survey(db, cohort, admin, participants[2], now).await?;
    rules::save(
        db,
        Owner::Cohort(cohort),
        &CompletionRules {
            min_attendance_percent: Some(50),
            require_surveys: true,
            ..CompletionRules::default()
        },
        admin,
        day(-90),
    )
    .await?;
    for (index, reason, passed, met) in [
        (2, None, true, true),
        (
            3,
            Some("Tidak menghadiri sesi sinkron maupun lokakarya."),
            false,
            false,
        ),
    ] {
        decisions::record(
            db,
            &NewDecision {
                enrolment: enrolments[index],
                cohort,
                user: participants[index],
                passed,
                checklist_met: met,
                reason,
                by: admin,
                now: day(-48),
            },
            None,
        )
        .await?;
    }
    Ok(CompletedCohort {
        cohort,
        participants: participants.to_vec(),
        passed_enrolment: enrolments[2],
    })
}

/// The mentor evaluation of the completed cohort, still open for two weeks after it ended (late
/// evaluations are common): `answered_by` has answered it, with 4 on every item.
async fn seed_mentor_survey(
    db: &Db,
    cohort: i64,
    admin: i64,
    answered_by: i64,
    now: i64,
) -> anyhow::Result<()> {
    use app::model::codes::{SurveyKind, SurveyTarget};
    let (institution,): (i64,) = sqlx::query_as(
        "select p.organizer_id from cohort c join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    let instrument = store::from_template(
        db,
        app::model::InstitutionId(institution),
        "mentor",
        admin,
        now,
    )
    .await?
    .ok_or_else(|| anyhow::anyhow!("mentor template"))?;
    let survey_id = store::create_survey(
        db,
        &NewSurvey {
            cohort,
            instrument,
            title: "Evaluasi Mentor Angkatan Agustus 2026",
            kind: SurveyKind::Reaction,
            target: SurveyTarget::Mentor,
            required: true,
            opens_at: super::seed::wib_day(now, -50),
            closes_at: super::seed::wib_day(now, 14) + 23 * 3_600,
        },
        admin,
        now,
    )
    .await?;
    let items = store::items(db, instrument).await?;
    let survey = app::ssr::surveys::load(db, survey_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("survey {survey_id}"))?;
    for (subject, _) in app::ssr::surveys::subjects(db, &survey).await? {
        let answers: Vec<(i64, Answer)> = items
            .iter()
            .filter_map(|item| item.kind.scale().map(|top| (item.id, Answer::Value(top))))
            .collect();
        answer::store(db, survey_id, subject, answered_by, &answers, now).await?;
    }
    Ok(())
}
