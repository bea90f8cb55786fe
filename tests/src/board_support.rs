//! What the board tests share: a cohort with two mentor groups, their mentors and one teacher in
//! each, all signed in; and a reader of a board's live stream (server-sent events) over HTTP.

use crate::harness::{Client, Options, TestServer};
use crate::registration_support::PASSWORD;
use crate::{fixtures, quiz_results_support};
use app::model::{InstitutionId, Role, UserId};
use app::ssr::db::now_unix;
use std::time::Duration;

/// A cohort with groups "Melati" (mentor A, teacher A) and "Mawar" (mentor B, teacher B).
pub struct BoardWorld {
    pub server: TestServer,
    pub agency: InstitutionId,
    pub program: i64,
    pub cohort: i64,
    pub board_a: i64,
    pub board_b: i64,
    pub admin: Client,
    pub mentor_a: Client,
    pub mentor_b: Client,
    pub teacher_a: Client,
    pub teacher_b: Client,
    pub teacher_a_id: UserId,
}

/// A new user of `role` at `institution`, signed in in their own browser.
pub async fn signed_in(
    server: &TestServer,
    role: Role,
    email: &str,
    institution: InstitutionId,
) -> (Client, UserId) {
    let id = server.user(role, email, PASSWORD, Some(institution)).await;
    let client = server.new_client();
    let response = client.sign_in(email, PASSWORD).await;
    assert_eq!(response.status(), 200, "sign in {email}");
    (client, id)
}

/// Turns off the boards' rate limits and storage quotas, for tests that write far more than a
/// person would and are about something else.
pub fn without_board_limits(config: &mut server::config::Config) {
    config.board_posts_per_minute = 0;
    config.board_posts_per_hour = 0;
    config.board_comments_per_minute = 0;
    config.board_comments_per_hour = 0;
    config.board_uploads_per_minute = 0;
    config.board_uploads_per_hour = 0;
    config.storage_per_user_mb = 0;
    config.storage_per_cohort_mb = 0;
}

/// A board world whose server has no board limits (see [`without_board_limits`]).
pub async fn unlimited_world() -> BoardWorld {
    BoardWorld::start_with(Options {
        configure: Some(without_board_limits),
        ..Options::default()
    })
    .await
}

/// Makes a group of `cohort` led by `mentor`, with `member` in it; returns the group's board.
async fn group_with_member(
    server: &TestServer,
    cohort: i64,
    name: &str,
    mentor: UserId,
    member: UserId,
) -> i64 {
    let db = &server.db;
    let group = quiz_results_support::group(db, cohort, name, Some(mentor)).await;
    let enrolment = fixtures::approved_enrolment(db, cohort, member).await;
    quiz_results_support::join_group(db, enrolment, group).await;
    app::ssr::boards::access::group_board(db, group, now_unix())
        .await
        .expect("board")
        .expect("group exists")
}

impl BoardWorld {
    pub async fn start() -> BoardWorld {
        Self::start_with(Options::default()).await
    }

    /// The same world on a server configured by `options`.
    pub async fn start_with(options: Options) -> BoardWorld {
        let server = TestServer::start_with(options).await;
        let inst = server.institutions().await;
        let (admin, admin_id) =
            signed_in(&server, Role::Admin, "admin@bpsdm.go.id", inst.agency).await;
        let program = fixtures::program(&server.db, inst.agency, admin_id, "published").await;
        let cohort = fixtures::cohort(&server.db, program, "Angkatan 1", 100, admin_id).await;
        let (mentor_a, mentor_a_id) =
            signed_in(&server, Role::Mentor, "mentor.a@bpsdm.go.id", inst.agency).await;
        let (mentor_b, mentor_b_id) =
            signed_in(&server, Role::Mentor, "mentor.b@bpsdm.go.id", inst.agency).await;
        let (teacher_a, teacher_a_id) =
            signed_in(&server, Role::Participant, "guru.a@sekolah.id", inst.agency).await;
        let (teacher_b, teacher_b_id) =
            signed_in(&server, Role::Participant, "guru.b@sekolah.id", inst.agency).await;
        let board_a = group_with_member(&server, cohort, "Melati", mentor_a_id, teacher_a_id).await;
        let board_b = group_with_member(&server, cohort, "Mawar", mentor_b_id, teacher_b_id).await;
        BoardWorld {
            server,
            agency: inst.agency,
            program,
            cohort,
            board_a,
            board_b,
            admin,
            mentor_a,
            mentor_b,
            teacher_a,
            teacher_b,
            teacher_a_id,
        }
    }

    pub async fn stop(self) {
        self.server.stop().await;
    }

    /// Another teacher signed in, a member of board `board`'s group.
    pub async fn teacher_in(&self, board: i64, email: &str) -> Client {
        let (client, id) = signed_in(&self.server, Role::Participant, email, self.agency).await;
        let (group,): (i64,) = sqlx::query_as("select group_id from board where id = $1")
            .bind(board)
            .fetch_one(&self.server.db)
            .await
            .expect("group of board");
        let enrolment = fixtures::approved_enrolment(&self.server.db, self.cohort, id).await;
        quiz_results_support::join_group(&self.server.db, enrolment, group).await;
        client
    }

    /// A mentor signed in who mentors no group.
    pub async fn mentor_without_group(&self, email: &str) -> Client {
        signed_in(&self.server, Role::Mentor, email, self.agency)
            .await
            .0
    }
}

/// Posts work on `board` as `client` (as the hydrated form does); returns the new post's id.
pub async fn post_work(client: &Client, board: i64, title: &str, body: &str) -> i64 {
    let response = client
        .call(
            "create_post",
            &[
                ("board_id", &board.to_string()),
                ("kind", "refleksi"),
                ("title", title),
                ("body", body),
            ],
        )
        .await;
    let status = response.status().as_u16();
    let to = crate::harness::location(&response).unwrap_or_default();
    assert!(
        (200..400).contains(&status),
        "create_post answered {status}: {}",
        response.text().await.unwrap_or_default()
    );
    to.strip_prefix("/papan/pos/")
        .and_then(|s| s.split(['?', '#']).next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("create_post sent the browser to {to:?}"))
}

/// Comments on `post` as `client`; returns the response's status.
pub async fn comment(client: &Client, post: i64, parent: &str, anchor: &str, body: &str) -> u16 {
    client
        .call(
            "add_comment",
            &[
                ("post_id", &post.to_string()),
                ("parent_id", parent),
                ("anchor", anchor),
                ("body", body),
            ],
        )
        .await
        .status()
        .as_u16()
}

/// One server-sent event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SseEvent {
    pub id: Option<i64>,
    pub event: String,
    pub data: String,
}

/// An open live stream, read event by event.
pub struct LiveStream {
    response: reqwest::Response,
    buffer: String,
}

impl LiveStream {
    /// Opens `/papan/{board}/aliran` as `client`, resuming after `last_event_id` if given; None
    /// (with the status) when the server refuses.
    pub async fn open(
        client: &Client,
        board: i64,
        query: &str,
        last_event_id: Option<i64>,
    ) -> Result<LiveStream, u16> {
        Self::open_at(
            client,
            &format!("/papan/{board}/aliran{query}"),
            last_event_id,
        )
        .await
    }

    /// Opens the event stream at `path` as `client`.
    pub async fn open_at(
        client: &Client,
        path: &str,
        last_event_id: Option<i64>,
    ) -> Result<LiveStream, u16> {
        let mut request = client
            .http
            .get(client.url(path))
            .header("accept", "text/event-stream")
            // A stream has no end: only the events we wait for are timed (see `next`).
            .timeout(Duration::from_secs(3600));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        let response = request.send().await.expect("GET stream");
        let status = response.status().as_u16();
        if status != 200 {
            return Err(status);
        }
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(kind.starts_with("text/event-stream"), "content type {kind}");
        Ok(LiveStream {
            response,
            buffer: String::new(),
        })
    }

    /// The next event with data (comments and `retry:` lines skipped), or None if none arrives
    /// within `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = SseEvent::default();
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        event.id = v.trim().parse().ok();
                    } else if let Some(v) = line.strip_prefix("event:") {
                        event.event = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push(v.strip_prefix(' ').unwrap_or(v).to_string());
                    }
                }
                if !data.is_empty() {
                    event.data = data.join("\n");
                    return Some(event);
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await;
            match chunk {
                Ok(Ok(Some(bytes))) => self
                    .buffer
                    .push_str(&String::from_utf8_lossy(&bytes).replace("\r\n", "\n")),
                _ => return None,
            }
        }
    }

    /// Whether the server ends the stream within `wait` (events and keep-alives in between are
    /// read and dropped).
    pub async fn ends_within(&mut self, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Ok(Ok(Some(_))) => continue,
                Ok(Ok(None)) => return true,
                Ok(Err(err)) => panic!("the stream broke instead of ending: {err}"),
                Err(_) => return false,
            }
        }
    }

    /// Every event arriving within `wait` of the previous one.
    pub async fn drain(&mut self, wait: Duration) -> Vec<SseEvent> {
        let mut all = Vec::new();
        while let Some(event) = self.next(wait).await {
            all.push(event);
        }
        all
    }
}

/// The HTML fragments of a live event's operations.
pub fn fragments(event: &SseEvent) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(&event.data).unwrap_or_default();
    value["ops"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .filter_map(|op| op["html"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The unread badges a page shows (the navigation's live badge is rendered hidden at zero).
pub fn visible_unread_badges(page: &str) -> Vec<String> {
    page.match_indices("<span class=\"badge unread\"")
        .filter_map(|(at, _)| {
            let rest = &page[at..];
            let tag_end = rest.find('>')?;
            let tag = &rest[..tag_end];
            if tag.contains(" hidden") {
                return None;
            }
            let text = rest[tag_end + 1..].split("</span>").next()?;
            Some(text.trim().to_string())
        })
        .collect()
}
