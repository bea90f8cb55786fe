//! Writes a realistic enrolment CSV for the import benchmark:
//! `gen_import_csv <rows> <output.csv> [seed] [e-mail domain]`.

use pamong_tests::import_support::generate_csv;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let rows: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(62_000);
    let output = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "import-62000.csv".to_string());
    let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(2026);
    let domain = args
        .get(4)
        .cloned()
        .unwrap_or_else(|| "guru.belajar.id".to_string());
    std::fs::write(&output, generate_csv(rows, seed, &domain))?;
    println!("{rows} rows written to {output}");
    Ok(())
}
