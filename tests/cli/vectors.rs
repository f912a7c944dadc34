//! Known-answer vectors from the standards (files under tests/vectors/, each naming its
//! source), run through the code paths the wallet uses, and the address vectors through
//! the real binary.

use crate::common::Env;
use bitcoin::bip32::Xpub;
use bitcoin::secp256k1::Secp256k1;
use coffer::chain::btc::{self, Account, ScriptType};
use coffer::chain::{Network, eth};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name);
    let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(
        v["source"].as_str().is_some_and(|s| !s.is_empty()),
        "{name} names its source"
    );
    v
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// SLIP-132 keys (zpub, upub, …) carry the same key as xpub/tpub under other version
/// bytes: compare everything after the version.
fn same_key_ignoring_version(a: &str, b: &str) -> bool {
    let (a, b) = (
        bitcoin::base58::decode_check(a).unwrap(),
        bitcoin::base58::decode_check(b).unwrap(),
    );
    a.len() == 78 && a[4..] == b[4..]
}

#[test]
fn bip39_english_vectors_with_passphrase_trezor() {
    let v = load("bip39.json");
    let pass = s(&v["passphrase"]);
    let vectors = v["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 24);
    for t in vectors {
        let entropy = hex::decode(s(&t["entropy"])).unwrap();
        let from_entropy = bip39::Mnemonic::from_entropy(&entropy).unwrap();
        assert_eq!(from_entropy.to_string(), s(&t["mnemonic"]));
        let m = btc::parse_mnemonic(s(&t["mnemonic"])).unwrap();
        let seed = btc::seed(&m, pass);
        assert_eq!(hex::encode(&seed[..]), s(&t["seed"]));
        assert_eq!(
            btc::master(&seed[..], Network::Bitcoin)
                .unwrap()
                .to_string(),
            s(&t["xprv"])
        );
    }
}

#[test]
fn bip32_test_vectors_1_to_4() {
    let v = load("bip32.json");
    let secp = Secp256k1::new();
    let all: Vec<&Value> = v["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .chain(v["additional_vectors"].as_array().unwrap())
        .collect();
    assert!(all.len() >= 3);
    for t in all {
        let master = btc::master(&hex::decode(s(&t["seed"])).unwrap(), Network::Bitcoin).unwrap();
        for c in t["chains"].as_array().unwrap() {
            let key = master
                .derive_priv(&secp, &btc::path(s(&c["path"])).unwrap())
                .unwrap();
            assert_eq!(key.to_string(), s(&c["xprv"]), "{}", s(&c["path"]));
            assert_eq!(
                Xpub::from_priv(&secp, &key).to_string(),
                s(&c["xpub"]),
                "{}",
                s(&c["path"])
            );
        }
    }
    let mut accepted = vec![];
    for bad in v["invalid_extended_keys"].as_array().unwrap() {
        let k = s(&bad["key"]);
        if btc::parse_xpub(k).is_ok() || btc::parse_xpriv(k).is_ok() {
            accepted.push(format!("{k} ({})", s(&bad["reason"])));
        }
    }
    assert!(
        accepted.is_empty(),
        "accepted invalid keys:\n{}",
        accepted.join("\n")
    );
}

fn check_account(file: &str, script: ScriptType, network: Network, xpub_key: &str) {
    let v = load(file);
    let secp = Secp256k1::new();
    let m = btc::parse_mnemonic(s(&v["mnemonic"])).unwrap();
    let master = btc::master(&btc::seed(&m, "")[..], network).unwrap();
    let account = Account::derive(&secp, &master, script, network, 0).unwrap();
    assert_eq!(
        account.path.to_string(),
        s(&v["account"]["path"]).trim_start_matches("m/")
    );
    assert!(
        same_key_ignoring_version(&account.xpub.to_string(), s(&v["account"][xpub_key])),
        "{file} account key"
    );
    let addresses = v
        .get("addresses")
        .or(v.get("vectors"))
        .unwrap()
        .as_array()
        .unwrap();
    assert!(!addresses.is_empty());
    for a in addresses {
        let p = s(&a["path"]);
        let parts: Vec<u32> = p.rsplit('/').take(2).map(|x| x.parse().unwrap()).collect();
        let (index, change) = (parts[0], parts[1]);
        assert_eq!(
            account.address(&secp, change, index).unwrap().to_string(),
            s(&a["address"]),
            "{file} {p}"
        );
        if let Some(spk) = a.get("script_pubkey") {
            let addr = account.address(&secp, change, index).unwrap();
            assert_eq!(addr.script_pubkey().to_hex_string(), s(spk));
        }
    }
}

#[test]
fn bip84_reference_vectors() {
    check_account("bip84.json", ScriptType::Segwit, Network::Bitcoin, "zpub");
}

#[test]
fn bip86_reference_vectors() {
    check_account("bip86.json", ScriptType::Taproot, Network::Bitcoin, "xpub");
}

#[test]
fn bip49_reference_vectors_on_testnet() {
    check_account(
        "bip49.json",
        ScriptType::NestedSegwit,
        Network::Testnet,
        "upub",
    );
}

#[test]
fn eip55_checksum_vectors() {
    let v = load("eip55.json");
    for t in v["vectors"].as_array().unwrap() {
        let a = s(&t["address"]);
        let info = eth::validate_address(a).unwrap();
        assert_eq!(info.checksummed, a);
        // Flipping the case of one letter breaks the checksum (if the address has letters
        // and is mixed case).
        if let Some(i) = a[2..]
            .find(|c: char| c.is_ascii_alphabetic())
            .map(|i| i + 2)
        {
            let mut flipped: Vec<char> = a.chars().collect();
            flipped[i] = if flipped[i].is_ascii_uppercase() {
                flipped[i].to_ascii_lowercase()
            } else {
                flipped[i].to_ascii_uppercase()
            };
            let flipped: String = flipped.into_iter().collect();
            let mixed = flipped[2..].chars().any(|c| c.is_ascii_lowercase())
                && flipped[2..].chars().any(|c| c.is_ascii_uppercase());
            assert_eq!(eth::validate_address(&flipped).is_err(), mixed, "{flipped}");
        }
    }
}

#[test]
fn ethereum_addresses_of_the_standard_test_mnemonic() {
    let v = load("ethereum_bip44.json");
    let secp = Secp256k1::new();
    let m = btc::parse_mnemonic(s(&v["mnemonic"])).unwrap();
    let master = btc::master(&btc::seed(&m, s(&v["passphrase"]))[..], Network::Bitcoin).unwrap();
    let vectors = v["vectors"].as_array().unwrap();
    assert_eq!(
        s(&vectors[0]["address"]),
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    for t in vectors {
        let index: u32 = s(&t["path"]).rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(
            eth::derive_address(&secp, &master, index)
                .unwrap()
                .to_checksum(None),
            s(&t["address"])
        );
    }
}

#[test]
fn segwit_address_vectors_through_the_binary() {
    let env = Env::new();
    let v = load("segwit_addresses.json");
    for t in v["valid"].as_array().unwrap() {
        let a = s(&t["address"]);
        let net = s(&t["network"]);
        let d = env.ok(&["addr", "validate", a, "--network", net]);
        assert_eq!(d["chain"], "btc");
        assert_eq!(d["script_pubkey"], t["script_pubkey"], "{a}");
        assert!(
            d["networks"].as_array().unwrap().iter().any(|n| n == net),
            "{a}: {d}"
        );
    }
    for key in [
        "invalid",
        "invalid_bip173_superseded_by_bip350",
        "invalid_other_hrp",
    ] {
        for t in v[key].as_array().unwrap() {
            let a = s(&t["address"]);
            let e = env.err(&["addr", "validate", a, "--chain", "btc"], 5);
            assert_eq!(e["code"], "invalid_input", "{a}");
            assert_eq!(e["field"], "address");
        }
    }
}

#[test]
fn address_forms_per_network_and_validation_messages() {
    let env = Env::new();
    let secp = Secp256k1::new();
    let m = btc::parse_mnemonic("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about").unwrap();
    for (net, prefix) in [
        (Network::Testnet, "tb1q"),
        (Network::Signet, "tb1q"),
        (Network::Regtest, "bcrt1q"),
    ] {
        let master = btc::master(&btc::seed(&m, "")[..], net).unwrap();
        let acct = Account::derive(&secp, &master, ScriptType::Segwit, net, 0).unwrap();
        assert_eq!(acct.path.to_string(), "84'/1'/0'");
        let a = acct.address(&secp, 0, 0).unwrap().to_string();
        assert!(a.starts_with(prefix), "{a}");
        // Same key on every test network (coin type 1): the BIP-84 testnet first address.
        if net != Network::Regtest {
            assert_eq!(a, "tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9pqcpvkl");
        }
        let d = env.ok(&["addr", "validate", &a, "--network", net.name()]);
        assert_eq!(d["address_type"], "p2wpkh");
        let e = env.err(&["addr", "validate", &a, "--network", "bitcoin"], 5);
        assert!(
            e["message"].as_str().unwrap().contains("not bitcoin"),
            "{e}"
        );
    }
    let e = env.err(
        &[
            "addr",
            "validate",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
        ],
        5,
    );
    assert!(e["message"].as_str().unwrap().contains("checksum"), "{e}");
    let e = env.err(
        &[
            "addr",
            "validate",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
        ],
        5,
    );
    assert!(e["message"].as_str().unwrap().contains("EIP-55"), "{e}");
    let d = env.ok(&[
        "addr",
        "validate",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
    ]);
    assert_eq!(
        d["checksummed"],
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    );
    assert!(d["warning"].as_str().is_some());
    let r = env.run(&[
        "addr",
        "validate",
        "bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr",
    ]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("p2tr"), "{}", r.stdout);
}

/// EIP-1559 signed transactions (ether and an ERC-20 transfer) equal those of an
/// independent tool, decode back to the same fields, and recover to the key's address.
#[test]
fn eip1559_signatures_match_the_reference() {
    use alloy_primitives::{Address, Bytes, U256};
    use coffer::chain::eth::tx::{self, Request};
    let v = load("eip1559.json");
    let key =
        bitcoin::secp256k1::SecretKey::from_slice(&hex::decode(s(&v["key"])).unwrap()).unwrap();
    let from: Address = s(&v["address"]).parse().unwrap();
    for t in v["vectors"].as_array().unwrap() {
        let data: Bytes = match t.get("token_transfer") {
            Some(tt) => tx::transfer_data(
                s(&tt["to"]).parse().unwrap(),
                s(&tt["amount"]).parse().unwrap(),
            ),
            None => s(&t["data"]).parse().unwrap(),
        };
        let req = Request {
            format: "coffer-eth-request".into(),
            version: 1,
            chain_id: t["chain_id"].as_u64().unwrap(),
            nonce: t["nonce"].as_u64().unwrap(),
            from,
            path: "m/44'/60'/0'/0/0".into(),
            to: s(&t["to"]).parse().unwrap(),
            value: s(&t["value"]).parse::<U256>().unwrap(),
            data,
            gas_limit: t["gas_limit"].as_u64().unwrap(),
            max_fee_per_gas: s(&t["max_fee_per_gas"]).parse().unwrap(),
            max_priority_fee_per_gas: s(&t["max_priority_fee_per_gas"]).parse().unwrap(),
            token: None,
        };
        let (raw, hash) = req.sign(&key).unwrap();
        assert_eq!(
            format!("0x{}", hex::encode(&raw)),
            s(&t["raw"]),
            "{}",
            t["comment"]
        );
        let decoded = tx::decode(&raw).unwrap();
        assert_eq!(decoded.hash, hash);
        assert_eq!(decoded.request.from, from, "the recovered signer");
        assert_eq!(decoded.request.chain_id, req.chain_id);
        assert_eq!(
            Request {
                path: req.path.clone(),
                ..decoded.request
            },
            req
        );
    }
}
