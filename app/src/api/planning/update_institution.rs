//! Admins correct an institution's name and region code.

use crate::model::{AppError, InstitutionId};
use leptos::prelude::*;

/// Renames institution `id` (within the admin's scope) and sets its region code, which must stay
/// inside its parent's and still contain its children's.
#[server(endpoint = "update_institution")]
pub async fn update_institution(
    id: InstitutionId,
    name: String,
    region_code: String,
) -> Result<(), AppError> {
    use crate::model::identifiers::parse_region_code;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::institutions as scope;
    use crate::ssr::planning::institutions::{self, region_within};
    use crate::ssr::validate::{Presence::Required, Validator};
    use crate::ssr::{flash, state};

    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &state()?.db;
    if !scope::is_within(db, root, id)
        .await
        .map_err(|e| internal("scope", e))?
    {
        return Err(super::not_found("planning.institution_not_found"));
    }
    let mut check = Validator::new();
    let name = check.required("name", &name, 160);
    let region = check.identifier("region_code", &region_code, Required, parse_region_code);
    if let Some(region) = &region {
        let parent_region = institutions::parent_region(db, id.0)
            .await
            .map_err(|e| internal("parent region", e))?;
        if let Some(parent_region) = parent_region {
            if !region_within(region, &parent_region) {
                check.fail_text(
                    "region_code",
                    super::text_with(
                        "planning.region_outside_parent",
                        &[("parent", &parent_region)],
                    ),
                );
            }
        }
        if institutions::children_outside(db, id.0, region)
            .await
            .map_err(|e| internal("children", e))?
            > 0
        {
            check.fail("region_code", "planning.region_children_outside");
        }
    }
    check.finish()?;
    let region = region.unwrap_or_default();
    institutions::update(db, id.0, &name, &region)
        .await
        .map_err(|e| internal("update institution", e))?;
    flash::set_notice(
        "/admin/lembaga",
        super::text_with("planning.institution_updated", &[("name", &name)]),
    );
    leptos_axum::redirect("/admin/lembaga");
    Ok(())
}
