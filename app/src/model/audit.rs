//! The audit log as its page sees it: the actions recorded, one entry, and a page of entries.

use serde::{Deserialize, Serialize};

/// An admin action the audit log records. Stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    /// An account's role changed.
    RoleChange,
    /// An admin created a mentor or admin account.
    AccountCreate,
    /// A registration approved or rejected.
    RegistrationDecide,
    /// A CSV of participants uploaded (the job queued).
    ImportStart,
    /// An import job applied to the end (accounts created, seats given).
    ImportApply,
    /// A quiz opened to its cohort.
    QuizOpen,
    /// A quiz closed (archived): no new attempts.
    QuizClose,
    /// A participant's attendance of a session changed by hand or by a meeting report.
    AttendanceEdit,
    /// A completion decision that agrees with the checklist.
    CompletionDecide,
    /// A completion decision against the checklist (with its reason).
    CompletionOverride,
    /// One certificate issued.
    CertificateIssue,
    /// The job that issues a whole cohort's certificates queued.
    CertificateIssueAll,
    /// A certificate replaced by a corrected version (the old one revoked).
    CertificateCorrect,
    /// A certificate revoked.
    CertificateRevoke,
}

impl AuditAction {
    /// Every action, in the order the filter lists them.
    pub const ALL: [AuditAction; 14] = [
        AuditAction::RoleChange,
        AuditAction::AccountCreate,
        AuditAction::RegistrationDecide,
        AuditAction::ImportStart,
        AuditAction::ImportApply,
        AuditAction::QuizOpen,
        AuditAction::QuizClose,
        AuditAction::AttendanceEdit,
        AuditAction::CompletionDecide,
        AuditAction::CompletionOverride,
        AuditAction::CertificateIssue,
        AuditAction::CertificateIssueAll,
        AuditAction::CertificateCorrect,
        AuditAction::CertificateRevoke,
    ];

    /// The value stored in `audit_entry.action`.
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::RoleChange => "role.change",
            AuditAction::AccountCreate => "account.create",
            AuditAction::RegistrationDecide => "registration.decide",
            AuditAction::ImportStart => "import.start",
            AuditAction::ImportApply => "import.apply",
            AuditAction::QuizOpen => "quiz.open",
            AuditAction::QuizClose => "quiz.close",
            AuditAction::AttendanceEdit => "attendance.edit",
            AuditAction::CompletionDecide => "completion.decide",
            AuditAction::CompletionOverride => "completion.override",
            AuditAction::CertificateIssue => "certificate.issue",
            AuditAction::CertificateIssueAll => "certificate.issue_all",
            AuditAction::CertificateCorrect => "certificate.correct",
            AuditAction::CertificateRevoke => "certificate.revoke",
        }
    }

    /// Parses a stored or submitted action code.
    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The locale key of the action's name.
    pub fn label_key(self) -> String {
        format!("audit.action.{}", self.code().replace('.', "_"))
    }
}

/// What an entry is about. Stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditSubject {
    User,
    Enrolment,
    ImportJob,
    Quiz,
    Session,
    Cohort,
    Certificate,
    CertificateJob,
}

impl AuditSubject {
    /// The value stored in `audit_entry.subject_kind`.
    pub fn code(self) -> &'static str {
        match self {
            AuditSubject::User => "user",
            AuditSubject::Enrolment => "enrolment",
            AuditSubject::ImportJob => "import_job",
            AuditSubject::Quiz => "quiz",
            AuditSubject::Session => "session",
            AuditSubject::Cohort => "cohort",
            AuditSubject::Certificate => "certificate",
            AuditSubject::CertificateJob => "certificate_job",
        }
    }
}

/// One recorded action, as the audit page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    /// Unix seconds (UTC).
    pub created_at: i64,
    pub actor_id: i64,
    /// The actor's name when they acted.
    pub actor_name: String,
    /// The actor's role code when they acted.
    pub actor_role: String,
    /// The action's code (see [`AuditAction`]).
    pub action: String,
    /// The subject's kind code (see [`AuditSubject`]) and id.
    pub subject_kind: String,
    pub subject_id: i64,
    /// Who or what, as written at the time.
    pub summary: String,
    /// The value before and after (codes the page translates when it knows them).
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// The client address the request came from.
    pub address: String,
}

/// One page of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// The cursor of the next (older) page: the last entry's id, if more follow.
    pub next: Option<i64>,
    pub page_size: i64,
}
