//! Participants who are not classroom teachers (issue #18) over real HTTP: the profile's category,
//! position, place and date of birth (checked against the NIP), completeness by category, the
//! institution kinds for other offices and universities, and import rows without e-mail, with a
//! category, or whose date of birth is not the NIP's.

use app::model::{AppError, Role};
use pamong_tests::fixtures;
use pamong_tests::harness::{error_of, TestServer};
use pamong_tests::import_support::{errors as row_errors, finished, upload_job};
use pamong_tests::registration_support::{signed_in, with_overrides, PASSWORD};

fn field_message(error: &AppError, field: &str) -> String {
    error
        .field_message(field)
        .unwrap_or_else(|| panic!("no message for {field}: {error:?}"))
        .to_string()
}

/// A supervisor's profile: no school, a NIP whose birth date is 26 September 1986.
fn supervisor<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let form = vec![
        ("nip", "19860926 201505 1 001"),
        ("nuptk", ""),
        ("rank", "IV/a"),
        ("school_npsn", ""),
        ("school_name", ""),
        ("subject", ""),
        ("school_level", ""),
        ("region_code", "33.01"),
        ("phone", "081234567890"),
        ("category", "supervisor"),
        ("position", "Pengawas SMP"),
        ("birth_place", "Sleman"),
        ("birth_date", "1986-09-26"),
    ];
    with_overrides(form, overrides)
}

#[tokio::test]
async fn the_profile_keeps_category_position_and_birth_checked_against_the_nip() {
    let server = TestServer::start().await;
    let me = server
        .user(Role::Participant, "pengawas@uji.test", PASSWORD, None)
        .await;
    let client = signed_in(&server, "pengawas@uji.test").await;

    // A date of birth that is not the NIP's is refused next to the field, in either language.
    let refused = |form: Vec<(&'static str, &'static str)>| {
        let client = client.clone();
        async move {
            let response = client.call("save_profile", &form).await;
            assert_eq!(response.status(), 400);
            error_of(response).await
        }
    };
    let error = refused(supervisor(&[("birth_date", "27-09-1986")])).await;
    assert_eq!(
        field_message(&error, "birth_date"),
        "Tanggal lahir 1986-09-27 tidak sama dengan tanggal lahir dalam NIP (1986-09-26). Periksa kembali tanggal lahir atau NIP."
    );
    client.set_cookie("lang", "en");
    let long = "x".repeat(121).leak();
    let error = refused(supervisor(&[
        ("birth_date", "1986-02-30"),
        ("category", "student"),
        ("position", long),
    ]))
    .await;
    assert_eq!(
        field_message(&error, "birth_date"),
        "The date of birth must be a real date, for example 1986-09-26 or 26-09-1986."
    );
    assert_eq!(
        field_message(&error, "category"),
        "Choose one of the categories in the list."
    );
    assert!(error.field_message("position").is_some(), "{error:?}");
    client.set_cookie("lang", "id");

    // A supervisor's profile is complete without a school.
    let response = client.call("save_profile", &supervisor(&[])).await;
    assert_eq!(response.status(), 200);
    let stored: (String, String, String, String) = sqlx::query_as(
        "select category, position, birth_place, birth_date from participant_profile where user_id = $1",
    )
    .bind(me.0)
    .fetch_one(&server.db)
    .await
    .expect("profile");
    assert_eq!(
        stored,
        (
            "supervisor".to_string(),
            "Pengawas SMP".to_string(),
            "Sleman".to_string(),
            "1986-09-26".to_string()
        )
    );
    let (status, page) = client.page("/peserta/profil").await;
    assert_eq!(status, 200);
    assert!(page.contains("Profil Anda sudah lengkap"), "complete");
    assert!(page.contains("Pengawas SMP") && page.contains("1986-09-26"));
    assert!(
        page.contains(r#"value="supervisor" selected"#),
        "category shown"
    );

    // The same profile as a teacher lacks the school, and says so.
    let response = client
        .call("save_profile", &supervisor(&[("category", "teacher")]))
        .await;
    assert_eq!(response.status(), 200);
    let (_, page) = client.page("/peserta/profil").await;
    assert!(
        page.contains("Untuk mendaftar diklat, isi NPSN sekolah"),
        "a teacher needs a school"
    );
    // A form of before the new fields still saves (the fields are left empty).
    let old: Vec<(&str, &str)> = supervisor(&[("category", "teacher")])
        .into_iter()
        .take(9)
        .collect();
    assert_eq!(client.call("save_profile", &old).await.status(), 200);
    server.stop().await;
}

#[tokio::test]
async fn admins_add_government_offices_and_universities() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    server
        .user(Role::Admin, "admin@uji.test", PASSWORD, Some(inst.agency))
        .await;
    let client = signed_in(&server, "admin@uji.test").await;
    for (kind, name, region) in [
        ("government_office", "Badan Kepegawaian Daerah", "33.01"),
        ("university", "Universitas Negeri Uji", "33.02"),
    ] {
        let parent = inst.agency.0.to_string();
        let response = client
            .call(
                "create_institution",
                &[
                    ("parent_id", parent.as_str()),
                    ("kind", kind),
                    ("name", name),
                    ("npsn", ""),
                    ("region_code", region),
                ],
            )
            .await;
        assert_eq!(response.status(), 200, "{kind}");
        let (stored,): (String,) = sqlx::query_as("select kind from institution where name = $1")
            .bind(name)
            .fetch_one(&server.db)
            .await
            .expect("institution");
        assert_eq!(stored, kind);
    }
    // Not under a school.
    let school = inst.school_a.0.to_string();
    let error = error_of(
        client
            .call(
                "create_institution",
                &[
                    ("parent_id", school.as_str()),
                    ("kind", "university"),
                    ("name", "Kampus"),
                    ("npsn", ""),
                    ("region_code", "33.01"),
                ],
            )
            .await,
    )
    .await;
    assert!(error.field_message("parent_id").is_some(), "{error:?}");
    let (status, page) = client.page("/admin/lembaga").await;
    assert_eq!(status, 200);
    assert!(page.contains("Perguruan tinggi") && page.contains("Universitas Negeri Uji"));
    server.stop().await;
}

/// Imports `csv` into the cohort and waits for the job to end; returns its id.
async fn import(server: &TestServer, cohort: i64, csv: &str) -> i64 {
    let job = upload_job(&server.client, cohort, "peserta.csv", csv).await;
    assert_eq!(finished(&server.db, job).await.status, "done");
    job
}

#[tokio::test]
async fn imports_take_rows_without_email_and_follow_the_category() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@uji.test", PASSWORD, Some(inst.agency))
        .await;
    let program = fixtures::program(&server.db, inst.district_a, admin, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Campur", 50, admin).await;
    assert_eq!(
        server
            .client
            .sign_in("admin@uji.test", PASSWORD)
            .await
            .status(),
        200
    );
    let csv =
        "nama;email;nip;nuptk;npsn;jenjang_sekolah;kategori;jabatan;tempat_lahir;tanggal_lahir\n\
        Guru Tanpa Surel;;198609262015051001;;20300001;SMP;guru;Guru Ahli Muda;Sleman;26-09-1986\n\
        Guru NUPTK;;;1234567890123456;20300001;SD;;;;\n\
        Pengawas Sekolah;;197001012000011001;;;;Pengawas Sekolah;Pengawas SMP;Bantul;1970-01-01\n\
        Tendik;tendik@uji.test;;;;;tenaga kependidikan;Operator;;\n\
        Tanggal Salah;;198001012005011002;;20300001;SMP;guru;;;1980-01-02\n\
        Tanpa Identitas;;;;20300001;SMP;;;;\n\
        Guru Tanpa Sekolah;guru2@uji.test;;;;;guru;;;\n\
        Kategori Aneh;aneh@uji.test;;;;;murid;;;\n\
        Guru Kedua Tanpa Surel;;198710102015052002;;20300001;SMA;;;;\n";
    let job = import(&server, cohort, csv).await;
    let errors = row_errors(&server.db, job).await;
    let at = |line: i64| -> Vec<(String, String)> {
        errors
            .iter()
            .filter(|(l, _, _)| *l == line)
            .map(|(_, f, m)| (f.clone(), m.clone()))
            .collect()
    };
    assert_eq!(
        at(6),
        [(
            "tanggal_lahir".to_string(),
            "Tanggal lahir 1980-01-02 tidak sama dengan tanggal lahir dalam NIP (1980-01-01). Periksa kembali tanggal lahir atau NIP.".to_string()
        )]
    );
    assert_eq!(
        at(7),
        [(
            "email".to_string(),
            "Isi email, NIP atau NUPTK agar peserta dapat dikenali.".to_string()
        )]
    );
    let fields = |line: i64| at(line).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
    assert_eq!(fields(8), ["jenjang_sekolah", "npsn"]);
    assert_eq!(fields(9), ["kategori"]);
    for line in [2, 3, 4, 5, 10] {
        assert!(at(line).is_empty(), "row {line}: {:?}", at(line));
    }
    let (created, enrolled): (i64, i64) =
        sqlx::query_as("select created_accounts, enrolled from import_job where id = $1")
            .bind(job)
            .fetch_one(&server.db)
            .await
            .expect("job");
    assert_eq!((created, enrolled), (5, 5));

    // email, nip, category, then position | place | date of birth | NPSN.
    let person = |name: &'static str| {
        let db = server.db.clone();
        async move {
            let row: (Option<String>, Option<String>, Option<String>, String) = sqlx::query_as(
                "select u.email, u.nip, p.category, coalesce(p.position, '') || '|' || \
                 coalesce(p.birth_place, '') || '|' || coalesce(p.birth_date, '') || '|' || \
                 coalesce(p.school_npsn, '') \
                 from app_user u join participant_profile p on p.user_id = u.id \
                 join enrolment e on e.user_id = u.id and e.status = 'approved' where u.name = $1",
            )
            .bind(name)
            .fetch_one(&db)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
            row
        }
    };
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        person("Guru Tanpa Surel").await,
        (
            None,
            s("198609262015051001"),
            s("teacher"),
            "Guru Ahli Muda|Sleman|1986-09-26|20300001".to_string()
        )
    );
    assert_eq!(person("Guru NUPTK").await.0, None);
    assert_eq!(
        person("Pengawas Sekolah").await,
        (
            None,
            s("197001012000011001"),
            s("supervisor"),
            "Pengawas SMP|Bantul|1970-01-01|".to_string()
        )
    );
    assert_eq!(person("Tendik").await.2.as_deref(), Some("education_staff"));
    assert_eq!(person("Guru Kedua Tanpa Surel").await.0, None);

    // The same file again changes nothing: people without e-mail are found by NIP or NUPTK.
    let again = import(&server, cohort, csv).await;
    let (created, unchanged): (i64, i64) =
        sqlx::query_as("select created_accounts, unchanged from import_job where id = $1")
            .bind(again)
            .fetch_one(&server.db)
            .await
            .expect("job");
    assert_eq!((created, unchanged), (0, 5));

    // Pages show an account without e-mail with a dash.
    let (status, page) = server
        .client
        .page(&format!("/admin/angkatan/{cohort}/peserta"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Guru Tanpa Surel"));
    assert!(
        page.contains(r#"<span class="email">—</span>"#),
        "a dash for no e-mail"
    );
    let (status, page) = server.client.page("/admin/pengguna").await;
    assert_eq!(status, 200);
    assert!(page.contains("Pengawas Sekolah"));

    // A file of the older template (no category or birth columns) imports as before.
    let old = "nama;email;nip;nuptk;golongan;npsn;nama_sekolah;jenjang_sekolah;mata_pelajaran;kode_wilayah;no_hp\n\
        Guru Lama;lama@uji.test;;;III/b;20300001;Sekolah A;SMP;IPA;33.01;081234567890\n\
        Guru Lama Tanpa Sekolah;lama2@uji.test;;;;;;;;;\n";
    let job = import(&server, cohort, old).await;
    let errors = row_errors(&server.db, job).await;
    let fields: Vec<_> = errors.iter().map(|(l, f, _)| (*l, f.as_str())).collect();
    assert_eq!(fields, [(3, "jenjang_sekolah"), (3, "npsn")]);
    let (category,): (Option<String>,) = sqlx::query_as(
        "select p.category from participant_profile p join app_user u on u.id = p.user_id \
         where u.email = 'lama@uji.test'",
    )
    .fetch_one(&server.db)
    .await
    .expect("old row");
    assert_eq!(category, None);
    server.stop().await;
}
