-- The signed-in user and their session epoch beside the session's data, so that a request reads
-- its session and its user in one query (the data stays the source of truth; these are copies
-- written with it).
alter table session add column user_id bigint;
alter table session add column user_epoch bigint;
update session set user_id = json_extract(data, '$.uid'), user_epoch = json_extract(data, '$.epoch');
