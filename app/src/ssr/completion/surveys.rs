//! The surveys a participant still has to answer in a cohort, for the checklist.

use crate::model::completion::SurveyToAnswer;
use crate::ssr::db::Db;

/// The cohort's surveys that `user` has not answered yet, with where to answer each.
pub async fn to_answer(
    _db: &Db,
    _cohort: i64,
    _user: i64,
) -> Result<Vec<SurveyToAnswer>, sqlx::Error> {
    // TODO(#20): wired to ssr::surveys::missing_required when the surveys branch lands.
    Ok(Vec::new())
}
