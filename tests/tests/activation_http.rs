//! Account activation over real HTTP (issue #18): codes refused when wrong, expired, used or
//! another person's (one message for wrong and another's); activation then sign-in by NIP and by
//! NUPTK; the e-mailed link of an import read from a loopback SMTP server; an admin's new code
//! makes the old one fail; letters (CSV and PDF) issue fresh codes; simultaneous wrong codes are
//! answered 429; an activation ends the account's other sessions; admins of another institution
//! can neither reissue nor print.

use app::model::{ErrorKind, InstitutionId, Role, UserId};
use app::ssr::db::{now_unix, Db};
use pamong_tests::fixtures;
use pamong_tests::harness::{all_at_once, error_of, location, Client, Options, TestServer};
use pamong_tests::import_support::{self, finished, generate_csv, HEADER};
use pamong_tests::smtp_sink::SmtpSink;
use std::time::Duration;

const PASSWORD: &str = "kata-sandi-uji-1";
const NEW_PASSWORD: &str = "sandi-guru-baru-1";
const NIP_A: &str = "198609262015051001";
const NUPTK_A: &str = "3000000000000001";
const NIP_B: &str = "199001012015052002";
const WRONG: &str =
    "Kode aktivasi tidak cocok dengan akun ini. Periksa lagi e-mail, NIP atau NUPTK dan kodenya.";

/// A server, institutions, an admin of the agency signed in on `server.client`, a cohort of a
/// program organized by district A, and two imported teachers without password or e-mail.
struct Setup {
    server: TestServer,
    cohort: i64,
    district_b: InstitutionId,
    school_a: InstitutionId,
    teacher_a: UserId,
    teacher_b: UserId,
}

async fn setup(options: Options) -> Setup {
    let server = TestServer::start_with(options).await;
    let inst = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    let program = fixtures::program(&server.db, inst.district_a, admin, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Aktivasi", 50, admin).await;
    let teacher_a = teacher(
        &server.db,
        "Sri Wahyuni",
        NIP_A,
        Some(NUPTK_A),
        inst.school_a,
    )
    .await;
    let teacher_b = teacher(&server.db, "Budi Santoso", NIP_B, None, inst.school_a).await;
    for user in [teacher_a, teacher_b] {
        fixtures::approved_enrolment(&server.db, cohort, user).await;
    }
    assert_eq!(
        server
            .client
            .sign_in("admin@bpsdm.test", PASSWORD)
            .await
            .status(),
        200
    );
    Setup {
        server,
        cohort,
        district_b: inst.district_b,
        school_a: inst.school_a,
        teacher_a,
        teacher_b,
    }
}

/// A participant as an import leaves them: no password, no e-mail, a NIP (and a NUPTK).
async fn teacher(
    db: &Db,
    name: &str,
    nip: &str,
    nuptk: Option<&str>,
    school: InstitutionId,
) -> UserId {
    let now = now_unix();
    let (id,): (i64,) = sqlx::query_as(
        "insert into app_user (name, email, password_hash, role, nip, institution_id, \
         session_epoch, created_at, updated_at) \
         values ($1, null, '', 'participant', $2, $3, 0, $4, $4) returning id",
    )
    .bind(name)
    .bind(nip)
    .bind(school.0)
    .bind(now)
    .fetch_one(db)
    .await
    .expect("teacher");
    sqlx::query("insert into participant_profile (user_id, nuptk, updated_at) values ($1, $2, $3)")
        .bind(id)
        .bind(nuptk)
        .bind(now)
        .execute(db)
        .await
        .expect("profile");
    UserId(id)
}

/// The admin on `client` issues a new code for `user` of `cohort`: the code as printed.
async fn reissue(client: &Client, cohort: i64, user: UserId) -> String {
    let response = client
        .call(
            "reissue_activation",
            &[
                ("cohort_id", &cohort.to_string()),
                ("user_id", &user.0.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("body");
    let code: String = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(code.len(), 12, "{code}");
    code
}

/// Posts the activation form on a fresh browser (or `client`).
async fn activate(client: &Client, account: &str, code: &str) -> reqwest::Response {
    client
        .call(
            "activate",
            &[
                ("akun", account),
                ("kode", code),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await
}

/// The message next to the code field of a refused activation.
async fn code_message(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 400);
    let error = error_of(response).await;
    assert_eq!(error.kind, ErrorKind::Invalid);
    error
        .field_message("kode")
        .unwrap_or_else(|| panic!("no message for the code: {error:?}"))
        .to_string()
}

/// A code in the right form that nobody was given.
fn made_up_code(real: &str) -> String {
    let swapped = if real.starts_with('A') { "B" } else { "A" };
    format!("{swapped}{}", &real[1..])
}

#[tokio::test]
async fn codes_are_refused_when_wrong_expired_used_or_anothers_and_sign_in_takes_nip_and_nuptk() {
    let s = setup(Options::default()).await;
    let code_a = reissue(&s.server.client, s.cohort, s.teacher_a).await;
    let code_b = reissue(&s.server.client, s.cohort, s.teacher_b).await;
    let browser = s.server.new_client();

    // Not yet activated: no sign-in, by any key.
    assert_eq!(browser.sign_in(NIP_A, NEW_PASSWORD).await.status(), 401);

    // A wrong code, another person's code, and an account that does not exist: one message.
    let wrong = code_message(activate(&browser, NIP_A, &made_up_code(&code_a)).await).await;
    assert_eq!(wrong, WRONG);
    let anothers = code_message(activate(&browser, NIP_A, &code_b).await).await;
    assert_eq!(anothers, WRONG);
    let nobody = code_message(activate(&browser, "197001011995031001", &code_b).await).await;
    assert_eq!(nobody, WRONG);
    let malformed = code_message(activate(&browser, NIP_A, "123").await).await;
    assert_eq!(malformed, WRONG);

    // The page shows the refusal next to the field with JavaScript off, and keeps the account.
    let response = browser
        .submit(
            "/aktivasi",
            "activate",
            &[
                ("akun", NIP_A),
                ("kode", &code_b),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (status, body) = browser.page("/aktivasi").await;
    assert_eq!(status, 400);
    assert!(body.contains("Kode aktivasi tidak cocok"), "{body}");
    assert!(body.contains(NIP_A), "the typed account is kept");

    // The right code, typed loosely (lower case, spaces), with the NIP written as on paper.
    let loose = code_a.replace('-', " ").to_lowercase();
    let response = activate(&browser, "19860926 201505 1 001", &loose).await;
    assert_eq!(response.status(), 200);
    assert_eq!(location(&response).as_deref(), Some("/peserta"));
    assert_eq!(browser.page("/peserta").await.0, 200, "signed in at once");

    // Used once: the same code again is refused as used.
    let used = code_message(activate(&s.server.new_client(), NIP_A, &code_a).await).await;
    assert!(used.contains("sudah dipakai"), "{used}");

    // Sign-in by NIP and by NUPTK, written with separators; a wrong password reads as usual.
    for key in [
        NIP_A,
        "19860926.201505.1.001",
        NUPTK_A,
        "3000 0000 0000 0001",
    ] {
        let response = s.server.new_client().sign_in(key, NEW_PASSWORD).await;
        assert_eq!(response.status(), 200, "{key}");
        assert_eq!(location(&response).as_deref(), Some("/peserta"));
    }
    let response = s.server.new_client().sign_in(NUPTK_A, "salah-salah").await;
    assert_eq!(response.status(), 401);
    let message = error_of(response).await.message;
    let response = s
        .server
        .new_client()
        .sign_in("3999999999999999", "salah-salah")
        .await;
    assert_eq!(response.status(), 401);
    assert_eq!(error_of(response).await.message, message, "unknown NUPTK");
    let response = s
        .server
        .new_client()
        .sign_in("bukan-apa-apa", "salah")
        .await;
    assert_eq!(response.status(), 401);
    assert_eq!(error_of(response).await.message, message, "neither");

    // Expired: a month and a day later, B's code is refused as expired.
    s.server.clock.advance(31 * 86_400);
    let expired = code_message(activate(&s.server.new_client(), NIP_B, &code_b).await).await;
    assert!(expired.contains("kedaluwarsa"), "{expired}");
    // A new code works again.
    let fresh = reissue(&s.server.client, s.cohort, s.teacher_b).await;
    let response = activate(&s.server.new_client(), NIP_B, &fresh).await;
    assert_eq!(response.status(), 200);
    s.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_teacher_activates_with_the_emailed_link() {
    let sink = SmtpSink::start();
    let s = setup(Options {
        smtp_port: Some(sink.port()),
        ..Options::default()
    })
    .await;
    // Two generated rows: the first keeps its e-mail, the second has none.
    let generated = generate_csv(2, 11, "guru.test");
    let mut rows: Vec<String> = generated.lines().skip(1).map(str::to_string).collect();
    let email = rows[0].split(';').nth(1).expect("email").to_string();
    let mut cells: Vec<&str> = rows[1].split(';').collect();
    let nuptk_second = cells[3].to_string();
    cells[1] = "";
    rows[1] = cells.join(";");
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    let job = import_support::upload_job(&s.server.client, s.cohort, "peserta.csv", &csv).await;
    let counts = finished(&s.server.db, job).await;
    assert_eq!(
        (counts.status.as_str(), counts.created),
        ("done", 2),
        "{counts:?}"
    );
    let (codes,): (i64,) = sqlx::query_as("select count(*) from activation_code")
        .fetch_one(&s.server.db)
        .await
        .expect("codes");
    assert_eq!(codes, 2, "both imported accounts have a code");

    // One e-mail, to the row with an address.
    let received = sink.wait_for(1, Duration::from_secs(60)).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, vec![email.clone()]);
    let parsed = received[0].parsed();
    assert_eq!(parsed.subject, "Aktivasi akun Pamong Anda");
    let start = parsed.text.find("/aktivasi?").expect("a link");
    let path: String = parsed.text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let query: Vec<(String, String)> =
        form_urlencoded::parse(path.trim_start_matches("/aktivasi?").as_bytes())
            .into_owned()
            .collect();
    let value = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{name} in {path}"))
    };
    let (code, account) = (value("kode"), value("akun"));
    assert_eq!(account, email);
    assert!(parsed.text.contains(&code), "the code is in the text too");

    // The link opens the form filled in; posting it activates and signs in.
    let browser = s.server.new_client();
    let (status, page) = browser.page(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("value=\"{code}\"")), "{page}");
    let response = activate(&browser, &account, &code).await;
    assert_eq!(response.status(), 200);
    assert_eq!(location(&response).as_deref(), Some("/peserta"));
    let response = s.server.new_client().sign_in(&email, NEW_PASSWORD).await;
    assert_eq!(response.status(), 200);

    // The row without e-mail still cannot sign in until it activates with a letter's code.
    assert_eq!(
        s.server
            .new_client()
            .sign_in(&nuptk_second, NEW_PASSWORD)
            .await
            .status(),
        401
    );
    sink.stop();
    s.server.stop().await;
}

#[tokio::test]
async fn a_new_code_or_a_letter_makes_the_old_code_fail() {
    let s = setup(Options::default()).await;
    let first = reissue(&s.server.client, s.cohort, s.teacher_a).await;
    let second = reissue(&s.server.client, s.cohort, s.teacher_a).await;
    assert_ne!(first, second);

    // The roster shows the new code to the admin after a JavaScript-off post.
    let roster = format!("/admin/angkatan/{}/peserta", s.cohort);
    let response = s
        .server
        .client
        .submit(
            &roster,
            "reissue_activation",
            &[
                ("cohort_id", &s.cohort.to_string()),
                ("user_id", &s.teacher_b.0.to_string()),
            ],
        )
        .await;
    assert_eq!(location(&response).as_deref(), Some(roster.as_str()));
    let (status, body) = s.server.client.page(&roster).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Kode aktivasi baru untuk Budi Santoso"),
        "{body}"
    );
    assert!(
        body.contains("/api/reissue_activation"),
        "the button per person"
    );

    // Letters (CSV): fresh codes for both teachers; the admin's last codes stop working.
    let response = s
        .server
        .client
        .post_to(
            &format!("/admin/angkatan/{}/surat-aktivasi.csv", s.cohort),
            &roster,
            "text/html",
            &[],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv")));
    let bytes = response.bytes().await.expect("csv");
    let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
    let text = text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "nama;nip;nuptk;email;kode_aktivasi;alamat;berlaku_sampai"
    );
    assert_eq!(lines.len(), 3, "{text}");
    let sri: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("Sri Wahyuni"))
        .expect("Sri's letter")
        .split(';')
        .collect();
    assert_eq!(sri[1], NIP_A);
    assert_eq!(sri[2], NUPTK_A);
    assert!(sri[5].ends_with("/aktivasi"), "{}", sri[5]);
    let letter_code = sri[4].to_string();

    let old = code_message(activate(&s.server.new_client(), NIP_A, &second).await).await;
    assert_eq!(old, WRONG, "the admin's code stopped working");
    let response = activate(&s.server.new_client(), NUPTK_A, &letter_code).await;
    assert_eq!(response.status(), 200, "the letter's code works, by NUPTK");

    // The PDF: one A4 page for the one teacher left (Sri has activated).
    let response = s
        .server
        .client
        .post_to(
            &format!("/admin/lembaga/{}/surat-aktivasi.pdf", s.school_a.0),
            "/admin/lembaga",
            "text/html",
            &[],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    let pdf = response.bytes().await.expect("pdf");
    assert!(pdf.starts_with(b"%PDF-1.4"));
    let body = String::from_utf8_lossy(&pdf);
    let pages = body.matches("/Type /Page").count() - body.matches("/Type /Pages").count();
    assert_eq!(pages, 1);
    assert!(body.contains("(Budi Santoso) Tj"), "{body}");
    assert!(body.contains(NIP_B));
    s.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_wrong_codes_are_limited_and_answered_429() {
    let s = setup(Options::default()).await;
    let code = reissue(&s.server.client, s.cohort, s.teacher_a).await;
    let wrong = made_up_code(&code);
    let answers = all_at_once(40, |_| {
        let client = s.server.new_client();
        let wrong = wrong.clone();
        async move { activate(&client, NIP_A, &wrong).await }
    })
    .await;
    let checked = answers.iter().filter(|(s, _)| *s == 400).count();
    let refused: Vec<_> = answers.iter().filter(|(s, _)| *s == 429).collect();
    assert_eq!(checked + refused.len(), 40, "{answers:?}");
    assert!(
        (1..=5).contains(&checked),
        "{checked} codes were checked, the limit is 5: {answers:?}"
    );
    assert!(refused
        .iter()
        .all(|(_, retry)| retry.is_some_and(|r| r > 0)));

    // The account waits, right code or not, and the wait is said.
    let response = activate(&s.server.new_client(), NIP_A, &code).await;
    assert_eq!(response.status(), 429);
    let error = error_of(response).await;
    assert_eq!(error.kind, ErrorKind::TooManyAttempts);
    assert!(
        error.message.contains("percobaan aktivasi"),
        "{}",
        error.message
    );
    // After the delay, the right code works.
    s.server.clock.advance(31);
    assert_eq!(
        activate(&s.server.new_client(), NIP_A, &code)
            .await
            .status(),
        200
    );
    s.server.stop().await;
}

#[tokio::test]
async fn an_activation_ends_the_accounts_other_sessions() {
    let s = setup(Options::default()).await;
    // A participant who already has a password and is signed in on a laptop.
    let teacher = s
        .server
        .user(Role::Participant, "guru@sekolah.test", PASSWORD, None)
        .await;
    fixtures::approved_enrolment(&s.server.db, s.cohort, teacher).await;
    let laptop = s.server.new_client();
    assert_eq!(
        laptop.sign_in("guru@sekolah.test", PASSWORD).await.status(),
        200
    );
    assert_eq!(laptop.page("/peserta").await.0, 200);

    let code = reissue(&s.server.client, s.cohort, teacher).await;
    let phone = s.server.new_client();
    assert_eq!(
        activate(&phone, "guru@sekolah.test", &code).await.status(),
        200
    );
    assert_eq!(phone.page("/peserta").await.0, 200, "the activating device");
    assert_eq!(
        laptop.get("/peserta").await.status(),
        302,
        "the other device is signed out"
    );
    assert_eq!(
        s.server
            .new_client()
            .sign_in("guru@sekolah.test", PASSWORD)
            .await
            .status(),
        401,
        "the old password is gone"
    );

    // An admin-created account gets an activation e-mail with its code in the outbox.
    let response = s
        .server
        .client
        .call(
            "create_account",
            &[
                ("name", "Mentor Baru"),
                ("email", "mentor.baru@bpsdm.test"),
                ("role", "mentor"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let (kind, body): (String, String) = sqlx::query_as(
        "select kind, body_text from outbox_message where to_email = 'mentor.baru@bpsdm.test'",
    )
    .fetch_one(&s.server.db)
    .await
    .expect("activation e-mail");
    assert_eq!(kind, "activation");
    let start = body.find("kode=").expect("code in the link") + 5;
    let code = &body[start..start + 12];
    let response = activate(&s.server.new_client(), "mentor.baru@bpsdm.test", code).await;
    assert_eq!(response.status(), 200, "{code}");
    assert_eq!(location(&response).as_deref(), Some("/mentor"));
    s.server.stop().await;
}

#[tokio::test]
async fn an_admin_of_another_institution_can_neither_reissue_nor_print() {
    let s = setup(Options::default()).await;
    s.server
        .user(
            Role::Admin,
            "admin.b@dinas.test",
            PASSWORD,
            Some(s.district_b),
        )
        .await;
    let other = s.server.new_client();
    assert_eq!(
        other.sign_in("admin.b@dinas.test", PASSWORD).await.status(),
        200
    );
    let response = other
        .call(
            "reissue_activation",
            &[
                ("cohort_id", &s.cohort.to_string()),
                ("user_id", &s.teacher_a.0.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 404);
    for path in [
        format!("/admin/angkatan/{}/surat-aktivasi.csv", s.cohort),
        format!("/admin/angkatan/{}/surat-aktivasi.pdf", s.cohort),
        format!("/admin/lembaga/{}/surat-aktivasi.csv", s.school_a.0),
        format!("/admin/lembaga/{}/surat-aktivasi.pdf", s.school_a.0),
    ] {
        let response = other
            .post_to(&path, "/admin", "application/json", &[])
            .await;
        assert_eq!(response.status(), 404, "{path}");
    }
    // A participant of the cohort, and a visitor, are refused too.
    let response = s
        .server
        .new_client()
        .post_to(
            &format!("/admin/angkatan/{}/surat-aktivasi.csv", s.cohort),
            "/admin",
            "application/json",
            &[],
        )
        .await;
    assert_eq!(response.status(), 401);
    // The right admin, but a person who is not in the cohort: 404.
    let outsider = s
        .server
        .user(Role::Participant, "luar@sekolah.test", PASSWORD, None)
        .await;
    let response = s
        .server
        .client
        .call(
            "reissue_activation",
            &[
                ("cohort_id", &s.cohort.to_string()),
                ("user_id", &outsider.0.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 404);
    // No code was issued by any of this.
    let (codes,): (i64,) = sqlx::query_as("select count(*) from activation_code")
        .fetch_one(&s.server.db)
        .await
        .expect("codes");
    assert_eq!(codes, 0);
    s.server.stop().await;
}

#[tokio::test]
async fn a_pdf_of_more_letters_than_one_file_holds_is_refused_before_any_code_changes() {
    let s = setup(Options::default()).await;
    let code = reissue(&s.server.client, s.cohort, s.teacher_a).await;
    // 2,000 more imported teachers in the cohort: 2,002 letters, over the PDF's 2,000.
    let now = now_unix();
    for start in (0..2_000).step_by(500) {
        let values: Vec<String> = (start..start + 500)
            .map(|n| {
                format!(
                    "('Guru Massal {n:04}', null, '', 'participant', '19860926201505{:04}', {}, 0, {now}, {now})",
                    2_000 + n,
                    s.school_a.0
                )
            })
            .collect();
        let ids: Vec<(i64,)> = sqlx::query_as(&format!(
            "insert into app_user (name, email, password_hash, role, nip, institution_id, \
             session_epoch, created_at, updated_at) values {} returning id",
            values.join(",")
        ))
        .fetch_all(&s.server.db)
        .await
        .expect("teachers");
        let enrolments: Vec<String> = ids
            .iter()
            .map(|(id,)| format!("({}, {id}, 'approved', 'import', {now})", s.cohort))
            .collect();
        sqlx::query(&format!(
            "insert into enrolment (cohort_id, user_id, status, source, created_at) values {}",
            enrolments.join(",")
        ))
        .execute(&s.server.db)
        .await
        .expect("enrolments");
    }
    let roster = format!("/admin/angkatan/{}/peserta", s.cohort);
    let response = s
        .server
        .client
        .post_to(
            &format!("/admin/angkatan/{}/surat-aktivasi.pdf", s.cohort),
            &roster,
            "application/json",
            &[],
        )
        .await;
    assert_eq!(response.status(), 400);
    let message = error_of(response).await.message;
    assert!(message.contains("2002 peserta"), "{message}");
    assert!(message.contains("Tidak ada kode yang diganti"), "{message}");
    // The admin's last code still works: nothing was issued.
    let response = activate(&s.server.new_client(), NIP_A, &code).await;
    assert_eq!(response.status(), 200);
    s.server.stop().await;
}
