-- Participants who are not classroom teachers (issue #18): a category, position, place and date of
-- birth on the profile; institutions that are other government offices or universities; and
-- accounts without an e-mail address (an imported teacher gets a printed activation letter).

alter table institution drop constraint institution_kind_check;
alter table institution add constraint institution_kind_check
    check (kind in ('province_agency', 'district_office', 'school', 'government_office', 'university'));

-- The e-mail stays unique where there is one (a unique constraint lets several rows be null).
alter table app_user alter column email drop not null;

-- What the participant is (guru, kepala sekolah, pengawas sekolah, tenaga kependidikan, ASN lain),
-- their position (jabatan), and where and when they were born (date as YYYY-MM-DD).
alter table participant_profile
    add column category text
        check (category is null or category in ('teacher', 'principal', 'supervisor', 'education_staff', 'civil_servant')),
    add column position text,
    add column birth_place text,
    add column birth_date text;
