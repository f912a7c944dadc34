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

/// The command line's arguments as the core's typed values: the words of the binary's
/// closed sets (as typed, stored and shown), and the arguments converted once into
/// what the core takes (a filter, an order, a payment, a derivation).
mod to_core {
    use crate::cli::backup::Part;
    use crate::cli::history::{Direction, ExportFormat, Filter, Status, SummaryBy};
    use crate::cli::rates::SourceFormat;
    use crate::cli::security::{GateArgs, MinSeverity, OnOff, SetCmd};
    use crate::cli::send::{EthOpts, PayArgs};
    use crate::cli::wallet::SeedArgs;
    use crate::vault::audit::Severity;
    use coffer_core::accounts::Derivation;
    use coffer_core::history::summary as core_summary;
    use coffer_core::history::{self as core};
    use coffer_core::pay::btc::Order;
    use coffer_core::pay::eth::{self, ReplaceFees};

    impl SummaryBy {
        /// The word, as typed and as `by` in the JSON.
        pub fn name(self) -> &'static str {
            match self {
                SummaryBy::Month => "month",
                SummaryBy::Category => "category",
                SummaryBy::Currency => "currency",
            }
        }
    }

    impl ExportFormat {
        /// The word, as typed and as `format` in the JSON.
        pub fn name(self) -> &'static str {
            match self {
                ExportFormat::Csv => "csv",
                ExportFormat::Json => "json",
            }
        }
    }

    impl Direction {
        /// The word as stored.
        pub fn name(self) -> &'static str {
            match self {
                Direction::Send => "send",
                Direction::Receive => "receive",
                Direction::ToSelf => "self",
            }
        }
    }

    impl Status {
        /// The word as stored.
        pub fn name(self) -> &'static str {
            match self {
                Status::Pending => "pending",
                Status::Confirmed => "confirmed",
                Status::Failed => "failed",
                Status::Replaced => "replaced",
                Status::Abandoned => "abandoned",
                Status::AwaitingApproval => "awaiting_approval",
            }
        }
    }

    impl From<SummaryBy> for core_summary::SummaryBy {
        fn from(b: SummaryBy) -> Self {
            match b {
                SummaryBy::Month => core_summary::SummaryBy::Month,
                SummaryBy::Category => core_summary::SummaryBy::Category,
                SummaryBy::Currency => core_summary::SummaryBy::Currency,
            }
        }
    }

    impl From<Direction> for core::Direction {
        fn from(d: Direction) -> Self {
            match d {
                Direction::Send => core::Direction::Send,
                Direction::Receive => core::Direction::Receive,
                Direction::ToSelf => core::Direction::ToSelf,
            }
        }
    }

    impl From<Status> for core::Status {
        fn from(s: Status) -> Self {
            match s {
                Status::Pending => core::Status::Pending,
                Status::Confirmed => core::Status::Confirmed,
                Status::Failed => core::Status::Failed,
                Status::Replaced => core::Status::Replaced,
                Status::Abandoned => core::Status::Abandoned,
                Status::AwaitingApproval => core::Status::AwaitingApproval,
            }
        }
    }

    impl From<Filter> for core::Filter {
        fn from(f: Filter) -> Self {
            core::Filter {
                wallet: f.wallet,
                currency: f.currency,
                kind: f.kind.map(Into::into),
                status: f.status.map(Into::into),
                since: f.since,
                until: f.until,
                min: f.min,
                max: f.max,
                label: f.label,
                category: f.category,
            }
        }
    }

    impl MinSeverity {
        /// The audit severity it names.
        pub fn severity(self) -> Severity {
            match self {
                MinSeverity::Info => Severity::Info,
                MinSeverity::Low => Severity::Low,
                MinSeverity::Medium => Severity::Medium,
                MinSeverity::High => Severity::High,
                MinSeverity::Critical => Severity::Critical,
            }
        }
    }

    impl Part {
        /// The word, as typed and as listed in the backup's header.
        pub fn name(self) -> &'static str {
            match self {
                Part::Addresses => "addresses",
                Part::Transactions => "transactions",
                Part::Labels => "labels",
                Part::Settings => "settings",
            }
        }
    }

    impl SourceFormat {
        /// The word, as typed and as stored.
        pub fn name(self) -> &'static str {
            match self {
                SourceFormat::Coingecko => "coingecko",
                SourceFormat::Pairs => "pairs",
            }
        }
    }

    impl OnOff {
        /// Whether it is on.
        pub fn on(self) -> bool {
            self == OnOff::On
        }

        /// `on` or `off`.
        pub fn word(self) -> &'static str {
            if self.on() { "on" } else { "off" }
        }
    }

    impl SetCmd {
        /// The setting's name as typed.
        pub fn key(&self) -> &'static str {
            match self {
                SetCmd::SessionTimeout(_) => "session-timeout",
                SetCmd::SessionMax(_) => "session-max",
                SetCmd::Level(_) => "level",
                SetCmd::LimitTx(_) => "limit-tx",
                SetCmd::LimitDaily(_) => "limit-daily",
                SetCmd::ConfirmNewRecipient(_) => "confirm-new-recipient",
                SetCmd::AutoBackup(_) => "auto-backup",
                SetCmd::Currency(_) => "currency",
                SetCmd::Unknown(_) => "",
            }
        }

        /// The PIN and code it was given.
        pub fn gate(&self) -> Option<&GateArgs> {
            match self {
                SetCmd::SessionTimeout(a) => Some(&a.gate),
                SetCmd::SessionMax(a) => Some(&a.gate),
                SetCmd::Level(a) => Some(&a.gate),
                SetCmd::LimitTx(a) | SetCmd::LimitDaily(a) => Some(&a.gate),
                SetCmd::ConfirmNewRecipient(a) => Some(&a.gate),
                SetCmd::AutoBackup(a) => Some(&a.gate),
                SetCmd::Currency(a) => Some(&a.gate),
                SetCmd::Unknown(_) => None,
            }
        }
    }

    impl SeedArgs {
        /// How the accounts derive.
        pub fn derivation(&self) -> Derivation {
            Derivation {
                network: self.network,
                script_type: self.script_type,
                account: self.account,
            }
        }
    }

    impl EthOpts {
        /// Whether an Ethereum-only option was given.
        pub fn any(&self) -> bool {
            self.chain_id.is_some()
                || self.token.is_some()
                || self.max_fee.is_some()
                || self.priority_fee.is_some()
                || self.gas_limit.is_some()
                || self.nonce.is_some()
        }
    }

    impl PayArgs {
        /// The payment as asked, for the core to parse.
        pub fn order(&self) -> Order {
            Order {
                to: self.to.clone(),
                amount: self.amount.clone(),
                max: self.max,
                no_rbf: self.no_rbf,
                note: self.note.clone(),
                from: self.from.clone(),
                exclude: self.exclude.clone(),
                chain: self.chain,
            }
        }
    }

    /// The fees of an EVM replacement from the command line: a level, or explicit fees.
    pub fn replace_fees(
        level: Option<String>,
        explicit: &crate::cli::send::ReplaceFeeArgs,
    ) -> ReplaceFees {
        ReplaceFees {
            level,
            max_fee: explicit.max_fee.clone(),
            priority_fee: explicit.priority_fee.clone(),
        }
    }

    /// An Ethereum payment as the core takes it.
    pub fn payment(args: PayArgs) -> eth::Payment {
        eth::Payment {
            to: args.to,
            amount: args.amount,
            max: args.max,
            fee: args.fee,
            from: args.from,
            chain_id: args.eth.chain_id,
            token: args.eth.token,
            max_fee: args.eth.max_fee,
            priority_fee: args.eth.priority_fee,
            gas_limit: args.eth.gas_limit,
            nonce: args.eth.nonce,
        }
    }
}

pub use to_core::{payment, replace_fees};
