//! Activation codes and the one sign-in field teachers know: what a code looks like, how a typed
//! code is read back, and how "e-mail, NIP or NUPTK" is told apart. Pure functions, shared by the
//! server and its tests; the random part and the storage are in `ssr::activation`.

/// The characters a code is made of: digits and capitals without the look-alikes 0/O, 1/I/L.
pub const CODE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Characters in a code (about 49.5 bits).
pub const CODE_LENGTH: usize = 10;

/// The code as printed: groups of 4, 4 and 2 (`K7QX-M3PA-2F`), for reading off paper.
pub fn format_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 2);
    for (i, c) in code.chars().enumerate() {
        if i == 4 || i == 8 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// A typed code as stored before hashing: upper-cased, without spaces and dashes, with the
/// look-alikes a reader may type read as the characters a code does have (`O`/`0` are not in the
/// alphabet, so they stay and the code is simply wrong). `None` if it cannot be a code.
pub fn normalize_code(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LENGTH);
    for c in typed.chars() {
        match c {
            ' ' | '-' | '.' | '\t' => {}
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_uppercase()),
            _ => return None,
        }
    }
    let valid = out.len() == CODE_LENGTH && out.bytes().all(|b| CODE_ALPHABET.contains(&b));
    valid.then_some(out)
}

/// What a person typed into "E-mail, NIP atau NUPTK".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountKey {
    /// Lower-cased and trimmed.
    Email(String),
    /// 18 digits.
    Nip(String),
    /// 16 digits.
    Nuptk(String),
}

impl AccountKey {
    /// Reads the field: an `@` makes it an e-mail; otherwise its digits (spaces, dots and dashes
    /// dropped) are a NIP when there are 18 of them and a NUPTK when there are 16. Anything else
    /// is `None`, which the caller answers like a wrong password.
    pub fn parse(typed: &str) -> Option<AccountKey> {
        let typed = typed.trim();
        if typed.contains('@') {
            let email = typed.to_lowercase();
            let (local, domain) = email.split_once('@')?;
            let plausible = !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && email.len() <= 254;
            return plausible.then_some(AccountKey::Email(email));
        }
        let mut digits = String::with_capacity(18);
        for c in typed.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' => {}
                _ => return None,
            }
        }
        match digits.len() {
            18 => Some(AccountKey::Nip(digits)),
            16 => Some(AccountKey::Nuptk(digits)),
            _ => None,
        }
    }

    /// The key's attempt counter subject when no account has it (`nip:…`, `nuptk:…`, the e-mail).
    pub fn subject(&self) -> String {
        match self {
            AccountKey::Email(email) => email.clone(),
            AccountKey::Nip(nip) => format!("nip:{nip}"),
            AccountKey::Nuptk(nuptk) => format!("nuptk:{nuptk}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_printed_in_groups_and_read_back_however_typed() {
        assert_eq!(format_code("K7QXM3PA2F"), "K7QX-M3PA-2F");
        assert_eq!(
            normalize_code("K7QX-M3PA-2F").as_deref(),
            Some("K7QXM3PA2F")
        );
        assert_eq!(
            normalize_code(" k7qx m3pa 2f ").as_deref(),
            Some("K7QXM3PA2F")
        );
        assert_eq!(normalize_code("K7QX-M3PA-2"), None, "too short");
        assert_eq!(normalize_code("K7QX-M3PA-2FF"), None, "too long");
        assert_eq!(
            normalize_code("K7QX-M3PA-20"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalize_code("K7QX-M3PA-2É"), None);
        for look_alike in [b'0', b'O', b'1', b'I', b'L'] {
            assert!(!CODE_ALPHABET.contains(&look_alike));
        }
    }

    #[test]
    fn the_one_field_tells_email_nip_and_nuptk_apart() {
        assert_eq!(
            AccountKey::parse(" Sri@Sekolah.sch.id "),
            Some(AccountKey::Email("sri@sekolah.sch.id".into()))
        );
        assert_eq!(
            AccountKey::parse("19860926 201505 1 001"),
            Some(AccountKey::Nip("198609262015051001".into()))
        );
        assert_eq!(
            AccountKey::parse("3000.0000.0000.0001"),
            Some(AccountKey::Nuptk("3000000000000001".into()))
        );
        assert_eq!(AccountKey::parse("12345"), None);
        assert_eq!(AccountKey::parse("budi"), None);
        assert_eq!(AccountKey::parse("@sekolah.id"), None);
        assert_eq!(AccountKey::parse(""), None);
        assert_eq!(
            AccountKey::parse("198609262015051001").map(|k| k.subject()),
            Some("nip:198609262015051001".into())
        );
    }
}
