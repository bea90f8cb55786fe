//! Demo certificates: the province agency's certificate template and the literacy program's code,
//! so that the demo's completion decisions can be issued at once (`issue_passed`, which the seed
//! of decisions calls after it has recorded them).

use app::ssr::db::{now_unix, Db};
use app::ssr::storage::Storage;

/// The demo agency's number format.
pub const DEMO_NUMBER_FORMAT: &str = "{seq:05}/BPSDM/{program_code}/{year}";
/// The literacy program's short code.
pub const DEMO_PROGRAM_CODE: &str = "LITDIG";

/// Gives the demo agency a certificate template and the literacy program its code, unless they
/// have them already (run on every start with demo data; changes nothing the second time).
pub async fn seed_template(db: &Db) -> anyhow::Result<()> {
    let agency: Option<(i64,)> =
        sqlx::query_as("select id from institution where name = 'BPSDM Provinsi Jawa Tengah'")
            .fetch_optional(db)
            .await?;
    let admin: Option<(i64,)> = sqlx::query_as("select id from app_user where email = $1")
        .bind(format!("admin@{}", super::seed::DEMO_DOMAIN))
        .fetch_optional(db)
        .await?;
    let (Some((agency,)), Some((admin,))) = (agency, admin) else {
        return Ok(());
    };
    let now = now_unix();
    sqlx::query(
        "insert into certificate_template (institution_id, number_format, signatory_name, \
         signatory_nip, signatory_title, signing_city, updated_by, updated_at) \
         values ($1, $2, 'Dr. Bambang Sutrisno, M.Pd.', '197005121995031002', \
         'Kepala BPSDM Provinsi Jawa Tengah', 'Semarang', $3, $4) \
         on conflict (institution_id) do nothing",
    )
    .bind(agency)
    .bind(DEMO_NUMBER_FORMAT)
    .bind(admin)
    .bind(now)
    .execute(db)
    .await?;
    sqlx::query(
        "update program set code = $1 where title = 'Literasi Digital dalam Pembelajaran' \
         and organizer_id = $2 and code is null",
    )
    .bind(DEMO_PROGRAM_CODE)
    .bind(agency)
    .execute(db)
    .await?;
    Ok(())
}

/// Issues the certificate of every passed enrolment that has none yet (for the seed of
/// completion decisions to call once they exist), as the demo admin. Returns how many.
pub async fn issue_passed(db: &Db, storage: &Storage, public_url: &str) -> anyhow::Result<usize> {
    seed_template(db).await?;
    let admin: Option<(i64,)> = sqlx::query_as("select id from app_user where email = $1")
        .bind(format!("admin@{}", super::seed::DEMO_DOMAIN))
        .fetch_optional(db)
        .await?;
    let Some((admin,)) = admin else {
        return Ok(0);
    };
    let waiting: Vec<(i64,)> = sqlx::query_as(
        "select d.enrolment_id from completion_decision d where d.passed = 1 and not exists \
         (select 1 from certificate k where k.enrolment_id = d.enrolment_id and k.status = 'valid') \
         order by d.enrolment_id",
    )
    .fetch_all(db)
    .await?;
    for (enrolment,) in &waiting {
        let now = now_unix();
        app::ssr::certificates::issue_one(db, storage, public_url, *enrolment, admin, now, None)
            .await
            .map_err(|e| anyhow::anyhow!("demo certificate: {e}"))?;
    }
    Ok(waiting.len())
}
