//! The first hour (issue 19, items 2 and 3): prompts that forgive a slip (driven through
//! a real pseudo-terminal with util-linux `script`), and fewer things to spell out:
//! several wallets listed, `--chain-id` from the only EVM backend, `send cpfp --wallet`,
//! and never a silent switch of user.

use crate::anvil::Anvil;
use crate::common::Env;
use serde_json::json;
use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The binary run on a pseudo-terminal (`script -qfec CMD /dev/null`), with the test
/// environment of [`Env::command`]; what it writes is collected as it comes (shared
/// with `human.rs`).
pub(crate) struct Pty {
    child: Option<Child>,
    stdin: Option<ChildStdin>,
    seen: Arc<Mutex<String>>,
    pos: usize,
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Pty {
    pub(crate) fn start(env: &Env, args: &[&str]) -> Pty {
        Pty::start_command(env.command(args))
    }

    /// Runs `inner` (its program, arguments and environment) on a pseudo-terminal.
    pub(crate) fn start_command(inner: Command) -> Pty {
        let line = std::iter::once(inner.get_program().to_string_lossy().into_owned())
            .chain(inner.get_args().map(|a| a.to_string_lossy().into_owned()))
            .map(|a| quote(&a))
            .collect::<Vec<_>>()
            .join(" ");
        let mut c = Command::new("script");
        c.args(["-qfec", &line, "/dev/null"]);
        for (k, v) in inner.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("util-linux `script` runs the binary on a pseudo-terminal");
        let stdin = child.stdin.take().unwrap();
        let mut out = child.stdout.take().unwrap();
        let seen = Arc::new(Mutex::new(String::new()));
        let sink = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Pty {
            child: Some(child),
            stdin: Some(stdin),
            seen,
            pos: 0,
        }
    }

    /// Waits until `needle` appears after what was matched so far; returns the text
    /// up to and including it. Gives up (panics) only after a minute without it.
    pub(crate) fn expect(&mut self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            {
                let seen = self.seen.lock().unwrap();
                if let Some(i) = seen[self.pos..].find(needle) {
                    let text = seen[self.pos..self.pos + i + needle.len()].to_string();
                    self.pos += i + needle.len();
                    return text;
                }
                if start.elapsed() > Duration::from_secs(60) {
                    panic!("{needle:?} never came; the terminal shows:\n{seen}");
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `text` and Enter.
    pub(crate) fn line(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(format!("{text}\r").as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// The exit code, and everything the terminal showed.
    pub(crate) fn finish(mut self) -> (i32, String) {
        let status = self.child.take().unwrap().wait().unwrap();
        drop(self.stdin.take());
        // The reader ends with the pty; give it the time it takes to drain.
        let start = Instant::now();
        while Arc::strong_count(&self.seen) > 1 && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let text = self.seen.lock().unwrap().clone();
        (status.code().unwrap_or(-1), text)
    }
}

/// Answers word #`n` (just asked) with `text`: typed (echoed), then shown again as
/// entered.
fn answer(pty: &mut Pty, n: usize, text: &str) {
    pty.line(text);
    pty.expect(text);
    pty.expect(&format!("Word #{n}: {text}"));
}

/// A test that fails mid-dialogue leaves no program waiting on its terminal.
impl Drop for Pty {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// The words of the mnemonic shown on the terminal, in order.
fn shown_words(text: &str) -> Vec<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut words = vec![];
    for pair in tokens.windows(2) {
        if let Some(n) = pair[0].strip_suffix('.')
            && n.parse::<usize>() == Ok(words.len() + 1)
        {
            words.push(pair[1].to_string());
        }
    }
    assert!(words.len() == 12, "12 words shown: {words:?} in {text}");
    words
}

/// Starts `wallet create NAME` on a terminal up to the first word asked back; returns
/// the session, the words and the number asked.
fn create_until_first_word(env: &Env, name: &str) -> (Pty, Vec<String>, usize) {
    let mut pty = Pty::start(
        env,
        &[
            "wallet",
            "create",
            name,
            "--network",
            "regtest",
            "--chains",
            "btc",
        ],
    );
    let shown = pty.expect("Press Enter when you have written it down");
    let words = shown_words(&shown);
    pty.line("");
    let n = asked(&mut pty);
    (pty, words, n)
}

/// The number of the next word asked back.
fn asked(pty: &mut Pty) -> usize {
    pty.expect("Word #");
    let rest = pty.expect(":");
    rest.trim_end_matches(':').trim().parse().unwrap()
}

fn wallet_names(env: &Env) -> Vec<String> {
    env.ok(&["wallet", "list"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_wrong_word_in_wallet_create_is_asked_again() {
    let env = Env::new();
    env.register("alice");
    let (mut pty, words, first) = create_until_first_word(&env, "savings");
    // A slip of the pen: asked again, the words written down still count.
    answer(&mut pty, first, "notaword");
    pty.expect("does not match");
    pty.expect("2 tries left");
    assert_eq!(asked(&mut pty), first, "the same word is asked again");
    answer(&mut pty, first, &words[first - 1]);
    let mut last = first;
    for _ in 0..2 {
        let n = asked(&mut pty);
        assert!(n > last, "word #{n} after #{last}");
        answer(&mut pty, n, &words[n - 1].to_uppercase());
        last = n;
    }
    let (code, text) = pty.finish();
    assert_eq!(code, 0, "{text}");
    assert_eq!(wallet_names(&env), ["savings"]);
}

#[test]
fn three_wrong_tries_save_nothing() {
    let env = Env::new();
    env.register("alice");
    let before = std::fs::read(env.user_dir("alice").join("vault.age")).unwrap();
    let (mut pty, _words, first) = create_until_first_word(&env, "savings");
    for left in ["2 tries left", "1 try left"] {
        answer(&mut pty, first, "notaword");
        pty.expect(left);
        assert_eq!(asked(&mut pty), first);
    }
    pty.line("stillwrong");
    let (code, text) = pty.finish();
    assert_eq!(code, 5, "{text}");
    assert!(
        text.contains(&format!("word #{first} did not match in 3 tries"))
            && text.contains("nothing was saved"),
        "{text}"
    );
    assert!(wallet_names(&env).is_empty());
    assert_eq!(
        std::fs::read(env.user_dir("alice").join("vault.age")).unwrap(),
        before
    );
}

#[test]
fn register_asks_again_for_a_bad_name_or_email() {
    let env = Env::new();
    env.register("bob");
    let (pw, pin) = (env.secret_path("pw"), env.secret_path("pin"));
    let mut pty = Pty::start(
        &env,
        &["register", "--password-file", &pw, "--pin-file", &pin],
    );
    pty.expect("Username:");
    pty.line("Bad Name");
    pty.expect("must be 1 to 32 characters");
    pty.expect("Username:");
    pty.line("bob");
    pty.expect("user 'bob' already exists");
    pty.expect("Username:");
    pty.line("carol");
    pty.expect("Email:");
    pty.line("not-an-email");
    pty.expect("is not an e-mail address");
    pty.expect("Email:");
    pty.line("carol@example.com");
    let (code, text) = pty.finish();
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Registered carol and logged in."), "{text}");
    let users = env.ok(&["--user", "carol", "whoami"]);
    assert_eq!(users["user"], "carol", "{users}");
}

#[test]
fn several_wallets_are_named_and_listed() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "savings", "--chains", "btc"]);
    env.ok(&["wallet", "create", "spending", "--chains", "btc,eth"]);
    env.ok(&["addr", "new", "--wallet", "savings"]);
    env.ok(&["addr", "new", "--wallet", "spending", "--chain", "eth"]);

    // A missing --wallet names the wallets to choose from.
    let e = env.err(&["addr", "new"], 2);
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.contains("several wallets (savings, spending)") && msg.contains("--wallet"),
        "{e}"
    );

    // addr list: every wallet, each row saying whose.
    let all = env.ok(&["addr", "list"]);
    let mut whose: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["wallet"].as_str().unwrap())
        .collect();
    whose.dedup();
    assert_eq!(whose, ["savings", "spending"], "{all}");
    assert_eq!(all["total"], 2, "{all}");
    let one = env.ok(&["addr", "list", "--wallet", "spending"]);
    assert_eq!(one["total"], 1, "{one}");
    assert_eq!(one["items"][0]["wallet"], "spending");
    // In a table, a first column names the wallet.
    let r = env.run(&["addr", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let head = r.stdout.lines().next().unwrap();
    assert!(head.trim_start().starts_with("WALLET"), "{}", r.stdout);
    assert!(r.stdout.contains("savings") && r.stdout.contains("spending"));
    // A single wallet's table is as before.
    let r = env.run(&["addr", "list", "--wallet", "savings"]);
    assert!(r.stdout.trim_start().starts_with("INDEX"), "{}", r.stdout);

    // history: every wallet too.
    let h = env.ok(&["history"]);
    assert!(h["items"].is_array(), "{h}");
    env.err(&["history", "--wallet", "nope"], 4);
}

#[test]
fn send_cpfp_takes_wallet() {
    let env = Env::new();
    env.register("alice");
    env.ok(&[
        "wallet",
        "create",
        "a",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    env.ok(&[
        "wallet",
        "create",
        "b",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let txid = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";
    // The wallet named must exist, and its history must hold the transaction.
    let e = env.err(&["send", "cpfp", txid, "--fee", "5", "--wallet", "nope"], 4);
    assert_eq!(e["code"], "not_found", "{e}");
    let e = env.err(&["send", "cpfp", txid, "--fee", "5", "--wallet", "b"], 4);
    assert!(e["message"].as_str().unwrap().contains("wallet b"), "{e}");
}

#[test]
fn chain_id_defaults_to_the_only_evm_backend() {
    const PAYEE: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    let from = env.ok(&["receive", "--chain", "eth"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let pin = env.secret_path("pin");
    let pay = [
        "send",
        "--chain",
        "eth",
        "--to",
        PAYEE,
        "--amount",
        "1",
        "--yes",
        "--pin-file",
        &pin,
    ];

    // No backend: the chain id must be given, and the error says when it is optional.
    let e = env.err(&pay, 2);
    assert!(e["message"].as_str().unwrap().contains("--chain-id"), "{e}");

    let node = Anvil::start(31337);
    node.result(
        "anvil_setBalance",
        json!([from, format!("{:#x}", 10u128.pow(19))]),
    );
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        "31337",
        "--rpc",
        &node.url,
    ]);
    let sent = env.ok(&pay);
    assert_eq!(sent["chain_id"], 31337, "{sent}");
    assert_eq!(sent["status"], "broadcast", "{sent}");
    let t = env.ok(&["wallet", "backend", "test", "eth"]);
    assert_eq!(t["chain_id"], 31337, "{t}");
    let e = env.err(&["wallet", "token", "remove", "USDC"], 4);
    assert!(e["message"].as_str().unwrap().contains("31337"), "{e}");

    // Two EVM backends: the error lists their chain ids, and nothing is sent.
    let other = Anvil::start(1337);
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        "1337",
        "--rpc",
        &other.url,
    ]);
    let e = env.err(&pay, 2);
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.contains("1337, 31337") && msg.contains("--chain-id"),
        "{e}"
    );
    for cmd in [
        &["wallet", "backend", "remove", "eth"][..],
        &["wallet", "token", "remove", "USDC"],
    ] {
        let e = env.err(cmd, 2);
        assert!(
            e["message"].as_str().unwrap().contains("1337, 31337"),
            "{e}"
        );
    }
}

#[test]
fn several_users_never_switch_silently() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "w", "--chains", "btc"]);
    // Registering (like `restore vault --as`) logs the new user in: the last login.
    env.register("alice2");
    let r = env.run(&["--json", "wallet", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("acting as alice2")
            && r.stderr.contains("alice, alice2")
            && r.stderr.contains("--user"),
        "{}",
        r.stderr
    );
    assert_eq!(r.json()["data"]["items"], json!([]), "alice2's vault");
    // Chosen: no notice.
    for chosen in [env.run(&["--json", "--user", "alice", "wallet", "list"]), {
        let mut c = env.command(&["--json", "wallet", "list"]);
        c.env("COFFER_USER", "alice");
        let o = c.output().unwrap();
        crate::common::Run {
            code: o.status.code().unwrap(),
            stdout: String::from_utf8_lossy(&o.stdout).into(),
            stderr: String::from_utf8_lossy(&o.stderr).into(),
        }
    }] {
        assert_eq!(chosen.code, 0, "{}", chosen.stderr);
        assert!(chosen.stderr.is_empty(), "{}", chosen.stderr);
        assert_eq!(chosen.json()["data"]["items"][0]["name"], "w");
    }
    // One user: nothing to say.
    let solo = Env::new();
    solo.register("alice");
    let r = solo.run(&["--json", "wallet", "list"]);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

/// A payment to two wallets of this vault is in both histories: `send cpfp` asks which
/// one's output the child spends (the old code silently took the first), and
/// `--wallet` chooses.
#[test]
fn cpfp_of_a_payment_to_two_wallets_needs_wallet() {
    let node = crate::node::Node::start();
    // The node's funded wallet pays.
    node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "a");
    env.ok(&[
        "wallet",
        "create",
        "b",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    crate::btcnode::set_backend(&env, &node);
    let to_a = env.ok(&["receive", "--wallet", "a"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let to_b = env.ok(&["receive", "--wallet", "b"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    // sendmany … fee_rate=1 sat/vB: one parent paying both wallets.
    let amounts = json!({ to_a.clone(): 0.3, to_b.clone(): 0.4 }).to_string();
    let parent = node.rpc(&[
        "sendmany", "", &amounts, "0", "", "[]", "true", "null", "unset", "1",
    ]);
    let parent = parent.as_str().unwrap();
    env.ok(&["wallet", "sync"]);
    let pin = env.secret_path("pin");
    let cpfp = |extra: &[&str]| {
        let mut a = vec![
            "send",
            "cpfp",
            parent,
            "--fee",
            "25",
            "--yes",
            "--pin-file",
            &pin,
        ];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let args = cpfp(&[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let e = env.err(&args, 2);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("several wallets (a, b)"),
        "{e}"
    );
    let args = cpfp(&["--wallet", "b"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let c = env.ok(&args);
    assert_eq!(c["status"], "broadcast", "{c}");
    assert_eq!(c["wallet"], "b", "{c}");
    // The child spends b's output of the parent.
    let child = node.rpc(&["getrawtransaction", c["txid"].as_str().unwrap(), "true"]);
    let vout = node.rpc(&["getrawtransaction", parent, "true"])["vout"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["scriptPubKey"]["address"] == to_b.as_str())
        .unwrap()["n"]
        .clone();
    assert!(
        child["vin"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["txid"] == parent && i["vout"] == vout),
        "{child}"
    );
}
