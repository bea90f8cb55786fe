//! Setting for the survey tests: a program with two cohorts, an admin (and one of another
//! district, out of scope), two mentors of cohort A and one outside it, seven participants of
//! cohort A and one of cohort B; and helpers that build instruments and give surveys through the
//! real forms.

use crate::fixtures;
use crate::harness::{location, Client, TestServer};
use crate::registration_support::{participants, signed_in, PASSWORD};
use app::model::{Role, UserId};

/// A browser with JavaScript off posts forms accepting pages.
pub const BROWSER: &str = "text/html,application/xhtml+xml";

/// Everyone the survey tests need.
pub struct SurveysWorld {
    pub server: TestServer,
    pub admin: Client,
    /// An admin of district B, which organises nothing here.
    pub other_admin: Client,
    pub mentor: Client,
    pub mentor_id: UserId,
    pub mentor2_id: UserId,
    /// A mentor of no cohort here.
    pub stranger_mentor: Client,
    /// Cohort A's participants: (client, id, name).
    pub teachers: Vec<(Client, UserId, String)>,
    /// Approved in cohort B only.
    pub outsider: Client,
    pub cohort_a: i64,
    pub cohort_b: i64,
}

impl SurveysWorld {
    pub async fn start() -> SurveysWorld {
        let server = TestServer::start().await;
        let places = server.institutions().await;
        let admin_id = server
            .user(Role::Admin, "admin@uji.test", PASSWORD, Some(places.agency))
            .await;
        server
            .user(
                Role::Admin,
                "adminb@uji.test",
                PASSWORD,
                Some(places.district_b),
            )
            .await;
        let mentor_id = server
            .user(
                Role::Mentor,
                "mentor@uji.test",
                PASSWORD,
                Some(places.agency),
            )
            .await;
        let mentor2_id = server
            .user(
                Role::Mentor,
                "mentor2@uji.test",
                PASSWORD,
                Some(places.agency),
            )
            .await;
        server
            .user(
                Role::Mentor,
                "asing@uji.test",
                PASSWORD,
                Some(places.agency),
            )
            .await;
        let program = fixtures::program(&server.db, places.agency, admin_id, "published").await;
        let cohort_a = fixtures::cohort(&server.db, program, "Angkatan A", 100, admin_id).await;
        let cohort_b = fixtures::cohort(&server.db, program, "Angkatan B", 100, admin_id).await;
        let people = participants(&server, "guru", 8, places.school_a).await;
        for (id, _) in &people[..7] {
            fixtures::approved_enrolment(&server.db, cohort_a, *id).await;
        }
        fixtures::approved_enrolment(&server.db, cohort_b, people[7].0).await;
        for mentor in [mentor_id, mentor2_id] {
            sqlx::query("insert into cohort_mentor (cohort_id, user_id) values ($1, $2)")
                .bind(cohort_a)
                .bind(mentor.0)
                .execute(&server.db)
                .await
                .expect("cohort mentor");
        }
        let mut teachers = Vec::new();
        for (id, email) in &people[..7] {
            let name: String = sqlx::query_scalar("select name from app_user where id = $1")
                .bind(id.0)
                .fetch_one(&server.db)
                .await
                .expect("name");
            teachers.push((signed_in(&server, email).await, *id, name));
        }
        SurveysWorld {
            admin: signed_in(&server, "admin@uji.test").await,
            other_admin: signed_in(&server, "adminb@uji.test").await,
            mentor: signed_in(&server, "mentor@uji.test").await,
            mentor_id,
            mentor2_id,
            stranger_mentor: signed_in(&server, "asing@uji.test").await,
            teachers,
            outsider: signed_in(&server, &people[7].1).await,
            cohort_a,
            cohort_b,
            server,
        }
    }

    /// An instrument made by the admin from template `code`, through the form.
    pub async fn from_template(&self, code: &str) -> i64 {
        let done = self
            .admin
            .post_to(
                "/admin/survei/templat",
                "/admin/survei",
                BROWSER,
                &[("template", code)],
            )
            .await;
        assert_eq!(done.status(), 303);
        let to = location(&done).expect("location");
        to.trim_start_matches("/admin/instrumen/")
            .parse()
            .unwrap_or_else(|_| panic!("instrument page: {to}"))
    }

    /// Gives a survey of `cohort` through the admin's form, open from `opens_in` seconds (from the
    /// server's clock, to the minute) for `lasts` seconds; returns its id.
    pub async fn give(
        &self,
        cohort: i64,
        instrument: i64,
        target: &str,
        kind: &str,
        opens_in: i64,
        lasts: i64,
    ) -> i64 {
        let opens = self.server.clock.now() + opens_in;
        let closes = opens + lasts;
        let split = |at: i64| {
            let full = app::model::wib::date_time_of(at);
            let (day, time) = full.split_once(' ').expect("date and time");
            (day.to_string(), time[..5].to_string())
        };
        let (od, ot) = split(opens);
        let (cd, ct) = split(closes);
        let instrument = instrument.to_string();
        let page = format!("/admin/angkatan/{cohort}/survei");
        let done = self
            .admin
            .post_to(
                &page,
                &page,
                BROWSER,
                &[
                    ("title", "Evaluasi Uji"),
                    ("instrument_id", &instrument),
                    ("target", target),
                    ("kind", kind),
                    ("required", "1"),
                    ("opens_date", &od),
                    ("opens_time", &ot),
                    ("closes_date", &cd),
                    ("closes_time", &ct),
                ],
            )
            .await;
        assert_eq!(done.status(), 303);
        assert_eq!(location(&done).as_deref(), Some(page.as_str()));
        sqlx::query_scalar("select max(id) from survey where cohort_id = $1")
            .bind(cohort)
            .fetch_one(&self.server.db)
            .await
            .expect("survey id")
    }

    /// The items of an instrument: (id, kind).
    pub async fn items(&self, instrument: i64) -> Vec<(i64, String)> {
        sqlx::query_as(
            "select id, kind from survey_item where instrument_id = $1 order by position, id",
        )
        .bind(instrument)
        .fetch_all(&self.server.db)
        .await
        .expect("items")
    }
}

/// A full answer to `items`: `point` for each scale item, `comment` for each text item.
pub fn full_answer(items: &[(i64, String)], point: &str, comment: &str) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(id, kind)| {
            let value = if kind == "text" { comment } else { point };
            (format!("i{id}"), value.to_string())
        })
        .collect()
}

/// Posts an answer form as a browser with JavaScript off.
pub async fn answer(
    client: &Client,
    survey: i64,
    subject: i64,
    fields: &[(String, String)],
) -> reqwest::Response {
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let page = format!("/peserta/survei/{survey}/{subject}");
    client
        .post_to(
            &format!("/survei/{survey}/{subject}/jawab"),
            &page,
            BROWSER,
            &form,
        )
        .await
}
