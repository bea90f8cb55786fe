//! One participant's hostile saves never fail another participant's: control characters are
//! removed where they enter, and a save the database refuses fails its own request only, while the
//! answer writer's group commit carries everyone else's. Runs on SQLite and on PostgreSQL.

use app::ssr::db::Backend;
use pamong_tests::harness::{backend, Client, TestServer};
use pamong_tests::quiz_support::{
    open_quiz, save, start, stored, QuizFixture, QuizOptions, BROWSER, SCRIPT,
};

/// Hostile loops and saves per loop; ordinary saves per participant.
const HOSTILE_LOOPS: usize = 20;
const HOSTILE_SAVES: usize = 40;
const ORDINARY_SAVES: usize = 40;

/// `saves` one-answer saves of `answer` (the question's option, or hostile text) on `question`,
/// one after another with rising sequence numbers from `first_seq`; the status of each.
async fn save_loop(
    client: Client,
    attempt: i64,
    question: i64,
    first_seq: i64,
    saves: usize,
    answer: String,
) -> Vec<(u16, String)> {
    let mut statuses = Vec::with_capacity(saves);
    for n in 0..saves {
        let seq = first_seq + n as i64;
        statuses.push(save(&client, attempt, &[(question, seq, answer.as_str())]).await);
    }
    statuses
}

/// Fires the hostile participant's loops and the ordinary participants' loops at once; returns
/// (hostile results, ordinary results).
async fn fire(
    hostile: (&Client, i64, i64),
    hostile_answer: &str,
    ordinary: &[(&Client, i64, i64, String)],
) -> (Vec<(u16, String)>, Vec<(u16, String)>) {
    let (client, attempt, question) = hostile;
    let hostile_loops: Vec<_> = (0..HOSTILE_LOOPS)
        .map(|l| {
            tokio::spawn(save_loop(
                client.clone(),
                attempt,
                question,
                1 + (l * HOSTILE_SAVES) as i64,
                HOSTILE_SAVES,
                hostile_answer.to_string(),
            ))
        })
        .collect();
    let ordinary_loops: Vec<_> = ordinary
        .iter()
        .map(|(client, attempt, question, answer)| {
            tokio::spawn(save_loop(
                (*client).clone(),
                *attempt,
                *question,
                1,
                ORDINARY_SAVES,
                answer.clone(),
            ))
        })
        .collect();
    let mut hostile_results = Vec::new();
    for task in hostile_loops {
        hostile_results.extend(task.await.expect("hostile loop"));
    }
    let mut ordinary_results = Vec::new();
    for task in ordinary_loops {
        ordinary_results.extend(task.await.expect("ordinary loop"));
    }
    (hostile_results, ordinary_results)
}

fn failures(results: &[(u16, String)]) -> Vec<&(u16, String)> {
    results
        .iter()
        .filter(|(status, _)| *status != 200)
        .collect()
}

/// An open quiz with three participants, each with a started attempt (in `people` order).
async fn three_attempts(server: &TestServer) -> (QuizFixture, Vec<i64>) {
    let f = open_quiz(
        server,
        QuizOptions {
            participants: 3,
            ..QuizOptions::default()
        },
    )
    .await;
    let mut attempts = Vec::new();
    for (_, _, client) in &f.people {
        let (status, attempt) = start(client, f.quiz, SCRIPT).await;
        assert_eq!(status, 303);
        attempts.push(attempt.expect("attempt id"));
    }
    (f, attempts)
}

#[tokio::test]
async fn control_characters_in_answers_fail_nobody_and_are_stored_clean() {
    let server = TestServer::start().await;
    let (f, attempts) = three_attempts(&server).await;
    let question = &f.questions[0];
    let hostile = (&f.people[0].2, attempts[0], question.id);
    let ordinary = [
        (
            &f.people[1].2,
            attempts[1],
            question.id,
            question.correct.to_string(),
        ),
        (
            &f.people[2].2,
            attempts[2],
            question.id,
            question.options[0].to_string(),
        ),
    ];
    let (hostile_results, ordinary_results) =
        fire(hostile, "jawab\0an\u{1b}[2J\u{7f}\r\nbaris", &ordinary).await;

    assert_eq!(ordinary_results.len(), 2 * ORDINARY_SAVES);
    assert_eq!(
        failures(&ordinary_results),
        Vec::<&(u16, String)>::new(),
        "every ordinary save succeeds beside the hostile ones"
    );
    assert_eq!(
        failures(&hostile_results),
        Vec::<&(u16, String)>::new(),
        "the hostile saves are stored, cleaned"
    );
    let (answer, seq) = stored(&server.db, attempts[0], question.id).await;
    assert_eq!(answer.as_deref(), Some("jawaban[2J\nbaris"));
    assert_eq!(seq, (HOSTILE_LOOPS * HOSTILE_SAVES) as i64);
    assert_eq!(
        stored(&server.db, attempts[1], question.id).await,
        (Some(question.correct.to_string()), ORDINARY_SAVES as i64)
    );

    // The JavaScript-off page form: a NUL around the chosen option is removed, the choice kept.
    let second = &f.questions[1];
    let (status, page) = f.people[0]
        .2
        .page(&format!("/peserta/upaya/{}?hal=1", attempts[0]))
        .await;
    assert_eq!(status, 200);
    let seq = page
        .split("name=\"seq\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("seq field")
        .to_string();
    let choice = format!("\0{}\0", second.correct);
    let question_field = format!("q{}", second.id);
    let shown = second.id.to_string();
    let response = f.people[0]
        .2
        .post_to(
            &format!("/peserta/upaya/{}", attempts[0]),
            &format!("/peserta/upaya/{}?hal=1", attempts[0]),
            BROWSER,
            &[
                ("hal", "1"),
                ("seq", seq.as_str()),
                ("aksi", "simpan"),
                ("shown", shown.as_str()),
                (question_field.as_str(), choice.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (answer, _) = stored(&server.db, attempts[0], second.id).await;
    assert_eq!(answer, Some(second.correct.to_string()));
    server.stop().await;
}

/// A trigger that makes the database refuse one answer text, as a real database refuses a value
/// (on either backend), so that the writer's isolation is tested apart from the cleaning.
async fn refuse_answer_text(db: &app::ssr::db::Db, text: &str) {
    let statements: Vec<String> = match backend() {
        Backend::Sqlite => vec![format!(
            "create trigger refuse_answer before update on attempt_item \
             when new.answer = '{text}' begin select raise(abort, 'refused by the test'); end"
        )],
        Backend::Postgres => vec![
            format!(
                "create function refuse_answer() returns trigger language plpgsql as $$ \
                 begin if new.answer = '{text}' then raise exception 'refused by the test'; \
                 end if; return new; end $$"
            ),
            "create trigger refuse_answer before update on attempt_item \
             for each row execute function refuse_answer()"
                .to_string(),
        ],
    };
    for statement in statements {
        sqlx::query(&statement)
            .execute(db)
            .await
            .expect("install the refusing trigger");
    }
}

#[tokio::test]
async fn a_save_the_database_refuses_fails_only_its_own_request() {
    let server = TestServer::start().await;
    let (f, attempts) = three_attempts(&server).await;
    refuse_answer_text(&server.db, "ditolak").await;
    let question = &f.questions[0];
    let ordinary = [
        (
            &f.people[1].2,
            attempts[1],
            question.id,
            question.correct.to_string(),
        ),
        (
            &f.people[2].2,
            attempts[2],
            question.id,
            question.correct.to_string(),
        ),
    ];
    let (hostile_results, ordinary_results) = fire(
        (&f.people[0].2, attempts[0], question.id),
        "ditolak",
        &ordinary,
    )
    .await;

    assert_eq!(
        failures(&ordinary_results),
        Vec::<&(u16, String)>::new(),
        "every ordinary save succeeds while the database refuses another participant's"
    );
    assert_eq!(
        failures(&hostile_results).len(),
        HOSTILE_LOOPS * HOSTILE_SAVES,
        "each refused save fails its own request"
    );
    for attempt in &attempts[1..] {
        assert_eq!(
            stored(&server.db, *attempt, question.id).await,
            (Some(question.correct.to_string()), ORDINARY_SAVES as i64)
        );
    }
    let (answer, _) = stored(&server.db, attempts[0], question.id).await;
    assert_eq!(answer, None, "nothing of the refused saves is stored");
    server.stop().await;
}
