//! The kept enrolment counts of a cohort (`cohort_enrolment_count`, written by triggers): read,
//! and folded into one row per status when a cohort's rows pile up.

use crate::ssr::db::{begin_write, Backend, Db};

/// More rows than this for one cohort and the next read folds them.
const FOLD_AFTER: i64 = 64;

/// The number of `status` enrolments of `cohort`, as the triggers keep it.
pub async fn enrolments(db: &Db, cohort: i64, status: &str) -> Result<i64, sqlx::Error> {
    let (n, rows): (i64, i64) = sqlx::query_as(
        "select cast(coalesce(sum(n), 0) as bigint), count(*) from cohort_enrolment_count \
         where cohort_id = $1 and status = $2",
    )
    .bind(cohort)
    .bind(status)
    .fetch_one(db)
    .await?;
    if rows > FOLD_AFTER {
        // Only upkeep: the count just read is right whether or not the fold succeeds.
        if let Err(err) = fold(db, cohort).await {
            tracing::warn!(%err, cohort, "folding the enrolment counts");
        }
    }
    Ok(n)
}

/// Replaces the count rows of `cohort` by one row per status with their sum.
pub async fn fold(db: &Db, cohort: i64) -> Result<(), sqlx::Error> {
    match Backend::from_url(db.connect_options().database_url.as_str()) {
        // One statement: it deletes the rows it sees and inserts exactly their sums, so a row a
        // concurrent transaction adds meanwhile is left for the next fold.
        Backend::Postgres => {
            sqlx::query(
                "with gone as (delete from cohort_enrolment_count where cohort_id = $1 \
                 returning status, n) \
                 insert into cohort_enrolment_count (cohort_id, status, n) \
                 select $1, status, sum(n) from gone group by status",
            )
            .bind(cohort)
            .execute(db)
            .await?;
        }
        // The write lock is held from the start: no other writer between the sum and the delete.
        Backend::Sqlite => {
            let mut tx = begin_write(db).await?;
            let sums: Vec<(String, i64)> = sqlx::query_as(
                "select status, cast(sum(n) as bigint) from cohort_enrolment_count \
                 where cohort_id = $1 group by status",
            )
            .bind(cohort)
            .fetch_all(&mut *tx)
            .await?;
            sqlx::query("delete from cohort_enrolment_count where cohort_id = $1")
                .bind(cohort)
                .execute(&mut *tx)
                .await?;
            for (status, n) in sums {
                sqlx::query(
                    "insert into cohort_enrolment_count (cohort_id, status, n) values ($1, $2, $3)",
                )
                .bind(cohort)
                .bind(status)
                .bind(n)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }
    }
    Ok(())
}
