# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_coffer_global_optspecs
    string join \n home= user= json no-input h/help V/version
end

function __fish_coffer_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_coffer_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_coffer_using_subcommand
    set -l cmd (__fish_coffer_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c coffer -n "__fish_coffer_needs_command" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_needs_command" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_needs_command" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_needs_command" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_needs_command" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "register" -d 'Create a local user with an encrypted vault, and log in.'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "login" -d 'Unlock the vault for a while.'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "logout" -d 'Lock the vault: end the session'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "whoami" -d 'Show who is unlocked, and until when'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "users" -d 'List the local users of this home (no unlock needed)'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "status" -d 'One screen: the session, balances and fiat total, pending and held transactions, backends (reachable now, last sync), automatic backups and security recommendations. A locked vault exits 3.'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "wallet" -d 'HD wallets: create, import, list, show, balance, fees, backends, sync, tokens, export, reveal'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "addr" -d 'Addresses: new, list, label, show, validate'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "sign-message" -d 'Sign a message with the key of one of your addresses: BIP-322 (Bitcoin segwit and taproot), the legacy format (P2PKH), EIP-191 or EIP-712 (Ethereum). Needs the PIN.'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "verify-message" -d 'Verify a signed message (no vault needed): exit 0 when valid, 5 when not.'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "utxo" -d 'Coin control (Bitcoin): list the unspent coins, freeze or unfreeze coins and addresses'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "send" -d 'Pay in bitcoin, ether or tokens; sign, broadcast or fee-bump a transaction.'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "history" -d 'The transactions: filters, pages, one in full, labels, categories, notes.'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "labels" -d 'BIP-329 labels: export and import (Sparrow and other wallets read them).'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "backup" -d 'Encrypted backups: create, list, verify'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "restore" -d 'Restore a vault from a backup (as a new user), a wallet from its words, or merge a partial backup'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "rates" -d 'Exchange rates: list, set, import, history, convert.'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "currencies" -d 'Supported assets, whether the vault holds them, and their current rate'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "config" -d 'Settings: the preferred fiat currency'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "receive" -d 'Show an address to be paid at (payment URI, QR code), or import an incoming transaction'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "security" -d 'Security: the audit trail, settings and limits, the PIN, two-factor codes, the password, the vault key, the recovery code, and password recovery'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c coffer -n "__fish_coffer_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand register" -l username -d 'User name: 1-32 characters of a-z, 0-9, \'_\' and \'-\'' -r
complete -c coffer -n "__fish_coffer_using_subcommand register" -l email -d 'E-mail address (kept inside the encrypted vault only)' -r
complete -c coffer -n "__fish_coffer_using_subcommand register" -l password-file -d 'Read the password from FILE (its first line)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand register" -l pin-file -d 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand register" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand register" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand register" -l password-stdin -d 'Read the password from standard input (its first line)'
complete -c coffer -n "__fish_coffer_using_subcommand register" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand register" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand register" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand register" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand login" -l timeout -d 'Idle timeout of this session, e.g. 30s, 15m, 1h (at most 12h)' -r
complete -c coffer -n "__fish_coffer_using_subcommand login" -l session -d 'Keep the unlocked key in the session file, or wrapped under $COFFER_SESSION' -r -f -a "file\t'The session file holds the key (mode 0600, on tmpfs when available)'
env\t'The key is wrapped under a token printed for `COFFER_SESSION`'"
complete -c coffer -n "__fish_coffer_using_subcommand login" -l password-file -d 'Read the password from FILE (its first line)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand login" -l totp-code -d 'The two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)' -r
complete -c coffer -n "__fish_coffer_using_subcommand login" -l backup-code -d 'One of the 2FA backup codes instead of a code (it is then used up)' -r
complete -c coffer -n "__fish_coffer_using_subcommand login" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand login" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand login" -l password-stdin -d 'Read the password from standard input (its first line)'
complete -c coffer -n "__fish_coffer_using_subcommand login" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand login" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand login" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand logout" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand logout" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand logout" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand logout" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand logout" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand logout" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand whoami" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand whoami" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand whoami" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand whoami" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand users" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand users" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand users" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand users" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand users" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand users" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand status" -l timeout -d 'Seconds to wait for the backends (all asked at once); one that has not answered by then is reported as not reachable' -r
complete -c coffer -n "__fish_coffer_using_subcommand status" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand status" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand status" -l offline -d 'Do not contact the backends (their reachability is then unknown: null)'
complete -c coffer -n "__fish_coffer_using_subcommand status" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand status" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand status" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "create" -d 'Create a wallet from a new BIP-39 mnemonic.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "list" -d 'List the wallets'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "show" -d 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "reveal" -d 'Show a wallet\'s mnemonic, after the transaction PIN (audited).'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "import" -d 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "export" -d 'Export what an online watch-only copy needs: public keys and descriptors only.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "create-multisig" -d 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "rename" -d 'Rename a wallet'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "archive" -d 'Archive a wallet: hidden from lists, kept in the vault'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "balance" -d 'Confirmed, pending and total balance per wallet and currency'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "fees" -d 'Fee rates of the levels slow, normal and fast (sat/vB), per network.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "backend" -d 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "sync" -d 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "token" -d 'ERC-20 tokens: add, list, remove'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and not __fish_seen_subcommand_from create list show reveal import export create-multisig rename archive balance fees backend sync token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l chains -d 'Chains to create accounts on' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l passphrase-file -d 'Read the BIP-39 passphrase from FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l network -d 'Bitcoin network' -r -f -a "bitcoin\t'Bitcoin mainnet'
testnet\t'Testnet3'
testnet4\t'Testnet4'
signet\t'Signet'
regtest\t'Regtest'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l script-type -d 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)' -r -f -a "legacy\t'BIP-44 P2PKH (imports only)'
nested-segwit\t'BIP-49 P2SH-P2WPKH (imports only)'
segwit\t'BIP-84 native segwit P2WPKH (the default)'
taproot\t'BIP-86 taproot key path P2TR'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l account -d 'Account number (the last hardened level of the path)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l words -d 'Mnemonic length' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l passphrase -d 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l allow-duplicate -d 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l reveal -d 'Include the mnemonic in the output (for scripts; it is shown once)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from list" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from list" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from show" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from show" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from reveal" -l pin-file -d 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from reveal" -l totp-code -d 'At level high with 2FA on, a two-factor code as well (else $COFFER_TOTP, else a prompt)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from reveal" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from reveal" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from reveal" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from reveal" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from reveal" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from reveal" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l chains -d 'Chains to create accounts on' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l passphrase-file -d 'Read the BIP-39 passphrase from FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l network -d 'Bitcoin network' -r -f -a "bitcoin\t'Bitcoin mainnet'
testnet\t'Testnet3'
testnet4\t'Testnet4'
signet\t'Signet'
regtest\t'Regtest'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l script-type -d 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)' -r -f -a "legacy\t'BIP-44 P2PKH (imports only)'
nested-segwit\t'BIP-49 P2SH-P2WPKH (imports only)'
segwit\t'BIP-84 native segwit P2WPKH (the default)'
taproot\t'BIP-86 taproot key path P2TR'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l account -d 'Account number (the last hardened level of the path)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l mnemonic-file -d 'Read the BIP-39 mnemonic from FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l descriptor -d 'Watch-only: a public descriptor (`wpkh([fp/84\'/0\'/0\']xpub…/0/*)#…`); give it twice for the receive and change branches' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l xpub -d 'Watch-only: an account extended public key (xpub, ypub, zpub, tpub, upub, vpub)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l eth-address -d 'Watch-only: one Ethereum address (EIP-55 checked)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l watch-only-file -d 'Watch-only: a file written by `wallet export --watch-only`' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l passphrase -d 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l allow-duplicate -d 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l mnemonic-stdin -d 'Read the BIP-39 mnemonic from standard input'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l network -d 'With --cosigner-key: the network (default: the wallet\'s)' -r -f -a "bitcoin\t'Bitcoin mainnet'
testnet\t'Testnet3'
testnet4\t'Testnet4'
signet\t'Signet'
regtest\t'Regtest'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l script-type -d 'With --cosigner-key: the multisig script (BIP-48 type 2\' wsh, 1\' sh-wsh, 3\' tr)' -r -f -a "wsh\t'Native segwit: `wsh(sortedmulti(…))` (BIP-48 script type 2\')'
sh-wsh\t'Nested segwit: `sh(wsh(sortedmulti(…)))` (BIP-48 script type 1\')'
tr\t'Taproot: `tr(NUMS, multi_a(…))`, a script path under an unspendable internal key (no BIP-48 type: 3\' as Sparrow and others use)'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l account -d 'With --cosigner-key: the BIP-48 account' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l out -d 'Write the export to FILE instead of printing it' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l watch-only -d 'Export only public data (secrets are never exported)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l cosigner-key -d 'Print this vault\'s multisig cosigner key for the wallet\'s seed: `[fingerprint/48\'/coin\'/account\'/type\']xpub…`'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l threshold -d 'Signatures needed (M of N)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l cosigner -d 'A cosigner\'s key with origin: `[fingerprint/48\'/0\'/0\'/2\']xpub…` (repeat)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l with-local -d 'Add this vault\'s key, derived from WALLET\'s seed at m/48\'/coin\'/account\'/type\'' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l network -d 'The network' -r -f -a "bitcoin\t'Bitcoin mainnet'
testnet\t'Testnet3'
testnet4\t'Testnet4'
signet\t'Signet'
regtest\t'Regtest'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l script-type -d 'The script' -r -f -a "wsh\t'Native segwit: `wsh(sortedmulti(…))` (BIP-48 script type 2\')'
sh-wsh\t'Nested segwit: `sh(wsh(sortedmulti(…)))` (BIP-48 script type 1\')'
tr\t'Taproot: `tr(NUMS, multi_a(…))`, a script path under an unspendable internal key (no BIP-48 type: 3\' as Sparrow and others use)'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l account -d 'The BIP-48 account of the local key' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l allow-duplicate -d 'Add the wallet even when a wallet of this vault has the same descriptors (the same keys and threshold): their addresses then belong to both, and commands given an address need --wallet'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from create-multisig" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from rename" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from rename" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from rename" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from rename" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from archive" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from archive" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from archive" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from archive" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from archive" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from archive" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from balance" -l wallet -d 'Only this wallet (default: every wallet)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from balance" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from balance" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from balance" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from balance" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from balance" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from balance" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -l network -d 'The network (default: bitcoin)' -r -f -a "bitcoin\t'Bitcoin mainnet'
testnet\t'Testnet3'
testnet4\t'Testnet4'
signet\t'Signet'
regtest\t'Regtest'"
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -f -a "set" -d 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -f -a "targets" -d 'Set the confirmation targets (blocks) the node\'s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from fees" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -f -a "set" -d 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network\'s).'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -f -a "list" -d 'List the configured endpoints'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -f -a "remove" -d 'Remove an endpoint'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -f -a "test" -d 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from backend" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l wallet -d 'Only this wallet (default: every wallet)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l btc-from-height -d 'Bitcoin: read blocks from this height on (below the last sync: read them again; default: where the last sync stopped, the first from the wallet\'s birth)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l eth-from-block -d 'Ethereum: read transfers from this block on (default: where the last sync stopped; the first sync starts at the wallet\'s creation, so a restored or imported wallet with older history needs this once)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l from-height -d 'Either of the two when only one chain family is synced (a Bitcoin node or an EVM backend, not both); else a usage error' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l gap-limit -d 'Unused addresses to watch past the last one handed out (Bitcoin: on each branch, default 20 or the last one given, and a wider one than before reads the blocks again from where the first sync began; Ethereum: default 20, past the last revealed or used address, each sync)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -f -a "add" -d 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -f -a "list" -d 'List the tokens'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -f -a "remove" -d 'Remove a token'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from token" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a wallet from a new BIP-39 mnemonic.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the wallets'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "reveal" -d 'Show a wallet\'s mnemonic, after the transaction PIN (audited).'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export what an online watch-only copy needs: public keys and descriptors only.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "create-multisig" -d 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a wallet'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "archive" -d 'Archive a wallet: hidden from lists, kept in the vault'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "balance" -d 'Confirmed, pending and total balance per wallet and currency'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "fees" -d 'Fee rates of the levels slow, normal and fast (sat/vB), per network.'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "backend" -d 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "token" -d 'ERC-20 tokens: add, list, remove'
complete -c coffer -n "__fish_coffer_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -f -a "new" -d 'Derive the next address(es) of a wallet.'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -f -a "list" -d 'List a wallet\'s derived addresses'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -f -a "label" -d 'Set the label of an address'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -f -a "show" -d 'Show an address (with a terminal QR code on request)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -f -a "validate" -d 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and not __fish_seen_subcommand_from new list label show validate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l wallet -d 'The wallet (default: the only one)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l chain -d 'The chain (default: btc when the wallet has it, else eth)' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l label -d 'Label for the new address(es)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l purpose -d 'What the address is for (free text)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l count -d 'How many addresses (1-100000)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l change -d 'A change address (Bitcoin internal branch)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l wallet -d 'Only this wallet (default: every wallet)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l chain -d 'Only this chain' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l label -d 'Only addresses whose label contains TEXT (case-insensitive)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l limit -d 'At most N addresses (1-1000; default: all), then `next_cursor` for the rest' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l cursor -d 'Continue after the last address of a previous page (its `next_cursor`)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l used -d 'Only addresses that have transactions'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l unused -d 'Only addresses without transactions'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from label" -l wallet -d 'The wallet holding it (needed when two wallets hold the same keys)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from label" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from label" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from label" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from label" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from label" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from label" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -l wallet -d 'The wallet holding it (needed when two wallets hold the same keys)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -l qr -d 'Print a terminal QR code of the address'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -l uri -d 'With --qr: encode the payment URI (bitcoin:… / ethereum:…) instead'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from validate" -l chain -d 'The chain (default: eth for 0x…, else btc)' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from validate" -l network -d 'Require a Bitcoin network' -r -f -a "bitcoin\t'Bitcoin mainnet'
testnet\t'Testnet3'
testnet4\t'Testnet4'
signet\t'Signet'
regtest\t'Regtest'"
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from validate" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from validate" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from validate" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from validate" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from help" -f -a "new" -d 'Derive the next address(es) of a wallet.'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from help" -f -a "list" -d 'List a wallet\'s derived addresses'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from help" -f -a "label" -d 'Set the label of an address'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an address (with a terminal QR code on request)'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.'
complete -c coffer -n "__fish_coffer_using_subcommand addr; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -l address -d 'The address (Bitcoin, or Ethereum 0x…)' -r
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -l message-file -d 'Read the message from FILE (exact bytes; `-`: standard input)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -l typed-data -d 'Ethereum: EIP-712 typed data (the JSON of eth_signTypedData_v4) from FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -l pin-file -d 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -s y -l yes -d 'Do not ask for confirmation (the review is still printed on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand sign-message" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -l address -d 'The address (Bitcoin, or Ethereum 0x…)' -r
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -l message-file -d 'Read the message from FILE (exact bytes; `-`: standard input)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -l typed-data -d 'Ethereum: EIP-712 typed data (the JSON of eth_signTypedData_v4) from FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -l signature -d 'The signature (base64 for Bitcoin, 0x… hex for Ethereum)' -r
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand verify-message" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -f -a "list" -d 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -f -a "freeze" -d 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -f -a "unfreeze" -d 'Unfreeze coins or addresses'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and not __fish_seen_subcommand_from list freeze unfreeze help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from list" -l wallet -d 'The wallet (default: the only one)' -r
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from list" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from list" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from list" -l frozen -d 'Only frozen coins'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from freeze" -l wallet -d 'The wallet (default: the only one)' -r
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from freeze" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from freeze" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from freeze" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from freeze" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from freeze" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from freeze" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from unfreeze" -l wallet -d 'The wallet (default: the only one)' -r
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from unfreeze" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from unfreeze" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from unfreeze" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from unfreeze" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from unfreeze" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from unfreeze" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from help" -f -a "list" -d 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from help" -f -a "freeze" -d 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from help" -f -a "unfreeze" -d 'Unfreeze coins or addresses'
complete -c coffer -n "__fish_coffer_using_subcommand utxo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l wallet -d 'The wallet (default: the only one)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l chain -d 'The chain: btc (default) or eth' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l to -d 'A recipient: an address or a payment URI (BIP-21 bitcoin:…, EIP-681 ethereum:…); repeat addresses with --amount for a batch' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l amount -d 'The amount for the --to at the same position (BTC, or `1500sat`)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l fee -d 'slow, normal, fast (see `wallet fees`) or a rate in sat/vB' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l note -d 'A note kept with the transaction in history' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l from -d 'Bitcoin coin control: spend exactly these coins (TXID:VOUT, repeat; frozen ones too), and no others. Ethereum: the one address to pay from (0x…; default: the first that can pay)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l exclude -d 'Bitcoin coin control: never spend these coins (TXID:VOUT, repeat)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l unsigned-out -d 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l raw-out -d 'Also write the signed raw transaction (hex) to FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l pin-file -d 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l chain-id -d 'EIP-155 chain id (Ethereum; default: the only EVM backend\'s)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l token -d 'An ERC-20 token by symbol or contract address (see `wallet token`)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l max-fee -d 'Max fee per gas in gwei (with --priority-fee; else from the backend)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l priority-fee -d 'Max priority fee per gas in gwei' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l gas-limit -d 'Gas limit (else estimated by the backend)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l nonce -d 'Nonce (else the backend\'s pending count)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l max -d 'Send everything to the one --to, with no change (Ethereum: one address\'s ether minus gas limit x max fee, or its whole --token balance)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l no-rbf -d 'Do not signal replace-by-fee (BIP-125)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l no-broadcast -d 'Do not broadcast through the network\'s Bitcoin node, even when one is set'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -s y -l yes -d 'Do not ask for confirmation (the review is still printed on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "sign" -d 'Sign a PSBT with this vault\'s keys (the offline signer).'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "broadcast" -d 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "bump" -d 'Replace a pending transaction of ours by one paying a higher fee (RBF)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "combine" -d 'Merge PSBTs of the same transaction signed by different cosigners (multisig).'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "cancel-eth" -d 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "cpfp" -d 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "confirm" -d 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "cancel" -d 'Drop a held send: nothing is signed'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "abandon" -d 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core\'s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network\'s node holds in its mempool (it may still confirm: `send bump` replaces it).'
complete -c coffer -n "__fish_coffer_using_subcommand send; and not __fish_seen_subcommand_from sign broadcast bump combine cancel-eth cpfp confirm cancel abandon help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -l out -d 'Where to write the signed PSBT' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -l wallet -d 'The wallet (default: the one whose keys the PSBT names)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -l pin-file -d 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -s y -l yes -d 'Do not ask for confirmation (the review is still printed on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from broadcast" -l wallet -d 'The wallet to record it in (default: every wallet it concerns)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from broadcast" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from broadcast" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from broadcast" -l no-broadcast -d 'Do not send it through the network\'s Bitcoin node, even when one is set'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from broadcast" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from broadcast" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from broadcast" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from broadcast" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l fee -d 'The new fee: slow/normal/fast, or (Bitcoin) a rate in sat/vB' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l wallet -d 'Bitcoin: the wallet that paid it (default: the only one holding it; a payment between two of your wallets is in both)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l max-fee -d 'Ethereum: max fee per gas in gwei (with --priority-fee; at least 10 % more)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l priority-fee -d 'Ethereum: max priority fee per gas in gwei' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l unsigned-out -d 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l raw-out -d 'Also write the signed raw transaction (hex) to FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l pin-file -d 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l no-broadcast -d 'Do not broadcast through the network\'s Bitcoin node, even when one is set'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -s y -l yes -d 'Do not ask for confirmation (the review is still printed on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from bump" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from combine" -l out -d 'Where to write the merged PSBT' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from combine" -l wallet -d 'The wallet it spends from (default: the one whose coins the inputs are)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from combine" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from combine" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from combine" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from combine" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from combine" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from combine" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l fee -d 'slow, normal or fast (from the backend; default fast)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l max-fee -d 'Ethereum: max fee per gas in gwei (with --priority-fee; at least 10 % more)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l priority-fee -d 'Ethereum: max priority fee per gas in gwei' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l unsigned-out -d 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l raw-out -d 'Also write the signed raw transaction (hex) to FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l pin-file -d 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l no-broadcast -d 'Do not broadcast through the network\'s Bitcoin node, even when one is set'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -s y -l yes -d 'Do not ask for confirmation (the review is still printed on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel-eth" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l wallet -d 'The wallet whose output the child spends (default: the only wallet holding the transaction)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l fee -d 'The rate the parent and child together must pay: sat/vB, or slow/normal/fast' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l unsigned-out -d 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l raw-out -d 'Also write the signed raw transaction (hex) to FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l pin-file -d 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l no-broadcast -d 'Do not broadcast through the network\'s Bitcoin node, even when one is set'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -s y -l yes -d 'Do not ask for confirmation (the review is still printed on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cpfp" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l pin-file -d 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l totp-code -d 'A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l raw-out -d 'Also write the signed raw transaction (hex) to FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l override-limit -d 'Pass the rolling daily limit (PIN and, when on, a 2FA code; audited, severity high)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l yes -d 'Do not ask "Sign this transaction?" (the review is still printed on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from confirm" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from abandon" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from abandon" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from abandon" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from abandon" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from abandon" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from abandon" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign a PSBT with this vault\'s keys (the offline signer).'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "broadcast" -d 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "bump" -d 'Replace a pending transaction of ours by one paying a higher fee (RBF)'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "combine" -d 'Merge PSBTs of the same transaction signed by different cosigners (multisig).'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "cancel-eth" -d 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "cpfp" -d 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "confirm" -d 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Drop a held send: nothing is signed'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "abandon" -d 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core\'s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network\'s node holds in its mempool (it may still confirm: `send bump` replaces it).'
complete -c coffer -n "__fish_coffer_using_subcommand send; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l wallet -d 'Only this wallet' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l currency -d 'Only this currency: BTC, ETH or a token symbol' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l type -d 'Only sends, receives, or transfers to ourselves' -r -f -a "send\t'Paid out'
receive\t'Paid in'
self\t'A transfer between our own addresses'"
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l status -d 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval' -r -f -a "pending\t'Not confirmed yet'
confirmed\t'In a block'
failed\t'Conflicting with a confirmed one, or reverted (EVM)'
replaced\t'Replaced by a fee bump or cancel'
abandoned\t'Given up with `send abandon`'
awaiting_approval\t'Held by the spending policy (`send confirm`)'"
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l since -d 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l until -d 'Until this time (exclusive)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l min -d 'Only amounts (absolute, in the row\'s currency) of at least this much' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l max -d 'Only amounts of at most this much' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l label -d 'Only labels containing TEXT (case-insensitive)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l category -d 'Only this category' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l limit -d 'At most N rows (1-1000)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l cursor -d 'Continue after the last row of a previous page (its `next_cursor`)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l reverse -d 'Oldest first'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -f -a "show" -d 'Everything known about one transaction (by ID or transaction id)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -f -a "label" -d 'Set the label of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -f -a "categorize" -d 'Set the category of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -f -a "note" -d 'Set the note of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -f -a "export" -d 'Export the transactions (every filter of `history` applies) as CSV or JSON.'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -f -a "summary" -d 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction\'s time)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and not __fish_seen_subcommand_from show label categorize note export summary help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from show" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from show" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from label" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from label" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from label" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from label" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from label" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from label" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from categorize" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from categorize" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from categorize" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from categorize" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from categorize" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from categorize" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from note" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from note" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from note" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from note" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from note" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from note" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l format -d 'csv or json' -r -f -a "csv\t'Comma-separated values, a header row first'
json\t'One JSON document'"
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l out -d 'Write to FILE (default: standard output)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l fiat -d 'Add each amount\'s value in this fiat currency at the transaction\'s time, with the rate used and its source' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l wallet -d 'Only this wallet' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l currency -d 'Only this currency: BTC, ETH or a token symbol' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l type -d 'Only sends, receives, or transfers to ourselves' -r -f -a "send\t'Paid out'
receive\t'Paid in'
self\t'A transfer between our own addresses'"
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l status -d 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval' -r -f -a "pending\t'Not confirmed yet'
confirmed\t'In a block'
failed\t'Conflicting with a confirmed one, or reverted (EVM)'
replaced\t'Replaced by a fee bump or cancel'
abandoned\t'Given up with `send abandon`'
awaiting_approval\t'Held by the spending policy (`send confirm`)'"
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l since -d 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l until -d 'Until this time (exclusive)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l min -d 'Only amounts (absolute, in the row\'s currency) of at least this much' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l max -d 'Only amounts of at most this much' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l label -d 'Only labels containing TEXT (case-insensitive)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l category -d 'Only this category' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l plain -d 'No spreadsheet-injection guard on CSV cells'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l reverse -d 'Oldest first'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l by -d 'month, category or currency' -r -f -a "month\t'By calendar month (UTC)'
category\t'By category (`uncategorized` without one)'
currency\t'By currency'"
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l wallet -d 'Only this wallet' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l currency -d 'Only this currency: BTC, ETH or a token symbol' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l type -d 'Only sends, receives, or transfers to ourselves' -r -f -a "send\t'Paid out'
receive\t'Paid in'
self\t'A transfer between our own addresses'"
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l status -d 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval' -r -f -a "pending\t'Not confirmed yet'
confirmed\t'In a block'
failed\t'Conflicting with a confirmed one, or reverted (EVM)'
replaced\t'Replaced by a fee bump or cancel'
abandoned\t'Given up with `send abandon`'
awaiting_approval\t'Held by the spending policy (`send confirm`)'"
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l since -d 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l until -d 'Until this time (exclusive)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l min -d 'Only amounts (absolute, in the row\'s currency) of at least this much' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l max -d 'Only amounts of at most this much' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l label -d 'Only labels containing TEXT (case-insensitive)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l category -d 'Only this category' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from summary" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "show" -d 'Everything known about one transaction (by ID or transaction id)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "label" -d 'Set the label of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "categorize" -d 'Set the category of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "note" -d 'Set the note of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export the transactions (every filter of `history` applies) as CSV or JSON.'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "summary" -d 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction\'s time)'
complete -c coffer -n "__fish_coffer_using_subcommand history; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -f -a "export" -d 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -f -a "import" -d 'Read BIP-329 labels; imported labels win over existing ones'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and not __fish_seen_subcommand_from export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from export" -l wallet -d 'Only this wallet' -r
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from export" -l out -d 'Write to FILE (default: standard output)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from export" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from export" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from import" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from import" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from import" -l partial -d 'Import the good lines even when some are bad'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from help" -f -a "import" -d 'Read BIP-329 labels; imported labels win over existing ones'
complete -c coffer -n "__fish_coffer_using_subcommand labels; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -f -a "create" -d 'Write a full, encrypted backup of the vault.'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -f -a "list" -d 'The backups in the default location and those this vault recorded'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -f -a "verify" -d 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and not __fish_seen_subcommand_from create list verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l out -d 'Where to write it (default: users/NAME/backups/ with a UTC timestamp)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l passphrase-file -d 'Read the backup passphrase from FILE (else it is asked twice on a terminal)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l recipient -d 'Encrypt to this age recipient instead (repeatable)' -r
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l note -d 'A note kept in the header' -r
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l partial -d 'Only these parts, and never any key material: addresses, transactions, labels, settings (comma-separated)' -r -f -a "addresses\t'The wallets\' addresses (public only)'
transactions\t'The transactions'
labels\t'The labels of addresses and transactions'
settings\t'Settings, rates, backends and tokens'"
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from list" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from list" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Its passphrase, from FILE (else asked on a terminal)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from verify" -l identity -d 'An age identity file (AGE-SECRET-KEY-1… lines) for a backup made to recipients' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from verify" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from verify" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "create" -d 'Write a full, encrypted backup of the vault.'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "list" -d 'The backups in the default location and those this vault recorded'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing'
complete -c coffer -n "__fish_coffer_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -f -a "vault" -d 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -f -a "wallet" -d 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -f -a "partial" -d 'Merge a backup\'s labels, notes, categories, settings and rates into this vault'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and not __fish_seen_subcommand_from vault wallet partial help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l as -d 'The user to create (default: the backup\'s user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l passphrase-file -d 'The backup passphrase, from FILE (else asked on a terminal)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l identity -d 'An age identity file, for a backup made to recipients' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l password-file -d 'Read the password from FILE (its first line)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l pin-file -d 'Read the new transaction PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l dry-run -d 'Show what would be restored; write nothing'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l force -d 'Replace an existing user of that name: their vault is kept as `vault.age.before-restore` (with its profile) until their next successful login'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l password-stdin -d 'Read the password from standard input (its first line)'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from vault" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l chains -d 'Chains to create accounts on' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l passphrase-file -d 'Read the BIP-39 passphrase from FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l network -d 'Bitcoin network' -r -f -a "bitcoin\t'Bitcoin mainnet'
testnet\t'Testnet3'
testnet4\t'Testnet4'
signet\t'Signet'
regtest\t'Regtest'"
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l script-type -d 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)' -r -f -a "legacy\t'BIP-44 P2PKH (imports only)'
nested-segwit\t'BIP-49 P2SH-P2WPKH (imports only)'
segwit\t'BIP-84 native segwit P2WPKH (the default)'
taproot\t'BIP-86 taproot key path P2TR'"
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l account -d 'Account number (the last hardened level of the path)' -r
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l mnemonic-file -d 'Read the BIP-39 mnemonic from FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l gap-limit -d 'Receive (and change) addresses to derive per account (1-1000)' -r
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l passphrase -d 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l allow-duplicate -d 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l mnemonic-stdin -d 'Read the BIP-39 mnemonic from standard input'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l dry-run -d 'Show the first addresses; write nothing'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from wallet" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from partial" -l passphrase-file -d 'The backup passphrase, from FILE' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from partial" -l identity -d 'An age identity file' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from partial" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from partial" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from partial" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from partial" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from partial" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from partial" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from help" -f -a "vault" -d 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from help" -f -a "wallet" -d 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from help" -f -a "partial" -d 'Merge a backup\'s labels, notes, categories, settings and rates into this vault'
complete -c coffer -n "__fish_coffer_using_subcommand restore; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -f -a "list" -d 'The latest rate of each pair, with its time and source'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -f -a "set" -d 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -f -a "import" -d 'Import a history of rates from a CSV file of `time,pair,rate` rows'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -f -a "history" -d 'The rates of a pair over time'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -f -a "fetch" -d 'Fetch current rates from the configured source (`rates source set`)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -f -a "source" -d 'The HTTP source `rates fetch` reads'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -f -a "convert" -d 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and not __fish_seen_subcommand_from list set import history fetch source convert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from list" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from list" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from set" -l at -d 'When it held (default: now): a date, RFC 3339, or 7d / 3m ago' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from set" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from set" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from import" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from import" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from history" -l since -d 'From this time' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from history" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from history" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from history" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from history" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from fetch" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from fetch" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from fetch" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from fetch" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from fetch" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -f -a "set" -d 'Set the source: `coffer rates source set URL --format coingecko`.'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -f -a "remove" -d 'Remove the source'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from source" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from convert" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from convert" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from convert" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from convert" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from help" -f -a "list" -d 'The latest rate of each pair, with its time and source'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from help" -f -a "set" -d 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a history of rates from a CSV file of `time,pair,rate` rows'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from help" -f -a "history" -d 'The rates of a pair over time'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Fetch current rates from the configured source (`rates source set`)'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from help" -f -a "source" -d 'The HTTP source `rates fetch` reads'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`'
complete -c coffer -n "__fish_coffer_using_subcommand rates; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand currencies" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand currencies" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand currencies" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand currencies" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand currencies" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand currencies" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -f -a "show" -d 'Show the settings'
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -f -a "set" -d 'Set one: `coffer config set currency EUR`'
complete -c coffer -n "__fish_coffer_using_subcommand config; and not __fish_seen_subcommand_from show set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from show" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from show" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from set" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from set" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the settings'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one: `coffer config set currency EUR`'
complete -c coffer -n "__fish_coffer_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l wallet -d 'The wallet (default: the only one)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l chain -d 'The chain (default: btc when the wallet has it, else eth)' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l amount -d 'Amount requested, in BTC or ETH (exact decimal; `1500sat` for satoshis)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l label -d 'Label: stored on the address and put in the URI' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l message -d 'Message for the payer (in the URI)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l chain-id -d 'EVM chain id for the EIP-681 URI (default: the only EVM backend\'s, when exactly one is set; else none)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l qr -d 'Print a QR code of the URI (default on a terminal)'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l no-qr -d 'No QR code'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -f -a "import" -d 'Apply an incoming Bitcoin transaction given as raw hex (offline).'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -f -a "wait" -d 'Wait for a payment: syncs with the network\'s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -f -a "watch" -d 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and not __fish_seen_subcommand_from import wait watch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l tx -d 'The raw transaction in hex, or `-` to read it from standard input' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l txid -d 'Or fetch it, with its block, from the network\'s Bitcoin node (`wallet backend set btc`; the node needs -txindex or the transaction in its own wallet)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l wallet -d 'The wallet (default: the only one)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l height -d 'Height of the block that confirmed it' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l block-time -d 'Time of that block: Unix seconds, a date or RFC 3339' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l block-hash -d 'Hash of that block, when known (else a placeholder a sync replaces)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l wallet -d 'The wallet (default: the only one)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l address -d 'Only a payment to this address of the wallet' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l amount -d 'At least this much (BTC, or ETH / the --token\'s unit with --chain eth)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l chain -d 'The chain (default: btc when the wallet has it, else eth)' -r -f -a "btc\t'Bitcoin'
eth\t'Ethereum and EVM chains'"
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l chain-id -d 'EVM chain id (default: the only EVM backend\'s)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l token -d 'Ethereum: a payment of this token (symbol from `wallet token add`) instead of ether' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l confirmations -d 'Confirmations needed (0: in the mempool is enough; Ethereum payments are seen once mined)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l exec -d 'Run this command through `sh -c` when the payment came (environment: COFFER_TXID, COFFER_AMOUNT, … see the README); its failure is reported on stderr only' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l timeout -d 'Give up after this long (exit 10), e.g. 30s, 10m, 2h' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l interval -d 'How often to ask the node' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l wallet -d 'Only this wallet (default: every wallet)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l confirmations -d 'Confirmations for the `confirmed` event' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l interval -d 'How often to sync' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l count -d 'Stop (exit 0) after this many events' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l timeout -d 'Stop (exit 0) after this long, e.g. 30s, 10m, 2h (default: until stopped)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l exec -d 'Run this command through `sh -c` for each event (environment: COFFER_EVENT, COFFER_TXID, … see the README)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from watch" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from help" -f -a "import" -d 'Apply an incoming Bitcoin transaction given as raw hex (offline).'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for a payment: syncs with the network\'s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.'
complete -c coffer -n "__fish_coffer_using_subcommand receive; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "log" -d 'Show the audit trail, newest first.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "recover" -d 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "show" -d 'Every security setting, the keyslots\' KDF parameters, failure counters, and recommendations'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "set" -d 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "pin" -d 'The transaction PIN'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "password" -d 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "rekey" -d 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "recovery-code" -d 'A new recovery code (PIN required); the old one stops working'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "2fa" -d 'TOTP two-factor authentication'
complete -c coffer -n "__fish_coffer_using_subcommand security; and not __fish_seen_subcommand_from log recover show set pin password rekey recovery-code 2fa help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -l limit -d 'Show at most N events' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -l since -d 'Only events since DATE (2026-01-31, RFC 3339, or relative: 12h, 7d, 2w)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -l severity -d 'Only events of at least this severity: info, low, medium, high, critical' -r -f -a "info\t'Everything'
low\t'Low and above'
medium\t'Medium and above'
high\t'High and critical'
critical\t'Critical only'"
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -l event -d 'Only this event (e.g. login_failed, pin_failed)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -f -a "verify" -d 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -f -a "export" -d 'Every row in chain order, with its hash'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -f -a "reanchor" -d 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log\'s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from log" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -l username -d 'The user' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -l recovery-code-file -d 'Read the recovery code from FILE (else asked on a terminal)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -l password-file -d 'Read the password from FILE (its first line)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -l password-stdin -d 'Read the password from standard input (its first line)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recover" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from show" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from show" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "session-timeout" -d 'The idle timeout of new sessions: a duration from 1m to 12h.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "session-max" -d 'The absolute lifetime of new sessions: a duration from 1m to 24h.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "level" -d 'The security level: standard or high.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "limit-tx" -d 'The most one send may move of an asset, or off.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "limit-daily" -d 'The most that may leave in a rolling 24 hours of an asset, or off.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "confirm-new-recipient" -d 'Hold a send to a recipient never paid before for approval: on or off.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "auto-backup" -d 'Automatic full backups: on (with how often, where and to whom) or off.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "currency" -d 'The preferred fiat currency (as `config set currency`).'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from set" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -f -a "change" -d 'Change the PIN: the current one, then the new one twice.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -f -a "reset" -d 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from pin" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -l password-file -d 'Read the password from FILE (its first line)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -l new-password-file -d 'Read the new password from FILE (else a prompt, asked twice)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -l password-stdin -d 'Read the password from standard input (its first line)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from password" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l memory -d 'Argon2id memory, e.g. 256MiB, 1GiB, 512KiB (default: the profile\'s default)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l iterations -d 'Argon2id iterations' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l parallelism -d 'Argon2id lanes' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l password-file -d 'Read the password from FILE (its first line)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l password-stdin -d 'Read the password from standard input (its first line)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from rekey" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recovery-code" -l pin-file -d 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recovery-code" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recovery-code" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recovery-code" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recovery-code" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recovery-code" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from recovery-code" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -f -a "enable" -d 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -f -a "disable" -d 'Turn it off: the PIN and a current code (or a backup code)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from 2fa" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "log" -d 'Show the audit trail, newest first.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "recover" -d 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "show" -d 'Every security setting, the keyslots\' KDF parameters, failure counters, and recommendations'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "pin" -d 'The transaction PIN'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "password" -d 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "rekey" -d 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "recovery-code" -d 'A new recovery code (PIN required); the old one stops working'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "2fa" -d 'TOTP two-factor authentication'
complete -c coffer -n "__fish_coffer_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand completions" -l home -d 'The coffer home (default: $COFFER_HOME, else the platform data dir)' -r -F
complete -c coffer -n "__fish_coffer_using_subcommand completions" -l user -d 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)' -r
complete -c coffer -n "__fish_coffer_using_subcommand completions" -l json -d 'Print one JSON document on stdout (data or error)'
complete -c coffer -n "__fish_coffer_using_subcommand completions" -l no-input -d 'Never prompt; a missing secret or answer is an error'
complete -c coffer -n "__fish_coffer_using_subcommand completions" -s h -l help -d 'Print help'
complete -c coffer -n "__fish_coffer_using_subcommand completions" -s V -l version -d 'Print version'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "register" -d 'Create a local user with an encrypted vault, and log in.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "login" -d 'Unlock the vault for a while.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "logout" -d 'Lock the vault: end the session'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "whoami" -d 'Show who is unlocked, and until when'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "users" -d 'List the local users of this home (no unlock needed)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "status" -d 'One screen: the session, balances and fiat total, pending and held transactions, backends (reachable now, last sync), automatic backups and security recommendations. A locked vault exits 3.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "wallet" -d 'HD wallets: create, import, list, show, balance, fees, backends, sync, tokens, export, reveal'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "addr" -d 'Addresses: new, list, label, show, validate'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "sign-message" -d 'Sign a message with the key of one of your addresses: BIP-322 (Bitcoin segwit and taproot), the legacy format (P2PKH), EIP-191 or EIP-712 (Ethereum). Needs the PIN.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "verify-message" -d 'Verify a signed message (no vault needed): exit 0 when valid, 5 when not.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "utxo" -d 'Coin control (Bitcoin): list the unspent coins, freeze or unfreeze coins and addresses'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "send" -d 'Pay in bitcoin, ether or tokens; sign, broadcast or fee-bump a transaction.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "history" -d 'The transactions: filters, pages, one in full, labels, categories, notes.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "labels" -d 'BIP-329 labels: export and import (Sparrow and other wallets read them).'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "backup" -d 'Encrypted backups: create, list, verify'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "restore" -d 'Restore a vault from a backup (as a new user), a wallet from its words, or merge a partial backup'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "rates" -d 'Exchange rates: list, set, import, history, convert.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "currencies" -d 'Supported assets, whether the vault holds them, and their current rate'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "config" -d 'Settings: the preferred fiat currency'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "receive" -d 'Show an address to be paid at (payment URI, QR code), or import an incoming transaction'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "security" -d 'Security: the audit trail, settings and limits, the PIN, two-factor codes, the password, the vault key, the recovery code, and password recovery'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c coffer -n "__fish_coffer_using_subcommand help; and not __fish_seen_subcommand_from register login logout whoami users status wallet addr sign-message verify-message utxo send history labels backup restore rates currencies config receive security completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "create" -d 'Create a wallet from a new BIP-39 mnemonic.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "list" -d 'List the wallets'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "show" -d 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "reveal" -d 'Show a wallet\'s mnemonic, after the transaction PIN (audited).'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "import" -d 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "export" -d 'Export what an online watch-only copy needs: public keys and descriptors only.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "create-multisig" -d 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "rename" -d 'Rename a wallet'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "archive" -d 'Archive a wallet: hidden from lists, kept in the vault'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "balance" -d 'Confirmed, pending and total balance per wallet and currency'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "fees" -d 'Fee rates of the levels slow, normal and fast (sat/vB), per network.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "backend" -d 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "sync" -d 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "token" -d 'ERC-20 tokens: add, list, remove'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from addr" -f -a "new" -d 'Derive the next address(es) of a wallet.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from addr" -f -a "list" -d 'List a wallet\'s derived addresses'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from addr" -f -a "label" -d 'Set the label of an address'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from addr" -f -a "show" -d 'Show an address (with a terminal QR code on request)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from addr" -f -a "validate" -d 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from utxo" -f -a "list" -d 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from utxo" -f -a "freeze" -d 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from utxo" -f -a "unfreeze" -d 'Unfreeze coins or addresses'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "sign" -d 'Sign a PSBT with this vault\'s keys (the offline signer).'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "broadcast" -d 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "bump" -d 'Replace a pending transaction of ours by one paying a higher fee (RBF)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "combine" -d 'Merge PSBTs of the same transaction signed by different cosigners (multisig).'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "cancel-eth" -d 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "cpfp" -d 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "confirm" -d 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "cancel" -d 'Drop a held send: nothing is signed'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from send" -f -a "abandon" -d 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core\'s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network\'s node holds in its mempool (it may still confirm: `send bump` replaces it).'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "show" -d 'Everything known about one transaction (by ID or transaction id)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "label" -d 'Set the label of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "categorize" -d 'Set the category of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "note" -d 'Set the note of a transaction (empty to clear)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "export" -d 'Export the transactions (every filter of `history` applies) as CSV or JSON.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from history" -f -a "summary" -d 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction\'s time)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from labels" -f -a "export" -d 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from labels" -f -a "import" -d 'Read BIP-329 labels; imported labels win over existing ones'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from backup" -f -a "create" -d 'Write a full, encrypted backup of the vault.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from backup" -f -a "list" -d 'The backups in the default location and those this vault recorded'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from backup" -f -a "verify" -d 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from restore" -f -a "vault" -d 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from restore" -f -a "wallet" -d 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from restore" -f -a "partial" -d 'Merge a backup\'s labels, notes, categories, settings and rates into this vault'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from rates" -f -a "list" -d 'The latest rate of each pair, with its time and source'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from rates" -f -a "set" -d 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from rates" -f -a "import" -d 'Import a history of rates from a CSV file of `time,pair,rate` rows'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from rates" -f -a "history" -d 'The rates of a pair over time'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from rates" -f -a "fetch" -d 'Fetch current rates from the configured source (`rates source set`)'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from rates" -f -a "source" -d 'The HTTP source `rates fetch` reads'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from rates" -f -a "convert" -d 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show the settings'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set one: `coffer config set currency EUR`'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from receive" -f -a "import" -d 'Apply an incoming Bitcoin transaction given as raw hex (offline).'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from receive" -f -a "wait" -d 'Wait for a payment: syncs with the network\'s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from receive" -f -a "watch" -d 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "log" -d 'Show the audit trail, newest first.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "recover" -d 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "show" -d 'Every security setting, the keyslots\' KDF parameters, failure counters, and recommendations'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "set" -d 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "pin" -d 'The transaction PIN'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "password" -d 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "rekey" -d 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "recovery-code" -d 'A new recovery code (PIN required); the old one stops working'
complete -c coffer -n "__fish_coffer_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "2fa" -d 'TOTP two-factor authentication'
