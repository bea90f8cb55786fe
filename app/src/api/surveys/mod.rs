//! Server functions of surveys: the reads behind each survey page. Every form of the feature
//! posts to a plain route (`ssr::surveys::http`): the answer form carries one field per item.

mod read;
pub use read::{
    cohort_surveys, mentor_index, mentor_surveys, my_surveys, survey_form, survey_instrument,
    survey_instruments, survey_results,
};
