//! Reading coaching logs: the participant's own log, one cycle with its comments, a participant's
//! log for their mentor or an admin, and the mentor's overview of their groups.

use crate::model::coaching::{CoachingLog, CyclePage, GroupLogs, ParticipantLog};
use crate::model::{AppError, CohortId, CycleId, UserId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod convert {
    use crate::model::coaching::CohortChoice;
    use crate::ssr::coaching::access::CohortRow;

    pub fn cohort(row: CohortRow) -> CohortChoice {
        CohortChoice {
            id: crate::model::ids::CohortId(row.id),
            name: row.name,
            program_title: row.program_title,
        }
    }

    /// The cohort `wanted` among `cohorts`, else the first (the newest); None when `wanted` is
    /// not among them (the caller answers 404) or there is none.
    pub fn choose(
        cohorts: &[CohortRow],
        wanted: Option<crate::model::CohortId>,
    ) -> Option<CohortRow> {
        match wanted {
            Some(id) => cohorts.iter().find(|c| c.id == id.0).cloned(),
            None => cohorts.first().cloned(),
        }
    }
}

/// The signed-in participant's log in cohort `cohort_id` (their newest cohort when None).
#[server(endpoint = "my_coaching_log")]
pub async fn my_coaching_log(cohort_id: Option<CohortId>) -> Result<CoachingLog, AppError> {
    use crate::ssr::coaching::{access, cycles};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Participant;
    use crate::ssr::state;
    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("my coaching log", e);
    let cohorts = access::own_cohorts(db, user.id.0).await.map_err(fail)?;
    let chosen = convert::choose(&cohorts, cohort_id);
    if cohort_id.is_some() && chosen.is_none() {
        return Err(super::guard::not_found());
    }
    let (cycles, next_number) = match &chosen {
        Some(cohort) => (
            cycles::log(db, cohort.id, user.id.0).await.map_err(fail)?,
            cycles::next_number(db, cohort.id, user.id.0)
                .await
                .map_err(fail)?,
        ),
        None => (Vec::new(), 1),
    };
    Ok(CoachingLog {
        cohorts: cohorts.into_iter().map(convert::cohort).collect(),
        cohort: chosen.map(convert::cohort),
        cycles,
        next_number,
    })
}

/// One cycle, its comments oldest first, and what the viewer may do.
#[server(name = CyclePageFn, endpoint = "coaching_cycle")]
pub async fn coaching_cycle(cycle_id: CycleId) -> Result<CyclePage, AppError> {
    use crate::model::coaching::{CohortChoice, CycleComment};
    use crate::ssr::coaching::{comments, cycles};
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let (head, reader) = super::guard::cycle(db, &user, cycle_id).await?;
    let fail = |e| internal("coaching cycle", e);
    let row = cycles::get(db, head.id)
        .await
        .map_err(fail)?
        .ok_or_else(super::guard::not_found)?;
    let comments = comments::of_cycle(db, head.id)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|c| CycleComment {
            id: c.id,
            author_name: c.author_name,
            author_role: c.author_role,
            by_owner: c.author_id == row.participant_id,
            body: c.body,
            created_at: c.created_at,
        })
        .collect();
    Ok(CyclePage {
        id: crate::model::ids::CycleId(row.id),
        number: row.number,
        cohort: CohortChoice {
            id: crate::model::ids::CohortId(row.cohort_id),
            name: row.cohort_name,
            program_title: row.program_title,
        },
        participant_id: crate::model::ids::UserId(row.participant_id),
        participant_name: row.participant_name,
        parts: row.parts,
        created_at: row.created_at,
        updated_at: row.updated_at,
        comments,
        mine: reader.owns(),
        // Whoever may read a cycle may comment on it.
        can_comment: true,
    })
}

/// A participant's log in cohort `cohort_id` (the newest the viewer may read when None), for
/// their mentor or an admin.
#[server(endpoint = "participant_coaching_log")]
pub async fn participant_coaching_log(
    participant_id: UserId,
    cohort_id: Option<CohortId>,
) -> Result<ParticipantLog, AppError> {
    use crate::model::Role;
    use crate::ssr::coaching::{access, cycles};
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("participant coaching log", e);
    let cohorts = access::readable_cohorts(db, &user, participant_id.0)
        .await
        .map_err(fail)?;
    let chosen = convert::choose(&cohorts, cohort_id).ok_or_else(super::guard::not_found)?;
    // The list says who may read in which cohort; the one rule decides for the cohort shown.
    super::guard::log(db, &user, participant_id, CohortId(chosen.id)).await?;
    let (participant_name, group_name) =
        access::participant_heading(db, participant_id.0, chosen.id)
            .await
            .map_err(fail)?
            .ok_or_else(super::guard::not_found)?;
    let cycles = cycles::log(db, chosen.id, participant_id.0)
        .await
        .map_err(fail)?;
    Ok(ParticipantLog {
        participant_id,
        participant_name,
        group_name,
        cohorts: cohorts.into_iter().map(convert::cohort).collect(),
        cohort: convert::cohort(chosen),
        cycles,
        viewer_is_mentor: user.role == Role::Mentor,
    })
}

/// The groups the signed-in mentor leads, newest cohort first, each with its participants' logs.
#[server(endpoint = "mentor_coaching")]
pub async fn mentor_coaching() -> Result<Vec<GroupLogs>, AppError> {
    use crate::model::coaching::{CohortChoice, MemberSummary};
    use crate::ssr::coaching::overview;
    use crate::ssr::db::internal;
    use crate::ssr::groups::members;
    use crate::ssr::guard::Mentor;
    use crate::ssr::state;
    let Mentor { user } = Mentor::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("mentor coaching", e);
    let groups = members::of_mentor(db, user.id.0).await.map_err(fail)?;
    let logs = overview::members_of_mentor(db, user.id.0)
        .await
        .map_err(fail)?;
    Ok(groups
        .into_iter()
        .map(|g| GroupLogs {
            group_id: g.id,
            group_name: g.name,
            cohort: CohortChoice {
                id: g.cohort_id,
                name: g.cohort_name,
                program_title: g.program_title,
            },
            members: logs
                .iter()
                .filter(|m| m.group_id == g.id.0)
                .map(|m| MemberSummary {
                    participant_id: crate::model::ids::UserId(m.participant_id),
                    name: m.participant_name.clone(),
                    cycles: m.cycles,
                    last_update: m.last_update,
                    awaiting: m.awaiting,
                })
                .collect(),
        })
        .collect())
}
