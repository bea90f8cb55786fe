//! What the coaching log tests share: a cohort with two mentor groups ("Melati": mentor A and
//! teacher A; "Mawar": mentor B and teacher B), an admin of the organising agency and one of
//! another district, all signed in; and small readers of the rendered pages.

use crate::board_support::signed_in;
use crate::harness::{location, Client, TestServer};
use crate::{fixtures, quiz_results_support};
use app::model::{Role, UserId};

/// The people and places of a coaching test.
pub struct CoachingWorld {
    pub server: TestServer,
    pub cohort: i64,
    /// A second cohort of the same program that nobody here is enrolled in.
    pub other_cohort: i64,
    /// Admin of the agency that organises the program (the cohort is in their scope).
    pub admin: Client,
    /// Admin of district B, below the agency (the cohort is not in their scope).
    pub admin_elsewhere: Client,
    pub mentor_a: Client,
    pub mentor_b: Client,
    pub teacher_a: Client,
    pub teacher_b: Client,
    pub teacher_a_id: UserId,
    pub teacher_b_id: UserId,
    /// Teacher A's enrolment in `cohort`.
    pub enrolment_a: i64,
}

impl CoachingWorld {
    pub async fn start() -> CoachingWorld {
        let server = TestServer::start().await;
        let inst = server.institutions().await;
        let db = &server.db;
        let (admin, admin_id) =
            signed_in(&server, Role::Admin, "admin@bpsdm.go.id", inst.agency).await;
        let (admin_elsewhere, _) =
            signed_in(&server, Role::Admin, "admin@dinas-b.go.id", inst.district_b).await;
        let program = fixtures::program(db, inst.agency, admin_id, "published").await;
        let cohort = fixtures::cohort(db, program, "Angkatan 1", 100, admin_id).await;
        let other_cohort = fixtures::cohort(db, program, "Angkatan 2", 100, admin_id).await;
        let (mentor_a, mentor_a_id) =
            signed_in(&server, Role::Mentor, "mentor.a@bpsdm.go.id", inst.agency).await;
        let (mentor_b, mentor_b_id) =
            signed_in(&server, Role::Mentor, "mentor.b@bpsdm.go.id", inst.agency).await;
        let (teacher_a, teacher_a_id) = signed_in(
            &server,
            Role::Participant,
            "guru.a@sekolah.id",
            inst.school_a,
        )
        .await;
        let (teacher_b, teacher_b_id) = signed_in(
            &server,
            Role::Participant,
            "guru.b@sekolah.id",
            inst.school_b,
        )
        .await;
        let melati = quiz_results_support::group(db, cohort, "Melati", Some(mentor_a_id)).await;
        let mawar = quiz_results_support::group(db, cohort, "Mawar", Some(mentor_b_id)).await;
        let enrolment_a = fixtures::approved_enrolment(db, cohort, teacher_a_id).await;
        quiz_results_support::join_group(db, enrolment_a, melati).await;
        let enrolment_b = fixtures::approved_enrolment(db, cohort, teacher_b_id).await;
        quiz_results_support::join_group(db, enrolment_b, mawar).await;
        CoachingWorld {
            server,
            cohort,
            other_cohort,
            admin,
            admin_elsewhere,
            mentor_a,
            mentor_b,
            teacher_a,
            teacher_b,
            teacher_a_id,
            teacher_b_id,
            enrolment_a,
        }
    }

    pub async fn stop(self) {
        self.server.stop().await;
    }
}

/// The four TIRTA parts of a cycle, in form order.
#[derive(Clone, Copy, Debug)]
pub struct Tirta<'a> {
    pub goal: &'a str,
    pub identification: &'a str,
    pub action_plan: &'a str,
    pub commitment: &'a str,
}

impl<'a> Tirta<'a> {
    /// An ordinary cycle whose goal is `goal`.
    pub fn with_goal(goal: &'a str) -> Tirta<'a> {
        Tirta {
            goal,
            identification: "Siswa langsung percaya pada hasil pencarian teratas.",
            action_plan: "Latihan membandingkan dua sumber dengan lembar kerja.",
            commitment: "Saya laksanakan hari Senin dan mencatat hasilnya.",
        }
    }

    /// The form fields, after `first` (`cohort_id` or `cycle_id` with its value).
    pub fn form(&self, first: (&'a str, &'a str)) -> [(&'a str, &'a str); 5] {
        [
            first,
            ("goal", self.goal),
            ("identification", self.identification),
            ("action_plan", self.action_plan),
            ("commitment", self.commitment),
        ]
    }
}

/// The cycle id in a redirect to `/coaching/{id}` (with any query or anchor).
pub fn cycle_of(to: &str) -> Option<i64> {
    to.strip_prefix("/coaching/")?
        .split(['?', '#'])
        .next()?
        .parse()
        .ok()
}

/// Starts a cycle in `cohort` as `client` (as the hydrated form does); returns its id.
pub async fn start_cycle(client: &Client, cohort: i64, parts: Tirta<'_>) -> i64 {
    let cohort = cohort.to_string();
    let response = client
        .call("create_coaching_cycle", &parts.form(("cohort_id", &cohort)))
        .await;
    let status = response.status().as_u16();
    let to = location(&response).unwrap_or_default();
    assert!(
        (200..400).contains(&status),
        "create_coaching_cycle answered {status}: {}",
        response.text().await.unwrap_or_default()
    );
    cycle_of(&to).unwrap_or_else(|| panic!("create_coaching_cycle sent the browser to {to:?}"))
}

/// Comments on `cycle` as `client` (as the hydrated form does); returns the status.
pub async fn comment(client: &Client, cycle: i64, body: &str) -> u16 {
    client
        .call(
            "add_coaching_comment",
            &[("cycle_id", &cycle.to_string()), ("body", body)],
        )
        .await
        .status()
        .as_u16()
}

/// Rewrites `cycle` as `client` (as the hydrated form does); returns the status.
pub async fn edit_cycle(client: &Client, cycle: i64, parts: Tirta<'_>) -> u16 {
    let cycle = cycle.to_string();
    client
        .call("update_coaching_cycle", &parts.form(("cycle_id", &cycle)))
        .await
        .status()
        .as_u16()
}

/// The text of the error slot of field `field` (`<p … id="e-field" …>text</p>`), if the page has it.
pub fn field_error(page: &str, field: &str) -> Option<String> {
    let at = page.find(&format!("id=\"e-{field}\""))?;
    let rest = &page[at..];
    let open_end = rest.find('>')?;
    let inner = &rest[open_end + 1..];
    Some(inner[..inner.find("</p>")?].to_string())
}

/// The raw (still escaped) contents of every `<textarea name="name">` on the page, in order.
pub fn textareas(page: &str, name: &str) -> Vec<String> {
    let marker = format!("name=\"{name}\"");
    page.match_indices("<textarea")
        .filter_map(|(at, _)| {
            let rest = &page[at..];
            let open_end = rest.find('>')?;
            if !rest[..open_end].contains(&marker) {
                return None;
            }
            let inner = &rest[open_end + 1..];
            Some(inner[..inner.find("</textarea>")?].to_string())
        })
        .collect()
}
