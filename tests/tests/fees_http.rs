//! Participant fees over real HTTP (issue #23 part A, items 1–3 and 6): bills for approved
//! enrolments in a fee-funded program (split with a cooperation partner by its funding share),
//! a proof of transfer uploaded by the participant and confirmed or rejected by an admin, a
//! receipt numbered per institution without gaps, a waiver, the bill's history; and the limits
//! under simultaneous requests: one payment per bill, no gap or duplicate among receipt numbers,
//! the proof cap; a participant reaches only their own bills (404 otherwise), an admin only
//! those of cohorts in scope.

use app::model::{Role, UserId};
use pamong_tests::fixtures;
use pamong_tests::harness::{all_at_once, location, message_of, Client, TestServer};
use pamong_tests::registration_support::{participants, signed_in, PASSWORD};

const BROWSER: &str = "text/html,application/xhtml+xml";
const FEE: i64 = 1_500_000;
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

struct FeesWorld {
    server: TestServer,
    admin: Client,
    /// An admin of district B: the program's cohort is outside their scope.
    other_admin: Client,
    /// Approved participants of the cohort: (client, id).
    teachers: Vec<(Client, UserId)>,
    cohort: i64,
    /// The participants' enrolments, in the order of `teachers`.
    enrolments: Vec<i64>,
}

impl FeesWorld {
    /// A fee-funded program of the agency (Rp1.500.000) with one cohort and `n` approved
    /// participants.
    async fn start(n: usize) -> FeesWorld {
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
        let program = fixtures::program(&server.db, places.agency, admin_id, "published").await;
        sqlx::query("update program set funding = 'fee', fee_amount = $2 where id = $1")
            .bind(program)
            .bind(FEE)
            .execute(&server.db)
            .await
            .expect("fee program");
        let cohort =
            fixtures::cohort(&server.db, program, "Angkatan Berbayar", 500, admin_id).await;
        let people = participants(&server, "guru", n, places.school_a).await;
        let mut teachers = Vec::new();
        let mut enrolments = Vec::new();
        for (id, email) in &people {
            enrolments.push(fixtures::approved_enrolment(&server.db, cohort, *id).await);
            teachers.push((signed_in(&server, email).await, *id));
        }
        FeesWorld {
            admin: signed_in(&server, "admin@uji.test").await,
            other_admin: signed_in(&server, "adminb@uji.test").await,
            teachers,
            cohort,
            enrolments,
            server,
        }
    }

    /// The admin's cohort bills page (which makes the cohort's bills).
    async fn cohort_page(&self) -> String {
        let (status, page) = self
            .admin
            .page(&format!("/admin/angkatan/{}/tagihan", self.cohort))
            .await;
        assert_eq!(status, 200, "{page}");
        page
    }

    /// The bill of enrolment `enrolment` for `payer`.
    async fn bill_of(&self, enrolment: i64, payer: &str) -> (i64, i64, String, String) {
        sqlx::query_as(
            "select id, amount, reference, status from fee_bill where enrolment_id = $1 and payer = $2",
        )
        .bind(enrolment)
        .bind(payer)
        .fetch_one(&self.server.db)
        .await
        .expect("bill")
    }

    async fn save_account(&self) {
        let done = self
            .admin
            .post_to(
                &format!("/admin/angkatan/{}/rekening", self.cohort),
                &format!("/admin/angkatan/{}/tagihan", self.cohort),
                BROWSER,
                &[
                    ("bank", "Bank Pembangunan Daerah"),
                    ("account_number", "0123 4567 89"),
                    ("account_name", "BPSDM Provinsi Uji"),
                ],
            )
            .await;
        assert_eq!(done.status(), 303);
    }

    async fn upload_proof(&self, teacher: usize, bill: i64) -> reqwest::Response {
        self.teachers[teacher]
            .0
            .upload(
                &format!("/peserta/tagihan/{bill}/bukti"),
                &format!("/peserta/tagihan/{bill}"),
                "bukti transfer.png",
                "image/png",
                PNG.to_vec(),
            )
            .await
    }

    async fn proof_ids(&self, bill: i64) -> Vec<i64> {
        sqlx::query_scalar("select id from fee_proof where bill_id = $1 order by id")
            .bind(bill)
            .fetch_all(&self.server.db)
            .await
            .expect("proofs")
    }

    async fn receipts(&self) -> Vec<(i64, String)> {
        sqlx::query_as("select seq, number from receipt order by seq")
            .fetch_all(&self.server.db)
            .await
            .expect("receipts")
    }
}

#[tokio::test]
async fn a_participant_pays_by_transfer_and_gets_a_numbered_receipt() {
    let w = FeesWorld::start(2).await;
    w.save_account().await;

    // The participant's bills: one, of the whole fee, with a reference that carries a check.
    let (status, page) = w.teachers[0].0.page("/peserta/tagihan").await;
    assert_eq!(status, 200);
    assert!(page.contains("Rp1.500.000"), "{page}");
    assert!(page.contains("Belum dibayar"), "{page}");
    let (bill, amount, reference, state) = w.bill_of(w.enrolments[0], "participant").await;
    assert_eq!((amount, state.as_str()), (FEE, "unpaid"));
    assert!(app::ssr::fees::is_reference(&reference), "{reference}");

    // The bill's page says where to transfer and what to write on it.
    let bill_path = format!("/peserta/tagihan/{bill}");
    let (_, page) = w.teachers[0].0.page(&bill_path).await;
    assert!(
        page.contains("0123456789"),
        "account number without spaces: {page}"
    );
    assert!(page.contains("BPSDM Provinsi Uji"), "{page}");
    assert!(page.contains(&reference), "{page}");

    // A text file is no proof: the message is next to the file field; nothing is recorded.
    let refused = w.teachers[0]
        .0
        .upload(
            &format!("/peserta/tagihan/{bill}/bukti"),
            &bill_path,
            "bukti.txt",
            "text/plain",
            b"sudah transfer".to_vec(),
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (_, page) = w.teachers[0].0.page(&bill_path).await;
    assert!(
        message_of(&page, "file").contains("foto (JPG, PNG, WebP) atau PDF"),
        "{page}"
    );
    assert!(w.proof_ids(bill).await.is_empty());

    // A picture is: it waits for the admin, who sees it first in the cohort's list.
    let sent = w.upload_proof(0, bill).await;
    assert_eq!(sent.status(), 303);
    let (_, page) = w.teachers[0].0.page(&bill_path).await;
    assert!(page.contains("Bukti transfer terkirim"), "{page}");
    assert!(page.contains("Menunggu pemeriksaan"), "{page}");
    let proofs = w.proof_ids(bill).await;
    assert_eq!(proofs.len(), 1);
    let cohort_page = w.cohort_page().await;
    assert!(cohort_page.contains("1 bukti menunggu"), "{cohort_page}");
    let proof_file = w.admin.get(&format!("/tagihan/bukti/{}", proofs[0])).await;
    assert_eq!(proof_file.status(), 200);
    assert_eq!(proof_file.bytes().await.expect("bytes").as_ref(), PNG);

    // The admin confirms with the proof: paid, one payment, receipt 00001 of this year.
    let confirmed = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{bill}/konfirmasi"),
            &format!("/admin/tagihan/{bill}"),
            BROWSER,
            &[("proof", &proofs[0].to_string())],
        )
        .await;
    assert_eq!(confirmed.status(), 303);
    let (_, _, _, state) = w.bill_of(w.enrolments[0], "participant").await;
    assert_eq!(state, "paid");
    let receipts = w.receipts().await;
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].0, 1);
    assert!(receipts[0].1.starts_with("00001/KWT/"), "{:?}", receipts);

    // The participant sees it paid, the proof accepted, and downloads the receipt as a PDF.
    let (_, page) = w.teachers[0].0.page(&bill_path).await;
    assert!(page.contains("Lunas"), "{page}");
    assert!(page.contains("Diterima"), "{page}");
    assert!(page.contains(&receipts[0].1), "{page}");
    let receipt_id: i64 = sqlx::query_scalar("select id from receipt where bill_id = $1")
        .bind(bill)
        .fetch_one(&w.server.db)
        .await
        .expect("receipt id");
    let pdf = w.teachers[0]
        .0
        .get(&format!("/kuitansi/{receipt_id}"))
        .await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(
        pdf.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert!(pdf.bytes().await.expect("pdf").starts_with(b"%PDF"));

    // Its history: made, proof sent, paid (with the receipt's number), each with who and when.
    let history: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "select action, actor_name, amount from fee_bill_event where bill_id = $1 order by id",
    )
    .bind(bill)
    .fetch_all(&w.server.db)
    .await
    .expect("history");
    let actions: Vec<&str> = history.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(actions, ["created", "proof_sent", "paid"]);
    assert_eq!(history[2].2, Some(FEE));
    // The history cannot be rewritten, whoever asks.
    let rewritten = sqlx::query("update fee_bill_event set amount = 1 where bill_id = $1")
        .bind(bill)
        .execute(&w.server.db)
        .await;
    assert!(rewritten.is_err(), "the history refuses an update");

    // A second confirmation changes nothing: still one payment and one receipt.
    let again = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{bill}/konfirmasi"),
            &format!("/admin/tagihan/{bill}"),
            "text/plain",
            &[],
        )
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(w.receipts().await.len(), 1);
}

#[tokio::test]
async fn a_participant_reaches_only_their_own_bills_and_an_admin_only_those_in_scope() {
    let w = FeesWorld::start(2).await;
    w.cohort_page().await;
    let (bill, ..) = w.bill_of(w.enrolments[0], "participant").await;
    w.upload_proof(0, bill).await;
    let proof = w.proof_ids(bill).await[0];
    let other = &w.teachers[1].0;

    // Another participant: the page, the upload, the proof and the server function are all 404.
    let (status, _) = other.page(&format!("/peserta/tagihan/{bill}")).await;
    assert_eq!(status, 404);
    let upload = other
        .upload(
            &format!("/peserta/tagihan/{bill}/bukti"),
            "/peserta/tagihan",
            "bukti.png",
            "image/png",
            PNG.to_vec(),
        )
        .await;
    assert_eq!(upload.status(), 404);
    assert_eq!(w.proof_ids(bill).await.len(), 1);
    assert_eq!(
        other.get(&format!("/tagihan/bukti/{proof}")).await.status(),
        404
    );
    let call = other
        .call("fee_bill", &[("id", &bill.to_string()), ("admin", "false")])
        .await;
    assert_eq!(call.status(), 404);
    // Their own list holds only their bill.
    let (_, page) = other.page("/peserta/tagihan").await;
    assert_eq!(page.matches("/peserta/tagihan/").count(), 1, "{page}");

    // An admin of another district: the cohort, the bill, the proof and a confirmation are 404.
    let (status, _) = w
        .other_admin
        .page(&format!("/admin/angkatan/{}/tagihan", w.cohort))
        .await;
    assert_eq!(status, 404);
    let (status, _) = w.other_admin.page(&format!("/admin/tagihan/{bill}")).await;
    assert_eq!(status, 404);
    assert_eq!(
        w.other_admin
            .get(&format!("/tagihan/bukti/{proof}"))
            .await
            .status(),
        404
    );
    let confirm = w
        .other_admin
        .post_to(
            &format!("/admin/tagihan/{bill}/konfirmasi"),
            "/admin",
            "text/plain",
            &[],
        )
        .await;
    assert_eq!(confirm.status(), 404);
    let (_, _, _, state) = w.bill_of(w.enrolments[0], "participant").await;
    assert_eq!(state, "unpaid");
    // A participant cannot confirm (403), a visitor is asked to sign in.
    let by_teacher = w.teachers[0]
        .0
        .post_to(
            &format!("/admin/tagihan/{bill}/konfirmasi"),
            "/peserta",
            "text/plain",
            &[],
        )
        .await;
    assert_eq!(by_teacher.status(), 403);
    let visitor = w.server.new_client();
    let asked = visitor.get(&format!("/kuitansi/{bill}")).await;
    assert_eq!(asked.status(), 303);
    assert!(
        location(&asked).is_some_and(|to| to.starts_with("/masuk")),
        "a visitor is sent to sign in: {:?}",
        location(&asked)
    );
}

#[tokio::test]
async fn simultaneous_confirmations_of_one_bill_record_one_payment_and_one_receipt() {
    let w = FeesWorld::start(1).await;
    w.cohort_page().await;
    let (bill, ..) = w.bill_of(w.enrolments[0], "participant").await;
    let admin = w.admin.clone();
    let statuses = all_at_once(12, |_| {
        let admin = admin.clone();
        async move {
            admin
                .post_to(
                    &format!("/admin/tagihan/{bill}/konfirmasi"),
                    &format!("/admin/tagihan/{bill}"),
                    "text/plain",
                    &[],
                )
                .await
        }
    })
    .await;
    let confirmed = statuses.iter().filter(|(s, _)| *s == 303).count();
    let refused = statuses.iter().filter(|(s, _)| *s == 409).count();
    assert_eq!((confirmed, refused), (1, 11), "{statuses:?}");
    let payments: i64 = sqlx::query_scalar("select count(*) from fee_payment where bill_id = $1")
        .bind(bill)
        .fetch_one(&w.server.db)
        .await
        .expect("payments");
    assert_eq!(payments, 1);
    assert_eq!(w.receipts().await.len(), 1);
    let paid_events: i64 = sqlx::query_scalar(
        "select count(*) from fee_bill_event where bill_id = $1 and action = 'paid'",
    )
    .bind(bill)
    .fetch_one(&w.server.db)
    .await
    .expect("events");
    assert_eq!(paid_events, 1);
}

#[tokio::test]
async fn receipt_numbers_of_simultaneous_confirmations_have_no_gap_or_duplicate() {
    let w = FeesWorld::start(24).await;
    w.cohort_page().await;
    let mut bills = Vec::new();
    for enrolment in &w.enrolments {
        bills.push(w.bill_of(*enrolment, "participant").await.0);
    }
    let admin = w.admin.clone();
    let bills_for_requests = bills.clone();
    let statuses = all_at_once(bills.len(), |i| {
        let admin = admin.clone();
        let bill = bills_for_requests[i];
        async move {
            admin
                .post_to(
                    &format!("/admin/tagihan/{bill}/konfirmasi"),
                    &format!("/admin/tagihan/{bill}"),
                    "text/plain",
                    &[],
                )
                .await
        }
    })
    .await;
    assert!(statuses.iter().all(|(s, _)| *s == 303), "{statuses:?}");
    let receipts = w.receipts().await;
    let seqs: Vec<i64> = receipts.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(seqs, (1..=bills.len() as i64).collect::<Vec<_>>());
    let mut numbers: Vec<&String> = receipts.iter().map(|(_, n)| n).collect();
    numbers.dedup();
    assert_eq!(numbers.len(), bills.len());
    // Every bill has exactly one receipt.
    let per_bill: Vec<i64> =
        sqlx::query_scalar("select count(*) from receipt group by bill_id order by bill_id")
            .fetch_all(&w.server.db)
            .await
            .expect("per bill");
    assert_eq!(per_bill, vec![1; bills.len()]);
}

#[tokio::test]
async fn the_proof_cap_holds_under_simultaneous_uploads() {
    let w = FeesWorld::start(1).await;
    w.cohort_page().await;
    let (bill, ..) = w.bill_of(w.enrolments[0], "participant").await;
    let teacher = w.teachers[0].0.clone();
    let statuses = all_at_once(10, |_| {
        let teacher = teacher.clone();
        async move {
            teacher
                .upload(
                    &format!("/peserta/tagihan/{bill}/bukti"),
                    &format!("/peserta/tagihan/{bill}"),
                    "bukti.png",
                    "image/png",
                    PNG.to_vec(),
                )
                .await
        }
    })
    .await;
    assert!(statuses.iter().all(|(s, _)| *s == 303), "{statuses:?}");
    assert_eq!(
        w.proof_ids(bill).await.len() as i64,
        app::ssr::fees::MAX_PROOFS_PER_BILL
    );
    // Every refused upload's file was removed again: only the kept proofs are on disk.
    let stored = std::fs::read_dir(w.server.data_dir().join("bukti-bayar"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(stored as i64, app::ssr::fees::MAX_PROOFS_PER_BILL);
}

#[tokio::test]
async fn rejections_and_waivers_need_a_reason_and_the_participant_reads_it() {
    let w = FeesWorld::start(2).await;
    w.cohort_page().await;
    let (bill, ..) = w.bill_of(w.enrolments[0], "participant").await;
    w.upload_proof(0, bill).await;
    let proof = w.proof_ids(bill).await[0];
    let admin_path = format!("/admin/tagihan/{bill}");

    // No reason: refused next to the field.
    let refused = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{bill}/tolak"),
            &admin_path,
            BROWSER,
            &[("proof", &proof.to_string()), ("reason", "  ")],
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (_, page) = w.admin.page(&admin_path).await;
    assert!(
        message_of(&page, "reason").contains("Tuliskan alasannya"),
        "{page}"
    );
    let rejected = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{bill}/tolak"),
            &admin_path,
            BROWSER,
            &[
                ("proof", &proof.to_string()),
                ("reason", "Nominal tidak sesuai"),
            ],
        )
        .await;
    assert_eq!(rejected.status(), 303);
    let (_, page) = w.teachers[0]
        .0
        .page(&format!("/peserta/tagihan/{bill}"))
        .await;
    assert!(page.contains("Ditolak: Nominal tidak sesuai"), "{page}");
    assert!(page.contains("Belum dibayar"), "{page}");
    // The rejected proof can no longer be used to confirm.
    let with_rejected = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{bill}/konfirmasi"),
            &admin_path,
            "text/plain",
            &[("proof", &proof.to_string())],
        )
        .await;
    assert_eq!(with_rejected.status(), 409);
    let (_, _, _, state) = w.bill_of(w.enrolments[0], "participant").await;
    assert_eq!(
        state, "unpaid",
        "the refused confirmation left the bill unpaid"
    );

    // A waiver: with its reason, then no upload is taken any more.
    let (other_bill, ..) = w.bill_of(w.enrolments[1], "participant").await;
    let waived = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{other_bill}/bebaskan"),
            &format!("/admin/tagihan/{other_bill}"),
            BROWSER,
            &[("reason", "Guru honorer di daerah 3T")],
        )
        .await;
    assert_eq!(waived.status(), 303);
    let (_, _, _, state) = w.bill_of(w.enrolments[1], "participant").await;
    assert_eq!(state, "waived");
    let late = w.upload_proof(1, other_bill).await;
    assert_eq!(late.status(), 303);
    let (_, page) = w.teachers[1]
        .0
        .page(&format!("/peserta/tagihan/{other_bill}"))
        .await;
    assert!(page.contains("Dibebaskan"), "{page}");
    assert!(w.proof_ids(other_bill).await.is_empty());

    // The totals: one bill outstanding, one waived.
    let page = w.cohort_page().await;
    assert!(page.contains("(0 dari 2 tagihan lunas)"), "{page}");
}

#[tokio::test]
async fn a_partner_pays_its_share_and_a_withdrawn_enrolment_cancels_its_unpaid_bill() {
    let w = FeesWorld::start(2).await;
    let places_partner: i64 = sqlx::query_scalar(
        "select id from institution where kind = 'district_office' order by id limit 1",
    )
    .fetch_one(&w.server.db)
    .await
    .expect("partner");
    let program: i64 = sqlx::query_scalar("select program_id from cohort where id = $1")
        .bind(w.cohort)
        .fetch_one(&w.server.db)
        .await
        .expect("program");
    let admin: i64 = sqlx::query_scalar("select id from app_user where email = 'admin@uji.test'")
        .fetch_one(&w.server.db)
        .await
        .expect("admin");
    let (agreement,): (i64,) = sqlx::query_as(
        "insert into agreement (program_id, number, starts_on, ends_on, created_by, created_at) \
         values ($1, '001/PKS/2027', '2027-01-01', '2027-12-31', $2, 0) returning id",
    )
    .bind(program)
    .bind(admin)
    .fetch_one(&w.server.db)
    .await
    .expect("agreement");
    sqlx::query(
        "insert into agreement_partner (agreement_id, institution_id, quota, seats_taken, \
         funding_share_percent) values ($1, $2, 10, 1, 40)",
    )
    .bind(agreement)
    .bind(places_partner)
    .execute(&w.server.db)
    .await
    .expect("partner");
    sqlx::query(
        "update enrolment set partner_agreement_id = $2, partner_institution_id = $3 where id = $1",
    )
    .bind(w.enrolments[0])
    .bind(agreement)
    .bind(places_partner)
    .execute(&w.server.db)
    .await
    .expect("partner seat");

    let page = w.cohort_page().await;
    let (_, own, own_ref, _) = w.bill_of(w.enrolments[0], "participant").await;
    let (_, partner, partner_ref, _) = w.bill_of(w.enrolments[0], "partner").await;
    assert_eq!((own, partner), (900_000, 600_000));
    assert_ne!(own_ref, partner_ref);
    assert!(
        page.contains(&partner_ref),
        "the admin sees the partner's bill: {page}"
    );
    // The participant sees only their own part.
    let (_, mine) = w.teachers[0].0.page("/peserta/tagihan").await;
    assert!(mine.contains("Rp900.000"), "{mine}");
    assert!(!mine.contains("Rp600.000"), "{mine}");

    // The second participant withdraws: their unpaid bill is cancelled, kept in the history.
    sqlx::query("update enrolment set status = 'withdrawn' where id = $1")
        .bind(w.enrolments[1])
        .execute(&w.server.db)
        .await
        .expect("withdraw");
    let page = w.cohort_page().await;
    let (bill, _, _, state) = w.bill_of(w.enrolments[1], "participant").await;
    assert_eq!(state, "cancelled");
    assert!(page.contains("Dibatalkan"), "{page}");
    let actions: Vec<String> =
        sqlx::query_scalar("select action from fee_bill_event where bill_id = $1 order by id")
            .bind(bill)
            .fetch_all(&w.server.db)
            .await
            .expect("history");
    assert_eq!(actions, ["created", "cancelled"]);
    // Opening the pages again makes no second bill.
    w.cohort_page().await;
    w.teachers[0].0.page("/peserta/tagihan").await;
    let bills: i64 = sqlx::query_scalar("select count(*) from fee_bill")
        .fetch_one(&w.server.db)
        .await
        .expect("bills");
    assert_eq!(bills, 3);
}

#[tokio::test]
async fn the_receiving_account_is_checked_beside_each_field() {
    let w = FeesWorld::start(1).await;
    let path = format!("/admin/angkatan/{}/tagihan", w.cohort);
    let refused = w
        .admin
        .post_to(
            &format!("/admin/angkatan/{}/rekening", w.cohort),
            &path,
            BROWSER,
            &[
                ("bank", "Bank Uji"),
                ("account_number", "12AB"),
                ("account_name", ""),
            ],
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (_, page) = w.admin.page(&path).await;
    assert!(
        message_of(&page, "account_number").contains("hanya berisi angka"),
        "{page}"
    );
    assert!(
        message_of(&page, "account_name").contains("Wajib diisi"),
        "{page}"
    );
    assert!(
        page.contains("value=\"Bank Uji\""),
        "what was typed is kept: {page}"
    );
    let saved: i64 = sqlx::query_scalar("select count(*) from fee_account")
        .fetch_one(&w.server.db)
        .await
        .expect("accounts");
    assert_eq!(saved, 0);
}

#[tokio::test]
async fn a_program_may_require_the_fee_settled_to_complete() {
    use app::model::completion::Requirement;
    use pamong_tests::completion_support::my_completion;
    let w = FeesWorld::start(2).await;
    let cohort = w.cohort.to_string();
    let saved = w
        .admin
        .call(
            "save_completion_rules",
            &[
                ("cohort_id", cohort.as_str()),
                ("target", "program"),
                ("require_fee_settled", "1"),
            ],
        )
        .await;
    assert!(
        saved.status().is_success(),
        "{}",
        saved.text().await.unwrap_or_default()
    );

    // Before any bill is made, the fee is owed: the checklist says so and links to the bills.
    let me = my_completion(&w.teachers[0].0, w.cohort).await;
    let fee = me
        .checklist
        .items
        .iter()
        .find(|i| i.requirement == Requirement::Fee)
        .expect("the fee is on the checklist");
    assert!(!fee.met);
    assert_eq!(fee.href, "/peserta/tagihan");
    assert!(!me.checklist.all_met());

    // Paid for the first teacher, waived for the second: both met.
    w.cohort_page().await;
    let (paid, ..) = w.bill_of(w.enrolments[0], "participant").await;
    let (waived, ..) = w.bill_of(w.enrolments[1], "participant").await;
    let confirm = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{paid}/konfirmasi"),
            "/admin",
            "text/plain",
            &[],
        )
        .await;
    assert_eq!(confirm.status(), 303);
    let waive = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{waived}/bebaskan"),
            "/admin",
            "text/plain",
            &[("reason", "Beasiswa daerah")],
        )
        .await;
    assert_eq!(waive.status(), 303);
    for (client, _) in &w.teachers {
        let me = my_completion(client, w.cohort).await;
        assert!(me.checklist.all_met(), "{:?}", me.checklist);
    }
    let (_, page) = w.teachers[0]
        .0
        .page(&format!("/peserta/angkatan/{}/kelulusan", w.cohort))
        .await;
    assert!(
        page.contains("Kontribusi sudah lunas atau dibebaskan"),
        "{page}"
    );

    // Refunded on a withdrawal and approved again, before a bills page reopens the bill: the
    // fee is owed again.
    sqlx::query("update fee_bill set status = 'refunded' where id = $1")
        .bind(paid)
        .execute(&w.server.db)
        .await
        .expect("refunded");
    let me = my_completion(&w.teachers[0].0, w.cohort).await;
    assert!(!me.checklist.all_met(), "{:?}", me.checklist);
}

#[tokio::test]
async fn the_reports_sum_the_scope_per_program_cohort_and_partner_as_csv_and_xlsx() {
    let w = FeesWorld::start(3).await;
    w.cohort_page().await;
    let (paid, ..) = w.bill_of(w.enrolments[0], "participant").await;
    let (waived, ..) = w.bill_of(w.enrolments[1], "participant").await;
    w.admin
        .post_to(
            &format!("/admin/tagihan/{paid}/konfirmasi"),
            "/admin",
            "text/plain",
            &[],
        )
        .await;
    w.admin
        .post_to(
            &format!("/admin/tagihan/{waived}/bebaskan"),
            "/admin",
            "text/plain",
            &[("reason", "Beasiswa")],
        )
        .await;

    let (status, page) = w.admin.page("/admin/kontribusi").await;
    assert_eq!(status, 200);
    assert!(page.contains("Angkatan Berbayar"), "{page}");
    let csv = w.admin.get("/admin/kontribusi/angkatan.csv").await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.expect("csv");
    let row = text
        .lines()
        .find(|l| l.contains("Angkatan Berbayar"))
        .unwrap_or_else(|| panic!("{text}"));
    // 3 bills, billed 4.5 M, collected 1.5 M, refunded 0, outstanding 1.5 M, waived 1.5 M.
    assert!(
        row.ends_with("3;4500000;1500000;0;1500000;1500000"),
        "{row}"
    );
    let xlsx = w.admin.get("/admin/kontribusi/program.xlsx").await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.bytes().await.expect("xlsx").starts_with(b"PK"));
    assert_eq!(
        w.admin.get("/admin/kontribusi/lain.csv").await.status(),
        404
    );

    // Another district's admin sees none of it; a participant may not ask.
    let theirs = w.other_admin.get("/admin/kontribusi/angkatan.csv").await;
    assert_eq!(theirs.status(), 200);
    assert!(!theirs
        .text()
        .await
        .expect("csv")
        .contains("Angkatan Berbayar"));
    let asked = w.teachers[0].0.get("/admin/kontribusi/angkatan.csv").await;
    assert_eq!(asked.status(), 403);
}

/// Uploads statement `csv` as the admin; returns the review page's path.
async fn upload_statement(w: &FeesWorld, csv: &str) -> String {
    let uploaded = w
        .admin
        .upload(
            "/admin/kontribusi/mutasi",
            "/admin/kontribusi",
            "mutasi-desember.csv",
            "text/csv",
            csv.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(uploaded.status(), 303);
    let to = location(&uploaded).expect("location");
    assert!(to.starts_with("/admin/kontribusi/mutasi/"), "{to}");
    to
}

/// The state and problem of each line of statement `id`, in order.
async fn lines_of(w: &FeesWorld, id: i64) -> Vec<(i64, String, Option<String>)> {
    sqlx::query_as(
        "select id, state, problem from fee_statement_line where statement_id = $1 order by line_no",
    )
    .bind(id)
    .fetch_all(&w.server.db)
    .await
    .expect("lines")
}

#[tokio::test]
async fn a_bank_statement_is_matched_reviewed_and_each_transfer_applied_once() {
    let w = FeesWorld::start(4).await;
    w.cohort_page().await;
    let mut refs = Vec::new();
    let mut bills = Vec::new();
    for enrolment in &w.enrolments {
        let (bill, _, reference, _) = w.bill_of(*enrolment, "participant").await;
        bills.push(bill);
        refs.push(reference);
    }
    let csv = format!(
        "Rekening;0123456789\nTanggal;Keterangan;Kredit\n\
         01/12/2026;TRF/{r0}/GURU 0;1.500.000,00\n\
         01/12/2026;TRF {r1};1.000.000,00\n\
         02/12/2026;TRF {r2} DAN {r3};1.500.000,00\n\
         02/12/2026;SETORAN TANPA KODE;1.500.000,00\n\
         03/12/2026;ULANG {r0};1.500.000,00\n\
         03/12/2026;BIAYA ADMIN;-6.500,00\n",
        r0 = refs[0],
        r1 = refs[1],
        r2 = refs[2],
        r3 = refs[3]
    );
    let page_path = upload_statement(&w, &csv).await;
    let statement: i64 = page_path
        .rsplit('/')
        .next()
        .expect("id")
        .parse()
        .expect("id");
    let states = |lines: &[(i64, String, Option<String>)]| {
        lines
            .iter()
            .map(|(_, s, p)| {
                format!(
                    "{s}{}",
                    p.as_deref().map(|p| format!(":{p}")).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
    };
    let lines = lines_of(&w, statement).await;
    assert_eq!(
        states(&lines),
        [
            "matched",
            "unmatched:amount_differs",
            "unmatched:two_references",
            "unmatched:no_reference",
            "unmatched:bill_twice",
        ],
        "the debit is left out"
    );
    // Nothing is paid before the admin applies.
    assert_eq!(w.receipts().await.len(), 0);
    let (status, page) = w.admin.page(&page_path).await;
    assert_eq!(status, 200);
    assert!(page.contains("lebih dari satu kode referensi"), "{page}");
    assert!(
        page.contains("Jumlahnya tidak sama dengan tagihan"),
        "{page}"
    );

    // The line without a reference is matched by hand to the third bill; the line naming two
    // bills can then not take the third bill too (the message is next to its field).
    let by_hand = w
        .admin
        .post_to(
            &format!("/admin/kontribusi/mutasi/{statement}/baris/{}", lines[3].0),
            &page_path,
            BROWSER,
            &[("reference", &refs[2].to_lowercase())],
        )
        .await;
    assert_eq!(by_hand.status(), 303);
    let again = w
        .admin
        .post_to(
            &format!("/admin/kontribusi/mutasi/{statement}/baris/{}", lines[2].0),
            &page_path,
            BROWSER,
            &[("reference", &refs[2])],
        )
        .await;
    assert_eq!(again.status(), 303);
    let (_, page) = w.admin.page(&page_path).await;
    assert!(
        message_of(&page, &format!("reference-{}", lines[2].0)).contains("sudah dicocokkan"),
        "{page}"
    );

    // Applied by six requests at once: each matched transfer pays its bill once.
    let admin = w.admin.clone();
    let statuses = all_at_once(6, |_| {
        let admin = admin.clone();
        async move {
            admin
                .post_to(
                    &format!("/admin/kontribusi/mutasi/{statement}/terapkan"),
                    "/admin/kontribusi",
                    "text/plain",
                    &[],
                )
                .await
        }
    })
    .await;
    assert!(statuses.iter().all(|(s, _)| *s == 303), "{statuses:?}");
    let paid: Vec<(i64, i64)> = sqlx::query_as(
        "select bill_id, count(*) from fee_payment group by bill_id order by bill_id",
    )
    .fetch_all(&w.server.db)
    .await
    .expect("payments");
    assert_eq!(paid, vec![(bills[0], 1), (bills[2], 1)]);
    let receipts = w.receipts().await;
    assert_eq!(receipts.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [1, 2]);
    let lines = lines_of(&w, statement).await;
    assert_eq!(states(&lines)[0], "applied");
    assert_eq!(states(&lines)[3], "applied");
    assert_eq!(states(&lines)[2], "unmatched:two_references");

    // The same statement uploaded again applies nothing: its transfers were applied before.
    let page_path = upload_statement(&w, &csv).await;
    let second: i64 = page_path
        .rsplit('/')
        .next()
        .expect("id")
        .parse()
        .expect("id");
    let lines = lines_of(&w, second).await;
    assert_eq!(states(&lines)[0], "unmatched:applied_before");
    // The credit matched by hand was applied too: its fingerprint is known, reference or not.
    assert_eq!(states(&lines)[3], "unmatched:applied_before");
    let applied = w
        .admin
        .post_to(
            &format!("/admin/kontribusi/mutasi/{second}/terapkan"),
            "/admin/kontribusi",
            "text/plain",
            &[],
        )
        .await;
    assert_eq!(applied.status(), 303);
    let payments: i64 = sqlx::query_scalar("select count(*) from fee_payment")
        .fetch_one(&w.server.db)
        .await
        .expect("payments");
    assert_eq!(payments, 2);

    // Another district's admin reaches neither statement.
    let (status, _) = w
        .other_admin
        .page(&format!("/admin/kontribusi/mutasi/{statement}"))
        .await;
    assert_eq!(status, 404);
    let theirs = w
        .other_admin
        .post_to(
            &format!("/admin/kontribusi/mutasi/{statement}/terapkan"),
            "/admin",
            "text/plain",
            &[],
        )
        .await;
    assert_eq!(theirs.status(), 404);
}

#[tokio::test]
async fn a_file_that_is_no_statement_is_refused_next_to_the_field() {
    let w = FeesWorld::start(1).await;
    let refused = w
        .admin
        .upload(
            "/admin/kontribusi/mutasi",
            "/admin/kontribusi",
            "daftar.csv",
            "text/csv",
            b"Nama;Email\nSri;sri@uji.test\n".to_vec(),
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (_, page) = w.admin.page("/admin/kontribusi").await;
    assert!(
        message_of(&page, "file").contains("Tidak ada kolom tanggal"),
        "{page}"
    );
    let statements: i64 = sqlx::query_scalar("select count(*) from fee_statement")
        .fetch_one(&w.server.db)
        .await
        .expect("statements");
    assert_eq!(statements, 0);
}

/// Confirms bill `bill` paid as the admin (without a proof).
async fn confirm_paid(w: &FeesWorld, bill: i64) {
    let done = w
        .admin
        .post_to(
            &format!("/admin/tagihan/{bill}/konfirmasi"),
            &format!("/admin/tagihan/{bill}"),
            BROWSER,
            &[],
        )
        .await;
    assert_eq!(done.status(), 303);
}

/// The admin's refund of bill `bill` to `paid_to`, as a browser with JavaScript off posts it.
async fn refund(
    admin: &Client,
    bill: i64,
    paid_to: &str,
    accept: &'static str,
) -> reqwest::Response {
    admin
        .post_to(
            &format!("/admin/tagihan/{bill}/kembalikan"),
            &format!("/admin/tagihan/{bill}"),
            accept,
            &[("paid_to", paid_to), ("note", "Mengundurkan diri")],
        )
        .await
}

#[tokio::test]
async fn a_withdrawal_before_the_cut_off_is_refunded_once_with_a_reversing_receipt() {
    let w = FeesWorld::start(3).await;
    w.cohort_page().await;
    let mut bills = Vec::new();
    for enrolment in &w.enrolments {
        let (bill, ..) = w.bill_of(*enrolment, "participant").await;
        confirm_paid(&w, bill).await;
        bills.push(bill);
    }
    let year = app::model::wib::date_of(app::ssr::db::now_unix())[..4].to_string();
    let to_teacher = "Bank Jateng 9876543210 a.n. Guru Satu";

    // The cohort starts on 2027-01-11: without a setting, the cut-off is the day before.
    let page = w.cohort_page().await;
    assert!(page.contains("action=\"/admin/angkatan/"), "{page}");
    assert!(page.contains("value=\"2027-01-10\""), "{page}");

    // Still enrolled: nothing to refund, and the bill's page offers no refund.
    let refused = refund(&w.admin, bills[0], to_teacher, "text/plain").await;
    assert_eq!(refused.status(), 409);
    let (_, page) = w.admin.page(&format!("/admin/tagihan/{}", bills[0])).await;
    assert!(!page.contains("/kembalikan"), "{page}");

    // The teacher withdraws (today, well before the cut-off): the form appears.
    let enrolment = w.enrolments[0].to_string();
    let withdrawn = w.teachers[0]
        .0
        .call("withdraw_application", &[("enrolment_id", &enrolment)])
        .await;
    assert_eq!(withdrawn.status(), 200);
    let bill_page = format!("/admin/tagihan/{}", bills[0]);
    let (_, page) = w.admin.page(&bill_page).await;
    assert!(
        page.contains(&format!("/admin/tagihan/{}/kembalikan", bills[0])),
        "{page}"
    );
    assert!(page.contains("sebelum batas pengembalian"), "{page}");

    // Where the money went is required: the message is next to the field, nothing recorded.
    let empty = refund(&w.admin, bills[0], "  ", BROWSER).await;
    assert_eq!(empty.status(), 303);
    let (_, page) = w.admin.page(&bill_page).await;
    assert_eq!(message_of(&page, "paid_to"), "Wajib diisi.");
    assert!(
        page.contains(">Mengundurkan diri</textarea>"),
        "the note typed is kept: {page}"
    );
    let refunds = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from fee_refund")
            .fetch_one(&w.server.db)
            .await
            .expect("refunds")
    };
    assert_eq!(refunds().await, 0);

    // Another district's admin: 404, as for a bill that does not exist.
    let theirs = refund(&w.other_admin, bills[0], to_teacher, "text/plain").await;
    assert_eq!(theirs.status(), 404);

    // Eight admins' clicks at once: one refund, one reversing receipt, the bill refunded.
    let admin = w.admin.clone();
    let bill = bills[0];
    let statuses = all_at_once(8, |_| {
        let admin = admin.clone();
        async move { refund(&admin, bill, to_teacher, "text/plain").await }
    })
    .await;
    let done = statuses.iter().filter(|(s, _)| *s == 303).count();
    let refused = statuses.iter().filter(|(s, _)| *s == 409).count();
    assert_eq!((done, refused), (1, 7), "{statuses:?}");
    assert_eq!(refunds().await, 1);
    let (_, _, _, state) = w.bill_of(w.enrolments[0], "participant").await;
    assert_eq!(state, "refunded");
    // The sequence is shared: receipts 1-3 for the payments, 4 reverses receipt 1.
    let receipts: Vec<(i64, String, String, Option<i64>, i64)> =
        sqlx::query_as("select seq, number, kind, reverses_id, id from receipt order by seq")
            .fetch_all(&w.server.db)
            .await
            .expect("receipts");
    let seqs: Vec<i64> = receipts.iter().map(|r| r.0).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4]);
    let reversing = &receipts[3];
    assert_eq!(reversing.1, format!("00004/KWT-R/{year}"));
    assert_eq!(reversing.2, "refund");
    let first_of_bill: i64 =
        sqlx::query_scalar("select id from receipt where bill_id = $1 and kind = 'payment'")
            .bind(bills[0])
            .fetch_one(&w.server.db)
            .await
            .expect("payment receipt");
    assert_eq!(reversing.3, Some(first_of_bill));
    let events: Vec<String> =
        sqlx::query_scalar("select action from fee_bill_event where bill_id = $1 order by id")
            .bind(bills[0])
            .fetch_all(&w.server.db)
            .await
            .expect("history");
    assert_eq!(events, ["created", "paid", "refunded"]);

    // The teacher reads both receipts and downloads the reversing one; nobody else can.
    let (_, page) = w.teachers[0]
        .0
        .page(&format!("/peserta/tagihan/{}", bills[0]))
        .await;
    assert!(page.contains("Dikembalikan"), "{page}");
    assert!(page.contains(&format!("00004/KWT-R/{year}")), "{page}");
    let pdf = w.teachers[0]
        .0
        .get(&format!("/kuitansi/{}", reversing.4))
        .await;
    assert_eq!(pdf.status(), 200);
    assert!(pdf.bytes().await.expect("pdf").starts_with(b"%PDF"));
    let other = w.teachers[1]
        .0
        .get(&format!("/kuitansi/{}", reversing.4))
        .await;
    assert_eq!(other.status(), 404);

    // The report: the refunded bill leaves what is billed; collected keeps every payment.
    let csv = w.admin.get("/admin/kontribusi/angkatan.csv").await;
    let text = csv.text().await.expect("csv");
    let row = text
        .lines()
        .find(|l| l.contains("Angkatan Berbayar"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.ends_with("3;3000000;4500000;1500000;0;0"), "{row}");

    // A cut-off that is not a date is refused next to its field; a past one is saved.
    let cohort_page = format!("/admin/angkatan/{}/tagihan", w.cohort);
    let cut_off = |date: &'static str| {
        let admin = w.admin.clone();
        let path = format!("/admin/angkatan/{}/batas-pengembalian", w.cohort);
        let from = cohort_page.clone();
        async move {
            admin
                .post_to(&path, &from, BROWSER, &[("refund_until", date)])
                .await
        }
    };
    assert_eq!(cut_off("10-01-2027").await.status(), 303);
    let (_, page) = w.admin.page(&cohort_page).await;
    assert!(
        message_of(&page, "refund_until").starts_with("Tanggal tidak valid"),
        "{page}"
    );
    assert_eq!(cut_off("2026-01-31").await.status(), 303);
    let (_, page) = w.admin.page(&cohort_page).await;
    assert!(page.contains("value=\"2026-01-31\""), "{page}");

    // Withdrawing after the cut-off: no refund, and the page says why.
    let enrolment = w.enrolments[1].to_string();
    w.teachers[1]
        .0
        .call("withdraw_application", &[("enrolment_id", &enrolment)])
        .await;
    let (_, page) = w.admin.page(&format!("/admin/tagihan/{}", bills[1])).await;
    assert!(page.contains("setelah batas pengembalian"), "{page}");
    assert!(!page.contains("/kembalikan\""), "{page}");
    let late = refund(&w.admin, bills[1], to_teacher, "text/plain").await;
    assert_eq!(late.status(), 409);
    assert_eq!(refunds().await, 1);
    assert_eq!(w.bill_of(w.enrolments[1], "participant").await.3, "paid");

    // Approved again, the refunded bill is reopened and paid anew with its own receipt.
    sqlx::query("update enrolment set status = 'approved' where id = $1")
        .bind(w.enrolments[0])
        .execute(&w.server.db)
        .await
        .expect("approved again");
    let (_, page) = w.teachers[0].0.page("/peserta/tagihan").await;
    assert!(page.contains("Belum dibayar"), "{page}");
    assert_eq!(w.bill_of(w.enrolments[0], "participant").await.3, "unpaid");
    confirm_paid(&w, bills[0]).await;
    assert_eq!(w.bill_of(w.enrolments[0], "participant").await.3, "paid");
    let payments: i64 = sqlx::query_scalar("select count(*) from fee_payment where bill_id = $1")
        .bind(bills[0])
        .fetch_one(&w.server.db)
        .await
        .expect("payments");
    assert_eq!(payments, 2);
    assert_eq!(w.receipts().await.len(), 5);
}
