
use builtin;
use str;

set edit:completion:arg-completer[coffer] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'coffer'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'coffer'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand register 'Create a local user with an encrypted vault, and log in.'
            cand login 'Unlock the vault for a while.'
            cand logout 'Lock the vault: end the session'
            cand whoami 'Show who is unlocked, and until when'
            cand users 'List the local users of this home (no unlock needed)'
            cand status 'One screen: the session, balances and fiat total, pending and held transactions, backends (reachable now, last sync), automatic backups and security recommendations. A locked vault exits 3.'
            cand wallet 'HD wallets: create, import, list, show, balance, fees, backends, sync, tokens, export, reveal'
            cand addr 'Addresses: new, list, label, show, validate'
            cand sign-message 'Sign a message with the key of one of your addresses: BIP-322 (Bitcoin segwit and taproot), the legacy format (P2PKH), EIP-191 or EIP-712 (Ethereum). Needs the PIN.'
            cand verify-message 'Verify a signed message (no vault needed): exit 0 when valid, 5 when not.'
            cand utxo 'Coin control (Bitcoin): list the unspent coins, freeze or unfreeze coins and addresses'
            cand send 'Pay in bitcoin, ether or tokens; sign, broadcast or fee-bump a transaction.'
            cand history 'The transactions: filters, pages, one in full, labels, categories, notes.'
            cand labels 'BIP-329 labels: export and import (Sparrow and other wallets read them).'
            cand backup 'Encrypted backups: create, list, verify'
            cand restore 'Restore a vault from a backup (as a new user), a wallet from its words, or merge a partial backup'
            cand rates 'Exchange rates: list, set, import, history, convert.'
            cand currencies 'Supported assets, whether the vault holds them, and their current rate'
            cand config 'Settings: the preferred fiat currency'
            cand receive 'Show an address to be paid at (payment URI, QR code), or import an incoming transaction'
            cand security 'Security: the audit trail, settings and limits, the PIN, two-factor codes, the password, the vault key, the recovery code, and password recovery'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;register'= {
            cand --username 'User name: 1-32 characters of a-z, 0-9, ''_'' and ''-'''
            cand --email 'E-mail address (kept inside the encrypted vault only)'
            cand --password-file 'Read the password from FILE (its first line)'
            cand --pin-file 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --password-stdin 'Read the password from standard input (its first line)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;login'= {
            cand --timeout 'Idle timeout of this session, e.g. 30s, 15m, 1h (at most 12h)'
            cand --session 'Keep the unlocked key in the session file, or wrapped under $COFFER_SESSION'
            cand --password-file 'Read the password from FILE (its first line)'
            cand --totp-code 'The two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)'
            cand --backup-code 'One of the 2FA backup codes instead of a code (it is then used up)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --password-stdin 'Read the password from standard input (its first line)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;logout'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;whoami'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;users'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;status'= {
            cand --timeout 'Seconds to wait for the backends (all asked at once); one that has not answered by then is reported as not reachable'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --offline 'Do not contact the backends (their reachability is then unknown: null)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a wallet from a new BIP-39 mnemonic.'
            cand list 'List the wallets'
            cand show 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses'
            cand reveal 'Show a wallet''s mnemonic, after the transaction PIN (audited).'
            cand import 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.'
            cand export 'Export what an online watch-only copy needs: public keys and descriptors only.'
            cand create-multisig 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.'
            cand rename 'Rename a wallet'
            cand archive 'Archive a wallet: hidden from lists, kept in the vault'
            cand balance 'Confirmed, pending and total balance per wallet and currency'
            cand fees 'Fee rates of the levels slow, normal and fast (sat/vB), per network.'
            cand backend 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain'
            cand sync 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts'
            cand token 'ERC-20 tokens: add, list, remove'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;wallet;create'= {
            cand --chains 'Chains to create accounts on'
            cand --passphrase-file 'Read the BIP-39 passphrase from FILE'
            cand --network 'Bitcoin network'
            cand --script-type 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)'
            cand --account 'Account number (the last hardened level of the path)'
            cand --words 'Mnemonic length'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --passphrase 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)'
            cand --allow-duplicate 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet'
            cand --reveal 'Include the mnemonic in the output (for scripts; it is shown once)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;list'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;show'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;reveal'= {
            cand --pin-file 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --totp-code 'At level high with 2FA on, a two-factor code as well (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;import'= {
            cand --chains 'Chains to create accounts on'
            cand --passphrase-file 'Read the BIP-39 passphrase from FILE'
            cand --network 'Bitcoin network'
            cand --script-type 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)'
            cand --account 'Account number (the last hardened level of the path)'
            cand --mnemonic-file 'Read the BIP-39 mnemonic from FILE'
            cand --descriptor 'Watch-only: a public descriptor (`wpkh([fp/84''/0''/0'']xpub…/0/*)#…`); give it twice for the receive and change branches'
            cand --xpub 'Watch-only: an account extended public key (xpub, ypub, zpub, tpub, upub, vpub)'
            cand --eth-address 'Watch-only: one Ethereum address (EIP-55 checked)'
            cand --watch-only-file 'Watch-only: a file written by `wallet export --watch-only`'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --passphrase 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)'
            cand --allow-duplicate 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet'
            cand --mnemonic-stdin 'Read the BIP-39 mnemonic from standard input'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;export'= {
            cand --network 'With --cosigner-key: the network (default: the wallet''s)'
            cand --script-type 'With --cosigner-key: the multisig script (BIP-48 type 2'' wsh, 1'' sh-wsh, 3'' tr)'
            cand --account 'With --cosigner-key: the BIP-48 account'
            cand --out 'Write the export to FILE instead of printing it'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --watch-only 'Export only public data (secrets are never exported)'
            cand --cosigner-key 'Print this vault''s multisig cosigner key for the wallet''s seed: `[fingerprint/48''/coin''/account''/type'']xpub…`'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;create-multisig'= {
            cand --threshold 'Signatures needed (M of N)'
            cand --cosigner 'A cosigner''s key with origin: `[fingerprint/48''/0''/0''/2'']xpub…` (repeat)'
            cand --with-local 'Add this vault''s key, derived from WALLET''s seed at m/48''/coin''/account''/type'''
            cand --network 'The network'
            cand --script-type 'The script'
            cand --account 'The BIP-48 account of the local key'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --allow-duplicate 'Add the wallet even when a wallet of this vault has the same descriptors (the same keys and threshold): their addresses then belong to both, and commands given an address need --wallet'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;rename'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;archive'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;balance'= {
            cand --wallet 'Only this wallet (default: every wallet)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;fees'= {
            cand --network 'The network (default: bitcoin)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`'
            cand targets 'Set the confirmation targets (blocks) the node''s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;wallet;fees;set'= {
            cand --network 'The network (default: bitcoin)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;fees;targets'= {
            cand --network 'The network (default: bitcoin)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;fees;help'= {
            cand set 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`'
            cand targets 'Set the confirmation targets (blocks) the node''s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;wallet;fees;help;set'= {
        }
        &'coffer;wallet;fees;help;targets'= {
        }
        &'coffer;wallet;fees;help;help'= {
        }
        &'coffer;wallet;backend'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network''s).'
            cand list 'List the configured endpoints'
            cand remove 'Remove an endpoint'
            cand test 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;wallet;backend;set'= {
            cand --chain-id 'EIP-155 chain id (eth)'
            cand --network 'The Bitcoin network (btc)'
            cand --rpc 'The JSON-RPC URL (http:// or https://)'
            cand --explorer 'eth: an Etherscan-compatible explorer API for history (txlist, txlistinternal, tokentx), checked (its chain id must match); the JSON-RPC endpoint stays for the rest'
            cand --explorer-key-file 'eth: the explorer''s API key, from FILE (kept in the vault, never printed)'
            cand --electrum 'btc: an Electrum server instead of a node (tcp://HOST:PORT, or ssl://HOST:PORT for TLS with the certificate verified)'
            cand --esplora 'btc: an Esplora HTTP API instead of a node (https://HOST[:PORT]/…, with the certificate verified, or http:// for your own on your network)'
            cand --electrum-cert-sha256 'btc: pin the ssl:// Electrum server''s certificate by its SHA-256 fingerprint (64 hex digits; for a self-signed one, e.g. a personal server)'
            cand --esplora-cert-sha256 'btc: pin the https:// Esplora API''s certificate by its SHA-256 fingerprint (64 hex digits; for a self-signed one, e.g. your own server)'
            cand --proxy 'Reach the backend through a SOCKS5 proxy, e.g. socks5h://127.0.0.1:9050 (Tor); the proxy resolves host names'
            cand --rpc-cookie 'btc: the node''s cookie file'
            cand --rpc-user 'btc: rpcuser…'
            cand --rpc-password-file '…and its rpcpassword, from FILE (kept in the vault, never printed)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;backend;list'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;backend;remove'= {
            cand --chain-id 'EIP-155 chain id (eth; default: the only EVM backend''s)'
            cand --network 'The Bitcoin network (btc)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;backend;test'= {
            cand --chain-id 'EIP-155 chain id (eth; default: the only EVM backend''s)'
            cand --network 'The Bitcoin network (btc)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;backend;help'= {
            cand set 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network''s).'
            cand list 'List the configured endpoints'
            cand remove 'Remove an endpoint'
            cand test 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;wallet;backend;help;set'= {
        }
        &'coffer;wallet;backend;help;list'= {
        }
        &'coffer;wallet;backend;help;remove'= {
        }
        &'coffer;wallet;backend;help;test'= {
        }
        &'coffer;wallet;backend;help;help'= {
        }
        &'coffer;wallet;sync'= {
            cand --wallet 'Only this wallet (default: every wallet)'
            cand --btc-from-height 'Bitcoin: read blocks from this height on (below the last sync: read them again; default: where the last sync stopped, the first from the wallet''s birth)'
            cand --eth-from-block 'Ethereum: read transfers from this block on (default: where the last sync stopped; the first sync starts at the wallet''s creation, so a restored or imported wallet with older history needs this once)'
            cand --from-height 'Either of the two when only one chain family is synced (a Bitcoin node or an EVM backend, not both); else a usage error'
            cand --gap-limit 'Unused addresses to watch past the last one handed out (Bitcoin: on each branch, default 20 or the last one given, and a wider one than before reads the blocks again from where the first sync began; Ethereum: default 20, past the last revealed or used address, each sync)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;token'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).'
            cand list 'List the tokens'
            cand remove 'Remove a token'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;wallet;token;add'= {
            cand --chain-id 'EIP-155 chain id (default: the only EVM backend''s)'
            cand --address 'The contract address (EIP-55)'
            cand --symbol 'Symbol (checked against the contract when a backend is set)'
            cand --decimals 'Decimals (checked against the contract when a backend is set)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;token;list'= {
            cand --chain-id 'Only this chain'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;token;remove'= {
            cand --chain-id 'Its chain id (default: the only EVM backend''s)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;wallet;token;help'= {
            cand add 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).'
            cand list 'List the tokens'
            cand remove 'Remove a token'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;wallet;token;help;add'= {
        }
        &'coffer;wallet;token;help;list'= {
        }
        &'coffer;wallet;token;help;remove'= {
        }
        &'coffer;wallet;token;help;help'= {
        }
        &'coffer;wallet;help'= {
            cand create 'Create a wallet from a new BIP-39 mnemonic.'
            cand list 'List the wallets'
            cand show 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses'
            cand reveal 'Show a wallet''s mnemonic, after the transaction PIN (audited).'
            cand import 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.'
            cand export 'Export what an online watch-only copy needs: public keys and descriptors only.'
            cand create-multisig 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.'
            cand rename 'Rename a wallet'
            cand archive 'Archive a wallet: hidden from lists, kept in the vault'
            cand balance 'Confirmed, pending and total balance per wallet and currency'
            cand fees 'Fee rates of the levels slow, normal and fast (sat/vB), per network.'
            cand backend 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain'
            cand sync 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts'
            cand token 'ERC-20 tokens: add, list, remove'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;wallet;help;create'= {
        }
        &'coffer;wallet;help;list'= {
        }
        &'coffer;wallet;help;show'= {
        }
        &'coffer;wallet;help;reveal'= {
        }
        &'coffer;wallet;help;import'= {
        }
        &'coffer;wallet;help;export'= {
        }
        &'coffer;wallet;help;create-multisig'= {
        }
        &'coffer;wallet;help;rename'= {
        }
        &'coffer;wallet;help;archive'= {
        }
        &'coffer;wallet;help;balance'= {
        }
        &'coffer;wallet;help;fees'= {
            cand set 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`'
            cand targets 'Set the confirmation targets (blocks) the node''s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)'
        }
        &'coffer;wallet;help;fees;set'= {
        }
        &'coffer;wallet;help;fees;targets'= {
        }
        &'coffer;wallet;help;backend'= {
            cand set 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network''s).'
            cand list 'List the configured endpoints'
            cand remove 'Remove an endpoint'
            cand test 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.'
        }
        &'coffer;wallet;help;backend;set'= {
        }
        &'coffer;wallet;help;backend;list'= {
        }
        &'coffer;wallet;help;backend;remove'= {
        }
        &'coffer;wallet;help;backend;test'= {
        }
        &'coffer;wallet;help;sync'= {
        }
        &'coffer;wallet;help;token'= {
            cand add 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).'
            cand list 'List the tokens'
            cand remove 'Remove a token'
        }
        &'coffer;wallet;help;token;add'= {
        }
        &'coffer;wallet;help;token;list'= {
        }
        &'coffer;wallet;help;token;remove'= {
        }
        &'coffer;wallet;help;help'= {
        }
        &'coffer;addr'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Derive the next address(es) of a wallet.'
            cand list 'List a wallet''s derived addresses'
            cand label 'Set the label of an address'
            cand show 'Show an address (with a terminal QR code on request)'
            cand validate 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;addr;new'= {
            cand --wallet 'The wallet (default: the only one)'
            cand --chain 'The chain (default: btc when the wallet has it, else eth)'
            cand --label 'Label for the new address(es)'
            cand --purpose 'What the address is for (free text)'
            cand --count 'How many addresses (1-100000)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --change 'A change address (Bitcoin internal branch)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;addr;list'= {
            cand --wallet 'Only this wallet (default: every wallet)'
            cand --chain 'Only this chain'
            cand --label 'Only addresses whose label contains TEXT (case-insensitive)'
            cand --limit 'At most N addresses (1-1000; default: all), then `next_cursor` for the rest'
            cand --cursor 'Continue after the last address of a previous page (its `next_cursor`)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --used 'Only addresses that have transactions'
            cand --unused 'Only addresses without transactions'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;addr;label'= {
            cand --wallet 'The wallet holding it (needed when two wallets hold the same keys)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;addr;show'= {
            cand --wallet 'The wallet holding it (needed when two wallets hold the same keys)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --qr 'Print a terminal QR code of the address'
            cand --uri 'With --qr: encode the payment URI (bitcoin:… / ethereum:…) instead'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;addr;validate'= {
            cand --chain 'The chain (default: eth for 0x…, else btc)'
            cand --network 'Require a Bitcoin network'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;addr;help'= {
            cand new 'Derive the next address(es) of a wallet.'
            cand list 'List a wallet''s derived addresses'
            cand label 'Set the label of an address'
            cand show 'Show an address (with a terminal QR code on request)'
            cand validate 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;addr;help;new'= {
        }
        &'coffer;addr;help;list'= {
        }
        &'coffer;addr;help;label'= {
        }
        &'coffer;addr;help;show'= {
        }
        &'coffer;addr;help;validate'= {
        }
        &'coffer;addr;help;help'= {
        }
        &'coffer;sign-message'= {
            cand --address 'The address (Bitcoin, or Ethereum 0x…)'
            cand --message-file 'Read the message from FILE (exact bytes; `-`: standard input)'
            cand --typed-data 'Ethereum: EIP-712 typed data (the JSON of eth_signTypedData_v4) from FILE'
            cand --pin-file 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand -y 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --yes 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;verify-message'= {
            cand --address 'The address (Bitcoin, or Ethereum 0x…)'
            cand --message-file 'Read the message from FILE (exact bytes; `-`: standard input)'
            cand --typed-data 'Ethereum: EIP-712 typed data (the JSON of eth_signTypedData_v4) from FILE'
            cand --signature 'The signature (base64 for Bitcoin, 0x… hex for Ethereum)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;utxo'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.'
            cand freeze 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.'
            cand unfreeze 'Unfreeze coins or addresses'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;utxo;list'= {
            cand --wallet 'The wallet (default: the only one)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --frozen 'Only frozen coins'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;utxo;freeze'= {
            cand --wallet 'The wallet (default: the only one)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;utxo;unfreeze'= {
            cand --wallet 'The wallet (default: the only one)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;utxo;help'= {
            cand list 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.'
            cand freeze 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.'
            cand unfreeze 'Unfreeze coins or addresses'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;utxo;help;list'= {
        }
        &'coffer;utxo;help;freeze'= {
        }
        &'coffer;utxo;help;unfreeze'= {
        }
        &'coffer;utxo;help;help'= {
        }
        &'coffer;send'= {
            cand --wallet 'The wallet (default: the only one)'
            cand --chain 'The chain: btc (default) or eth'
            cand --to 'A recipient: an address or a payment URI (BIP-21 bitcoin:…, EIP-681 ethereum:…); repeat addresses with --amount for a batch'
            cand --amount 'The amount for the --to at the same position (BTC, or `1500sat`)'
            cand --fee 'slow, normal, fast (see `wallet fees`) or a rate in sat/vB'
            cand --note 'A note kept with the transaction in history'
            cand --from 'Bitcoin coin control: spend exactly these coins (TXID:VOUT, repeat; frozen ones too), and no others. Ethereum: the one address to pay from (0x…; default: the first that can pay)'
            cand --exclude 'Bitcoin coin control: never spend these coins (TXID:VOUT, repeat)'
            cand --unsigned-out 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer'
            cand --raw-out 'Also write the signed raw transaction (hex) to FILE'
            cand --pin-file 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --chain-id 'EIP-155 chain id (Ethereum; default: the only EVM backend''s)'
            cand --token 'An ERC-20 token by symbol or contract address (see `wallet token`)'
            cand --max-fee 'Max fee per gas in gwei (with --priority-fee; else from the backend)'
            cand --priority-fee 'Max priority fee per gas in gwei'
            cand --gas-limit 'Gas limit (else estimated by the backend)'
            cand --nonce 'Nonce (else the backend''s pending count)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --max 'Send everything to the one --to, with no change (Ethereum: one address''s ether minus gas limit x max fee, or its whole --token balance)'
            cand --no-rbf 'Do not signal replace-by-fee (BIP-125)'
            cand --no-broadcast 'Do not broadcast through the network''s Bitcoin node, even when one is set'
            cand -y 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --yes 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sign 'Sign a PSBT with this vault''s keys (the offline signer).'
            cand broadcast 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it'
            cand bump 'Replace a pending transaction of ours by one paying a higher fee (RBF)'
            cand combine 'Merge PSBTs of the same transaction signed by different cosigners (multisig).'
            cand cancel-eth 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).'
            cand cpfp 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.'
            cand confirm 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.'
            cand cancel 'Drop a held send: nothing is signed'
            cand abandon 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core''s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network''s node holds in its mempool (it may still confirm: `send bump` replaces it).'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;send;sign'= {
            cand --out 'Where to write the signed PSBT'
            cand --wallet 'The wallet (default: the one whose keys the PSBT names)'
            cand --pin-file 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand -y 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --yes 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;broadcast'= {
            cand --wallet 'The wallet to record it in (default: every wallet it concerns)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --no-broadcast 'Do not send it through the network''s Bitcoin node, even when one is set'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;bump'= {
            cand --fee 'The new fee: slow/normal/fast, or (Bitcoin) a rate in sat/vB'
            cand --wallet 'Bitcoin: the wallet that paid it (default: the only one holding it; a payment between two of your wallets is in both)'
            cand --max-fee 'Ethereum: max fee per gas in gwei (with --priority-fee; at least 10 % more)'
            cand --priority-fee 'Ethereum: max priority fee per gas in gwei'
            cand --unsigned-out 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer'
            cand --raw-out 'Also write the signed raw transaction (hex) to FILE'
            cand --pin-file 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --no-broadcast 'Do not broadcast through the network''s Bitcoin node, even when one is set'
            cand -y 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --yes 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;combine'= {
            cand --out 'Where to write the merged PSBT'
            cand --wallet 'The wallet it spends from (default: the one whose coins the inputs are)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;cancel-eth'= {
            cand --fee 'slow, normal or fast (from the backend; default fast)'
            cand --max-fee 'Ethereum: max fee per gas in gwei (with --priority-fee; at least 10 % more)'
            cand --priority-fee 'Ethereum: max priority fee per gas in gwei'
            cand --unsigned-out 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer'
            cand --raw-out 'Also write the signed raw transaction (hex) to FILE'
            cand --pin-file 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --no-broadcast 'Do not broadcast through the network''s Bitcoin node, even when one is set'
            cand -y 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --yes 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;cpfp'= {
            cand --wallet 'The wallet whose output the child spends (default: the only wallet holding the transaction)'
            cand --fee 'The rate the parent and child together must pay: sat/vB, or slow/normal/fast'
            cand --unsigned-out 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer'
            cand --raw-out 'Also write the signed raw transaction (hex) to FILE'
            cand --pin-file 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --no-broadcast 'Do not broadcast through the network''s Bitcoin node, even when one is set'
            cand -y 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --yes 'Do not ask for confirmation (the review is still printed on a terminal)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;confirm'= {
            cand --pin-file 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --totp-code 'A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)'
            cand --raw-out 'Also write the signed raw transaction (hex) to FILE'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --override-limit 'Pass the rolling daily limit (PIN and, when on, a 2FA code; audited, severity high)'
            cand --yes 'Do not ask "Sign this transaction?" (the review is still printed on a terminal)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;cancel'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;abandon'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;send;help'= {
            cand sign 'Sign a PSBT with this vault''s keys (the offline signer).'
            cand broadcast 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it'
            cand bump 'Replace a pending transaction of ours by one paying a higher fee (RBF)'
            cand combine 'Merge PSBTs of the same transaction signed by different cosigners (multisig).'
            cand cancel-eth 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).'
            cand cpfp 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.'
            cand confirm 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.'
            cand cancel 'Drop a held send: nothing is signed'
            cand abandon 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core''s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network''s node holds in its mempool (it may still confirm: `send bump` replaces it).'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;send;help;sign'= {
        }
        &'coffer;send;help;broadcast'= {
        }
        &'coffer;send;help;bump'= {
        }
        &'coffer;send;help;combine'= {
        }
        &'coffer;send;help;cancel-eth'= {
        }
        &'coffer;send;help;cpfp'= {
        }
        &'coffer;send;help;confirm'= {
        }
        &'coffer;send;help;cancel'= {
        }
        &'coffer;send;help;abandon'= {
        }
        &'coffer;send;help;help'= {
        }
        &'coffer;history'= {
            cand --wallet 'Only this wallet'
            cand --currency 'Only this currency: BTC, ETH or a token symbol'
            cand --type 'Only sends, receives, or transfers to ourselves'
            cand --status 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval'
            cand --since 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago'
            cand --until 'Until this time (exclusive)'
            cand --min 'Only amounts (absolute, in the row''s currency) of at least this much'
            cand --max 'Only amounts of at most this much'
            cand --label 'Only labels containing TEXT (case-insensitive)'
            cand --category 'Only this category'
            cand --limit 'At most N rows (1-1000)'
            cand --cursor 'Continue after the last row of a previous page (its `next_cursor`)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --reverse 'Oldest first'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Everything known about one transaction (by ID or transaction id)'
            cand label 'Set the label of a transaction (empty to clear)'
            cand categorize 'Set the category of a transaction (empty to clear)'
            cand note 'Set the note of a transaction (empty to clear)'
            cand export 'Export the transactions (every filter of `history` applies) as CSV or JSON.'
            cand summary 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction''s time)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;history;show'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;history;label'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;history;categorize'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;history;note'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;history;export'= {
            cand --format 'csv or json'
            cand --out 'Write to FILE (default: standard output)'
            cand --fiat 'Add each amount''s value in this fiat currency at the transaction''s time, with the rate used and its source'
            cand --wallet 'Only this wallet'
            cand --currency 'Only this currency: BTC, ETH or a token symbol'
            cand --type 'Only sends, receives, or transfers to ourselves'
            cand --status 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval'
            cand --since 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago'
            cand --until 'Until this time (exclusive)'
            cand --min 'Only amounts (absolute, in the row''s currency) of at least this much'
            cand --max 'Only amounts of at most this much'
            cand --label 'Only labels containing TEXT (case-insensitive)'
            cand --category 'Only this category'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --plain 'No spreadsheet-injection guard on CSV cells'
            cand --reverse 'Oldest first'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;history;summary'= {
            cand --by 'month, category or currency'
            cand --wallet 'Only this wallet'
            cand --currency 'Only this currency: BTC, ETH or a token symbol'
            cand --type 'Only sends, receives, or transfers to ourselves'
            cand --status 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval'
            cand --since 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago'
            cand --until 'Until this time (exclusive)'
            cand --min 'Only amounts (absolute, in the row''s currency) of at least this much'
            cand --max 'Only amounts of at most this much'
            cand --label 'Only labels containing TEXT (case-insensitive)'
            cand --category 'Only this category'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;history;help'= {
            cand show 'Everything known about one transaction (by ID or transaction id)'
            cand label 'Set the label of a transaction (empty to clear)'
            cand categorize 'Set the category of a transaction (empty to clear)'
            cand note 'Set the note of a transaction (empty to clear)'
            cand export 'Export the transactions (every filter of `history` applies) as CSV or JSON.'
            cand summary 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction''s time)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;history;help;show'= {
        }
        &'coffer;history;help;label'= {
        }
        &'coffer;history;help;categorize'= {
        }
        &'coffer;history;help;note'= {
        }
        &'coffer;history;help;export'= {
        }
        &'coffer;history;help;summary'= {
        }
        &'coffer;history;help;help'= {
        }
        &'coffer;labels'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand export 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs'
            cand import 'Read BIP-329 labels; imported labels win over existing ones'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;labels;export'= {
            cand --wallet 'Only this wallet'
            cand --out 'Write to FILE (default: standard output)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;labels;import'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --partial 'Import the good lines even when some are bad'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;labels;help'= {
            cand export 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs'
            cand import 'Read BIP-329 labels; imported labels win over existing ones'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;labels;help;export'= {
        }
        &'coffer;labels;help;import'= {
        }
        &'coffer;labels;help;help'= {
        }
        &'coffer;backup'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Write a full, encrypted backup of the vault.'
            cand list 'The backups in the default location and those this vault recorded'
            cand verify 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;backup;create'= {
            cand --out 'Where to write it (default: users/NAME/backups/ with a UTC timestamp)'
            cand --passphrase-file 'Read the backup passphrase from FILE (else it is asked twice on a terminal)'
            cand --recipient 'Encrypt to this age recipient instead (repeatable)'
            cand --note 'A note kept in the header'
            cand --partial 'Only these parts, and never any key material: addresses, transactions, labels, settings (comma-separated)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;backup;list'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;backup;verify'= {
            cand --passphrase-file 'Its passphrase, from FILE (else asked on a terminal)'
            cand --identity 'An age identity file (AGE-SECRET-KEY-1… lines) for a backup made to recipients'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;backup;help'= {
            cand create 'Write a full, encrypted backup of the vault.'
            cand list 'The backups in the default location and those this vault recorded'
            cand verify 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;backup;help;create'= {
        }
        &'coffer;backup;help;list'= {
        }
        &'coffer;backup;help;verify'= {
        }
        &'coffer;backup;help;help'= {
        }
        &'coffer;restore'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand vault 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.'
            cand wallet 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).'
            cand partial 'Merge a backup''s labels, notes, categories, settings and rates into this vault'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;restore;vault'= {
            cand --as 'The user to create (default: the backup''s user)'
            cand --passphrase-file 'The backup passphrase, from FILE (else asked on a terminal)'
            cand --identity 'An age identity file, for a backup made to recipients'
            cand --password-file 'Read the password from FILE (its first line)'
            cand --pin-file 'Read the new transaction PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --dry-run 'Show what would be restored; write nothing'
            cand --force 'Replace an existing user of that name: their vault is kept as `vault.age.before-restore` (with its profile) until their next successful login'
            cand --password-stdin 'Read the password from standard input (its first line)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;restore;wallet'= {
            cand --chains 'Chains to create accounts on'
            cand --passphrase-file 'Read the BIP-39 passphrase from FILE'
            cand --network 'Bitcoin network'
            cand --script-type 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)'
            cand --account 'Account number (the last hardened level of the path)'
            cand --mnemonic-file 'Read the BIP-39 mnemonic from FILE'
            cand --gap-limit 'Receive (and change) addresses to derive per account (1-1000)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --passphrase 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)'
            cand --allow-duplicate 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet'
            cand --mnemonic-stdin 'Read the BIP-39 mnemonic from standard input'
            cand --dry-run 'Show the first addresses; write nothing'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;restore;partial'= {
            cand --passphrase-file 'The backup passphrase, from FILE'
            cand --identity 'An age identity file'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;restore;help'= {
            cand vault 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.'
            cand wallet 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).'
            cand partial 'Merge a backup''s labels, notes, categories, settings and rates into this vault'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;restore;help;vault'= {
        }
        &'coffer;restore;help;wallet'= {
        }
        &'coffer;restore;help;partial'= {
        }
        &'coffer;restore;help;help'= {
        }
        &'coffer;rates'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The latest rate of each pair, with its time and source'
            cand set 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`'
            cand import 'Import a history of rates from a CSV file of `time,pair,rate` rows'
            cand history 'The rates of a pair over time'
            cand fetch 'Fetch current rates from the configured source (`rates source set`)'
            cand source 'The HTTP source `rates fetch` reads'
            cand convert 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;rates;list'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;rates;set'= {
            cand --at 'When it held (default: now): a date, RFC 3339, or 7d / 3m ago'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;rates;import'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;rates;history'= {
            cand --since 'From this time'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;rates;fetch'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;rates;source'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Set the source: `coffer rates source set URL --format coingecko`.'
            cand remove 'Remove the source'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;rates;source;set'= {
            cand --format 'coingecko or pairs'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;rates;source;remove'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;rates;source;help'= {
            cand set 'Set the source: `coffer rates source set URL --format coingecko`.'
            cand remove 'Remove the source'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;rates;source;help;set'= {
        }
        &'coffer;rates;source;help;remove'= {
        }
        &'coffer;rates;source;help;help'= {
        }
        &'coffer;rates;convert'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;rates;help'= {
            cand list 'The latest rate of each pair, with its time and source'
            cand set 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`'
            cand import 'Import a history of rates from a CSV file of `time,pair,rate` rows'
            cand history 'The rates of a pair over time'
            cand fetch 'Fetch current rates from the configured source (`rates source set`)'
            cand source 'The HTTP source `rates fetch` reads'
            cand convert 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;rates;help;list'= {
        }
        &'coffer;rates;help;set'= {
        }
        &'coffer;rates;help;import'= {
        }
        &'coffer;rates;help;history'= {
        }
        &'coffer;rates;help;fetch'= {
        }
        &'coffer;rates;help;source'= {
            cand set 'Set the source: `coffer rates source set URL --format coingecko`.'
            cand remove 'Remove the source'
        }
        &'coffer;rates;help;source;set'= {
        }
        &'coffer;rates;help;source;remove'= {
        }
        &'coffer;rates;help;convert'= {
        }
        &'coffer;rates;help;help'= {
        }
        &'coffer;currencies'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;config'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show the settings'
            cand set 'Set one: `coffer config set currency EUR`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;config;show'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;config;set'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;config;help'= {
            cand show 'Show the settings'
            cand set 'Set one: `coffer config set currency EUR`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;config;help;show'= {
        }
        &'coffer;config;help;set'= {
        }
        &'coffer;config;help;help'= {
        }
        &'coffer;receive'= {
            cand --wallet 'The wallet (default: the only one)'
            cand --chain 'The chain (default: btc when the wallet has it, else eth)'
            cand --amount 'Amount requested, in BTC or ETH (exact decimal; `1500sat` for satoshis)'
            cand --label 'Label: stored on the address and put in the URI'
            cand --message 'Message for the payer (in the URI)'
            cand --chain-id 'EVM chain id for the EIP-681 URI (default: the only EVM backend''s, when exactly one is set; else none)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --qr 'Print a QR code of the URI (default on a terminal)'
            cand --no-qr 'No QR code'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand import 'Apply an incoming Bitcoin transaction given as raw hex (offline).'
            cand wait 'Wait for a payment: syncs with the network''s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.'
            cand watch 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;receive;import'= {
            cand --tx 'The raw transaction in hex, or `-` to read it from standard input'
            cand --txid 'Or fetch it, with its block, from the network''s Bitcoin node (`wallet backend set btc`; the node needs -txindex or the transaction in its own wallet)'
            cand --wallet 'The wallet (default: the only one)'
            cand --height 'Height of the block that confirmed it'
            cand --block-time 'Time of that block: Unix seconds, a date or RFC 3339'
            cand --block-hash 'Hash of that block, when known (else a placeholder a sync replaces)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;receive;wait'= {
            cand --wallet 'The wallet (default: the only one)'
            cand --address 'Only a payment to this address of the wallet'
            cand --amount 'At least this much (BTC, or ETH / the --token''s unit with --chain eth)'
            cand --chain 'The chain (default: btc when the wallet has it, else eth)'
            cand --chain-id 'EVM chain id (default: the only EVM backend''s)'
            cand --token 'Ethereum: a payment of this token (symbol from `wallet token add`) instead of ether'
            cand --confirmations 'Confirmations needed (0: in the mempool is enough; Ethereum payments are seen once mined)'
            cand --exec 'Run this command through `sh -c` when the payment came (environment: COFFER_TXID, COFFER_AMOUNT, … see the README); its failure is reported on stderr only'
            cand --timeout 'Give up after this long (exit 10), e.g. 30s, 10m, 2h'
            cand --interval 'How often to ask the node'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;receive;watch'= {
            cand --wallet 'Only this wallet (default: every wallet)'
            cand --confirmations 'Confirmations for the `confirmed` event'
            cand --interval 'How often to sync'
            cand --count 'Stop (exit 0) after this many events'
            cand --timeout 'Stop (exit 0) after this long, e.g. 30s, 10m, 2h (default: until stopped)'
            cand --exec 'Run this command through `sh -c` for each event (environment: COFFER_EVENT, COFFER_TXID, … see the README)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;receive;help'= {
            cand import 'Apply an incoming Bitcoin transaction given as raw hex (offline).'
            cand wait 'Wait for a payment: syncs with the network''s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.'
            cand watch 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;receive;help;import'= {
        }
        &'coffer;receive;help;wait'= {
        }
        &'coffer;receive;help;watch'= {
        }
        &'coffer;receive;help;help'= {
        }
        &'coffer;security'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand log 'Show the audit trail, newest first.'
            cand recover 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.'
            cand show 'Every security setting, the keyslots'' KDF parameters, failure counters, and recommendations'
            cand set 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.'
            cand pin 'The transaction PIN'
            cand password 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.'
            cand rekey 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.'
            cand recovery-code 'A new recovery code (PIN required); the old one stops working'
            cand 2fa 'TOTP two-factor authentication'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;log'= {
            cand --limit 'Show at most N events'
            cand --since 'Only events since DATE (2026-01-31, RFC 3339, or relative: 12h, 7d, 2w)'
            cand --severity 'Only events of at least this severity: info, low, medium, high, critical'
            cand --event 'Only this event (e.g. login_failed, pin_failed)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand verify 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)'
            cand export 'Every row in chain order, with its hash'
            cand reanchor 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log''s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;log;verify'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;log;export'= {
            cand --format 'jsonl or csv'
            cand --out 'Write to FILE (else standard output)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;log;reanchor'= {
            cand --pin-file 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --totp-code 'A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;log;help'= {
            cand verify 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)'
            cand export 'Every row in chain order, with its hash'
            cand reanchor 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log''s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;log;help;verify'= {
        }
        &'coffer;security;log;help;export'= {
        }
        &'coffer;security;log;help;reanchor'= {
        }
        &'coffer;security;log;help;help'= {
        }
        &'coffer;security;recover'= {
            cand --username 'The user'
            cand --recovery-code-file 'Read the recovery code from FILE (else asked on a terminal)'
            cand --password-file 'Read the password from FILE (its first line)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --password-stdin 'Read the password from standard input (its first line)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;show'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand session-timeout 'The idle timeout of new sessions: a duration from 1m to 12h.'
            cand session-max 'The absolute lifetime of new sessions: a duration from 1m to 24h.'
            cand level 'The security level: standard or high.'
            cand limit-tx 'The most one send may move of an asset, or off.'
            cand limit-daily 'The most that may leave in a rolling 24 hours of an asset, or off.'
            cand confirm-new-recipient 'Hold a send to a recipient never paid before for approval: on or off.'
            cand auto-backup 'Automatic full backups: on (with how often, where and to whom) or off.'
            cand currency 'The preferred fiat currency (as `config set currency`).'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;set;session-timeout'= {
            cand --pin-file 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…'
            cand --totp-code '…and a two-factor code (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set;session-max'= {
            cand --pin-file 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…'
            cand --totp-code '…and a two-factor code (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set;level'= {
            cand --pin-file 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…'
            cand --totp-code '…and a two-factor code (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set;limit-tx'= {
            cand --pin-file 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…'
            cand --totp-code '…and a two-factor code (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set;limit-daily'= {
            cand --pin-file 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…'
            cand --totp-code '…and a two-factor code (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set;confirm-new-recipient'= {
            cand --pin-file 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…'
            cand --totp-code '…and a two-factor code (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set;auto-backup'= {
            cand --every 'How often, e.g. 24h, 7d (default 24h). Checked at each unlocked write: there is no daemon'
            cand --keep 'How many automatic backups to keep (default 7)'
            cand --dir 'The directory (default users/NAME/backups), e.g. a synced folder'
            cand --recipient 'Encrypt to this age recipient (repeatable)'
            cand --passphrase-file 'Encrypt with the passphrase in FILE instead (kept in the vault, so that backups can be made unattended)'
            cand --pin-file 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…'
            cand --totp-code '…and a two-factor code (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set;currency'= {
            cand --pin-file 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…'
            cand --totp-code '…and a two-factor code (else $COFFER_TOTP, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;set;help'= {
            cand session-timeout 'The idle timeout of new sessions: a duration from 1m to 12h.'
            cand session-max 'The absolute lifetime of new sessions: a duration from 1m to 24h.'
            cand level 'The security level: standard or high.'
            cand limit-tx 'The most one send may move of an asset, or off.'
            cand limit-daily 'The most that may leave in a rolling 24 hours of an asset, or off.'
            cand confirm-new-recipient 'Hold a send to a recipient never paid before for approval: on or off.'
            cand auto-backup 'Automatic full backups: on (with how often, where and to whom) or off.'
            cand currency 'The preferred fiat currency (as `config set currency`).'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;set;help;session-timeout'= {
        }
        &'coffer;security;set;help;session-max'= {
        }
        &'coffer;security;set;help;level'= {
        }
        &'coffer;security;set;help;limit-tx'= {
        }
        &'coffer;security;set;help;limit-daily'= {
        }
        &'coffer;security;set;help;confirm-new-recipient'= {
        }
        &'coffer;security;set;help;auto-backup'= {
        }
        &'coffer;security;set;help;currency'= {
        }
        &'coffer;security;set;help;help'= {
        }
        &'coffer;security;pin'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand change 'Change the PIN: the current one, then the new one twice.'
            cand reset 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;pin;change'= {
            cand --pin-file 'Read the current PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --new-pin-file 'Read the new PIN (4-12 digits) from FILE (else a prompt, asked twice)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;pin;reset'= {
            cand --password-file 'Read the password from FILE (its first line)'
            cand --totp-code 'A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)'
            cand --backup-code 'A 2FA backup code instead'
            cand --new-pin-file 'Read the new PIN (4-12 digits) from FILE (else a prompt, asked twice)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --password-stdin 'Read the password from standard input (its first line)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;pin;help'= {
            cand change 'Change the PIN: the current one, then the new one twice.'
            cand reset 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;pin;help;change'= {
        }
        &'coffer;security;pin;help;reset'= {
        }
        &'coffer;security;pin;help;help'= {
        }
        &'coffer;security;password'= {
            cand --password-file 'Read the password from FILE (its first line)'
            cand --new-password-file 'Read the new password from FILE (else a prompt, asked twice)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --password-stdin 'Read the password from standard input (its first line)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;rekey'= {
            cand --memory 'Argon2id memory, e.g. 256MiB, 1GiB, 512KiB (default: the profile''s default)'
            cand --iterations 'Argon2id iterations'
            cand --parallelism 'Argon2id lanes'
            cand --password-file 'Read the password from FILE (its first line)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --password-stdin 'Read the password from standard input (its first line)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;recovery-code'= {
            cand --pin-file 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;2fa'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enable 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.'
            cand disable 'Turn it off: the PIN and a current code (or a backup code)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;2fa;enable'= {
            cand --code 'Confirm the pending setup with this code from the app'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --new 'Start again with a new secret (a pending one is replaced)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;2fa;disable'= {
            cand --pin-file 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)'
            cand --totp-code 'A current code (else $COFFER_TOTP, else a prompt)'
            cand --backup-code 'One of the backup codes instead (it is then used up)'
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;security;2fa;help'= {
            cand enable 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.'
            cand disable 'Turn it off: the PIN and a current code (or a backup code)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;2fa;help;enable'= {
        }
        &'coffer;security;2fa;help;disable'= {
        }
        &'coffer;security;2fa;help;help'= {
        }
        &'coffer;security;help'= {
            cand log 'Show the audit trail, newest first.'
            cand recover 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.'
            cand show 'Every security setting, the keyslots'' KDF parameters, failure counters, and recommendations'
            cand set 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.'
            cand pin 'The transaction PIN'
            cand password 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.'
            cand rekey 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.'
            cand recovery-code 'A new recovery code (PIN required); the old one stops working'
            cand 2fa 'TOTP two-factor authentication'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;security;help;log'= {
            cand verify 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)'
            cand export 'Every row in chain order, with its hash'
            cand reanchor 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log''s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).'
        }
        &'coffer;security;help;log;verify'= {
        }
        &'coffer;security;help;log;export'= {
        }
        &'coffer;security;help;log;reanchor'= {
        }
        &'coffer;security;help;recover'= {
        }
        &'coffer;security;help;show'= {
        }
        &'coffer;security;help;set'= {
            cand session-timeout 'The idle timeout of new sessions: a duration from 1m to 12h.'
            cand session-max 'The absolute lifetime of new sessions: a duration from 1m to 24h.'
            cand level 'The security level: standard or high.'
            cand limit-tx 'The most one send may move of an asset, or off.'
            cand limit-daily 'The most that may leave in a rolling 24 hours of an asset, or off.'
            cand confirm-new-recipient 'Hold a send to a recipient never paid before for approval: on or off.'
            cand auto-backup 'Automatic full backups: on (with how often, where and to whom) or off.'
            cand currency 'The preferred fiat currency (as `config set currency`).'
        }
        &'coffer;security;help;set;session-timeout'= {
        }
        &'coffer;security;help;set;session-max'= {
        }
        &'coffer;security;help;set;level'= {
        }
        &'coffer;security;help;set;limit-tx'= {
        }
        &'coffer;security;help;set;limit-daily'= {
        }
        &'coffer;security;help;set;confirm-new-recipient'= {
        }
        &'coffer;security;help;set;auto-backup'= {
        }
        &'coffer;security;help;set;currency'= {
        }
        &'coffer;security;help;pin'= {
            cand change 'Change the PIN: the current one, then the new one twice.'
            cand reset 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.'
        }
        &'coffer;security;help;pin;change'= {
        }
        &'coffer;security;help;pin;reset'= {
        }
        &'coffer;security;help;password'= {
        }
        &'coffer;security;help;rekey'= {
        }
        &'coffer;security;help;recovery-code'= {
        }
        &'coffer;security;help;2fa'= {
            cand enable 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.'
            cand disable 'Turn it off: the PIN and a current code (or a backup code)'
        }
        &'coffer;security;help;2fa;enable'= {
        }
        &'coffer;security;help;2fa;disable'= {
        }
        &'coffer;security;help;help'= {
        }
        &'coffer;completions'= {
            cand --home 'The coffer home (default: $COFFER_HOME, else the platform data dir)'
            cand --user 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)'
            cand --json 'Print one JSON document on stdout (data or error)'
            cand --no-input 'Never prompt; a missing secret or answer is an error'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'coffer;help'= {
            cand register 'Create a local user with an encrypted vault, and log in.'
            cand login 'Unlock the vault for a while.'
            cand logout 'Lock the vault: end the session'
            cand whoami 'Show who is unlocked, and until when'
            cand users 'List the local users of this home (no unlock needed)'
            cand status 'One screen: the session, balances and fiat total, pending and held transactions, backends (reachable now, last sync), automatic backups and security recommendations. A locked vault exits 3.'
            cand wallet 'HD wallets: create, import, list, show, balance, fees, backends, sync, tokens, export, reveal'
            cand addr 'Addresses: new, list, label, show, validate'
            cand sign-message 'Sign a message with the key of one of your addresses: BIP-322 (Bitcoin segwit and taproot), the legacy format (P2PKH), EIP-191 or EIP-712 (Ethereum). Needs the PIN.'
            cand verify-message 'Verify a signed message (no vault needed): exit 0 when valid, 5 when not.'
            cand utxo 'Coin control (Bitcoin): list the unspent coins, freeze or unfreeze coins and addresses'
            cand send 'Pay in bitcoin, ether or tokens; sign, broadcast or fee-bump a transaction.'
            cand history 'The transactions: filters, pages, one in full, labels, categories, notes.'
            cand labels 'BIP-329 labels: export and import (Sparrow and other wallets read them).'
            cand backup 'Encrypted backups: create, list, verify'
            cand restore 'Restore a vault from a backup (as a new user), a wallet from its words, or merge a partial backup'
            cand rates 'Exchange rates: list, set, import, history, convert.'
            cand currencies 'Supported assets, whether the vault holds them, and their current rate'
            cand config 'Settings: the preferred fiat currency'
            cand receive 'Show an address to be paid at (payment URI, QR code), or import an incoming transaction'
            cand security 'Security: the audit trail, settings and limits, the PIN, two-factor codes, the password, the vault key, the recovery code, and password recovery'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'coffer;help;register'= {
        }
        &'coffer;help;login'= {
        }
        &'coffer;help;logout'= {
        }
        &'coffer;help;whoami'= {
        }
        &'coffer;help;users'= {
        }
        &'coffer;help;status'= {
        }
        &'coffer;help;wallet'= {
            cand create 'Create a wallet from a new BIP-39 mnemonic.'
            cand list 'List the wallets'
            cand show 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses'
            cand reveal 'Show a wallet''s mnemonic, after the transaction PIN (audited).'
            cand import 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.'
            cand export 'Export what an online watch-only copy needs: public keys and descriptors only.'
            cand create-multisig 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.'
            cand rename 'Rename a wallet'
            cand archive 'Archive a wallet: hidden from lists, kept in the vault'
            cand balance 'Confirmed, pending and total balance per wallet and currency'
            cand fees 'Fee rates of the levels slow, normal and fast (sat/vB), per network.'
            cand backend 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain'
            cand sync 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts'
            cand token 'ERC-20 tokens: add, list, remove'
        }
        &'coffer;help;wallet;create'= {
        }
        &'coffer;help;wallet;list'= {
        }
        &'coffer;help;wallet;show'= {
        }
        &'coffer;help;wallet;reveal'= {
        }
        &'coffer;help;wallet;import'= {
        }
        &'coffer;help;wallet;export'= {
        }
        &'coffer;help;wallet;create-multisig'= {
        }
        &'coffer;help;wallet;rename'= {
        }
        &'coffer;help;wallet;archive'= {
        }
        &'coffer;help;wallet;balance'= {
        }
        &'coffer;help;wallet;fees'= {
            cand set 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`'
            cand targets 'Set the confirmation targets (blocks) the node''s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)'
        }
        &'coffer;help;wallet;fees;set'= {
        }
        &'coffer;help;wallet;fees;targets'= {
        }
        &'coffer;help;wallet;backend'= {
            cand set 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network''s).'
            cand list 'List the configured endpoints'
            cand remove 'Remove an endpoint'
            cand test 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.'
        }
        &'coffer;help;wallet;backend;set'= {
        }
        &'coffer;help;wallet;backend;list'= {
        }
        &'coffer;help;wallet;backend;remove'= {
        }
        &'coffer;help;wallet;backend;test'= {
        }
        &'coffer;help;wallet;sync'= {
        }
        &'coffer;help;wallet;token'= {
            cand add 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).'
            cand list 'List the tokens'
            cand remove 'Remove a token'
        }
        &'coffer;help;wallet;token;add'= {
        }
        &'coffer;help;wallet;token;list'= {
        }
        &'coffer;help;wallet;token;remove'= {
        }
        &'coffer;help;addr'= {
            cand new 'Derive the next address(es) of a wallet.'
            cand list 'List a wallet''s derived addresses'
            cand label 'Set the label of an address'
            cand show 'Show an address (with a terminal QR code on request)'
            cand validate 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.'
        }
        &'coffer;help;addr;new'= {
        }
        &'coffer;help;addr;list'= {
        }
        &'coffer;help;addr;label'= {
        }
        &'coffer;help;addr;show'= {
        }
        &'coffer;help;addr;validate'= {
        }
        &'coffer;help;sign-message'= {
        }
        &'coffer;help;verify-message'= {
        }
        &'coffer;help;utxo'= {
            cand list 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.'
            cand freeze 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.'
            cand unfreeze 'Unfreeze coins or addresses'
        }
        &'coffer;help;utxo;list'= {
        }
        &'coffer;help;utxo;freeze'= {
        }
        &'coffer;help;utxo;unfreeze'= {
        }
        &'coffer;help;send'= {
            cand sign 'Sign a PSBT with this vault''s keys (the offline signer).'
            cand broadcast 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it'
            cand bump 'Replace a pending transaction of ours by one paying a higher fee (RBF)'
            cand combine 'Merge PSBTs of the same transaction signed by different cosigners (multisig).'
            cand cancel-eth 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).'
            cand cpfp 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.'
            cand confirm 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.'
            cand cancel 'Drop a held send: nothing is signed'
            cand abandon 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core''s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network''s node holds in its mempool (it may still confirm: `send bump` replaces it).'
        }
        &'coffer;help;send;sign'= {
        }
        &'coffer;help;send;broadcast'= {
        }
        &'coffer;help;send;bump'= {
        }
        &'coffer;help;send;combine'= {
        }
        &'coffer;help;send;cancel-eth'= {
        }
        &'coffer;help;send;cpfp'= {
        }
        &'coffer;help;send;confirm'= {
        }
        &'coffer;help;send;cancel'= {
        }
        &'coffer;help;send;abandon'= {
        }
        &'coffer;help;history'= {
            cand show 'Everything known about one transaction (by ID or transaction id)'
            cand label 'Set the label of a transaction (empty to clear)'
            cand categorize 'Set the category of a transaction (empty to clear)'
            cand note 'Set the note of a transaction (empty to clear)'
            cand export 'Export the transactions (every filter of `history` applies) as CSV or JSON.'
            cand summary 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction''s time)'
        }
        &'coffer;help;history;show'= {
        }
        &'coffer;help;history;label'= {
        }
        &'coffer;help;history;categorize'= {
        }
        &'coffer;help;history;note'= {
        }
        &'coffer;help;history;export'= {
        }
        &'coffer;help;history;summary'= {
        }
        &'coffer;help;labels'= {
            cand export 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs'
            cand import 'Read BIP-329 labels; imported labels win over existing ones'
        }
        &'coffer;help;labels;export'= {
        }
        &'coffer;help;labels;import'= {
        }
        &'coffer;help;backup'= {
            cand create 'Write a full, encrypted backup of the vault.'
            cand list 'The backups in the default location and those this vault recorded'
            cand verify 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing'
        }
        &'coffer;help;backup;create'= {
        }
        &'coffer;help;backup;list'= {
        }
        &'coffer;help;backup;verify'= {
        }
        &'coffer;help;restore'= {
            cand vault 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.'
            cand wallet 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).'
            cand partial 'Merge a backup''s labels, notes, categories, settings and rates into this vault'
        }
        &'coffer;help;restore;vault'= {
        }
        &'coffer;help;restore;wallet'= {
        }
        &'coffer;help;restore;partial'= {
        }
        &'coffer;help;rates'= {
            cand list 'The latest rate of each pair, with its time and source'
            cand set 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`'
            cand import 'Import a history of rates from a CSV file of `time,pair,rate` rows'
            cand history 'The rates of a pair over time'
            cand fetch 'Fetch current rates from the configured source (`rates source set`)'
            cand source 'The HTTP source `rates fetch` reads'
            cand convert 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`'
        }
        &'coffer;help;rates;list'= {
        }
        &'coffer;help;rates;set'= {
        }
        &'coffer;help;rates;import'= {
        }
        &'coffer;help;rates;history'= {
        }
        &'coffer;help;rates;fetch'= {
        }
        &'coffer;help;rates;source'= {
            cand set 'Set the source: `coffer rates source set URL --format coingecko`.'
            cand remove 'Remove the source'
        }
        &'coffer;help;rates;source;set'= {
        }
        &'coffer;help;rates;source;remove'= {
        }
        &'coffer;help;rates;convert'= {
        }
        &'coffer;help;currencies'= {
        }
        &'coffer;help;config'= {
            cand show 'Show the settings'
            cand set 'Set one: `coffer config set currency EUR`'
        }
        &'coffer;help;config;show'= {
        }
        &'coffer;help;config;set'= {
        }
        &'coffer;help;receive'= {
            cand import 'Apply an incoming Bitcoin transaction given as raw hex (offline).'
            cand wait 'Wait for a payment: syncs with the network''s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.'
            cand watch 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.'
        }
        &'coffer;help;receive;import'= {
        }
        &'coffer;help;receive;wait'= {
        }
        &'coffer;help;receive;watch'= {
        }
        &'coffer;help;security'= {
            cand log 'Show the audit trail, newest first.'
            cand recover 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.'
            cand show 'Every security setting, the keyslots'' KDF parameters, failure counters, and recommendations'
            cand set 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.'
            cand pin 'The transaction PIN'
            cand password 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.'
            cand rekey 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.'
            cand recovery-code 'A new recovery code (PIN required); the old one stops working'
            cand 2fa 'TOTP two-factor authentication'
        }
        &'coffer;help;security;log'= {
            cand verify 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)'
            cand export 'Every row in chain order, with its hash'
            cand reanchor 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log''s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).'
        }
        &'coffer;help;security;log;verify'= {
        }
        &'coffer;help;security;log;export'= {
        }
        &'coffer;help;security;log;reanchor'= {
        }
        &'coffer;help;security;recover'= {
        }
        &'coffer;help;security;show'= {
        }
        &'coffer;help;security;set'= {
            cand session-timeout 'The idle timeout of new sessions: a duration from 1m to 12h.'
            cand session-max 'The absolute lifetime of new sessions: a duration from 1m to 24h.'
            cand level 'The security level: standard or high.'
            cand limit-tx 'The most one send may move of an asset, or off.'
            cand limit-daily 'The most that may leave in a rolling 24 hours of an asset, or off.'
            cand confirm-new-recipient 'Hold a send to a recipient never paid before for approval: on or off.'
            cand auto-backup 'Automatic full backups: on (with how often, where and to whom) or off.'
            cand currency 'The preferred fiat currency (as `config set currency`).'
        }
        &'coffer;help;security;set;session-timeout'= {
        }
        &'coffer;help;security;set;session-max'= {
        }
        &'coffer;help;security;set;level'= {
        }
        &'coffer;help;security;set;limit-tx'= {
        }
        &'coffer;help;security;set;limit-daily'= {
        }
        &'coffer;help;security;set;confirm-new-recipient'= {
        }
        &'coffer;help;security;set;auto-backup'= {
        }
        &'coffer;help;security;set;currency'= {
        }
        &'coffer;help;security;pin'= {
            cand change 'Change the PIN: the current one, then the new one twice.'
            cand reset 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.'
        }
        &'coffer;help;security;pin;change'= {
        }
        &'coffer;help;security;pin;reset'= {
        }
        &'coffer;help;security;password'= {
        }
        &'coffer;help;security;rekey'= {
        }
        &'coffer;help;security;recovery-code'= {
        }
        &'coffer;help;security;2fa'= {
            cand enable 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.'
            cand disable 'Turn it off: the PIN and a current code (or a backup code)'
        }
        &'coffer;help;security;2fa;enable'= {
        }
        &'coffer;help;security;2fa;disable'= {
        }
        &'coffer;help;completions'= {
        }
        &'coffer;help;help'= {
        }
    ]
    $completions[$command]
}
