//! Prepares a database for the import benchmark: an agency, its admin, a published program and
//! a cohort with room for every row. `import_bench_setup <database url> <admin password>` prints
//! the cohort id. Run it against a server's database once the server has migrated it.

use app::model::Role;
use app::ssr::db::now_unix;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!("database url"))?;
    let password = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "bench-pass-2026".to_string());
    let db = server::db::connect(url).await?;
    let now = now_unix();
    let agency = app::ssr::institutions::insert(
        &db,
        "BPSDM Provinsi Uji Beban",
        "province_agency",
        None,
        None,
        Some("33"),
        now,
    )
    .await?;
    let hash = app::ssr::password::hash(password)
        .await
        .map_err(anyhow::Error::msg)?;
    let admin = app::ssr::users::create(
        &db,
        app::ssr::users::NewUser {
            name: "Admin Uji Beban",
            email: "bench-admin@pamong.test",
            password_hash: &hash,
            role: Role::Admin,
            nip: None,
            institution_id: Some(agency),
        },
        now,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let program = pamong_tests::fixtures::program(&db, agency, admin, "published").await;
    let (cohort,): (i64,) = sqlx::query_as(
        "insert into cohort (program_id, name, starts_on, ends_on, registration_opens_at, \
         registration_closes_at, quota, seats_taken, created_by, created_at) \
         values ($1, 'Angkatan Uji Beban', '2027-01-11', '2027-02-19', $2, $3, 70000, 0, $4, $2) returning id",
    )
    .bind(program)
    .bind(now)
    .bind(now + 86_400)
    .bind(admin.0)
    .fetch_one(&db)
    .await?;
    println!("{cohort}");
    Ok(())
}
