//! Planning codes: institution kinds, program and need levels, delivery modes, funding sources,
//! and the statuses of programs and training needs.

code_enum!(
    /// Where an institution sits: a province agency, a district office, a school, another
    /// government office, or a university (the agreements' academic mentors; issue #18).
    InstitutionKind {
        ProvinceAgency = "province_agency",
        DistrictOffice = "district_office",
        School = "school",
        GovernmentOffice = "government_office",
        University = "university",
    }
);

code_enum!(
    /// The level (jenjang) of a program or a training need.
    Level {
        Basic = "basic",
        Intermediate = "intermediate",
        Advanced = "advanced",
    }
);

code_enum!(
    /// How a program is delivered.
    DeliveryMode {
        Online = "online",
        Blended = "blended",
    }
);

code_enum!(
    /// Who pays for a program: the regional budget, school funds, or a participant fee.
    Funding {
        Apbd = "apbd",
        Bos = "bos",
        Fee = "fee",
    }
);

code_enum!(
    /// Where a program is, in the order it moves: written, open in the catalog, or closed.
    ProgramStatus {
        Draft = "draft",
        Published = "published",
        Closed = "closed",
    }
);

code_enum!(
    /// Where a training-need proposal is: proposed, accepted, rejected, or merged into a program.
    NeedStatus {
        Proposed = "proposed",
        Accepted = "accepted",
        Rejected = "rejected",
        Merged = "merged",
    }
);
