//! Completion over real HTTP: each rule of the checklist met and unmet, a cohort's own rules in
//! place of the program's, decisions with the reason an override needs and its history, passing
//! everyone who meets every rule, and who may read and decide. Runs on SQLite, and on PostgreSQL
//! with `PAMONG_TEST_DATABASE_URL`.

use app::model::completion::{Requirement, RuleSource};
use pamong_tests::completion_support::{
    attend, coaching_cycle, cohort_completion, my_completion, post_test_attempt, work_product,
};
use pamong_tests::harness::{error_of, location};
use pamong_tests::sessions_support::SessionsWorld;

/// Saves rules as the admin: `target` is `program` or `cohort`.
async fn save_rules(w: &SessionsWorld, cohort: i64, target: &str, fields: &[(&str, &str)]) {
    let cohort = cohort.to_string();
    let mut form = vec![("cohort_id", cohort.as_str()), ("target", target)];
    form.extend_from_slice(fields);
    let response = w.admin.call("save_completion_rules", &form).await;
    assert!(
        response.status().is_success(),
        "{}",
        response.text().await.unwrap_or_default()
    );
}

fn unmet(list: &app::model::completion::Checklist) -> Vec<Requirement> {
    list.items
        .iter()
        .filter(|i| !i.met)
        .map(|i| i.requirement)
        .collect()
}

#[tokio::test]
async fn each_rule_is_met_or_missing_on_the_participants_checklist() {
    let w = SessionsWorld::start().await;
    let cohort = w.cohort_a;
    let first = w.session(cohort, "Sesi 1", -7200, 60).await;
    let _second = w.session(cohort, "Sesi 2", -3600, 60).await;
    save_rules(
        &w,
        cohort,
        "program",
        &[
            ("min_attendance_percent", "50"),
            ("min_jp", "2"),
            ("min_post_test_percent", "70"),
            ("min_approved_products", "1"),
            ("min_coaching_cycles", "1"),
        ],
    )
    .await;

    let me = my_completion(&w.teacher_a, cohort).await;
    assert!(me.rules_set);
    assert_eq!(me.checklist.items.len(), 5);
    assert_eq!(
        unmet(&me.checklist),
        vec![
            Requirement::Attendance,
            Requirement::Jp,
            Requirement::PostTest,
            Requirement::WorkProducts,
            Requirement::CoachingCycles
        ]
    );

    // One of two sessions attended (late still counts) reaches 50 % and its 2 JP.
    attend(&w, first, w.teacher_a_id, "late").await;
    // A post-test one point under the limit, a product still in review, no cycle.
    post_test_attempt(&w, cohort, w.teacher_a_id, 69).await;
    work_product(&w, cohort, w.teacher_a_id, "submitted").await;
    let me = my_completion(&w.teacher_a, cohort).await;
    assert_eq!(
        unmet(&me.checklist),
        vec![
            Requirement::PostTest,
            Requirement::WorkProducts,
            Requirement::CoachingCycles
        ]
    );
    assert_eq!(me.progress.attendance_percent(), 50);
    assert_eq!(me.progress.jp, 2);
    assert_eq!(me.progress.post_test_percent, Some(69));

    // The best attempt counts; an approved product and one cycle complete the list.
    post_test_attempt(&w, cohort, w.teacher_a_id, 70).await;
    work_product(&w, cohort, w.teacher_a_id, "approved").await;
    coaching_cycle(&w, cohort, w.teacher_a_id, 1).await;
    let me = my_completion(&w.teacher_a, cohort).await;
    assert!(me.checklist.all_met(), "{:?}", me.checklist);

    // The page says so, in Indonesian, and links each rule of another participant to its place.
    let (status, page) = w
        .teacher_a
        .page(&format!("/peserta/angkatan/{cohort}/kelulusan"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Semua syarat sudah terpenuhi"), "{page}");
    let (_, page) = w
        .teacher_b
        .page(&format!("/peserta/angkatan/{cohort}/kelulusan"))
        .await;
    assert!(page.contains("0 dari 5 syarat terpenuhi"), "{page}");
    assert!(page.contains("href=\"/peserta/jp\""));
    assert!(page.contains("0% dari sesi, syarat 50%"));

    // Someone else's work does not count for teacher B; an absence does not either.
    attend(&w, first, w.teacher_b_id, "absent").await;
    let other = my_completion(&w.teacher_b, cohort).await;
    assert_eq!(other.progress.sessions_attended, 0);
    assert_eq!(other.progress.approved_products, 0);
}

#[tokio::test]
async fn a_cohorts_own_rules_replace_the_programs_until_cleared() {
    let w = SessionsWorld::start().await;
    save_rules(&w, w.cohort_a, "program", &[("min_coaching_cycles", "2")]).await;
    let table = cohort_completion(&w.admin, w.cohort_b).await;
    assert_eq!(
        table.source,
        RuleSource::Program,
        "the program's rules reach every cohort"
    );

    save_rules(&w, w.cohort_a, "cohort", &[("min_coaching_cycles", "1")]).await;
    coaching_cycle(&w, w.cohort_a, w.teacher_a_id, 1).await;
    let me = my_completion(&w.teacher_a, w.cohort_a).await;
    assert!(me.checklist.all_met());
    let table = cohort_completion(&w.admin, w.cohort_a).await;
    assert_eq!(table.source, RuleSource::Cohort);
    assert_eq!(
        table.program_rules.and_then(|r| r.min_coaching_cycles),
        Some(2)
    );

    let cleared = w
        .admin
        .call(
            "clear_cohort_completion_rules",
            &[("cohort_id", &w.cohort_a.to_string())],
        )
        .await;
    assert!(cleared.status().is_success());
    let me = my_completion(&w.teacher_a, w.cohort_a).await;
    assert_eq!(unmet(&me.checklist), vec![Requirement::CoachingCycles]);

    // A limit out of range is refused at its field, in Indonesian; the saved rules stay.
    let refused = w
        .admin
        .call(
            "save_completion_rules",
            &[
                ("cohort_id", &w.cohort_a.to_string()),
                ("target", "program"),
                ("min_attendance_percent", "120"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 400);
    let error = error_of(refused).await;
    assert_eq!(error.fields[0].field, "min_attendance_percent");
    assert!(error.fields[0].message.contains("0 sampai 100"));
    let table = cohort_completion(&w.admin, w.cohort_a).await;
    assert_eq!(
        table.program_rules.and_then(|r| r.min_coaching_cycles),
        Some(2)
    );
}

#[tokio::test]
async fn a_decision_against_the_checklist_needs_a_reason_and_stays_in_the_history() {
    let w = SessionsWorld::start().await;
    save_rules(&w, w.cohort_a, "program", &[("min_coaching_cycles", "1")]).await;
    coaching_cycle(&w, w.cohort_a, w.teacher_a_id, 1).await;
    let table = cohort_completion(&w.admin, w.cohort_a).await;
    let row_of = |user| {
        table
            .rows
            .iter()
            .find(|r| r.user_id == user)
            .map(|r| r.enrolment_id.0.to_string())
            .expect("row")
    };
    let (a, b) = (row_of(w.teacher_a_id), row_of(w.teacher_b_id));

    // Teacher B has not met the rules: passing them needs a reason.
    let refused = w
        .admin
        .call(
            "record_completion",
            &[("enrolment_id", &b), ("passed", "1")],
        )
        .await;
    assert_eq!(refused.status(), 400);
    let error = error_of(refused).await;
    assert_eq!(error.fields[0].field, "reason");
    assert!(error.fields[0].message.contains("alasan"), "{error:?}");

    // With JavaScript off the form comes back to the page, the message at that row's reason.
    let page = format!("/admin/angkatan/{}/kelulusan", w.cohort_a);
    let back = w
        .admin
        .submit(
            &page,
            "record_completion",
            &[("enrolment_id", &b), ("passed", "1")],
        )
        .await;
    assert_eq!(back.status(), 303);
    assert_eq!(location(&back).as_deref(), Some(page.as_str()));
    let (_, html) = w.admin.page(&page).await;
    assert!(html.contains("tuliskan alasannya"), "{html}");

    let ok = w
        .admin
        .call(
            "record_completion",
            &[
                ("enrolment_id", &b),
                ("passed", "1"),
                (
                    "reason",
                    "Siklus coaching dikerjakan luring, bukti di kepala sekolah",
                ),
            ],
        )
        .await;
    assert!(ok.status().is_success());
    // Teacher A has met them: passing needs no reason, failing does.
    let ok = w
        .admin
        .call(
            "record_completion",
            &[("enrolment_id", &a), ("passed", "1")],
        )
        .await;
    assert!(ok.status().is_success());
    let refused = w
        .admin
        .call(
            "record_completion",
            &[("enrolment_id", &a), ("passed", "0")],
        )
        .await;
    assert_eq!(refused.status(), 400);

    let table = cohort_completion(&w.admin, w.cohort_a).await;
    assert_eq!((table.passed, table.not_passed), (2, 0));
    let b_row = table
        .rows
        .iter()
        .find(|r| r.user_id == w.teacher_b_id)
        .expect("b");
    let decision = b_row.decision.as_ref().expect("decided");
    assert!(decision.passed && decision.against_checklist && !decision.checklist_met);
    assert_eq!(table.overrides.len(), 1);
    assert!(table.overrides[0]
        .decision
        .reason
        .as_deref()
        .is_some_and(|r| r.contains("luring")));

    // The participant sees the decision; the history holds the two recorded (not the refused).
    let me = my_completion(&w.teacher_b, w.cohort_a).await;
    assert!(me.decision.is_some_and(|d| d.passed));
    let (history,): (i64,) = sqlx::query_as("select count(*) from completion_decision_history")
        .fetch_one(&w.server.db)
        .await
        .expect("history");
    assert_eq!(history, 2);
}

#[tokio::test]
async fn pass_all_met_passes_only_who_meets_every_rule_and_keeps_earlier_decisions() {
    let w = SessionsWorld::start().await;
    save_rules(&w, w.cohort_a, "program", &[("min_coaching_cycles", "1")]).await;
    coaching_cycle(&w, w.cohort_a, w.teacher_a_id, 1).await;
    coaching_cycle(&w, w.cohort_a, w.teacher_c_id, 1).await;
    let table = cohort_completion(&w.admin, w.cohort_a).await;
    let c = table
        .rows
        .iter()
        .find(|r| r.user_id == w.teacher_c_id)
        .map(|r| r.enrolment_id.0.to_string())
        .expect("c");
    // C met the rules but was failed by hand, with a reason: pass-all leaves that alone.
    let ok = w
        .admin
        .call(
            "record_completion",
            &[
                ("enrolment_id", &c),
                ("passed", "0"),
                ("reason", "Plagiarisme"),
            ],
        )
        .await;
    assert!(ok.status().is_success());
    let response = w
        .admin
        .call("pass_all_met", &[("cohort_id", &w.cohort_a.to_string())])
        .await;
    let recorded: i64 = pamong_tests::completion_support::json(response).await;
    assert_eq!(recorded, 1, "only teacher A");
    let table = cohort_completion(&w.admin, w.cohort_a).await;
    let passed: Vec<_> = table
        .rows
        .iter()
        .filter(|r| r.decision.as_ref().is_some_and(|d| d.passed))
        .map(|r| r.user_id)
        .collect();
    assert_eq!(passed, vec![w.teacher_a_id]);
    assert_eq!((table.passed, table.not_passed), (1, 1));
}

#[tokio::test]
async fn only_the_organiser_decides_and_only_the_cohort_reads() {
    let w = SessionsWorld::start().await;
    let cohort = w.cohort_a.to_string();
    let table = cohort_completion(&w.admin, w.cohort_a).await;
    let enrolment = table.rows[0].enrolment_id.0.to_string();

    // A mentor named on the cohort reads the table but cannot decide or change rules.
    let read = cohort_completion(&w.mentor, w.cohort_a).await;
    assert!(!read.can_decide);
    assert_eq!(read.total, 3);
    for (server_fn, form) in [
        (
            "record_completion",
            vec![
                ("enrolment_id", enrolment.as_str()),
                ("passed", "1"),
                ("reason", "x"),
            ],
        ),
        (
            "save_completion_rules",
            vec![("cohort_id", cohort.as_str()), ("target", "cohort")],
        ),
        ("pass_all_met", vec![("cohort_id", cohort.as_str())]),
    ] {
        let refused = w.mentor.call(server_fn, &form).await;
        assert_eq!(refused.status(), 403, "{server_fn}");
        let refused = w.teacher_a.call(server_fn, &form).await;
        assert_eq!(refused.status(), 403, "{server_fn}");
    }
    // A mentor of one group only, a participant, and a participant of another cohort: 404s.
    let refused = w
        .group_mentor
        .call("cohort_completion", &[("cohort_id", &cohort)])
        .await;
    assert_eq!(refused.status(), 404);
    let refused = w
        .teacher_a
        .call("cohort_completion", &[("cohort_id", &cohort)])
        .await;
    assert_eq!(refused.status(), 404);
    let refused = w
        .outsider
        .call("my_completion", &[("cohort_id", &cohort)])
        .await;
    assert_eq!(refused.status(), 404);
    let (status, _) = w
        .outsider
        .page(&format!("/peserta/angkatan/{cohort}/kelulusan"))
        .await;
    assert_eq!(status, 404);
    // An enrolment that does not exist answers like one out of reach.
    let refused = w
        .admin
        .call(
            "record_completion",
            &[("enrolment_id", "999999"), ("passed", "1"), ("reason", "x")],
        )
        .await;
    assert_eq!(refused.status(), 404);
    let (status, page) = w
        .admin
        .page(&format!("/admin/angkatan/{cohort}/kelulusan"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Luluskan semua yang memenuhi syarat"));
}
