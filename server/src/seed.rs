//! Demo data: one province agency, two district offices, three schools, one admin, two mentors and
//! twenty participants. Seeded only into an empty database; the sign-in details are printed once.

use app::model::{InstitutionId, Nip, Role};
use app::ssr::db::{now_unix, Db};
use app::ssr::{institutions, password, users};
use rand::distributions::Alphanumeric;
use rand::Rng;

/// E-mail domain of the demo accounts (a reserved test domain).
pub const DEMO_DOMAIN: &str = "pamong.test";

const PARTICIPANTS: [(&str, &str); 20] = [
    ("Sri Wahyuni", "19800412 200501 2 003"),
    ("Budi Santoso", "19781103 200312 1 002"),
    ("Siti Nurhaliza", "19850221 201001 2 011"),
    ("Agus Prasetyo", "19760730 200003 1 004"),
    ("Dewi Lestari", "19880915 201403 2 007"),
    ("Eko Saputro", "19830508 200902 1 005"),
    ("Rina Marlina", "19870126 201212 2 009"),
    ("Hendra Gunawan", "19750619 199903 1 006"),
    ("Yuni Astuti", "19901010 201503 2 001"),
    ("Joko Susilo", "19820817 200801 1 010"),
    ("Ani Rahmawati", "19891204 201406 2 012"),
    ("Slamet Riyadi", "19730302 199802 1 003"),
    ("Fitri Handayani", "19920523 201703 2 004"),
    ("Bambang Wijaya", "19790914 200401 1 008"),
    ("Nurul Hidayah", "19860707 201102 2 006"),
    ("Wahyu Hidayat", "19840129 200912 1 013"),
    ("Endang Sulastri", "19771111 200212 2 002"),
    ("Teguh Santoso", "19910331 201612 1 001"),
    ("Lestari Widodo", "19810820 200703 2 015"),
    ("Imam Syafii", "19880402 201303 1 014"),
];

/// One demo account as printed at start-up.
pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub name: String,
}

/// Seeds the demo data if the database has no accounts yet; returns the accounts created (none if
/// it was not empty). Prints the sign-in details when it seeds.
pub async fn seed_demo(
    db: &Db,
    password_override: Option<String>,
) -> anyhow::Result<Vec<DemoAccount>> {
    if users::count_all(db).await? > 0 {
        return Ok(Vec::new());
    }
    let password = password_override.unwrap_or_else(|| {
        rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(12)
            .map(char::from)
            .collect()
    });
    let hash = password::hash(password.clone())
        .await
        .map_err(anyhow::Error::msg)?;
    let now = now_unix();

    let agency = institutions::insert(
        db,
        "BPSDM Provinsi Jawa Tengah",
        "province_agency",
        None,
        None,
        Some("33"),
        now,
    )
    .await?;
    let banyumas = institutions::insert(
        db,
        "Dinas Pendidikan Kabupaten Banyumas",
        "district_office",
        Some(agency),
        None,
        Some("33.02"),
        now,
    )
    .await?;
    let semarang = institutions::insert(
        db,
        "Dinas Pendidikan Kota Semarang",
        "district_office",
        Some(agency),
        None,
        Some("33.74"),
        now,
    )
    .await?;
    let schools: [InstitutionId; 3] = [
        institutions::insert(
            db,
            "SD Negeri 1 Sokaraja",
            "school",
            Some(banyumas),
            Some("20302611"),
            Some("33.02.13"),
            now,
        )
        .await?,
        institutions::insert(
            db,
            "SMP Negeri 2 Purwokerto",
            "school",
            Some(banyumas),
            Some("20302544"),
            Some("33.02.22"),
            now,
        )
        .await?,
        institutions::insert(
            db,
            "SMA Negeri 3 Semarang",
            "school",
            Some(semarang),
            Some("20328861"),
            Some("33.74.06"),
            now,
        )
        .await?,
    ];

    let mut accounts = vec![
        (
            "Dra. Retno Kusumawati, M.Pd.".to_string(),
            format!("admin@{DEMO_DOMAIN}"),
            Role::Admin,
            None,
            Some(agency),
        ),
        (
            "Dr. Hadi Purnomo, M.Pd.".to_string(),
            format!("mentor1@{DEMO_DOMAIN}"),
            Role::Mentor,
            None,
            Some(agency),
        ),
        (
            "Wulan Sari, S.Pd., M.Pd.".to_string(),
            format!("mentor2@{DEMO_DOMAIN}"),
            Role::Mentor,
            None,
            Some(agency),
        ),
    ];
    for (index, (name, nip)) in PARTICIPANTS.iter().enumerate() {
        let nip = Nip::parse(nip).map_err(|e| anyhow::anyhow!("demo NIP {nip}: {e:?}"))?;
        accounts.push((
            name.to_string(),
            format!("peserta{:02}@{DEMO_DOMAIN}", index + 1),
            Role::Participant,
            Some(nip),
            Some(schools[index % 3]),
        ));
    }

    let mut created = Vec::new();
    for (name, email, role, nip, institution_id) in &accounts {
        let new_user = users::NewUser {
            name,
            email,
            password_hash: &hash,
            role: *role,
            nip: nip.as_ref(),
            institution_id: *institution_id,
        };
        users::create(db, new_user, now)
            .await
            .map_err(|e| anyhow::anyhow!("demo account {email}: {e:?}"))?;
        created.push(DemoAccount {
            email: email.clone(),
            role: *role,
            name: name.clone(),
        });
    }

    println!("\nAkun demo Pamong / Pamong demo accounts (kata sandi / password: {password})");
    for account in &created {
        println!(
            "  {:<12} {:<28} {}",
            account.role.code(),
            account.email,
            account.name
        );
    }
    println!();
    Ok(created)
}
