//! `coffer history`: the transactions coffer recorded, newest first, with filters and
//! keyset pagination (a cursor names the last row seen, so new transactions never shift
//! a page); `history show` for everything about one; `label`, `categorize`, `note`.

use crate::cli::history::{ExportArgs, ExportFormat, HistoryArgs, HistoryCmd, SummaryArgs};
use crate::context::Ctx;
use crate::error::{Error, Result};
use coffer_core::history::export::{self as core_export, Exported};
use coffer_core::history::summary::{self as core_summary, Summary};
use coffer_core::history::{self as core, Annotation, Detail, Page};

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
    core::detail(&ctx.unlock()?.vault.read_with_engine()?, id)
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

/// Runs `coffer history export`: the rows are written as the query returns them, to
/// the `--out` file (whole or not at all: a temporary file renamed at the end) or to
/// stdout (for people the export itself; under `--json` the envelope with the export in
/// `content`, streamed inside it). Returns the answer to print (with `--out`), or None
/// when the export itself was the output.
pub fn export(ctx: &Ctx, args: Box<ExportArgs>) -> Result<Option<Exported>> {
    let conn = ctx.unlock()?.vault.read()?;
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
    let progress = indicatif::ProgressBar::new_spinner();
    // The bar moves every 1,024 rows: a clock read a row was 1 % of an export.
    let mut ticks = 0u32;
    let mut tick = || {
        ticks += 1;
        if ticks.is_multiple_of(1024) {
            progress.inc(1024);
        }
    };
    let io = |e: std::io::Error| Error::invalid("out", format!("cannot write: {e}"));
    let Some(p) = out else {
        // Under --json the count comes first in the envelope: one count in SQL.
        let rows = if ctx.out.for_people() {
            0
        } else {
            core_export::count(&conn, &what)?
        };
        let head = Exported {
            format: format.name().into(),
            rows,
            file: None,
            content: Some(String::new()),
        };
        let mut stdout = ctx.out.streamed(&head).map_err(io)?;
        let written = core_export::export(&conn, &what, &mut stdout, &mut tick);
        progress.finish_and_clear();
        match written {
            // The reader went away (`| head -1`): nothing more to say.
            Err(_) if stdout.closed() => return Ok(None),
            Err(e) => {
                stdout.abandon();
                return Err(e);
            }
            Ok(n) if !ctx.out.for_people() && n != rows => {
                stdout.abandon();
                return Err(Error::Internal(anyhow::anyhow!(
                    "the export wrote {n} rows, not the {rows} counted"
                )));
            }
            Ok(_) => {}
        }
        stdout.finish().map_err(io)?;
        return Ok(None);
    };
    let cannot = |p: &std::path::Path, e: anyhow::Error| {
        Error::invalid("out", format!("cannot write {}: {e:#}", p.display()))
    };
    // A file is written whole or not at all (0600, replacing an older one at the end).
    let mut file = std::io::BufWriter::with_capacity(
        64 * 1024,
        crate::vault::fsio::OutFile::create(&p).map_err(|e| cannot(&p, e))?,
    );
    let rows = core_export::export(&conn, &what, &mut file, &mut tick)?;
    let file = file.into_inner().map_err(|e| io(e.into_error()))?;
    file.commit().map_err(|e| cannot(&p, e))?;
    progress.finish_and_clear();
    Ok(Some(Exported {
        format: format.name().into(),
        rows,
        file: Some(p.display().to_string()),
        content: None,
    }))
}

/// Runs `coffer history summary`.
pub fn summary(ctx: &Ctx, args: Box<SummaryArgs>) -> Result<Summary> {
    let conn = ctx.unlock()?.vault.read()?;
    let SummaryArgs { by, filter } = *args;
    core_summary::summary(&conn, &filter.into(), by.into())
}
