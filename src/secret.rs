//! Where secrets come from: `--password-file`, `--password-stdin`, the `COFFER_PASSWORD` /
//! `COFFER_PIN` variables, or a hidden prompt on a terminal. Without a terminal (or with
//! `--no-input`) a missing secret is a clear error, never a hang.

use crate::error::{Error, Result};
use secrecy::{ExposeSecret, SecretString};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// Password source flags shared by the commands that need the login password.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PasswordArgs {
    /// Read the password from FILE (its first line).
    #[arg(long, value_name = "FILE", conflicts_with = "password_stdin")]
    pub password_file: Option<PathBuf>,
    /// Read the password from standard input (its first line).
    #[arg(long)]
    pub password_stdin: bool,
}

/// The interactive/non-interactive input channel, built once in `main`.
pub struct Input {
    /// Whether prompts may be shown (a terminal and no `--no-input`).
    pub interactive: bool,
    env_password: Option<SecretString>,
    env_pin: Option<SecretString>,
    env_totp: Option<SecretString>,
}

impl Input {
    /// Builds the input channel from the process environment.
    pub fn from_env(no_input: bool) -> Self {
        let var = |k: &str| {
            std::env::var(k)
                .ok()
                .filter(|v| !v.is_empty())
                .map(SecretString::from)
        };
        Input {
            interactive: !no_input
                && std::io::stdin().is_terminal()
                && std::io::stderr().is_terminal(),
            env_password: var("COFFER_PASSWORD"),
            env_pin: var("COFFER_PIN"),
            env_totp: var("COFFER_TOTP"),
        }
    }

    /// An input channel that never prompts and has no environment secrets (for tests).
    pub fn none() -> Self {
        Input {
            interactive: false,
            env_password: None,
            env_pin: None,
            env_totp: None,
        }
    }

    /// The password, from the first source given. With `confirm`, a prompt asks twice.
    /// `check` runs on every source; at a prompt its failure is shown and asked again.
    pub fn password(
        &self,
        args: &PasswordArgs,
        prompt: &str,
        confirm: bool,
        check: Check<'_>,
    ) -> Result<SecretString> {
        let pw = if let Some(f) = &args.password_file {
            read_secret_file(f, "password_file")?
        } else if args.password_stdin {
            read_stdin_line()?
        } else if let Some(p) = &self.env_password {
            p.clone()
        } else if self.interactive {
            return prompt_hidden(prompt, confirm, check);
        } else {
            return Err(Error::InputRequired {
                what: "a password".into(),
                hint: "without a terminal, pass --password-file FILE or --password-stdin, or set COFFER_PASSWORD".into(),
            });
        };
        check(pw.expose_secret())?;
        Ok(pw)
    }

    /// The transaction PIN, from `--pin-file`, `COFFER_PIN` or a prompt, passed through
    /// `check` like [`Input::password`].
    pub fn pin(
        &self,
        pin_file: Option<&Path>,
        prompt: &str,
        confirm: bool,
        check: Check<'_>,
    ) -> Result<SecretString> {
        let pin = if let Some(f) = pin_file {
            read_secret_file(f, "pin_file")?
        } else if let Some(p) = &self.env_pin {
            p.clone()
        } else if self.interactive {
            return prompt_hidden(prompt, confirm, check);
        } else {
            return Err(Error::InputRequired {
                what: "a transaction PIN".into(),
                hint: "without a terminal, pass --pin-file FILE or set COFFER_PIN".into(),
            });
        };
        check(pin.expose_secret())?;
        Ok(pin)
    }

    /// A two-factor code: `flag` (`--totp-code`), else `$COFFER_TOTP`, else a prompt on a
    /// terminal, else an error naming the flag.
    pub fn totp(&self, flag: Option<&str>, prompt: &str) -> Result<SecretString> {
        if let Some(c) = flag {
            return Ok(SecretString::from(c.trim().to_string()));
        }
        if let Some(c) = &self.env_totp {
            return Ok(c.clone());
        }
        if self.interactive {
            let c: String = dialoguer::Input::new()
                .with_prompt(prompt)
                .interact_text()
                .map_err(|e| Error::InputRequired {
                    what: "a two-factor code".into(),
                    hint: format!("the prompt failed ({e}); pass --totp-code CODE"),
                })?;
            return Ok(SecretString::from(c.trim().to_string()));
        }
        Err(Error::InputRequired {
            what: "a two-factor code".into(),
            hint: "two-factor authentication is on: pass --totp-code CODE or set COFFER_TOTP"
                .into(),
        })
    }

    /// A new password (never from `$COFFER_PASSWORD`, which holds the current one): from
    /// `file`, else a prompt asked twice on a terminal, else an error naming
    /// `--new-password-file`; passed through `check`.
    pub fn new_password(&self, file: Option<&Path>, check: Check<'_>) -> Result<SecretString> {
        let pw = if let Some(f) = file {
            read_secret_file(f, "new_password_file")?
        } else if self.interactive {
            return prompt_hidden("New password", true, check);
        } else {
            return Err(Error::InputRequired {
                what: "the new password".into(),
                hint: "without a terminal, pass --new-password-file FILE".into(),
            });
        };
        check(pw.expose_secret())?;
        Ok(pw)
    }

    /// A new PIN (never from `$COFFER_PIN`, which holds the current one): from `file`,
    /// else a prompt asked twice on a terminal, else an error naming `--new-pin-file`.
    pub fn new_pin(
        &self,
        file: Option<&Path>,
        prompt: &str,
        check: Check<'_>,
    ) -> Result<SecretString> {
        let pin = if let Some(f) = file {
            read_secret_file(f, "new_pin_file")?
        } else if self.interactive {
            return prompt_hidden(prompt, true, check);
        } else {
            return Err(Error::InputRequired {
                what: "the new PIN".into(),
                hint: "without a terminal, pass --new-pin-file FILE".into(),
            });
        };
        check(pin.expose_secret())?;
        Ok(pin)
    }

    /// Another secret (a backup passphrase): from `file`, else a prompt on a terminal
    /// (asked twice with `confirm`), else an error naming `flag` (as the user should
    /// type it, e.g. `--passphrase-file FILE`).
    pub fn secret(
        &self,
        file: Option<&Path>,
        what: &str,
        flag: &str,
        confirm: bool,
    ) -> Result<SecretString> {
        self.checked_secret(file, what, flag, confirm, &|_| Ok(()))
    }

    /// [`Input::secret`], passed through `check` (a strength check) from every source;
    /// at a prompt its failure is shown and asked again.
    pub fn checked_secret(
        &self,
        file: Option<&Path>,
        what: &str,
        flag: &str,
        confirm: bool,
        check: Check<'_>,
    ) -> Result<SecretString> {
        if let Some(f) = file {
            let s = read_secret_file(f, "passphrase_file")?;
            not_empty(s.expose_secret())
                .map_err(|_| Error::invalid("passphrase_file", format!("{what} is empty")))?;
            check(s.expose_secret())?;
            return Ok(s);
        }
        if self.interactive {
            return prompt_hidden(&capitalize(what), confirm, &|s: &str| {
                not_empty(s)
                    .map_err(|_| Error::invalid("passphrase", format!("{what} is empty")))?;
                check(s)
            });
        }
        Err(Error::InputRequired {
            what: what.into(),
            hint: format!("without a terminal, pass {flag}"),
        })
    }

    /// Shows `review` and asks `question` on a terminal; `yes` (`--yes`) skips the
    /// question. Without a terminal and without `yes` this is an error, never a silent
    /// approval; a "no" cancels with nothing done.
    pub fn confirm(&self, review: &str, question: &str, yes: bool) -> Result<()> {
        if yes {
            return Ok(());
        }
        if !self.interactive {
            // Nothing can be asked: show what would have been asked about (stderr, before
            // the error), so that "review it, then pass --yes" has something to review.
            crate::vault::notice(review.trim_end().to_string());
            return Err(Error::InputRequired {
                what: "a confirmation".into(),
                hint: "there is no terminal to ask on: nothing was signed. Review the above; \
                       if it is right, run the same command again with --yes"
                    .into(),
            });
        }
        let term = dialoguer::console::Term::stderr();
        term.write_line(review)
            .map_err(|e| Error::Usage(format!("terminal: {e}")))?;
        let ok = dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(|e| Error::Usage(format!("prompt failed: {e}")))?;
        if ok {
            Ok(())
        } else {
            Err(Error::Usage("cancelled: nothing was signed".into()))
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The first line of a secret file, without its line ending.
fn read_secret_file(path: &Path, what: &'static str) -> Result<SecretString> {
    let raw = zeroize::Zeroizing::new(
        std::fs::read(path)
            .map_err(|e| Error::invalid(what, format!("cannot read {}: {e}", path.display())))?,
    );
    first_line(&raw, what)
}

fn read_stdin_line() -> Result<SecretString> {
    let mut raw = zeroize::Zeroizing::new(Vec::new());
    std::io::stdin()
        .read_to_end(&mut raw)
        .map_err(|e| Error::invalid("password", format!("cannot read standard input: {e}")))?;
    first_line(&raw, "password")
}

fn first_line(raw: &[u8], what: &'static str) -> Result<SecretString> {
    let text = std::str::from_utf8(raw).map_err(|_| Error::invalid(what, "not valid UTF-8"))?;
    let line = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
    Ok(SecretString::from(line.to_string()))
}

/// Shows a new mnemonic once on the terminal, then asks three of its words back; nothing
/// is saved unless all three match.
pub fn confirm_mnemonic(phrase: &str) -> Result<()> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let term = dialoguer::console::Term::stderr();
    let numbered: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| format!("{:>2}. {w}", i + 1))
        .collect();
    let mut text =
        String::from("Your new mnemonic (write it down, in order, and keep it offline):\n\n");
    for row in numbered.chunks(4) {
        text.push_str(&format!(
            "    {}\n",
            row.iter().map(|c| format!("{c:<16}")).collect::<String>()
        ));
    }
    term.write_line(&text)
        .map_err(|e| Error::Usage(format!("terminal: {e}")))?;
    dialoguer::Input::<String>::new()
        .with_prompt("Press Enter when you have written it down")
        .allow_empty(true)
        .interact_text()
        .map_err(|e| Error::Usage(format!("prompt failed: {e}")))?;
    let _ = term.clear_screen();
    let mut picks: Vec<usize> = vec![];
    while picks.len() < 3 {
        let i = usize::from(crate::vault::fsio::random_bytes::<1>()[0]) % words.len();
        if !picks.contains(&i) {
            picks.push(i);
        }
    }
    picks.sort_unstable();
    for i in picks {
        ask_word(&term, i, words[i])?;
    }
    Ok(())
}

/// How many times each of the three words may be answered before `wallet create` gives
/// up (with nothing saved).
pub const WORD_TRIES: usize = 3;

/// Asks word #`i + 1` back until it matches, at most [`WORD_TRIES`] times: a slip of the
/// pen does not throw away the words just written down.
fn ask_word(term: &dialoguer::console::Term, i: usize, word: &str) -> Result<()> {
    for attempt in 1..=WORD_TRIES {
        let answer: String = dialoguer::Input::new()
            .with_prompt(format!("Word #{}", i + 1))
            .allow_empty(true)
            .interact_text()
            .map_err(|e| Error::Usage(format!("prompt failed: {e}")))?;
        if answer.trim().to_lowercase() == word {
            return Ok(());
        }
        let left = WORD_TRIES - attempt;
        if left > 0 {
            term.write_line(&format!(
                "Word #{} does not match what you wrote down; check it and try again ({left} {} left).",
                i + 1,
                if left == 1 { "try" } else { "tries" }
            ))
            .map_err(|e| Error::Usage(format!("terminal: {e}")))?;
        }
    }
    Err(Error::invalid(
        "mnemonic",
        format!(
            "word #{} did not match in {WORD_TRIES} tries; nothing was saved (the words shown are not a wallet: run `wallet create` again for a new mnemonic)",
            i + 1
        ),
    ))
}

/// A check applied to a secret as it is entered (strength, PIN format, non-empty).
pub type Check<'a> = &'a dyn Fn(&str) -> Result<()>;

/// Refuses an empty secret.
pub fn not_empty(s: &str) -> Result<()> {
    if s.is_empty() {
        return Err(Error::invalid("password", "the password is empty"));
    }
    Ok(())
}

fn prompt_hidden(prompt: &str, confirm: bool, check: Check<'_>) -> Result<SecretString> {
    let mut p = dialoguer::Password::new()
        .with_prompt(prompt)
        .validate_with(|s: &String| check(s).map_err(|e| e.to_string()));
    if confirm {
        p = p.with_confirmation(
            "Repeat to confirm",
            "the two entries do not match, try again",
        );
    }
    p.interact()
        .map(SecretString::from)
        .map_err(|e| Error::Usage(format!("prompt failed: {e}")))
}

/// The BIP-39 passphrase: the first line of `file` (`--passphrase-file`), else with
/// `ask` (`--passphrase`) asked twice on a terminal, else none.
pub fn passphrase(input: &Input, file: Option<&Path>, ask: bool) -> Result<Option<SecretString>> {
    if let Some(f) = file {
        let text = zeroize::Zeroizing::new(std::fs::read_to_string(f).map_err(|e| {
            Error::invalid(
                "passphrase_file",
                format!("cannot read {}: {e}", f.display()),
            )
        })?);
        let line = text
            .split('\n')
            .next()
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        return Ok(Some(SecretString::from(line)));
    }
    if !ask {
        return Ok(None);
    }
    if !input.interactive {
        return Err(Error::InputRequired {
            what: "a BIP-39 passphrase".into(),
            hint: "pass --passphrase-file FILE".into(),
        });
    }
    let p = dialoguer::Password::new()
        .with_prompt("BIP-39 passphrase")
        .with_confirmation(
            "Repeat to confirm",
            "the two entries do not match, try again",
        )
        .interact()
        .map_err(|e| Error::Usage(format!("prompt failed: {e}")))?;
    Ok(Some(SecretString::from(p)))
}

/// The mnemonic's text: from `file`, else standard input.
pub fn read_mnemonic(file: Option<&Path>) -> Result<zeroize::Zeroizing<String>> {
    Ok(zeroize::Zeroizing::new(match file {
        Some(f) => std::fs::read_to_string(f).map_err(|e| {
            Error::invalid("mnemonic_file", format!("cannot read {}: {e}", f.display()))
        })?,
        None => {
            let mut buf = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf).map_err(|e| {
                Error::invalid("mnemonic", format!("cannot read standard input: {e}"))
            })?;
            buf
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_strips_line_endings() {
        assert_eq!(
            first_line(b"pw\r\nrest", "x").unwrap().expose_secret(),
            "pw"
        );
        assert_eq!(first_line(b"pw", "x").unwrap().expose_secret(), "pw");
        assert_eq!(
            first_line(b" spaced pw \n", "x").unwrap().expose_secret(),
            " spaced pw "
        );
    }
}
