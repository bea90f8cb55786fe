//! Demo coaching log: peserta03 (Kelompok Melati, first cohort) has one TIRTA cycle and a comment
//! from mentor1 on it. Seeding again changes nothing.

use app::ssr::coaching::{comments, cycles};
use app::ssr::db::Db;

/// Gives `participant` one cycle in `cohort` with a comment by `mentor`, unless their log there
/// already has a cycle.
pub async fn seed_coaching(
    db: &Db,
    cohort: i64,
    mentor: i64,
    participant: i64,
    now: i64,
) -> anyhow::Result<()> {
    if !cycles::log(db, cohort, participant).await?.is_empty() {
        return Ok(());
    }
    let parts = cycles::check(cycles::Draft {
        goal: "Siswa kelas 4 mampu membandingkan dua sumber informasi di internet sebelum \
               mempercayainya.",
        identification: "Saat pelajaran mencari informasi, sebagian besar siswa langsung memakai \
                         hasil pencarian teratas.\n\
                         Mereka belum terbiasa bertanya siapa pembuat sumber dan kapan sumber \
                         itu ditulis.",
        action_plan: "1. Menyiapkan lembar kerja perbandingan dua sumber (minggu ini).\n\
                      2. Mencontohkan cara memeriksa pembuat dan tanggal sumber di depan kelas.\n\
                      3. Siswa berlatih berpasangan dengan satu topik IPA.",
        commitment: "Saya melaksanakan rencana ini pada pertemuan hari Senin dan Kamis, lalu \
                     mencatat berapa siswa yang menuliskan pembuat sumbernya dengan benar.",
    })
    .map_err(|refused| anyhow::anyhow!("demo cycle refused: {refused:?}"))?;
    let created = cycles::create(db, cohort, participant, &parts, now - 3 * 3600).await?;
    let cycles::Created::Saved { id, .. } = created else {
        anyhow::bail!("demo cycle not saved: {created:?}");
    };
    let body = comments::check(
        "Tujuannya sudah jelas dan terukur. Pada langkah 2, coba minta siswa sendiri yang \
         menemukan pembuat sumbernya, jangan langsung diberi tahu.",
    )
    .map_err(|refused| anyhow::anyhow!("demo comment refused: {refused:?}"))?;
    comments::add(db, id, mentor, &body, now - 3600).await?;
    Ok(())
}
