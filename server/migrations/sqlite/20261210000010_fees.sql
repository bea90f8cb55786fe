-- Participant fees (kontribusi peserta, issue #23 part A): a bill for each approved enrolment in
-- a fee-funded program, payment by bank transfer with a proof the participant uploads and an
-- admin confirms, receipts (kuitansi) numbered per institution without gaps, and every change to
-- a bill kept in its history. Money is whole rupiah in integers, never floating point.

-- One bill per enrolment and payer: the participant, and the cooperation-agreement partner for
-- its funding share of the fee (`agreement_partner.funding_share_percent`). The reference is
-- what the payer writes in the transfer's note: `PMG` + payer letter + enrolment id + a check.
create table fee_bill (
    id integer primary key,
    enrolment_id integer not null references enrolment (id),
    cohort_id integer not null references cohort (id),
    user_id integer not null references app_user (id),
    payer text not null check (payer in ('participant', 'partner')),
    partner_institution_id integer references institution (id),
    amount bigint not null check (amount > 0),
    due_on text not null,
    reference text not null unique,
    status text not null default 'unpaid'
        check (status in ('unpaid', 'paid', 'waived', 'cancelled', 'refunded')),
    -- Proofs uploaded so far: a conditional update keeps their number under the cap, however
    -- many uploads arrive at once.
    proofs bigint not null default 0 check (proofs >= 0),
    created_at bigint not null,
    updated_at bigint not null,
    unique (enrolment_id, payer)
);
create index fee_bill_cohort on fee_bill (cohort_id, status, id);
create index fee_bill_user on fee_bill (user_id, id);

-- Proof of a bank transfer (a photo or PDF, the boards' attachment rules), stored in the app's
-- storage under a generated name; an admin accepts it (with the payment) or rejects it with a
-- reason the participant reads.
create table fee_proof (
    id integer primary key,
    bill_id integer not null references fee_bill (id),
    file_name text not null,
    stored_name text not null,
    content_type text not null,
    size_bytes bigint not null,
    status text not null default 'waiting' check (status in ('waiting', 'accepted', 'rejected')),
    reason text,
    uploaded_by integer not null references app_user (id),
    uploaded_at bigint not null,
    decided_by integer references app_user (id),
    decided_at bigint
);
create index fee_proof_bill on fee_proof (bill_id, id);

-- Where participants transfer to: each organising institution's receiving account, set by its
-- admins and shown on every bill of its programs.
create table fee_account (
    institution_id integer primary key references institution (id),
    bank text not null,
    account_number text not null,
    account_name text not null,
    updated_by integer not null references app_user (id),
    updated_at bigint not null
);

-- A bank statement an admin uploaded, and its credit lines: each matched to a bill by the
-- reference in its description and its amount, or left for the admin to match by hand, before
-- anything is applied. A line's fingerprint (institution, date, amount, description) is applied
-- at most once, however often the same statement is uploaded.
create table fee_statement (
    id integer primary key,
    institution_id integer not null references institution (id),
    file_name text not null,
    uploaded_by integer not null references app_user (id),
    uploaded_at bigint not null,
    applied_by integer references app_user (id),
    applied_at bigint
);
create index fee_statement_institution on fee_statement (institution_id, id);
create table fee_statement_line (
    id integer primary key,
    statement_id integer not null references fee_statement (id),
    line_no bigint not null,
    booked_on text not null,
    description text not null,
    amount bigint not null check (amount > 0),
    fingerprint text not null,
    bill_id integer references fee_bill (id),
    state text not null check (state in ('matched', 'unmatched', 'applied')),
    problem text,
    unique (statement_id, line_no)
);
create index fee_statement_line_statement on fee_statement_line (statement_id, line_no);
create unique index fee_statement_line_applied_once on fee_statement_line (fingerprint)
    where state = 'applied';

-- A bill is paid once: the partial unique index refuses a second payment that is not refunded,
-- whatever the timing (a bill paid, refunded on withdrawal and reopened when its enrolment is
-- approved again is paid anew); a statement line pays at most one bill.
create table fee_payment (
    id integer primary key,
    bill_id integer not null references fee_bill (id),
    amount bigint not null check (amount > 0),
    method text not null check (method in ('transfer', 'statement')),
    proof_id integer references fee_proof (id),
    statement_line_id integer unique references fee_statement_line (id),
    confirmed_by integer not null references app_user (id),
    confirmed_at bigint not null,
    refunded_at bigint
);
create unique index fee_payment_once on fee_payment (bill_id) where refunded_at is null;
create index fee_payment_bill on fee_payment (bill_id);

-- Receipt numbers run per institution (the program's organiser) and year without gaps (a
-- payment's receipt and a refund's reversing receipt share the sequence): the
-- counter is raised in the transaction that writes the receipt, so a transaction that rolls back
-- gives its number back, and concurrent confirmations wait for each other on the counter's row.
create table receipt_counter (
    institution_id integer not null references institution (id),
    year bigint not null,
    last_seq bigint not null check (last_seq >= 0),
    primary key (institution_id, year)
);
create table receipt (
    id integer primary key,
    institution_id integer not null references institution (id),
    year bigint not null,
    seq bigint not null,
    number text not null,
    bill_id integer not null references fee_bill (id),
    payment_id integer not null references fee_payment (id),
    -- `payment` for money received; `refund` for money paid back, which reverses the receipt
    -- `reverses_id` of the same payment.
    kind text not null default 'payment' check (kind in ('payment', 'refund')),
    reverses_id integer references receipt (id),
    amount bigint not null check (amount > 0),
    issued_at bigint not null,
    issued_by integer not null references app_user (id),
    unique (institution_id, year, seq),
    unique (payment_id, kind)
);
create index receipt_bill on receipt (bill_id);

-- Until when a participant who withdraws from a cohort gets a paid fee back (a date, WIB,
-- inclusive); without a row, until the day before the cohort starts.
create table fee_refund_terms (
    cohort_id integer primary key references cohort (id),
    refund_until text not null,
    updated_by integer not null references app_user (id),
    updated_at bigint not null
);

-- A fee paid back: at most one per payment. `paid_to` is where the money went (the payer's
-- account, as the admin typed it).
create table fee_refund (
    id integer primary key,
    bill_id integer not null references fee_bill (id),
    payment_id integer not null unique references fee_payment (id),
    amount bigint not null check (amount > 0),
    paid_to text not null,
    note text not null default '',
    refunded_by integer not null references app_user (id),
    refunded_at bigint not null
);
create index fee_refund_bill on fee_refund (bill_id);

-- Every change to a bill, with who made it and when; never changed.
create table fee_bill_event (
    id integer primary key,
    bill_id integer not null references fee_bill (id),
    at bigint not null,
    actor_id integer references app_user (id),
    actor_name text not null,
    action text not null,
    amount bigint,
    detail text not null default ''
);
create index fee_bill_event_bill on fee_bill_event (bill_id, id);
create trigger fee_bill_event_no_update before update on fee_bill_event begin
    select raise(abort, 'bill history cannot be changed');
end;
create trigger fee_bill_event_no_delete before delete on fee_bill_event begin
    select raise(abort, 'bill history cannot be deleted');
end;

-- A program (or cohort) may require the fee settled to complete: every bill of the enrolment
-- paid or waived (issue #23 part A item 4).
alter table completion_rule add column require_fee_settled bigint not null default 0;
