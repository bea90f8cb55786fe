//! Server functions for organizing: cohorts (angkatan), their mentors and live sessions,
//! participant profiles and the school claims on them, registration with quotas and a waitlist,
//! and invitations from imports.

mod apply_to_cohort;
mod create_cohort;
mod decide_registration;
mod get_cohort;
mod invitations;
mod list_cohorts;
mod manage_mentors;
mod my_applications;
mod profile;
mod school_claims;
pub use apply_to_cohort::{apply_to_cohort, ApplyToCohort};
pub use create_cohort::{create_cohort, CreateCohort};
pub use decide_registration::{
    approve_registration, reject_registration, ApproveRegistration, RejectRegistration,
};
pub use get_cohort::{get_cohort, list_registrations, GetCohort, ListRegistrations};
pub use invitations::{accept_invitation, decline_invitation, AcceptInvitation, DeclineInvitation};
pub use list_cohorts::{list_cohorts, ListCohorts};
pub use manage_mentors::{
    add_cohort_mentor, remove_cohort_mentor, AddCohortMentor, RemoveCohortMentor,
};
pub use my_applications::{
    my_applications, participant_cohort, participant_overview, withdraw_application,
    MyApplications, ParticipantCohort, ParticipantOverview, WithdrawApplication,
};
pub use profile::{my_profile, save_profile, MyProfile, SaveProfile};
pub use school_claims::{
    confirm_school_claim, school_claims, ConfirmSchoolClaim, SchoolClaims, CLAIMS_PATH,
};

/// The registration statuses, in the order the admin's filter lists them.
pub const STATUSES: &[&str] = crate::model::codes::EnrolmentStatus::CODES;

/// The locale key naming a registration status.
pub fn status_key(status: &str) -> &'static str {
    match status {
        "applied" => "cohort.status_applied",
        "approved" => "cohort.status_approved",
        "waitlisted" => "cohort.status_waitlisted",
        "rejected" => "cohort.status_rejected",
        _ => "cohort.status_withdrawn",
    }
}

/// The cohort page's path.
pub fn cohort_path(id: crate::model::CohortId) -> String {
    format!("/admin/angkatan/{id}")
}

/// Sends the admin to the page of cohort `id`, with the notice `notice_key` shown there.
#[cfg(feature = "ssr")]
pub(crate) fn go_to_cohort(id: crate::model::CohortId, notice_key: &str) {
    crate::ssr::flash::go_to(&cohort_path(id), "", notice_key);
}

/// A required form value read by `parse`: empty gets "required" on `field`, and a value `parse`
/// refuses gets the message `invalid_key`.
#[cfg(feature = "ssr")]
pub(crate) fn required_parsed<T>(
    check: &mut crate::ssr::validate::Validator,
    field: &str,
    value: &str,
    parse: impl FnOnce(&str) -> Option<T>,
    invalid_key: &str,
) -> Option<T> {
    if value.trim().is_empty() {
        check.fail(field, "form.required");
        return None;
    }
    let parsed = parse(value);
    if parsed.is_none() {
        check.fail(field, invalid_key);
    }
    parsed
}
