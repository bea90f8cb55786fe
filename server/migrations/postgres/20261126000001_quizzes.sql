-- Quizzes (issue #4, PostgreSQL): the question bank of a program, quizzes of a cohort, and attempts whose
-- every answer is saved as it is given. An answer is a row of `attempt_item`, changed only by a
-- conditional update (newer sequence number, attempt still open, deadline plus grace not passed),
-- so retried and late saves never overwrite newer ones on either database.

create table question (
    id bigint generated always as identity primary key,
    program_id bigint not null references program (id),
    kind text not null check (kind in ('single', 'multiple', 'truefalse', 'short')),
    prompt text not null,
    feedback text not null default '',
    -- Competency tags, lower-case, joined by ',' with a leading and trailing ',' (`,ict,hots,`)
    -- so that `like '%,tag,%'` finds one.
    tags text not null default '',
    points bigint not null default 1 check (points between 1 and 100),
    archived bigint not null default 0,
    created_by bigint not null references app_user (id),
    created_at bigint not null,
    updated_at bigint not null
);
create index question_program on question (program_id, archived, id);

-- Choices of a choice question (true/false has two: Benar, Salah); for a short-answer question,
-- the accepted answers (all `correct = 1`).
create table question_option (
    id bigint generated always as identity primary key,
    question_id bigint not null references question (id) on delete cascade,
    position bigint not null,
    label text not null,
    correct bigint not null default 0,
    unique (question_id, position)
);

create table quiz (
    id bigint generated always as identity primary key,
    cohort_id bigint not null references cohort (id),
    title text not null,
    kind text not null check (kind in ('pre', 'post', 'practice')),
    selection text not null check (selection in ('fixed', 'random')),
    random_count bigint not null default 0 check (random_count >= 0),
    random_tags text not null default '',
    shuffle_questions bigint not null default 1,
    shuffle_options bigint not null default 1,
    -- 0: no time limit (the close time still ends every attempt).
    time_limit_minutes bigint not null default 0 check (time_limit_minutes between 0 and 600),
    opens_at bigint not null,
    closes_at bigint not null,
    max_attempts bigint not null default 1 check (max_attempts between 1 and 20),
    pass_percent bigint not null default 65 check (pass_percent between 0 and 100),
    review text not null default 'score' check (review in ('none', 'score', 'answers')),
    questions_per_page bigint not null default 5 check (questions_per_page between 1 and 50),
    status text not null default 'draft' check (status in ('draft', 'open', 'archived')),
    created_by bigint not null references app_user (id),
    created_at bigint not null,
    updated_at bigint not null
);
create index quiz_cohort on quiz (cohort_id, opens_at);

-- The questions of a quiz: chosen by hand (fixed), or the pool drawn from (random), frozen when the
-- quiz opens so that a start reads one short list.
create table quiz_question (
    quiz_id bigint not null references quiz (id) on delete cascade,
    question_id bigint not null references question (id),
    position bigint not null,
    primary key (quiz_id, question_id)
);

create table quiz_attempt (
    id bigint generated always as identity primary key,
    quiz_id bigint not null references quiz (id),
    user_id bigint not null references app_user (id),
    number bigint not null,
    started_at bigint not null,
    -- The earlier of start + time limit and the quiz's close time; saves are taken until
    -- deadline + grace.
    deadline_at bigint not null,
    finished_at bigint,
    finished_by text check (finished_by is null or finished_by in ('participant', 'deadline')),
    -- Thousandths of a point (partial credit).
    score_milli bigint,
    max_points bigint not null,
    passed bigint,
    unique (quiz_id, user_id, number)
);
create index quiz_attempt_user on quiz_attempt (user_id, quiz_id);
create index quiz_attempt_open on quiz_attempt (finished_at, deadline_at);

-- One row per question of an attempt, in the attempt's order, with the participant's answer.
-- `option_order` is the shuffled option ids (comma-separated); `answer` is an option id list
-- (comma-separated) or the typed text; `seq` is the client's sequence number of that answer.
create table attempt_item (
    attempt_id bigint not null references quiz_attempt (id) on delete cascade,
    question_id bigint not null references question (id),
    position bigint not null,
    option_order text not null default '',
    answer text,
    seq bigint not null default 0,
    saved_at bigint,
    score_milli bigint,
    primary key (attempt_id, question_id)
);
create index attempt_item_question on attempt_item (question_id);

-- Authoring asks whether an open quiz uses a question before it may be edited.
create index quiz_question_question on quiz_question (question_id);
