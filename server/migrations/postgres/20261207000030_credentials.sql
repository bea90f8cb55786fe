-- Verifiable credentials (issue #20): each institution's Ed25519 signing keys and the counter
-- that gives every credential its place in the institution's revocation status list.

-- An institution's public signing keys, all kept published so that credentials signed before a
-- rotation still verify. The secret of each lives in a file under the data directory
-- (`kunci/<institution>/<public_key>.key`, mode 0600), never in the database. One key per
-- institution is current (`retired_at` null): the one new credentials are signed with.
create table credential_key (
    id bigint generated always as identity primary key,
    institution_id bigint not null references institution (id) on delete cascade,
    -- Multikey `publicKeyMultibase` (`z6Mk…`), also the fragment of the verification method id.
    public_key text not null unique,
    created_at bigint not null,
    retired_at bigint
);
create unique index credential_key_current on credential_key (institution_id) where retired_at is null;

-- The next free status-list index per institution, taken in the transaction that stores a
-- credential.
create table credential_status_counter (
    institution_id bigint primary key references institution (id) on delete cascade,
    next_index bigint not null,
    created_at bigint not null
);

-- One index per certificate within its institution; revoked ones are read per list.
create unique index certificate_status_index on certificate (institution_id, status_list_index)
    where status_list_index is not null;
