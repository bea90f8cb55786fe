//! Admins add a district office under the agency, a school under a district office, or another
//! government office or a university (the agreements' academic mentors) under either.

use crate::model::{AppError, InstitutionId};
use leptos::prelude::*;

/// Creates a child institution of `parent_id` (within the admin's scope). Schools need a unique
/// NPSN; every institution a region code inside its parent's.
#[server(endpoint = "create_institution")]
pub async fn create_institution(
    parent_id: Option<InstitutionId>,
    kind: String,
    name: String,
    npsn: String,
    region_code: String,
) -> Result<(), AppError> {
    use crate::model::codes::InstitutionKind;
    use crate::model::identifiers::{parse_npsn, parse_region_code};
    use crate::ssr::db::{internal, is_unique_violation, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::institutions as scope;
    use crate::ssr::planning::institutions::{self, region_within};
    use crate::ssr::validate::{Presence::Required, Validator};
    use crate::ssr::{flash, state};

    let admin = Admin::require().await?;
    let db = &state()?.db;
    let mut check = Validator::new();
    let name = check.required("name", &name, 160);
    let parent = match parent_id {
        Some(id)
            if scope::is_within(db, admin.scope, id)
                .await
                .map_err(|e| internal("scope", e))? =>
        {
            institutions::get(db, id.0)
                .await
                .map_err(|e| internal("parent", e))?
        }
        _ => None,
    };
    match (&parent, kind.as_str()) {
        (None, _) => check.fail("parent_id", "planning.parent_outside_scope"),
        (Some(p), "district_office") if p.kind != InstitutionKind::ProvinceAgency => {
            check.fail("parent_id", "planning.parent_for_district")
        }
        (Some(p), "school") if p.kind != InstitutionKind::DistrictOffice => {
            check.fail("parent_id", "planning.parent_for_school")
        }
        (Some(p), "government_office" | "university")
            if p.kind != InstitutionKind::ProvinceAgency
                && p.kind != InstitutionKind::DistrictOffice =>
        {
            check.fail("parent_id", "planning.parent_for_office")
        }
        (_, "district_office" | "school" | "government_office" | "university") => {}
        _ => check.fail("kind", "planning.kind_invalid"),
    }
    let npsn = if kind == "school" {
        check.identifier("npsn", &npsn, Required, parse_npsn)
    } else {
        if !npsn.trim().is_empty() {
            check.fail("npsn", "planning.npsn_only_school");
        }
        None
    };
    let region = check.identifier("region_code", &region_code, Required, parse_region_code);
    if let Some(region) = &region {
        if kind == "district_office" && region.split('.').count() != 2 {
            check.fail("region_code", "planning.region_district_form");
        }
        if let Some(parent_region) = parent.as_ref().and_then(|p| p.region_code.as_deref()) {
            if !region_within(region, parent_region) {
                check.fail_text(
                    "region_code",
                    super::text_with(
                        "planning.region_outside_parent",
                        &[("parent", parent_region)],
                    ),
                );
            }
        }
    }
    if let Some(npsn) = &npsn {
        if institutions::npsn_taken(db, npsn)
            .await
            .map_err(|e| internal("npsn", e))?
        {
            check.fail("npsn", "planning.npsn_taken");
        }
    }
    check.finish()?;
    let (Some(parent), Some(region)) = (parent, region) else {
        return Err(internal("create_institution", "checked above"));
    };
    let created = scope::insert(
        db,
        &name,
        &kind,
        Some(parent.id),
        npsn.as_deref(),
        Some(&region),
        now_unix(),
    )
    .await;
    match created {
        Ok(id) => tracing::info!(
            admin = admin.user.id.0,
            institution = id.0,
            "institution created"
        ),
        Err(e) if is_unique_violation(&e) => {
            return Err(Validator::field_error("npsn", "planning.npsn_taken"))
        }
        Err(e) => return Err(internal("create institution", e)),
    }
    flash::set_notice(
        "/admin/lembaga",
        super::text_with("planning.institution_created", &[("name", &name)]),
    );
    leptos_axum::redirect("/admin/lembaga");
    Ok(())
}
