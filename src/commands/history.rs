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
