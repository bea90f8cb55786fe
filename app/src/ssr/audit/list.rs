//! Reading the audit log: newest first, within an admin's scope, filtered, a page at a time by
//! keyset on the id (a page costs the same however old it is).

use crate::model::audit::AuditEntry;
use crate::model::InstitutionId;
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;

/// The filters of one read, parsed (`None`: no filter).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub action: Option<String>,
    /// Part of the actor's name (as recorded) or current e-mail, lower-cased.
    pub actor: Option<String>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Only entries older than this id (the cursor of the page before).
    pub before: Option<i64>,
    pub limit: i64,
}

enum Param {
    Int(i64),
    Text(String),
}

/// Adds `p` to `params` and returns its placeholder (`$1` is the scope's root).
fn next(p: Param, params: &mut Vec<Param>) -> String {
    params.push(p);
    format!("${}", params.len() + 1)
}

/// Up to `q.limit` entries readable by an admin at `root` (a top-level admin also reads the
/// entries of no institution), newest first.
pub async fn page(
    db: &Db,
    root: InstitutionId,
    top_level: bool,
    q: &Query,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let mut clauses = vec![if top_level {
        "(a.institution_id in (select id from scope) or a.institution_id is null)".to_string()
    } else {
        "a.institution_id in (select id from scope)".to_string()
    }];
    let mut params = Vec::new();
    if let Some(action) = &q.action {
        let n = next(Param::Text(action.clone()), &mut params);
        clauses.push(format!("a.action = {n}"));
    }
    if let Some(actor) = &q.actor {
        let n = next(Param::Text(format!("%{actor}%")), &mut params);
        clauses.push(format!(
            "(lower(a.actor_name) like {n} or a.actor_id in \
             (select u.id from app_user u where lower(u.email) like {n}))"
        ));
    }
    if let Some(from) = q.from {
        let n = next(Param::Int(from), &mut params);
        clauses.push(format!("a.created_at >= {n}"));
    }
    if let Some(to) = q.to {
        let n = next(Param::Int(to), &mut params);
        clauses.push(format!("a.created_at <= {n}"));
    }
    if let Some(before) = q.before {
        let n = next(Param::Int(before), &mut params);
        clauses.push(format!("a.id < {n}"));
    }
    let limit = next(Param::Int(q.limit), &mut params);
    let sql = format!(
        "{SCOPE_CTE} select a.id, a.created_at, a.actor_id, a.actor_name, a.actor_role, \
         a.action, a.subject_kind, a.subject_id, a.summary, a.old_value, a.new_value, a.address \
         from audit_entry a where {} order by a.id desc limit {limit}",
        clauses.join(" and ")
    );
    let mut query = sqlx::query_as::<_, AuditEntry>(&sql).bind(root.0);
    for param in params {
        query = match param {
            Param::Int(n) => query.bind(n),
            Param::Text(s) => query.bind(s),
        };
    }
    query.fetch_all(db).await
}
