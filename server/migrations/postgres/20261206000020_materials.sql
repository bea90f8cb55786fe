-- Learning materials (issue #19): modules and units per program, shared by its cohorts; a cohort
-- may add modules of its own (`cohort_id`). A unit's body is Markdown; every save keeps a
-- revision. Pictures and attachments are files under the data directory (`materi/`), a picture
-- also as its resized copy. Progress is per participant and unit.

-- A program may require another to be completed first (intermediate after basic).
alter table program add column prerequisite_program_id bigint references program (id);

create table material_module (
    id bigint generated always as identity primary key,
    program_id bigint not null references program (id) on delete cascade,
    cohort_id bigint references cohort (id) on delete cascade,
    title text not null,
    position bigint not null,
    created_by bigint not null references app_user (id),
    created_at bigint not null,
    updated_at bigint not null
);
create index material_module_program on material_module (program_id, position);
create index material_module_cohort on material_module (cohort_id);

create table material_unit (
    id bigint generated always as identity primary key,
    module_id bigint not null references material_module (id) on delete cascade,
    title text not null,
    body text not null default '',
    position bigint not null,
    locked_until_previous bigint not null default 0,
    video_url text,
    video_minutes bigint,
    revision bigint not null default 0,
    created_by bigint not null references app_user (id),
    created_at bigint not null,
    updated_at bigint not null
);
create index material_unit_module on material_unit (module_id, position);

create table material_revision (
    id bigint generated always as identity primary key,
    unit_id bigint not null references material_unit (id) on delete cascade,
    number bigint not null,
    title text not null,
    body text not null,
    author_id bigint not null references app_user (id),
    created_at bigint not null,
    unique (unit_id, number)
);

-- What an author typed and asked to preview, not yet saved (one per author and unit).
create table material_draft (
    unit_id bigint not null references material_unit (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    title text not null,
    body text not null,
    created_at bigint not null,
    primary key (unit_id, user_id)
);

create table material_file (
    id bigint generated always as identity primary key,
    unit_id bigint not null references material_unit (id) on delete cascade,
    kind text not null check (kind in ('picture', 'attachment')),
    file_name text not null,
    stored_name text not null,
    content_type text not null,
    size_bytes bigint not null,
    sha256 text not null,
    small_name text,
    small_bytes bigint,
    small_type text,
    width bigint,
    height bigint,
    created_by bigint not null references app_user (id),
    created_at bigint not null
);
create index material_file_unit on material_file (unit_id, id);

create table material_progress (
    unit_id bigint not null references material_unit (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    opened_at bigint not null,
    done_at bigint,
    created_at bigint not null,
    primary key (unit_id, user_id)
);
create index material_progress_user on material_progress (user_id);

-- Data-saving mode (hemat data), chosen by the person; no row: follow the browser's Save-Data.
create table data_saving_pref (
    user_id bigint primary key references app_user (id) on delete cascade,
    enabled bigint not null,
    created_at bigint not null
);
