//! Cohort codes: where a registration (enrolment) is, and what a participant is.

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

code_enum!(
    /// What a participant is (issue #18): guru, kepala sekolah, pengawas sekolah, tenaga
    /// kependidikan or another civil servant (ASN lain).
    ParticipantCategory {
        Teacher = "teacher",
        Principal = "principal",
        Supervisor = "supervisor",
        EducationStaff = "education_staff",
        CivilServant = "civil_servant",
    }
);

impl ParticipantCategory {
    /// Whether the person works at one school, whose NPSN and level the profile and an import
    /// row must then give (a teacher or a principal; a supervisor oversees several, and staff and
    /// other civil servants work in offices).
    pub fn needs_school(self) -> bool {
        matches!(
            self,
            ParticipantCategory::Teacher | ParticipantCategory::Principal
        )
    }

    /// A category as written in a spreadsheet: its code, or its Indonesian or English name in
    /// any case, with spaces, dashes or underscores.
    pub fn parse_loose(value: &str) -> Option<ParticipantCategory> {
        let key: String = value
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "teacher" | "guru" => ParticipantCategory::Teacher,
            "principal" | "kepalasekolah" | "kepsek" | "headteacher" => {
                ParticipantCategory::Principal
            }
            "supervisor" | "pengawassekolah" | "pengawas" | "schoolsupervisor" => {
                ParticipantCategory::Supervisor
            }
            "educationstaff" | "tenagakependidikan" | "tendik" => {
                ParticipantCategory::EducationStaff
            }
            "civilservant" | "asnlain" | "asn" | "othercivilservant" => {
                ParticipantCategory::CivilServant
            }
            _ => return None,
        })
    }
}
