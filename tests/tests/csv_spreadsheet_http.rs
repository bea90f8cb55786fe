//! Every CSV export, downloaded over real HTTP, opens in a spreadsheet program set to the
//! Indonesian locale as the table it is meant to be (Pamong's one CSV format, `app::ssr::csv`):
//! a UTF-8 byte-order mark, `;` between cells, CRLF after every record, quotes as in RFC 4180,
//! a rectangle under the expected header, text with `;`, quotes, line breaks and non-ASCII
//! intact, no formula, times as WIB wall-clock time with the zone named, decimal commas.
//!
//! The file is read here by a small reader of its own that does what such a spreadsheet does,
//! and is strict where the spreadsheet would go wrong: a bare LF ending a record, a stray quote,
//! a comma-separated file (one column) or a missing mark all fail.

use app::i18n::text;
use app::model::{Lang, Role};
use app::ssr::quizzes::bank_csv;
use pamong_tests::fixtures;
use pamong_tests::harness::{location, Client, TestServer};
use pamong_tests::import_support::generate_csv;
use pamong_tests::quiz_results_support as qs;
use std::time::Duration;

const PASSWORD: &str = "kata-sandi-uji-1";
/// Text a spreadsheet must show exactly as it is: a delimiter, quotes, a line break, non-ASCII.
const AWKWARD: &str = "Sekolah Dasar; Negeri \"1\"\nbaris dua Ñ";
const GROUP: &str = "Kelompok; \"Ñ\"";
const COHORT: &str = "Angkatan; \"Ñ\" 1";
/// 2025-12-03 20:30 UTC, which is 2025-12-04 03:30 in WIB (UTC+7).
const FINISHED_AT: i64 = 1_764_793_800;
const FINISHED_AT_WIB: &str = "2025-12-04 03:30 WIB";

/// A downloaded file: its body, after the checks every CSV download must pass.
async fn download(client: &Client, path: &str) -> Vec<u8> {
    let response = client.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header("content-type"), "text/csv; charset=utf-8", "{path}");
    assert!(
        header("content-disposition").starts_with("attachment; filename=\""),
        "{path}"
    );
    assert!(header("cache-control").contains("no-cache"), "{path}");
    let body = response.bytes().await.expect("body").to_vec();
    assert!(
        body.starts_with(b"\xEF\xBB\xBF"),
        "{path} starts with the UTF-8 byte-order mark"
    );
    body
}

/// The table a spreadsheet in an Indonesian locale shows for `body`: the byte-order mark
/// stripped, records ended by CRLF, cells split on `;` outside quotes, a quoted cell's `""` read
/// as `"`. Panics where such a spreadsheet would show something else than the cells meant.
fn open_as_spreadsheet(path: &str, body: &[u8]) -> Vec<Vec<String>> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").expect("byte-order mark");
    let text = std::str::from_utf8(body).expect("UTF-8");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    // Inside quotes; just after a closing quote; at the start of a cell.
    let (mut quoted, mut closed, mut fresh) = (false, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c != '"' {
                cell.push(c);
            } else if chars.peek() == Some(&'"') {
                chars.next();
                cell.push('"');
            } else {
                quoted = false;
                closed = true;
            }
            continue;
        }
        match c {
            ';' => {
                row.push(std::mem::take(&mut cell));
                (closed, fresh) = (false, true);
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "{path}: CR without LF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                (closed, fresh) = (false, true);
            }
            '\n' => panic!("{path}: a record ends with a bare LF: {text:?}"),
            _ if closed => panic!("{path}: text after a closing quote: {text:?}"),
            '"' if fresh => {
                quoted = true;
                fresh = false;
            }
            '"' => panic!("{path}: a quote inside an unquoted cell: {text:?}"),
            c => {
                cell.push(c);
                fresh = false;
            }
        }
    }
    assert!(!quoted, "{path}: a quote is never closed");
    assert!(
        row.is_empty() && cell.is_empty(),
        "{path}: the last record ends with CRLF"
    );
    rows
}

/// `rows` form a rectangle under `header`.
fn assert_table(path: &str, rows: &[Vec<String>], header: &[String]) {
    assert!(!rows.is_empty(), "{path}: empty");
    assert_eq!(rows[0], header, "{path}: header");
    for row in rows {
        assert_eq!(row.len(), header.len(), "{path}: not a rectangle: {row:?}");
    }
}

/// Cells a spreadsheet would run as a formula (a negative decimal-comma number is a number).
fn formula_cells(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .flatten()
        .filter(|cell| {
            cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && !is_decimal_comma_number(cell))
        })
        .cloned()
        .collect()
}

/// `-0,5000`, `80,00`, `4,500`: digits, a decimal comma, digits.
fn is_decimal_comma_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    match digits.split_once(',') {
        Some((whole, fraction)) => {
            !whole.is_empty()
                && !fraction.is_empty()
                && whole.chars().all(|c| c.is_ascii_digit())
                && fraction.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// The row whose column `column` is `value`.
fn row_with<'r>(rows: &'r [Vec<String>], column: usize, value: &str) -> &'r [String] {
    rows.iter()
        .find(|r| r.get(column).map(String::as_str) == Some(value))
        .unwrap_or_else(|| panic!("{value} in {rows:?}"))
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[tokio::test]
async fn every_csv_export_opens_as_the_intended_table_in_an_indonesian_spreadsheet() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    let client = server.new_client();
    assert_eq!(
        client.sign_in("admin@bpsdm.test", PASSWORD).await.status(),
        200
    );
    let db = &server.db;
    let t = |key: &str| text(Lang::Id, key);

    // Results: a participant with awkward text and a hostile one, 60 % before and 40 % after.
    let program = fixtures::program(db, inst.agency, admin, "published").await;
    let cohort = fixtures::cohort(db, program, COHORT, 100, admin).await;
    let group = qs::group(db, cohort, GROUP, None).await;
    let question = qs::question(db, program, admin, "Soal", 5).await;
    let pre = qs::quiz(db, cohort, "Pre-test", "pre", 65, admin, &[question]).await;
    let post = qs::quiz(db, cohort, "Post-test", "post", 65, admin, &[question]).await;
    let awkward = qs::participant(db, AWKWARD, "p1@sekolah.sch.id").await;
    let hostile = qs::participant(db, "=1+1", "p2@sekolah.sch.id").await;
    for user in [awkward, hostile] {
        let enrolment = fixtures::approved_enrolment(db, cohort, user).await;
        qs::join_group(db, enrolment, group).await;
        qs::attempt(db, pre, user, 1, 5, 65, &[(question, 3000)], true).await;
        let attempt = qs::attempt(db, post, user, 1, 5, 65, &[(question, 2000)], true).await;
        sqlx::query("update quiz_attempt set finished_at = $1 where id = $2")
            .bind(FINISHED_AT)
            .bind(attempt)
            .execute(db)
            .await
            .expect("finished at");
    }

    let path = format!("/admin/kuis/{post}/hasil.csv");
    let rows = open_as_spreadsheet(&path, &download(&client, &path).await);
    let mut header = strings(&["user_id"]);
    header.extend(
        [
            "results.col_name",
            "results.col_email",
            "results.col_group",
            "results.col_attempts",
            "results.col_attempt",
        ]
        .map(t),
    );
    header.extend(strings(&["score", "max_points"]));
    header.extend(
        [
            "results.col_score",
            "results.col_band",
            "results.col_passed",
            "results.col_finished_by",
        ]
        .map(t),
    );
    header.push("finished_at_wib".into());
    assert_table(&path, &rows, &header);
    assert_eq!(rows.len(), 3, "{rows:?}");
    let row = row_with(&rows, 2, "p1@sekolah.sch.id");
    assert_eq!(row[1], AWKWARD);
    assert_eq!(row[3], GROUP);
    assert_eq!((row[6].as_str(), row[8].as_str()), ("2,000", "40,00"));
    assert_eq!(row[12], FINISHED_AT_WIB);
    assert_eq!(row_with(&rows, 2, "p2@sekolah.sch.id")[1], "'=1+1");
    assert!(formula_cells(&rows).is_empty(), "{rows:?}");

    let path = format!("/admin/angkatan/{cohort}/capaian.csv");
    let rows = open_as_spreadsheet(&path, &download(&client, &path).await);
    let mut header = strings(&["user_id"]);
    header.extend(
        [
            "results.col_name",
            "results.col_email",
            "results.col_group",
            "results.col_pre",
            "results.col_post",
            "results.col_gain",
            "results.col_band",
        ]
        .map(t),
    );
    assert_table(&path, &rows, &header);
    let row = row_with(&rows, 2, "p1@sekolah.sch.id");
    assert_eq!((row[1].as_str(), row[3].as_str()), (AWKWARD, GROUP));
    assert_eq!(
        (row[4].as_str(), row[5].as_str(), row[6].as_str()),
        ("60,00", "40,00", "-0,5000"),
        "decimal commas; a negative gain stays a number"
    );
    assert_eq!(row_with(&rows, 2, "p2@sekolah.sch.id")[1], "'=1+1");
    assert!(formula_cells(&rows).is_empty(), "{rows:?}");

    // The question bank: a prompt with awkward text, an option `Ñ`, a formula as feedback.
    let p = program.to_string();
    let response = client
        .call(
            "bank_create_question",
            &[
                ("program_id", p.as_str()),
                ("kind", "single"),
                ("prompt", AWKWARD),
                ("points", "2"),
                ("option_1", "Ñ"),
                ("option_2", "B; \"b\""),
                ("correct[]", "1"),
                ("feedback", "=1+1"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    let bank_header = strings(&bank_csv::COLUMNS);
    let path = format!("/admin/program/{program}/soal.csv");
    let exported = download(&client, &path).await;
    let rows = open_as_spreadsheet(&path, &exported);
    assert_table(&path, &rows, &bank_header);
    let row = row_with(&rows, 1, AWKWARD);
    assert_eq!(&row[2..4], ["Ñ", "B; \"b\""]);
    assert_eq!(row[11], "'=1+1");
    assert!(formula_cells(&rows).is_empty(), "{rows:?}");
    // And it still imports back as typed.
    let second = fixtures::program(db, inst.agency, admin, "draft").await;
    let page = format!("/admin/program/{second}/soal");
    let response = client
        .upload(
            &format!("{page}/impor"),
            &page,
            "soal.csv",
            "text/csv",
            exported,
        )
        .await;
    assert_eq!(response.status(), 303);
    let imported: Vec<(String, String)> =
        sqlx::query_as("select prompt, feedback from question where program_id = $1 order by id")
            .bind(second)
            .fetch_all(db)
            .await
            .expect("imported questions");
    assert!(
        imported.contains(&(AWKWARD.to_string(), "=1+1".to_string())),
        "{imported:?}"
    );

    let path = format!("/admin/program/{program}/soal/templat.csv");
    let rows = open_as_spreadsheet(&path, &download(&client, &path).await);
    assert_table(&path, &rows, &bank_header);
    assert_eq!(rows.len(), 1 + 4);

    // The participant import: its template, and the report of an upload with a bad row.
    let path = format!("/admin/angkatan/{cohort}/impor/templat.csv");
    let rows = open_as_spreadsheet(&path, &download(&client, &path).await);
    assert_table(&path, &rows, &strings(&app::ssr::imports::parse::COLUMNS));
    assert_eq!(rows.len(), 2);

    let mut upload = generate_csv(2, 9, "tabel.test");
    upload.push_str("Tanpa Sekolah;tanpa@tabel.test;;;;;;SD;;;\n");
    let page = format!("/admin/angkatan/{cohort}/impor");
    let response = client
        .upload(
            &page,
            &page,
            "=peserta.csv",
            "text/csv",
            upload.into_bytes(),
        )
        .await;
    assert_eq!(response.status(), 303);
    let job: i64 = location(&response)
        .and_then(|to| to.strip_prefix("/admin/impor/")?.parse().ok())
        .expect("job page");
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let (status,): (String,) = sqlx::query_as("select status from import_job where id = $1")
            .bind(job)
            .fetch_one(db)
            .await
            .expect("job");
        if status == "done" || status == "failed" {
            assert_eq!(status, "done");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "import never ended");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let path = format!("/admin/impor/{job}/laporan.csv");
    let rows = open_as_spreadsheet(&path, &download(&client, &path).await);
    assert_table(
        &path,
        &rows,
        &[
            t("import.report_file"),
            "'=peserta.csv".into(),
            String::new(),
        ],
    );
    assert_eq!(
        rows[1],
        [t("import.report_cohort"), COHORT.into(), String::new()]
    );
    let errors = rows
        .iter()
        .position(|r| r[0] == t("import.col_line"))
        .expect("the errors' header");
    assert!(
        rows[errors + 1..]
            .iter()
            .any(|r| r[0] == "4" && r[1] == "npsn"),
        "line 4's missing NPSN is reported: {rows:?}"
    );
    assert!(formula_cells(&rows).is_empty(), "{rows:?}");
    server.stop().await;
}
