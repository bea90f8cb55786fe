//! Setting for the live-session tests: a program with two cohorts, an admin, a cohort mentor, a
//! mentor who leads one group, participants, and sessions placed around the server's clock.

use crate::fixtures;
use crate::harness::{Client, TestServer};
use crate::registration_support::{participants, signed_in, PASSWORD};
use app::model::codes::SessionMode;
use app::model::{Role, UserId};
use app::ssr::sessions::schedule::{self, NewSession};

/// Everyone the session tests need.
pub struct SessionsWorld {
    pub server: TestServer,
    pub admin: Client,
    pub mentor: Client,
    pub mentor_id: UserId,
    pub group_mentor: Client,
    pub teacher_a: Client,
    pub teacher_a_id: UserId,
    pub teacher_b: Client,
    pub teacher_b_id: UserId,
    /// A third participant of cohort A, outside the group mentor's group.
    pub teacher_c_id: UserId,
    /// Approved in cohort B only.
    pub outsider: Client,
    pub cohort_a: i64,
    pub cohort_b: i64,
}

impl SessionsWorld {
    pub async fn start() -> SessionsWorld {
        let server = TestServer::start().await;
        let places = server.institutions().await;
        let admin_id = server
            .user(Role::Admin, "admin@uji.test", PASSWORD, Some(places.agency))
            .await;
        let mentor_id = server
            .user(
                Role::Mentor,
                "mentor@uji.test",
                PASSWORD,
                Some(places.agency),
            )
            .await;
        let group_mentor_id = server
            .user(
                Role::Mentor,
                "kelompok@uji.test",
                PASSWORD,
                Some(places.agency),
            )
            .await;
        let program = fixtures::program(&server.db, places.agency, admin_id, "published").await;
        let cohort_a = fixtures::cohort(&server.db, program, "Angkatan A", 100, admin_id).await;
        let cohort_b = fixtures::cohort(&server.db, program, "Angkatan B", 100, admin_id).await;
        let people = participants(&server, "guru", 4, places.school_a).await;
        for (id, _) in &people[..3] {
            fixtures::approved_enrolment(&server.db, cohort_a, *id).await;
        }
        fixtures::approved_enrolment(&server.db, cohort_b, people[3].0).await;
        sqlx::query("insert into cohort_mentor (cohort_id, user_id) values ($1, $2)")
            .bind(cohort_a)
            .bind(mentor_id.0)
            .execute(&server.db)
            .await
            .expect("cohort mentor");
        let (group,): (i64,) = sqlx::query_as(
            "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) \
             values ($1, 'Kelompok 1', $2, 10, 0) returning id",
        )
        .bind(cohort_a)
        .bind(group_mentor_id.0)
        .fetch_one(&server.db)
        .await
        .expect("group");
        sqlx::query("update enrolment set group_id = $1 where cohort_id = $2 and user_id = $3")
            .bind(group)
            .bind(cohort_a)
            .bind(people[1].0 .0)
            .execute(&server.db)
            .await
            .expect("group member");
        SessionsWorld {
            admin: signed_in(&server, "admin@uji.test").await,
            mentor: signed_in(&server, "mentor@uji.test").await,
            mentor_id,
            group_mentor: signed_in(&server, "kelompok@uji.test").await,
            teacher_a: signed_in(&server, &people[0].1).await,
            teacher_a_id: people[0].0,
            teacher_b: signed_in(&server, &people[1].1).await,
            teacher_b_id: people[1].0,
            teacher_c_id: people[2].0,
            outsider: signed_in(&server, &people[3].1).await,
            cohort_a,
            cohort_b,
            server,
        }
    }

    /// Adds an online session to `cohort` starting `from_now` seconds from the server's clock.
    pub async fn session(&self, cohort: i64, title: &str, from_now: i64, minutes: i64) -> i64 {
        let start = self.server.clock.now() + from_now;
        schedule::add(
            &self.server.db,
            cohort,
            &NewSession {
                title: title.to_string(),
                starts_at: start,
                duration_minutes: minutes,
                mode: SessionMode::Online,
                meeting_url: Some("https://meet.example.id/abc-defg".into()),
                venue: None,
                city: None,
                jp: 2,
                host_user_id: None,
                host_name: None,
            },
            start,
        )
        .await
        .expect("session")
    }

    /// The code on the host's screen of `session`, read from the page as the admin sees it.
    pub async fn code_on_screen(&self, session: i64) -> String {
        let (status, page) = self.admin.page(&format!("/sesi/{session}")).await;
        assert_eq!(status, 200, "{page}");
        let start = page
            .find("class=\"big-code\"")
            .expect("a code on the screen");
        let rest = &page[start..];
        let open = rest.find('>').expect("tag end") + 1;
        let close = rest[open..].find('<').expect("text end");
        rest[open..open + close].replace(' ', "")
    }

    /// The attendance row of `user` for `session`: status and minutes.
    pub async fn attendance(&self, session: i64, user: UserId) -> Option<(String, Option<i64>)> {
        sqlx::query_as(
            "select status, minutes from attendance where session_id = $1 and user_id = $2",
        )
        .bind(session)
        .bind(user.0)
        .fetch_optional(&self.server.db)
        .await
        .expect("attendance")
    }

    /// How many changes are kept for `user` at `session`.
    pub async fn changes(&self, session: i64, user: UserId) -> i64 {
        let (n,): (i64,) = sqlx::query_as(
            "select count(*) from attendance_change where session_id = $1 and user_id = $2",
        )
        .bind(session)
        .bind(user.0)
        .fetch_one(&self.server.db)
        .await
        .expect("changes");
        n
    }
}

/// A code that is six digits and not `code`.
pub fn another_code(code: &str) -> String {
    let first = code.as_bytes()[0];
    let other = if first == b'9' {
        '0'
    } else {
        (first + 1) as char
    };
    format!("{other}{}", &code[1..])
}
