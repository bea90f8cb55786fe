//! Demo rubric: "Rubrik refleksi" of the demo program, written by the first mentor and not used
//! yet, so that a demo mentor can score the demo reflection with it.

use app::ssr::boards::rubrics::{self, Draft};
use app::ssr::db::Db;

/// Writes the demo rubric of `program` as `mentor`.
pub async fn seed_rubric(db: &Db, program: i64, mentor: i64, now: i64) -> anyhow::Result<i64> {
    let draft = Draft {
        title: "Rubrik refleksi pembelajaran".to_string(),
        levels: vec![
            ("Perlu bimbingan".to_string(), 1),
            ("Cukup".to_string(), 2),
            ("Baik".to_string(), 3),
            ("Sangat baik".to_string(), 4),
        ],
        criteria: vec![
            (
                "Menggambarkan situasi kelas".to_string(),
                "Apa yang terjadi, siapa siswanya, apa tantangannya.".to_string(),
            ),
            (
                "Menganalisis penyebab".to_string(),
                "Mengaitkan temuan dengan konsep yang dipelajari.".to_string(),
            ),
            (
                "Merumuskan tindak lanjut".to_string(),
                "Rencana aksi yang konkret dan bisa diukur.".to_string(),
            ),
        ],
    };
    Ok(rubrics::create(db, program, mentor, &draft, now).await?)
}
