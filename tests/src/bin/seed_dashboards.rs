//! Fills a database for the dashboard benchmark (issue #21): an agency with 35 district offices,
//! 40 published programs with one cohort each, 62,000 teachers with profiles (rank, regency,
//! level, subject), the first cohort holding all of them in 1,240 mentor groups of 50 with 25
//! mentors, five 2-JP sessions with attendance, a pre-test and a post-test of ten questions
//! answered by almost everyone (1.2 million answers), work products with first responses and
//! comments, decisions and certificates; the other 39 cohorts hold 500 of the same teachers each.
//!
//!   seed_dashboards <database url> [admin password] [participants] [programs]
//!
//! Migrates the database, prints the big cohort's id and its program's id. The admin is
//! `dashboard-admin@pamong.test`. Numbers come from a fixed formula, so every run seeds the same.

use app::ssr::db::now_unix;

const LEVELS: [&str; 5] = ["SD", "SMP", "SMA", "SMK", "SLB"];
const SUBJECTS: [&str; 8] = [
    "Guru Kelas",
    "Matematika",
    "Bahasa Indonesia",
    "IPA",
    "IPS",
    "Bahasa Inggris",
    "PJOK",
    "Seni Budaya",
];
/// Ranks by weight out of 100: most at IV/a, as in the e-bimtek (71 %).
const RANKS: [(&str, usize); 6] = [
    ("III/a", 4),
    ("III/b", 6),
    ("III/c", 8),
    ("III/d", 9),
    ("IV/a", 71),
    ("IV/b", 2),
];
const BATCH: usize = 500;
const MENTORS: usize = 25;
const SESSIONS: usize = 5;
const QUESTIONS: usize = 10;

fn rank_of(n: usize) -> &'static str {
    let mut at = (n * 37) % 100;
    for (rank, weight) in RANKS {
        if at < weight {
            return rank;
        }
        at -= weight;
    }
    "IV/a"
}

/// A deterministic 0..100 "random" number for participant `n` and purpose `salt`.
fn roll(n: usize, salt: usize) -> usize {
    (n.wrapping_mul(2_654_435_761).wrapping_add(salt * 97_531) >> 7) % 100
}

async fn exec(db: &app::ssr::db::Db, sql: String) -> anyhow::Result<()> {
    sqlx::query(&sql).execute(db).await?;
    Ok(())
}

/// Inserts `rows` (SQL value tuples) into `head` (`insert into t (cols) values`) in batches.
async fn insert_all(db: &app::ssr::db::Db, head: &str, rows: Vec<String>) -> anyhow::Result<()> {
    for chunk in rows.chunks(BATCH) {
        exec(db, format!("{head} {}", chunk.join(","))).await?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or_else(|| {
        anyhow::anyhow!(
            "usage: seed_dashboards <database url> [password] [participants] [programs]"
        )
    })?;
    let password = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "bench-pass-2026".to_string());
    let participants: usize = args
        .get(3)
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(62_000);
    let programs: usize = args.get(4).map(|n| n.parse()).transpose()?.unwrap_or(40);
    let db = server::db::connect(url).await?;
    let now = now_unix();
    let (agency, admin) = pamong_tests::fixtures::agency_with_admin(
        &db,
        "BPSDM Provinsi Uji Dasbor",
        "Admin Dasbor",
        "dashboard-admin@pamong.test",
        password,
    )
    .await;
    for d in 1..=35 {
        exec(
            &db,
            format!(
                "insert into institution (name, kind, parent_id, region_code, created_at) \
                 values ('Dinas Pendidikan Kabupaten {d:02}', 'district_office', {}, '33.{d:02}', {now})",
                agency.0
            ),
        )
        .await?;
    }
    // Competencies and needs, so that the overview's needs table has lines.
    let competencies: Vec<i64> = sqlx::query_scalar("select id from competency order by id")
        .fetch_all(&db)
        .await?;

    // Mentors.
    let mentor_rows: Vec<String> = (0..MENTORS)
        .map(|m| {
            format!(
                "('Mentor {m:02}', 'mentor{m:02}@dasbor.test', '', 'mentor', null, {}, 0, {now}, {now})",
                agency.0
            )
        })
        .collect();
    let mentors: Vec<i64> = sqlx::query_scalar(&format!(
        "insert into app_user (name, email, password_hash, role, nip, institution_id, session_epoch, \
         created_at, updated_at) values {} returning id",
        mentor_rows.join(",")
    ))
    .fetch_all(&db)
    .await?;

    // Teachers with profiles.
    let mut users: Vec<i64> = Vec::with_capacity(participants);
    for start in (0..participants).step_by(BATCH) {
        let end = (start + BATCH).min(participants);
        let rows: Vec<String> = (start..end)
            .map(|n| {
                format!(
                    "('Guru Dasbor {n:05}', 'guru{n:05}@dasbor.test', '', 'participant', null, null, 0, {now}, {now})"
                )
            })
            .collect();
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "insert into app_user (name, email, password_hash, role, nip, institution_id, \
             session_epoch, created_at, updated_at) values {} returning id",
            rows.join(",")
        ))
        .fetch_all(&db)
        .await?;
        let profiles: Vec<String> = ids
            .iter()
            .zip(start..end)
            .map(|(id, n)| {
                format!(
                    "({id}, '{}', 'SMP Negeri {} Kota', '{}', '{}', '33.{:02}', {now})",
                    rank_of(n),
                    1 + n % 40,
                    LEVELS[n % LEVELS.len()],
                    SUBJECTS[(n / 5) % SUBJECTS.len()],
                    1 + n % 35
                )
            })
            .collect();
        exec(
            &db,
            format!(
                "insert into participant_profile (user_id, rank, school_name, school_level, subject, \
                 region_code, updated_at) values {}",
                profiles.join(",")
            ),
        )
        .await?;
        users.extend(ids);
    }

    let mut first = None;
    for p in 0..programs {
        let program = pamong_tests::fixtures::program(&db, agency, admin, "published").await;
        exec(
            &db,
            format!(
                "update program set title = 'Program Diklat {:02}' where id = {program}",
                p + 1
            ),
        )
        .await?;
        if let Some(k) = competencies.get(p % competencies.len().max(1)) {
            exec(&db, format!("insert into program_competency (program_id, competency_id) values ({program}, {k}) on conflict do nothing")).await?;
            exec(&db, format!(
                "insert into training_need (institution_id, proposed_by, competency_id, level, teacher_count, \
                 justification, status, created_at) values ({}, {}, {k}, 'basic', {}, 'Hasil analisis kebutuhan', 'accepted', {now})",
                agency.0, admin.0, 800 + p * 10
            )).await?;
        }
        let members: Vec<(usize, i64)> = if p == 0 {
            users.iter().copied().enumerate().collect()
        } else {
            let from = (p * 500) % participants.max(1);
            (from..(from + 500).min(participants))
                .map(|n| (n, users[n]))
                .collect()
        };
        let cohort = pamong_tests::fixtures::cohort(
            &db,
            program,
            &format!("Angkatan {}", p + 1),
            100_000,
            admin,
        )
        .await;
        if first.is_none() {
            first = Some((cohort, program));
        }
        seed_cohort(
            &db, cohort, program, admin.0, &mentors, &members, now, agency.0,
        )
        .await?;
    }
    if url.starts_with("postgres") {
        sqlx::query("vacuum analyze").execute(&db).await?;
    } else {
        sqlx::query("analyze").execute(&db).await?;
    }
    let (cohort, program) = first.ok_or_else(|| anyhow::anyhow!("no program"))?;
    println!("{cohort} {program}");
    Ok(())
}

#[expect(
    clippy::too_many_arguments,
    reason = "a seeding step, called once per cohort"
)]
async fn seed_cohort(
    db: &app::ssr::db::Db,
    cohort: i64,
    program: i64,
    admin: i64,
    mentors: &[i64],
    members: &[(usize, i64)],
    now: i64,
    institution: i64,
) -> anyhow::Result<()> {
    // Groups of 50, mentors in turn.
    let groups = members.len().div_ceil(50);
    let rows: Vec<String> = (0..groups)
        .map(|g| {
            format!(
                "({cohort}, 'Kelompok {}', {}, 50, {now})",
                g + 1,
                mentors[g % mentors.len()]
            )
        })
        .collect();
    insert_all(
        db,
        "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) values",
        rows,
    )
    .await?;
    let first_group: i64 =
        sqlx::query_scalar("select min(id) from mentor_group where cohort_id = $1")
            .bind(cohort)
            .fetch_one(db)
            .await?;
    let rows: Vec<String> = members
        .iter()
        .enumerate()
        .map(|(k, (_, user))| {
            format!(
                "({cohort}, {user}, 'approved', 'import', {}, {now})",
                first_group + (k / 50) as i64
            )
        })
        .collect();
    insert_all(
        db,
        "insert into enrolment (cohort_id, user_id, status, source, group_id, created_at) values",
        rows,
    )
    .await?;
    exec(
        db,
        format!(
            "update cohort set seats_taken = {} where id = {cohort}",
            members.len()
        ),
    )
    .await?;

    // Five sessions of 2 JP, each attended by about 80 %.
    for s in 0..SESSIONS {
        let session: i64 = sqlx::query_scalar(
            "insert into live_session (cohort_id, title, starts_at, duration_minutes, mode, \
             meeting_url, jp, checkin_secret, created_at) values ($1, $2, $3, 90, 'online', \
             'https://meet.example.id/dasbor', 2, 'rahasia', $4) returning id",
        )
        .bind(cohort)
        .bind(format!("Sesi {}", s + 1))
        .bind(now - (SESSIONS - s) as i64 * 86_400)
        .bind(now)
        .fetch_one(db)
        .await?;
        let rows: Vec<String> = members
            .iter()
            .filter(|(n, _)| roll(*n, s) < 80)
            .map(|(n, user)| {
                let status = if roll(*n, s + 10) < 10 {
                    "late"
                } else {
                    "present"
                };
                format!(
                    "({session}, {user}, '{status}', 'code', {})",
                    now - (SESSIONS - s) as i64 * 86_400
                )
            })
            .collect();
        insert_all(
            db,
            "insert into attendance (session_id, user_id, status, source, updated_at) values",
            rows,
        )
        .await?;
    }

    // A pre-test and a post-test of ten one-point questions.
    let mut question_ids = Vec::new();
    for q in 0..QUESTIONS {
        let id: i64 = sqlx::query_scalar(
            "insert into question (program_id, kind, prompt, created_by, created_at, updated_at) \
             values ($1, 'truefalse', $2, $3, $4, $4) returning id",
        )
        .bind(program)
        .bind(format!("Pernyataan {}", q + 1))
        .bind(admin)
        .bind(now)
        .fetch_one(db)
        .await?;
        question_ids.push(id);
    }
    for (kind, salt) in [("pre", 20), ("post", 40)] {
        let quiz: i64 = sqlx::query_scalar(
            "insert into quiz (cohort_id, title, kind, selection, opens_at, closes_at, status, \
             created_by, created_at, updated_at) values ($1, $2, $3, 'fixed', $4, $5, 'open', $6, $4, $4) \
             returning id",
        )
        .bind(cohort)
        .bind(if kind == "pre" { "Pre-test" } else { "Post-test" })
        .bind(kind)
        .bind(now - 30 * 86_400)
        .bind(now + 30 * 86_400)
        .bind(admin)
        .fetch_one(db)
        .await?;
        for (position, q) in question_ids.iter().enumerate() {
            exec(db, format!("insert into quiz_question (quiz_id, question_id, position) values ({quiz}, {q}, {position})")).await?;
        }
        let takers: Vec<&(usize, i64)> = members
            .iter()
            .filter(|(n, _)| roll(*n, salt) < 97)
            .collect();
        for chunk in takers.chunks(BATCH) {
            let rows: Vec<String> = chunk
                .iter()
                .map(|(n, user)| {
                    // Pre 20–70 %, post 40–100 %.
                    let correct = if kind == "pre" {
                        2 + roll(*n, 1) % 6
                    } else {
                        4 + roll(*n, 2) % 7
                    };
                    format!(
                        "({quiz}, {user}, 1, {t}, {t2}, {t2}, 'participant', {}, 10, {})",
                        correct * 1000,
                        i64::from(correct >= 7),
                        t = now - 10 * 86_400,
                        t2 = now - 10 * 86_400 + 1800
                    )
                })
                .collect();
            let attempts: Vec<(i64, i64)> = sqlx::query_as(&format!(
                "insert into quiz_attempt (quiz_id, user_id, number, started_at, deadline_at, \
                 finished_at, finished_by, score_milli, max_points, passed) values {} \
                 returning id, score_milli",
                rows.join(",")
            ))
            .fetch_all(db)
            .await?;
            let mut items = Vec::with_capacity(attempts.len() * QUESTIONS);
            for (attempt, score) in attempts {
                let correct = (score / 1000) as usize;
                for (position, q) in question_ids.iter().enumerate() {
                    let right = position < correct;
                    items.push(format!(
                        "({attempt}, {q}, {position}, '{}', 1, {now}, {})",
                        if right { "true" } else { "false" },
                        if right { 1000 } else { 0 }
                    ));
                }
            }
            insert_all(db, "insert into attempt_item (attempt_id, question_id, position, answer, seq, saved_at, score_milli) values", items).await?;
        }
    }

    // Work products from a tenth of the members, answered by their mentor within 1–48 hours.
    let board: i64 = sqlx::query_scalar(
        "insert into board (cohort_id, created_at) values ($1, $2) returning id",
    )
    .bind(cohort)
    .bind(now)
    .fetch_one(db)
    .await?;
    let rows: Vec<String> = members
        .iter()
        .filter(|(n, _)| roll(*n, 60) < 10)
        .map(|(n, user)| {
            let created = now - 5 * 86_400 + (*n as i64 % 3600);
            let answered = roll(*n, 61) < 85;
            let status = if !answered { "submitted" } else if roll(*n, 62) < 60 { "approved" } else { "needs_revision" };
            let first = if answered { (created + 3600 * (1 + roll(*n, 63) as i64 % 48)).to_string() } else { "null".to_string() };
            format!("({board}, {user}, 'modul_ajar', '{status}', 'Modul ajar', {created}, {created}, {first})")
        })
        .collect();
    insert_all(db, "insert into work_post (board_id, author_id, kind, status, title, created_at, updated_at, first_response_at) values", rows).await?;
    exec(db, format!(
        "insert into post_comment (post_id, author_id, revision, body_markdown, body_html, created_at) \
         select w.id, g.mentor_id, 1, 'Bagus, lanjutkan.', '<p>Bagus, lanjutkan.</p>', w.first_response_at \
         from work_post w join enrolment e on e.user_id = w.author_id and e.cohort_id = {cohort} \
         join mentor_group g on g.id = e.group_id where w.board_id = {board} and w.first_response_at is not null"
    )).await?;

    // Decisions for three in four, a certificate for each pass.
    let decided: Vec<(usize, i64)> = members
        .iter()
        .copied()
        .filter(|(n, _)| roll(*n, 70) < 75)
        .collect();
    let enrolments: Vec<(i64, i64)> =
        sqlx::query_as("select user_id, id from enrolment where cohort_id = $1")
            .bind(cohort)
            .fetch_all(db)
            .await?;
    let enrolment_of: std::collections::HashMap<i64, i64> = enrolments.into_iter().collect();
    let rows: Vec<String> = decided
        .iter()
        .map(|(n, user)| {
            let passed = i64::from(roll(*n, 71) < 90);
            format!(
                "({}, {cohort}, {user}, {passed}, {passed}, {admin}, {now})",
                enrolment_of[user]
            )
        })
        .collect();
    insert_all(db, "insert into completion_decision (enrolment_id, cohort_id, user_id, passed, checklist_met, decided_by, decided_at) values", rows).await?;
    let seq_base: i64 = sqlx::query_scalar(
        "select coalesce(max(seq), 0) from certificate where institution_id = $1",
    )
    .bind(institution)
    .fetch_one(db)
    .await?;
    let rows: Vec<String> = decided
        .iter()
        .filter(|(n, _)| roll(*n, 71) < 90)
        .enumerate()
        .map(|(k, (_, user))| {
            let seq = seq_base + k as i64 + 1;
            format!(
                "('D{cohort}X{seq}', '{seq:05}/DASBOR/2026', {institution}, 2026, {seq}, {cohort}, {user}, {}, '{{}}', {admin}, {now})",
                enrolment_of[user]
            )
        })
        .collect();
    insert_all(db, "insert into certificate (code, number, institution_id, year, seq, cohort_id, user_id, enrolment_id, facts, issued_by, issued_at) values", rows).await?;
    Ok(())
}
