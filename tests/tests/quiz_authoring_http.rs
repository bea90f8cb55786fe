//! Quiz authoring over real HTTP: the question bank (create, edit, checks, archive, copy), its
//! CSV import and export, quizzes of a cohort (settings, questions, opening fixed and random
//! quizzes), and the scope and role of every caller.

use app::model::quizzes::{BankView, QuestionView};
use app::model::quizzes::{QuizView, QuizzesView};
use app::model::{ErrorKind, InstitutionId, Role, UserId};
use app::ssr::db::now_unix;
use pamong_tests::fixtures;
use pamong_tests::harness::{error_of, location, Client, TestServer};
use reqwest::header::{HeaderValue, ORIGIN, REFERER};

const PASSWORD: &str = "kata-sandi-uji-1";

async fn signed_in(
    server: &TestServer,
    role: Role,
    email: &str,
    institution: Option<InstitutionId>,
) -> (Client, UserId) {
    let id = server.user(role, email, PASSWORD, institution).await;
    let client = server.new_client();
    let response = client.sign_in(email, PASSWORD).await;
    assert_eq!(response.status(), 200, "sign in {email}");
    (client, id)
}

async fn json<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("unexpected body ({e}): {text}"))
}

struct Setup {
    server: TestServer,
    admin: Client,
    admin_id: UserId,
    agency: InstitutionId,
    program: i64,
    cohort: i64,
}

async fn setup() -> Setup {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let (admin, admin_id) =
        signed_in(&server, Role::Admin, "admin@bpsdm.test", Some(inst.agency)).await;
    let program = fixtures::program(&server.db, inst.agency, admin_id, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan 1", 30, admin_id).await;
    Setup {
        server,
        admin,
        admin_id,
        agency: inst.agency,
        program,
        cohort,
    }
}

/// A question form: `kind`, `prompt`, and the fields in `extra`.
fn question<'a>(
    program: &'a str,
    kind: &'a str,
    prompt: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("program_id", program),
        ("kind", kind),
        ("prompt", prompt),
        ("points", "1"),
    ];
    for (key, value) in extra {
        if *key == "points" {
            form.retain(|(k, _)| k != key);
        }
        form.push((key, value));
    }
    form
}

async fn create_question(admin: &Client, form: &[(&str, &str)]) {
    let response = admin.call("bank_create_question", form).await;
    let status = response.status();
    assert_eq!(status, 200, "{}", response.text().await.unwrap_or_default());
}

async fn bank(admin: &Client, program: i64, filters: &[(&str, &str)]) -> BankView {
    let program = program.to_string();
    let mut form = vec![("program_id", program.as_str())];
    form.extend_from_slice(filters);
    json(admin.call("bank_list_questions", &form).await).await
}

async fn question_count(server: &TestServer, program: i64) -> i64 {
    let (n,): (i64,) = sqlx::query_as("select count(*) from question where program_id = $1")
        .bind(program)
        .fetch_one(&server.db)
        .await
        .expect("count");
    n
}

/// The settings form of a quiz; `extra` replaces or adds fields.
fn quiz_form<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("title", "Pra-tes Uji"),
        ("kind", "pre"),
        ("selection", "fixed"),
        ("random_count", ""),
        ("random_tags", ""),
        ("shuffle_questions", "1"),
        ("time_limit_minutes", "20"),
        ("opens_on", "2027-01-11"),
        ("opens_time", "07:00"),
        ("closes_on", "2027-01-12"),
        ("closes_time", ""),
        ("max_attempts", "1"),
        ("pass_percent", ""),
        ("review", "score"),
        ("questions_per_page", "5"),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    form
}

async fn create_quiz(admin: &Client, cohort: i64, extra: &[(&str, &str)]) -> i64 {
    let cohort = cohort.to_string();
    let mut form = quiz_form(extra);
    form.push(("cohort_id", &cohort));
    let response = admin.call("quiz_create", &form).await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    let to = location(&response).expect("redirect to the quiz");
    to.trim_start_matches("/admin/kuis/")
        .parse()
        .expect("quiz id")
}

async fn quiz(admin: &Client, id: i64) -> QuizView {
    json(admin.call("quiz_get", &[("id", &id.to_string())]).await).await
}

/// Uploads `bytes` to the bank import as the JS-off form does.
async fn upload(client: &Client, program: i64, bytes: Vec<u8>) -> reqwest::Response {
    let page = format!("/admin/program/{program}/soal");
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("soal.csv")
        .mime_str("text/csv")
        .expect("mime");
    client
        .http
        .post(client.url(&format!("{page}/impor")))
        .header(ORIGIN, HeaderValue::from_str(&client.base).expect("origin"))
        .header(REFERER, client.url(&page))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload")
}

async fn download(client: &Client, path: &str) -> (u16, Vec<u8>) {
    let response = client.get(path).await;
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap_or_default().to_vec())
}

#[tokio::test]
async fn questions_are_checked_created_filtered_and_edited() {
    let s = setup().await;
    let p = s.program.to_string();
    let admin = &s.admin;
    let err = |form: Vec<(&'static str, &'static str)>| {
        let admin = admin.clone();
        async move { error_of(admin.call("bank_create_question", &form).await).await }
    };
    let p: &'static str = Box::leak(p.into_boxed_str());

    // Two keys on a single-choice question, a single option, no true/false key, no short
    // answer, points out of range: each message next to its field.
    let e = err(question(
        p,
        "single",
        "Ibu kota Jawa Tengah?",
        &[
            ("option_1", "Semarang"),
            ("option_2", "Solo"),
            ("correct[]", "1"),
            ("correct[]", "2"),
        ],
    ))
    .await;
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(
        e.field_message("correct"),
        Some("Soal pilihan ganda harus punya tepat satu kunci jawaban.")
    );
    let e = err(question(
        p,
        "single",
        "X?",
        &[("option_1", "A"), ("correct[]", "1")],
    ))
    .await;
    assert_eq!(
        e.field_message("options"),
        Some("Isi paling sedikit 2 pilihan jawaban.")
    );
    let e = err(question(p, "truefalse", "Bumi bulat.", &[])).await;
    assert!(e.field_message("tf_answer").is_some(), "{e:?}");
    let e = err(question(p, "short", "TIK?", &[("answers", " \n ")])).await;
    assert!(e.field_message("answers").is_some(), "{e:?}");
    let e = err(question(
        p,
        "multiple",
        "",
        &[("option_1", "A"), ("option_2", "B"), ("points", "0")],
    ))
    .await;
    assert!(e.field_message("prompt").is_some(), "{e:?}");
    assert!(e.field_message("points").is_some(), "{e:?}");
    assert!(e.field_message("correct").is_some(), "{e:?}");
    assert_eq!(question_count(&s.server, s.program).await, 0);

    // Valid questions of every kind.
    create_question(
        admin,
        &question(
            p,
            "single",
            "Ibu kota Jawa Tengah?",
            &[
                ("option_1", "Semarang"),
                ("option_2", "Solo"),
                ("option_3", ""),
                ("correct[]", "1"),
                ("tags", "Geografi, Literasi Digital"),
                ("feedback", "Semarang."),
            ],
        ),
    )
    .await;
    create_question(
        admin,
        &question(
            p,
            "multiple",
            "Pilih bilangan genap.",
            &[
                ("option_1", "2"),
                ("option_2", "3"),
                ("option_3", "4"),
                ("correct[]", "1"),
                ("correct[]", "3"),
            ],
        ),
    )
    .await;
    create_question(
        admin,
        &question(
            p,
            "truefalse",
            "Bumi itu bulat.",
            &[("tf_answer", "benar"), ("tags", "ipa")],
        ),
    )
    .await;
    create_question(
        admin,
        &question(
            p,
            "short",
            "Singkatan TIK dalam bahasa Inggris?",
            &[("answers", "ICT\nI.C.T.")],
        ),
    )
    .await;

    let all = bank(admin, s.program, &[]).await;
    assert_eq!(all.list.total, 4);
    let tagged = bank(admin, s.program, &[("tag", "literasi digital")]).await;
    assert_eq!(tagged.list.total, 1);
    assert_eq!(
        tagged.list.items[0].question.tags,
        ",geografi,literasi-digital,"
    );
    let short = bank(admin, s.program, &[("kind", "short")]).await;
    assert_eq!(
        short.list.items[0].question.prompt,
        "Singkatan TIK dalam bahasa Inggris?"
    );
    let tf_id = bank(admin, s.program, &[("kind", "truefalse")])
        .await
        .list
        .items[0]
        .id;
    let tf: QuestionView = json(
        admin
            .call("bank_get_question", &[("id", &tf_id.to_string())])
            .await,
    )
    .await;
    let labels: Vec<(&str, i64)> = tf
        .options
        .iter()
        .map(|o| (o.label.as_str(), o.correct))
        .collect();
    assert_eq!(labels, [("Benar", 1), ("Salah", 0)]);

    // Edit: the single-choice question becomes a multiple-choice one with three options.
    let single = tagged.list.items[0].id.to_string();
    let response = admin
        .call(
            "bank_update_question",
            &[
                ("question_id", single.as_str()),
                ("kind", "multiple"),
                ("prompt", "Kota di Jawa Tengah?"),
                ("option_1", "Semarang"),
                ("option_2", "Solo"),
                ("option_3", "Bandung"),
                ("correct[]", "1"),
                ("correct[]", "2"),
                ("points", "3"),
                ("tags", "geografi"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some(format!("/admin/soal/{single}").as_str())
    );
    let edited: QuestionView =
        json(admin.call("bank_get_question", &[("id", &single)]).await).await;
    assert_eq!(edited.question.kind, "multiple");
    assert_eq!(edited.question.points, 3);
    assert_eq!(edited.question.tags, ",geografi,");
    assert_eq!(edited.options.iter().filter(|o| o.correct == 1).count(), 2);
    assert!(!edited.locked);

    // With JavaScript off, the message and what was typed come back on the page.
    let page = format!("/admin/program/{p}/soal");
    let response = admin
        .submit(
            &page,
            "bank_create_question",
            &question(
                p,
                "single",
                "Soal tanpa kunci",
                &[("option_1", "A"), ("option_2", "B")],
            ),
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, body) = admin.page(&page).await;
    assert!(
        body.contains("Soal pilihan ganda harus punya tepat satu kunci jawaban."),
        "{body}"
    );
    assert!(body.contains("Soal tanpa kunci"), "{body}");
    let (_, body) = admin.page(&format!("/admin/soal/{single}")).await;
    assert!(body.contains("Kota di Jawa Tengah?"), "{body}");

    // Archive: it leaves the list, shows under "archived", and cannot be edited.
    let response = admin
        .call("bank_archive_question", &[("question_id", &single)])
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(bank(admin, s.program, &[]).await.list.total, 3);
    assert_eq!(
        bank(admin, s.program, &[("archived", "1")])
            .await
            .list
            .total,
        1
    );
    let e = error_of(
        admin
            .call(
                "bank_update_question",
                &[
                    ("question_id", single.as_str()),
                    ("kind", "short"),
                    ("prompt", "x"),
                    ("answers", "y"),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(e.kind, ErrorKind::Conflict);
    s.server.stop().await;
}

#[tokio::test]
async fn a_csv_with_any_error_saves_nothing_and_an_export_imports_back_unchanged() {
    let s = setup().await;
    let admin = &s.admin;
    let bad = "jenis;pertanyaan;opsi_1;opsi_2;kunci;poin;tag\n\
               pilihan_ganda;Baik;A;B;1;1;ict\n\
               pilihan_ganda;Dua kunci;A;B;1,2;1;ict\n\
               benar_salah;Tanpa kunci;;;mungkin;1;\n";
    let response = upload(admin, s.program, bad.as_bytes().to_vec()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(question_count(&s.server, s.program).await, 0);
    let (_, body) = admin
        .page(&format!("/admin/program/{}/soal", s.program))
        .await;
    assert!(
        body.contains("Tidak ada soal yang disimpan: 2 masalah"),
        "{body}"
    );
    assert!(body.contains("Baris 3, kolom kunci"), "{body}");
    assert!(body.contains("Baris 4, kolom kunci"), "{body}");

    // The template is a valid file: four questions, one of each kind.
    let (status, template) = download(
        admin,
        &format!("/admin/program/{}/soal/templat.csv", s.program),
    )
    .await;
    assert_eq!(status, 200);
    let response = upload(admin, s.program, template).await;
    assert_eq!(response.status(), 303);
    assert_eq!(question_count(&s.server, s.program).await, 4);
    let (_, body) = admin
        .page(&format!("/admin/program/{}/soal", s.program))
        .await;
    assert!(body.contains("4 soal sudah diimpor."), "{body}");
    // A comma-separated file with English headers and a BOM.
    let english = "\u{feff}Type,Question,Option 1,Option 2,Option 3,Key,Points,Tags,Feedback\n\
                   multiple,\"Pilih, semua yang benar\",A,B,C,\"1,3\",2,\"ict, hots\",Lihat modul\n";
    let response = upload(admin, s.program, english.as_bytes().to_vec()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(question_count(&s.server, s.program).await, 5);

    // Export, import into a second program, export again: the same file.
    let (status, exported) =
        download(admin, &format!("/admin/program/{}/soal.csv", s.program)).await;
    assert_eq!(status, 200);
    let text = String::from_utf8_lossy(&exported).to_string();
    assert!(
        text.contains("pilihan_ganda_kompleks") && text.contains("TIK|ICT"),
        "{text}"
    );
    let second = fixtures::program(&s.server.db, s.agency, s.admin_id, "draft").await;
    let response = upload(admin, second, exported.clone()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(question_count(&s.server, second).await, 5);
    let (_, again) = download(admin, &format!("/admin/program/{second}/soal.csv")).await;
    assert_eq!(String::from_utf8_lossy(&again), text);
    s.server.stop().await;
}

#[tokio::test]
async fn opening_prepares_fixed_and_random_quizzes_and_locks_what_attempts_get() {
    let s = setup().await;
    let admin = &s.admin;
    let csv = "jenis;pertanyaan;kunci;tag\n\
               benar_salah;Satu;benar;a\n\
               benar_salah;Dua;salah;a\n\
               benar_salah;Tiga;benar;a, b\n\
               benar_salah;Empat;salah;b\n";
    assert_eq!(
        upload(admin, s.program, csv.as_bytes().to_vec())
            .await
            .status(),
        303
    );
    let ids: Vec<(i64,)> =
        sqlx::query_as("select id from question where program_id = $1 order by id")
            .bind(s.program)
            .fetch_all(&s.server.db)
            .await
            .expect("ids");
    let ids: Vec<String> = ids.into_iter().map(|(id,)| id.to_string()).collect();

    // Settings are checked.
    let cohort = s.cohort.to_string();
    let mut bad = quiz_form(&[("closes_on", "2027-01-10"), ("pass_percent", "101")]);
    bad.push(("cohort_id", &cohort));
    let e = error_of(admin.call("quiz_create", &bad).await).await;
    assert!(e.field_message("closes_on").is_some(), "{e:?}");
    assert!(e.field_message("pass_percent").is_some(), "{e:?}");

    // A fixed quiz: no question, no opening.
    let fixed = create_quiz(admin, s.cohort, &[]).await;
    let f = fixed.to_string();
    let e = error_of(admin.call("quiz_open", &[("quiz_id", &f)]).await).await;
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("belum punya soal"), "{e:?}");
    for id in [&ids[1], &ids[0]] {
        let response = admin
            .call("quiz_add_question", &[("quiz_id", &f), ("question_id", id)])
            .await;
        assert_eq!(response.status(), 200);
    }
    let response = admin
        .call(
            "quiz_move_question",
            &[
                ("quiz_id", &f),
                ("question_id", &ids[0]),
                ("direction", "up"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let v = quiz(admin, fixed).await;
    let order: Vec<(i64, i64)> = v
        .questions
        .iter()
        .map(|q| (q.position, q.question_id.0))
        .collect();
    assert_eq!(
        order,
        [
            (1, ids[0].parse().expect("id")),
            (2, ids[1].parse().expect("id"))
        ]
    );
    assert_eq!(v.quiz.settings.opens_at, 1_799_600_400 + 7 * 3600);
    assert_eq!(v.quiz.settings.pass_percent, 65);
    assert_eq!(
        admin.call("quiz_open", &[("quiz_id", &f)]).await.status(),
        200
    );
    assert_eq!(quiz(admin, fixed).await.quiz.status, "open");
    let e = error_of(admin.call("quiz_open", &[("quiz_id", &f)]).await).await;
    assert_eq!(e.kind, ErrorKind::Conflict);

    // A question of an open quiz cannot be edited, only copied or archived.
    let e = error_of(
        admin
            .call(
                "bank_update_question",
                &[
                    ("question_id", &ids[0]),
                    ("kind", "truefalse"),
                    ("prompt", "Ubah"),
                    ("tf_answer", "salah"),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("kuis yang sedang dibuka"), "{e:?}");
    let response = admin
        .call("bank_copy_question", &[("question_id", &ids[0])])
        .await;
    assert_eq!(response.status(), 200);
    assert!(location(&response).is_some_and(|l| l.starts_with("/admin/soal/")));

    // A random quiz drawing from tag `a`: three in the pool (and the copy, tagged `a` too).
    let random = create_quiz(
        admin,
        s.cohort,
        &[
            ("selection", "random"),
            ("random_count", "5"),
            ("random_tags", "A"),
            ("title", "Acak"),
        ],
    )
    .await;
    let r = random.to_string();
    let e = error_of(admin.call("quiz_open", &[("quiz_id", &r)]).await).await;
    assert!(e.message.contains("hanya punya 4 soal"), "{e:?}");
    assert_eq!(quiz(admin, random).await.quiz.status, "draft");
    let mut form = quiz_form(&[
        ("selection", "random"),
        ("random_count", "2"),
        ("random_tags", "a"),
        ("title", "Acak"),
    ]);
    form.push(("quiz_id", &r));
    assert_eq!(admin.call("quiz_update", &form).await.status(), 200);
    assert_eq!(
        admin.call("quiz_open", &[("quiz_id", &r)]).await.status(),
        200
    );
    let pool: Vec<(i64,)> =
        sqlx::query_as("select position from quiz_question where quiz_id = $1 order by position")
            .bind(random)
            .fetch_all(&s.server.db)
            .await
            .expect("pool");
    assert_eq!(pool, [(1,), (2,), (3,), (4,)]);
    // The pool is frozen: a new matching question does not join it.
    create_question(
        admin,
        &question(
            Box::leak(s.program.to_string().into_boxed_str()),
            "truefalse",
            "Lima",
            &[("tf_answer", "benar"), ("tags", "a")],
        ),
    )
    .await;
    assert_eq!(quiz(admin, random).await.questions.len(), 4);

    // Once someone has started, what attempts get is locked; the title is not.
    let (_, participant) = signed_in(&s.server, Role::Participant, "peserta@uji.test", None).await;
    let now = now_unix();
    sqlx::query(
        "insert into quiz_attempt (quiz_id, user_id, number, started_at, deadline_at, max_points) \
         values ($1, $2, 1, $3, $4, 2)",
    )
    .bind(fixed)
    .bind(participant.0)
    .bind(now)
    .bind(now + 1200)
    .execute(&s.server.db)
    .await
    .expect("attempt");
    let mut form = quiz_form(&[("time_limit_minutes", "30")]);
    form.push(("quiz_id", &f));
    let e = error_of(admin.call("quiz_update", &form).await).await;
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("tidak dapat diubah"), "{e:?}");
    let e = error_of(
        admin
            .call(
                "quiz_remove_question",
                &[("quiz_id", &f), ("question_id", &ids[1])],
            )
            .await,
    )
    .await;
    assert_eq!(e.kind, ErrorKind::Conflict);
    let mut form = quiz_form(&[("title", "Pra-tes Baru")]);
    form.push(("quiz_id", &f));
    assert_eq!(admin.call("quiz_update", &form).await.status(), 200);
    let v = quiz(admin, fixed).await;
    assert_eq!(
        (
            v.quiz.settings.title.as_str(),
            v.quiz.settings.time_limit_minutes,
            v.attempts,
        ),
        ("Pra-tes Baru", 20, 1)
    );

    // The cohort's list and pages.
    let list: QuizzesView = json(admin.call("quiz_list", &[("cohort_id", &cohort)]).await).await;
    assert_eq!(list.items.len(), 2);
    let (status, body) = admin.page(&format!("/admin/angkatan/{cohort}/kuis")).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Pra-tes Baru") && body.contains("Acak"),
        "{body}"
    );
    let (status, body) = admin.page(&format!("/admin/kuis/{fixed}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("Dibuka"), "{body}");

    // Archive.
    assert_eq!(
        admin
            .call("quiz_archive", &[("quiz_id", &r)])
            .await
            .status(),
        200
    );
    assert_eq!(quiz(admin, random).await.quiz.status, "archived");
    s.server.stop().await;
}

#[tokio::test]
async fn other_provinces_get_404_and_other_roles_are_refused() {
    let s = setup().await;
    let admin = &s.admin;
    let p = s.program.to_string();
    create_question(
        admin,
        &question(&p, "truefalse", "Asli", &[("tf_answer", "benar")]),
    )
    .await;
    let q = bank(admin, s.program, &[]).await.list.items[0]
        .id
        .to_string();
    let quiz_id = create_quiz(admin, s.cohort, &[]).await.to_string();

    let other_agency = app::ssr::institutions::insert(
        &s.server.db,
        "BPSDM Provinsi Lain",
        "province_agency",
        None,
        None,
        Some("34"),
        now_unix(),
    )
    .await
    .expect("agency");
    let c = s.cohort.to_string();
    let (other, _) = signed_in(
        &s.server,
        Role::Admin,
        "admin@lain.test",
        Some(other_agency),
    )
    .await;
    for (function, form) in [
        ("bank_list_questions", vec![("program_id", p.as_str())]),
        ("bank_get_question", vec![("id", q.as_str())]),
        (
            "bank_update_question",
            vec![
                ("question_id", q.as_str()),
                ("kind", "truefalse"),
                ("prompt", "Diubah"),
                ("tf_answer", "salah"),
            ],
        ),
        ("bank_archive_question", vec![("question_id", q.as_str())]),
        ("bank_copy_question", vec![("question_id", q.as_str())]),
        (
            "bank_create_question",
            question(&p, "truefalse", "Sisipan", &[("tf_answer", "benar")]),
        ),
        ("quiz_get", vec![("id", quiz_id.as_str())]),
        ("quiz_open", vec![("quiz_id", quiz_id.as_str())]),
        ("quiz_archive", vec![("quiz_id", quiz_id.as_str())]),
        (
            "quiz_add_question",
            vec![("quiz_id", quiz_id.as_str()), ("question_id", q.as_str())],
        ),
        ("quiz_list", vec![("cohort_id", c.as_str())]),
    ] {
        let response = other.call(function, &form).await;
        assert_eq!(response.status(), 404, "{function}");
    }
    let (status, _) = other.page(&format!("/admin/program/{p}/soal")).await;
    assert_eq!(status, 404);
    let (status, _) = other.page(&format!("/admin/kuis/{quiz_id}")).await;
    assert_eq!(status, 404);
    let (status, _) = download(&other, &format!("/admin/program/{p}/soal.csv")).await;
    assert_eq!(status, 404);
    let response = upload(
        &other,
        s.program,
        b"jenis;pertanyaan;kunci\nbs;Sisipan;benar\n".to_vec(),
    )
    .await;
    assert_eq!(response.status(), 404);
    // Nothing changed.
    assert_eq!(question_count(&s.server, s.program).await, 1);
    let v: QuestionView = json(admin.call("bank_get_question", &[("id", &q)]).await).await;
    assert_eq!(
        (v.question.prompt.as_str(), v.question.archived),
        ("Asli", 0)
    );
    let qv = quiz(admin, quiz_id.parse().expect("id")).await;
    assert_eq!((qv.quiz.status.as_str(), qv.questions.len()), ("draft", 0));

    // Participants and mentors are refused.
    let (participant, _) = signed_in(&s.server, Role::Participant, "peserta@uji.test", None).await;
    let (mentor, _) = signed_in(&s.server, Role::Mentor, "mentor@uji.test", Some(s.agency)).await;
    for client in [&participant, &mentor] {
        let response = client
            .call("bank_list_questions", &[("program_id", &p)])
            .await;
        assert_eq!(response.status(), 403);
        let response = client.call("quiz_open", &[("quiz_id", &quiz_id)]).await;
        assert_eq!(response.status(), 403);
        let (status, _) = download(client, &format!("/admin/program/{p}/soal.csv")).await;
        assert_eq!(status, 403);
        let response = upload(
            client,
            s.program,
            b"jenis;pertanyaan;kunci\nbs;Sisipan;benar\n".to_vec(),
        )
        .await;
        assert_eq!(response.status(), 403);
    }
    assert_eq!(question_count(&s.server, s.program).await, 1);
    let anonymous = s.server.new_client();
    let (status, _) = download(&anonymous, &format!("/admin/program/{p}/soal.csv")).await;
    assert_eq!(status, 303);
    s.server.stop().await;
}

#[tokio::test]
async fn the_demo_seed_gives_the_literacy_program_a_bank_and_its_first_cohort_quizzes() {
    let server = TestServer::start().await;
    server::demo::seed_demo(&server.db, Some("demo-sandi-1".into()))
        .await
        .expect("seed");
    let kinds: Vec<(String, i64)> = sqlx::query_as(
        "select q.kind, count(*) from question q join program p on p.id = q.program_id \
         where p.title = 'Literasi Digital dalam Pembelajaran' group by q.kind order by q.kind",
    )
    .fetch_all(&server.db)
    .await
    .expect("bank");
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    assert_eq!(kinds.iter().map(|(_, n)| n).sum::<i64>(), 12);
    let quizzes: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "select z.kind, z.status, z.time_limit_minutes, \
         (select count(*) from quiz_question qq where qq.quiz_id = z.id) \
         from quiz z order by z.id",
    )
    .fetch_all(&server.db)
    .await
    .expect("quizzes");
    assert_eq!(
        quizzes,
        [
            ("pre".to_string(), "open".to_string(), 20, 10),
            ("post".to_string(), "draft".to_string(), 20, 10),
            ("practice".to_string(), "open".to_string(), 1, 3)
        ]
    );
    assert!(server::demo::seed_demo(&server.db, None)
        .await
        .expect("again")
        .is_empty());
    let (count,): (i64,) = sqlx::query_as("select count(*) from question")
        .fetch_one(&server.db)
        .await
        .expect("count");
    assert_eq!(count, 12, "seeding twice adds nothing");
    server.stop().await;
}
