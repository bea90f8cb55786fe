//! Survey codes: the kinds of items, of surveys, and whom a survey evaluates.

code_enum!(
    /// How an item of an instrument is answered.
    SurveyItemKind {
        /// A scale from 1 to 4.
        Likert4 = "likert4",
        /// A scale from 1 to 5.
        Likert5 = "likert5",
        /// One of the item's options.
        Choice = "choice",
        /// Open text.
        Text = "text",
    }
);

impl SurveyItemKind {
    /// The top of a Likert scale (None for other kinds).
    pub fn scale(self) -> Option<i64> {
        match self {
            SurveyItemKind::Likert4 => Some(4),
            SurveyItemKind::Likert5 => Some(5),
            _ => None,
        }
    }
}

code_enum!(
    /// When a survey is given.
    SurveyKind {
        /// At the end of the cohort (reaction, Kirkpatrick level 1).
        Reaction = "reaction",
        /// Some weeks after the cohort ends (behaviour in class, level 3): participants are
        /// invited when it opens and reminded before it closes.
        FollowUp = "follow_up",
    }
);

code_enum!(
    /// Whom a survey evaluates; each participant answers once per person evaluated.
    SurveyTarget {
        /// The organiser: one response per participant.
        Organiser = "organiser",
        /// Each mentor of the cohort.
        Mentor = "mentor",
        /// Each host of the cohort's live sessions.
        Host = "host",
    }
);
