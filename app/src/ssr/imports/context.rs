//! What an import needs to know about the database, loaded once per job into memory: accounts by
//! e-mail, NIP and NUPTK, the cohort's enrolments, schools by NPSN, and the program's PKS partners.
//! `plan` decides what each row of a chunk does; `commit` records it once the chunk is saved.

use super::parse::{Row, RowError, ValidRow};
use crate::i18n::text;
use crate::model::Lang;
use crate::ssr::db::Db;
use std::collections::HashMap;

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
}

struct Account {
    role: String,
    institution_id: Option<i64>,
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
}

type AccountRow = (
    i64,
    String,
    Option<String>,
    String,
    Option<i64>,
    Option<String>,
);

impl Context {
    /// Loads everything for cohort `cohort_id`; `None` if the cohort is gone.
    pub async fn load(db: &Db, cohort_id: i64) -> Result<Option<Context>, sqlx::Error> {
        let program: Option<(i64,)> = sqlx::query_as("select program_id from cohort where id = $1")
            .bind(cohort_id)
            .fetch_optional(db)
            .await?;
        let Some((program_id,)) = program else {
            return Ok(None);
        };
        let accounts: Vec<AccountRow> = sqlx::query_as(
            "select u.id, u.email, u.nip, u.role, u.institution_id, p.nuptk \
             from app_user u left join participant_profile p on p.user_id = u.id",
        )
        .fetch_all(db)
        .await?;
        let mut context = Context {
            by_email: HashMap::with_capacity(accounts.len()),
            by_nip: HashMap::new(),
            by_nuptk: HashMap::new(),
            accounts: HashMap::with_capacity(accounts.len()),
            enrolments: HashMap::new(),
            schools: HashMap::new(),
            parents: HashMap::new(),
            partners: HashMap::new(),
        };
        for (id, email, nip, role, institution_id, nuptk) in accounts {
            context.by_email.insert(email.to_lowercase(), id);
            if let Some(nip) = nip {
                context.by_nip.insert(nip, id);
            }
            if let Some(nuptk) = nuptk {
                context.by_nuptk.insert(nuptk, id);
            }
            context.accounts.insert(
                id,
                Account {
                    role,
                    institution_id,
                },
            );
        }
        let enrolments: Vec<(i64, String)> =
            sqlx::query_as("select user_id, status from enrolment where cohort_id = $1")
                .bind(cohort_id)
                .fetch_all(db)
                .await?;
        context.enrolments = enrolments.into_iter().collect();
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
        };
        let valid = match &row.outcome {
            Err(errors) => return invalid(errors.clone()),
            Ok(valid) => valid,
        };
        let mut matches: Vec<i64> = [
            self.by_email.get(&valid.email),
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
        match matches.as_slice() {
            [] => {
                let institution_id = self.schools.get(&valid.npsn).copied();
                Planned {
                    line: row.line,
                    action: Action::Create,
                    row: Some(valid.clone()),
                    institution_id,
                    partner: self.partner_of(institution_id),
                }
            }
            [user] => {
                let Some(account) = self.accounts.get(user) else {
                    return error("email", "import.keys_conflict");
                };
                if account.role != "participant" {
                    return error("email", "import.not_participant");
                }
                let action = match self.enrolments.get(user).map(String::as_str) {
                    None => Action::Enrol(*user),
                    Some("approved") => Action::Unchanged,
                    Some("applied") => Action::Approve(*user),
                    Some(_) => Action::ApproveWithSeat(*user),
                };
                Planned {
                    line: row.line,
                    action,
                    row: Some(valid.clone()),
                    institution_id: account.institution_id,
                    partner: self.partner_of(account.institution_id),
                }
            }
            _ => error("email", "import.keys_conflict"),
        }
    }

    /// Records what a committed chunk did, for the chunks after it: `seated[i]` says whether row
    /// `i` got its seat, `created` maps the e-mails of new accounts to their ids.
    pub fn commit(&mut self, plan: &[Planned], seated: &[bool], created: &HashMap<String, i64>) {
        for (p, seated) in plan.iter().zip(seated) {
            if !seated {
                continue;
            }
            match (&p.action, &p.row) {
                (Action::Create, Some(row)) => {
                    let Some(id) = created.get(&row.email).copied() else {
                        continue;
                    };
                    self.by_email.insert(row.email.clone(), id);
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
                        },
                    );
                    self.enrolments.insert(id, "approved".to_string());
                }
                (
                    Action::Enrol(user) | Action::Approve(user) | Action::ApproveWithSeat(user),
                    _,
                ) => {
                    self.enrolments.insert(*user, "approved".to_string());
                }
                _ => {}
            }
        }
    }
}
