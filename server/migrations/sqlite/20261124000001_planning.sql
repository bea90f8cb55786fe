-- Planning and organizing (issue #3): competencies, training needs, programs, cooperation
-- agreements, cohorts, live sessions, participant profiles, enrolments, mentor groups and imports.
-- Seat counters (`seats_taken`) are changed only by conditional updates, so a quota holds under
-- concurrent registrations on both databases.

-- Competencies a program develops and a need asks for: reference data, not code.
create table competency (
    id integer primary key,
    code text not null unique,
    name_id text not null,
    name_en text not null
);
insert into competency (code, name_id, name_en) values
    ('career_policy', 'Kebijakan pengembangan karier guru', 'Teacher career-development policy'),
    ('digital_literacy', 'Literasi digital dalam pembelajaran', 'Digital literacy in teaching'),
    ('hots_design', 'Desain pembelajaran HOTS', 'HOTS lesson design'),
    ('teaching_media', 'Pengembangan media pembelajaran', 'Teaching-media development'),
    ('office_tools', 'Pengolah kata, lembar kerja, presentasi dan internet untuk pembelajaran', 'Word processor, spreadsheet, slides and internet in teaching');

create table program (
    id integer primary key,
    organizer_id integer not null references institution (id),
    title text not null,
    description text not null,
    level text not null check (level in ('basic', 'intermediate', 'advanced')),
    total_jp bigint not null check (total_jp > 0),
    mode text not null check (mode in ('online', 'blended')),
    funding text not null check (funding in ('apbd', 'bos', 'fee')),
    fee_amount bigint check (fee_amount is null or fee_amount >= 0),
    status text not null default 'draft' check (status in ('draft', 'published', 'closed')),
    created_by integer not null references app_user (id),
    created_at bigint not null,
    updated_at bigint not null
);
create index program_organizer on program (organizer_id, status);
create index program_status on program (status, id);

create table program_competency (
    program_id integer not null references program (id) on delete cascade,
    competency_id integer not null references competency (id),
    primary key (program_id, competency_id)
);

-- Usulan kebutuhan diklat: a unit (school or office) proposes, the agency reviews.
create table training_need (
    id integer primary key,
    institution_id integer not null references institution (id),
    proposed_by integer not null references app_user (id),
    competency_id integer not null references competency (id),
    level text not null check (level in ('basic', 'intermediate', 'advanced')),
    teacher_count bigint not null check (teacher_count > 0),
    justification text not null,
    status text not null default 'proposed' check (status in ('proposed', 'accepted', 'rejected', 'merged')),
    review_reason text,
    program_id integer references program (id),
    reviewed_by integer references app_user (id),
    reviewed_at bigint,
    created_at bigint not null
);
create index training_need_institution on training_need (institution_id, status);
create index training_need_competency on training_need (competency_id, status);

-- Perjanjian Kerja Sama: the organizer and partner institutions, for one program.
create table agreement (
    id integer primary key,
    program_id integer not null references program (id),
    number text not null,
    starts_on text not null,
    ends_on text not null,
    created_by integer not null references app_user (id),
    created_at bigint not null,
    unique (program_id, number)
);

create table agreement_partner (
    agreement_id integer not null references agreement (id) on delete cascade,
    institution_id integer not null references institution (id),
    quota bigint not null check (quota >= 0),
    seats_taken bigint not null default 0 check (seats_taken >= 0),
    funding_share_percent bigint not null check (funding_share_percent between 0 and 100),
    primary key (agreement_id, institution_id)
);
create index agreement_partner_institution on agreement_partner (institution_id);

-- Angkatan: dates are ISO `YYYY-MM-DD`; the registration window is in Unix seconds.
create table cohort (
    id integer primary key,
    program_id integer not null references program (id),
    name text not null,
    starts_on text not null,
    ends_on text not null,
    registration_opens_at bigint not null,
    registration_closes_at bigint not null,
    quota bigint not null check (quota > 0),
    seats_taken bigint not null default 0 check (seats_taken >= 0),
    created_by integer not null references app_user (id),
    created_at bigint not null,
    unique (program_id, name)
);

create table cohort_mentor (
    cohort_id integer not null references cohort (id) on delete cascade,
    user_id integer not null references app_user (id),
    primary key (cohort_id, user_id)
);
create index cohort_mentor_user on cohort_mentor (user_id);

create table live_session (
    id integer primary key,
    cohort_id integer not null references cohort (id) on delete cascade,
    title text not null,
    starts_at bigint not null,
    duration_minutes bigint not null check (duration_minutes > 0),
    meeting_url text not null,
    created_at bigint not null
);
create index live_session_cohort on live_session (cohort_id, starts_at);

-- What a participant tells about themselves (DOMAIN.md §7). The NIP stays on app_user.
create table participant_profile (
    user_id integer primary key references app_user (id) on delete cascade,
    nuptk text unique,
    rank text,
    school_npsn text,
    school_name text,
    subject text,
    school_level text check (school_level is null or school_level in ('SD', 'SMP', 'SMA', 'SMK', 'SLB')),
    region_code text,
    phone text,
    updated_at bigint not null
);
create index participant_profile_npsn on participant_profile (school_npsn);

create table mentor_group (
    id integer primary key,
    cohort_id integer not null references cohort (id) on delete cascade,
    name text not null,
    mentor_id integer references app_user (id),
    capacity bigint not null check (capacity > 0),
    created_at bigint not null,
    unique (cohort_id, name)
);
create index mentor_group_mentor on mentor_group (mentor_id);

-- One row per participant and cohort. `applied` and `approved` hold a seat; `waitlisted` waits
-- for one. `partner_institution_id` is the PKS partner whose quota the seat counts against.
create table enrolment (
    id integer primary key,
    cohort_id integer not null references cohort (id),
    user_id integer not null references app_user (id),
    status text not null check (status in ('applied', 'approved', 'rejected', 'waitlisted', 'withdrawn')),
    reason text,
    source text not null check (source in ('application', 'import')),
    partner_agreement_id integer references agreement (id),
    partner_institution_id integer references institution (id),
    group_id integer references mentor_group (id) on delete set null,
    import_job_id integer,
    decided_by integer references app_user (id),
    decided_at bigint,
    created_at bigint not null,
    unique (cohort_id, user_id)
);
create index enrolment_cohort_status on enrolment (cohort_id, status, id);
create index enrolment_user on enrolment (user_id);
create index enrolment_group on enrolment (group_id);

-- Bulk enrolment from a CSV file, run in the background; the file is kept under the data dir.
create table import_job (
    id integer primary key,
    cohort_id integer not null references cohort (id),
    created_by integer not null references app_user (id),
    file_name text not null,
    file_sha256 text not null,
    status text not null check (status in ('queued', 'running', 'done', 'failed')),
    total_rows bigint not null default 0,
    processed_rows bigint not null default 0,
    created_accounts bigint not null default 0,
    enrolled bigint not null default 0,
    unchanged bigint not null default 0,
    error_rows bigint not null default 0,
    message text,
    created_at bigint not null,
    started_at bigint,
    finished_at bigint
);
create index import_job_cohort on import_job (cohort_id, id);

create table import_row_error (
    job_id integer not null references import_job (id) on delete cascade,
    row_number bigint not null,
    field text not null,
    message text not null,
    primary key (job_id, row_number, field)
);

-- Accounts created by an import have no password yet: `app_user.password_hash` is empty, and
-- sign-in refuses them until the account is activated.
