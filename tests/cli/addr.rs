//! `addr new`, `list`, `label` and `show` through the binary.

use crate::common::Env;
use crate::typed::{AddrKind, AddressPage, Addresses, Chain};
use bitcoin::secp256k1::Secp256k1;
use coffer::chain::btc::{self, Account, ScriptType};
use coffer::chain::{Network, eth};

fn wallet_with_words(env: &Env, name: &str, extra: &[&str]) -> String {
    let mut args = vec!["wallet", "create", name, "--reveal"];
    args.extend_from_slice(extra);
    env.ok(&args)["mnemonic"].as_str().unwrap().to_string()
}

#[test]
fn new_addresses_follow_the_derivation_and_are_stored() {
    let env = Env::new();
    env.register("alice");
    let words = wallet_with_words(&env, "main", &[]);
    let secp = Secp256k1::new();
    let m = btc::parse_mnemonic(&words).unwrap();
    let master = btc::master(&btc::seed(&m, "")[..], Network::Bitcoin).unwrap();
    let acct = Account::derive(&secp, &master, ScriptType::Segwit, Network::Bitcoin, 0).unwrap();

    let addrs = |args: &[&str]| env.ok_as::<Addresses>(args).check();
    let first = addrs(&[
        "addr",
        "new",
        "--label",
        "from Bob",
        "--purpose",
        "invoice 7",
    ]);
    assert_eq!(first.total, 1);
    let a = &first.items[0];
    assert_eq!(a.index, 0);
    assert_eq!(a.kind, AddrKind::Receiving);
    assert_eq!(a.path, "m/84'/0'/0'/0/0");
    assert_eq!(a.address, acct.address(&secp, 0, 0).unwrap().to_string());
    assert_eq!(a.label.as_deref(), Some("from Bob"));
    assert_eq!(a.purpose.as_deref(), Some("invoice 7"));

    let more = addrs(&["addr", "new", "--count", "3"]);
    let idx: Vec<u32> = more.items.iter().map(|a| a.index).collect();
    assert_eq!(idx, [1, 2, 3]);
    assert_eq!(
        more.items[2].address,
        acct.address(&secp, 0, 3).unwrap().to_string()
    );
    let change = addrs(&["addr", "new", "--change"]);
    assert_eq!(change.items[0].path, "m/84'/0'/0'/1/0");
    assert_eq!(change.items[0].kind, AddrKind::Change);
    assert_eq!(
        change.items[0].address,
        acct.address(&secp, 1, 0).unwrap().to_string()
    );
    let e = addrs(&["addr", "new", "--chain", "eth", "--count", "2"]);
    assert_eq!(
        e.items[1].address,
        eth::derive_address(&secp, &master, 1)
            .unwrap()
            .to_checksum(None)
    );
    assert_eq!(e.items[1].path, "m/44'/60'/0'/0/1");
    assert_eq!(e.items[1].chain, Chain::Eth);

    let list = env.ok_as::<AddressPage>(&["addr", "list"]).check();
    assert_eq!(list.total, 7);
    let listed = |args: &[&str]| env.ok_as::<AddressPage>(args).check();
    assert_eq!(listed(&["addr", "list", "--chain", "eth"]).total, 2);
    assert_eq!(listed(&["addr", "list", "--label", "BOB"]).total, 1);
    assert_eq!(env.ok(&["wallet", "show", "main"])["addresses"], 7);

    // Labels and show, also for a lower-case Ethereum address.
    let addr = a.address.as_str();
    assert_eq!(env.ok(&["addr", "label", addr, "rent"])["label"], "rent");
    let shown = env.ok(&["addr", "show", addr, "--qr"]);
    assert!(env.ok(&["addr", "label", e.items[1].address.as_str(), ""])["label"].is_null());
    assert_eq!(shown["label"], "rent");
    assert_eq!(shown["uri"], format!("bitcoin:{addr}"));
    assert!(shown["qr"].as_str().unwrap().contains('█'));
    let with_uri = env.ok(&["addr", "show", addr, "--qr", "--uri"]);
    assert_ne!(with_uri["qr"], shown["qr"], "the URI makes another code");
    env.err_as(&["addr", "show", addr, "--uri"], 2);
    let eth_addr = e.items[0].address.to_lowercase();
    let eth = env.ok(&["addr", "show", &eth_addr]);
    assert_eq!(eth["chain"], "eth");
    assert_eq!(eth["uri"], format!("ethereum:{}", e.items[0].address));
    let human = env.run(&["addr", "show", addr, "--qr"]);
    assert!(
        human.stdout.contains("Label:") && human.stdout.contains('▀'),
        "{}",
        human.stdout
    );
}

#[test]
fn bad_address_requests_are_refused_and_change_nothing() {
    let env = Env::new();
    env.register("alice");
    assert_eq!(env.err_as(&["addr", "new"], 4).code, "not_found");
    wallet_with_words(&env, "a", &["--chains", "eth"]);
    let vault = env.user_dir("alice").join("vault.age");
    let before = std::fs::read(&vault).unwrap();
    assert_eq!(
        env.err_as(&["addr", "new", "--chain", "btc"], 5)
            .field
            .as_deref(),
        Some("chain")
    );
    assert_eq!(
        env.err_as(&["addr", "new", "--change"], 5).field.as_deref(),
        Some("change")
    );
    assert_eq!(
        env.err_as(&["addr", "new", "--count", "0"], 5)
            .field
            .as_deref(),
        Some("count")
    );
    assert_eq!(
        env.err_as(&["addr", "new", "--wallet", "nope"], 4).code,
        "not_found"
    );
    assert_eq!(
        env.err_as(
            &[
                "addr",
                "label",
                "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu",
                "x"
            ],
            4
        )
        .code,
        "not_found"
    );
    assert_eq!(
        env.err_as(
            &["addr", "show", "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"],
            4
        )
        .code,
        "not_found"
    );
    assert_eq!(before, std::fs::read(&vault).unwrap());
    wallet_with_words(&env, "b", &[]);
    assert_eq!(
        env.err_as(&["addr", "new"], 2).code,
        "usage",
        "two wallets: --wallet is needed"
    );
}

#[test]
fn twenty_parallel_addr_new_all_land_with_distinct_indexes() {
    let env = Env::new();
    env.register("alice");
    wallet_with_words(&env, "main", &["--chains", "btc"]);
    env.all_succeed_in_parallel(20, &["--json", "addr", "new"]);
    let list = env.ok_as::<AddressPage>(&["addr", "list"]).check();
    assert_eq!(list.total, 20);
    let mut idx: Vec<u32> = list.items.iter().map(|a| a.index).collect();
    idx.sort_unstable();
    assert_eq!(idx, (0..20).collect::<Vec<u32>>());
}

/// `addr list --limit N` pages through the same list as `addr list` (every wallet, in
/// its order), each page's `next_cursor` continuing after its last address: addresses
/// derived between pages never shift the next one; a cursor of another query, or an
/// altered one, is `invalid_input`; a limit out of range too; `--cursor` needs `--limit`.
#[test]
fn addr_list_pages_through_every_wallet() {
    let env = Env::new();
    env.register("alice");
    for (name, n) in [("a", "7"), ("b", "5")] {
        env.ok(&[
            "wallet",
            "create",
            name,
            "--network",
            "regtest",
            "--chains",
            "btc,eth",
        ]);
        env.ok(&["addr", "new", "--wallet", name, "--count", n]);
        env.ok(&[
            "addr", "new", "--wallet", name, "--change", "--chain", "btc",
        ]);
    }
    let list = |args: &[&str]| env.ok_as::<AddressPage>(args).check();
    let key = |a: &crate::typed::AddressRow| (a.wallet.clone(), a.address.clone());
    let whole = list(&["addr", "list"]);
    assert_eq!(whole.next_cursor, None);
    assert_eq!(whole.total, 14);
    assert_eq!(whole.items.len(), 14);

    let mut got = vec![];
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    let after = loop {
        let mut args = vec!["addr", "list", "--limit", "4"];
        if let Some(c) = &cursor {
            args.extend(["--cursor", c.as_str()]);
        }
        let page = list(&args);
        assert!(page.items.len() <= 4);
        got.extend(page.items.iter().map(key));
        pages += 1;
        if pages == 1 {
            assert_eq!(page.total, 14, "every page tells the whole count");
            let first: Vec<_> = whole.items[..4].iter().map(key).collect();
            assert_eq!(got, first);
            // Derived meanwhile, in the account the first page stopped in: later pages
            // carry on after its last address, neither repeating nor skipping one.
            env.ok(&["addr", "new", "--wallet", "a", "--chain", "btc"]);
        } else {
            assert_eq!(page.total, 15, "every page tells the whole count");
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break list(&["addr", "list"]),
        }
    };
    let want: Vec<_> = after.items.iter().map(key).collect();
    assert_eq!(want.len(), 15);
    assert_eq!(got, want, "{pages} pages");
    assert_eq!(pages, 4);

    let first = env
        .ok_as::<AddressPage>(&["addr", "list", "--limit", "3"])
        .check();
    let c = first.next_cursor.unwrap();
    for (args, field) in [
        (
            vec![
                "addr", "list", "--limit", "3", "--wallet", "a", "--cursor", &c,
            ],
            "cursor",
        ),
        (
            vec![
                "addr",
                "list",
                "--limit",
                "3",
                "--cursor",
                "1.0.2.0123456789abcdef",
            ],
            "cursor",
        ),
        (vec!["addr", "list", "--limit", "0"], "limit"),
        (vec!["addr", "list", "--limit", "1001"], "limit"),
    ] {
        let e = env.err_as(&args, 5);
        assert_eq!(e.code, "invalid_input", "{args:?}");
        assert_eq!(e.field.as_deref(), Some(field), "{args:?}");
    }
    let e = env.err_as(&["addr", "list", "--cursor", &c], 2);
    assert_eq!(e.code, "usage");
}
