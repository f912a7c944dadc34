//! The `history` command-line definitions (clap only: no logic, no I/O).

/// `history` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum HistoryCmd {
    /// Everything known about one transaction (by ID or transaction id).
    Show {
        /// The history ID or the transaction id / hash.
        id: String,
    },
    /// Set the label of a transaction (empty to clear).
    Label {
        /// The history ID or the transaction id / hash.
        id: String,
        /// The label (text starting with '-' is text too).
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Set the category of a transaction (empty to clear).
    Categorize {
        /// The history ID or the transaction id / hash.
        id: String,
        /// The category, e.g. income, rent, exchange.
        #[arg(allow_hyphen_values = true)]
        category: String,
    },
    /// Set the note of a transaction (empty to clear).
    Note {
        /// The history ID or the transaction id / hash.
        id: String,
        /// The note (text starting with '-' is text too).
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Export the transactions (every filter of `history` applies) as CSV or JSON.
    ///
    /// CSV: a header row, RFC 4180 quoting, UTC ISO 8601 times, exact decimal amounts.
    /// Cells that a spreadsheet would run as a formula (starting with = + - @, except
    /// plain numbers) are prefixed with ' unless --plain.
    ///
    /// Examples:
    ///   coffer history export --format csv --since 2026-01-01 --until 2027-01-01 --out 2026.csv
    ///   coffer history export --format json --currency ETH
    #[command(verbatim_doc_comment)]
    Export(Box<ExportArgs>),
    /// Totals in, out, fees and net per month, category or currency, in the asset and
    /// in the preferred fiat currency (at each transaction's time).
    Summary(Box<SummaryArgs>),
}

/// How `history summary` groups the transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryBy {
    /// By calendar month (UTC).
    Month,
    /// By category (`uncategorized` without one).
    Category,
    /// By currency.
    Currency,
}

/// The format of `history export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, a header row first.
    Csv,
    /// One JSON document.
    Json,
}

/// Arguments of `history summary`.
#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// month, category or currency.
    #[arg(long)]
    pub by: SummaryBy,
    #[command(flatten)]
    pub filter: Filter,
}

/// Arguments of `history export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// csv or json.
    #[arg(long)]
    pub format: ExportFormat,
    /// Write to FILE (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// No spreadsheet-injection guard on CSV cells.
    #[arg(long)]
    pub plain: bool,
    /// Add each amount's value in this fiat currency at the transaction's time, with the
    /// rate used and its source.
    #[arg(long, value_name = "CODE")]
    pub fiat: Option<String>,
    /// Oldest first.
    #[arg(long)]
    pub reverse: bool,
    #[command(flatten)]
    pub filter: Filter,
}

/// Arguments of `coffer history`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    /// Show, label, categorize or annotate one transaction.
    #[command(subcommand)]
    pub cmd: Option<HistoryCmd>,
    #[command(flatten)]
    pub filter: Filter,
    /// At most N rows (1-1000).
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Continue after the last row of a previous page (its `next_cursor`).
    #[arg(long)]
    pub cursor: Option<String>,
    /// Oldest first.
    #[arg(long)]
    pub reverse: bool,
}

/// Which way a transaction went (`history --type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Direction {
    /// Paid out.
    Send,
    /// Paid in.
    Receive,
    /// A transfer between our own addresses.
    #[value(name = "self")]
    ToSelf,
}

/// A transaction's status (`history --status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Status {
    /// Not confirmed yet.
    Pending,
    /// In a block.
    Confirmed,
    /// Conflicting with a confirmed one, or reverted (EVM).
    Failed,
    /// Replaced by a fee bump or cancel.
    Replaced,
    /// Given up with `send abandon`.
    Abandoned,
    /// Held by the spending policy (`send confirm`).
    #[value(name = "awaiting_approval")]
    AwaitingApproval,
}

/// The filters of `history`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Filter {
    /// Only this wallet.
    #[arg(long)]
    pub wallet: Option<String>,
    /// Only this currency: BTC, ETH or a token symbol.
    #[arg(long)]
    pub currency: Option<String>,
    /// Only sends, receives, or transfers to ourselves.
    #[arg(long = "type", value_name = "send|receive|self",
          value_parser = crate::values::words::<Direction>("type", "the type"))]
    pub kind: Option<Direction>,
    /// Only this status: pending, confirmed, failed, replaced, abandoned,
    /// awaiting_approval.
    #[arg(long, value_parser = crate::values::words::<Status>("status", "the status"))]
    pub status: Option<Status>,
    /// From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Until this time (exclusive).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only amounts (absolute, in the row's currency) of at least this much.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub min: Option<String>,
    /// Only amounts of at most this much.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub max: Option<String>,
    /// Only labels containing TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub label: Option<String>,
    /// Only this category.
    #[arg(long, allow_hyphen_values = true)]
    pub category: Option<String>,
}
