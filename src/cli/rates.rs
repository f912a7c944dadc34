//! The `rates` command-line definitions (clap only: no logic, no I/O).

use std::path::PathBuf;

/// `rates` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum RatesCmd {
    /// The latest rate of each pair, with its time and source.
    List,
    /// Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`.
    Set {
        /// BASE/QUOTE, e.g. BTC/USD.
        pair: String,
        /// Units of QUOTE per one BASE (exact decimal).
        #[arg(allow_hyphen_values = true)]
        rate: String,
        /// When it held (default: now): a date, RFC 3339, or 7d / 3m ago.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Import a history of rates from a CSV file of `time,pair,rate` rows.
    Import {
        /// The CSV file (a header row is allowed).
        file: PathBuf,
    },
    /// The rates of a pair over time.
    History {
        /// BASE/QUOTE.
        pair: String,
        /// From this time.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// Fetch current rates from the configured source (`rates source set`).
    Fetch,
    /// The HTTP source `rates fetch` reads.
    #[command(subcommand)]
    Source(SourceCmd),
    /// Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`.
    Convert {
        /// The amount (exact decimal).
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// The asset it is in.
        from: String,
        /// The currency to value it in.
        to: String,
    },
}

/// The answer a rates source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceFormat {
    /// CoinGecko's simple/price answer: {"bitcoin": {"usd": 97000.12}}.
    Coingecko,
    /// A JSON object of "BASE/QUOTE": "rate" strings.
    Pairs,
}

/// `rates source` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SourceCmd {
    /// Set the source: `coffer rates source set URL --format coingecko`.
    ///
    /// Formats: `coingecko` (the simple/price answer: {"bitcoin": {"usd": 97000.12}}),
    /// `pairs` (a JSON object of "BASE/QUOTE": "rate" strings).
    #[command(verbatim_doc_comment)]
    Set {
        /// The URL (http:// or https://).
        url: String,
        /// coingecko or pairs.
        #[arg(long)]
        format: SourceFormat,
    },
    /// Remove the source.
    Remove,
}

/// `config` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ConfigCmd {
    /// Show the settings.
    Show,
    /// Set one: `coffer config set currency EUR`.
    Set {
        /// The setting: currency.
        key: String,
        /// Its value.
        value: String,
    },
}
