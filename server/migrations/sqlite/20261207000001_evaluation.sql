-- Evaluation (issue #20): completion rules and decisions, certificate templates, numbers,
-- certificates and the background job that issues a cohort's certificates.

-- A program's short code, used in certificate numbers (`{program_code}`).
alter table program add column code text;

-- What a participant must meet to complete: one row per program, and optionally one per cohort
-- that overrides the program's. A null limit is not asked for.
create table completion_rule (
    id integer primary key,
    program_id integer references program (id) on delete cascade,
    cohort_id integer references cohort (id) on delete cascade,
    min_attendance_percent bigint check (min_attendance_percent is null or min_attendance_percent between 0 and 100),
    min_jp bigint check (min_jp is null or min_jp >= 0),
    min_post_test_percent bigint check (min_post_test_percent is null or min_post_test_percent between 0 and 100),
    min_approved_products bigint check (min_approved_products is null or min_approved_products >= 0),
    require_surveys bigint not null default 0,
    min_coaching_cycles bigint check (min_coaching_cycles is null or min_coaching_cycles >= 0),
    updated_by integer not null references app_user (id),
    updated_at bigint not null,
    check ((program_id is null) <> (cohort_id is null))
);
create unique index completion_rule_program on completion_rule (program_id) where program_id is not null;
create unique index completion_rule_cohort on completion_rule (cohort_id) where cohort_id is not null;

-- The organiser's decision on one enrolment: passed or not, with a reason. `against_checklist`
-- is 1 when the decision differs from what the checklist said (an override), which needs a reason.
create table completion_decision (
    enrolment_id integer primary key references enrolment (id) on delete cascade,
    cohort_id integer not null references cohort (id) on delete cascade,
    user_id integer not null references app_user (id),
    passed bigint not null,
    checklist_met bigint not null,
    against_checklist bigint not null default 0,
    reason text,
    decided_by integer not null references app_user (id),
    decided_at bigint not null
);
create index completion_decision_cohort on completion_decision (cohort_id, passed);
create index completion_decision_user on completion_decision (user_id);

-- Every decision ever recorded, overrides included (who, when, why).
create table completion_decision_history (
    id integer primary key,
    enrolment_id integer not null references enrolment (id) on delete cascade,
    passed bigint not null,
    checklist_met bigint not null,
    against_checklist bigint not null,
    reason text,
    decided_by integer not null references app_user (id),
    decided_at bigint not null
);
create index completion_decision_history_enrolment on completion_decision_history (enrolment_id, id);

-- How an institution's certificates look and are numbered.
create table certificate_template (
    institution_id integer primary key references institution (id) on delete cascade,
    number_format text not null,
    signatory_name text not null,
    signatory_nip text,
    signatory_title text not null,
    signing_city text not null,
    logo_stored_name text,
    logo_content_type text,
    updated_by integer not null references app_user (id),
    updated_at bigint not null
);

-- The last sequence number given per institution and year: taken and raised in the same
-- transaction that stores the certificate, so numbers have no gap and no duplicate.
create table certificate_counter (
    institution_id integer not null references institution (id) on delete cascade,
    year bigint not null,
    last_seq bigint not null,
    primary key (institution_id, year)
);

-- An issued certificate. `facts` is the JSON of everything printed on it, frozen at issue: a later
-- change of the person's name does not alter it. A correction issues a new row (`version` + 1,
-- `replaces_id`) and revokes the old one.
create table certificate (
    id integer primary key,
    code text not null unique,
    number text not null,
    institution_id integer not null references institution (id),
    year bigint not null,
    seq bigint not null,
    cohort_id integer not null references cohort (id),
    user_id integer not null references app_user (id),
    enrolment_id integer not null references enrolment (id),
    version bigint not null default 1,
    replaces_id integer references certificate (id),
    facts text not null,
    pdf_stored_name text,
    pdf_bytes bigint,
    pdf_sha256 text,
    credential text,
    status_list_index bigint,
    status text not null default 'valid' check (status in ('valid', 'revoked')),
    revoked_at bigint,
    revoked_reason text,
    revoked_by integer references app_user (id),
    issued_by integer not null references app_user (id),
    issued_at bigint not null,
    unique (institution_id, year, seq)
);
create unique index certificate_valid_enrolment on certificate (enrolment_id) where status = 'valid';
create index certificate_user on certificate (user_id, issued_at);
create index certificate_cohort on certificate (cohort_id, id);

-- Issuing a whole cohort in the background: resumed after a crash (the lease runs out).
create table certificate_job (
    id integer primary key,
    cohort_id integer not null references cohort (id),
    requested_by integer not null references app_user (id),
    status text not null check (status in ('queued', 'running', 'done', 'failed')),
    total bigint not null default 0,
    issued bigint not null default 0,
    lease_owner text,
    lease_until bigint,
    error text,
    created_at bigint not null,
    finished_at bigint
);
create index certificate_job_status on certificate_job (status, id);
