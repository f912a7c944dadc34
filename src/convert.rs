//! The command line's parsed arguments converted once into the core's typed values
//! (ripgrep's flags → typed arguments): the words of the binary's closed sets (as typed,
//! stored and shown), and what the core takes (history's filter, a payment's order, an
//! EVM payment and its replacement fees, a seed's derivation). The clap definitions are
//! in [`crate::cli`]; the commands see only these values.

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
