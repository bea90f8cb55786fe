//! Demo data: one province agency, two district offices, three schools, one admin, two mentors and
//! twenty participants with complete profiles; a published program with two open cohorts, a draft
//! program, and three training needs. Seeded only into an empty database; the sign-in details are
//! printed once. End-to-end specs depend on exactly this data.

use app::model::{InstitutionId, Nip, Role};
use app::ssr::db::{now_unix, Db};
use app::ssr::{institutions, password, users};
use rand::distributions::Alphanumeric;
use rand::Rng;

/// E-mail domain of the demo accounts (a reserved test domain).
pub const DEMO_DOMAIN: &str = "pamong.test";

const PARTICIPANTS: [(&str, &str); 20] = [
    ("Sri Wahyuni", "19800412 200501 2 003"),
    ("Budi Santoso", "19781103 200312 1 002"),
    ("Siti Nurhaliza", "19850221 201001 2 011"),
    ("Agus Prasetyo", "19760730 200003 1 004"),
    ("Dewi Lestari", "19880915 201403 2 007"),
    ("Eko Saputro", "19830508 200902 1 005"),
    ("Rina Marlina", "19870126 201212 2 009"),
    ("Hendra Gunawan", "19750619 199903 1 006"),
    ("Yuni Astuti", "19901010 201503 2 001"),
    ("Joko Susilo", "19820817 200801 1 010"),
    ("Ani Rahmawati", "19891204 201406 2 012"),
    ("Slamet Riyadi", "19730302 199802 1 003"),
    ("Fitri Handayani", "19920523 201703 2 004"),
    ("Bambang Wijaya", "19790914 200401 1 008"),
    ("Nurul Hidayah", "19860707 201102 2 006"),
    ("Wahyu Hidayat", "19840129 200912 1 013"),
    ("Endang Sulastri", "19771111 200212 2 002"),
    ("Teguh Santoso", "19910331 201612 1 001"),
    ("Lestari Widodo", "19810820 200703 2 015"),
    ("Imam Syafii", "19880402 201303 1 014"),
];

/// One demo account as printed at start-up.
pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub name: String,
}

/// Seeds the demo data if the database has no accounts yet; returns the accounts created (none if
/// it was not empty). Prints the sign-in details when it seeds.
pub async fn seed_demo(
    db: &Db,
    password_override: Option<String>,
) -> anyhow::Result<Vec<DemoAccount>> {
    if users::count_all(db).await? > 0 {
        return Ok(Vec::new());
    }
    let password = password_override.unwrap_or_else(|| {
        rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(12)
            .map(char::from)
            .collect()
    });
    let hash = password::hash(password.clone())
        .await
        .map_err(anyhow::Error::msg)?;
    let now = now_unix();

    let agency = institutions::insert(
        db,
        "BPSDM Provinsi Jawa Tengah",
        "province_agency",
        None,
        None,
        Some("33"),
        now,
    )
    .await?;
    let banyumas = institutions::insert(
        db,
        "Dinas Pendidikan Kabupaten Banyumas",
        "district_office",
        Some(agency),
        None,
        Some("33.02"),
        now,
    )
    .await?;
    let semarang = institutions::insert(
        db,
        "Dinas Pendidikan Kota Semarang",
        "district_office",
        Some(agency),
        None,
        Some("33.74"),
        now,
    )
    .await?;
    let schools: [InstitutionId; 3] = [
        institutions::insert(
            db,
            "SD Negeri 1 Sokaraja",
            "school",
            Some(banyumas),
            Some("20302611"),
            Some("33.02.13"),
            now,
        )
        .await?,
        institutions::insert(
            db,
            "SMP Negeri 2 Purwokerto",
            "school",
            Some(banyumas),
            Some("20302544"),
            Some("33.02.22"),
            now,
        )
        .await?,
        institutions::insert(
            db,
            "SMA Negeri 3 Semarang",
            "school",
            Some(semarang),
            Some("20328861"),
            Some("33.74.06"),
            now,
        )
        .await?,
    ];

    let mut accounts = vec![
        (
            "Dra. Retno Kusumawati, M.Pd.".to_string(),
            format!("admin@{DEMO_DOMAIN}"),
            Role::Admin,
            None,
            Some(agency),
        ),
        (
            "Dr. Hadi Purnomo, M.Pd.".to_string(),
            format!("mentor1@{DEMO_DOMAIN}"),
            Role::Mentor,
            None,
            Some(agency),
        ),
        (
            "Wulan Sari, S.Pd., M.Pd.".to_string(),
            format!("mentor2@{DEMO_DOMAIN}"),
            Role::Mentor,
            None,
            Some(agency),
        ),
    ];
    for (index, (name, nip)) in PARTICIPANTS.iter().enumerate() {
        let nip = Nip::parse(nip).map_err(|e| anyhow::anyhow!("demo NIP {nip}: {e:?}"))?;
        accounts.push((
            name.to_string(),
            format!("peserta{:02}@{DEMO_DOMAIN}", index + 1),
            Role::Participant,
            Some(nip),
            Some(schools[index % 3]),
        ));
    }

    let mut created = Vec::new();
    let mut ids = Vec::new();
    for (name, email, role, nip, institution_id) in &accounts {
        let new_user = users::NewUser {
            name,
            email,
            password_hash: &hash,
            role: *role,
            nip: nip.as_ref(),
            institution_id: *institution_id,
        };
        let id = users::create(db, new_user, now)
            .await
            .map_err(|e| anyhow::anyhow!("demo account {email}: {e:?}"))?;
        ids.push(id.0);
        created.push(DemoAccount {
            email: email.clone(),
            role: *role,
            name: name.clone(),
        });
    }

    let places = DemoPlaces {
        agency: agency.0,
        district: banyumas.0,
        schools: schools.map(|s| s.0),
    };
    seed_planning(db, &places, &ids, now).await?;

    println!("\nAkun demo Pamong / Pamong demo accounts (kata sandi / password: {password})");
    for account in &created {
        println!(
            "  {:<12} {:<28} {}",
            account.role.code(),
            account.email,
            account.name
        );
    }
    println!();
    Ok(created)
}

/// The demo institutions the planning data refers to.
struct DemoPlaces {
    agency: i64,
    district: i64,
    schools: [i64; 3],
}

/// NPSN, name, level, region and subjects of each demo school (same order as `DemoPlaces::schools`).
const SCHOOLS: [(&str, &str, &str, &str, [&str; 3]); 3] = [
    (
        "20302611",
        "SD Negeri 1 Sokaraja",
        "SD",
        "33.02.13",
        ["Guru Kelas", "Guru Kelas", "Pendidikan Agama Islam"],
    ),
    (
        "20302544",
        "SMP Negeri 2 Purwokerto",
        "SMP",
        "33.02.22",
        ["Matematika", "IPA", "Bahasa Indonesia"],
    ),
    (
        "20328861",
        "SMA Negeri 3 Semarang",
        "SMA",
        "33.74.06",
        ["Fisika", "Bahasa Inggris", "Sejarah"],
    ),
];

const DEMO_RANKS: [&str; 7] = ["III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "III/b"];

/// The start of day `offset` days from `now`, in WIB.
pub(crate) fn wib_day(now: i64, offset: i64) -> i64 {
    use app::model::wib;
    wib::start_of_day((now + wib::WIB_OFFSET).div_euclid(86_400) + offset)
}

/// Profiles, programs, cohorts, enrolments and training needs. `ids` are the accounts in the order
/// created: admin, mentor1, mentor2, peserta01 … peserta20.
async fn seed_planning(db: &Db, places: &DemoPlaces, ids: &[i64], now: i64) -> anyhow::Result<()> {
    let (admin, mentors, participants) = (ids[0], &ids[1..3], &ids[3..]);
    for (index, user) in participants.iter().enumerate() {
        let (npsn, school, level, region, subjects) = SCHOOLS[index % 3];
        let nuptk = (index % 2 == 0)
            .then(|| format!("{:016}", 4_937_758_659_200_000_u64 + index as u64 * 1_117));
        sqlx::query(
            "insert into participant_profile (user_id, nuptk, rank, school_npsn, school_name, subject, \
             school_level, region_code, phone, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(user)
        .bind(nuptk)
        .bind(DEMO_RANKS[index % DEMO_RANKS.len()])
        .bind(npsn)
        .bind(school)
        .bind(subjects[(index / 3) % 3])
        .bind(level)
        .bind(region)
        .bind(format!("0812{:08}", 27_310_000 + index * 4_321))
        .bind(now)
        .execute(db)
        .await?;
    }

    let literacy = insert_program(
        db,
        places.agency,
        admin,
        "Literasi Digital dalam Pembelajaran",
        "Guru merancang dan melaksanakan pembelajaran yang memanfaatkan sumber belajar digital secara aman, kritis dan bertanggung jawab.",
        "published",
        "digital_literacy",
        now,
    )
    .await?;
    insert_program(
        db,
        places.agency,
        admin,
        "Desain Pembelajaran HOTS",
        "Guru menyusun tujuan, aktivitas dan asesmen yang melatih kemampuan berpikir tingkat tinggi.",
        "draft",
        "hots_design",
        now,
    )
    .await?;

    let opens = wib_day(now, -1);
    let closes = wib_day(now, 59) + 86_399;
    let first = insert_cohort(
        db,
        literacy,
        "Angkatan 1",
        30,
        opens,
        closes,
        (61, 100),
        admin,
        now,
    )
    .await?;
    insert_cohort(
        db,
        literacy,
        "Angkatan 2",
        1000,
        opens,
        closes,
        (75, 114),
        admin,
        now,
    )
    .await?;
    for mentor in mentors {
        sqlx::query("insert into cohort_mentor (cohort_id, user_id) values ($1, $2)")
            .bind(first)
            .bind(mentor)
            .execute(db)
            .await?;
    }
    for (index, user) in participants.iter().take(11).enumerate() {
        let approved = index < 10;
        sqlx::query(
            "insert into enrolment (cohort_id, user_id, status, source, decided_by, decided_at, created_at) \
             values ($1, $2, $3, 'application', $4, $5, $6)",
        )
        .bind(first)
        .bind(user)
        .bind(if approved { "approved" } else { "applied" })
        .bind(approved.then_some(admin))
        .bind(approved.then_some(now))
        .bind(now - 3600 + index as i64)
        .execute(db)
        .await?;
    }
    sqlx::query("update cohort set seats_taken = 11 where id = $1")
        .bind(first)
        .execute(db)
        .await?;
    super::sessions::seed_sessions(db, first, mentors[0], &participants[..10], now).await?;
    seed_quizzes(db, literacy, first, admin, now).await?;
    seed_boards(db, first, mentors, &participants[..10], now).await?;
    super::rubrics::seed_rubric(db, literacy, mentors[0], now).await?;
    super::coaching::seed_coaching(db, first, mentors[0], participants[2], now).await?;
    super::completion::seed_completed_cohort(
        db,
        literacy,
        admin,
        mentors[0],
        &participants[16..20],
        now,
    )
    .await?;
    super::surveys::seed_surveys(
        db,
        first,
        app::model::InstitutionId(places.agency),
        admin,
        participants,
        now,
    )
    .await?;
    super::fees::seed_fees(db, places.agency, admin, &participants[10..12], now).await?;

    let needs = [
        (
            places.schools[0],
            participants[0],
            "hots_design",
            "basic",
            12,
            "Guru kelas rendah belum terbiasa menyusun soal HOTS untuk asesmen sumatif.",
        ),
        (
            places.schools[1],
            participants[1],
            "teaching_media",
            "intermediate",
            8,
            "Guru IPA dan Matematika ingin membuat media interaktif sederhana untuk kelas VII.",
        ),
        (
            places.district,
            admin,
            "office_tools",
            "basic",
            40,
            "Banyak guru SD di Banyumas belum lancar memakai lembar kerja untuk mengolah nilai.",
        ),
    ];
    for (institution, proposer, competency, level, count, why) in needs {
        sqlx::query(
            "insert into training_need (institution_id, proposed_by, competency_id, level, teacher_count, \
             justification, status, created_at) \
             select $1, $2, id, $3, $4, $5, 'proposed', $6 from competency where code = $7",
        )
        .bind(institution)
        .bind(proposer)
        .bind(level)
        .bind(count)
        .bind(why)
        .bind(now)
        .bind(competency)
        .execute(db)
        .await?;
    }
    Ok(())
}

#[expect(
    clippy::too_many_arguments,
    reason = "demo data: one argument per column that differs between the seeded programs"
)]
async fn insert_program(
    db: &Db,
    organizer: i64,
    admin: i64,
    title: &str,
    description: &str,
    status: &str,
    competency: &str,
    now: i64,
) -> anyhow::Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into program (organizer_id, title, description, level, total_jp, mode, funding, \
         fee_amount, status, created_by, created_at, updated_at) \
         values ($1, $2, $3, 'basic', 32, 'online', 'apbd', null, $4, $5, $6, $6) returning id",
    )
    .bind(organizer)
    .bind(title)
    .bind(description)
    .bind(status)
    .bind(admin)
    .bind(now)
    .fetch_one(db)
    .await?;
    sqlx::query(
        "insert into program_competency (program_id, competency_id) \
         select $1, id from competency where code = $2",
    )
    .bind(id)
    .bind(competency)
    .execute(db)
    .await?;
    Ok(id)
}

#[expect(
    clippy::too_many_arguments,
    reason = "demo data: one argument per column that differs between the seeded cohorts"
)]
async fn insert_cohort(
    db: &Db,
    program: i64,
    name: &str,
    quota: i64,
    opens: i64,
    closes: i64,
    (start, end): (i64, i64),
    admin: i64,
    now: i64,
) -> anyhow::Result<i64> {
    use app::model::wib;
    let (id,): (i64,) = sqlx::query_as(
        "insert into cohort (program_id, name, starts_on, ends_on, registration_opens_at, \
         registration_closes_at, quota, seats_taken, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9) returning id",
    )
    .bind(program)
    .bind(name)
    .bind(wib::date_of(wib_day(now, start)))
    .bind(wib::date_of(wib_day(now, end)))
    .bind(opens)
    .bind(closes)
    .bind(quota)
    .bind(admin)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// The literacy program's question bank (every kind, tagged) and its first cohort's quizzes: an
/// open pre-test (fixed, ten questions, 20 minutes, open for 30 days from now) and a draft
/// post-test.
async fn seed_quizzes(
    db: &Db,
    program: i64,
    cohort: i64,
    admin: i64,
    now: i64,
) -> anyhow::Result<()> {
    use app::model::codes::QuizKind;
    use app::model::quizzes::QuizSettings;
    use app::ssr::quizzes::authoring::{self, Outcome};
    use app::ssr::quizzes::bank::{self, ValidQuestion};
    let choice =
        |kind: &str, prompt: &str, options: &[(&str, bool)], tags: &str, feedback: &str| {
            ValidQuestion {
                kind: kind.to_string(),
                prompt: prompt.to_string(),
                feedback: feedback.to_string(),
                tags: tags.to_string(),
                points: 1,
                options: options
                    .iter()
                    .map(|(label, correct)| (label.to_string(), *correct))
                    .collect(),
            }
        };
    let questions = [
        choice("single", "Manakah yang merupakan contoh sumber belajar digital?",
            &[("Papan tulis", false), ("Video pembelajaran daring", true), ("Kapur tulis", false), ("Buku tulis kosong", false)],
            ",literasi-digital,", "Video daring adalah sumber belajar digital."),
        choice("single", "Langkah pertama yang tepat saat menerima berita yang meragukan di grup WhatsApp adalah …",
            &[("Langsung meneruskannya", false), ("Memeriksa sumber dan tanggal berita", true), ("Menghapus grup", false), ("Membalas dengan emotikon", false)],
            ",literasi-digital,hots,", "Periksa sumber, tanggal dan bandingkan dengan media tepercaya."),
        choice("single", "Kata sandi mana yang paling kuat?",
            &[("guru123", false), ("12345678", false), ("Sm4rt-Guru!Jateng27", true), ("password", false)],
            ",keamanan-digital,", "Kata sandi kuat panjang dan mencampur huruf, angka dan simbol."),
        choice("single", "Lisensi Creative Commons BY berarti karya boleh dipakai dengan syarat …",
            &[("Tidak boleh diubah", false), ("Mencantumkan nama pencipta", true), ("Hanya untuk keperluan pribadi", false)],
            ",etika-digital,", ""),
        choice("multiple", "Pilih semua data pribadi yang sebaiknya TIDAK dibagikan di media sosial.",
            &[("Nomor induk kependudukan (NIK)", true), ("Foto kegiatan kelas tanpa wajah siswa", false), ("Kode OTP bank", true), ("Alamat rumah lengkap", true)],
            ",keamanan-digital,etika-digital,", "NIK, OTP dan alamat lengkap dapat disalahgunakan."),
        choice("multiple", "Pilih ciri-ciri situs web yang dapat dipercaya.",
            &[("Mencantumkan penulis dan tanggal", true), ("Judul serba huruf kapital dan provokatif", false), ("Merujuk sumber lain yang jelas", true), ("Meminta kata sandi surel untuk membaca", false)],
            ",literasi-digital,hots,", ""),
        choice("truefalse", "Semua informasi yang viral di media sosial pasti benar.",
            &[("Benar", false), ("Salah", true)],
            ",literasi-digital,", "Informasi viral tetap perlu diperiksa."),
        choice("truefalse", "Autentikasi dua faktor (2FA) membuat akun lebih sulit dibobol.",
            &[("Benar", true), ("Salah", false)],
            ",keamanan-digital,", ""),
        choice("truefalse", "Guru boleh mengunggah foto siswa tanpa izin orang tua asalkan untuk promosi sekolah.",
            &[("Benar", false), ("Salah", true)],
            ",etika-digital,", "Mintalah izin orang tua sebelum mengunggah foto siswa."),
        choice("short", "Singkatan dari Teknologi Informasi dan Komunikasi adalah …",
            &[("TIK", true), ("ICT", true)],
            ",tik,", ""),
        choice("short", "Pesan palsu yang memancing korban memberikan kata sandi disebut …",
            &[("phishing", true), ("pengelabuan", true)],
            ",keamanan-digital,", "Phishing (pengelabuan) meniru pihak tepercaya."),
        choice("single", "Aplikasi mana yang paling cocok untuk membuat kuis interaktif di kelas?",
            &[("Pengolah kata", false), ("Platform kuis daring", true), ("Pemutar musik", false)],
            ",tik,literasi-digital,", ""),
    ];
    let mut ids = Vec::new();
    for question in &questions {
        ids.push(bank::insert(db, program, question, admin, now).await?);
    }
    let settings = |title: &str, kind: QuizKind, opens_at: i64, closes_at: i64| QuizSettings {
        title: title.to_string(),
        kind,
        selection: app::model::codes::QuestionSelection::Fixed,
        random_count: 0,
        random_tags: String::new(),
        shuffle_questions: 1,
        shuffle_options: 1,
        time_limit_minutes: 20,
        opens_at,
        closes_at,
        max_attempts: 1,
        pass_percent: 65,
        review: app::model::codes::ReviewSetting::Answers,
        questions_per_page: 5,
    };
    let pre = authoring::insert(
        db,
        cohort,
        &settings(
            "Pra-tes Literasi Digital",
            QuizKind::Pre,
            now,
            now + 30 * 86_400,
        ),
        admin,
        now,
    )
    .await?;
    let post = authoring::insert(
        db,
        cohort,
        &settings(
            "Pasca-tes Literasi Digital",
            QuizKind::Post,
            wib_day(now, 30),
            wib_day(now, 37) + 86_399,
        ),
        admin,
        now,
    )
    .await?;
    for quiz in [pre, post] {
        for question in ids.iter().take(10) {
            authoring::add_question(db, quiz, *question).await?;
        }
    }
    // A one-minute practice quiz with many attempts: the countdown and the hand-in by the
    // deadline can be tried (and are tested in the browser) without waiting twenty minutes.
    let drill = authoring::insert(
        db,
        cohort,
        &QuizSettings {
            time_limit_minutes: 1,
            max_attempts: 20,
            questions_per_page: 3,
            ..settings(
                "Latihan kilat: keamanan digital",
                QuizKind::Practice,
                now,
                now + 30 * 86_400,
            )
        },
        admin,
        now,
    )
    .await?;
    for question in [ids[2], ids[7], ids[10]] {
        authoring::add_question(db, drill, question).await?;
    }
    for quiz in [pre, drill] {
        let opened = authoring::open(db, quiz, admin, now, None).await?;
        anyhow::ensure!(
            opened == Outcome::Done,
            "demo quiz {quiz} did not open: {opened:?}"
        );
    }
    Ok(())
}

/// Two mentor groups in the first cohort ("Kelompok Melati" led by mentor1 with peserta01, 03, …;
/// "Kelompok Mawar" led by mentor2 with peserta02, 04, …), a reflection on Melati's board with the
/// mentor's first comment anchored to its second paragraph, and an announcement for the cohort.
async fn seed_boards(
    db: &Db,
    cohort: i64,
    mentors: &[i64],
    approved: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    use app::ssr::boards::access::{cohort_board, group_board};
    use app::ssr::boards::markdown::BlockAnchor;
    use app::ssr::boards::posts::{self, NewComment, PostKind};
    let mut boards = Vec::new();
    for (name, mentor) in [
        ("Kelompok Melati", mentors[0]),
        ("Kelompok Mawar", mentors[1]),
    ] {
        let (group,): (i64,) = sqlx::query_as(
            "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) \
             values ($1, $2, $3, 15, $4) returning id",
        )
        .bind(cohort)
        .bind(name)
        .bind(mentor)
        .bind(now)
        .fetch_one(db)
        .await?;
        let board = group_board(db, group, now)
            .await?
            .ok_or_else(|| anyhow::anyhow!("group {group} vanished"))?;
        boards.push((group, board));
    }
    for (index, user) in approved.iter().enumerate() {
        sqlx::query("update enrolment set group_id = $1 where cohort_id = $2 and user_id = $3")
            .bind(boards[index % 2].0)
            .bind(cohort)
            .bind(user)
            .execute(db)
            .await?;
    }
    let reflection = posts::create(
        db,
        boards[0].1,
        approved[2],
        PostKind::Refleksi,
        "Refleksi pertemuan pertama: literasi digital di kelas 4",
        "Pada pertemuan pertama saya mengenalkan mesin pencari kepada siswa kelas 4.\n\n\
         Siswa antusias, tetapi banyak yang langsung percaya pada hasil teratas tanpa memeriksa \
         sumbernya.\n\n\
         Rencana berikutnya: latihan membandingkan dua sumber dengan lembar kerja sederhana.",
        now - 2 * 3600,
    )
    .await?
    .map_err(|invalid| anyhow::anyhow!("demo post refused: {invalid:?}"))?;
    posts::comment(
        db,
        &NewComment {
            post: reflection,
            author: mentors[0],
            by_moderator: true,
            parent: None,
            anchor: BlockAnchor::new(2),
            body: "Temuan yang bagus. Coba minta siswa menuliskan **siapa** pembuat sumbernya.",
        },
        now - 3600,
    )
    .await?
    .map_err(|invalid| anyhow::anyhow!("demo comment refused: {invalid:?}"))?;
    let announcements = cohort_board(db, cohort, now).await?;
    posts::create(
        db,
        announcements,
        mentors[0],
        PostKind::Announcement,
        "Jadwal unggah aksi nyata",
        "Unggah aksi nyata paling lambat hari Jumat pukul 16.00 WIB di papan kelompok masing-masing.",
        now - 1800,
    )
    .await?
    .map_err(|invalid| anyhow::anyhow!("demo announcement refused: {invalid:?}"))?;
    Ok(())
}
