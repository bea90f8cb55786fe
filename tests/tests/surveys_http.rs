//! Surveys over real HTTP (issue #20 items 1–4 and 6): the builder and its templates, answering
//! with JavaScript off (messages beside the items, answers kept), once only even under
//! simultaneous posts, only in one's own cohort; anonymity (a mentor sees aggregates from five
//! responses, never single answers; the admin's report carries no names), CSV, the completion
//! list, and the follow-up invitation and reminder sent once each.

use pamong_tests::harness::{all_at_once, location, message_of};
use pamong_tests::surveys_support::{answer, full_answer, SurveysWorld, BROWSER};

const DAY: i64 = 86_400;

#[tokio::test]
async fn the_builder_makes_instruments_from_templates_and_keeps_items_in_order() {
    let w = SurveysWorld::start().await;
    let mentor_form = w.from_template("mentor").await;
    let (status, page) = w
        .admin
        .page(&format!("/admin/instrumen/{mentor_form}"))
        .await;
    assert_eq!(status, 200);
    for prompt in [
        "Penguasaan materi",
        "Ketepatan waktu",
        "Penggunaan metode dan media",
        "Kemampuan memotivasi peserta",
        "Kerja sama",
        "Saran dan komentar untuk mentor",
    ] {
        assert!(page.contains(prompt), "{prompt}: {page}");
    }
    assert_eq!(w.items(mentor_form).await.len(), 9);
    let organiser = w.from_template("organiser").await;
    let items = w.items(organiser).await;
    assert_eq!(items.len(), 6);
    assert_eq!(items.last().map(|(_, k)| k.as_str()), Some("text"));

    // A single choice without options is refused beside the field, the prompt kept.
    let add = format!("/admin/instrumen/{organiser}/butir");
    let page_path = format!("/admin/instrumen/{organiser}");
    let refused = w
        .admin
        .post_to(
            &add,
            &page_path,
            BROWSER,
            &[
                ("prompt", "Moda yang disukai"),
                ("kind", "choice"),
                ("options", "Daring"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (_, page) = w.admin.page(&page_path).await;
    assert!(page.contains("Tulis 2 sampai 10 pilihan"), "{page}");
    assert!(page.contains("value=\"Moda yang disukai\""), "{page}");
    let added = w
        .admin
        .post_to(
            &add,
            &page_path,
            BROWSER,
            &[
                ("prompt", "Moda yang disukai"),
                ("kind", "choice"),
                ("options", "Daring\nTatap muka\nCampuran"),
                ("required", "1"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let items = w.items(organiser).await;
    assert_eq!(items.len(), 7);
    let (choice, _) = items[6].clone();
    // Up one place, then removed.
    let up = w
        .admin
        .post_to(
            &format!("/admin/instrumen/{organiser}/butir/{choice}/naik"),
            &page_path,
            BROWSER,
            &[],
        )
        .await;
    assert_eq!(up.status(), 303);
    assert_eq!(w.items(organiser).await[5].0, choice);
    let gone = w
        .admin
        .post_to(
            &format!("/admin/instrumen/{organiser}/butir/{choice}/hapus"),
            &page_path,
            BROWSER,
            &[],
        )
        .await;
    assert_eq!(gone.status(), 303);
    assert_eq!(w.items(organiser).await.len(), 6);

    // Out of scope: another district's admin; participants and mentors are refused.
    let (status, _) = w.other_admin.page(&page_path).await;
    assert_eq!(status, 404);
    let moved = w
        .other_admin
        .post_to(
            &format!("/admin/instrumen/{organiser}/butir/{}/hapus", items[0].0),
            &page_path,
            "text/plain",
            &[],
        )
        .await;
    assert_eq!(moved.status(), 404);
    assert_eq!(w.items(organiser).await.len(), 6);
    let (status, _) = w.teachers[0].0.page("/admin/survei").await;
    assert_eq!(status, 403);
    let (status, _) = w.mentor.page("/admin/survei").await;
    assert_eq!(status, 403);
    let (status, page) = w.admin.page("/admin/survei").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Evaluasi Mentor / Narasumber") && page.contains("Evaluasi Penyelenggaraan")
    );
    w.server.stop().await;
}

#[tokio::test]
async fn a_participant_answers_and_a_missing_required_item_keeps_everything_typed() {
    let w = SurveysWorld::start().await;
    let instrument = w.from_template("organiser").await;
    let survey = w
        .give(w.cohort_a, instrument, "organiser", "reaction", 0, 7 * DAY)
        .await;
    let items = w.items(instrument).await;
    let (teacher, teacher_id, _) = &w.teachers[0];
    let missing =
        app::ssr::surveys::missing_at(&w.server.db, w.cohort_a, teacher_id.0, w.server.clock.now())
            .await
            .expect("missing");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].href, format!("/peserta/survei/{survey}/0"));

    let (status, list) = teacher.page("/peserta/survei").await;
    assert_eq!(status, 200);
    assert!(
        list.contains("Evaluasi Uji") && list.contains(&format!("/peserta/survei/{survey}/0")),
        "{list}"
    );

    // The first item left out: its message is beside it, the other answers come back.
    let mut fields = full_answer(&items, "3", "Ruang kelas terlalu panas & sempit <b>");
    fields.remove(0);
    let refused = answer(teacher, survey, 0, &fields).await;
    assert_eq!(refused.status(), 303);
    assert_eq!(
        location(&refused),
        Some(format!("/peserta/survei/{survey}/0"))
    );
    let (_, form) = teacher.page(&format!("/peserta/survei/{survey}/0")).await;
    assert_eq!(
        message_of(&form, &format!("i{}", items[0].0)),
        "Pilih salah satu jawaban."
    );
    assert_eq!(message_of(&form, &format!("i{}", items[1].0)), "");
    assert!(
        form.contains("Ruang kelas terlalu panas &amp; sempit &lt;b&gt;"),
        "{form}"
    );
    let kept = format!("name=\"i{}\" value=\"3\"", items[1].0);
    let after = form.split(&kept).nth(1).expect("the second item's point 3");
    assert!(after.trim_start().starts_with("checked"), "{form}");
    let none_yet: i64 = sqlx::query_scalar("select count(*) from survey_response")
        .fetch_one(&w.server.db)
        .await
        .expect("count");
    assert_eq!(none_yet, 0);

    // A complete answer is stored and thanked for.
    let done = answer(
        teacher,
        survey,
        0,
        &full_answer(&items, "4", "Terima kasih"),
    )
    .await;
    assert_eq!(done.status(), 303);
    assert_eq!(location(&done).as_deref(), Some("/peserta/survei"));
    let (_, list) = teacher.page("/peserta/survei").await;
    assert!(
        list.contains("Terima kasih, jawaban Anda sudah tersimpan.")
            && list.contains("Sudah diisi"),
        "{list}"
    );
    let missing =
        app::ssr::surveys::missing_at(&w.server.db, w.cohort_a, teacher_id.0, w.server.clock.now())
            .await
            .expect("missing");
    assert!(missing.is_empty());
    // The response carries no author.
    let (stored,): (i64,) = sqlx::query_as("select count(*) from survey_answer a join survey_response r on r.id = a.response_id where r.survey_id = $1")
        .bind(survey)
        .fetch_one(&w.server.db)
        .await
        .expect("answers");
    assert_eq!(stored, items.len() as i64);
    // A closed required survey stays missing for those who did not answer.
    w.server.clock.advance(8 * DAY);
    let other = w.teachers[1].1 .0;
    let missing =
        app::ssr::surveys::missing_at(&w.server.db, w.cohort_a, other, w.server.clock.now())
            .await
            .expect("missing");
    assert_eq!(missing.len(), 1);
    let late = answer(&w.teachers[1].0, survey, 0, &full_answer(&items, "4", "")).await;
    assert_eq!(late.status(), 303);
    assert_eq!(location(&late), Some(format!("/peserta/survei/{survey}/0")));
    w.server.stop().await;
}

#[tokio::test]
async fn a_participant_answers_once_even_with_ten_posts_at_once_and_never_for_another_cohort() {
    let w = SurveysWorld::start().await;
    let instrument = w.from_template("mentor").await;
    let survey = w
        .give(w.cohort_a, instrument, "mentor", "reaction", 0, 7 * DAY)
        .await;
    let items = w.items(instrument).await;
    let mentor = w.mentor_id.0;
    let fields = full_answer(&items, "4", "Jelas sekali");
    let (teacher, teacher_id, _) = &w.teachers[0];
    assert_eq!(answer(teacher, survey, mentor, &fields).await.status(), 303);
    let again = answer(teacher, survey, mentor, &fields).await;
    assert_eq!(again.status(), 303);
    let (_, form) = teacher
        .page(&format!("/peserta/survei/{survey}/{mentor}"))
        .await;
    assert!(form.contains("Anda sudah mengisi survei ini."), "{form}");

    // Ten posts at the same instant by another teacher: exactly one is stored.
    let other = w.teachers[1].0.clone();
    let form: Vec<(String, String)> = fields.clone();
    let statuses = all_at_once(10, |_| {
        let other = other.clone();
        let form = form.clone();
        async move {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            other
                .post_to(
                    &format!("/survei/{survey}/{mentor}/jawab"),
                    "/peserta/survei",
                    "text/plain",
                    &pairs,
                )
                .await
        }
    })
    .await;
    let stored = statuses.iter().filter(|(s, _)| *s == 303).count();
    let refused = statuses.iter().filter(|(s, _)| *s == 409).count();
    assert_eq!((stored, refused), (1, 9), "{statuses:?}");
    let (responses,): (i64,) = sqlx::query_as(
        "select count(*) from survey_response where survey_id = $1 and subject_id = $2",
    )
    .bind(survey)
    .bind(mentor)
    .fetch_one(&w.server.db)
    .await
    .expect("responses");
    assert_eq!(responses, 2);
    // The other mentor is still to be evaluated by the first teacher.
    let missing =
        app::ssr::surveys::missing_at(&w.server.db, w.cohort_a, teacher_id.0, w.server.clock.now())
            .await
            .expect("missing");
    assert_eq!(missing.len(), 1);
    assert_eq!(
        missing[0].href,
        format!("/peserta/survei/{survey}/{}", w.mentor2_id.0)
    );

    // A participant of cohort B: neither the form nor the post.
    let (status, _) = w
        .outsider
        .page(&format!("/peserta/survei/{survey}/{mentor}"))
        .await;
    assert_eq!(status, 404);
    let refused = w
        .outsider
        .post_to(
            &format!("/survei/{survey}/{mentor}/jawab"),
            "/peserta/survei",
            "text/plain",
            &fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(refused.status(), 404);
    let (_, list) = w.outsider.page("/peserta/survei").await;
    assert!(!list.contains("Evaluasi Uji"), "{list}");
    // Nor about someone the survey does not evaluate, nor before it opens.
    let stranger = answer(&w.teachers[2].0, survey, teacher_id.0, &fields).await;
    assert_eq!(stranger.status(), 404);
    let later = w
        .give(w.cohort_a, instrument, "mentor", "reaction", DAY, DAY)
        .await;
    assert_eq!(
        answer(&w.teachers[2].0, later, mentor, &fields)
            .await
            .status(),
        404
    );
    let (total,): (i64,) = sqlx::query_as("select count(*) from survey_answered")
        .fetch_one(&w.server.db)
        .await
        .expect("answered");
    assert_eq!(total, 2);
    w.server.stop().await;
}

#[tokio::test]
async fn a_mentor_sees_only_aggregates_and_only_from_five_responses() {
    let w = SurveysWorld::start().await;
    let instrument = w.from_template("mentor").await;
    let survey = w
        .give(w.cohort_a, instrument, "mentor", "reaction", 0, 7 * DAY)
        .await;
    let items = w.items(instrument).await;
    let mentor = w.mentor_id.0;
    let results = format!("/mentor/survei/{survey}");
    for (n, (teacher, _, _)) in w.teachers.iter().take(4).enumerate() {
        let comment = format!("Komentar rahasia {n}");
        let point = if n % 2 == 0 { "4" } else { "3" };
        assert_eq!(
            answer(
                teacher,
                survey,
                mentor,
                &full_answer(&items, point, &comment)
            )
            .await
            .status(),
            303
        );
    }
    // Four responses: how many more are needed, and no number at all.
    let (status, page) = w.mentor.page(&results).await;
    assert_eq!(status, 200);
    assert!(page.contains("Masih perlu 1 jawaban lagi"), "{page}");
    assert!(
        !page.contains("Rata-rata") && !page.contains("Komentar rahasia") && !page.contains("Baik"),
        "{page}"
    );
    let (_, list) = w.mentor.page("/mentor/survei").await;
    assert!(list.contains("Masih perlu 1 jawaban lagi"), "{list}");
    // The data behind the page says the same to a hydrated client.
    let json = w
        .mentor
        .call("survey_results", &[("survey_id", &survey.to_string())])
        .await;
    assert_eq!(json.status(), 200);
    let body = json.text().await.unwrap_or_default();
    assert!(
        body.contains("\"needed\":1") && body.contains("\"items\":[]") && !body.contains("rahasia"),
        "{body}"
    );

    // The fifth: the aggregates show, still without a name beside an answer.
    assert_eq!(
        answer(
            &w.teachers[4].0,
            survey,
            mentor,
            &full_answer(&items, "4", "Komentar rahasia 4")
        )
        .await
        .status(),
        303
    );
    let (_, page) = w.mentor.page(&results).await;
    assert!(
        page.contains("Rata-rata 3,60") || page.contains("Rata-rata 3.60"),
        "{page}"
    );
    assert!(
        page.contains("Komentar rahasia 3") && page.contains("1: 0 · 2: 0 · 3: 2 · 4: 3"),
        "{page}"
    );
    // Index: 18 of 20 points = 90: sangat baik.
    assert!(page.contains("90.0 · Sangat baik"), "{page}");
    for (_, _, name) in &w.teachers {
        assert!(!page.contains(name.as_str()), "{name} on the mentor's page");
    }
    // Only the results about themself: the other mentor's section is not there.
    let mentor2: String = sqlx::query_scalar("select name from app_user where id = $1")
        .bind(w.mentor2_id.0)
        .fetch_one(&w.server.db)
        .await
        .expect("name");
    assert!(!page.contains(&mentor2), "{page}");
    let (_, list) = w.mentor.page("/mentor/survei").await;
    assert!(
        list.contains("Indeks Anda") && list.contains("Sangat baik"),
        "{list}"
    );
    // A mentor the survey is not about, and the admin's pages and export: refused.
    let (status, _) = w.stranger_mentor.page(&results).await;
    assert_eq!(status, 404);
    let (status, _) = w.mentor.page(&format!("/admin/survei/{survey}")).await;
    assert_eq!(status, 403);
    assert_eq!(
        w.mentor
            .get(&format!("/admin/survei/{survey}/hasil.csv"))
            .await
            .status(),
        403
    );
    w.server.stop().await;
}

#[tokio::test]
async fn the_admin_sees_who_answered_but_reports_and_csv_carry_no_names() {
    let w = SurveysWorld::start().await;
    let instrument = w.from_template("organiser").await;
    let survey = w
        .give(w.cohort_a, instrument, "organiser", "reaction", 0, 7 * DAY)
        .await;
    let items = w.items(instrument).await;
    for (n, (teacher, _, _)) in w.teachers.iter().take(3).enumerate() {
        let comment = format!("Saran nomor {n}");
        assert_eq!(
            answer(teacher, survey, 0, &full_answer(&items, "3", &comment))
                .await
                .status(),
            303
        );
    }
    let (status, page) = w.admin.page(&format!("/admin/survei/{survey}")).await;
    assert_eq!(status, 200);
    let (report, completion) = page
        .split_once("Kelengkapan pengisian")
        .expect("completion section");
    for n in 0..3 {
        assert!(report.contains(&format!("Saran nomor {n}")), "{report}");
    }
    assert!(
        report.contains("Rata-rata 3,00") || report.contains("Rata-rata 3.00"),
        "{report}"
    );
    for (_, _, name) in &w.teachers {
        assert!(!report.contains(name.as_str()), "{name} in the report");
        assert!(
            completion.contains(name.as_str()),
            "{name} missing from completion"
        );
    }
    assert!(
        completion.contains("3 dari 7 peserta sudah mengisi lengkap."),
        "{completion}"
    );

    let csv = w
        .admin
        .get(&format!("/admin/survei/{survey}/hasil.csv"))
        .await;
    assert_eq!(csv.status(), 200);
    assert!(csv
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv")));
    let body = csv.text().await.unwrap_or_default();
    assert!(
        body.contains("Kelayakan sarana")
            && body.contains("Saran nomor 2")
            && body.contains("3,00"),
        "{body}"
    );
    assert!(body.contains("75.0 (Baik)"), "{body}");
    for (_, _, name) in &w.teachers {
        assert!(!body.contains(name.as_str()), "{name} in the CSV");
    }
    // Another district's admin sees neither.
    let (status, _) = w.other_admin.page(&format!("/admin/survei/{survey}")).await;
    assert_eq!(status, 404);
    assert_eq!(
        w.other_admin
            .get(&format!("/admin/survei/{survey}/hasil.csv"))
            .await
            .status(),
        404
    );

    // The bands are a setting: with "baik" from 80, 75 is "cukup".
    let saved = w
        .admin
        .post_to(
            "/admin/survei/predikat",
            "/admin/survei",
            BROWSER,
            &[
                ("very_good_from", "92"),
                ("good_from", "80"),
                ("fair_from", "70"),
                ("poor_from", "60"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let body = w
        .admin
        .get(&format!("/admin/survei/{survey}/hasil.csv"))
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(body.contains("75.0 (Cukup)"), "{body}");
    let refused = w
        .admin
        .post_to(
            "/admin/survei/predikat",
            "/admin/survei",
            BROWSER,
            &[
                ("very_good_from", "70"),
                ("good_from", "80"),
                ("fair_from", "70"),
                ("poor_from", "60"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (_, page) = w.admin.page("/admin/survei").await;
    assert!(page.contains("Batas harus menurun"), "{page}");
    w.server.stop().await;
}

#[tokio::test]
async fn the_mentor_index_spans_cohorts() {
    let w = SurveysWorld::start().await;
    let instrument = w.from_template("mentor").await;
    let survey = w
        .give(w.cohort_a, instrument, "mentor", "reaction", 0, 7 * DAY)
        .await;
    let items = w.items(instrument).await;
    for (teacher, _, _) in &w.teachers[..2] {
        assert_eq!(
            answer(
                teacher,
                survey,
                w.mentor_id.0,
                &full_answer(&items, "3", "")
            )
            .await
            .status(),
            303
        );
    }
    // Cohort B's survey of its mentors: the same mentor, answered by the outsider.
    sqlx::query("insert into cohort_mentor (cohort_id, user_id) values ($1, $2)")
        .bind(w.cohort_b)
        .bind(w.mentor_id.0)
        .execute(&w.server.db)
        .await
        .expect("mentor of B");
    let other = w
        .give(w.cohort_b, instrument, "mentor", "reaction", 0, 7 * DAY)
        .await;
    assert_eq!(
        answer(
            &w.outsider,
            other,
            w.mentor_id.0,
            &full_answer(&items, "4", "")
        )
        .await
        .status(),
        303
    );
    let (status, page) = w.admin.page("/admin/indeks-mentor").await;
    assert_eq!(status, 200);
    // (3 + 3 + 4) / 3 of 4 = 83.3: baik, over 2 surveys and 3 responses.
    assert!(
        page.contains("83.3 · Baik") && page.contains("2 survei · 3 jawaban"),
        "{page}"
    );
    w.server.stop().await;
}

#[tokio::test]
async fn a_follow_up_survey_invites_when_it_opens_and_reminds_once_before_it_closes() {
    use app::ssr::surveys::followup::sweep;
    let w = SurveysWorld::start().await;
    let instrument = w.from_template("organiser").await;
    let survey = w
        .give(
            w.cohort_a,
            instrument,
            "organiser",
            "follow_up",
            3_600,
            10 * DAY,
        )
        .await;
    let count = |detail: &'static str| {
        let db = w.server.db.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(
                "select count(*) from notification where kind = 'survey' and detail = $1",
            )
            .bind(detail)
            .fetch_one(&db)
            .await
            .expect("count");
            n
        }
    };
    let db = &w.server.db;
    // Not open yet: nothing.
    assert_eq!(sweep(db, w.server.clock.now()).await.expect("sweep"), 0);
    assert_eq!(count("invite").await, 0);
    // Open: each of the seven participants is invited once, however often the sweep runs.
    w.server.clock.advance(2 * 3_600);
    assert_eq!(sweep(db, w.server.clock.now()).await.expect("sweep"), 1);
    assert_eq!(sweep(db, w.server.clock.now()).await.expect("sweep"), 0);
    assert_eq!(count("invite").await, 7);
    assert_eq!(count("reminder").await, 0);
    let (_, page) = w.teachers[0].0.page("/notifikasi").await;
    assert_eq!(
        page.matches("sudah dibuka. Mohon isi sebelum ditutup.")
            .count(),
        1,
        "{page}"
    );
    // Two teachers answer; the reminder two days before closing goes to the other five, once.
    let items = w.items(instrument).await;
    for (teacher, _, _) in &w.teachers[..2] {
        assert_eq!(
            answer(teacher, survey, 0, &full_answer(&items, "4", ""))
                .await
                .status(),
            303
        );
    }
    w.server.clock.advance(8 * DAY);
    assert_eq!(sweep(db, w.server.clock.now()).await.expect("sweep"), 1);
    assert_eq!(sweep(db, w.server.clock.now()).await.expect("sweep"), 0);
    assert_eq!(count("reminder").await, 5);
    let (_, page) = w.teachers[2].0.page("/notifikasi").await;
    assert_eq!(
        page.matches("segera ditutup dan belum Anda isi").count(),
        1,
        "{page}"
    );
    let (_, page) = w.teachers[0].0.page("/notifikasi").await;
    assert_eq!(page.matches("segera ditutup").count(), 0, "{page}");
    // A reaction survey sends nothing.
    let reaction = w
        .give(w.cohort_a, instrument, "organiser", "reaction", 0, DAY)
        .await;
    assert!(reaction > survey);
    assert_eq!(sweep(db, w.server.clock.now()).await.expect("sweep"), 0);
    w.server.stop().await;
}
