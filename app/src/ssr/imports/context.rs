//! What an import needs to know about the database, loaded once per job into memory: accounts by
//! e-mail, NIP and NUPTK, the cohort's enrolments, schools by NPSN, the program's PKS partners,
//! and the uploading admin's scope. `plan` decides what each row of a chunk does; `commit`
//! records it once the chunk is saved.
//!
//! An import writes only to accounts in the uploading admin's scope. An existing account is in
//! scope when it is a participant and
//! - its verified institution (`app_user.institution_id`) is the admin's institution or one
//!   below it (`SCOPE_CTE`), or
//! - it has an enrolment, in any status, in a cohort of a program organized in that subtree (the
//!   person applied to, or was enrolled in, this admin's training: the admin already reads them
//!   on that cohort's registrations), or
//! - the school it claims on its profile (not yet verified) is in that subtree and the row names
//!   the same school: the admin's file confirms the person's own claim (and the import verifies it).
//!
//! Any other match (a participant elsewhere, a mentor, an admin) is neither enrolled nor changed:
//! a participant is invited to the cohort instead, and accepts or declines on their home page.
//! The report says the same thing for all of these rows, so that it tells neither where an
//! account belongs nor its role. An enrolment that was withdrawn or rejected is never changed.

use super::parse::{Row, RowError, ValidRow};
use crate::i18n::text;
use crate::model::Lang;
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;
use std::collections::{HashMap, HashSet};

/// What one row does to the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The row has errors; nothing is written but them.
    Invalid(Vec<RowError>),
    /// A new participant account, enrolled.
    Create,
    /// An existing participant, newly enrolled.
    Enrol(i64),
    /// An existing application (which holds its seat) approved.
    Approve(i64),
    /// An earlier waitlisting, rejection or withdrawal turned into an approval (needs a seat).
    ApproveWithSeat(i64),
    /// Already enrolled and approved.
    Unchanged,
    /// In scope, but the person withdrew from this cohort or was rejected: left as it is, with
    /// the locale key of the row's note.
    Kept(&'static str),
    /// An account the admin may not enrol (outside their scope, or not a participant): nothing
    /// changes but an invitation to a participant (`Some`). The report reads the same for both.
    Invite(Option<i64>),
}

impl Action {
    /// Whether the row takes a new seat.
    pub fn needs_seat(&self) -> bool {
        matches!(
            self,
            Action::Create | Action::Enrol(_) | Action::ApproveWithSeat(_)
        )
    }
}

/// A row with its decided action.
#[derive(Clone, Debug)]
pub struct Planned {
    pub line: i64,
    pub action: Action,
    pub row: Option<ValidRow>,
    /// The account's institution (for a new account: the school with the row's NPSN).
    pub institution_id: Option<i64>,
    /// `(agreement, partner institution)` whose quota the seat counts against.
    pub partner: Option<(i64, i64)>,
    /// `(account, school)`: the school the account claimed and the row confirms, which becomes
    /// its verified institution.
    pub confirm_school: Option<(i64, i64)>,
}

struct Account {
    role: String,
    /// The verified institution.
    institution_id: Option<i64>,
    /// The school of the NPSN on the profile (verified or not).
    claimed_school: Option<i64>,
    /// Has an enrolment in a program of the admin's scope.
    enrolled_in_scope: bool,
}

/// The job's view of the database.
pub struct Context {
    by_email: HashMap<String, i64>,
    by_nip: HashMap<String, i64>,
    by_nuptk: HashMap<String, i64>,
    accounts: HashMap<i64, Account>,
    enrolments: HashMap<i64, String>,
    schools: HashMap<String, i64>,
    parents: HashMap<i64, Option<i64>>,
    /// Partner institution → agreement, for the cohort's program.
    partners: HashMap<i64, i64>,
    /// The uploading admin's institution and every institution below it.
    scope: HashSet<i64>,
}

type AccountRow = (
    i64,
    Option<String>,
    Option<String>,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

impl Context {
    /// Loads everything for cohort `cohort_id`, imported by admin `admin`; `None` if the cohort
    /// is gone.
    pub async fn load(db: &Db, cohort_id: i64, admin: i64) -> Result<Option<Context>, sqlx::Error> {
        let program: Option<(i64,)> = sqlx::query_as("select program_id from cohort where id = $1")
            .bind(cohort_id)
            .fetch_optional(db)
            .await?;
        let Some((program_id,)) = program else {
            return Ok(None);
        };
        // An admin without an institution has an empty scope: every match becomes an invitation.
        let root: Option<(Option<i64>,)> =
            sqlx::query_as("select institution_id from app_user where id = $1 and role = 'admin'")
                .bind(admin)
                .fetch_optional(db)
                .await?;
        let root = root.and_then(|(root,)| root);
        let scope: Vec<(i64,)> = match root {
            Some(root) => {
                sqlx::query_as(&format!("{SCOPE_CTE} select id from scope"))
                    .bind(root)
                    .fetch_all(db)
                    .await?
            }
            None => Vec::new(),
        };
        let mut context = Context {
            by_email: HashMap::new(),
            by_nip: HashMap::new(),
            by_nuptk: HashMap::new(),
            accounts: HashMap::new(),
            enrolments: HashMap::new(),
            schools: HashMap::new(),
            parents: HashMap::new(),
            partners: HashMap::new(),
            scope: scope.into_iter().map(|(id,)| id).collect(),
        };
        let institutions: Vec<(i64, Option<i64>, Option<String>, String)> =
            sqlx::query_as("select id, parent_id, npsn, kind from institution")
                .fetch_all(db)
                .await?;
        for (id, parent, npsn, kind) in institutions {
            context.parents.insert(id, parent);
            if let (Some(npsn), "school") = (npsn, kind.as_str()) {
                context.schools.insert(npsn.to_ascii_uppercase(), id);
            }
        }
        let enrolled_in_scope: HashSet<i64> = match root {
            Some(root) => {
                let rows: Vec<(i64,)> = sqlx::query_as(&format!(
                    "{SCOPE_CTE} select distinct e.user_id from enrolment e \
                     join cohort c on c.id = e.cohort_id join program p on p.id = c.program_id \
                     where p.organizer_id in (select id from scope)"
                ))
                .bind(root)
                .fetch_all(db)
                .await?;
                rows.into_iter().map(|(id,)| id).collect()
            }
            None => HashSet::new(),
        };
        let accounts: Vec<AccountRow> = sqlx::query_as(
            "select u.id, u.email, u.nip, u.role, u.institution_id, p.nuptk, p.school_npsn \
             from app_user u left join participant_profile p on p.user_id = u.id",
        )
        .fetch_all(db)
        .await?;
        context.by_email.reserve(accounts.len());
        context.accounts.reserve(accounts.len());
        for (id, email, nip, role, institution_id, nuptk, npsn) in accounts {
            if let Some(email) = email {
                context.by_email.insert(email.to_lowercase(), id);
            }
            if let Some(nip) = nip {
                context.by_nip.insert(nip, id);
            }
            if let Some(nuptk) = nuptk {
                context.by_nuptk.insert(nuptk, id);
            }
            let claimed_school =
                npsn.and_then(|n| context.schools.get(&n.to_ascii_uppercase()).copied());
            context.accounts.insert(
                id,
                Account {
                    role,
                    institution_id,
                    claimed_school,
                    enrolled_in_scope: enrolled_in_scope.contains(&id),
                },
            );
        }
        let enrolments: Vec<(i64, String)> =
            sqlx::query_as("select user_id, status from enrolment where cohort_id = $1")
                .bind(cohort_id)
                .fetch_all(db)
                .await?;
        context.enrolments = enrolments.into_iter().collect();
        let partners: Vec<(i64, i64)> = sqlx::query_as(
            "select ap.institution_id, ap.agreement_id from agreement_partner ap \
             join agreement a on a.id = ap.agreement_id where a.program_id = $1 order by a.id",
        )
        .bind(program_id)
        .fetch_all(db)
        .await?;
        for (institution, agreement) in partners {
            context.partners.entry(institution).or_insert(agreement);
        }
        Ok(Some(context))
    }

    /// The nearest PKS partner at or above `institution`.
    fn partner_of(&self, institution: Option<i64>) -> Option<(i64, i64)> {
        let mut current = institution;
        let mut steps = 0;
        while let Some(id) = current {
            if let Some(agreement) = self.partners.get(&id) {
                return Some((*agreement, id));
            }
            current = self.parents.get(&id).copied().flatten();
            steps += 1;
            if steps > 32 {
                break;
            }
        }
        None
    }

    /// Decides what each row of `chunk` does.
    pub fn plan(&self, chunk: &[Row], lang: Lang) -> Vec<Planned> {
        chunk.iter().map(|row| self.plan_row(row, lang)).collect()
    }

    fn plan_row(&self, row: &Row, lang: Lang) -> Planned {
        let invalid = |errors: Vec<RowError>| Planned {
            line: row.line,
            action: Action::Invalid(errors),
            row: None,
            institution_id: None,
            partner: None,
            confirm_school: None,
        };
        let valid = match &row.outcome {
            Err(errors) => return invalid(errors.clone()),
            Ok(valid) => valid,
        };
        let mut matches: Vec<i64> = [
            valid.email.as_ref().and_then(|e| self.by_email.get(e)),
            valid.nip.as_ref().and_then(|n| self.by_nip.get(n)),
            valid.nuptk.as_ref().and_then(|n| self.by_nuptk.get(n)),
        ]
        .into_iter()
        .flatten()
        .copied()
        .collect();
        matches.sort_unstable();
        matches.dedup();
        let error = |field: &'static str, key: &str| {
            invalid(vec![RowError {
                field,
                message: text(lang, key),
            }])
        };
        // The row's school, when it is one the admin answers for.
        let school_in_scope = valid
            .npsn
            .as_ref()
            .and_then(|npsn| self.schools.get(npsn))
            .copied()
            .filter(|school| self.scope.contains(school));
        match matches.as_slice() {
            [] => Planned {
                line: row.line,
                action: Action::Create,
                row: Some(valid.clone()),
                // A school outside the scope stays a claim on the profile, for its own admins.
                institution_id: school_in_scope,
                partner: self.partner_of(school_in_scope),
                confirm_school: None,
            },
            [user] => {
                let Some(account) = self.accounts.get(user) else {
                    return error("email", "import.keys_conflict");
                };
                let invite = |user: Option<i64>| Planned {
                    line: row.line,
                    action: Action::Invite(user),
                    row: Some(valid.clone()),
                    institution_id: None,
                    partner: None,
                    confirm_school: None,
                };
                if account.role != "participant" {
                    return invite(None);
                }
                let confirms_claim = school_in_scope.is_some()
                    && account.claimed_school == school_in_scope
                    && account.institution_id != school_in_scope;
                let in_scope = account
                    .institution_id
                    .is_some_and(|i| self.scope.contains(&i))
                    || account.enrolled_in_scope
                    || confirms_claim;
                if !in_scope {
                    return invite(Some(*user));
                }
                let institution_id = if confirms_claim {
                    school_in_scope
                } else {
                    account.institution_id
                };
                let action = match self.enrolments.get(user).map(String::as_str) {
                    None => Action::Enrol(*user),
                    Some("approved") => Action::Unchanged,
                    Some("applied") => Action::Approve(*user),
                    Some("waitlisted") => Action::ApproveWithSeat(*user),
                    Some("withdrawn") => Action::Kept("import.kept_withdrawn"),
                    Some(_) => Action::Kept("import.kept_rejected"),
                };
                Planned {
                    line: row.line,
                    action,
                    row: Some(valid.clone()),
                    institution_id,
                    partner: self.partner_of(institution_id),
                    confirm_school: school_in_scope
                        .filter(|_| confirms_claim)
                        .map(|school| (*user, school)),
                }
            }
            _ => error("email", "import.keys_conflict"),
        }
    }

    /// Records what a committed chunk did, for the chunks after it: `seated[i]` says whether row
    /// `i` got its seat, `created` maps the lines of rows that made new accounts to their ids.
    pub fn commit(&mut self, plan: &[Planned], seated: &[bool], created: &HashMap<i64, i64>) {
        for (p, seated) in plan.iter().zip(seated) {
            if !seated {
                continue;
            }
            match (&p.action, &p.row) {
                (Action::Create, Some(row)) => {
                    let Some(id) = created.get(&p.line).copied() else {
                        continue;
                    };
                    if let Some(email) = &row.email {
                        self.by_email.insert(email.clone(), id);
                    }
                    if let Some(nip) = &row.nip {
                        self.by_nip.insert(nip.clone(), id);
                    }
                    if let Some(nuptk) = &row.nuptk {
                        self.by_nuptk.insert(nuptk.clone(), id);
                    }
                    self.accounts.insert(
                        id,
                        Account {
                            role: "participant".to_string(),
                            institution_id: p.institution_id,
                            claimed_school: row
                                .npsn
                                .as_ref()
                                .and_then(|npsn| self.schools.get(npsn))
                                .copied(),
                            enrolled_in_scope: true,
                        },
                    );
                    self.enrolments.insert(id, "approved".to_string());
                }
                (
                    Action::Enrol(user) | Action::Approve(user) | Action::ApproveWithSeat(user),
                    _,
                ) => {
                    self.enrolments.insert(*user, "approved".to_string());
                    if let Some(account) = self.accounts.get_mut(user) {
                        account.enrolled_in_scope = true;
                    }
                }
                _ => {}
            }
            if let Some((user, school)) = p.confirm_school {
                if let Some(account) = self.accounts.get_mut(&user) {
                    account.institution_id = Some(school);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Institutions: 1 (the admin's district) → 10 (a school in it); 2 (another district) → 20.
    /// Accounts: 100 verified at 10; 200 verified at 20; 201 at 20 but enrolled in a program of
    /// the admin's; 202 unverified, claiming school 10; 300 a mentor of the admin's district;
    /// 400 verified at 10 and withdrawn from this cohort.
    fn context() -> Context {
        let account = |role: &str, institution, claimed, enrolled_in_scope| Account {
            role: role.to_string(),
            institution_id: institution,
            claimed_school: claimed,
            enrolled_in_scope,
        };
        let mut c = Context {
            by_email: HashMap::new(),
            by_nip: HashMap::new(),
            by_nuptk: HashMap::new(),
            accounts: HashMap::new(),
            enrolments: HashMap::new(),
            schools: [("20300001".to_string(), 10), ("20300002".to_string(), 20)].into(),
            parents: [(1, None), (10, Some(1)), (2, None), (20, Some(2))].into(),
            partners: HashMap::new(),
            scope: [1, 10].into(),
        };
        for (id, email, account) in [
            (
                100,
                "in@x.test",
                account("participant", Some(10), Some(10), false),
            ),
            (
                200,
                "out@x.test",
                account("participant", Some(20), Some(20), false),
            ),
            (
                201,
                "applied@x.test",
                account("participant", Some(20), Some(20), true),
            ),
            (
                202,
                "claims@x.test",
                account("participant", None, Some(10), false),
            ),
            (
                300,
                "mentor@x.test",
                account("mentor", Some(1), None, false),
            ),
            (
                400,
                "left@x.test",
                account("participant", Some(10), Some(10), true),
            ),
        ] {
            c.by_email.insert(email.to_string(), id);
            c.accounts.insert(id, account);
        }
        c.enrolments.insert(400, "withdrawn".to_string());
        c
    }

    fn row(email: &str, npsn: &str) -> Row {
        Row {
            line: 2,
            outcome: Ok(ValidRow {
                name: "Guru".to_string(),
                email: Some(email.to_string()),
                nip: None,
                nuptk: None,
                rank: None,
                npsn: Some(npsn.to_string()),
                school_name: None,
                school_level: Some("SMP"),
                subject: None,
                region_code: None,
                phone: None,
                category: None,
                position: None,
                birth_place: None,
                birth_date: None,
            }),
        }
    }

    fn plan(email: &str, npsn: &str) -> Planned {
        context().plan(&[row(email, npsn)], Lang::Id).remove(0)
    }

    #[test]
    fn only_accounts_in_scope_are_enrolled_the_rest_invited_alike() {
        assert_eq!(plan("in@x.test", "20300001").action, Action::Enrol(100));
        assert_eq!(
            plan("applied@x.test", "20300001").action,
            Action::Enrol(201)
        );
        assert_eq!(
            plan("out@x.test", "20300001").action,
            Action::Invite(Some(200))
        );
        // A mentor, even of the admin's own district, reads like an outsider (no invitation).
        assert_eq!(
            plan("mentor@x.test", "20300001").action,
            Action::Invite(None)
        );
        assert_eq!(
            plan("left@x.test", "20300001").action,
            Action::Kept("import.kept_withdrawn")
        );
    }

    #[test]
    fn a_row_confirms_a_claim_on_its_own_school_only() {
        let confirmed = plan("claims@x.test", "20300001");
        assert_eq!(confirmed.action, Action::Enrol(202));
        assert_eq!(confirmed.confirm_school, Some((202, 10)));
        assert_eq!(confirmed.institution_id, Some(10));
        let elsewhere = plan("claims@x.test", "20300002");
        assert_eq!(elsewhere.action, Action::Invite(Some(202)));
        assert_eq!(elsewhere.confirm_school, None);
    }

    #[test]
    fn a_new_account_is_verified_only_at_a_school_in_scope() {
        assert_eq!(plan("new@x.test", "20300001").institution_id, Some(10));
        assert_eq!(plan("new@x.test", "20300002").institution_id, None);
    }
}
