//! Demo materials: the literacy program gets a module of three units about digital literacy;
//! the second carries a small generated picture, the third opens once the second is done.
//! Seeding again changes nothing.

use app::ssr::db::{now_unix, Db};
use app::ssr::materials::content::{self, UnitSave};
use app::ssr::materials::store;
use app::ssr::storage::Storage;

const UNITS: [(&str, &str); 3] = [
    (
        "Apa itu literasi digital?",
        "Literasi digital adalah kemampuan **mencari, memilah, memakai, dan membuat** informasi \
         dengan perangkat digital secara cermat dan bertanggung jawab.\n\n\
         Bagi guru, literasi digital berarti:\n\n\
         - memilih sumber belajar daring yang tepercaya;\n\
         - mengajak siswa memeriksa siapa pembuat informasi dan kapan informasi itu dibuat;\n\
         - menjaga data pribadi siswa saat memakai aplikasi pembelajaran.\n\n\
         Renungkan: sumber digital apa yang paling sering Anda pakai di kelas minggu ini?",
    ),
    (
        "Memeriksa sumber informasi",
        "Sebelum membagikan informasi kepada siswa, periksa empat hal berikut.\n\n\
         1. **Pembuat**: siapa yang menulis? Apakah lembaganya jelas?\n\
         2. **Tanggal**: kapan informasi itu ditulis atau diperbarui?\n\
         3. **Bukti**: adakah rujukan atau data yang dapat dicek?\n\
         4. **Tujuan**: apakah informasi itu ingin memberi tahu, menjual, atau menghasut?\n\n\
         Gambar di bawah merangkum langkah pemeriksaan itu. Tandai unit ini selesai untuk \
         membuka unit berikutnya.",
    ),
    (
        "Merancang kegiatan kelas",
        "Rancang satu kegiatan 2 × 35 menit: siswa berpasangan membandingkan dua sumber tentang \
         satu topik IPA, lalu menuliskan sumber mana yang lebih dapat dipercaya dan alasannya.\n\n\
         Unggah rancangan kegiatan Anda ke papan mentoring kelompok agar mentor dapat \
         memberi tanggapan.",
    ),
];

/// A small picture for the second unit: four coloured bands with a check mark's shape, made here
/// so that the demo needs no file of its own.
fn demo_picture() -> anyhow::Result<Vec<u8>> {
    let colours = [
        [15, 92, 76],
        [42, 157, 143],
        [233, 196, 106],
        [231, 111, 81],
    ];
    let picture = image::RgbImage::from_fn(640, 360, |x, y| {
        let band = (x / 160) as usize;
        let on_check =
            (y as i64 - (200 - (x as i64 - 250).abs() / 2)).abs() < 12 && (180..460).contains(&x);
        if on_check {
            image::Rgb([255, 255, 255])
        } else {
            image::Rgb(colours[band.min(3)])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)?;
    Ok(out)
}

/// Seeds the demo module into the literacy program unless it has materials already.
pub async fn seed_materials(db: &Db, storage: &Storage) -> anyhow::Result<()> {
    let program: Option<(i64,)> = sqlx::query_as(
        "select id from program where title = 'Literasi Digital dalam Pembelajaran'",
    )
    .fetch_optional(db)
    .await?;
    let Some((program,)) = program else {
        return Ok(());
    };
    let (existing,): (i64,) =
        sqlx::query_as("select count(*) from material_module where program_id = $1")
            .bind(program)
            .fetch_one(db)
            .await?;
    let admin: Option<(i64,)> = sqlx::query_as("select id from app_user where email = $1")
        .bind(format!("admin@{}", super::seed::DEMO_DOMAIN))
        .fetch_optional(db)
        .await?;
    let (Some((admin,)), 0) = (admin, existing) else {
        return Ok(());
    };
    let now = now_unix();
    let module = content::create_module(
        db,
        program,
        None,
        "Modul 1: Dasar Literasi Digital",
        admin,
        now,
    )
    .await?;
    for (n, (title, body)) in UNITS.iter().enumerate() {
        let unit = content::create_unit(db, module, title, admin, now).await?;
        let save = UnitSave {
            title,
            body,
            locked_until_previous: n == 2,
            video_url: (n == 0).then_some("https://video.pamong.test/literasi-digital"),
            video_minutes: (n == 0).then_some(6),
        };
        content::save_unit(db, unit, &save, admin, now).await?;
        if n == 1 {
            let upload = store::Upload {
                name: "langkah-memeriksa-sumber.png",
                declared: "image/png",
                bytes: demo_picture()?,
            };
            store::keep(db, storage, unit, admin, upload, true, now)
                .await
                .map_err(|e| anyhow::anyhow!("demo picture not kept: {e:?}"))?;
        }
    }
    Ok(())
}
