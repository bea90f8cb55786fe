//! Rubrics of a program (criteria × levels worth points) and mentors' scores of posts with them.
//!
//! A rubric changes only until its first score: after that, scores keep pointing at the exact
//! criteria and levels they were given with. A score belongs to one revision of a post; the
//! newest counts, and it appends a `score` event to the board in the same transaction.

use super::events::{self, EventKind};
use crate::model::boards::{
    CriterionView, LevelView, ProgramRubrics, RubricLink, RubricView, ScoreLine, ScoreView,
};
use crate::model::{CurrentUser, Role};
use crate::ssr::db::{insert_numbered, update_and_clear_children, Db};
use crate::ssr::institutions::SCOPE_CTE;
use serde_json::json;

/// A checked rubric as its form gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    /// Label and points of each level, lowest first.
    pub levels: Vec<(String, i64)>,
    /// Title and description of each criterion, in order.
    pub criteria: Vec<(String, String)>,
}

/// Whether `user` may write rubrics for `program`: an admin whose scope organizes it, or a
/// mentor of a group in one of its cohorts.
pub async fn may_author(db: &Db, user: &CurrentUser, program: i64) -> Result<bool, sqlx::Error> {
    match (user.role, user.institution_id) {
        (Role::Admin, Some(root)) => {
            crate::ssr::scope::program_in_scope(db, root, crate::model::ProgramId(program)).await
        }
        (Role::Mentor, _) => {
            let (n,): (i64,) = sqlx::query_as(
                "select count(*) from mentor_group g join cohort c on c.id = g.cohort_id \
                 where g.mentor_id = $1 and c.program_id = $2",
            )
            .bind(user.id.0)
            .bind(program)
            .fetch_one(db)
            .await?;
            Ok(n > 0)
        }
        _ => Ok(false),
    }
}

/// The programs `user` may write rubrics for, newest first, each with its rubrics.
pub async fn programs_of(
    db: &Db,
    user: &CurrentUser,
    limit: i64,
) -> Result<Vec<ProgramRubrics>, sqlx::Error> {
    let programs: Vec<(i64, String)> = match (user.role, user.institution_id) {
        (Role::Admin, Some(root)) => {
            sqlx::query_as(&format!(
                "{SCOPE_CTE} select p.id, p.title from program p \
                 where p.organizer_id in (select id from scope) order by p.id desc limit $2"
            ))
            .bind(root.0)
            .bind(limit)
            .fetch_all(db)
            .await?
        }
        (Role::Mentor, _) => {
            sqlx::query_as(
                "select p.id, p.title from program p where p.id in \
                 (select c.program_id from mentor_group g join cohort c on c.id = g.cohort_id \
                  where g.mentor_id = $1) order by p.id desc limit $2",
            )
            .bind(user.id.0)
            .bind(limit)
            .fetch_all(db)
            .await?
        }
        _ => Vec::new(),
    };
    // Every program's rubrics in one query (the ids are integers, written into the statement).
    let ids: Vec<String> = programs.iter().map(|(id, _)| id.to_string()).collect();
    let rubrics = if ids.is_empty() {
        Vec::new()
    } else {
        links(db, &format!("r.program_id in ({})", ids.join(", ")), None).await?
    };
    Ok(programs
        .into_iter()
        .map(|(program_id, program_title)| ProgramRubrics {
            program_id: crate::model::ids::ProgramId(program_id),
            program_title,
            rubrics: rubrics
                .iter()
                .filter(|(program, _)| *program == program_id)
                .map(|(_, link)| link.clone())
                .collect(),
        })
        .collect())
}

/// A program's rubrics, newest first.
pub async fn of_program(db: &Db, program: i64) -> Result<Vec<RubricLink>, sqlx::Error> {
    Ok(links(db, "r.program_id = $1", Some(program))
        .await?
        .into_iter()
        .map(|(_, link)| link)
        .collect())
}

/// The rubrics matching `filter` (bound to `program` when given), newest first, with their program.
async fn links(
    db: &Db,
    filter: &str,
    program: Option<i64>,
) -> Result<Vec<(i64, RubricLink)>, sqlx::Error> {
    let sql = format!(
        "select r.program_id, r.id, r.title, \
         (select count(*) from rubric_criterion k where k.rubric_id = r.id), \
         (select cast(coalesce(sum((select max(l.points) from rubric_level l \
           where l.criterion_id = k.id)), 0) as bigint) from rubric_criterion k \
           where k.rubric_id = r.id), \
         (select count(*) from post_score s where s.rubric_id = r.id) \
         from rubric r where {filter} order by r.id desc"
    );
    let mut query = sqlx::query_as::<_, (i64, i64, String, i64, i64, i64)>(&sql);
    if let Some(program) = program {
        query = query.bind(program);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(program, id, title, criteria, max_points, scores)| {
            (
                program,
                RubricLink {
                    id: crate::model::ids::RubricId(id),
                    title,
                    criteria,
                    max_points,
                    scores,
                },
            )
        })
        .collect())
}

/// One rubric with its criteria and levels.
pub async fn get(db: &Db, id: i64) -> Result<Option<RubricView>, sqlx::Error> {
    let head: Option<(i64, String, String, i64)> = sqlx::query_as(
        "select r.program_id, p.title, r.title, \
         (select count(*) from post_score s where s.rubric_id = r.id) \
         from rubric r join program p on p.id = r.program_id where r.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some((program_id, program_title, title, scores)) = head else {
        return Ok(None);
    };
    let rows: Vec<(i64, String, String, i64, String, i64)> = sqlx::query_as(
        "select k.id, k.title, k.description, l.id, l.label, l.points \
         from rubric_criterion k join rubric_level l on l.criterion_id = k.id \
         where k.rubric_id = $1 order by k.position, l.position",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let mut criteria: Vec<CriterionView> = Vec::new();
    for (criterion, ctitle, description, level, label, points) in rows {
        if criteria.last().is_none_or(|c| c.id != criterion) {
            criteria.push(CriterionView {
                id: criterion,
                title: ctitle,
                description,
                levels: Vec::new(),
            });
        }
        if let Some(last) = criteria.last_mut() {
            last.levels.push(LevelView {
                id: level,
                label,
                points,
            });
        }
    }
    let max_points = criteria
        .iter()
        .map(|c| c.levels.iter().map(|l| l.points).max().unwrap_or(0))
        .sum();
    Ok(Some(RubricView {
        id: crate::model::ids::RubricId(id),
        program_id: crate::model::ids::ProgramId(program_id),
        program_title,
        title,
        criteria,
        max_points,
        scores,
    }))
}

async fn write_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    rubric: i64,
    draft: &Draft,
) -> Result<(), sqlx::Error> {
    let levels: Vec<(&str, i64)> = draft
        .levels
        .iter()
        .map(|(label, points)| (label.as_str(), *points))
        .collect();
    for (position, (title, description)) in draft.criteria.iter().enumerate() {
        let (criterion,): (i64,) = sqlx::query_as(
            "insert into rubric_criterion (rubric_id, position, title, description) \
             values ($1, $2, $3, $4) returning id",
        )
        .bind(rubric)
        .bind(position as i64 + 1)
        .bind(title)
        .bind(description)
        .fetch_one(&mut **tx)
        .await?;
        let insert = "insert into rubric_level (criterion_id, position, label, points) \
                      values ($1, $2, $3, $4)";
        insert_numbered(tx, insert, criterion, &levels).await?;
    }
    Ok(())
}

/// A new rubric of `program`.
pub async fn create(
    db: &Db,
    program: i64,
    by: i64,
    draft: &Draft,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "insert into rubric (program_id, title, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $4) returning id",
    )
    .bind(program)
    .bind(&draft.title)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    write_rows(&mut tx, id, draft).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces the rubric's title, criteria and levels; false once it has been used to score.
pub async fn replace(db: &Db, id: i64, draft: &Draft, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    // Taking the row first makes a score written meanwhile wait (PostgreSQL) or conflict (SQLite).
    let update = sqlx::query(
        "update rubric set title = $1, updated_at = $2 where id = $3 \
         and not exists (select 1 from post_score s where s.rubric_id = $3)",
    )
    .bind(&draft.title)
    .bind(now)
    .bind(id);
    let clear = [
        "delete from rubric_level where criterion_id in \
         (select id from rubric_criterion where rubric_id = $1)",
        "delete from rubric_criterion where rubric_id = $1",
    ];
    if !update_and_clear_children(&mut tx, update, id, &clear).await? {
        return Ok(false);
    }
    write_rows(&mut tx, id, draft).await?;
    tx.commit().await?;
    Ok(true)
}

/// The program a post's board belongs to.
pub async fn program_of_post(db: &Db, post: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select c.program_id from work_post w join board b on b.id = w.board_id \
         join cohort c on c.id = b.cohort_id where w.id = $1",
    )
    .bind(post)
    .fetch_optional(db)
    .await
}

/// A score to record: the level chosen for each criterion, in the rubric's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewScore<'a> {
    pub post: i64,
    pub rubric: &'a RubricView,
    pub by: i64,
    pub levels: Vec<Option<i64>>,
    pub note: &'a str,
}

/// Why a score was refused: the position (1-based) of a criterion without a valid level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unscored(pub usize);

/// Records a score of the post's current revision. `Ok(Err)` names the first criterion whose
/// level is missing or not one of its own.
pub async fn score(
    db: &Db,
    new: &NewScore<'_>,
    now: i64,
) -> Result<Result<i64, Unscored>, sqlx::Error> {
    let mut chosen = Vec::with_capacity(new.rubric.criteria.len());
    for (n, criterion) in new.rubric.criteria.iter().enumerate() {
        let level = new
            .levels
            .get(n)
            .copied()
            .flatten()
            .and_then(|id| criterion.levels.iter().find(|l| l.id == id));
        match level {
            Some(level) => chosen.push((criterion.id, level.id, level.points)),
            None => return Ok(Err(Unscored(n + 1))),
        }
    }
    let total: i64 = chosen.iter().map(|(_, _, points)| points).sum();
    let mut tx = db.begin().await?;
    let Some((board, revision, author, title)): Option<(i64, i64, i64, String)> =
        sqlx::query_as("select board_id, revision, author_id, title from work_post where id = $1")
            .bind(new.post)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(Err(Unscored(0)));
    };
    let (id,): (i64,) = sqlx::query_as(
        "insert into post_score (post_id, revision, rubric_id, scored_by, total_points, \
         max_points, note, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(new.post)
    .bind(revision)
    .bind(new.rubric.id)
    .bind(new.by)
    .bind(total)
    .bind(new.rubric.max_points)
    .bind(new.note)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for (criterion, level, points) in chosen {
        sqlx::query(
            "insert into post_score_item (score_id, criterion_id, level_id, points) \
             values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(criterion)
        .bind(level)
        .bind(points)
        .execute(&mut *tx)
        .await?;
    }
    super::posts::first_response(&mut tx, new.post, new.by, now).await?;
    sqlx::query("update work_post set updated_at = $1 where id = $2")
        .bind(now)
        .bind(new.post)
        .execute(&mut *tx)
        .await?;
    events::append(
        &mut tx,
        board,
        EventKind::Score,
        Some(new.post),
        new.by,
        &json!({ "post": new.post, "score": id }),
        now,
    )
    .await?;
    let notice = crate::ssr::notifications::Notice {
        kind: crate::model::codes::NotificationKind::Score,
        actor: Some(new.by),
        subject: &title,
        detail: "",
        link: format!("/papan/pos/{}", new.post),
    };
    crate::ssr::notifications::notify(
        &mut tx,
        crate::ssr::notifications::Recipients::Users(&[author]),
        &notice,
        now,
    )
    .await?;
    tx.commit().await?;
    crate::ssr::mail::wake_worker();
    Ok(Ok(id))
}

#[derive(sqlx::FromRow)]
struct ScoreHead {
    id: i64,
    revision: i64,
    rubric_title: String,
    scorer_name: String,
    total_points: i64,
    max_points: i64,
    note: String,
    created_at: i64,
}

/// A post's scores, newest first, each with its lines.
pub async fn scores(db: &Db, post: i64) -> Result<Vec<ScoreView>, sqlx::Error> {
    let heads: Vec<ScoreHead> = sqlx::query_as(
        "select s.id, s.revision, r.title as rubric_title, u.name as scorer_name, \
         s.total_points, s.max_points, s.note, s.created_at from post_score s \
         join rubric r on r.id = s.rubric_id join app_user u on u.id = s.scored_by \
         where s.post_id = $1 order by s.id desc",
    )
    .bind(post)
    .fetch_all(db)
    .await?;
    let lines: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(
        "select i.score_id, k.title, l.label, i.points, \
         (select max(m.points) from rubric_level m where m.criterion_id = k.id) \
         from post_score_item i join post_score s on s.id = i.score_id \
         join rubric_criterion k on k.id = i.criterion_id \
         join rubric_level l on l.id = i.level_id \
         where s.post_id = $1 order by i.score_id, k.position",
    )
    .bind(post)
    .fetch_all(db)
    .await?;
    Ok(heads
        .into_iter()
        .map(|head| ScoreView {
            lines: lines
                .iter()
                .filter(|line| line.0 == head.id)
                .map(|(_, criterion, level, points, max)| ScoreLine {
                    criterion: criterion.clone(),
                    level: level.clone(),
                    points: *points,
                    max_points: *max,
                })
                .collect(),
            id: head.id,
            revision: head.revision,
            rubric_title: head.rubric_title,
            scorer_name: head.scorer_name,
            total_points: head.total_points,
            max_points: head.max_points,
            note: head.note,
            created_at: head.created_at,
        })
        .collect())
}
