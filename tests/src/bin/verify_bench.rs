//! Offline verification of one credential (issue #20's figure: < 10 ms): `verify_bench [n]`
//! makes a certificate credential, its institution's key document and a 16 KB revocation list
//! exactly as the server does (same functions, fresh key), then times `n` (default 1,000) runs of
//! what `server verify` does with the three saved files' bytes: parse, two eddsa-jcs-2022 proofs
//! (credential and list), inflate the list, read the bit. Prints the mean and the p99.

use app::model::certificates::CertificateFacts;
use app::model::credentials::CheckResult;
use app::ssr::credentials::credential::{unsigned_credential, verify_offline, Site};
use app::ssr::credentials::keys::{key_document, PublicKeyRow};
use app::ssr::credentials::proof::{sign, SecretKey};
use app::ssr::credentials::status_list::list_credential;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let site = Site::new("https://pamong.bpsdm.example.go.id");
    let key = SecretKey::generate();
    let facts = CertificateFacts {
        code: "K3f9a1c2e7b".into(),
        number: "00042/BPSDM/LITDIG/2027".into(),
        version: 1,
        institution_id: 1,
        institution_name: "BPSDM Provinsi Jawa Tengah".into(),
        training_title: "Literasi Digital dalam Pembelajaran".into(),
        cohort_name: "Angkatan 1".into(),
        starts_on: "2027-01-11".into(),
        ends_on: "2027-02-19".into(),
        place: "Daring".into(),
        participant_name: "Sri Wahyuni, S.Pd.".into(),
        nip: Some("198609262015052001".into()),
        birth_place: Some("Semarang".into()),
        birth_date: Some("1986-09-26".into()),
        rank: Some("Penata Muda Tk I (III/b)".into()),
        position: Some("Guru Ahli Pertama".into()),
        participant_institution: Some("SMP Negeri 1 Semarang".into()),
        result: "Lulus dengan predikat Baik (86)".into(),
        jp: 32,
        signatory_name: "Dr. Budi Santoso, M.Pd.".into(),
        signatory_nip: Some("197001011995031001".into()),
        signatory_title: "Kepala BPSDM".into(),
        signing_city: "Semarang".into(),
        issued_on: "2027-02-20".into(),
    };
    let method = format!("{}#{}", site.issuer_id(1), key.public_multibase());
    let credential = sign(
        &unsigned_credential(&site, &facts, 1_803_000_000, 41),
        &key,
        &method,
        Some("2027-02-20T03:00:00Z"),
    )?;
    let credential = serde_json::to_vec_pretty(&credential)?;
    let row = PublicKeyRow {
        id: 1,
        institution_id: 1,
        public_key: key.public_multibase(),
        created_at: 0,
        retired_at: None,
    };
    let keys = serde_json::to_vec_pretty(&key_document(&site.base, &[row], 1))?;
    // A list with a thousand revocations spread over it.
    let revoked: Vec<u64> = (0..1_000).map(|i| i * 131 + 7).collect();
    let url = site.status_list_url(1, 0);
    let list = sign(
        &list_credential(&url, &site.issuer_id(1), &revoked),
        &key,
        &method,
        None,
    )?;
    let list = serde_json::to_vec_pretty(&list)?;
    println!(
        "credential {} B, key document {} B, status list {} B",
        credential.len(),
        keys.len(),
        list.len()
    );
    // Warm up, and check the verdict once.
    let verdict = verify_offline(&credential, &keys, &list)?;
    anyhow::ensure!(
        matches!(verdict, CheckResult::Valid { .. }),
        "expected valid: {verdict:?}"
    );
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let verdict = verify_offline(&credential, &keys, &list)?;
        times.push(start.elapsed());
        std::hint::black_box(verdict);
    }
    times.sort();
    let mean = times.iter().sum::<std::time::Duration>() / n as u32;
    let p99 = times[(n * 99 / 100).min(n - 1)];
    println!(
        "{n} verifications: mean {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        mean.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        times[n - 1].as_secs_f64() * 1e3
    );
    Ok(())
}
