-- Participants who are not classroom teachers (issue #18): a category, position, place and date of
-- birth on the profile; institutions that are other government offices or universities; and
-- accounts without an e-mail address (an imported teacher gets a printed activation letter).
--
-- SQLite cannot change a check or a not-null constraint, so `institution` and `app_user` are made
-- again with the same rows and ids. Both are referenced by foreign keys: the server runs
-- migrations on a connection of its own with foreign keys off (so dropping the old table deletes
-- nothing and cascades nowhere; the references follow the name to the new table) and checks every
-- reference with `pragma foreign_key_check` before it serves (server/src/db.rs).

create table institution_next (
    id integer primary key,
    name text not null,
    kind text not null check (kind in ('province_agency', 'district_office', 'school', 'government_office', 'university')),
    parent_id integer references institution (id),
    npsn text unique,
    region_code text,
    created_at bigint not null
);
insert into institution_next (id, name, kind, parent_id, npsn, region_code, created_at)
    select id, name, kind, parent_id, npsn, region_code, created_at from institution;
drop table institution;
alter table institution_next rename to institution;
create index institution_parent on institution (parent_id);

-- The e-mail is unique where there is one (SQLite and PostgreSQL both let several rows be null).
create table app_user_next (
    id integer primary key,
    name text not null,
    email text unique,
    password_hash text not null,
    role text not null check (role in ('admin', 'mentor', 'participant')),
    nip text unique,
    institution_id integer references institution (id),
    session_epoch bigint not null default 0,
    created_at bigint not null,
    updated_at bigint not null
);
insert into app_user_next (id, name, email, password_hash, role, nip, institution_id,
        session_epoch, created_at, updated_at)
    select id, name, email, password_hash, role, nip, institution_id, session_epoch, created_at,
        updated_at from app_user;
drop table app_user;
alter table app_user_next rename to app_user;
create index app_user_institution on app_user (institution_id);

-- What the participant is (guru, kepala sekolah, pengawas sekolah, tenaga kependidikan, ASN lain),
-- their position (jabatan), and where and when they were born (date as YYYY-MM-DD).
alter table participant_profile add column category text
    check (category is null or category in ('teacher', 'principal', 'supervisor', 'education_staff', 'civil_servant'));
alter table participant_profile add column position text;
alter table participant_profile add column birth_place text;
alter table participant_profile add column birth_date text;
