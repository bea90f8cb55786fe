//! What fees brought in, for an admin's scope: per program, per cohort and per cooperation
//! partner, the bills, what was billed (bills in force: unpaid, paid or waived), collected (every
//! payment received), refunded (paid back on withdrawals), is outstanding and was waived, in whole
//! rupiah. The same [`DataTable`]s are shown on the page and exported as CSV and XLSX.

use crate::i18n::text;
use crate::model::dashboards::{Column, ColumnKind, DataTable, Value};
use crate::model::{InstitutionId, Lang};
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;

/// The reports' keys, as in their file names (`/admin/kontribusi/{key}.csv`).
pub const KEYS: &[&str] = &["program", "angkatan", "mitra"];

/// The sums every report shows, after its own label columns.
const SUMS: &str = "count(*), \
     cast(coalesce(sum(case when b.status in ('unpaid', 'paid', 'waived') then b.amount else 0 end), 0) as bigint), \
     cast(coalesce(sum((select sum(f.amount) from fee_payment f where f.bill_id = b.id)), 0) as bigint), \
     cast(coalesce(sum((select sum(r.amount) from fee_refund r where r.bill_id = b.id)), 0) as bigint), \
     cast(coalesce(sum(case when b.status = 'unpaid' then b.amount else 0 end), 0) as bigint), \
     cast(coalesce(sum(case when b.status = 'waived' then b.amount else 0 end), 0) as bigint)";

/// The bills of cohorts whose program is organised within the scope of `$1`, with the program's
/// organiser (`o`) and the paying partner, if any (`pi`). What each bill received and paid back
/// is summed per bill in [`SUMS`] (an index lookup per bill in scope, not an aggregate over every
/// payment of every institution).
const IN_SCOPE: &str = " from fee_bill b join cohort c on c.id = b.cohort_id \
     join program p on p.id = c.program_id join institution o on o.id = p.organizer_id \
     left join institution pi on pi.id = b.partner_institution_id \
     where p.organizer_id in (select id from scope)";

type SumRow = (String, String, i64, i64, i64, i64, i64, i64);

fn columns(lang: Lang, first: &str, second: &str) -> Vec<Column> {
    let mut columns = vec![
        Column::new(text(lang, first), ColumnKind::Text),
        Column::new(text(lang, second), ColumnKind::Text),
    ];
    for key in [
        "fees.report_bills",
        "fees.report_billed",
        "fees.report_collected",
        "fees.report_refunded",
        "fees.report_outstanding",
        "fees.report_waived",
    ] {
        columns.push(Column::new(text(lang, key), ColumnKind::Int));
    }
    columns
}

fn table(lang: Lang, key: &str, first: &str, second: &str, rows: Vec<SumRow>) -> DataTable {
    let mut table = DataTable::new(
        key,
        text(lang, &format!("fees.report_{key}_title")),
        text(lang, &format!("fees.report_{key}_description")),
        columns(lang, first, second),
    );
    for (a, b, bills, billed, collected, refunded, outstanding, waived) in rows {
        table.push(vec![
            Value::Text(a),
            Value::Text(b),
            Value::Int(bills),
            Value::Int(billed),
            Value::Int(collected),
            Value::Int(refunded),
            Value::Int(outstanding),
            Value::Int(waived),
        ]);
    }
    table
}

/// Report `key` for the admin whose scope is `scope`, in `lang`; None for an unknown key.
pub async fn report(
    db: &Db,
    scope: InstitutionId,
    key: &str,
    lang: Lang,
) -> Result<Option<DataTable>, sqlx::Error> {
    let (sql, first, second) = match key {
        "program" => (
            format!(
                "{SCOPE_CTE} select p.title, o.name, {SUMS}{IN_SCOPE} \
                 group by p.id, p.title, o.name order by p.title, p.id"
            ),
            "fees.report_program",
            "fees.report_organiser",
        ),
        "angkatan" => (
            format!(
                "{SCOPE_CTE} select p.title, c.name, {SUMS}{IN_SCOPE} \
                 group by c.id, p.title, c.name order by p.title, c.name, c.id"
            ),
            "fees.report_program",
            "fees.report_cohort",
        ),
        "mitra" => (
            format!(
                "{SCOPE_CTE} select coalesce(pi.name, '-'), p.title, {SUMS}{IN_SCOPE} \
                 and b.payer = 'partner' group by pi.id, pi.name, p.id, p.title \
                 order by pi.name, p.title"
            ),
            "fees.report_partner",
            "fees.report_program",
        ),
        _ => return Ok(None),
    };
    let rows: Vec<SumRow> = sqlx::query_as(&sql).bind(scope.0).fetch_all(db).await?;
    Ok(Some(table(lang, key, first, second, rows)))
}

/// Every report for the admin whose scope is `scope`.
pub async fn all(db: &Db, scope: InstitutionId, lang: Lang) -> Result<Vec<DataTable>, sqlx::Error> {
    let mut out = Vec::new();
    for key in KEYS {
        if let Some(table) = report(db, scope, key, lang).await? {
            out.push(table);
        }
    }
    Ok(out)
}
