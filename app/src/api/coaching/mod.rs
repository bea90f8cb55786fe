//! Server functions of the coaching log (TIRTA): a participant's cycles and the mentor's comments.

mod read;
mod write;

pub use read::{coaching_cycle, mentor_coaching, my_coaching_log, participant_coaching_log};
pub use read::{CyclePageFn, MentorCoaching, MyCoachingLog, ParticipantCoachingLog};
pub use write::{add_coaching_comment, create_coaching_cycle, update_coaching_cycle};
pub use write::{AddCoachingComment, CreateCoachingCycle, CycleParts, UpdateCoachingCycle};

#[cfg(feature = "ssr")]
mod guard {
    use crate::model::{AppError, CohortId, CurrentUser, CycleId, ErrorKind, UserId};
    use crate::ssr::coaching::access::{self, CycleHead, Reader};
    use crate::ssr::db::{internal, Db};
    use crate::ssr::msg;

    /// The 404 of a cycle or log the caller may not know about.
    pub fn not_found() -> AppError {
        AppError::new(ErrorKind::NotFound, msg("coaching.not_found"))
    }

    /// How `user` reads the log of `participant` in `cohort`, or the 404 that hides it.
    pub async fn log(
        db: &Db,
        user: &CurrentUser,
        participant: UserId,
        cohort: CohortId,
    ) -> Result<Reader, AppError> {
        access::reader(db, user, participant.0, cohort.0)
            .await
            .map_err(|e| internal("coaching reader", e))?
            .ok_or_else(not_found)
    }

    /// Cycle `id` and how `user` reads it, or the 404 that hides it.
    pub async fn cycle(
        db: &Db,
        user: &CurrentUser,
        id: CycleId,
    ) -> Result<(CycleHead, Reader), AppError> {
        let head = access::head(db, id.0)
            .await
            .map_err(|e| internal("coaching cycle head", e))?
            .ok_or_else(not_found)?;
        let reader = log(
            db,
            user,
            UserId(head.participant_id),
            CohortId(head.cohort_id),
        )
        .await?;
        Ok((head, reader))
    }
}
