//! `coffer history`: the transactions coffer recorded, newest first, with filters and
//! keyset pagination (a cursor names the last row seen, so new transactions never shift
//! a page); `history show` for everything about one; `label`, `categorize`, `note`.

use crate::context::Ctx;
use crate::error::{Error, Result};
use coffer_core::history::export::{self as core_export, Exported};
use coffer_core::history::summary::{self as core_summary, Summary};
use coffer_core::history::{self as core, Annotation, Detail, Page};

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

/// The format of `history export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, a header row first.
    Csv,
    /// One JSON document.
    Json,
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

/// Runs `coffer history` (a page).
pub fn list(ctx: &Ctx, args: Box<HistoryArgs>) -> Result<Page> {
    if !(1..=1000).contains(&args.limit) {
        return Err(Error::invalid("limit", "must be between 1 and 1000"));
    }
    let conn = ctx.unlock()?.vault.read()?;
    let filter = args.filter.into();
    core::page(
        &conn,
        &filter,
        args.limit,
        args.cursor.as_deref(),
        args.reverse,
    )
}

/// Runs `coffer history show`.
pub fn show(ctx: &Ctx, id: &str) -> Result<Detail> {
    // With the engine: inputs, outputs and sizes come from the raw transaction.
    core::detail(&ctx.unlock()?.vault.read_full()?, id)
}

/// Runs `history label|categorize|note`.
pub fn annotate(ctx: &Ctx, cmd: HistoryCmd) -> Result<Detail> {
    let (id, what, text) = match &cmd {
        HistoryCmd::Label { id, text } => (id, Annotation::Label, text),
        HistoryCmd::Categorize { id, category } => (id, Annotation::Category, category),
        HistoryCmd::Note { id, text } => (id, Annotation::Note, text),
        HistoryCmd::Show { id } => return show(ctx, id),
        HistoryCmd::Export(_) | HistoryCmd::Summary(_) => {
            return Err(Error::Usage("history export is not an annotation".into()));
        }
    };
    let unlocked = ctx.unlock()?;
    // The engine attached (the details need it), so the answer is read in the write's
    // transaction: one decryption of each file.
    unlocked
        .vault
        .write(|conn| core::annotate(conn, id, what, text))
}

/// Runs `coffer history export`.
pub fn export(ctx: &Ctx, args: Box<ExportArgs>) -> Result<Exported> {
    let conn = ctx.unlock()?.vault.read()?;
    let mut buf: Vec<u8> = vec![];
    let cannot = |p: &std::path::Path, e: anyhow::Error| {
        Error::invalid("out", format!("cannot write {}: {e:#}", p.display()))
    };
    // A file is written whole or not at all (0600, replacing an older one at the end).
    let mut file = match &args.out {
        Some(p) => Some(std::io::BufWriter::new(
            crate::vault::fsio::OutFile::create(p).map_err(|e| cannot(p, e))?,
        )),
        None => None,
    };
    let sink: &mut dyn std::io::Write = match &mut file {
        Some(f) => f,
        None => &mut buf,
    };
    let progress = indicatif::ProgressBar::new_spinner();
    let ExportArgs {
        format,
        out,
        plain,
        fiat,
        reverse,
        filter,
    } = *args;
    let what = core_export::Export {
        json: format == ExportFormat::Json,
        plain,
        fiat,
        reverse,
        filter: filter.into(),
    };
    let rows = core_export::export(&conn, &what, sink, &mut || progress.inc(1))?;
    if let (Some(f), Some(p)) = (file, &out) {
        let io = |e: std::io::Error| Error::invalid("out", format!("cannot write: {e}"));
        let f = f.into_inner().map_err(|e| io(e.into_error()))?;
        f.commit().map_err(|e| cannot(p, e))?;
    }
    progress.finish_and_clear();
    Ok(Exported {
        format: format.name().into(),
        rows,
        file: out.as_ref().map(|p| p.display().to_string()),
        content: out
            .is_none()
            .then(|| String::from_utf8_lossy(&buf).into_owned()),
    })
}

/// Runs `coffer history summary`.
pub fn summary(ctx: &Ctx, args: Box<SummaryArgs>) -> Result<Summary> {
    let conn = ctx.unlock()?.vault.read()?;
    let SummaryArgs { by, filter } = *args;
    core_summary::summary(&conn, &filter.into(), by.into())
}
