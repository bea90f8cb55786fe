//! Dashboards on the server: the summary tables kept fresh in the background ([`refresher`],
//! counting with [`count`]), the figures read from them ([`read`]) for each place ([`places`]),
//! worded as tables ([`tables`]), and the tables the exports write. The agency overview is kept
//! a few seconds per scope and filter ([`cache`]).

pub mod cache;
pub mod count;
pub mod mentor;
pub mod participant;
pub mod places;
pub mod read;
pub mod refresher;
pub mod tables;

use crate::i18n::I18n;
use crate::model::dashboards::view::{AgencyOverview, Dashboard, OverviewFilter};
use crate::model::dashboards::DataTable;
use crate::model::{AppError, CohortId, CurrentUser, Lang, ProgramId, Role};
use crate::ssr::AppState;
use std::collections::HashMap;

/// Which dashboard a table belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// `/admin/dasbor`: every program in the admin's scope (filters in the query).
    Agency,
    Program(i64),
    Cohort(i64),
    /// `/mentor/dasbor`: the signed-in mentor's groups.
    Mentor,
}

/// A printable report: a title, facts as (label, value) lines, then tables.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub title: String,
    pub facts: Vec<(String, String)>,
    pub tables: Vec<DataTable>,
}

/// The overview's filter from a query string's values; anything malformed is left out.
pub fn filter_from(query: &HashMap<String, String>) -> OverviewFilter {
    let date = |key: &str| {
        query
            .get(key)
            .map(|v| v.trim().to_string())
            .filter(|v| crate::model::wib::parse_date(v).is_some())
    };
    let id = |key: &str| query.get(key).and_then(|v| v.trim().parse::<i64>().ok());
    OverviewFilter {
        from: date("from"),
        to: date("to"),
        program: id("program"),
        region: query
            .get("region")
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty() && v.len() <= 8)
            .filter(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.')),
        institution: id("institution"),
    }
}

/// The agency overview of scope `root` with `filter`, as kept in the state's cache when it was
/// put together in the last few seconds ([`cache::KEPT_FOR`]).
pub async fn agency_overview(
    state: &AppState,
    root: i64,
    lang: Lang,
    filter: OverviewFilter,
) -> Result<std::sync::Arc<AgencyOverview>, AppError> {
    let today = crate::model::wib::date_of(state.clock.now());
    let key = cache::OverviewCache::key(root, lang, &filter, &today);
    if let Some(kept) = state.dashboards.get(&key, std::time::Instant::now()) {
        return Ok(kept);
    }
    let overview =
        std::sync::Arc::new(places::agency(&state.db, I18n(lang), root, filter, &today).await?);
    state
        .dashboards
        .put(key, overview.clone(), std::time::Instant::now());
    Ok(overview)
}

/// The scope root of `user` if they are an admin.
fn admin_root(user: &CurrentUser) -> Option<i64> {
    (user.role == Role::Admin)
        .then_some(user.institution_id)
        .flatten()
        .map(|i| i.0)
}

fn not_found(lang: Lang) -> AppError {
    AppError::new(
        crate::model::ErrorKind::NotFound,
        crate::i18n::text(lang, "scope.cohort_not_found"),
    )
}

fn forbidden(lang: Lang) -> AppError {
    AppError::new(
        crate::model::ErrorKind::Forbidden,
        crate::i18n::text(lang, "auth.forbidden"),
    )
}

/// The dashboard at `place` as `user` sees it: admins only, and the program or cohort must be
/// in their scope (a 404 otherwise, as elsewhere).
pub async fn dashboard_for(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    place: Place,
    query: &HashMap<String, String>,
) -> Result<Dashboard, AppError> {
    let i = I18n(lang);
    let db = &state.db;
    let root = admin_root(user).ok_or_else(|| forbidden(lang))?;
    let root_id = crate::model::InstitutionId(root);
    match place {
        Place::Agency => Ok(agency_overview(state, root, lang, filter_from(query))
            .await?
            .dashboard
            .clone()),
        Place::Program(id) => {
            crate::ssr::scope::require_program(db, root_id, ProgramId(id)).await?;
            places::program(db, i, id)
                .await?
                .ok_or_else(|| not_found(lang))
        }
        Place::Cohort(id) => {
            crate::ssr::scope::require_cohort(db, root_id, CohortId(id)).await?;
            places::cohort(db, i, id)
                .await?
                .ok_or_else(|| not_found(lang))
        }
        Place::Mentor => Err(forbidden(lang)),
    }
}

/// The table `key` of the dashboard at `place`, as `user` may see it (filters from `query`), or
/// `None` when there is no such table. Refuses a caller outside the place's scope.
pub async fn export_table(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    place: Place,
    key: &str,
    query: &HashMap<String, String>,
) -> Result<Option<DataTable>, AppError> {
    if place == Place::Mentor {
        // A mentor's own tables: only ever about the groups they lead; nobody else has any.
        if user.role != Role::Mentor {
            return Ok(None);
        }
        return mentor::table(&state.db, user.id.0, lang, key, state.clock.now())
            .await
            .map_err(|e| crate::ssr::db::internal("mentor dashboard export", e));
    }
    let dashboard = dashboard_for(state, user, lang, place, query).await?;
    Ok(dashboard.table(key).cloned())
}

/// The cohort's implementation report, as `user` may see it, or `None` for an unknown cohort.
pub async fn cohort_report(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    cohort: i64,
) -> Result<Option<Report>, AppError> {
    let dashboard =
        dashboard_for(state, user, lang, Place::Cohort(cohort), &HashMap::new()).await?;
    let i = I18n(lang);
    let mut facts = vec![(i.t("dashboard.report_program"), dashboard.subtitle.clone())];
    facts.extend(
        dashboard
            .tiles
            .iter()
            .map(|t| (t.label.clone(), t.value.clone())),
    );
    if let Some(at) = dashboard.refreshed_at {
        facts.push((
            i.t("dashboard.report_as_of"),
            crate::model::wib::date_time_of(at),
        ));
    }
    Ok(Some(Report {
        title: dashboard.title.clone(),
        facts,
        tables: dashboard
            .sections
            .into_iter()
            .flat_map(|s| s.figures.into_iter().map(|p| p.table))
            .collect(),
    }))
}
