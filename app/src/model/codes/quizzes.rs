//! Quiz codes: what a quiz is for, where it is in its life, how its questions are picked and
//! answered, what a participant sees afterwards, and who finished an attempt.

code_enum!(
    /// What a quiz is for: before the training, after it, or practice.
    QuizKind {
        Pre = "pre",
        Post = "post",
        Practice = "practice",
    }
);

code_enum!(
    /// Where a quiz is in its life: written, open to participants, or archived.
    QuizStatus {
        Draft = "draft",
        Open = "open",
        Archived = "archived",
    }
);

code_enum!(
    /// How a question is answered: one correct option, several, true/false, or a short text.
    QuestionKind {
        Single = "single",
        Multiple = "multiple",
        TrueFalse = "truefalse",
        Short = "short",
    }
);

code_enum!(
    /// How a quiz's questions are picked: by hand, or drawn at random from a tagged pool.
    QuestionSelection {
        Fixed = "fixed",
        Random = "random",
    }
);

code_enum!(
    /// What a participant sees after finishing: nothing, the score, or the answers too.
    ReviewSetting {
        Nothing = "none",
        Score = "score",
        Answers = "answers",
    }
);

code_enum!(
    /// Who finished an attempt: the participant, or the deadline.
    Finisher {
        Participant = "participant",
        Deadline = "deadline",
    }
);
