//! What the materials tests share: the coaching world (a cohort with two mentor groups, admins in
//! and out of scope) plus a teacher in the program's other cohort, and a module of three units
//! written through the authoring forms (the third locked until the second is done); small
//! helpers that post the forms as a browser with JavaScript off does.

use crate::board_support::signed_in;
use crate::coaching_support::CoachingWorld;
use crate::fixtures;
use crate::harness::{location, Client, TestServer};
use app::model::{InstitutionId, Role, UserId};

/// The people and the module of a materials test.
pub struct MaterialsWorld {
    pub w: CoachingWorld,
    pub program: i64,
    /// A teacher approved in the program's other cohort (`w.other_cohort`), in no group.
    pub teacher_c: Client,
    pub teacher_c_id: UserId,
    pub module: i64,
    /// The three units, in order; the third waits for the second.
    pub units: [i64; 3],
}

impl MaterialsWorld {
    pub async fn start() -> MaterialsWorld {
        let w = CoachingWorld::start().await;
        let db = &w.server.db;
        let (program,): (i64,) = sqlx::query_as("select program_id from cohort where id = $1")
            .bind(w.cohort)
            .fetch_one(db)
            .await
            .expect("program");
        let (teacher_c, teacher_c_id) = signed_in(
            &w.server,
            Role::Participant,
            "guru.c@sekolah.id",
            institution(&w.server, "Sekolah A").await,
        )
        .await;
        fixtures::approved_enrolment(db, w.other_cohort, teacher_c_id).await;
        let module = create_module(&w.admin, program, None, "Modul 1: Literasi Digital").await;
        let mut units = [0; 3];
        for (n, title) in ["Pengantar", "Memeriksa sumber", "Merancang kegiatan"]
            .into_iter()
            .enumerate()
        {
            units[n] = create_unit(&w.admin, module, title).await;
            let body = format!("## {title}\n\nIsi unit **{title}** untuk guru.");
            let response = save_unit(&w.admin, units[n], title, &body, n == 2).await;
            assert_eq!(response.status().as_u16(), 302, "save unit {title}");
        }
        MaterialsWorld {
            w,
            program,
            teacher_c,
            teacher_c_id,
            module,
            units,
        }
    }

    pub async fn stop(self) {
        self.w.stop().await;
    }
}

/// The id of the test institution named `name` (`TestServer::institutions` made them).
pub async fn institution(server: &TestServer, name: &str) -> InstitutionId {
    let (id,): (i64,) = sqlx::query_as("select id from institution where name = $1")
        .bind(name)
        .fetch_one(&server.db)
        .await
        .expect("institution");
    InstitutionId(id)
}

/// The id of the account with `email`.
pub async fn user_id(server: &TestServer, email: &str) -> UserId {
    let (id,): (i64,) = sqlx::query_as("select id from app_user where email = $1")
        .bind(email)
        .fetch_one(&server.db)
        .await
        .expect("user");
    UserId(id)
}

/// The number after `marker` in `text` (an id in a redirect's path or anchor).
pub fn number_after(text: &str, marker: &str) -> Option<i64> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Creates a module as `author` (a cohort's own when `cohort` is given); its id.
pub async fn create_module(author: &Client, program: i64, cohort: Option<i64>, title: &str) -> i64 {
    let program_text = program.to_string();
    let cohort_text = cohort.map(|c| c.to_string()).unwrap_or_default();
    let response = author
        .submit(
            &format!("/materi/program/{program}"),
            "create_material_module",
            &[
                ("program_id", &program_text),
                ("cohort_id", &cohort_text),
                ("title", title),
            ],
        )
        .await;
    let to = location(&response).unwrap_or_default();
    number_after(&to, "#modul-").unwrap_or_else(|| panic!("module created: {to}"))
}

/// Creates a unit at the end of `module` as `author`; its id.
pub async fn create_unit(author: &Client, module: i64, title: &str) -> i64 {
    let response = author
        .submit(
            "/materi/program/0",
            "create_material_unit",
            &[("module_id", &module.to_string()), ("title", title)],
        )
        .await;
    let to = location(&response).unwrap_or_default();
    number_after(&to, "/materi/unit/").unwrap_or_else(|| panic!("unit created: {to}"))
}

/// Saves a unit (or with `action` "pratinjau", previews it) as `author`.
pub async fn post_unit(
    author: &Client,
    unit: i64,
    title: &str,
    body: &str,
    locked: bool,
    action: &str,
) -> reqwest::Response {
    let unit_text = unit.to_string();
    let mut form = vec![
        ("unit_id", unit_text.as_str()),
        ("title", title),
        ("body", body),
        ("video_url", ""),
        ("video_minutes", ""),
        ("action", action),
    ];
    if locked {
        form.push(("locked_until_previous", "1"));
    }
    author
        .submit(
            &format!("/materi/unit/{unit}/ubah"),
            "save_material_unit",
            &form,
        )
        .await
}

/// Saves a unit as `author`.
pub async fn save_unit(
    author: &Client,
    unit: i64,
    title: &str,
    body: &str,
    locked: bool,
) -> reqwest::Response {
    post_unit(author, unit, title, body, locked, "simpan").await
}

/// Marks `unit` done as `participant` (JavaScript off).
pub async fn mark_done(participant: &Client, unit: i64) -> reqwest::Response {
    participant
        .submit(
            &format!("/peserta/materi/{unit}"),
            "mark_unit_done",
            &[("unit_id", &unit.to_string())],
        )
        .await
}

/// A photo-like JPEG of about 4 MB: 4,000 × 3,000 pixels of smooth gradients with fine noise
/// (what a phone camera's sensor gives), at quality 89.
pub fn noisy_photo() -> Vec<u8> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(19);
    let picture = image::RgbImage::from_fn(4000, 3000, |x, y| {
        let mut noise = || rng.gen_range(-11i32..=11);
        let base = [
            (x * 255 / 4000) as i32,
            (y * 255 / 3000) as i32,
            ((x + y) * 255 / 7000) as i32,
        ];
        image::Rgb(base.map(|c| (c + noise()).clamp(0, 255) as u8))
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 89)
        .encode_image(&picture)
        .expect("jpeg");
    out
}
