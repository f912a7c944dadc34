//! Keyset pagination: a page ends with a cursor naming its last row by the row's key
//! (numbers), so rows added meanwhile never shift the next page, and bound to the query
//! by a hash, so a cursor of another query (or an altered one) is refused rather than
//! read as something else. Its text is the key's numbers and the tag, dot-separated.

use crate::error::{Error, Result};
use sha2::Digest as _;

/// The cursor of the row `key` in `query` (the query's identity: its filters).
pub fn cursor(query: &str, key: &[i64]) -> String {
    let keys: Vec<String> = key.iter().map(i64::to_string).collect();
    let tag = &hex::encode(sha2::Sha256::digest(format!("{query}|{}", keys.join("|"))))[..16];
    format!("{}.{tag}", keys.join("."))
}

/// The key of `parts` numbers a cursor of `query` names; `invalid_input` (field
/// `cursor`) for anything else.
pub fn parse(query: &str, c: &str, parts: usize) -> Result<Vec<i64>> {
    let fields: Vec<&str> = c.split('.').collect();
    if fields.len() != parts + 1 {
        return Err(bad());
    }
    let key = fields[..parts]
        .iter()
        .map(|f| f.parse::<i64>().map_err(|_| bad()))
        .collect::<Result<Vec<i64>>>()?;
    if cursor(query, &key) != c {
        return Err(bad());
    }
    Ok(key)
}

/// The error of a cursor that does not belong to the query (or names a row that is
/// gone): `invalid_input`, field `cursor`.
pub fn bad() -> Error {
    Error::invalid(
        "cursor",
        "it does not belong to this query (another query's, or altered); start again without --cursor",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_belong_to_their_query_and_key() {
        let c = cursor("q", &[1_700_000_000_000, 42]);
        assert_eq!(parse("q", &c, 2).unwrap(), [1_700_000_000_000, 42]);
        for bad in [
            parse("other", &c, 2),
            parse("q", &c.replacen("42", "43", 1), 2),
            parse("q", &c, 3),
            parse("q", "1.2", 2),
            parse("q", &format!("{c}.x"), 2),
        ] {
            assert!(matches!(bad, Err(Error::InvalidInput { .. })), "{bad:?}");
        }
        let three = cursor("q", &[7, 0, 12]);
        assert_eq!(parse("q", &three, 3).unwrap(), [7, 0, 12]);
    }
}
