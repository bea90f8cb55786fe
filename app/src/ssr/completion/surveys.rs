//! The surveys a participant still has to answer in a cohort, for the checklist.

use crate::model::completion::SurveyToAnswer;
use crate::ssr::db::Db;

/// The cohort's surveys that `user` has not answered yet, with where to answer each.
pub async fn to_answer(
    db: &Db,
    cohort: i64,
    user: i64,
) -> Result<Vec<SurveyToAnswer>, sqlx::Error> {
    Ok(crate::ssr::surveys::missing_required(db, cohort, user)
        .await?
        .into_iter()
        .map(|s| SurveyToAnswer {
            title: s.title,
            href: s.href,
        })
        .collect())
}
