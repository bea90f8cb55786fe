//! Planning over real HTTP: institutions, training-needs proposals, programs and their status,
//! the public catalog, cooperation agreements (PKS), and the scope of every admin action.

use app::model::planning::{NeedsView, ProgramView, ProgramsView};
use app::model::{ErrorKind, InstitutionId, Role};
use app::ssr::db::now_unix;
use pamong_tests::fixtures;
use pamong_tests::harness::{error_of, location, Client, Institutions, TestServer};

const PASSWORD: &str = "kata-sandi-uji-1";

/// Signs a new client in as a fresh account of `role` at `institution`.
async fn signed_in(
    server: &TestServer,
    role: Role,
    email: &str,
    institution: Option<InstitutionId>,
) -> Client {
    server.user(role, email, PASSWORD, institution).await;
    let client = server.new_client();
    let response = client.sign_in(email, PASSWORD).await;
    assert_eq!(response.status(), 200, "sign in {email}");
    client
}

/// A second province with its own agency and admin.
async fn other_province(server: &TestServer) -> (InstitutionId, Client) {
    let agency = app::ssr::institutions::insert(
        &server.db,
        "BPSDM Provinsi Lain",
        "province_agency",
        None,
        None,
        Some("34"),
        now_unix(),
    )
    .await
    .expect("second agency");
    let admin = signed_in(server, Role::Admin, "admin@lain.test", Some(agency)).await;
    (agency, admin)
}

async fn json<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("unexpected body ({e}): {text}"))
}

/// The form of a valid program, with `title`; `extra` replaces or adds fields.
fn program_form<'a>(title: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("title", title),
        (
            "description",
            "Pelatihan desain pembelajaran HOTS untuk guru SMP.",
        ),
        ("competencies[]", "3"),
        ("competencies[]", "2"),
        ("level", "basic"),
        ("total_jp", "32"),
        ("mode", "online"),
        ("funding", "apbd"),
        ("fee_amount", ""),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    form
}

/// Creates a program through HTTP and returns its id.
async fn create_program(client: &Client, title: &str, extra: &[(&str, &str)]) -> i64 {
    let response = client
        .call("create_program", &program_form(title, extra))
        .await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    let to = location(&response).expect("redirect to the program");
    to.trim_start_matches("/admin/program/")
        .parse()
        .expect("program id")
}

async fn set_status(client: &Client, program: i64, status: &str) -> reqwest::Response {
    client
        .call(
            "change_program_status",
            &[("program_id", &program.to_string()), ("status", status)],
        )
        .await
}

async fn setup() -> (TestServer, Institutions, Client) {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = signed_in(&server, Role::Admin, "admin@bpsdm.test", Some(inst.agency)).await;
    (server, inst, admin)
}

#[tokio::test]
async fn institutions_are_created_under_the_right_parent_with_valid_codes() {
    let (server, inst, admin) = setup().await;
    let district = inst.district_a.0.to_string();
    let agency = inst.agency.0.to_string();
    let school = |npsn: &'static str, region: &'static str| {
        vec![
            ("parent_id", district.clone()),
            ("kind", "school".to_string()),
            ("name", "SMP Negeri 9".to_string()),
            ("npsn", npsn.to_string()),
            ("region_code", region.to_string()),
        ]
    };
    let as_refs = |f: &Vec<(&'static str, String)>| {
        f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    let post = |form: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            admin.call("create_institution", &form).await
        }
    };

    // A bad NPSN.
    let err = error_of(post(as_refs(&school("123", "33.01.02"))).await).await;
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(
        err.field_message("npsn")
            .is_some_and(|m| m.contains("NPSN harus 8 angka")),
        "{err:?}"
    );
    // An NPSN another school already has.
    let err = error_of(post(as_refs(&school("20300001", "33.01.02"))).await).await;
    assert_eq!(
        err.field_message("npsn"),
        Some("NPSN ini sudah dipakai lembaga lain.")
    );
    // A region outside the parent district 33.01.
    let err = error_of(post(as_refs(&school("20300099", "33.02.01"))).await).await;
    assert!(
        err.field_message("region_code")
            .is_some_and(|m| m.contains("(33.01)")),
        "{err:?}"
    );
    // A district office outside the agency's province 33, and a school under the agency.
    let err = error_of(
        admin
            .call(
                "create_institution",
                &[
                    ("parent_id", &agency),
                    ("kind", "district_office"),
                    ("name", "Dinas C"),
                    ("npsn", ""),
                    ("region_code", "34.02"),
                ],
            )
            .await,
    )
    .await;
    assert!(
        err.field_message("region_code")
            .is_some_and(|m| m.contains("(33)")),
        "{err:?}"
    );
    let err = error_of(
        admin
            .call(
                "create_institution",
                &[
                    ("parent_id", &agency),
                    ("kind", "school"),
                    ("name", "SD X"),
                    ("npsn", "20300077"),
                    ("region_code", "33.09"),
                ],
            )
            .await,
    )
    .await;
    assert!(err.field_message("parent_id").is_some(), "{err:?}");

    // Valid: a new district office, then a school under it.
    let response = admin
        .call(
            "create_institution",
            &[
                ("parent_id", &agency),
                ("kind", "district_office"),
                ("name", "Dinas Kota C"),
                ("npsn", ""),
                ("region_code", "33.71"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let (new_district,): (i64,) =
        sqlx::query_as("select id from institution where name = 'Dinas Kota C'")
            .fetch_one(&server.db)
            .await
            .expect("district stored");
    let response = admin
        .call(
            "create_institution",
            &[
                ("parent_id", &new_district.to_string()),
                ("kind", "school"),
                ("name", "SMA Negeri 1 C"),
                ("npsn", "20300123"),
                ("region_code", "33.71.04"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    let (npsn, parent): (String, i64) =
        sqlx::query_as("select npsn, parent_id from institution where name = 'SMA Negeri 1 C'")
            .fetch_one(&server.db)
            .await
            .expect("school stored");
    assert_eq!((npsn.as_str(), parent), ("20300123", new_district));

    // The list filters on the server.
    let (status, body) = admin.page("/admin/lembaga?jenis=school&q=sma").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("SMA Negeri 1 C") && !body.contains("Sekolah A"),
        "{body}"
    );

    // Edit: the region must stay within the parent's.
    let err = error_of(
        admin
            .call(
                "update_institution",
                &[
                    ("id", &new_district.to_string()),
                    ("name", "Dinas Kota C"),
                    ("region_code", "35.71"),
                ],
            )
            .await,
    )
    .await;
    assert!(err.field_message("region_code").is_some(), "{err:?}");
    let response = admin
        .call(
            "update_institution",
            &[
                ("id", &inst.school_a.0.to_string()),
                ("name", "SMP Negeri 1 A"),
                ("region_code", "33.01.03"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    server.stop().await;
}

#[tokio::test]
async fn with_javascript_off_a_taken_npsn_comes_back_next_to_the_field() {
    let (server, inst, admin) = setup().await;
    let response = admin
        .submit(
            "/admin/lembaga",
            "create_institution",
            &[
                ("parent_id", &inst.district_b.0.to_string()),
                ("kind", "school"),
                ("name", "SD Negeri Baru"),
                ("npsn", "20300002"),
                ("region_code", "33.02.01"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response).as_deref(), Some("/admin/lembaga"));
    let (status, body) = admin.page("/admin/lembaga").await;
    assert_eq!(status, 400, "the page answers with the error's status");
    let slot = body
        .find(r#"data-error-for="npsn""#)
        .map(|at| &body[at..at + 120]);
    assert!(
        slot.is_some_and(|s| s.contains(">NPSN ini sudah dipakai lembaga lain.<")),
        "{slot:?}"
    );
    assert!(
        body.contains(r#"value="SD Negeri Baru""#),
        "what was typed is kept: {body}"
    );
    server.stop().await;
}

#[tokio::test]
async fn needs_are_proposed_reviewed_and_counted_by_competency_and_region() {
    let (server, inst, agency_admin) = setup().await;
    let school_admin = signed_in(
        &server,
        Role::Admin,
        "kepsek@sekolah-a.test",
        Some(inst.school_a),
    )
    .await;
    let district_admin = signed_in(
        &server,
        Role::Admin,
        "admin@dinas-b.test",
        Some(inst.district_b),
    )
    .await;
    let propose = |client: &Client, competency: &'static str, teachers: &'static str| {
        let client = client.clone();
        async move {
            client
                .call(
                    "propose_need",
                    &[
                        ("competency_id", competency),
                        ("level", "basic"),
                        ("teacher_count", teachers),
                        (
                            "justification",
                            "Rapor pendidikan menunjukkan kebutuhan ini.",
                        ),
                    ],
                )
                .await
        }
    };
    for (client, competency, teachers) in [
        (&school_admin, "3", "12"),
        (&school_admin, "2", "5"),
        (&district_admin, "3", "40"),
        (&school_admin, "3", "8"),
    ] {
        assert_eq!(propose(client, competency, teachers).await.status(), 200);
    }
    // The agency cannot propose: it reviews.
    let err = error_of(propose(&agency_admin, "3", "1").await).await;
    assert_eq!(err.kind, ErrorKind::Forbidden);
    let err = error_of(
        school_admin
            .call(
                "propose_need",
                &[
                    ("competency_id", "3"),
                    ("level", "expert"),
                    ("teacher_count", "0"),
                    ("justification", ""),
                ],
            )
            .await,
    )
    .await;
    for field in ["level", "teacher_count", "justification"] {
        assert!(err.field_message(field).is_some(), "{field}: {err:?}");
    }

    let ids: Vec<(i64,)> = sqlx::query_as("select id from training_need order by id")
        .fetch_all(&server.db)
        .await
        .expect("needs");
    let need = |n: usize| ids[n].0.to_string();

    // The proposer cannot review their own institution's proposal.
    let err = error_of(
        school_admin
            .call(
                "review_need",
                &[
                    ("need_id", &need(0)),
                    ("decision", "accept"),
                    ("reason", ""),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(err.kind, ErrorKind::Forbidden);
    // Rejecting needs a reason.
    let err = error_of(
        agency_admin
            .call(
                "review_need",
                &[
                    ("need_id", &need(0)),
                    ("decision", "reject"),
                    ("reason", "  "),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(
        err.field_message("reason"),
        Some("Tuliskan alasan penolakan.")
    );
    let response = agency_admin
        .call(
            "review_need",
            &[
                ("need_id", &need(0)),
                ("decision", "reject"),
                ("reason", "Sudah dilatih tahun lalu."),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    // A decided proposal is not decided again.
    let err = error_of(
        agency_admin
            .call(
                "review_need",
                &[
                    ("need_id", &need(0)),
                    ("decision", "accept"),
                    ("reason", ""),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert_eq!(
        agency_admin
            .call(
                "review_need",
                &[
                    ("need_id", &need(1)),
                    ("decision", "accept"),
                    ("reason", "")
                ]
            )
            .await
            .status(),
        200
    );
    // Merging needs a program in scope.
    let err = error_of(
        agency_admin
            .call(
                "review_need",
                &[("need_id", &need(2)), ("decision", "merge"), ("reason", "")],
            )
            .await,
    )
    .await;
    assert!(err.field_message("program_id").is_some(), "{err:?}");
    let program = create_program(&agency_admin, "Diklat HOTS Terpadu", &[]).await;
    let response = agency_admin
        .call(
            "review_need",
            &[
                ("need_id", &need(2)),
                ("decision", "merge"),
                ("reason", ""),
                ("program_id", &program.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let stored: Vec<(String, Option<String>, Option<i64>)> =
        sqlx::query_as("select status, review_reason, program_id from training_need order by id")
            .fetch_all(&server.db)
            .await
            .expect("needs");
    assert_eq!(
        stored[0],
        (
            "rejected".to_string(),
            Some("Sudah dilatih tahun lalu.".to_string()),
            None
        )
    );
    assert_eq!(stored[1].0, "accepted");
    assert_eq!(stored[2], ("merged".to_string(), None, Some(program)));
    assert_eq!(stored[3].0, "proposed");

    // Counts: all four proposals by competency and region.
    let view: NeedsView = json(agency_admin.call("list_needs", &[]).await).await;
    assert_eq!(view.list.total, 4);
    let hots = view
        .by_competency
        .iter()
        .find(|c| c.label == "Desain pembelajaran HOTS")
        .expect("HOTS count");
    assert_eq!((hots.proposals, hots.teachers), (3, 60));
    let region = |code: &str| {
        view.by_region
            .iter()
            .find(|r| r.label == code)
            .map(|r| (r.proposals, r.teachers))
    };
    assert_eq!(region("33.01"), Some((3, 25)), "{:?}", view.by_region);
    assert_eq!(region("33.02"), Some((1, 40)), "{:?}", view.by_region);
    // Filters on the server: region prefix and status.
    let view: NeedsView = json(
        agency_admin
            .call("list_needs", &[("region", "33.02"), ("status", "")])
            .await,
    )
    .await;
    assert_eq!(view.list.total, 1);
    assert_eq!(view.list.items[0].teacher_count, 40);
    let view: NeedsView = json(
        agency_admin
            .call(
                "list_needs",
                &[("status", "proposed"), ("competency", "hots_design")],
            )
            .await,
    )
    .await;
    assert_eq!(view.list.total, 1);
    assert_eq!(view.by_competency.len(), 1);
    // The district office sees only its own proposal, not the school's in the other district.
    let view: NeedsView = json(district_admin.call("list_needs", &[]).await).await;
    assert_eq!(view.list.total, 1);

    // The page renders the review forms for the agency and the counts.
    let (status, body) = agency_admin.page("/admin/usulan?status=proposed").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(r#"action="/api/review_need""#) && body.contains("Menurut wilayah"),
        "{body}"
    );
    server.stop().await;
}

#[tokio::test]
async fn programs_are_validated_and_move_only_draft_published_closed() {
    let (server, _inst, admin) = setup().await;
    // Fee rules and competencies.
    let err = error_of(
        admin
            .call(
                "create_program",
                &program_form("Diklat A", &[("funding", "fee"), ("fee_amount", "")]),
            )
            .await,
    )
    .await;
    assert!(err.field_message("fee_amount").is_some(), "{err:?}");
    let err = error_of(
        admin
            .call(
                "create_program",
                &program_form("Diklat A", &[("funding", "bos"), ("fee_amount", "150000")]),
            )
            .await,
    )
    .await;
    assert!(
        err.field_message("fee_amount")
            .is_some_and(|m| m.contains("kontribusi peserta")),
        "{err:?}"
    );
    let no_competency: Vec<(&str, &str)> = program_form("Diklat A", &[("total_jp", "0")])
        .into_iter()
        .filter(|(k, _)| *k != "competencies[]")
        .collect();
    let err = error_of(admin.call("create_program", &no_competency).await).await;
    assert_eq!(
        err.field_message("competencies"),
        Some("Pilih paling sedikit satu kompetensi.")
    );
    assert!(err.field_message("total_jp").is_some(), "{err:?}");
    // Valid with a fee written with thousands separators.
    let id = create_program(
        &admin,
        "Diklat Media Pembelajaran",
        &[
            ("funding", "fee"),
            ("fee_amount", "1.500.000"),
            ("mode", "blended"),
        ],
    )
    .await;
    let (fee, status): (Option<i64>, String) =
        sqlx::query_as("select fee_amount, status from program where id = $1")
            .bind(id)
            .fetch_one(&server.db)
            .await
            .expect("program");
    assert_eq!((fee, status.as_str()), (Some(1_500_000), "draft"));
    let view: ProgramView = json(admin.call("get_program", &[("id", &id.to_string())]).await).await;
    assert_eq!(view.competency_ids, vec![2, 3]);

    // Transitions.
    let err = error_of(set_status(&admin, id, "closed").await).await;
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(
        err.message.contains("dari Draf ke Ditutup"),
        "{}",
        err.message
    );
    assert_eq!(set_status(&admin, id, "published").await.status(), 200);
    let err = error_of(set_status(&admin, id, "draft").await).await;
    assert!(
        err.message.contains("dari Terbit ke Draf"),
        "{}",
        err.message
    );
    // Editing a published program works.
    let response = admin
        .call(
            "update_program",
            &[
                vec![("program_id", id.to_string().as_str())],
                program_form("Diklat Media Pembelajaran Interaktif", &[]),
            ]
            .concat(),
        )
        .await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    assert_eq!(set_status(&admin, id, "closed").await.status(), 200);
    let err = error_of(set_status(&admin, id, "published").await).await;
    assert_eq!(err.kind, ErrorKind::Conflict);
    let err = error_of(
        admin
            .call(
                "update_program",
                &[
                    vec![("program_id", id.to_string().as_str())],
                    program_form("Diklat Lain", &[]),
                ]
                .concat(),
            )
            .await,
    )
    .await;
    assert_eq!(err.kind, ErrorKind::Conflict);
    let title: (String,) = sqlx::query_as("select title from program where id = $1")
        .bind(id)
        .fetch_one(&server.db)
        .await
        .expect("program");
    assert_eq!(title.0, "Diklat Media Pembelajaran Interaktif");

    // List filters.
    create_program(&admin, "Diklat Literasi Digital", &[]).await;
    let view: ProgramsView = json(admin.call("list_programs", &[("status", "draft")]).await).await;
    assert_eq!(
        view.list
            .items
            .iter()
            .map(|p| p.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Diklat Literasi Digital"]
    );
    let view: ProgramsView = json(admin.call("list_programs", &[("q", "media")]).await).await;
    assert_eq!(view.list.total, 1);
    server.stop().await;
}

#[tokio::test]
async fn with_javascript_off_a_missing_competency_is_shown_on_the_page() {
    let (server, _inst, admin) = setup().await;
    let form: Vec<(&str, &str)> = program_form("Diklat Tanpa Kompetensi", &[])
        .into_iter()
        .filter(|(k, _)| *k != "competencies[]")
        .collect();
    let response = admin
        .submit("/admin/program", "create_program", &form)
        .await;
    assert_eq!(response.status(), 303);
    let (_, body) = admin.page("/admin/program").await;
    assert!(
        body.contains("Pilih paling sedikit satu kompetensi."),
        "{body}"
    );
    assert!(
        body.contains(r#"value="Diklat Tanpa Kompetensi""#),
        "{body}"
    );
    // And with the boxes ticked the same post creates the program and opens its page.
    let response = admin
        .submit(
            "/admin/program",
            "create_program",
            &program_form("Diklat Dengan Kompetensi", &[]),
        )
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let to = location(&response).expect("location");
    assert!(to.starts_with("/admin/program/"), "{to}");
    let (status, body) = admin.page(&to).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Diklat Dengan Kompetensi") && body.contains("Desain pembelajaran HOTS"),
        "{body}"
    );
    server.stop().await;
}

#[tokio::test]
async fn the_catalog_shows_only_published_programs_to_anyone_as_plain_html() {
    let (server, _inst, admin) = setup().await;
    let published = create_program(&admin, "Diklat Terbit Daring", &[]).await;
    let blended = create_program(
        &admin,
        "Diklat Terbit Kombinasi",
        &[
            ("mode", "blended"),
            ("funding", "fee"),
            ("fee_amount", "250000"),
        ],
    )
    .await;
    let draft = create_program(&admin, "Diklat Masih Draf", &[]).await;
    let closed = create_program(&admin, "Diklat Sudah Ditutup", &[]).await;
    for id in [published, blended, closed] {
        assert_eq!(set_status(&admin, id, "published").await.status(), 200);
    }
    assert_eq!(set_status(&admin, closed, "closed").await.status(), 200);
    let (admin_id,): (i64,) =
        sqlx::query_as("select id from app_user where email = 'admin@bpsdm.test'")
            .fetch_one(&server.db)
            .await
            .expect("admin");
    fixtures::cohort(
        &server.db,
        published,
        "Angkatan Terbuka",
        30,
        app::model::UserId(admin_id),
    )
    .await;

    let anonymous = server.new_client();
    let (status, body) = anonymous.page("/katalog").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Diklat Terbit Daring") && body.contains("Diklat Terbit Kombinasi"),
        "{body}"
    );
    assert!(
        !body.contains("Diklat Masih Draf") && !body.contains("Diklat Sudah Ditutup"),
        "{body}"
    );
    assert!(body.contains("Rp250.000"), "the fee is shown: {body}");
    let (_, body) = anonymous.page("/katalog?moda=blended").await;
    assert!(
        body.contains("Diklat Terbit Kombinasi") && !body.contains("Diklat Terbit Daring"),
        "{body}"
    );
    let (_, body) = anonymous
        .page("/katalog?q=daring&kompetensi=hots_design&jenjang=basic")
        .await;
    assert!(
        body.contains("Diklat Terbit Daring") && !body.contains("Diklat Terbit Kombinasi"),
        "{body}"
    );

    for id in [draft, closed] {
        let (status, _) = anonymous.page(&format!("/katalog/{id}")).await;
        assert_eq!(status, 404, "program {id}");
    }
    let (status, body) = anonymous.page(&format!("/katalog/{published}")).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Angkatan Terbuka") && body.contains("Sisa 30 dari 30 kursi"),
        "{body}"
    );
    assert!(
        body.contains(&format!(r#"href="/masuk?next=/katalog/{published}""#)),
        "{body}"
    );
    assert!(!body.contains("/api/apply_to_cohort"), "{body}");

    let participant = signed_in(&server, Role::Participant, "guru@sekolah.test", None).await;
    let (_, body) = participant.page(&format!("/katalog/{published}")).await;
    assert!(
        body.contains(r#"action="/api/apply_to_cohort""#) && body.contains(r#"name="cohort_id""#),
        "{body}"
    );
    assert!(body.contains(">Daftar<"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn agreements_keep_partner_quotas_and_shares_within_100_percent() {
    let (server, inst, admin) = setup().await;
    let program = create_program(&admin, "Diklat PKS", &[]).await;
    let p = program.to_string();
    let err = error_of(
        admin
            .call(
                "create_agreement",
                &[
                    ("program_id", &p),
                    ("number", "PKS/01/2027"),
                    ("starts_on", "2027-03-01"),
                    ("ends_on", "2027-02-01"),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(
        err.field_message("ends_on"),
        Some("Tanggal berakhir harus sesudah tanggal mulai.")
    );
    let err = error_of(
        admin
            .call(
                "create_agreement",
                &[
                    ("program_id", &p),
                    ("number", "PKS/01/2027"),
                    ("starts_on", "2027-02-30"),
                    ("ends_on", "2027-12-31"),
                ],
            )
            .await,
    )
    .await;
    assert!(err.field_message("starts_on").is_some(), "{err:?}");
    let response = admin
        .call(
            "create_agreement",
            &[
                ("program_id", &p),
                ("number", "PKS/01/2027"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-12-31"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let err = error_of(
        admin
            .call(
                "create_agreement",
                &[
                    ("program_id", &p),
                    ("number", "PKS/01/2027"),
                    ("starts_on", "2027-01-01"),
                    ("ends_on", "2027-12-31"),
                ],
            )
            .await,
    )
    .await;
    assert!(err.field_message("number").is_some(), "{err:?}");
    let (agreement,): (i64,) = sqlx::query_as("select id from agreement")
        .fetch_one(&server.db)
        .await
        .expect("agreement");
    let a = agreement.to_string();
    let add = |institution: InstitutionId, quota: &'static str, share: &'static str| {
        let (admin, a) = (admin.clone(), a.clone());
        async move {
            admin
                .call(
                    "add_agreement_partner",
                    &[
                        ("agreement_id", a.as_str()),
                        ("institution_id", &institution.0.to_string()),
                        ("quota", quota),
                        ("funding_share_percent", share),
                    ],
                )
                .await
        }
    };
    assert_eq!(add(inst.district_a, "10", "60").await.status(), 200);
    let err = error_of(add(inst.district_b, "5", "50").await).await;
    assert!(
        err.field_message("funding_share_percent")
            .is_some_and(|m| m.contains("sisa 40%")),
        "{err:?}"
    );
    let err = error_of(add(inst.district_a, "5", "10").await).await;
    assert!(err.field_message("institution_id").is_some(), "{err:?}");
    let err = error_of(add(inst.district_b, "-1", "101").await).await;
    assert!(
        err.field_message("quota").is_some()
            && err.field_message("funding_share_percent").is_some(),
        "{err:?}"
    );
    assert_eq!(add(inst.district_b, "0", "40").await.status(), 200);

    let view: ProgramView = json(admin.call("get_program", &[("id", &p)]).await).await;
    let partners = &view.agreements[0].partners;
    assert_eq!(
        partners
            .iter()
            .map(|p| (p.quota, p.seats_taken, p.funding_share_percent))
            .collect::<Vec<_>>(),
        vec![(10, 0, 60), (0, 0, 40)]
    );

    // JavaScript off: the error comes back next to the share field of that agreement.
    let response = admin
        .submit(
            &format!("/admin/program/{p}"),
            "add_agreement_partner",
            &[
                ("agreement_id", a.as_str()),
                ("institution_id", &inst.school_a.0.to_string()),
                ("quota", "3"),
                ("funding_share_percent", "5"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, body) = admin.page(&format!("/admin/program/{p}")).await;
    let slot = body
        .find(r#"data-error-for="funding_share_percent""#)
        .map(|at| &body[at..at + 200]);
    assert!(slot.is_some_and(|s| s.contains("sisa 0%")), "{slot:?}");
    assert!(
        body.contains("PKS PKS/01/2027") && body.contains("0 / 10"),
        "{body}"
    );
    server.stop().await;
}

#[tokio::test]
async fn an_admin_of_another_province_neither_sees_nor_touches_this_provinces_planning() {
    let (server, inst, admin) = setup().await;
    let school_admin = signed_in(
        &server,
        Role::Admin,
        "kepsek@sekolah-a.test",
        Some(inst.school_a),
    )
    .await;
    let program = create_program(&admin, "Diklat Provinsi Satu", &[]).await;
    let p = program.to_string();
    assert_eq!(
        admin
            .call(
                "create_agreement",
                &[
                    ("program_id", &p),
                    ("number", "PKS/7"),
                    ("starts_on", "2027-01-01"),
                    ("ends_on", "2027-06-30")
                ]
            )
            .await
            .status(),
        200
    );
    let (agreement,): (i64,) = sqlx::query_as("select id from agreement")
        .fetch_one(&server.db)
        .await
        .expect("agreement");
    assert_eq!(
        school_admin
            .call(
                "propose_need",
                &[
                    ("competency_id", "1"),
                    ("level", "basic"),
                    ("teacher_count", "4"),
                    ("justification", "Perlu.")
                ]
            )
            .await
            .status(),
        200
    );
    let (need,): (i64,) = sqlx::query_as("select id from training_need")
        .fetch_one(&server.db)
        .await
        .expect("need");

    let (other_agency, other) = other_province(&server).await;
    let not_found = |response: reqwest::Response| async move {
        let err = error_of(response).await;
        assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    };
    not_found(other.call("get_program", &[("id", &p)]).await).await;
    not_found(
        other
            .call(
                "update_program",
                &[
                    vec![("program_id", p.as_str())],
                    program_form("Diambil alih", &[]),
                ]
                .concat(),
            )
            .await,
    )
    .await;
    not_found(set_status(&other, program, "published").await).await;
    not_found(
        other
            .call(
                "review_need",
                &[
                    ("need_id", &need.to_string()),
                    ("decision", "accept"),
                    ("reason", ""),
                ],
            )
            .await,
    )
    .await;
    not_found(
        other
            .call(
                "create_agreement",
                &[
                    ("program_id", &p),
                    ("number", "PKS/8"),
                    ("starts_on", "2027-01-01"),
                    ("ends_on", "2027-06-30"),
                ],
            )
            .await,
    )
    .await;
    not_found(
        other
            .call(
                "add_agreement_partner",
                &[
                    ("agreement_id", &agreement.to_string()),
                    ("institution_id", &other_agency.0.to_string()),
                    ("quota", "1"),
                    ("funding_share_percent", "1"),
                ],
            )
            .await,
    )
    .await;
    not_found(
        other
            .call(
                "update_institution",
                &[
                    ("id", &inst.district_a.0.to_string()),
                    ("name", "X"),
                    ("region_code", "33.01"),
                ],
            )
            .await,
    )
    .await;
    let (status, body) = other.page(&format!("/admin/program/{p}")).await;
    assert_eq!(status, 404);
    assert!(!body.contains("Diklat Provinsi Satu"), "{body}");

    // Their lists do not show this province's rows.
    let view: ProgramsView = json(other.call("list_programs", &[]).await).await;
    assert_eq!(view.list.total, 0);
    let view: NeedsView = json(other.call("list_needs", &[]).await).await;
    assert_eq!(view.list.total, 0);
    let (_, body) = other.page("/admin/lembaga").await;
    assert!(
        !body.contains("Dinas A") && body.contains("BPSDM Provinsi Lain"),
        "{body}"
    );
    // Nor can they place a program under this province's institutions or make them partners.
    let err = error_of(
        other
            .call(
                "create_program",
                &program_form(
                    "Diklat Lain",
                    &[("organizer_id", &inst.agency.0.to_string())],
                ),
            )
            .await,
    )
    .await;
    assert!(err.field_message("organizer_id").is_some(), "{err:?}");
    let own = create_program(&other, "Diklat Provinsi Dua", &[]).await;
    assert_eq!(
        other
            .call(
                "create_agreement",
                &[
                    ("program_id", &own.to_string()),
                    ("number", "PKS/9"),
                    ("starts_on", "2027-01-01"),
                    ("ends_on", "2027-06-30")
                ]
            )
            .await
            .status(),
        200
    );
    let (own_agreement,): (i64,) =
        sqlx::query_as("select id from agreement where number = 'PKS/9'")
            .fetch_one(&server.db)
            .await
            .expect("agreement");
    let err = error_of(
        other
            .call(
                "add_agreement_partner",
                &[
                    ("agreement_id", &own_agreement.to_string()),
                    ("institution_id", &inst.district_a.0.to_string()),
                    ("quota", "1"),
                    ("funding_share_percent", "1"),
                ],
            )
            .await,
    )
    .await;
    assert!(err.field_message("institution_id").is_some(), "{err:?}");
    // The admin home counts only their own province's programs.
    let (_, body) = admin.page("/admin").await;
    assert!(body.contains("program draf"), "{body}");
    server.stop().await;
}
