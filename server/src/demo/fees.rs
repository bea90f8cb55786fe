//! Demo data for participant fees: a program funded by participants' contributions ("Bimbingan
//! Teknis TIK untuk Pembelajaran", Rp750.000) with one cohort, "Kelas Mandiri", in which peserta11
//! and peserta12 are approved; the agency's receiving account; and their bills, still unpaid (the
//! end-to-end spec pays them).

use app::ssr::db::Db;
use app::ssr::fees;

/// Seeds the fee-funded program, its cohort and the two teachers' bills.
pub async fn seed_fees(
    db: &Db,
    agency: i64,
    admin: i64,
    teachers: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    use app::model::wib;
    let (program,): (i64,) = sqlx::query_as(
        "insert into program (organizer_id, title, description, level, total_jp, mode, funding, \
         fee_amount, status, created_by, created_at, updated_at) \
         values ($1, 'Bimbingan Teknis TIK untuk Pembelajaran', \
         'Guru memakai pengolah kata, lembar kerja, presentasi dan internet untuk menyiapkan dan \
         menilai pembelajaran. Dibiayai kontribusi peserta.', 'basic', 24, 'blended', 'fee', \
         750000, 'published', $2, $3, $3) returning id",
    )
    .bind(agency)
    .bind(admin)
    .bind(now)
    .fetch_one(db)
    .await?;
    sqlx::query(
        "insert into program_competency (program_id, competency_id) \
         select $1, id from competency where code = 'office_tools'",
    )
    .bind(program)
    .execute(db)
    .await?;
    let (cohort,): (i64,) = sqlx::query_as(
        "insert into cohort (program_id, name, starts_on, ends_on, registration_opens_at, \
         registration_closes_at, quota, seats_taken, created_by, created_at) \
         values ($1, 'Kelas Mandiri', $2, $3, $4, $5, 40, $6, $7, $8) returning id",
    )
    .bind(program)
    .bind(wib::date_of(super::seed::wib_day(now, 21)))
    .bind(wib::date_of(super::seed::wib_day(now, 35)))
    .bind(now - 86_400)
    .bind(super::seed::wib_day(now, 14))
    .bind(teachers.len() as i64)
    .bind(admin)
    .bind(now)
    .fetch_one(db)
    .await?;
    for teacher in teachers {
        sqlx::query(
            "insert into enrolment (cohort_id, user_id, status, source, decided_by, decided_at, \
             created_at) values ($1, $2, 'approved', 'application', $3, $4, $4)",
        )
        .bind(cohort)
        .bind(teacher)
        .bind(admin)
        .bind(now)
        .execute(db)
        .await?;
    }
    fees::pay::save_account(
        db,
        agency,
        &app::model::fees::TransferTo {
            bank: "Bank Jateng".into(),
            account_number: "1023456789".into(),
            account_name: "BPSDM Provinsi Jawa Tengah".into(),
        },
        admin,
        now,
    )
    .await?;
    fees::ensure_for_cohort(db, cohort, now).await?;
    Ok(())
}
