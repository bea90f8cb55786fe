//! Live sessions and attendance over real HTTP: checking in with the rotating code (and every
//! way it is refused), roster marking with its history, meeting reports (rejoins summed, the
//! threshold's edge, matching by hand), the JP credited once per session, the cohort's table and
//! CSV, the join link and the calendar feeds. Runs on SQLite, and on PostgreSQL with
//! `PAMONG_TEST_DATABASE_URL`.

use app::ssr::sessions::codes::STEP_SECS;
use pamong_tests::harness::{all_at_once, error_of, location};
use pamong_tests::sessions_support::{another_code, SessionsWorld};

#[tokio::test]
async fn a_participant_checks_in_with_the_code_and_every_wrong_try_says_why() {
    let w = SessionsWorld::start().await;
    let session = w.session(w.cohort_a, "Sesi Pembuka", -60, 90).await;
    let other = w.session(w.cohort_a, "Sesi Paralel", -60, 90).await;
    let id = session.to_string();

    // The host's screen shows the code and its QR code; the participant's page the form.
    let code = w.code_on_screen(session).await;
    assert_eq!(code.len(), 6, "{code}");
    let (_, host) = w.admin.page(&format!("/sesi/{session}")).await;
    assert!(host.contains("<svg"), "a QR code on the host's screen");
    // The host's page never reloads itself (a screen reader, a half-marked roster); its screen
    // view for a projector does when the code changes, and shows the same code.
    assert!(
        !host.contains("http-equiv=\"refresh\""),
        "the host's page does not reload itself"
    );
    assert!(
        host.contains(&format!("/sesi/{session}?layar=1")),
        "a link to the screen view"
    );
    let (_, screen) = w.admin.page(&format!("/sesi/{session}?layar=1")).await;
    assert!(
        screen.contains("http-equiv=\"refresh\""),
        "the screen view reloads when the code changes"
    );
    assert!(
        screen.contains(&code[..3]) && screen.contains("<svg"),
        "the code on the screen view"
    );
    assert!(
        !screen.contains("table class=\"table roster\""),
        "nothing to operate on the screen view"
    );
    let (status, page) = w
        .teacher_a
        .page(&format!("/peserta/sesi/{session}?kode={code}"))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("value=\"{code}\"")),
        "the scanned code is filled in"
    );

    // A participant of another cohort, and a participant on a session of another cohort: 404.
    let refused = w
        .outsider
        .call("check_in", &[("session_id", &id), ("code", &code)])
        .await;
    assert_eq!(refused.status(), 404);
    let (status, _) = w.outsider.page(&format!("/peserta/sesi/{session}")).await;
    assert_eq!(status, 404);

    // Not six digits, a wrong code, the code of another open session.
    let refused = w
        .teacher_a
        .call("check_in", &[("session_id", &id), ("code", "12ab")])
        .await;
    assert_eq!(refused.status(), 400);
    assert!(error_of(refused).await.fields[0]
        .message
        .contains("enam angka"));
    let wrong = another_code(&code);
    let other_code = w.code_on_screen(other).await;
    if wrong != other_code {
        let refused = w
            .teacher_a
            .call("check_in", &[("session_id", &id), ("code", &wrong)])
            .await;
        assert_eq!(refused.status(), 400);
        assert!(error_of(refused).await.message.contains("Kode salah"));
    }
    if other_code != code {
        let refused = w
            .teacher_a
            .call("check_in", &[("session_id", &id), ("code", &other_code)])
            .await;
        assert_eq!(refused.status(), 400);
        let message = error_of(refused).await.message;
        assert!(
            message.contains("sesi lain") && message.contains("Sesi Paralel"),
            "{message}"
        );
    }
    assert_eq!(
        w.attendance(session, w.teacher_a_id).await,
        None,
        "nothing recorded yet"
    );

    // The right code, with JavaScript off: back to the page, recorded as present.
    let done = w
        .teacher_a
        .submit(
            &format!("/peserta/sesi/{session}"),
            "check_in",
            &[("session_id", &id), ("code", &code)],
        )
        .await;
    assert!(done.status().is_redirection());
    assert_eq!(
        location(&done).as_deref(),
        Some(format!("/peserta/sesi/{session}").as_str())
    );
    let (_, page) = w.teacher_a.page(&format!("/peserta/sesi/{session}")).await;
    assert!(page.contains("Kehadiran Anda sudah tercatat."), "{page}");
    assert_eq!(
        w.attendance(session, w.teacher_a_id).await,
        Some(("present".to_string(), None))
    );

    // A second check-in is refused, and leaves one change in the history.
    let again = w
        .teacher_a
        .call("check_in", &[("session_id", &id), ("code", &code)])
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(w.changes(session, w.teacher_a_id).await, 1);

    // Two steps later the code is expired (and the page says so next to the field, JS off).
    w.server.clock.advance(2 * STEP_SECS);
    let from = format!("/peserta/sesi/{session}");
    let late = w
        .teacher_b
        .submit(&from, "check_in", &[("session_id", &id), ("code", &code)])
        .await;
    assert_eq!(late.status(), 303);
    let (status, page) = w.teacher_b.page(&from).await;
    assert_eq!(status, 400);
    assert!(page.contains("sudah kedaluwarsa"), "{page}");
    // The code now on the screen works; after 15 minutes past the start it is "late".
    w.server.clock.advance(15 * 60);
    let fresh = w.code_on_screen(session).await;
    let done = w
        .teacher_b
        .call("check_in", &[("session_id", &id), ("code", &fresh)])
        .await;
    assert_eq!(
        done.status(),
        200,
        "{}",
        done.text().await.unwrap_or_default()
    );
    assert_eq!(
        w.attendance(session, w.teacher_b_id)
            .await
            .map(|a| a.0)
            .as_deref(),
        Some("late")
    );

    // After the session: closed. Before a later one opens: not open yet.
    w.server.clock.advance(90 * 60);
    let closed = w
        .teacher_a
        .call("check_in", &[("session_id", &id), ("code", &fresh)])
        .await;
    assert_eq!(closed.status(), 400);
    assert!(error_of(closed).await.message.contains("sudah ditutup"));
    let later = w
        .session(w.cohort_a, "Sesi Minggu Depan", 7 * 86_400, 90)
        .await;
    let early = w
        .teacher_a
        .call(
            "check_in",
            &[("session_id", &later.to_string()), ("code", "123456")],
        )
        .await;
    assert_eq!(early.status(), 400);
    assert!(error_of(early).await.message.contains("belum dibuka"));
}

#[tokio::test]
async fn simultaneous_guesses_look_at_ten_codes_at_most() {
    let w = SessionsWorld::start().await;
    let session = w.session(w.cohort_a, "Sesi Tebakan", -60, 90).await;
    let code = w.code_on_screen(session).await;
    let wrong = another_code(&code);
    let id = session.to_string();
    let client = w.teacher_a.clone();
    let answers = all_at_once(30, |_| {
        let client = client.clone();
        let id = id.clone();
        let wrong = wrong.clone();
        async move {
            client
                .call(
                    "check_in",
                    &[("session_id", id.as_str()), ("code", wrong.as_str())],
                )
                .await
        }
    })
    .await;
    let looked_at = answers.iter().filter(|(s, _)| *s == 400).count();
    let limited = answers.iter().filter(|(s, _)| *s == 429).count();
    assert_eq!((looked_at, limited), (10, 20), "{answers:?}");
    // The right code is refused too once the tries are used up: the host marks them instead.
    let refused = w
        .teacher_a
        .call("check_in", &[("session_id", &id), ("code", &code)])
        .await;
    assert_eq!(refused.status(), 429);
    assert_eq!(w.attendance(session, w.teacher_a_id).await, None);
}

#[tokio::test]
async fn the_roster_is_marked_in_bulk_and_jp_are_credited_once_per_session() {
    let w = SessionsWorld::start().await;
    let session = w.session(w.cohort_a, "Sesi Roster", -3_600, 90).await;
    let path = format!("/sesi/{session}/hadir");
    let from = format!("/sesi/{session}");
    let (a, b, c) = (
        format!("s{}", w.teacher_a_id),
        format!("s{}", w.teacher_b_id),
        format!("s{}", w.teacher_c_id),
    );
    let html = "text/html";
    // Edit teacher A five times; B once; C left as they are.
    for status in ["present", "late", "present", "absent", "present"] {
        let done = w
            .mentor
            .post_to(
                &path,
                &from,
                html,
                &[("hal", "1"), (&a, status), (&b, "excused"), (&c, "")],
            )
            .await;
        assert_eq!(done.status(), 303);
    }
    assert_eq!(w.changes(session, w.teacher_a_id).await, 5);
    assert_eq!(
        w.changes(session, w.teacher_b_id).await,
        1,
        "unchanged marks are not rewritten"
    );
    assert_eq!(w.attendance(session, w.teacher_c_id).await, None);
    let (_, page) = w.mentor.page(&from).await;
    assert!(page.contains("Hadir 1"), "{page}");
    assert!(page.contains("Riwayat perubahan"));
    assert!(page.contains("mentor"), "who changed it is shown: {page}");

    // JP: the session's 2 JP once, however often it was edited.
    let (_, record) = w.teacher_a.page("/peserta/jp").await;
    assert!(record.contains("2 dari 20 JP"), "{record}");
    let (_, record) = w.teacher_b.page("/peserta/jp").await;
    assert!(
        record.contains("0 dari 20 JP"),
        "excused earns none: {record}"
    );
    let second = w.session(w.cohort_a, "Sesi Kedua", -1_800, 135).await;
    sqlx::query("update live_session set jp = 3 where id = $1")
        .bind(second)
        .execute(&w.server.db)
        .await
        .expect("jp");
    let done = w
        .admin
        .post_to(&format!("/sesi/{second}/hadir"), "/", html, &[(&a, "late")])
        .await;
    assert_eq!(done.status(), 303);
    let (_, record) = w.teacher_a.page("/peserta/jp").await;
    assert!(record.contains("5 dari 20 JP"), "{record}");

    // A mentor of one group marks only their group: another participant is a 404, nothing saved.
    let refused = w
        .group_mentor
        .post_to(&path, &from, "application/json", &[(&a, "absent")])
        .await;
    assert_eq!(refused.status(), 404);
    assert_eq!(w.changes(session, w.teacher_a_id).await, 5);
    let done = w
        .group_mentor
        .post_to(&path, &from, html, &[(&b, "present")])
        .await;
    assert_eq!(done.status(), 303);
    // A participant cannot mark, nor open the host's page (a staff page: 403 to participants).
    let refused = w
        .teacher_a
        .post_to(&path, &from, "application/json", &[(&a, "present")])
        .await;
    assert_eq!(refused.status(), 404);
    let (status, _) = w.teacher_a.page(&from).await;
    assert_eq!(status, 403);
    // A junk status is refused whole.
    let refused = w
        .mentor
        .post_to(&path, &from, "application/json", &[(&a, "hadir!")])
        .await;
    assert_eq!(refused.status(), 400);

    // The cohort's table and its CSV: every participant, every session, the JP.
    let (status, table) = w
        .admin
        .page(&format!("/admin/angkatan/{}/kehadiran", w.cohort_a))
        .await;
    assert_eq!(status, 200);
    assert!(table.contains("Sesi Roster") && table.contains("Sesi Kedua"));
    let csv = w
        .admin
        .get(&format!("/admin/angkatan/{}/kehadiran.csv", w.cohort_a))
        .await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.expect("csv");
    let line = csv
        .lines()
        .find(|l| l.contains("Guru guru 0"))
        .expect("teacher A's line");
    assert!(
        line.contains("Hadir") && line.contains("Terlambat") && line.ends_with(";5"),
        "{line}"
    );
    // The group mentor's CSV holds their group only; a stranger's is a 404.
    let csv = w
        .group_mentor
        .get(&format!("/mentor/angkatan/{}/kehadiran.csv", w.cohort_a))
        .await;
    let csv = csv.text().await.expect("csv");
    assert!(
        csv.contains("Guru guru 1") && !csv.contains("Guru guru 0"),
        "{csv}"
    );
    let csv = w
        .outsider
        .get(&format!("/admin/angkatan/{}/kehadiran.csv", w.cohort_a))
        .await;
    assert_eq!(csv.status(), 404);
    let csv = w
        .mentor
        .get(&format!("/mentor/angkatan/{}/kehadiran.csv", w.cohort_b))
        .await;
    assert_eq!(csv.status(), 404);
}

#[tokio::test]
async fn a_meeting_report_sums_rejoins_meets_the_threshold_exactly_and_is_matched_by_hand() {
    let w = SessionsWorld::start().await;
    let session = w.session(w.cohort_a, "Sesi Zoom", -7_200, 90).await;
    // Teacher C checked in by code before the report: a report never lowers that.
    sqlx::query(
        "insert into attendance (session_id, user_id, status, source, updated_at) \
         values ($1, $2, 'present', 'code', 0)",
    )
    .bind(session)
    .bind(w.teacher_c_id.0)
    .execute(&w.server.db)
    .await
    .expect("code check-in");
    // 80 % of 90 minutes is 72. A: 40 + 32 = 72 by e-mail (present, exactly at the threshold).
    // B: 71 by name (absent). "HP Guru" is C's second device, matched by hand, 30 minutes.
    // A guest no one knows stays unmatched.
    let report =
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n\
        812 3456 7890,Sesi Zoom,12/05/2026 09:00:00 AM,12/05/2026 10:30:00 AM,host@uji.test,90,5\n\
        \n\
        Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
        Bu Guru A,guru-0@uji.test,12/05/2026 09:00:00 AM,12/05/2026 09:40:00 AM,40,No\n\
        Bu Guru A,GURU-0@uji.test,12/05/2026 09:45:00 AM,12/05/2026 10:17:00 AM,32,No\n\
        Guru guru 1,,12/05/2026 09:10:00 AM,12/05/2026 10:21:00 AM,71,Yes\n\
        HP Guru,,12/05/2026 09:00:00 AM,12/05/2026 09:30:00 AM,30,Yes\n\
        Tamu Tak Dikenal,,12/05/2026 09:00:00 AM,12/05/2026 10:30:00 AM,90,Yes\n";
    let from = format!("/sesi/{session}");
    let uploaded = w
        .mentor
        .upload(
            &format!("/sesi/{session}/laporan"),
            &from,
            "peserta.csv",
            "text/csv",
            report.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(uploaded.status(), 303);
    let preview = location(&uploaded).expect("to the report");
    let report_id: i64 = preview
        .rsplit('/')
        .next()
        .and_then(|r| r.parse().ok())
        .expect("id");
    // Nothing is recorded before the host confirms.
    assert_eq!(w.attendance(session, w.teacher_a_id).await, None);
    let (status, page) = w.mentor.page(&preview).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("4 orang dalam laporan, 2 cocok"), "{page}");
    assert!(page.contains("cocok menurut surel") && page.contains("cocok menurut nama"));
    // Person 2 ("HP Guru") to teacher C; person 3 to nobody.
    let c = w.teacher_c_id.to_string();
    let applied = w
        .mentor
        .post_to(&preview, &preview, "text/html", &[("p2", &c), ("p3", "0")])
        .await;
    assert_eq!(applied.status(), 303);
    assert_eq!(
        w.attendance(session, w.teacher_a_id).await,
        Some(("present".to_string(), Some(72)))
    );
    assert_eq!(
        w.attendance(session, w.teacher_b_id).await,
        Some(("absent".to_string(), Some(71)))
    );
    assert_eq!(
        w.attendance(session, w.teacher_c_id).await,
        Some(("present".to_string(), Some(30))),
        "present by code stays present; the minutes are kept"
    );
    // Applying twice is refused; a participant of another cohort cannot be chosen.
    let again = w
        .mentor
        .post_to(&preview, &preview, "application/json", &[])
        .await;
    assert_eq!(again.status(), 409);
    let uploaded = w
        .mentor
        .upload(
            &format!("/sesi/{session}/laporan"),
            &from,
            "lagi.csv",
            "text/csv",
            report.as_bytes().to_vec(),
        )
        .await;
    let second = location(&uploaded).expect("to the report");
    let (_, outsider_id): (i64, i64) =
        sqlx::query_as("select cohort_id, user_id from enrolment where cohort_id = $1")
            .bind(w.cohort_b)
            .fetch_one(&w.server.db)
            .await
            .expect("outsider");
    let refused = w
        .mentor
        .post_to(
            &second,
            &second,
            "application/json",
            &[("p2", &outsider_id.to_string())],
        )
        .await;
    assert_eq!(refused.status(), 404);

    // A file that is not a report is refused next to the field; a participant cannot upload.
    let refused = w
        .mentor
        .upload(
            &format!("/sesi/{session}/laporan"),
            &from,
            "x.csv",
            "text/csv",
            b"a,b\n1,2\n".to_vec(),
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (_, page) = w.mentor.page(&from).await;
    assert!(page.contains("Kolom nama dan durasi"), "{page}");
    let refused = w
        .teacher_a
        .upload(
            &format!("/sesi/{session}/laporan"),
            &from,
            "p.csv",
            "text/csv",
            report.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(refused.status(), 404);
    let _ = report_id;
}

#[tokio::test]
async fn the_join_link_records_the_click_and_calendar_feeds_are_secret() {
    let w = SessionsWorld::start().await;
    let session = w.session(w.cohort_a, "Sesi Kalender", 3_600, 60).await;
    let join = w.teacher_a.get(&format!("/sesi/{session}/gabung")).await;
    assert_eq!(join.status(), 303);
    assert_eq!(
        location(&join).as_deref(),
        Some("https://meet.example.id/abc-defg")
    );
    let (clicks,): (i64,) =
        sqlx::query_as("select clicks from session_join where session_id = $1 and user_id = $2")
            .bind(session)
            .bind(w.teacher_a_id.0)
            .fetch_one(&w.server.db)
            .await
            .expect("click");
    assert_eq!(clicks, 1);
    let refused = w.outsider.get(&format!("/sesi/{session}/gabung")).await;
    assert_eq!(refused.status(), 404);

    // The participant's secret calendar address, and the cohort's.
    let (_, record) = w.teacher_a.page("/peserta/jp").await;
    let start = record.find("/kalender/").expect("a calendar address");
    let token = &record[start + 10..start + 10 + 64];
    let feed = w
        .server
        .new_client()
        .get(&format!("/kalender/{token}.ics"))
        .await;
    assert_eq!(feed.status(), 200);
    assert!(feed
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/calendar")));
    let ics = feed.text().await.expect("ics");
    assert!(
        ics.contains("BEGIN:VCALENDAR") && ics.contains("SUMMARY:Sesi Kalender"),
        "{ics}"
    );
    assert!(ics.contains("TRIGGER:-PT1H"));
    let (_, outsider_record) = w.outsider.page("/peserta/jp").await;
    let start = outsider_record.find("/kalender/").expect("address");
    let other = &outsider_record[start + 10..start + 10 + 64];
    let ics = w
        .server
        .new_client()
        .get(&format!("/kalender/{other}.ics"))
        .await;
    assert!(
        !ics.text().await.expect("ics").contains("Sesi Kalender"),
        "another cohort's"
    );
    let wrong = w
        .server
        .new_client()
        .get(&format!("/kalender/{}.ics", "0".repeat(64)))
        .await;
    assert_eq!(wrong.status(), 404);
}

#[tokio::test]
async fn an_admin_adds_sessions_in_person_and_online_with_messages_next_to_the_fields() {
    let w = SessionsWorld::start().await;
    let cohort = w.cohort_a.to_string();
    let from = format!("/admin/angkatan/{cohort}");
    let base = [
        ("cohort_id", cohort.as_str()),
        ("date", "2027-01-12"),
        ("time", "08:00"),
        ("duration_minutes", "135"),
    ];
    // In person without a venue: refused next to the fields.
    let mut form = base.to_vec();
    form.extend([
        ("title", "Bimtek TIK Semarang"),
        ("mode", "in_person"),
        ("venue", ""),
        ("city", ""),
    ]);
    let refused = w.admin.call("add_live_session", &form).await;
    assert_eq!(refused.status(), 400);
    let fields: Vec<String> = error_of(refused)
        .await
        .fields
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert!(fields.contains(&"venue".to_string()) && fields.contains(&"city".to_string()));
    // In person with a venue, no link, JP counted from the duration (135 / 45 = 3).
    let mut form = base.to_vec();
    form.extend([
        ("title", "Bimtek TIK Semarang"),
        ("mode", "in_person"),
        ("venue", "LPMP Jawa Tengah"),
        ("city", "Semarang"),
    ]);
    let done = w.admin.submit(&from, "add_live_session", &form).await;
    assert!(done.status().is_redirection());
    let (mode, url, jp): (String, Option<String>, i64) = sqlx::query_as(
        "select mode, meeting_url, jp from live_session where title = 'Bimtek TIK Semarang'",
    )
    .fetch_one(&w.server.db)
    .await
    .expect("session");
    assert_eq!((mode.as_str(), url, jp), ("in_person", None, 3));
    // Online needs an https link; a host must be a mentor of the cohort.
    let mut form = base.to_vec();
    form.extend([
        ("title", "Sesi X"),
        ("mode", "online"),
        ("meeting_url", "http://x.id"),
        ("host_user_id", "999999"),
    ]);
    let refused = w.admin.call("add_live_session", &form).await;
    let fields: Vec<String> = error_of(refused)
        .await
        .fields
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert!(
        fields.contains(&"meeting_url".to_string()) && fields.contains(&"host_user_id".to_string())
    );
    let mentor = w.mentor_id.to_string();
    let mut form = base.to_vec();
    form.extend([
        ("title", "Sesi Daring"),
        ("mode", "hybrid"),
        ("meeting_url", "https://zoom.us/j/123"),
        ("venue", "Aula"),
        ("city", "Solo"),
        ("jp", "2"),
        ("host_user_id", mentor.as_str()),
    ]);
    let done = w.admin.call("add_live_session", &form).await;
    assert_eq!(done.status(), 200);
    // The mentor host of that session opens its host page.
    let (id,): (i64,) = sqlx::query_as("select id from live_session where mode = 'hybrid'")
        .fetch_one(&w.server.db)
        .await
        .expect("hybrid");
    let (status, page) = w.mentor.page(&format!("/sesi/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Aula, Solo") && page.contains("mentor"),
        "{page}"
    );
}

#[tokio::test]
async fn participants_are_reminded_a_day_and_an_hour_before_once_each() {
    use app::ssr::sessions::reminders::sweep;
    let w = SessionsWorld::start().await;
    let session = w
        .session(w.cohort_a, "Sesi Pengingat", 23 * 3_600, 90)
        .await;
    let count = |detail: &'static str| {
        let db = w.server.db.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(
                "select count(*) from notification where kind = 'session_reminder' \
                 and detail = $1 and link = $2",
            )
            .bind(detail)
            .bind(format!("/peserta/sesi/{session}"))
            .fetch_one(&db)
            .await
            .expect("count");
            n
        }
    };
    // The cohort's three participants get the day's reminder, once however often the sweep runs.
    assert_eq!(
        sweep(&w.server.db, w.server.clock.now())
            .await
            .expect("sweep"),
        1
    );
    assert_eq!(
        sweep(&w.server.db, w.server.clock.now())
            .await
            .expect("sweep"),
        0
    );
    assert_eq!((count("day").await, count("hour").await), (3, 0));
    // 22 h 30 min later: the hour's reminder, shown in the participant's list.
    w.server.clock.advance(22 * 3_600 + 30 * 60);
    assert_eq!(
        sweep(&w.server.db, w.server.clock.now())
            .await
            .expect("sweep"),
        1
    );
    assert_eq!((count("day").await, count("hour").await), (3, 3));
    let (_, page) = w.teacher_a.page("/notifikasi").await;
    assert!(
        page.contains("Sesi Pengingat") && page.contains("dalam satu jam"),
        "{page}"
    );
    let (_, page) = w.outsider.page("/notifikasi").await;
    assert!(
        !page.contains("Sesi Pengingat"),
        "another cohort's participant is not told"
    );
    // A session added 30 minutes before it starts gets the hour's reminder only.
    let soon = w.session(w.cohort_b, "Sesi Mendadak", 30 * 60, 60).await;
    assert_eq!(
        sweep(&w.server.db, w.server.clock.now())
            .await
            .expect("sweep"),
        1
    );
    let (day,): (i64,) =
        sqlx::query_as("select count(*) from notification where link = $1 and detail = 'day'")
            .bind(format!("/peserta/sesi/{soon}"))
            .fetch_one(&w.server.db)
            .await
            .expect("day");
    let (hour,): (i64,) =
        sqlx::query_as("select count(*) from notification where link = $1 and detail = 'hour'")
            .bind(format!("/peserta/sesi/{soon}"))
            .fetch_one(&w.server.db)
            .await
            .expect("hour");
    assert_eq!((day, hour), (0, 1));
}
