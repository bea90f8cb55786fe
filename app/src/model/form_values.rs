//! Deserializers for the number fields of a form struct that a server function takes flattened
//! (`#[server(flatten)]`, so that its fields keep their own names in the posted form). Serde hands
//! a flattened struct its values as text whatever the field's type (a url-encoded `12` may be a
//! number or a string), so these parse the numbers themselves; an empty value is "none", as it is
//! for a server function argument of its own.

use serde::de::{Deserializer, Error, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use std::fmt;

/// A whole number written as text or given as a number; empty text is `None`.
struct WholeNumber;

impl<'de> Visitor<'de> for WholeNumber {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Option<i64>, E> {
        if text.is_empty() {
            return Ok(None);
        }
        text.parse()
            .map(Some)
            .map_err(|_| E::invalid_value(Unexpected::Str(text), &self))
    }

    fn visit_i64<E: Error>(self, n: i64) -> Result<Option<i64>, E> {
        Ok(Some(n))
    }

    fn visit_u64<E: Error>(self, n: u64) -> Result<Option<i64>, E> {
        i64::try_from(n)
            .map(Some)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(n), &self))
    }

    fn visit_none<E: Error>(self) -> Result<Option<i64>, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Option<i64>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Option<i64>, D::Error> {
        inner.deserialize_any(self)
    }
}

/// An optional whole number (`organizer_id=12`; empty or absent is `None`).
pub fn optional_number<'de, D: Deserializer<'de>>(input: D) -> Result<Option<i64>, D::Error> {
    input.deserialize_any(WholeNumber)
}

/// One element of a list of whole numbers; an empty element is refused.
struct Element(i64);

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Element, D::Error> {
        input
            .deserialize_any(WholeNumber)?
            .map(Element)
            .ok_or_else(|| D::Error::invalid_value(Unexpected::Str(""), &WholeNumber))
    }
}

struct NumberList;

impl<'de> Visitor<'de> for NumberList {
    type Value = Vec<i64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of whole numbers")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<i64>, A::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(Element(n)) = seq.next_element()? {
            list.push(n);
        }
        Ok(list)
    }
}

/// A list of whole numbers from repeated fields (`correct[]=1&correct[]=3`); absent is empty.
pub fn number_list<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<i64>, D::Error> {
    input.deserialize_any(NumberList)
}

/// A ticked checkbox: `Some` with its value; an empty value, like an absent one, is `None`.
pub fn optional_text<'de, D: Deserializer<'de>>(input: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(input)?.filter(|text| !text.is_empty()))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Form {
        #[serde(default, deserialize_with = "super::optional_number")]
        organizer_id: Option<i64>,
        #[serde(default, deserialize_with = "super::number_list")]
        correct: Vec<i64>,
        #[serde(default, deserialize_with = "super::optional_text")]
        shuffle: Option<String>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Posted {
        id: i64,
        #[serde(flatten)]
        form: Form,
    }

    fn read(json: &str) -> Result<Posted, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn numbers_arrive_as_text_through_a_flattened_struct() {
        let posted = read(r#"{"id":4,"organizer_id":"12","correct":["1","3"],"shuffle":"1"}"#);
        assert_eq!(
            posted.expect("valid"),
            Posted {
                id: 4,
                form: Form {
                    organizer_id: Some(12),
                    correct: vec![1, 3],
                    shuffle: Some("1".into()),
                },
            }
        );
    }

    #[test]
    fn empty_or_absent_values_are_none_and_bad_numbers_are_refused() {
        let posted = read(r#"{"id":4,"organizer_id":"","shuffle":""}"#).expect("valid");
        assert_eq!(
            posted.form,
            Form {
                organizer_id: None,
                correct: Vec::new(),
                shuffle: None,
            }
        );
        assert!(read(r#"{"id":4,"organizer_id":"abc"}"#).is_err());
        assert!(read(r#"{"id":4,"correct":["1",""]}"#).is_err());
        assert!(read(r#"{"id":4,"correct":"1"}"#).is_err());
        let numbers = read(r#"{"id":4,"organizer_id":7,"correct":[2]}"#).expect("valid");
        assert_eq!(numbers.form.organizer_id, Some(7));
        assert_eq!(numbers.form.correct, vec![2]);
    }
}
