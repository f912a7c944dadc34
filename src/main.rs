//! The `coffer` binary: parse, build the context, dispatch, render the result or the
//! error, and map it to the exit code.

use clap::CommandFactory as _;
use clap::error::ErrorKind;
use coffer::cli::{Cli, Command, Lazy};
use coffer::commands::{
    addr, backend, backup, balance, completions, fees, history, labels, login, rates, receive,
    register, restore, security, send, send_eth, users, wallet,
};
use coffer::context::Ctx;
use coffer::error::{Error, Result, exit};
use coffer::output::{Output, Printer, Report};
use coffer::secret::Input;
use coffer::vault::profile::Home;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = args
        .iter()
        .take_while(|a| *a != "--")
        .any(|a| a == "--json");
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(e) => return parse_error(e, json, &args),
    };
    // `security set` takes an unknown key's words raw, a `--json` among them too.
    let swallowed_json = matches!(
        &cli.command,
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Set(coffer::cli::security::SetCmd::Unknown(words))))
            if words.iter().any(|w| w == "--json")
    );
    let printer = Printer::new(cli.global.json || swallowed_json);
    // A read that met a chunk of vault.age that does not decrypt fails inside SQLite:
    // it is reported as the damaged vault it is, not as a bug.
    let result = run(cli, &printer).map_err(coffer::vault::vfs::explain);
    // What the vault had to tell (an older vault put in place, inbox files set aside)
    // and the command's result did not carry.
    for n in coffer::vault::take_notices() {
        printer.notice(&n);
    }
    match result {
        Ok(()) => {
            coffer::vault::session::commit_touch();
            ExitCode::from(exit::OK)
        }
        Err(e) => {
            printer.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// Parses the command line as `Cli::try_parse_from` does, but leaves the command tree
/// clap builds for the process's exit to free: dropping the whole tree took 0.6 M
/// instructions, a fifth of a `coffer --version` then. (Only the invoked command's part
/// is built now, see `cli::Lazy`; what is built is still left.)
fn parse(args: &[std::ffi::OsString]) -> std::result::Result<Cli, clap::Error> {
    use clap::FromArgMatches as _;
    let mut command = Cli::command();
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut command)));
    std::mem::forget(command);
    parsed
}

/// Whether `args` ask to verify a signature: `verify-message … --signature …`. Its exit
/// code 0 means "valid", so a message that clap reads as `-h`/`--help`/`-V` must not end
/// in help text and exit 0.
fn verifies_signature(args: &[std::ffi::OsString]) -> bool {
    let before_dashes: Vec<&std::ffi::OsString> = args.iter().take_while(|a| *a != "--").collect();
    before_dashes.iter().any(|a| *a == "verify-message")
        && before_dashes.iter().any(|a| {
            a.to_str()
                .is_some_and(|s| s == "--signature" || s.starts_with("--signature="))
        })
}

fn parse_error(e: clap::Error, json: bool, args: &[std::ffi::OsString]) -> ExitCode {
    // A value an argument's parser refused as the command would have: its own error
    // (code, field, exit code), not a usage one.
    if let Some(err) = coffer::values::parser_error(&e) {
        Printer::new(json).error(err);
        return ExitCode::from(err.exit_code());
    }
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion if verifies_signature(args) => {
            let err = Error::Usage(
                "verify-message got --signature and a help or version flag: nothing was verified \
                 (a message that starts with '-' goes after `--`: verify-message --address A \
                 --signature S -- -h)"
                    .into(),
            );
            Printer::new(json).error(&err);
            ExitCode::from(exit::USAGE)
        }
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::from(exit::OK)
        }
        _ if json => {
            let message = e.kind().as_str().map(str::to_string).unwrap_or_else(|| {
                let text = e.to_string();
                text.lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("error: ")
                    .to_string()
            });
            let detail = e.to_string();
            let first = detail
                .lines()
                .next()
                .unwrap_or(&message)
                .trim_start_matches("error: ")
                .to_string();
            Printer::new(true).error(&Error::Usage(first));
            ExitCode::from(exit::USAGE)
        }
        _ => {
            let _ = e.print();
            ExitCode::from(exit::USAGE)
        }
    }
}

fn context(cli: &Cli, p: &Printer) -> Result<Ctx> {
    let root = match &cli.global.home {
        Some(h) => h.clone(),
        None => dirs::data_dir()
            .ok_or_else(|| {
                Error::Usage("no platform data directory; pass --home or set COFFER_HOME".into())
            })?
            .join("coffer"),
    };
    let root = canonical_home(&root)?;
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    Ok(Ctx {
        home: Home::new(root),
        user_flag: cli.global.user.clone().filter(|u| !u.is_empty()),
        input: Input::from_env(cli.global.no_input),
        kdf_profile: var("COFFER_KDF_PROFILE"),
        session_token: var("COFFER_SESSION"),
        runtime_dir: var("XDG_RUNTIME_DIR").map(Into::into),
        out: Output::of(p),
    })
}

/// One spelling per home (trailing slashes, symlinks, relative paths), since the
/// session file is bound to it: the nearest existing ancestor is canonicalized and the
/// missing rest appended, so the spelling stays the same once `register` creates it.
fn canonical_home(path: &std::path::Path) -> Result<std::path::PathBuf> {
    let abs = std::path::absolute(path).map_err(|e| Error::Usage(format!("bad --home: {e}")))?;
    let mut existing = abs.as_path();
    let mut rest = vec![];
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    if !existing.is_dir() {
        return Err(Error::Usage(format!(
            "the home {} cannot be used: {} is not a directory (check --home or COFFER_HOME)",
            abs.display(),
            existing.display()
        )));
    }
    let mut out = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    out.extend(rest.iter().rev());
    Ok(out)
}

fn run(cli: Cli, p: &Printer) -> Result<()> {
    coffer::clock::check_test_clock()?;
    let ctx = context(&cli, p)?;
    // Damage found where only the database was at hand names the user's vault (its hint
    // points at vault.age.prev there).
    dispatch(cli.command, &ctx, p).map_err(|e| coffer::commands::located(&ctx, e))
}

fn dispatch(command: Command, ctx: &Ctx, p: &Printer) -> Result<()> {
    match command {
        Command::Register(a) => emit(p, register::run(ctx, a)?),
        Command::Login(a) => emit(p, login::login(ctx, a)?),
        Command::Logout => emit(p, login::logout(ctx)?),
        Command::Whoami => emit(p, login::whoami(ctx)?),
        Command::Users => emit(p, users::run(ctx)?),
        Command::Status(Lazy(a)) => emit(p, coffer::commands::status::run(ctx, a)?),
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Log(a))) => match a.action {
            Some(coffer::cli::security::LogAction::Verify) => emit(p, security::log_verify(ctx)?),
            Some(coffer::cli::security::LogAction::Export(e)) => {
                emit(p, security::log_export(ctx, e)?)
            }
            Some(coffer::cli::security::LogAction::Reanchor(r)) => {
                emit(p, security::log_reanchor(ctx, r)?)
            }
            None => emit(p, security::log(ctx, a)?),
        },
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Recover(a))) => {
            emit(p, security::recover(ctx, a)?)
        }
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Set(c))) => {
            emit(p, security::set(ctx, c)?)
        }
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Show)) => {
            emit(p, security::show(ctx)?)
        }
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Pin(
            coffer::cli::security::PinCmd::Change(a),
        ))) => emit(p, security::pin_change(ctx, a)?),
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Pin(
            coffer::cli::security::PinCmd::Reset(a),
        ))) => emit(p, security::pin_reset(ctx, a)?),
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Password(a))) => {
            emit(p, coffer::commands::credentials::password(ctx, a)?)
        }
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::Rekey(a))) => {
            emit(p, coffer::commands::credentials::rekey(ctx, a)?)
        }
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::TwoFa(
            coffer::cli::twofa::TwoFaCmd::Enable(a),
        ))) => emit(p, coffer::commands::twofa::enable(ctx, a)?),
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::TwoFa(
            coffer::cli::twofa::TwoFaCmd::Disable(a),
        ))) => emit(p, coffer::commands::twofa::disable(ctx, a)?),
        Command::Security(Lazy(coffer::cli::security::SecurityCmd::RecoveryCode(a))) => {
            emit(p, coffer::commands::credentials::recovery_code(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Create(a))) => {
            emit(p, wallet::create(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::List)) => emit(p, wallet::list(ctx)?),
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Show(a))) => {
            emit(p, wallet::show(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Reveal(a))) => {
            emit(p, wallet::reveal(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Import(a))) => {
            emit(p, wallet::import(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Export(a))) if a.cosigner_key => emit(
            p,
            coffer::commands::multisig::export_key(
                ctx,
                &a.name,
                a.network,
                a.script_type,
                a.account,
            )?,
        ),
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Export(a))) => {
            emit(p, wallet::export(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::CreateMultisig(a))) => {
            emit(p, coffer::commands::multisig::create(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Rename(a))) => {
            emit(p, wallet::rename(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Archive(a))) => {
            emit(p, wallet::archive(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Balance(a))) => {
            emit(p, balance::balance(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Fees(a))) => {
            emit(p, fees::run(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Backend(
            coffer::cli::backend::BackendCmd::Test(a),
        ))) => emit(p, backend::test(ctx, a)?),
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Backend(c))) => {
            emit(p, backend::run(ctx, c)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Sync(a))) => {
            emit(p, backend::sync(ctx, a)?)
        }
        Command::Wallet(Lazy(coffer::cli::wallet::WalletCmd::Token(c))) => {
            emit(p, backend::token(ctx, c)?)
        }
        Command::Send(Lazy(a)) => match a.cmd {
            Some(coffer::cli::send::SendCmd::Sign(s)) => emit(p, send::sign(ctx, s)?),
            Some(coffer::cli::send::SendCmd::Broadcast(b)) => emit(p, send::broadcast(ctx, b)?),
            Some(coffer::cli::send::SendCmd::Bump(b)) => match &b.txid {
                coffer::values::TxRef::Ethereum(hash) => {
                    let fees = coffer::convert::replace_fees(b.fee.clone(), &b.eth_fees);
                    emit(
                        p,
                        send_eth::replace(
                            ctx,
                            hash,
                            b.wallet.as_deref(),
                            &fees,
                            false,
                            &b.out,
                            &b.sign,
                        )?,
                    )
                }
                coffer::values::TxRef::Bitcoin(txid) => emit(p, send::bump(ctx, *txid, &b)?),
            },
            Some(coffer::cli::send::SendCmd::CancelEth(c)) => {
                let fees = coffer::convert::replace_fees(c.fee.clone(), &c.eth_fees);
                emit(
                    p,
                    send_eth::replace(ctx, &c.hash, None, &fees, true, &c.out, &c.sign)?,
                )
            }
            Some(coffer::cli::send::SendCmd::Cpfp(b)) => emit(p, send::cpfp(ctx, b)?),
            Some(coffer::cli::send::SendCmd::Combine(c)) => emit(p, send::combine(ctx, c)?),
            Some(coffer::cli::send::SendCmd::Confirm(c)) => emit(p, send::confirm(ctx, c)?),
            Some(coffer::cli::send::SendCmd::Cancel(c)) => {
                emit(p, coffer::commands::approval::cancel(ctx, c)?)
            }
            Some(coffer::cli::send::SendCmd::Abandon(a)) => emit(p, send::abandon(ctx, a)?),
            None if a.pay.chain == Some(coffer::chain::Chain::Eth) => {
                emit(p, send_eth::pay(ctx, a.pay)?)
            }
            None => emit(p, send::pay(ctx, a.pay)?),
        },
        Command::History(Lazy(a)) => match a.cmd {
            None => emit(p, history::list(ctx, a)?),
            Some(coffer::cli::history::HistoryCmd::Show { id }) => {
                emit(p, history::show(ctx, &id)?)
            }
            Some(coffer::cli::history::HistoryCmd::Export(e)) => match history::export(ctx, e)? {
                Some(answer) => emit(p, answer),
                None => Ok(()), // the export itself went to stdout
            },
            Some(coffer::cli::history::HistoryCmd::Summary(s)) => {
                emit(p, history::summary(ctx, s)?)
            }
            Some(c) => emit(p, history::annotate(ctx, c)?),
        },
        Command::Labels(Lazy(coffer::cli::labels::LabelsCmd::Export { wallet, out })) => {
            emit(p, labels::export(ctx, wallet.as_deref(), out.as_ref())?)
        }
        Command::Labels(Lazy(coffer::cli::labels::LabelsCmd::Import { file, partial })) => {
            emit(p, labels::import(ctx, &file, partial)?)
        }
        Command::Backup(Lazy(coffer::cli::backup::BackupCmd::Create(a))) => {
            emit(p, backup::create(ctx, a)?)
        }
        Command::Backup(Lazy(coffer::cli::backup::BackupCmd::List)) => emit(p, backup::list(ctx)?),
        Command::Backup(Lazy(coffer::cli::backup::BackupCmd::Verify(a))) => {
            emit(p, backup::verify(ctx, a)?)
        }
        Command::Restore(Lazy(coffer::cli::backup::RestoreCmd::Vault(a))) => {
            emit(p, backup::restore(ctx, a)?)
        }
        Command::Restore(Lazy(coffer::cli::backup::RestoreCmd::Partial(a))) => {
            emit(p, backup::restore_partial(ctx, a)?)
        }
        Command::Restore(Lazy(coffer::cli::backup::RestoreCmd::Wallet(a))) => {
            emit(p, restore::restore_wallet(ctx, *a)?)
        }
        Command::Rates(Lazy(c)) => emit(p, rates::run(ctx, c)?),
        Command::Currencies => emit(p, rates::currencies(ctx)?),
        Command::Config(Lazy(c)) => emit(p, rates::config(ctx, c)?),
        Command::Receive(Lazy(a)) => match a.cmd {
            Some(coffer::cli::receive::ReceiveCmd::Import(i)) => emit(p, receive::import(ctx, i)?),
            Some(coffer::cli::receive::ReceiveCmd::Wait(w)) => emit(p, receive::wait(ctx, w)?),
            Some(coffer::cli::receive::ReceiveCmd::Watch(w)) => receive::watch::watch(ctx, w),
            None => emit(p, receive::show(ctx, a.show)?),
        },
        Command::SignMessage(Lazy(a)) => emit(p, coffer::commands::message::sign(ctx, a)?),
        Command::VerifyMessage(Lazy(a)) => emit(p, coffer::commands::message::verify(a)?),
        Command::Utxo(Lazy(c)) => emit(p, coffer::commands::utxo::run(ctx, c)?),
        Command::Addr(Lazy(coffer::cli::addr::AddrCmd::New(a))) => emit(p, addr::new(ctx, a)?),
        Command::Addr(Lazy(coffer::cli::addr::AddrCmd::List(a))) => emit(p, addr::list(ctx, a)?),
        Command::Addr(Lazy(coffer::cli::addr::AddrCmd::Label(a))) => emit(p, addr::label(ctx, a)?),
        Command::Addr(Lazy(coffer::cli::addr::AddrCmd::Show(a))) => emit(p, addr::show(ctx, a)?),
        Command::Addr(Lazy(coffer::cli::addr::AddrCmd::Validate(a))) => emit(p, addr::validate(a)?),
        Command::Completions(Lazy(a)) => emit(p, completions::run(a, &mut coffer::cli::eager())?),
    }
}

fn emit<T: Report>(p: &Printer, value: T) -> Result<()> {
    p.emit(&value)
        .map_err(|e| Error::Internal(anyhow::Error::new(e).context("writing output")))
}
