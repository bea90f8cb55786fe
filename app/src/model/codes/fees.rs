//! Fee codes: who pays a bill, where a bill stands, and where a proof of transfer stands.

code_enum!(
    /// Who pays a bill.
    FeePayer {
        /// The participant, for the part of the fee no partner covers.
        Participant = "participant",
        /// The cooperation-agreement partner, for its funding share.
        Partner = "partner",
    }
);

code_enum!(
    /// Where a bill stands.
    BillStatus {
        /// Not paid yet (a proof may be waiting for an admin).
        Unpaid = "unpaid",
        /// Paid: a payment and its receipt exist.
        Paid = "paid",
        /// Not to be paid: an admin waived it, with a reason.
        Waived = "waived",
        /// The enrolment is no longer approved and nothing was paid.
        Cancelled = "cancelled",
        /// Paid, then paid back (the participant withdrew before the cut-off, or was removed),
        /// with a reversing receipt.
        Refunded = "refunded",
    }
);

code_enum!(
    /// Where a proof of transfer stands.
    ProofStatus {
        /// Uploaded, not yet looked at.
        Waiting = "waiting",
        /// Accepted with the payment it proves.
        Accepted = "accepted",
        /// Rejected, with the reason the participant reads.
        Rejected = "rejected",
    }
);
