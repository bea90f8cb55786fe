//! Setting for the completion tests: the live-session world (a program with two cohorts, an
//! admin, mentors, participants) and direct writes of what participants do: attendance, a
//! post-test attempt, an approved work product, a coaching cycle.

use crate::harness::Client;
use crate::sessions_support::SessionsWorld;
use app::model::completion::{CohortCompletionTable, ParticipantCompletion};
use app::model::UserId;

/// Reads a server function's JSON answer, or panics with its body.
pub async fn json<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// `client`'s checklist in `cohort`.
pub async fn my_completion(client: &Client, cohort: i64) -> ParticipantCompletion {
    json(
        client
            .call("my_completion", &[("cohort_id", &cohort.to_string())])
            .await,
    )
    .await
}

/// The completion table of `cohort` as `client` sees it.
pub async fn cohort_completion(client: &Client, cohort: i64) -> CohortCompletionTable {
    json(
        client
            .call("cohort_completion", &[("cohort_id", &cohort.to_string())])
            .await,
    )
    .await
}

/// Records `user`'s attendance at `session` as `status`.
pub async fn attend(w: &SessionsWorld, session: i64, user: UserId, status: &str) {
    sqlx::query(
        "insert into attendance (session_id, user_id, status, source, updated_at) \
         values ($1, $2, $3, 'roster', 0)",
    )
    .bind(session)
    .bind(user.0)
    .bind(status)
    .execute(&w.server.db)
    .await
    .expect("attendance");
}

/// A post-test of `cohort` (open) with one finished attempt by `user` scoring `percent` of 10
/// points.
pub async fn post_test_attempt(w: &SessionsWorld, cohort: i64, user: UserId, percent: i64) {
    let existing: Option<(i64,)> =
        sqlx::query_as("select id from quiz where cohort_id = $1 and kind = 'post'")
            .bind(cohort)
            .fetch_optional(&w.server.db)
            .await
            .expect("quiz");
    let quiz = match existing {
        Some((id,)) => id,
        None => {
            let (creator,): (i64,) =
                sqlx::query_as("select id from app_user where role = 'admin' order by id limit 1")
                    .fetch_one(&w.server.db)
                    .await
                    .expect("admin");
            let (id,): (i64,) = sqlx::query_as(
                "insert into quiz (cohort_id, title, kind, selection, opens_at, closes_at, \
                 status, created_by, created_at, updated_at) \
                 values ($1, 'Post-test', 'post', 'fixed', 0, 4000000000, 'open', $2, 0, 0) \
                 returning id",
            )
            .bind(cohort)
            .bind(creator)
            .fetch_one(&w.server.db)
            .await
            .expect("post-test");
            id
        }
    };
    let (number,): (i64,) = sqlx::query_as(
        "select coalesce(max(number), 0) + 1 from quiz_attempt where quiz_id = $1 and user_id = $2",
    )
    .bind(quiz)
    .bind(user.0)
    .fetch_one(&w.server.db)
    .await
    .expect("number");
    sqlx::query(
        "insert into quiz_attempt (quiz_id, user_id, number, started_at, deadline_at, \
         finished_at, finished_by, score_milli, max_points) \
         values ($1, $2, $3, 0, 100, 50, 'participant', $4, 10)",
    )
    .bind(quiz)
    .bind(user.0)
    .bind(number)
    .bind(percent * 100)
    .execute(&w.server.db)
    .await
    .expect("attempt");
}

/// A work product of `user` on the cohort's board, in `status`.
pub async fn work_product(w: &SessionsWorld, cohort: i64, user: UserId, status: &str) {
    let existing: Option<(i64,)> =
        sqlx::query_as("select id from board where cohort_id = $1 and group_id is null")
            .bind(cohort)
            .fetch_optional(&w.server.db)
            .await
            .expect("board");
    let board = match existing {
        Some((id,)) => id,
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "insert into board (cohort_id, created_at) values ($1, 0) returning id",
            )
            .bind(cohort)
            .fetch_one(&w.server.db)
            .await
            .expect("new board");
            id
        }
    };
    sqlx::query(
        "insert into work_post (board_id, author_id, kind, status, title, created_at, updated_at) \
         values ($1, $2, 'modul_ajar', $3, 'Modul ajar', 0, 0)",
    )
    .bind(board)
    .bind(user.0)
    .bind(status)
    .execute(&w.server.db)
    .await
    .expect("work post");
}

/// A coaching cycle written by `user` in `cohort`.
pub async fn coaching_cycle(w: &SessionsWorld, cohort: i64, user: UserId, number: i64) {
    sqlx::query(
        "insert into coaching_cycle (cohort_id, participant_id, number, goal, identification, \
         action_plan, commitment, created_at, updated_at) values ($1, $2, $3, 'g', 'i', 'a', 'c', 0, 0)",
    )
    .bind(cohort)
    .bind(user.0)
    .bind(number)
    .execute(&w.server.db)
    .await
    .expect("cycle");
}
