-- Institutions, accounts, sessions and sign-in throttling (PostgreSQL).
-- Integers are bigint so that they decode as i64 through sqlx's Any driver, as on SQLite.
create table institution (
    id bigint generated always as identity primary key,
    name text not null,
    kind text not null check (kind in ('province_agency', 'district_office', 'school')),
    parent_id bigint references institution (id),
    npsn text unique,
    region_code text,
    created_at bigint not null
);
create index institution_parent on institution (parent_id);

create table app_user (
    id bigint generated always as identity primary key,
    name text not null,
    email text not null unique,
    password_hash text not null,
    role text not null check (role in ('admin', 'mentor', 'participant')),
    nip text unique,
    institution_id bigint references institution (id),
    session_epoch bigint not null default 0,
    created_at bigint not null,
    updated_at bigint not null
);
create index app_user_institution on app_user (institution_id);

create table session (
    id text primary key,
    data text not null,
    expires_at bigint not null
);
create index session_expires_at on session (expires_at);

create table sign_in_failure (
    id bigint generated always as identity primary key,
    email text not null,
    address text not null,
    created_at bigint not null
);
create index sign_in_failure_email on sign_in_failure (email, created_at);
create index sign_in_failure_address on sign_in_failure (address, created_at);
