//! Command-line value parsers: the core library's closed sets of values ([`Named`]; the
//! core library knows no clap, so the names, help lines and completions are built here)
//! and the binary's own closed sets of words ([`words`]), whose wrong value is the
//! command's `invalid_input` error.

use crate::chain::Named;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use std::ffi::OsStr;
use std::marker::PhantomData;

/// Parses one of `T`'s names into `T` (exact names, as clap's derived value enums).
#[derive(Clone, Copy)]
pub struct NamedParser<T>(PhantomData<T>);

/// The parser of `T`'s names, for `#[arg(value_parser = named::<T>())]`.
pub fn named<T: Named>() -> NamedParser<T> {
    NamedParser(PhantomData)
}

impl<T: Named> NamedParser<T> {
    fn values() -> impl Iterator<Item = PossibleValue> {
        T::NAMES
            .iter()
            .map(|(_, name, help)| PossibleValue::new(*name).help(*help))
    }
}

impl<T: Named> TypedValueParser for NamedParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        // clap's own parser, for its usual message and suggestions on a bad name.
        let name = PossibleValuesParser::new(Self::values()).parse_ref(cmd, arg, value)?;
        T::NAMES
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(v, _, _)| *v)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Self::values()))
    }
}

/// A closed set of words (a [`clap::ValueEnum`]) whose wrong value is `invalid_input`
/// naming `field` (exit 5), as the commands said before clap parsed the words; help and
/// completions still list them.
#[derive(Clone)]
pub struct Words<T> {
    field: &'static str,
    what: &'static str,
    kind: std::marker::PhantomData<fn() -> T>,
}

/// The parser of `T`'s words: a wrong one is "`what` is a, b or c, not 'x'" on `field`.
pub fn words<T>(field: &'static str, what: &'static str) -> Words<T> {
    Words {
        field,
        what,
        kind: std::marker::PhantomData,
    }
}

impl<T: clap::ValueEnum + Clone + Send + Sync + 'static> clap::builder::TypedValueParser
    for Words<T>
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let (field, what) = (self.field, self.what);
        let parse = move |s: &str| {
            T::from_str(s, false).map_err(|_| {
                let names: Vec<String> = T::value_variants()
                    .iter()
                    .filter_map(|v| v.to_possible_value())
                    .map(|p| p.get_name().to_string())
                    .collect();
                let list = match names.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                    None => String::new(),
                };
                crate::error::Error::invalid(field, format!("{what} is {list}, not '{s}'"))
            })
        };
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            T::value_variants()
                .iter()
                .filter_map(|v| v.to_possible_value()),
        ))
    }
}

/// The coffer error behind a clap error, when an argument's parser gave one (a wrong
/// value that the command itself would have called `invalid_input`).
pub fn parser_error(e: &clap::Error) -> Option<&crate::error::Error> {
    std::error::Error::source(e)?.downcast_ref::<crate::error::Error>()
}

/// A clap value parser through `T`'s `FromStr` whose error is the command's own
/// (`invalid_input` naming the field, exit 5): `value_parser = parsed::<T>`.
pub fn parsed<T>(s: &str) -> Result<T, crate::error::Error>
where
    T: std::str::FromStr<Err = crate::error::Error>,
{
    s.parse()
}

/// A session duration from 1m to `max` seconds.
pub fn session_secs(s: &str, key: &str, max: i64) -> crate::error::Result<i64> {
    let secs = crate::clock::parse_duration(s)? as i64;
    if !(60..=max).contains(&secs) {
        return Err(crate::error::Error::invalid(
            "value",
            format!(
                "{key} must be between {} and {}",
                crate::clock::human_duration(60),
                crate::clock::human_duration(max)
            ),
        ));
    }
    Ok(secs)
}

/// An age recipient (`age1…`), checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeRecipient(pub String);

pub fn age_recipient(s: &str) -> crate::error::Result<AgeRecipient> {
    s.trim().parse::<age::x25519::Recipient>().map_err(|_| {
        crate::error::Error::invalid(
            "recipient",
            format!("'{s}' is not an age recipient (age1…)"),
        )
    })?;
    Ok(AgeRecipient(s.trim().to_string()))
}

pub fn every_secs(s: &str) -> crate::error::Result<i64> {
    Ok(crate::clock::parse_duration(s)? as i64)
}

pub fn keep_count(s: &str) -> crate::error::Result<u32> {
    match s.trim().parse::<u32>() {
        Ok(0) => Err(crate::error::Error::invalid("keep", "must be at least 1")),
        Ok(n) => Ok(n),
        Err(_) => Err(crate::error::Error::invalid(
            "keep",
            format!("'{s}' is not a count"),
        )),
    }
}

/// A transaction as `send bump` takes it: which chain it is on follows from its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxRef {
    /// A Bitcoin txid (64 hex digits).
    Bitcoin(bitcoin::Txid),
    /// An Ethereum transaction hash (`0x` and 64 hex digits), as typed.
    Ethereum(String),
}

/// `text` as a Bitcoin txid or an Ethereum transaction hash; neither is `invalid_input`.
pub fn tx_ref(text: &str) -> crate::error::Result<TxRef> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x") {
        if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(TxRef::Ethereum(t.to_string()));
        }
        return Err(crate::error::Error::invalid(
            "txid",
            format!("'{t}' is not an Ethereum transaction hash (0x and 64 hex digits)"),
        ));
    }
    match t.parse() {
        Ok(txid) if t.len() == 64 => Ok(TxRef::Bitcoin(txid)),
        _ => Err(crate::error::Error::invalid(
            "txid",
            format!(
                "'{t}' is neither a Bitcoin txid (64 hex digits) nor an Ethereum transaction \
                 hash (0x and 64 hex digits)"
            ),
        )),
    }
}

pub fn parse_words(s: &str) -> std::result::Result<usize, String> {
    match s {
        "12" => Ok(12),
        "24" => Ok(24),
        _ => Err("a new mnemonic has 12 or 24 words".into()),
    }
}

#[cfg(test)]
mod words_tests {
    use super::{parser_error, words};

    #[test]
    fn words_name_the_field_and_the_choices() {
        use clap::builder::TypedValueParser as _;
        /// As `security set level`'s words.
        #[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
        enum Level {
            Standard,
            High,
        }
        let cmd = clap::Command::new("t");
        let p = words::<Level>("value", "the level");
        let e = p
            .parse_ref(&cmd, None, std::ffi::OsStr::new("max"))
            .unwrap_err();
        let inner = parser_error(&e).expect("the command's own error");
        assert_eq!(inner.code(), "invalid_input");
        assert_eq!(
            inner.to_string(),
            "invalid value: the level is standard or high, not 'max'"
        );
        let high = p.parse_ref(&cmd, None, std::ffi::OsStr::new("high"));
        assert_eq!(high.unwrap(), Level::High);
        assert_eq!(p.possible_values().map(Iterator::count), Some(2));
    }
}
