//! Prepares a database for the import benchmark: an agency, its admin, a published program and
//! a cohort with room for every row. `import_bench_setup <database url> <admin password>` prints
//! the cohort id. Run it against a server's database once the server has migrated it.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!("database url"))?;
    let password = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "bench-pass-2026".to_string());
    let db = server::db::connect(url).await?;
    let (agency, admin) = pamong_tests::fixtures::agency_with_admin(
        &db,
        "BPSDM Provinsi Uji Beban",
        "Admin Uji Beban",
        "bench-admin@pamong.test",
        password,
    )
    .await;
    let program = pamong_tests::fixtures::program(&db, agency, admin, "published").await;
    let cohort =
        pamong_tests::fixtures::cohort(&db, program, "Angkatan Uji Beban", 70_000, admin).await;
    println!("{cohort}");
    Ok(())
}
