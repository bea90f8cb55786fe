//! TIRTA cycles: checking the four parts, writing a new cycle (numbered 1, 2, 3… per participant
//! and cohort), the owner's edits, and reading a log's cycles or one cycle whole.

use crate::model::coaching::{CycleParts, CycleSummary};
use crate::ssr::db::{is_unique_violation, Db};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Row;

/// Longest part of a cycle, in characters.
pub const MAX_PART_CHARS: usize = 4_000;
/// How many characters of the goal a log's list shows.
pub const GOAL_EXCERPT_CHARS: usize = 160;
/// Tries at a cycle number before giving up (each lost race costs one).
const NUMBER_TRIES: usize = 5;

/// The four parts of a TIRTA cycle, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Tujuan: what the participant wants to reach.
    Goal,
    /// Identifikasi: where they stand now, and why.
    Identification,
    /// Rencana aksi: the steps they will take.
    ActionPlan,
    /// TAnggung jawab: what they commit to, and when.
    Commitment,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::Goal,
        Part::Identification,
        Part::ActionPlan,
        Part::Commitment,
    ];

    /// The form field (and server function argument) of this part.
    pub fn field(self) -> &'static str {
        match self {
            Part::Goal => "goal",
            Part::Identification => "identification",
            Part::ActionPlan => "action_plan",
            Part::Commitment => "commitment",
        }
    }

    /// The message key for an empty part.
    pub fn missing_key(self) -> &'static str {
        match self {
            Part::Goal => "coaching.goal_missing",
            Part::Identification => "coaching.identification_missing",
            Part::ActionPlan => "coaching.action_plan_missing",
            Part::Commitment => "coaching.commitment_missing",
        }
    }
}

/// Why one part was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    Missing(Part),
    TooLong(Part),
}

impl Invalid {
    /// The field the message belongs next to.
    pub fn field(self) -> &'static str {
        match self {
            Invalid::Missing(part) | Invalid::TooLong(part) => part.field(),
        }
    }

    /// The message key.
    pub fn key(self) -> &'static str {
        match self {
            Invalid::Missing(part) => part.missing_key(),
            Invalid::TooLong(_) => "coaching.part_too_long",
        }
    }
}

/// The four parts as written, before checking.
#[derive(Clone, Copy, Debug)]
pub struct Draft<'a> {
    pub goal: &'a str,
    pub identification: &'a str,
    pub action_plan: &'a str,
    pub commitment: &'a str,
}

/// `text` trimmed, with browser `\r\n` line ends made `\n`.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

fn check_part(part: Part, text: &str) -> Result<String, Invalid> {
    let text = clean(text);
    if text.is_empty() {
        Err(Invalid::Missing(part))
    } else if text.chars().count() > MAX_PART_CHARS {
        Err(Invalid::TooLong(part))
    } else {
        Ok(text)
    }
}

/// Checks every part; on failure, every refused part (so each gets its message at once).
pub fn check(draft: Draft<'_>) -> Result<CycleParts, Vec<Invalid>> {
    let goal = check_part(Part::Goal, draft.goal);
    let identification = check_part(Part::Identification, draft.identification);
    let action_plan = check_part(Part::ActionPlan, draft.action_plan);
    let commitment = check_part(Part::Commitment, draft.commitment);
    match (goal, identification, action_plan, commitment) {
        (Ok(goal), Ok(identification), Ok(action_plan), Ok(commitment)) => Ok(CycleParts {
            goal,
            identification,
            action_plan,
            commitment,
        }),
        (a, b, c, d) => Err([a.err(), b.err(), c.err(), d.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// What became of a new cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    /// Saved as cycle `number`, row `id`.
    Saved { id: i64, number: i64 },
    /// The participant is not (or no longer) an approved participant of the cohort.
    NotEnrolled,
    /// Other cycles kept taking the next number (only under a storm of simultaneous writes).
    Busy,
}

/// Writes a new cycle of `participant` in `cohort` with the next free number. The parts are
/// checked already (`check`); the enrolment is checked again here, in the transaction.
///
/// The transaction first touches the participant's enrolment row: on PostgreSQL that row lock
/// queues simultaneous cycles of one participant, so each reads the highest number after the
/// previous one committed; on SQLite the write lock does the same for the whole database. Should
/// two still reach for one number, the unique `(cohort, participant, number)` refuses the second,
/// which tries again.
pub async fn create(
    db: &Db,
    cohort: i64,
    participant: i64,
    parts: &CycleParts,
    now: i64,
) -> Result<Created, sqlx::Error> {
    for _ in 0..NUMBER_TRIES {
        let mut tx = db.begin().await?;
        let enrolled = sqlx::query(
            "update enrolment set status = status where cohort_id = $1 and user_id = $2 \
             and status = 'approved'",
        )
        .bind(cohort)
        .bind(participant)
        .execute(&mut *tx)
        .await?;
        if enrolled.rows_affected() == 0 {
            return Ok(Created::NotEnrolled);
        }
        let insert = sqlx::query(
            "insert into coaching_cycle (cohort_id, participant_id, number, goal, identification, \
             action_plan, commitment, created_at, updated_at) \
             select $1, $2, coalesce(max(number), 0) + 1, $3, $4, $5, $6, $7, $7 \
             from coaching_cycle where cohort_id = $1 and participant_id = $2 \
             returning id, number",
        );
        let inserted = bind_cycle(insert, cohort, participant, parts, now)
            .fetch_one(&mut *tx)
            .await
            .and_then(|row| Ok((row.try_get::<i64, _>(0)?, row.try_get::<i64, _>(1)?)));
        match inserted {
            Ok((id, number)) => {
                tx.commit().await?;
                return Ok(Created::Saved { id, number });
            }
            // Dropping the transaction rolls it back; the next try reads the new highest.
            Err(err) if is_unique_violation(&err) => continue,
            Err(err) => return Err(err),
        }
    }
    Ok(Created::Busy)
}

/// Binds what both statements that write a cycle take, as `$1` to `$7`: `key` (the cohort of a
/// new cycle, the id of an edited one), the participant, the four parts in order and the time.
fn bind_cycle<'q>(
    query: Query<'q, sqlx::Any, AnyArguments<'q>>,
    key: i64,
    participant: i64,
    parts: &'q CycleParts,
    now: i64,
) -> Query<'q, sqlx::Any, AnyArguments<'q>> {
    query
        .bind(key)
        .bind(participant)
        .bind(&parts.goal)
        .bind(&parts.identification)
        .bind(&parts.action_plan)
        .bind(&parts.commitment)
        .bind(now)
}

/// Replaces the four parts of cycle `id` of `participant`; comments stay. Whether it was found.
pub async fn update(
    db: &Db,
    id: i64,
    participant: i64,
    parts: &CycleParts,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let update = sqlx::query(
        "update coaching_cycle set goal = $3, identification = $4, action_plan = $5, \
         commitment = $6, updated_at = $7 where id = $1 and participant_id = $2",
    );
    let done = bind_cycle(update, id, participant, parts, now)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The first line of `text`, cut at `max` characters with `…`.
pub fn excerpt(text: &str, max: usize) -> String {
    let first = text.lines().next().unwrap_or_default().trim();
    let cut = first.chars().count() > max || text.trim().lines().nth(1).is_some();
    let kept: String = first.chars().take(max).collect();
    if cut {
        format!("{}…", kept.trim_end())
    } else {
        kept
    }
}

#[derive(sqlx::FromRow)]
struct LineRow {
    id: i64,
    number: i64,
    goal: String,
    created_at: i64,
    updated_at: i64,
    comments: i64,
    staff_comments: i64,
}

/// The cycles of `participant` in `cohort`, newest first, with their comment counts.
pub async fn log(db: &Db, cohort: i64, participant: i64) -> Result<Vec<CycleSummary>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(
        "select y.id, y.number, y.goal, y.created_at, y.updated_at, \
         (select count(*) from coaching_comment k where k.cycle_id = y.id) as comments, \
         (select count(*) from coaching_comment k where k.cycle_id = y.id \
          and k.author_id <> y.participant_id) as staff_comments \
         from coaching_cycle y where y.cohort_id = $1 and y.participant_id = $2 \
         order by y.number desc",
    )
    .bind(cohort)
    .bind(participant)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CycleSummary {
            id: crate::model::ids::CycleId(r.id),
            number: r.number,
            goal_excerpt: excerpt(&r.goal, GOAL_EXCERPT_CHARS),
            created_at: r.created_at,
            updated_at: r.updated_at,
            comments: r.comments,
            staff_comments: r.staff_comments,
        })
        .collect())
}

/// A whole cycle.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CycleRow {
    pub id: i64,
    pub cohort_id: i64,
    pub cohort_name: String,
    pub program_title: String,
    pub participant_id: i64,
    pub participant_name: String,
    pub number: i64,
    #[sqlx(flatten)]
    pub parts: CycleParts,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Cycle `id` whole, with its cohort and participant named.
pub async fn get(db: &Db, id: i64) -> Result<Option<CycleRow>, sqlx::Error> {
    sqlx::query_as(
        "select y.id, y.cohort_id, c.name as cohort_name, p.title as program_title, \
         y.participant_id, u.name as participant_name, y.number, y.goal, y.identification, \
         y.action_plan, y.commitment, y.created_at, y.updated_at \
         from coaching_cycle y join cohort c on c.id = y.cohort_id \
         join program p on p.id = c.program_id join app_user u on u.id = y.participant_id \
         where y.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The number the next cycle of `participant` in `cohort` will most likely get.
pub async fn next_number(db: &Db, cohort: i64, participant: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select coalesce(max(number), 0) + 1 from coaching_cycle \
         where cohort_id = $1 and participant_id = $2",
    )
    .bind(cohort)
    .bind(participant)
    .fetch_one(db)
    .await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft<'a>(goal: &'a str, plan: &'a str) -> Draft<'a> {
        Draft {
            goal,
            identification: "Siswa mudah percaya pada hasil teratas.",
            action_plan: plan,
            commitment: "Saya laksanakan Senin depan.",
        }
    }

    #[test]
    fn every_refused_part_is_named_and_text_is_cleaned() {
        let long = "x".repeat(MAX_PART_CHARS + 1);
        let refused = check(draft("  \r\n ", &long)).expect_err("refused");
        assert_eq!(
            refused,
            vec![
                Invalid::Missing(Part::Goal),
                Invalid::TooLong(Part::ActionPlan)
            ]
        );
        assert_eq!(refused[0].field(), "goal");
        assert_eq!(refused[1].key(), "coaching.part_too_long");
        let parts = check(draft(" Baris satu\r\nBaris dua ", "Langkah 1")).expect("valid");
        assert_eq!(parts.goal, "Baris satu\nBaris dua");
        let exactly = "é".repeat(MAX_PART_CHARS);
        assert!(
            check(draft(&exactly, "ok")).is_ok(),
            "the limit counts characters"
        );
    }

    #[test]
    fn excerpts_keep_the_first_line() {
        assert_eq!(excerpt("Pendek", 20), "Pendek");
        assert_eq!(excerpt("Satu\nDua", 20), "Satu…");
        assert_eq!(excerpt("abcdefghij", 4), "abcd…");
        assert_eq!(excerpt("", 4), "");
    }
}
