//! Demo surveys of the first cohort: the two ready instruments, a mentor evaluation and an
//! organiser evaluation open since yesterday for two weeks, answered by peserta01–peserta07 (so
//! the mentors see their results: five responses or more). peserta11 (whose registration is
//! approved here) and peserta12 (enrolled here) are approved in the cohort and have answered
//! nothing: the browser spec answers as them.

use app::model::codes::{SurveyKind, SurveyTarget};
use app::model::InstitutionId;
use app::ssr::db::Db;
use app::ssr::surveys::answer::{self, Answer};
use app::ssr::surveys::store::{self, NewSurvey};

/// Comments some teachers leave, in a fixed order.
const COMMENTS: [&str; 3] = [
    "Penjelasan runtut dan contoh-contohnya dekat dengan kelas kami.",
    "Mohon waktu tanya jawab ditambah.",
    "Sangat memotivasi, terima kasih.",
];

/// Adds the surveys of `cohort` (organised by `institution`); `participants` are peserta01 …
/// peserta20 in order.
pub async fn seed_surveys(
    db: &Db,
    cohort: i64,
    institution: InstitutionId,
    admin: i64,
    participants: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    // peserta11 applied and is approved now; peserta12 is enrolled.
    sqlx::query(
        "update enrolment set status = 'approved', decided_by = $1, decided_at = $2 \
         where cohort_id = $3 and user_id = $4",
    )
    .bind(admin)
    .bind(now)
    .bind(cohort)
    .bind(participants[10])
    .execute(db)
    .await?;
    sqlx::query(
        "insert into enrolment (cohort_id, user_id, status, source, decided_by, decided_at, \
         created_at) values ($1, $2, 'approved', 'application', $3, $4, $4)",
    )
    .bind(cohort)
    .bind(participants[11])
    .bind(admin)
    .bind(now)
    .execute(db)
    .await?;
    sqlx::query("update cohort set seats_taken = seats_taken + 1 where id = $1")
        .bind(cohort)
        .execute(db)
        .await?;

    let opens_at = super::seed::wib_day(now, -1) + 8 * 3_600;
    let closes_at = super::seed::wib_day(now, 14) + 23 * 3_600;
    for (template, title, target) in [
        ("mentor", "Evaluasi Mentor Angkatan 1", SurveyTarget::Mentor),
        (
            "organiser",
            "Evaluasi Penyelenggaraan Angkatan 1",
            SurveyTarget::Organiser,
        ),
    ] {
        let instrument = store::from_template(db, institution, template, admin, now)
            .await?
            .ok_or_else(|| anyhow::anyhow!("template {template}"))?;
        let survey_id = store::create_survey(
            db,
            &NewSurvey {
                cohort,
                instrument,
                title,
                kind: SurveyKind::Reaction,
                target,
                required: true,
                opens_at,
                closes_at,
            },
            admin,
            now,
        )
        .await?;
        let items = store::items(db, instrument).await?;
        let survey = app::ssr::surveys::load(db, survey_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("survey {survey_id}"))?;
        let subjects = app::ssr::surveys::subjects(db, &survey).await?;
        for (k, user) in participants.iter().take(7).enumerate() {
            for (s, (subject, _)) in subjects.iter().enumerate() {
                let answers: Vec<(i64, Answer)> = items
                    .iter()
                    .enumerate()
                    .filter_map(|(n, item)| match item.kind.scale() {
                        // Mostly 3 and 4, a 2 now and then: an index in the "baik" band.
                        Some(top) => Some((
                            item.id,
                            Answer::Value(
                                (top - ((k + n + s) % 3 == 0) as i64
                                    - ((k * n + s) % 5 == 4) as i64)
                                    .max(1),
                            ),
                        )),
                        None => (k % 2 == 0).then(|| {
                            (
                                item.id,
                                Answer::Text(COMMENTS[(k / 2) % COMMENTS.len()].to_string()),
                            )
                        }),
                    })
                    .collect();
                answer::store(db, survey_id, *subject, *user, &answers, now).await?;
            }
        }
    }
    Ok(())
}
