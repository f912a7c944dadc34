
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'coffer' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'coffer'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'coffer' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Create a local user with an encrypted vault, and log in.')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Unlock the vault for a while.')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Lock the vault: end the session')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show who is unlocked, and until when')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List the local users of this home (no unlock needed)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'One screen: the session, balances and fiat total, pending and held transactions, backends (reachable now, last sync), automatic backups and security recommendations. A locked vault exits 3.')
            [CompletionResult]::new('wallet', 'wallet', [CompletionResultType]::ParameterValue, 'HD wallets: create, import, list, show, balance, fees, backends, sync, tokens, export, reveal')
            [CompletionResult]::new('addr', 'addr', [CompletionResultType]::ParameterValue, 'Addresses: new, list, label, show, validate')
            [CompletionResult]::new('sign-message', 'sign-message', [CompletionResultType]::ParameterValue, 'Sign a message with the key of one of your addresses: BIP-322 (Bitcoin segwit and taproot), the legacy format (P2PKH), EIP-191 or EIP-712 (Ethereum). Needs the PIN.')
            [CompletionResult]::new('verify-message', 'verify-message', [CompletionResultType]::ParameterValue, 'Verify a signed message (no vault needed): exit 0 when valid, 5 when not.')
            [CompletionResult]::new('utxo', 'utxo', [CompletionResultType]::ParameterValue, 'Coin control (Bitcoin): list the unspent coins, freeze or unfreeze coins and addresses')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Pay in bitcoin, ether or tokens; sign, broadcast or fee-bump a transaction.')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The transactions: filters, pages, one in full, labels, categories, notes.')
            [CompletionResult]::new('labels', 'labels', [CompletionResultType]::ParameterValue, 'BIP-329 labels: export and import (Sparrow and other wallets read them).')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Encrypted backups: create, list, verify')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a vault from a backup (as a new user), a wallet from its words, or merge a partial backup')
            [CompletionResult]::new('rates', 'rates', [CompletionResultType]::ParameterValue, 'Exchange rates: list, set, import, history, convert.')
            [CompletionResult]::new('currencies', 'currencies', [CompletionResultType]::ParameterValue, 'Supported assets, whether the vault holds them, and their current rate')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Settings: the preferred fiat currency')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Show an address to be paid at (payment URI, QR code), or import an incoming transaction')
            [CompletionResult]::new('security', 'security', [CompletionResultType]::ParameterValue, 'Security: the audit trail, settings and limits, the PIN, two-factor codes, the password, the vault key, the recovery code, and password recovery')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;register' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name: 1-32 characters of a-z, 0-9, ''_'' and ''-''')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'E-mail address (kept inside the encrypted vault only)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (its first line)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (its first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;login' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Idle timeout of this session, e.g. 30s, 15m, 1h (at most 12h)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Keep the unlocked key in the session file, or wrapped under $COFFER_SESSION')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (its first line)')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, 'The two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--backup-code', '--backup-code', [CompletionResultType]::ParameterName, 'One of the 2FA backup codes instead of a code (it is then used up)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (its first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;logout' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;whoami' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;users' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;status' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the backends (all asked at once); one that has not answered by then is reported as not reachable')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Do not contact the backends (their reachability is then unknown: null)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a wallet from a new BIP-39 mnemonic.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the wallets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses')
            [CompletionResult]::new('reveal', 'reveal', [CompletionResultType]::ParameterValue, 'Show a wallet''s mnemonic, after the transaction PIN (audited).')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export what an online watch-only copy needs: public keys and descriptors only.')
            [CompletionResult]::new('create-multisig', 'create-multisig', [CompletionResultType]::ParameterValue, 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a wallet')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a wallet: hidden from lists, kept in the vault')
            [CompletionResult]::new('balance', 'balance', [CompletionResultType]::ParameterValue, 'Confirmed, pending and total balance per wallet and currency')
            [CompletionResult]::new('fees', 'fees', [CompletionResultType]::ParameterValue, 'Fee rates of the levels slow, normal and fast (sat/vB), per network.')
            [CompletionResult]::new('backend', 'backend', [CompletionResultType]::ParameterValue, 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'ERC-20 tokens: add, list, remove')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;wallet;create' {
            [CompletionResult]::new('--chains', '--chains', [CompletionResultType]::ParameterName, 'Chains to create accounts on')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the BIP-39 passphrase from FILE')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Bitcoin network')
            [CompletionResult]::new('--script-type', '--script-type', [CompletionResultType]::ParameterName, 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account number (the last hardened level of the path)')
            [CompletionResult]::new('--words', '--words', [CompletionResultType]::ParameterName, 'Mnemonic length')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)')
            [CompletionResult]::new('--allow-duplicate', '--allow-duplicate', [CompletionResultType]::ParameterName, 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Include the mnemonic in the output (for scripts; it is shown once)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;reveal' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, 'At level high with 2FA on, a two-factor code as well (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;import' {
            [CompletionResult]::new('--chains', '--chains', [CompletionResultType]::ParameterName, 'Chains to create accounts on')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the BIP-39 passphrase from FILE')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Bitcoin network')
            [CompletionResult]::new('--script-type', '--script-type', [CompletionResultType]::ParameterName, 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account number (the last hardened level of the path)')
            [CompletionResult]::new('--mnemonic-file', '--mnemonic-file', [CompletionResultType]::ParameterName, 'Read the BIP-39 mnemonic from FILE')
            [CompletionResult]::new('--descriptor', '--descriptor', [CompletionResultType]::ParameterName, 'Watch-only: a public descriptor (`wpkh([fp/84''/0''/0'']xpub…/0/*)#…`); give it twice for the receive and change branches')
            [CompletionResult]::new('--xpub', '--xpub', [CompletionResultType]::ParameterName, 'Watch-only: an account extended public key (xpub, ypub, zpub, tpub, upub, vpub)')
            [CompletionResult]::new('--eth-address', '--eth-address', [CompletionResultType]::ParameterName, 'Watch-only: one Ethereum address (EIP-55 checked)')
            [CompletionResult]::new('--watch-only-file', '--watch-only-file', [CompletionResultType]::ParameterName, 'Watch-only: a file written by `wallet export --watch-only`')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)')
            [CompletionResult]::new('--allow-duplicate', '--allow-duplicate', [CompletionResultType]::ParameterName, 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet')
            [CompletionResult]::new('--mnemonic-stdin', '--mnemonic-stdin', [CompletionResultType]::ParameterName, 'Read the BIP-39 mnemonic from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;export' {
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'With --cosigner-key: the network (default: the wallet''s)')
            [CompletionResult]::new('--script-type', '--script-type', [CompletionResultType]::ParameterName, 'With --cosigner-key: the multisig script (BIP-48 type 2'' wsh, 1'' sh-wsh, 3'' tr)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'With --cosigner-key: the BIP-48 account')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the export to FILE instead of printing it')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--watch-only', '--watch-only', [CompletionResultType]::ParameterName, 'Export only public data (secrets are never exported)')
            [CompletionResult]::new('--cosigner-key', '--cosigner-key', [CompletionResultType]::ParameterName, 'Print this vault''s multisig cosigner key for the wallet''s seed: `[fingerprint/48''/coin''/account''/type'']xpub…`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;create-multisig' {
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Signatures needed (M of N)')
            [CompletionResult]::new('--cosigner', '--cosigner', [CompletionResultType]::ParameterName, 'A cosigner''s key with origin: `[fingerprint/48''/0''/0''/2'']xpub…` (repeat)')
            [CompletionResult]::new('--with-local', '--with-local', [CompletionResultType]::ParameterName, 'Add this vault''s key, derived from WALLET''s seed at m/48''/coin''/account''/type''')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network')
            [CompletionResult]::new('--script-type', '--script-type', [CompletionResultType]::ParameterName, 'The script')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The BIP-48 account of the local key')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--allow-duplicate', '--allow-duplicate', [CompletionResultType]::ParameterName, 'Add the wallet even when a wallet of this vault has the same descriptors (the same keys and threshold): their addresses then belong to both, and commands given an address need --wallet')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;rename' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;archive' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;balance' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Only this wallet (default: every wallet)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;fees' {
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network (default: bitcoin)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'Set the confirmation targets (blocks) the node''s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;wallet;fees;set' {
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network (default: bitcoin)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;fees;targets' {
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network (default: bitcoin)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;fees;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'Set the confirmation targets (blocks) the node''s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;wallet;fees;help;set' {
            break
        }
        'coffer;wallet;fees;help;targets' {
            break
        }
        'coffer;wallet;fees;help;help' {
            break
        }
        'coffer;wallet;backend' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network''s).')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an endpoint')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;wallet;backend;set' {
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'EIP-155 chain id (eth)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The Bitcoin network (btc)')
            [CompletionResult]::new('--rpc', '--rpc', [CompletionResultType]::ParameterName, 'The JSON-RPC URL (http:// or https://)')
            [CompletionResult]::new('--explorer', '--explorer', [CompletionResultType]::ParameterName, 'eth: an Etherscan-compatible explorer API for history (txlist, txlistinternal, tokentx), checked (its chain id must match); the JSON-RPC endpoint stays for the rest')
            [CompletionResult]::new('--explorer-key-file', '--explorer-key-file', [CompletionResultType]::ParameterName, 'eth: the explorer''s API key, from FILE (kept in the vault, never printed)')
            [CompletionResult]::new('--electrum', '--electrum', [CompletionResultType]::ParameterName, 'btc: an Electrum server instead of a node (tcp://HOST:PORT, or ssl://HOST:PORT for TLS with the certificate verified)')
            [CompletionResult]::new('--esplora', '--esplora', [CompletionResultType]::ParameterName, 'btc: an Esplora HTTP API instead of a node (https://HOST[:PORT]/…, with the certificate verified, or http:// for your own on your network)')
            [CompletionResult]::new('--electrum-cert-sha256', '--electrum-cert-sha256', [CompletionResultType]::ParameterName, 'btc: pin the ssl:// Electrum server''s certificate by its SHA-256 fingerprint (64 hex digits; for a self-signed one, e.g. a personal server)')
            [CompletionResult]::new('--esplora-cert-sha256', '--esplora-cert-sha256', [CompletionResultType]::ParameterName, 'btc: pin the https:// Esplora API''s certificate by its SHA-256 fingerprint (64 hex digits; for a self-signed one, e.g. your own server)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Reach the backend through a SOCKS5 proxy, e.g. socks5h://127.0.0.1:9050 (Tor); the proxy resolves host names')
            [CompletionResult]::new('--rpc-cookie', '--rpc-cookie', [CompletionResultType]::ParameterName, 'btc: the node''s cookie file')
            [CompletionResult]::new('--rpc-user', '--rpc-user', [CompletionResultType]::ParameterName, 'btc: rpcuser…')
            [CompletionResult]::new('--rpc-password-file', '--rpc-password-file', [CompletionResultType]::ParameterName, '…and its rpcpassword, from FILE (kept in the vault, never printed)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;backend;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;backend;remove' {
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'EIP-155 chain id (eth; default: the only EVM backend''s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The Bitcoin network (btc)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;backend;test' {
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'EIP-155 chain id (eth; default: the only EVM backend''s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The Bitcoin network (btc)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;backend;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network''s).')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an endpoint')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;wallet;backend;help;set' {
            break
        }
        'coffer;wallet;backend;help;list' {
            break
        }
        'coffer;wallet;backend;help;remove' {
            break
        }
        'coffer;wallet;backend;help;test' {
            break
        }
        'coffer;wallet;backend;help;help' {
            break
        }
        'coffer;wallet;sync' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Only this wallet (default: every wallet)')
            [CompletionResult]::new('--btc-from-height', '--btc-from-height', [CompletionResultType]::ParameterName, 'Bitcoin: read blocks from this height on (below the last sync: read them again; default: where the last sync stopped, the first from the wallet''s birth)')
            [CompletionResult]::new('--eth-from-block', '--eth-from-block', [CompletionResultType]::ParameterName, 'Ethereum: read transfers from this block on (default: where the last sync stopped; the first sync starts at the wallet''s creation, so a restored or imported wallet with older history needs this once)')
            [CompletionResult]::new('--from-height', '--from-height', [CompletionResultType]::ParameterName, 'Either of the two when only one chain family is synced (a Bitcoin node or an EVM backend, not both); else a usage error')
            [CompletionResult]::new('--gap-limit', '--gap-limit', [CompletionResultType]::ParameterName, 'Unused addresses to watch past the last one handed out (Bitcoin: on each branch, default 20 or the last one given, and a wider one than before reads the blocks again from where the first sync began; Ethereum: default 20, past the last revealed or used address, each sync)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;token' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a token')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;wallet;token;add' {
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'EIP-155 chain id (default: the only EVM backend''s)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The contract address (EIP-55)')
            [CompletionResult]::new('--symbol', '--symbol', [CompletionResultType]::ParameterName, 'Symbol (checked against the contract when a backend is set)')
            [CompletionResult]::new('--decimals', '--decimals', [CompletionResultType]::ParameterName, 'Decimals (checked against the contract when a backend is set)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;token;list' {
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'Only this chain')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;token;remove' {
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'Its chain id (default: the only EVM backend''s)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;wallet;token;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a token')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;wallet;token;help;add' {
            break
        }
        'coffer;wallet;token;help;list' {
            break
        }
        'coffer;wallet;token;help;remove' {
            break
        }
        'coffer;wallet;token;help;help' {
            break
        }
        'coffer;wallet;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a wallet from a new BIP-39 mnemonic.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the wallets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses')
            [CompletionResult]::new('reveal', 'reveal', [CompletionResultType]::ParameterValue, 'Show a wallet''s mnemonic, after the transaction PIN (audited).')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export what an online watch-only copy needs: public keys and descriptors only.')
            [CompletionResult]::new('create-multisig', 'create-multisig', [CompletionResultType]::ParameterValue, 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a wallet')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a wallet: hidden from lists, kept in the vault')
            [CompletionResult]::new('balance', 'balance', [CompletionResultType]::ParameterValue, 'Confirmed, pending and total balance per wallet and currency')
            [CompletionResult]::new('fees', 'fees', [CompletionResultType]::ParameterValue, 'Fee rates of the levels slow, normal and fast (sat/vB), per network.')
            [CompletionResult]::new('backend', 'backend', [CompletionResultType]::ParameterValue, 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'ERC-20 tokens: add, list, remove')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;wallet;help;create' {
            break
        }
        'coffer;wallet;help;list' {
            break
        }
        'coffer;wallet;help;show' {
            break
        }
        'coffer;wallet;help;reveal' {
            break
        }
        'coffer;wallet;help;import' {
            break
        }
        'coffer;wallet;help;export' {
            break
        }
        'coffer;wallet;help;create-multisig' {
            break
        }
        'coffer;wallet;help;rename' {
            break
        }
        'coffer;wallet;help;archive' {
            break
        }
        'coffer;wallet;help;balance' {
            break
        }
        'coffer;wallet;help;fees' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'Set the confirmation targets (blocks) the node''s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)')
            break
        }
        'coffer;wallet;help;fees;set' {
            break
        }
        'coffer;wallet;help;fees;targets' {
            break
        }
        'coffer;wallet;help;backend' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network''s).')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an endpoint')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.')
            break
        }
        'coffer;wallet;help;backend;set' {
            break
        }
        'coffer;wallet;help;backend;list' {
            break
        }
        'coffer;wallet;help;backend;remove' {
            break
        }
        'coffer;wallet;help;backend;test' {
            break
        }
        'coffer;wallet;help;sync' {
            break
        }
        'coffer;wallet;help;token' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a token')
            break
        }
        'coffer;wallet;help;token;add' {
            break
        }
        'coffer;wallet;help;token;list' {
            break
        }
        'coffer;wallet;help;token;remove' {
            break
        }
        'coffer;wallet;help;help' {
            break
        }
        'coffer;addr' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Derive the next address(es) of a wallet.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a wallet''s derived addresses')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set the label of an address')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an address (with a terminal QR code on request)')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;addr;new' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the only one)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The chain (default: btc when the wallet has it, else eth)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Label for the new address(es)')
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'What the address is for (free text)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many addresses (1-100000)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--change', '--change', [CompletionResultType]::ParameterName, 'A change address (Bitcoin internal branch)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;addr;list' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Only this wallet (default: every wallet)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Only this chain')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Only addresses whose label contains TEXT (case-insensitive)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N addresses (1-1000; default: all), then `next_cursor` for the rest')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue after the last address of a previous page (its `next_cursor`)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--used', '--used', [CompletionResultType]::ParameterName, 'Only addresses that have transactions')
            [CompletionResult]::new('--unused', '--unused', [CompletionResultType]::ParameterName, 'Only addresses without transactions')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;addr;label' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet holding it (needed when two wallets hold the same keys)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;addr;show' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet holding it (needed when two wallets hold the same keys)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Print a terminal QR code of the address')
            [CompletionResult]::new('--uri', '--uri', [CompletionResultType]::ParameterName, 'With --qr: encode the payment URI (bitcoin:… / ethereum:…) instead')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;addr;validate' {
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The chain (default: eth for 0x…, else btc)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Require a Bitcoin network')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;addr;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Derive the next address(es) of a wallet.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a wallet''s derived addresses')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set the label of an address')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an address (with a terminal QR code on request)')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;addr;help;new' {
            break
        }
        'coffer;addr;help;list' {
            break
        }
        'coffer;addr;help;label' {
            break
        }
        'coffer;addr;help;show' {
            break
        }
        'coffer;addr;help;validate' {
            break
        }
        'coffer;addr;help;help' {
            break
        }
        'coffer;sign-message' {
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The address (Bitcoin, or Ethereum 0x…)')
            [CompletionResult]::new('--message-file', '--message-file', [CompletionResultType]::ParameterName, 'Read the message from FILE (exact bytes; `-`: standard input)')
            [CompletionResult]::new('--typed-data', '--typed-data', [CompletionResultType]::ParameterName, 'Ethereum: EIP-712 typed data (the JSON of eth_signTypedData_v4) from FILE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;verify-message' {
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The address (Bitcoin, or Ethereum 0x…)')
            [CompletionResult]::new('--message-file', '--message-file', [CompletionResultType]::ParameterName, 'Read the message from FILE (exact bytes; `-`: standard input)')
            [CompletionResult]::new('--typed-data', '--typed-data', [CompletionResultType]::ParameterName, 'Ethereum: EIP-712 typed data (the JSON of eth_signTypedData_v4) from FILE')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The signature (base64 for Bitcoin, 0x… hex for Ethereum)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;utxo' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.')
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.')
            [CompletionResult]::new('unfreeze', 'unfreeze', [CompletionResultType]::ParameterValue, 'Unfreeze coins or addresses')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;utxo;list' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the only one)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--frozen', '--frozen', [CompletionResultType]::ParameterName, 'Only frozen coins')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;utxo;freeze' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the only one)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;utxo;unfreeze' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the only one)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;utxo;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.')
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.')
            [CompletionResult]::new('unfreeze', 'unfreeze', [CompletionResultType]::ParameterValue, 'Unfreeze coins or addresses')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;utxo;help;list' {
            break
        }
        'coffer;utxo;help;freeze' {
            break
        }
        'coffer;utxo;help;unfreeze' {
            break
        }
        'coffer;utxo;help;help' {
            break
        }
        'coffer;send' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the only one)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The chain: btc (default) or eth')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'A recipient: an address or a payment URI (BIP-21 bitcoin:…, EIP-681 ethereum:…); repeat addresses with --amount for a batch')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'The amount for the --to at the same position (BTC, or `1500sat`)')
            [CompletionResult]::new('--fee', '--fee', [CompletionResultType]::ParameterName, 'slow, normal, fast (see `wallet fees`) or a rate in sat/vB')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note kept with the transaction in history')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Bitcoin coin control: spend exactly these coins (TXID:VOUT, repeat; frozen ones too), and no others. Ethereum: the one address to pay from (0x…; default: the first that can pay)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Bitcoin coin control: never spend these coins (TXID:VOUT, repeat)')
            [CompletionResult]::new('--unsigned-out', '--unsigned-out', [CompletionResultType]::ParameterName, 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer')
            [CompletionResult]::new('--raw-out', '--raw-out', [CompletionResultType]::ParameterName, 'Also write the signed raw transaction (hex) to FILE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'EIP-155 chain id (Ethereum; default: the only EVM backend''s)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'An ERC-20 token by symbol or contract address (see `wallet token`)')
            [CompletionResult]::new('--max-fee', '--max-fee', [CompletionResultType]::ParameterName, 'Max fee per gas in gwei (with --priority-fee; else from the backend)')
            [CompletionResult]::new('--priority-fee', '--priority-fee', [CompletionResultType]::ParameterName, 'Max priority fee per gas in gwei')
            [CompletionResult]::new('--gas-limit', '--gas-limit', [CompletionResultType]::ParameterName, 'Gas limit (else estimated by the backend)')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'Nonce (else the backend''s pending count)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Send everything to the one --to, with no change (Ethereum: one address''s ether minus gas limit x max fee, or its whole --token balance)')
            [CompletionResult]::new('--no-rbf', '--no-rbf', [CompletionResultType]::ParameterName, 'Do not signal replace-by-fee (BIP-125)')
            [CompletionResult]::new('--no-broadcast', '--no-broadcast', [CompletionResultType]::ParameterName, 'Do not broadcast through the network''s Bitcoin node, even when one is set')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a PSBT with this vault''s keys (the offline signer).')
            [CompletionResult]::new('broadcast', 'broadcast', [CompletionResultType]::ParameterValue, 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it')
            [CompletionResult]::new('bump', 'bump', [CompletionResultType]::ParameterValue, 'Replace a pending transaction of ours by one paying a higher fee (RBF)')
            [CompletionResult]::new('combine', 'combine', [CompletionResultType]::ParameterValue, 'Merge PSBTs of the same transaction signed by different cosigners (multisig).')
            [CompletionResult]::new('cancel-eth', 'cancel-eth', [CompletionResultType]::ParameterValue, 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).')
            [CompletionResult]::new('cpfp', 'cpfp', [CompletionResultType]::ParameterValue, 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Drop a held send: nothing is signed')
            [CompletionResult]::new('abandon', 'abandon', [CompletionResultType]::ParameterValue, 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core''s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network''s node holds in its mempool (it may still confirm: `send bump` replaces it).')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;send;sign' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write the signed PSBT')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the one whose keys the PSBT names)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;broadcast' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet to record it in (default: every wallet it concerns)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--no-broadcast', '--no-broadcast', [CompletionResultType]::ParameterName, 'Do not send it through the network''s Bitcoin node, even when one is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;bump' {
            [CompletionResult]::new('--fee', '--fee', [CompletionResultType]::ParameterName, 'The new fee: slow/normal/fast, or (Bitcoin) a rate in sat/vB')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Bitcoin: the wallet that paid it (default: the only one holding it; a payment between two of your wallets is in both)')
            [CompletionResult]::new('--max-fee', '--max-fee', [CompletionResultType]::ParameterName, 'Ethereum: max fee per gas in gwei (with --priority-fee; at least 10 % more)')
            [CompletionResult]::new('--priority-fee', '--priority-fee', [CompletionResultType]::ParameterName, 'Ethereum: max priority fee per gas in gwei')
            [CompletionResult]::new('--unsigned-out', '--unsigned-out', [CompletionResultType]::ParameterName, 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer')
            [CompletionResult]::new('--raw-out', '--raw-out', [CompletionResultType]::ParameterName, 'Also write the signed raw transaction (hex) to FILE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--no-broadcast', '--no-broadcast', [CompletionResultType]::ParameterName, 'Do not broadcast through the network''s Bitcoin node, even when one is set')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;combine' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write the merged PSBT')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet it spends from (default: the one whose coins the inputs are)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;cancel-eth' {
            [CompletionResult]::new('--fee', '--fee', [CompletionResultType]::ParameterName, 'slow, normal or fast (from the backend; default fast)')
            [CompletionResult]::new('--max-fee', '--max-fee', [CompletionResultType]::ParameterName, 'Ethereum: max fee per gas in gwei (with --priority-fee; at least 10 % more)')
            [CompletionResult]::new('--priority-fee', '--priority-fee', [CompletionResultType]::ParameterName, 'Ethereum: max priority fee per gas in gwei')
            [CompletionResult]::new('--unsigned-out', '--unsigned-out', [CompletionResultType]::ParameterName, 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer')
            [CompletionResult]::new('--raw-out', '--raw-out', [CompletionResultType]::ParameterName, 'Also write the signed raw transaction (hex) to FILE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--no-broadcast', '--no-broadcast', [CompletionResultType]::ParameterName, 'Do not broadcast through the network''s Bitcoin node, even when one is set')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;cpfp' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose output the child spends (default: the only wallet holding the transaction)')
            [CompletionResult]::new('--fee', '--fee', [CompletionResultType]::ParameterName, 'The rate the parent and child together must pay: sat/vB, or slow/normal/fast')
            [CompletionResult]::new('--unsigned-out', '--unsigned-out', [CompletionResultType]::ParameterName, 'Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer')
            [CompletionResult]::new('--raw-out', '--raw-out', [CompletionResultType]::ParameterName, 'Also write the signed raw transaction (hex) to FILE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--no-broadcast', '--no-broadcast', [CompletionResultType]::ParameterName, 'Do not broadcast through the network''s Bitcoin node, even when one is set')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (the review is still printed on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;confirm' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, 'A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--raw-out', '--raw-out', [CompletionResultType]::ParameterName, 'Also write the signed raw transaction (hex) to FILE')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--override-limit', '--override-limit', [CompletionResultType]::ParameterName, 'Pass the rolling daily limit (PIN and, when on, a 2FA code; audited, severity high)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask "Sign this transaction?" (the review is still printed on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;cancel' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;abandon' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;send;help' {
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a PSBT with this vault''s keys (the offline signer).')
            [CompletionResult]::new('broadcast', 'broadcast', [CompletionResultType]::ParameterValue, 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it')
            [CompletionResult]::new('bump', 'bump', [CompletionResultType]::ParameterValue, 'Replace a pending transaction of ours by one paying a higher fee (RBF)')
            [CompletionResult]::new('combine', 'combine', [CompletionResultType]::ParameterValue, 'Merge PSBTs of the same transaction signed by different cosigners (multisig).')
            [CompletionResult]::new('cancel-eth', 'cancel-eth', [CompletionResultType]::ParameterValue, 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).')
            [CompletionResult]::new('cpfp', 'cpfp', [CompletionResultType]::ParameterValue, 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Drop a held send: nothing is signed')
            [CompletionResult]::new('abandon', 'abandon', [CompletionResultType]::ParameterValue, 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core''s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network''s node holds in its mempool (it may still confirm: `send bump` replaces it).')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;send;help;sign' {
            break
        }
        'coffer;send;help;broadcast' {
            break
        }
        'coffer;send;help;bump' {
            break
        }
        'coffer;send;help;combine' {
            break
        }
        'coffer;send;help;cancel-eth' {
            break
        }
        'coffer;send;help;cpfp' {
            break
        }
        'coffer;send;help;confirm' {
            break
        }
        'coffer;send;help;cancel' {
            break
        }
        'coffer;send;help;abandon' {
            break
        }
        'coffer;send;help;help' {
            break
        }
        'coffer;history' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Only this wallet')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Only this currency: BTC, ETH or a token symbol')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only sends, receives, or transfers to ourselves')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Until this time (exclusive)')
            [CompletionResult]::new('--min', '--min', [CompletionResultType]::ParameterName, 'Only amounts (absolute, in the row''s currency) of at least this much')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Only amounts of at most this much')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Only labels containing TEXT (case-insensitive)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only this category')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N rows (1-1000)')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue after the last row of a previous page (its `next_cursor`)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--reverse', '--reverse', [CompletionResultType]::ParameterName, 'Oldest first')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Everything known about one transaction (by ID or transaction id)')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set the label of a transaction (empty to clear)')
            [CompletionResult]::new('categorize', 'categorize', [CompletionResultType]::ParameterValue, 'Set the category of a transaction (empty to clear)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Set the note of a transaction (empty to clear)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the transactions (every filter of `history` applies) as CSV or JSON.')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction''s time)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;history;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;history;label' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;history;categorize' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;history;note' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;history;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'csv or json')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE (default: standard output)')
            [CompletionResult]::new('--fiat', '--fiat', [CompletionResultType]::ParameterName, 'Add each amount''s value in this fiat currency at the transaction''s time, with the rate used and its source')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Only this wallet')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Only this currency: BTC, ETH or a token symbol')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only sends, receives, or transfers to ourselves')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Until this time (exclusive)')
            [CompletionResult]::new('--min', '--min', [CompletionResultType]::ParameterName, 'Only amounts (absolute, in the row''s currency) of at least this much')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Only amounts of at most this much')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Only labels containing TEXT (case-insensitive)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only this category')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--plain', '--plain', [CompletionResultType]::ParameterName, 'No spreadsheet-injection guard on CSV cells')
            [CompletionResult]::new('--reverse', '--reverse', [CompletionResultType]::ParameterName, 'Oldest first')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;history;summary' {
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'month, category or currency')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Only this wallet')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Only this currency: BTC, ETH or a token symbol')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only sends, receives, or transfers to ourselves')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only this status: pending, confirmed, failed, replaced, abandoned, awaiting_approval')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Until this time (exclusive)')
            [CompletionResult]::new('--min', '--min', [CompletionResultType]::ParameterName, 'Only amounts (absolute, in the row''s currency) of at least this much')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Only amounts of at most this much')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Only labels containing TEXT (case-insensitive)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only this category')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;history;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Everything known about one transaction (by ID or transaction id)')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set the label of a transaction (empty to clear)')
            [CompletionResult]::new('categorize', 'categorize', [CompletionResultType]::ParameterValue, 'Set the category of a transaction (empty to clear)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Set the note of a transaction (empty to clear)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the transactions (every filter of `history` applies) as CSV or JSON.')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction''s time)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;history;help;show' {
            break
        }
        'coffer;history;help;label' {
            break
        }
        'coffer;history;help;categorize' {
            break
        }
        'coffer;history;help;note' {
            break
        }
        'coffer;history;help;export' {
            break
        }
        'coffer;history;help;summary' {
            break
        }
        'coffer;history;help;help' {
            break
        }
        'coffer;labels' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read BIP-329 labels; imported labels win over existing ones')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;labels;export' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Only this wallet')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE (default: standard output)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;labels;import' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--partial', '--partial', [CompletionResultType]::ParameterName, 'Import the good lines even when some are bad')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;labels;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read BIP-329 labels; imported labels win over existing ones')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;labels;help;export' {
            break
        }
        'coffer;labels;help;import' {
            break
        }
        'coffer;labels;help;help' {
            break
        }
        'coffer;backup' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Write a full, encrypted backup of the vault.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The backups in the default location and those this vault recorded')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;backup;create' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write it (default: users/NAME/backups/ with a UTC timestamp)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the backup passphrase from FILE (else it is asked twice on a terminal)')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Encrypt to this age recipient instead (repeatable)')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note kept in the header')
            [CompletionResult]::new('--partial', '--partial', [CompletionResultType]::ParameterName, 'Only these parts, and never any key material: addresses, transactions, labels, settings (comma-separated)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;backup;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;backup;verify' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Its passphrase, from FILE (else asked on a terminal)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file (AGE-SECRET-KEY-1… lines) for a backup made to recipients')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;backup;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Write a full, encrypted backup of the vault.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The backups in the default location and those this vault recorded')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;backup;help;create' {
            break
        }
        'coffer;backup;help;list' {
            break
        }
        'coffer;backup;help;verify' {
            break
        }
        'coffer;backup;help;help' {
            break
        }
        'coffer;restore' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.')
            [CompletionResult]::new('wallet', 'wallet', [CompletionResultType]::ParameterValue, 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).')
            [CompletionResult]::new('partial', 'partial', [CompletionResultType]::ParameterValue, 'Merge a backup''s labels, notes, categories, settings and rates into this vault')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;restore;vault' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The user to create (default: the backup''s user)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'The backup passphrase, from FILE (else asked on a terminal)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, for a backup made to recipients')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (its first line)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the new transaction PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be restored; write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing user of that name: their vault is kept as `vault.age.before-restore` (with its profile) until their next successful login')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (its first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;restore;wallet' {
            [CompletionResult]::new('--chains', '--chains', [CompletionResultType]::ParameterName, 'Chains to create accounts on')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the BIP-39 passphrase from FILE')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Bitcoin network')
            [CompletionResult]::new('--script-type', '--script-type', [CompletionResultType]::ParameterName, 'Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also legacy (BIP-44) and nested-segwit (BIP-49)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account number (the last hardened level of the path)')
            [CompletionResult]::new('--mnemonic-file', '--mnemonic-file', [CompletionResultType]::ParameterName, 'Read the BIP-39 mnemonic from FILE')
            [CompletionResult]::new('--gap-limit', '--gap-limit', [CompletionResultType]::ParameterName, 'Receive (and change) addresses to derive per account (1-1000)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Protect the seed with a BIP-39 passphrase (asked twice on a terminal)')
            [CompletionResult]::new('--allow-duplicate', '--allow-duplicate', [CompletionResultType]::ParameterName, 'Add the wallet even when its keys (same seed, passphrase, script type, account and network, or the same watch-only keys) are already a wallet of this vault: their addresses then belong to both, and commands given an address need --wallet')
            [CompletionResult]::new('--mnemonic-stdin', '--mnemonic-stdin', [CompletionResultType]::ParameterName, 'Read the BIP-39 mnemonic from standard input')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the first addresses; write nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;restore;partial' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'The backup passphrase, from FILE')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;restore;help' {
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.')
            [CompletionResult]::new('wallet', 'wallet', [CompletionResultType]::ParameterValue, 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).')
            [CompletionResult]::new('partial', 'partial', [CompletionResultType]::ParameterValue, 'Merge a backup''s labels, notes, categories, settings and rates into this vault')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;restore;help;vault' {
            break
        }
        'coffer;restore;help;wallet' {
            break
        }
        'coffer;restore;help;partial' {
            break
        }
        'coffer;restore;help;help' {
            break
        }
        'coffer;rates' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The latest rate of each pair, with its time and source')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a history of rates from a CSV file of `time,pair,rate` rows')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The rates of a pair over time')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch current rates from the configured source (`rates source set`)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'The HTTP source `rates fetch` reads')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;rates;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;rates;set' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it held (default: now): a date, RFC 3339, or 7d / 3m ago')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;rates;import' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;rates;history' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;rates;fetch' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;rates;source' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the source: `coffer rates source set URL --format coingecko`.')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the source')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;rates;source;set' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'coingecko or pairs')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;rates;source;remove' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;rates;source;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the source: `coffer rates source set URL --format coingecko`.')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the source')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;rates;source;help;set' {
            break
        }
        'coffer;rates;source;help;remove' {
            break
        }
        'coffer;rates;source;help;help' {
            break
        }
        'coffer;rates;convert' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;rates;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The latest rate of each pair, with its time and source')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a history of rates from a CSV file of `time,pair,rate` rows')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The rates of a pair over time')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch current rates from the configured source (`rates source set`)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'The HTTP source `rates fetch` reads')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;rates;help;list' {
            break
        }
        'coffer;rates;help;set' {
            break
        }
        'coffer;rates;help;import' {
            break
        }
        'coffer;rates;help;history' {
            break
        }
        'coffer;rates;help;fetch' {
            break
        }
        'coffer;rates;help;source' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the source: `coffer rates source set URL --format coingecko`.')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the source')
            break
        }
        'coffer;rates;help;source;set' {
            break
        }
        'coffer;rates;help;source;remove' {
            break
        }
        'coffer;rates;help;convert' {
            break
        }
        'coffer;rates;help;help' {
            break
        }
        'coffer;currencies' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;config' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one: `coffer config set currency EUR`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;config;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;config;set' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one: `coffer config set currency EUR`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;config;help;show' {
            break
        }
        'coffer;config;help;set' {
            break
        }
        'coffer;config;help;help' {
            break
        }
        'coffer;receive' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the only one)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The chain (default: btc when the wallet has it, else eth)')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount requested, in BTC or ETH (exact decimal; `1500sat` for satoshis)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Label: stored on the address and put in the URI')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Message for the payer (in the URI)')
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'EVM chain id for the EIP-681 URI (default: the only EVM backend''s, when exactly one is set; else none)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Print a QR code of the URI (default on a terminal)')
            [CompletionResult]::new('--no-qr', '--no-qr', [CompletionResultType]::ParameterName, 'No QR code')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Apply an incoming Bitcoin transaction given as raw hex (offline).')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for a payment: syncs with the network''s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;receive;import' {
            [CompletionResult]::new('--tx', '--tx', [CompletionResultType]::ParameterName, 'The raw transaction in hex, or `-` to read it from standard input')
            [CompletionResult]::new('--txid', '--txid', [CompletionResultType]::ParameterName, 'Or fetch it, with its block, from the network''s Bitcoin node (`wallet backend set btc`; the node needs -txindex or the transaction in its own wallet)')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the only one)')
            [CompletionResult]::new('--height', '--height', [CompletionResultType]::ParameterName, 'Height of the block that confirmed it')
            [CompletionResult]::new('--block-time', '--block-time', [CompletionResultType]::ParameterName, 'Time of that block: Unix seconds, a date or RFC 3339')
            [CompletionResult]::new('--block-hash', '--block-hash', [CompletionResultType]::ParameterName, 'Hash of that block, when known (else a placeholder a sync replaces)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;receive;wait' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet (default: the only one)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Only a payment to this address of the wallet')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'At least this much (BTC, or ETH / the --token''s unit with --chain eth)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The chain (default: btc when the wallet has it, else eth)')
            [CompletionResult]::new('--chain-id', '--chain-id', [CompletionResultType]::ParameterName, 'EVM chain id (default: the only EVM backend''s)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Ethereum: a payment of this token (symbol from `wallet token add`) instead of ether')
            [CompletionResult]::new('--confirmations', '--confirmations', [CompletionResultType]::ParameterName, 'Confirmations needed (0: in the mempool is enough; Ethereum payments are seen once mined)')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run this command through `sh -c` when the payment came (environment: COFFER_TXID, COFFER_AMOUNT, … see the README); its failure is reported on stderr only')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (exit 10), e.g. 30s, 10m, 2h')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to ask the node')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;receive;watch' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'Only this wallet (default: every wallet)')
            [CompletionResult]::new('--confirmations', '--confirmations', [CompletionResultType]::ParameterName, 'Confirmations for the `confirmed` event')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to sync')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop (exit 0) after this many events')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop (exit 0) after this long, e.g. 30s, 10m, 2h (default: until stopped)')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run this command through `sh -c` for each event (environment: COFFER_EVENT, COFFER_TXID, … see the README)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;receive;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Apply an incoming Bitcoin transaction given as raw hex (offline).')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for a payment: syncs with the network''s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;receive;help;import' {
            break
        }
        'coffer;receive;help;wait' {
            break
        }
        'coffer;receive;help;watch' {
            break
        }
        'coffer;receive;help;help' {
            break
        }
        'coffer;security' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show the audit trail, newest first.')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every security setting, the keyslots'' KDF parameters, failure counters, and recommendations')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'The transaction PIN')
            [CompletionResult]::new('password', 'password', [CompletionResultType]::ParameterValue, 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.')
            [CompletionResult]::new('recovery-code', 'recovery-code', [CompletionResultType]::ParameterValue, 'A new recovery code (PIN required); the old one stops working')
            [CompletionResult]::new('2fa', '2fa', [CompletionResultType]::ParameterValue, 'TOTP two-factor authentication')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;log' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N events')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events since DATE (2026-01-31, RFC 3339, or relative: 12h, 7d, 2w)')
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'Only events of at least this severity: info, low, medium, high, critical')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event (e.g. login_failed, pin_failed)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every row in chain order, with its hash')
            [CompletionResult]::new('reanchor', 'reanchor', [CompletionResultType]::ParameterValue, 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log''s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;log;verify' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;log;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl or csv')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE (else standard output)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;log;reanchor' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, 'A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;log;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every row in chain order, with its hash')
            [CompletionResult]::new('reanchor', 'reanchor', [CompletionResultType]::ParameterValue, 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log''s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;log;help;verify' {
            break
        }
        'coffer;security;log;help;export' {
            break
        }
        'coffer;security;log;help;reanchor' {
            break
        }
        'coffer;security;log;help;help' {
            break
        }
        'coffer;security;recover' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'The user')
            [CompletionResult]::new('--recovery-code-file', '--recovery-code-file', [CompletionResultType]::ParameterName, 'Read the recovery code from FILE (else asked on a terminal)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (its first line)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (its first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('session-timeout', 'session-timeout', [CompletionResultType]::ParameterValue, 'The idle timeout of new sessions: a duration from 1m to 12h.')
            [CompletionResult]::new('session-max', 'session-max', [CompletionResultType]::ParameterValue, 'The absolute lifetime of new sessions: a duration from 1m to 24h.')
            [CompletionResult]::new('level', 'level', [CompletionResultType]::ParameterValue, 'The security level: standard or high.')
            [CompletionResult]::new('limit-tx', 'limit-tx', [CompletionResultType]::ParameterValue, 'The most one send may move of an asset, or off.')
            [CompletionResult]::new('limit-daily', 'limit-daily', [CompletionResultType]::ParameterValue, 'The most that may leave in a rolling 24 hours of an asset, or off.')
            [CompletionResult]::new('confirm-new-recipient', 'confirm-new-recipient', [CompletionResultType]::ParameterValue, 'Hold a send to a recipient never paid before for approval: on or off.')
            [CompletionResult]::new('auto-backup', 'auto-backup', [CompletionResultType]::ParameterValue, 'Automatic full backups: on (with how often, where and to whom) or off.')
            [CompletionResult]::new('currency', 'currency', [CompletionResultType]::ParameterValue, 'The preferred fiat currency (as `config set currency`).')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;set;session-timeout' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, '…and a two-factor code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set;session-max' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, '…and a two-factor code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set;level' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, '…and a two-factor code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set;limit-tx' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, '…and a two-factor code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set;limit-daily' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, '…and a two-factor code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set;confirm-new-recipient' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, '…and a two-factor code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set;auto-backup' {
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'How often, e.g. 24h, 7d (default 24h). Checked at each unlocked write: there is no daemon')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'How many automatic backups to keep (default 7)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The directory (default users/NAME/backups), e.g. a synced folder')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Encrypt to this age recipient (repeatable)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Encrypt with the passphrase in FILE instead (kept in the vault, so that backups can be made unattended)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, '…and a two-factor code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set;currency' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'With 2FA on, a change that lowers protection needs the PIN (from FILE, else $COFFER_PIN, else a prompt)…')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, '…and a two-factor code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;set;help' {
            [CompletionResult]::new('session-timeout', 'session-timeout', [CompletionResultType]::ParameterValue, 'The idle timeout of new sessions: a duration from 1m to 12h.')
            [CompletionResult]::new('session-max', 'session-max', [CompletionResultType]::ParameterValue, 'The absolute lifetime of new sessions: a duration from 1m to 24h.')
            [CompletionResult]::new('level', 'level', [CompletionResultType]::ParameterValue, 'The security level: standard or high.')
            [CompletionResult]::new('limit-tx', 'limit-tx', [CompletionResultType]::ParameterValue, 'The most one send may move of an asset, or off.')
            [CompletionResult]::new('limit-daily', 'limit-daily', [CompletionResultType]::ParameterValue, 'The most that may leave in a rolling 24 hours of an asset, or off.')
            [CompletionResult]::new('confirm-new-recipient', 'confirm-new-recipient', [CompletionResultType]::ParameterValue, 'Hold a send to a recipient never paid before for approval: on or off.')
            [CompletionResult]::new('auto-backup', 'auto-backup', [CompletionResultType]::ParameterValue, 'Automatic full backups: on (with how often, where and to whom) or off.')
            [CompletionResult]::new('currency', 'currency', [CompletionResultType]::ParameterValue, 'The preferred fiat currency (as `config set currency`).')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;set;help;session-timeout' {
            break
        }
        'coffer;security;set;help;session-max' {
            break
        }
        'coffer;security;set;help;level' {
            break
        }
        'coffer;security;set;help;limit-tx' {
            break
        }
        'coffer;security;set;help;limit-daily' {
            break
        }
        'coffer;security;set;help;confirm-new-recipient' {
            break
        }
        'coffer;security;set;help;auto-backup' {
            break
        }
        'coffer;security;set;help;currency' {
            break
        }
        'coffer;security;set;help;help' {
            break
        }
        'coffer;security;pin' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'Change the PIN: the current one, then the new one twice.')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;pin;change' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the current PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--new-pin-file', '--new-pin-file', [CompletionResultType]::ParameterName, 'Read the new PIN (4-12 digits) from FILE (else a prompt, asked twice)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;pin;reset' {
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (its first line)')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, 'A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--backup-code', '--backup-code', [CompletionResultType]::ParameterName, 'A 2FA backup code instead')
            [CompletionResult]::new('--new-pin-file', '--new-pin-file', [CompletionResultType]::ParameterName, 'Read the new PIN (4-12 digits) from FILE (else a prompt, asked twice)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (its first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;pin;help' {
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'Change the PIN: the current one, then the new one twice.')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;pin;help;change' {
            break
        }
        'coffer;security;pin;help;reset' {
            break
        }
        'coffer;security;pin;help;help' {
            break
        }
        'coffer;security;password' {
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (its first line)')
            [CompletionResult]::new('--new-password-file', '--new-password-file', [CompletionResultType]::ParameterName, 'Read the new password from FILE (else a prompt, asked twice)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (its first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;rekey' {
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Argon2id memory, e.g. 256MiB, 1GiB, 512KiB (default: the profile''s default)')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'Argon2id iterations')
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'Argon2id lanes')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (its first line)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (its first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;recovery-code' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;2fa' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Turn it off: the PIN and a current code (or a backup code)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;2fa;enable' {
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Confirm the pending setup with this code from the app')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--new', '--new', [CompletionResultType]::ParameterName, 'Start again with a new secret (a pending one is replaced)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;2fa;disable' {
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from FILE (else $COFFER_PIN, else a prompt)')
            [CompletionResult]::new('--totp-code', '--totp-code', [CompletionResultType]::ParameterName, 'A current code (else $COFFER_TOTP, else a prompt)')
            [CompletionResult]::new('--backup-code', '--backup-code', [CompletionResultType]::ParameterName, 'One of the backup codes instead (it is then used up)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;security;2fa;help' {
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Turn it off: the PIN and a current code (or a backup code)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;2fa;help;enable' {
            break
        }
        'coffer;security;2fa;help;disable' {
            break
        }
        'coffer;security;2fa;help;help' {
            break
        }
        'coffer;security;help' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show the audit trail, newest first.')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every security setting, the keyslots'' KDF parameters, failure counters, and recommendations')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'The transaction PIN')
            [CompletionResult]::new('password', 'password', [CompletionResultType]::ParameterValue, 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.')
            [CompletionResult]::new('recovery-code', 'recovery-code', [CompletionResultType]::ParameterValue, 'A new recovery code (PIN required); the old one stops working')
            [CompletionResult]::new('2fa', '2fa', [CompletionResultType]::ParameterValue, 'TOTP two-factor authentication')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;security;help;log' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every row in chain order, with its hash')
            [CompletionResult]::new('reanchor', 'reanchor', [CompletionResultType]::ParameterValue, 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log''s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).')
            break
        }
        'coffer;security;help;log;verify' {
            break
        }
        'coffer;security;help;log;export' {
            break
        }
        'coffer;security;help;log;reanchor' {
            break
        }
        'coffer;security;help;recover' {
            break
        }
        'coffer;security;help;show' {
            break
        }
        'coffer;security;help;set' {
            [CompletionResult]::new('session-timeout', 'session-timeout', [CompletionResultType]::ParameterValue, 'The idle timeout of new sessions: a duration from 1m to 12h.')
            [CompletionResult]::new('session-max', 'session-max', [CompletionResultType]::ParameterValue, 'The absolute lifetime of new sessions: a duration from 1m to 24h.')
            [CompletionResult]::new('level', 'level', [CompletionResultType]::ParameterValue, 'The security level: standard or high.')
            [CompletionResult]::new('limit-tx', 'limit-tx', [CompletionResultType]::ParameterValue, 'The most one send may move of an asset, or off.')
            [CompletionResult]::new('limit-daily', 'limit-daily', [CompletionResultType]::ParameterValue, 'The most that may leave in a rolling 24 hours of an asset, or off.')
            [CompletionResult]::new('confirm-new-recipient', 'confirm-new-recipient', [CompletionResultType]::ParameterValue, 'Hold a send to a recipient never paid before for approval: on or off.')
            [CompletionResult]::new('auto-backup', 'auto-backup', [CompletionResultType]::ParameterValue, 'Automatic full backups: on (with how often, where and to whom) or off.')
            [CompletionResult]::new('currency', 'currency', [CompletionResultType]::ParameterValue, 'The preferred fiat currency (as `config set currency`).')
            break
        }
        'coffer;security;help;set;session-timeout' {
            break
        }
        'coffer;security;help;set;session-max' {
            break
        }
        'coffer;security;help;set;level' {
            break
        }
        'coffer;security;help;set;limit-tx' {
            break
        }
        'coffer;security;help;set;limit-daily' {
            break
        }
        'coffer;security;help;set;confirm-new-recipient' {
            break
        }
        'coffer;security;help;set;auto-backup' {
            break
        }
        'coffer;security;help;set;currency' {
            break
        }
        'coffer;security;help;pin' {
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'Change the PIN: the current one, then the new one twice.')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.')
            break
        }
        'coffer;security;help;pin;change' {
            break
        }
        'coffer;security;help;pin;reset' {
            break
        }
        'coffer;security;help;password' {
            break
        }
        'coffer;security;help;rekey' {
            break
        }
        'coffer;security;help;recovery-code' {
            break
        }
        'coffer;security;help;2fa' {
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Turn it off: the PIN and a current code (or a backup code)')
            break
        }
        'coffer;security;help;2fa;enable' {
            break
        }
        'coffer;security;help;2fa;disable' {
            break
        }
        'coffer;security;help;help' {
            break
        }
        'coffer;completions' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The coffer home (default: $COFFER_HOME, else the platform data dir)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to act as (default: $COFFER_USER, else the only or last logged-in user)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (data or error)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing secret or answer is an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'coffer;help' {
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Create a local user with an encrypted vault, and log in.')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Unlock the vault for a while.')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Lock the vault: end the session')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show who is unlocked, and until when')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List the local users of this home (no unlock needed)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'One screen: the session, balances and fiat total, pending and held transactions, backends (reachable now, last sync), automatic backups and security recommendations. A locked vault exits 3.')
            [CompletionResult]::new('wallet', 'wallet', [CompletionResultType]::ParameterValue, 'HD wallets: create, import, list, show, balance, fees, backends, sync, tokens, export, reveal')
            [CompletionResult]::new('addr', 'addr', [CompletionResultType]::ParameterValue, 'Addresses: new, list, label, show, validate')
            [CompletionResult]::new('sign-message', 'sign-message', [CompletionResultType]::ParameterValue, 'Sign a message with the key of one of your addresses: BIP-322 (Bitcoin segwit and taproot), the legacy format (P2PKH), EIP-191 or EIP-712 (Ethereum). Needs the PIN.')
            [CompletionResult]::new('verify-message', 'verify-message', [CompletionResultType]::ParameterValue, 'Verify a signed message (no vault needed): exit 0 when valid, 5 when not.')
            [CompletionResult]::new('utxo', 'utxo', [CompletionResultType]::ParameterValue, 'Coin control (Bitcoin): list the unspent coins, freeze or unfreeze coins and addresses')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Pay in bitcoin, ether or tokens; sign, broadcast or fee-bump a transaction.')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The transactions: filters, pages, one in full, labels, categories, notes.')
            [CompletionResult]::new('labels', 'labels', [CompletionResultType]::ParameterValue, 'BIP-329 labels: export and import (Sparrow and other wallets read them).')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Encrypted backups: create, list, verify')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a vault from a backup (as a new user), a wallet from its words, or merge a partial backup')
            [CompletionResult]::new('rates', 'rates', [CompletionResultType]::ParameterValue, 'Exchange rates: list, set, import, history, convert.')
            [CompletionResult]::new('currencies', 'currencies', [CompletionResultType]::ParameterValue, 'Supported assets, whether the vault holds them, and their current rate')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Settings: the preferred fiat currency')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Show an address to be paid at (payment URI, QR code), or import an incoming transaction')
            [CompletionResult]::new('security', 'security', [CompletionResultType]::ParameterValue, 'Security: the audit trail, settings and limits, the PIN, two-factor codes, the password, the vault key, the recovery code, and password recovery')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'coffer;help;register' {
            break
        }
        'coffer;help;login' {
            break
        }
        'coffer;help;logout' {
            break
        }
        'coffer;help;whoami' {
            break
        }
        'coffer;help;users' {
            break
        }
        'coffer;help;status' {
            break
        }
        'coffer;help;wallet' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a wallet from a new BIP-39 mnemonic.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the wallets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a wallet: accounts, key origins, xpubs, descriptors, addresses')
            [CompletionResult]::new('reveal', 'reveal', [CompletionResultType]::ParameterValue, 'Show a wallet''s mnemonic, after the transaction PIN (audited).')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an xpub, an Ethereum address or a `wallet export --watch-only` file.')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export what an online watch-only copy needs: public keys and descriptors only.')
            [CompletionResult]::new('create-multisig', 'create-multisig', [CompletionResultType]::ParameterValue, 'Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys with origins, and optionally a key of this vault.')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a wallet')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a wallet: hidden from lists, kept in the vault')
            [CompletionResult]::new('balance', 'balance', [CompletionResultType]::ParameterValue, 'Confirmed, pending and total balance per wallet and currency')
            [CompletionResult]::new('fees', 'fees', [CompletionResultType]::ParameterValue, 'Fee rates of the levels slow, normal and fast (sat/vB), per network.')
            [CompletionResult]::new('backend', 'backend', [CompletionResultType]::ParameterValue, 'Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC endpoint of each EVM chain')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Read what the backends know: Bitcoin, new blocks and the mempool from the node (transactions, confirmations, reorganisations); EVM, balances, token balances, nonces, transfers and receipts')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'ERC-20 tokens: add, list, remove')
            break
        }
        'coffer;help;wallet;create' {
            break
        }
        'coffer;help;wallet;list' {
            break
        }
        'coffer;help;wallet;show' {
            break
        }
        'coffer;help;wallet;reveal' {
            break
        }
        'coffer;help;wallet;import' {
            break
        }
        'coffer;help;wallet;export' {
            break
        }
        'coffer;help;wallet;create-multisig' {
            break
        }
        'coffer;help;wallet;rename' {
            break
        }
        'coffer;help;wallet;archive' {
            break
        }
        'coffer;help;wallet;balance' {
            break
        }
        'coffer;help;wallet;fees' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'Set the confirmation targets (blocks) the node''s `estimatesmartfee` is asked for: `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults)')
            break
        }
        'coffer;help;wallet;fees;set' {
            break
        }
        'coffer;help;wallet;fees;targets' {
            break
        }
        'coffer;help;wallet;backend' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or the Bitcoin Core node of a network (checked: its chain must be that network), or an Electrum server or an Esplora API of a network (checked: its genesis must be that network''s).')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an endpoint')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check an endpoint now: chain, height, (Bitcoin: version, initial block download), and the round trip.')
            break
        }
        'coffer;help;wallet;backend;set' {
            break
        }
        'coffer;help;wallet;backend;list' {
            break
        }
        'coffer;help;wallet;backend;remove' {
            break
        }
        'coffer;help;wallet;backend;test' {
            break
        }
        'coffer;help;wallet;sync' {
            break
        }
        'coffer;help;wallet;token' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an ERC-20 token (symbol and decimals read from the contract when a backend is set for the chain; else both must be given).')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a token')
            break
        }
        'coffer;help;wallet;token;add' {
            break
        }
        'coffer;help;wallet;token;list' {
            break
        }
        'coffer;help;wallet;token;remove' {
            break
        }
        'coffer;help;addr' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Derive the next address(es) of a wallet.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a wallet''s derived addresses')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set the label of an address')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an address (with a terminal QR code on request)')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.')
            break
        }
        'coffer;help;addr;new' {
            break
        }
        'coffer;help;addr;list' {
            break
        }
        'coffer;help;addr;label' {
            break
        }
        'coffer;help;addr;show' {
            break
        }
        'coffer;help;addr;validate' {
            break
        }
        'coffer;help;sign-message' {
            break
        }
        'coffer;help;verify-message' {
            break
        }
        'coffer;help;utxo' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The unspent coins of a Bitcoin wallet: outpoint, amount, address, label, confirmations, and whether they are frozen.')
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later): coin selection never picks them; `send --from` still can.')
            [CompletionResult]::new('unfreeze', 'unfreeze', [CompletionResultType]::ParameterValue, 'Unfreeze coins or addresses')
            break
        }
        'coffer;help;utxo;list' {
            break
        }
        'coffer;help;utxo;freeze' {
            break
        }
        'coffer;help;utxo;unfreeze' {
            break
        }
        'coffer;help;send' {
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a PSBT with this vault''s keys (the offline signer).')
            [CompletionResult]::new('broadcast', 'broadcast', [CompletionResultType]::ParameterValue, 'Finalize a signed PSBT (or take raw hex), extract the transaction and record it')
            [CompletionResult]::new('bump', 'bump', [CompletionResultType]::ParameterValue, 'Replace a pending transaction of ours by one paying a higher fee (RBF)')
            [CompletionResult]::new('combine', 'combine', [CompletionResultType]::ParameterValue, 'Merge PSBTs of the same transaction signed by different cosigners (multisig).')
            [CompletionResult]::new('cancel-eth', 'cancel-eth', [CompletionResultType]::ParameterValue, 'Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the same nonce and higher fees (fast by default, at least 10 % more).')
            [CompletionResult]::new('cpfp', 'cpfp', [CompletionResultType]::ParameterValue, 'Child pays for parent: spend our output of a pending transaction (incoming, or our change) with a fee that lifts both to RATE.')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Approve a send that was held (a limit, a new recipient, level high): shows it again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a backend, broadcasts.')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Drop a held send: nothing is signed')
            [CompletionResult]::new('abandon', 'abandon', [CompletionResultType]::ParameterValue, 'Abandon a signed Bitcoin transaction that will never confirm: one never broadcast (--no-broadcast, or a broadcast that was lost), what Bitcoin Core''s `abandontransaction` does. Its coins become spendable again; it stays in history as `abandoned`, counted nowhere, with the unconfirmed transactions spending it. Refused for a confirmed transaction, and for one the network''s node holds in its mempool (it may still confirm: `send bump` replaces it).')
            break
        }
        'coffer;help;send;sign' {
            break
        }
        'coffer;help;send;broadcast' {
            break
        }
        'coffer;help;send;bump' {
            break
        }
        'coffer;help;send;combine' {
            break
        }
        'coffer;help;send;cancel-eth' {
            break
        }
        'coffer;help;send;cpfp' {
            break
        }
        'coffer;help;send;confirm' {
            break
        }
        'coffer;help;send;cancel' {
            break
        }
        'coffer;help;send;abandon' {
            break
        }
        'coffer;help;history' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Everything known about one transaction (by ID or transaction id)')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set the label of a transaction (empty to clear)')
            [CompletionResult]::new('categorize', 'categorize', [CompletionResultType]::ParameterValue, 'Set the category of a transaction (empty to clear)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Set the note of a transaction (empty to clear)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the transactions (every filter of `history` applies) as CSV or JSON.')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Totals in, out, fees and net per month, category or currency, in the asset and in the preferred fiat currency (at each transaction''s time)')
            break
        }
        'coffer;help;history;show' {
            break
        }
        'coffer;help;history;label' {
            break
        }
        'coffer;help;history;categorize' {
            break
        }
        'coffer;help;history;note' {
            break
        }
        'coffer;help;history;export' {
            break
        }
        'coffer;help;history;summary' {
            break
        }
        'coffer;help;labels' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read BIP-329 labels; imported labels win over existing ones')
            break
        }
        'coffer;help;labels;export' {
            break
        }
        'coffer;help;labels;import' {
            break
        }
        'coffer;help;backup' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Write a full, encrypted backup of the vault.')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The backups in the default location and those this vault recorded')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a backup in memory: decryption, header hash, database integrity, schema, keys against stored addresses, counts. Changes nothing')
            break
        }
        'coffer;help;backup;create' {
            break
        }
        'coffer;help;backup;list' {
            break
        }
        'coffer;help;backup;verify' {
            break
        }
        'coffer;help;restore' {
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'A new local user from a full backup (asks for a new password and PIN, prints a new recovery code). An existing user is never overwritten.')
            [CompletionResult]::new('wallet', 'wallet', [CompletionResultType]::ParameterValue, 'A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first --gap-limit addresses derived (and EVM balances read when a backend is set).')
            [CompletionResult]::new('partial', 'partial', [CompletionResultType]::ParameterValue, 'Merge a backup''s labels, notes, categories, settings and rates into this vault')
            break
        }
        'coffer;help;restore;vault' {
            break
        }
        'coffer;help;restore;wallet' {
            break
        }
        'coffer;help;restore;partial' {
            break
        }
        'coffer;help;rates' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The latest rate of each pair, with its time and source')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a history of rates from a CSV file of `time,pair,rate` rows')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The rates of a pair over time')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch current rates from the configured source (`rates source set`)')
            [CompletionResult]::new('source', 'source', [CompletionResultType]::ParameterValue, 'The HTTP source `rates fetch` reads')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`')
            break
        }
        'coffer;help;rates;list' {
            break
        }
        'coffer;help;rates;set' {
            break
        }
        'coffer;help;rates;import' {
            break
        }
        'coffer;help;rates;history' {
            break
        }
        'coffer;help;rates;fetch' {
            break
        }
        'coffer;help;rates;source' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the source: `coffer rates source set URL --format coingecko`.')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the source')
            break
        }
        'coffer;help;rates;source;set' {
            break
        }
        'coffer;help;rates;source;remove' {
            break
        }
        'coffer;help;rates;convert' {
            break
        }
        'coffer;help;currencies' {
            break
        }
        'coffer;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one: `coffer config set currency EUR`')
            break
        }
        'coffer;help;config;show' {
            break
        }
        'coffer;help;config;set' {
            break
        }
        'coffer;help;receive' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Apply an incoming Bitcoin transaction given as raw hex (offline).')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for a payment: syncs with the network''s node (or the EVM backend) every --interval until a payment to --address (or to the wallet) of at least --amount has --confirmations; exit 10 at --timeout. --exec runs a command when it came.')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print incoming payments as they happen, one line per event (`payment`, `confirmed`, `replaced`; with --json one JSON object per line), until stopped, --count events or --timeout. What the vault already knew is not announced.')
            break
        }
        'coffer;help;receive;import' {
            break
        }
        'coffer;help;receive;wait' {
            break
        }
        'coffer;help;receive;watch' {
            break
        }
        'coffer;help;security' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show the audit trail, newest first.')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Forgotten password: unlock with the recovery code and set a new password. A new recovery code replaces the old one.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every security setting, the keyslots'' KDF parameters, failure counters, and recommendations')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting: session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency.')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'The transaction PIN')
            [CompletionResult]::new('password', 'password', [CompletionResultType]::ParameterValue, 'Change the login password (the current one, then the new one twice). The vault key is unchanged; every session ends.')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Give the vault a new key (and a new recovery code), and rewrap the password keyslot, with stronger Argon2id parameters if given. Every session ends.')
            [CompletionResult]::new('recovery-code', 'recovery-code', [CompletionResultType]::ParameterValue, 'A new recovery code (PIN required); the old one stops working')
            [CompletionResult]::new('2fa', '2fa', [CompletionResultType]::ParameterValue, 'TOTP two-factor authentication')
            break
        }
        'coffer;help;security;log' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the hash chain: the first altered or missing row, or a log that does not hold the head profile.json recorded (an older vault put in place; exit 8 when broken)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every row in chain order, with its hash')
            [CompletionResult]::new('reanchor', 'reanchor', [CompletionResultType]::ParameterValue, 'Accept the vault in place after putting an older one back yourself (docs/recovery.md): the recorded head becomes this log''s head (PIN, and a 2FA code when 2FA is on; audited as `audit_reanchored`, severity high).')
            break
        }
        'coffer;help;security;log;verify' {
            break
        }
        'coffer;help;security;log;export' {
            break
        }
        'coffer;help;security;log;reanchor' {
            break
        }
        'coffer;help;security;recover' {
            break
        }
        'coffer;help;security;show' {
            break
        }
        'coffer;help;security;set' {
            [CompletionResult]::new('session-timeout', 'session-timeout', [CompletionResultType]::ParameterValue, 'The idle timeout of new sessions: a duration from 1m to 12h.')
            [CompletionResult]::new('session-max', 'session-max', [CompletionResultType]::ParameterValue, 'The absolute lifetime of new sessions: a duration from 1m to 24h.')
            [CompletionResult]::new('level', 'level', [CompletionResultType]::ParameterValue, 'The security level: standard or high.')
            [CompletionResult]::new('limit-tx', 'limit-tx', [CompletionResultType]::ParameterValue, 'The most one send may move of an asset, or off.')
            [CompletionResult]::new('limit-daily', 'limit-daily', [CompletionResultType]::ParameterValue, 'The most that may leave in a rolling 24 hours of an asset, or off.')
            [CompletionResult]::new('confirm-new-recipient', 'confirm-new-recipient', [CompletionResultType]::ParameterValue, 'Hold a send to a recipient never paid before for approval: on or off.')
            [CompletionResult]::new('auto-backup', 'auto-backup', [CompletionResultType]::ParameterValue, 'Automatic full backups: on (with how often, where and to whom) or off.')
            [CompletionResult]::new('currency', 'currency', [CompletionResultType]::ParameterValue, 'The preferred fiat currency (as `config set currency`).')
            break
        }
        'coffer;help;security;set;session-timeout' {
            break
        }
        'coffer;help;security;set;session-max' {
            break
        }
        'coffer;help;security;set;level' {
            break
        }
        'coffer;help;security;set;limit-tx' {
            break
        }
        'coffer;help;security;set;limit-daily' {
            break
        }
        'coffer;help;security;set;confirm-new-recipient' {
            break
        }
        'coffer;help;security;set;auto-backup' {
            break
        }
        'coffer;help;security;set;currency' {
            break
        }
        'coffer;help;security;pin' {
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'Change the PIN: the current one, then the new one twice.')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'A forgotten PIN: set a new one with the login password (and a two-factor code when 2FA is on). Clears a PIN lock.')
            break
        }
        'coffer;help;security;pin;change' {
            break
        }
        'coffer;help;security;pin;reset' {
            break
        }
        'coffer;help;security;password' {
            break
        }
        'coffer;help;security;rekey' {
            break
        }
        'coffer;help;security;recovery-code' {
            break
        }
        'coffer;help;security;2fa' {
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI and a QR code for an authenticator app; it is on only once a code from the app is entered (asked here on a terminal, else with --code). Prints backup codes.')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Turn it off: the PIN and a current code (or a backup code)')
            break
        }
        'coffer;help;security;2fa;enable' {
            break
        }
        'coffer;help;security;2fa;disable' {
            break
        }
        'coffer;help;completions' {
            break
        }
        'coffer;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
