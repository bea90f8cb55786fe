//! Cohort codes: where a registration (enrolment) is.

code_enum!(
    /// Where a registration in a cohort is: applied, approved, on the waitlist, rejected, or
    /// withdrawn by the participant (in the order the admin's filter lists them).
    EnrolmentStatus {
        Applied = "applied",
        Approved = "approved",
        Waitlisted = "waitlisted",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
);
