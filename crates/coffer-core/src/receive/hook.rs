//! The `--exec` hook of `receive wait` and `receive watch`, like Bitcoin Core's
//! `-walletnotify`: the environment an event gives it (what is set, which inherited
//! variables are removed) and the run through `sh -c`. Where its output goes is the
//! caller's choice; a failure comes back as text for the caller to show.

use super::watch::Event;
use std::ffi::OsString;

/// Environment variables never handed to the hook: every inherited `COFFER_*` but
/// [`KEPT_VARS`], and any name holding one of these words.
const SECRET_VARS: &[&str] = &["PASSWORD", "PASSPHRASE", "SESSION", "TOTP", "PIN", "SECRET"];

/// coffer's own variables a hook keeps (so a `coffer` call in it finds the same vault).
const KEPT_VARS: &[&str] = &["COFFER_HOME", "COFFER_USER"];

/// The hook's environment for one event.
#[derive(Debug, PartialEq, Eq)]
pub struct HookEnv {
    /// Inherited variables removed: coffer's own configuration and anything secret.
    pub remove: Vec<OsString>,
    /// The event's variables, set (after the removal).
    pub set: Vec<(&'static str, String)>,
}

/// Whether an inherited variable stays out of the hook's environment.
fn withheld(name: &str) -> bool {
    let name = name.to_ascii_uppercase();
    (name.starts_with("COFFER_") && !KEPT_VARS.contains(&name.as_str()))
        || SECRET_VARS.iter().any(|s| name.contains(s))
}

/// The environment of the hook for `e`, given the names of the inherited variables.
pub fn hook_env(e: &Event, inherited: impl IntoIterator<Item = OsString>) -> HookEnv {
    let remove = inherited
        .into_iter()
        .filter(|k| withheld(&k.to_string_lossy()))
        .collect();
    let set = vec![
        ("COFFER_EVENT", e.event.to_string()),
        ("COFFER_WALLET", e.wallet.clone()),
        ("COFFER_CHAIN", e.chain.to_string()),
        ("COFFER_NETWORK", e.network.to_string()),
        (
            "COFFER_CHAIN_ID",
            e.chain_id.map(|i| i.to_string()).unwrap_or_default(),
        ),
        ("COFFER_TXID", e.txid.clone()),
        ("COFFER_ADDRESS", e.address.clone().unwrap_or_default()),
        ("COFFER_AMOUNT", e.amount.clone()),
        ("COFFER_AMOUNT_UNITS", e.amount_units.clone()),
        ("COFFER_UNITS", e.units_name().to_string()),
        ("COFFER_CURRENCY", e.asset.symbol().to_string()),
        ("COFFER_CONFIRMATIONS", e.confirmations.to_string()),
        (
            "COFFER_HEIGHT",
            e.height.map(|h| h.to_string()).unwrap_or_default(),
        ),
        ("COFFER_TIME", e.time.clone()),
    ];
    HookEnv { remove, set }
}

/// Runs `cmd` through `sh -c` with the event in its environment (stdin empty, stdout to
/// `stdout` when given). `Err` says why it failed, for a notice: a failed hook never
/// changes coffer's exit code.
pub fn run_hook(
    cmd: &str,
    e: &Event,
    stdout: Option<std::process::Stdio>,
) -> std::result::Result<(), String> {
    let mut c = std::process::Command::new("sh");
    c.arg("-c").arg(cmd).stdin(std::process::Stdio::null());
    // Nothing of coffer's own configuration or secrets reaches the hook.
    let env = hook_env(e, std::env::vars_os().map(|(k, _)| k));
    for k in &env.remove {
        c.env_remove(k);
    }
    for (k, v) in &env.set {
        c.env(k, v);
    }
    if let Some(s) = stdout {
        c.stdout(s);
    }
    let failed = match c.status() {
        Ok(s) if s.success() => None,
        Ok(s) => Some(match s.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was killed by a signal".to_string(),
        }),
        Err(err) => Some(format!("could not start ({err})")),
    };
    match failed {
        None => Ok(()),
        Some(why) => Err(crate::text::sanitize(&format!(
            "coffer: the --exec command {why} ({} {})\n",
            e.event, e.txid
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        Event {
            event: "payment",
            wallet: "shop".into(),
            chain: crate::chain::Chain::Eth,
            network: crate::chain::asset::NetworkId::Evm(1),
            chain_id: Some(1),
            txid: "0xab".into(),
            address: None,
            amount: "1.5".into(),
            amount_units: "1500000".into(),
            asset: crate::chain::asset::Asset::unlisted(1, "USDC", 6),
            confirmations: 0,
            height: None,
            time: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn coffer_configuration_and_secrets_are_withheld() {
        let names = [
            "PATH",
            "COFFER_HOME",
            "coffer_user",
            "COFFER_SESSION_TOKEN",
            "COFFER_TEST_NOW",
            "MY_PASSWORD",
            "github_secret",
            "HOME",
        ];
        let env = hook_env(&event(), names.iter().map(OsString::from));
        assert_eq!(
            env.remove,
            [
                "COFFER_SESSION_TOKEN",
                "COFFER_TEST_NOW",
                "MY_PASSWORD",
                "github_secret"
            ]
            .map(OsString::from)
        );
    }

    #[test]
    fn the_event_is_set_with_empty_values_for_what_is_unknown() {
        let env = hook_env(&event(), []);
        let get = |k: &str| {
            env.set
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("COFFER_UNITS"), Some("units"));
        assert_eq!(get("COFFER_ADDRESS"), Some(""));
        assert_eq!(get("COFFER_HEIGHT"), Some(""));
        assert_eq!(get("COFFER_CHAIN_ID"), Some("1"));
        assert_eq!(env.set.len(), 14);
    }
}
