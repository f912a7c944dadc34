//! Command-line parsers for the core library's closed sets of values ([`Named`]): the
//! core library knows no clap, so the names, help lines and completions are built here.

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
