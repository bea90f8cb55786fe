//! The completion rules of a program and of a cohort. A cohort's own rules, when it has them,
//! replace the program's as a whole (a cohort that asks for less attendance states every rule).

use crate::model::completion::{CompletionRules, RuleSource};
use crate::ssr::db::Db;

type RuleRow = (
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    i64,
    Option<i64>,
    i64,
);

const COLUMNS: &str = "min_attendance_percent, min_jp, min_post_test_percent, \
     min_approved_products, require_surveys, min_coaching_cycles, require_fee_settled";

fn from_row(row: RuleRow) -> CompletionRules {
    let (attendance, jp, post_test, products, surveys, coaching, fee) = row;
    CompletionRules {
        min_attendance_percent: attendance,
        min_jp: jp,
        min_post_test_percent: post_test,
        min_approved_products: products,
        require_surveys: surveys != 0,
        min_coaching_cycles: coaching,
        require_fee_settled: fee != 0,
    }
}

/// The rules a program states, if any.
pub async fn of_program(db: &Db, program: i64) -> Result<Option<CompletionRules>, sqlx::Error> {
    let row: Option<RuleRow> = sqlx::query_as(&format!(
        "select {COLUMNS} from completion_rule where program_id = $1"
    ))
    .bind(program)
    .fetch_optional(db)
    .await?;
    Ok(row.map(from_row))
}

/// The rules a cohort states of its own, if any.
pub async fn of_cohort(db: &Db, cohort: i64) -> Result<Option<CompletionRules>, sqlx::Error> {
    let row: Option<RuleRow> = sqlx::query_as(&format!(
        "select {COLUMNS} from completion_rule where cohort_id = $1"
    ))
    .bind(cohort)
    .fetch_optional(db)
    .await?;
    Ok(row.map(from_row))
}

/// The program of a cohort.
pub async fn program_of(db: &Db, cohort: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select program_id from cohort where id = $1")
        .bind(cohort)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(p,)| p))
}

/// The rules in force for a cohort, where they come from, and both sets as stated.
pub struct InForce {
    pub rules: CompletionRules,
    pub source: RuleSource,
    pub program: Option<CompletionRules>,
    pub cohort: Option<CompletionRules>,
}

/// The rules in force for `cohort`.
pub async fn in_force(db: &Db, cohort: i64) -> Result<InForce, sqlx::Error> {
    let own = of_cohort(db, cohort).await?;
    let program = match program_of(db, cohort).await? {
        Some(p) => of_program(db, p).await?,
        None => None,
    };
    let (rules, source) = match (&own, &program) {
        (Some(own), _) => (own.clone(), RuleSource::Cohort),
        (None, Some(program)) => (program.clone(), RuleSource::Program),
        (None, None) => (CompletionRules::default(), RuleSource::None),
    };
    Ok(InForce {
        rules,
        source,
        program,
        cohort: own,
    })
}

/// Whom a set of rules belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Program(i64),
    Cohort(i64),
}

/// States `rules` for `owner`, replacing what it stated before.
pub async fn save(
    db: &Db,
    owner: Owner,
    rules: &CompletionRules,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (program, cohort) = match owner {
        Owner::Program(p) => (Some(p), None),
        Owner::Cohort(c) => (None, Some(c)),
    };
    let mut tx = db.begin().await?;
    sqlx::query("delete from completion_rule where program_id = $1 or cohort_id = $2")
        .bind(program.unwrap_or(-1))
        .bind(cohort.unwrap_or(-1))
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "insert into completion_rule (program_id, cohort_id, {COLUMNS}, updated_by, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    ))
    .bind(program)
    .bind(cohort)
    .bind(rules.min_attendance_percent)
    .bind(rules.min_jp)
    .bind(rules.min_post_test_percent)
    .bind(rules.min_approved_products)
    .bind(i64::from(rules.require_surveys))
    .bind(rules.min_coaching_cycles)
    .bind(i64::from(rules.require_fee_settled))
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Drops a cohort's own rules: the program's apply again.
pub async fn clear_cohort(db: &Db, cohort: i64) -> Result<(), sqlx::Error> {
    sqlx::query("delete from completion_rule where cohort_id = $1")
        .bind(cohort)
        .execute(db)
        .await?;
    Ok(())
}
