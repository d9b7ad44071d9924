//! The code registry: every diagnostic code the core can report, with its
//! metadata and its documentation, in one table.
//!
//! A code is a [`Code`]; nothing compares codes as strings. Each row names
//! the code (`AC313`), its stable kebab-case name, its group, its default
//! severity, where its findings anchor (the value, or the key), a one-line
//! summary and its docs (**What.** / **Why.** / **Example.** / **Fix.**).
//! Rules implemented in their own file (`rules/*.rs`) keep their docs there,
//! as the file's `//!` comment, compiled in here with `include_str!` (text,
//! not a module dependency: this layer imports nothing above it); codes
//! reported by the parsers and the schema validators have their docs in the
//! row itself. `docs/rules.md` is generated from this table.
//!
//! Codes are stable and never reused: `AC0xx` syntax (parsers), `AC1xx`
//! schema keywords, `AC2xx` upstream's own rules (same paths and limits),
//! `AC3xx` review rules beyond upstream, `AC4xx` what `auditcfg probe`
//! finds out from the live services.

use crate::base::diagnostic::Severity;
use serde::Serialize;

/// Which family a code belongs to; callers choose families to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleGroup {
    /// Found by the parser.
    Syntax,
    /// Found by the JSON Schema.
    Schema,
    /// What upstream's own validators check.
    Upstream,
    /// What a careful reviewer of a production config checks.
    Review,
    /// What `auditcfg probe` finds out from the live services
    /// (`crate::probe`); never run by `validate`.
    Probe,
    /// An organisation's own rule from a policy file (`crate::policy`);
    /// run when policies are given.
    Policy,
}

impl RuleGroup {
    /// Lower-case name (`syntax`, `schema`, `upstream`, `review`).
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleGroup::Syntax => "syntax",
            RuleGroup::Schema => "schema",
            RuleGroup::Upstream => "upstream",
            RuleGroup::Review => "review",
            RuleGroup::Probe => "probe",
            RuleGroup::Policy => "policy",
        }
    }

    /// Parses a lower-case group name.
    pub fn from_name(name: &str) -> Option<RuleGroup> {
        match name {
            "syntax" => Some(RuleGroup::Syntax),
            "schema" => Some(RuleGroup::Schema),
            "upstream" => Some(RuleGroup::Upstream),
            "review" => Some(RuleGroup::Review),
            "probe" => Some(RuleGroup::Probe),
            "policy" => Some(RuleGroup::Policy),
            _ => None,
        }
    }
}

/// Where a finding of a code is shown when it is placed in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// The value at the finding's path (or, when it is missing, the nearest
    /// parent's key).
    Value,
    /// The key of the member at the finding's path (e.g. an unknown key).
    Key,
}

/// Where a code's documentation comes from.
#[derive(Debug, Clone, Copy)]
enum Docs {
    /// Written in the registry row.
    Inline(&'static str),
    /// The `//!` comment of the rule file that implements the code.
    RuleFile(&'static str),
}

/// Static facts about one code.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CodeInfo {
    /// Stable code (`AC201`).
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Family.
    pub group: RuleGroup,
    /// Severity in the common case (some rules depend on the environment).
    pub severity: Severity,
    /// Where findings anchor.
    pub anchor: Anchor,
    /// One-line rationale.
    pub summary: &'static str,
}

impl CodeInfo {
    /// The full documentation as Markdown: the code and name on the first
    /// line, then **What.**, **Why.**, **Example.** and **Fix.**.
    pub fn docs(&self) -> String {
        Code::find(self.code).map(Code::docs).unwrap_or_default()
    }
}

/// The leading `//!` block of a Rust source file, as Markdown.
fn module_docs(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//!") else {
            break;
        };
        out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        out.push('\n');
    }
    out.trim_end().to_owned()
}

macro_rules! registry {
    ($(
        $(#[$attr:meta])*
        $variant:ident = $code:literal $name:literal, $group:ident, $severity:ident, $anchor:ident,
            $summary:literal, $docs:expr;
    )*) => {
        /// Every diagnostic code, in code order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`", $code, "` ", $name, ": ", $summary)]
                $(#[$attr])*
                $variant,
            )*
        }

        impl Code {
            /// Every code, in code order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code's metadata and docs.
            pub const fn info(self) -> &'static CodeInfo {
                match self {
                    $(Code::$variant => &CodeInfo {
                        code: $code,
                        name: $name,
                        group: RuleGroup::$group,
                        severity: Severity::$severity,
                        anchor: Anchor::$anchor,
                        summary: $summary,
                    },)*
                }
            }

            /// The code's full documentation as Markdown (kept apart from
            /// [`Code::info`], so a build that never shows docs does not
            /// carry their text).
            pub fn docs(self) -> String {
                let docs: Docs = match self {
                    $(Code::$variant => $docs,)*
                };
                match docs {
                    Docs::Inline(text) => text.trim().to_owned(),
                    Docs::RuleFile(source) => module_docs(source),
                }
            }
        }
    };
}

registry! {
    SyntaxError = "AC001" "syntax-error", Syntax, Error, Value,
        "The text must be valid JSON or TOML.",
        Docs::Inline("`AC001` syntax-error: the text is not valid JSON or TOML.

**What.** The parser stopped at a character that cannot continue the document: a missing comma or colon, an unterminated string, a comment or a trailing comma in JSON, single quotes, a broken TOML table header. The range is the offending character; the message says what was expected.

**Why.** The audit server reads its config with `JSON.parse`, which refuses the whole file for one stray character: the server does not start.

**Example.** `{\"redis\": {\"url\": \"redis://localhost:6379\",}}` (trailing comma).

**Fix.** Correct the character at the range; the help line says how when the cause is a common one (comments, trailing commas, single quotes).");

    DuplicateKey = "AC002" "duplicate-key", Syntax, Error, Key,
        "A repeated key hides a value: JSON.parse silently keeps the last one.",
        Docs::Inline("`AC002` duplicate-key: an object repeats a key.

**What.** The same key appears twice in one object. The finding is on the later key and names the earlier one as a related range.

**Why.** `JSON.parse` keeps the last value silently; a reader (or a reviewer of a diff) sees the first one and believes it applies.

**Example.** `{\"port\": 3000, \"port\": 8080}`: the server listens on 8080.

**Fix.** Remove the occurrence that is not meant (the quick fix removes the earlier one, which the server ignores anyway).");

    ByteOrderMark = "AC003" "byte-order-mark", Syntax, Error, Value,
        "Node's JSON.parse throws on a byte-order mark: the server does not start.",
        Docs::Inline("`AC003` byte-order-mark: the file starts with a UTF-8 byte-order mark.

**What.** The first bytes are `EF BB BF`, which some Windows editors write. An error in every rule selection; the rest of the document is still checked.

**Why.** Node's `fs.readFile` keeps the mark and `JSON.parse` throws on it (Node 20: `Unexpected token '\u{feff}'`): the server does not start.

**Example.** A config saved as \"UTF-8 with BOM\".

**Fix.** Save the file as UTF-8 without a byte-order mark.");

    InvalidUtf8 = "AC004" "invalid-utf8", Syntax, Error, Value,
        "Config files are UTF-8 text.",
        Docs::Inline("`AC004` invalid-utf8: the bytes are not UTF-8.

**What.** A byte sequence is not valid UTF-8 (Latin-1, UTF-16, a binary file). The range is the first invalid sequence.

**Why.** The server reads its config as UTF-8; invalid bytes become U+FFFD and change names and secrets silently.

**Example.** A file saved as Windows-1252 with `é` in a name.

**Fix.** Re-save the file as UTF-8.");

    NumberPrecision = "AC005" "number-precision", Syntax, Warning, Value,
        "Integers beyond 2^53 change value when JavaScript reads them.",
        Docs::Inline("`AC005` number-precision: an integer beyond 2^53.

**What.** An integer whose magnitude exceeds 2^53 - 1, the largest JavaScript holds exactly.

**Why.** `JSON.parse` rounds it to the nearest double: the server uses another value than the one written.

**Example.** `\"maxSize\": 9007199254740993` is read as 9007199254740992.

**Fix.** Use a value within ±9007199254740991, or a string if the field accepts one.");

    NotJsonRepresentable = "AC006" "not-json-representable", Syntax, Error, Value,
        "The audit server reads JSON: every value needs a JSON form.",
        Docs::Inline("`AC006` not-json-representable: a TOML value with no JSON form.

**What.** A TOML `inf`, `nan` or an integer beyond 64 bits.

**Why.** The server reads JSON; such a value cannot be written there.

**Example.** `timeout = inf`.

**Fix.** Write a finite number within range.");

    SealedFields = "AC007" "sealed-fields", Syntax, Info, Value,
        "Sealed (encrypted) secrets cannot be checked until they are opened.",
        Docs::Inline("`AC007` sealed-fields: the document holds sealed secrets.

**What.** The document's secrets are sealed (field-level encryption, `\"enc:v1:…\"` values with a `$auditcfgEncryption` block). Reported once, at the block, with the number of sealed values.

**Why.** A sealed value is ciphertext: its format (URL, length, placeholder) cannot be checked, so those rules stay quiet on it instead of reporting every ciphertext as malformed.

**Example.** The output of `auditcfg encrypt --fields`.

**Fix.** Nothing to fix; to check the secrets themselves, open the document (`auditcfg decrypt --fields`) and validate that.");

    EncryptedConfig = "AC008" "encrypted-config", Syntax, Error, Value,
        "An encrypted config must be decrypted before it can be checked.",
        Docs::Inline("`AC008` encrypted-config: the text is an encrypted config.

**What.** The file is the audit server's encrypted storage (`{\"algorithm\": \"AES-256-GCM\", \"iv\", \"data\", \"authTag\"}` or CBC) or a KMS-encrypted file (`{\"data\": ...}`), given where a plain config is expected (`validate`, `diff`, the app). Reported once, at its `algorithm` line, never quoting the ciphertext.

**Why.** Its fields are not config fields: without this, the document would show one \"missing required field\" error per section and hide what it is.

**Example.** `auditcfg validate config.enc.json`.

**Fix.** Decrypt it first (`auditcfg decrypt FILE`, with the salt from `--salt` or `AUDIT_CONFIG_SALT` when the file does not record it), then validate the result. A KMS file opens only with the KMS.");

    RequiredField = "AC101" "required-field", Schema, Error, Value,
        "Every field the server reads must be present.",
        Docs::Inline("`AC101` required-field: a field the server needs is missing.

**What.** A key the schema marks as required is absent. The range points at the key of the object that should hold it.

**Why.** Upstream reads every section and field; a missing one is `undefined` at run time and fails far from its cause.

**Example.** A `redis` object without `url`.

**Fix.** Add the field; the quick fix inserts it with the value of the preset for the document's environment.");

    WrongType = "AC102" "wrong-type", Schema, Error, Value,
        "A value of the wrong type is misread or rejected by the server.",
        Docs::Inline("`AC102` wrong-type: a value has the wrong JSON type.

**What.** The value is not of the type the schema gives (a string where a number is expected, `null` for a required value, a fraction for an integer...).

**Why.** Upstream compares with `typeof`; `\"5000\"` is not `5000`.

**Example.** `\"connectTimeout\": \"5000\"`.

**Fix.** Write the value with the expected type (`5000`, `true`, a list...).");

    OutOfRange = "AC103" "out-of-range", Schema, Error, Value,
        "Values outside their limits are rejected upstream or make no sense.",
        Docs::Inline("`AC103` out-of-range: a number is outside its inclusive limits.

**What.** The number is below the schema minimum or above its maximum. Upstream limits are copied exactly (e.g. `server.port` 3000..65535, `database.poolSize` 1..100); other fields get physical bounds (ratios 0..1, hours 0..23, non-negative durations).

**Why.** Upstream rejects the same values; the others cannot be meant.

**Example.** `\"poolSize\": 0`.

**Fix.** Choose a value within the limits; the (unsafe) quick fix sets the nearest limit.");

    InvalidEnum = "AC104" "invalid-enum", Schema, Error, Value,
        "Enumerated settings accept only their listed values.",
        Docs::Inline("`AC104` invalid-enum: a value is not one of the allowed values.

**What.** An enumerated field (environment, log level, strategy, algorithm...) holds a value outside its list. Values are case-sensitive, as upstream compares them.

**Why.** Upstream either rejects it or falls through to a default branch.

**Example.** `\"backoffStrategy\": \"Exponential\"`.

**Fix.** Use one of the listed values; the quick fix picks the closest one when a single value is near (a wrong case or a typo).");

    PatternMismatch = "AC105" "pattern-mismatch", Schema, Error, Value,
        "Names and addresses must match the shapes the server expects.",
        Docs::Inline("`AC105` pattern-mismatch: a string does not match its pattern.

**What.** Version strings (`^[0-9A-Za-z_.-]+$`), host names, queue names (`^[a-zA-Z0-9_-]+$`) and recipient e-mail addresses (`^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$`) are checked with upstream patterns, written ASCII-exact.

**Why.** Upstream rejects the same values.

**Example.** `\"queueName\": \"audit queue\"`.

**Fix.** Rewrite the value to match the pattern shown in the message.");

    InvalidFormat = "AC106" "invalid-format", Schema, Error, Value,
        "URLs must parse.",
        Docs::Inline("`AC106` invalid-format: a string is not a valid URI.

**What.** Fields typed as URIs must be absolute URIs. (`lastUpdated` is checked by `AC211`, as JavaScript's `Date.parse` reads it.)

**Why.** A URL that does not parse is only found at run time, when the connection fails.

**Example.** `\"tracing\": {\"exporterEndpoint\": \"not a url\"}`.

**Fix.** Write an absolute URL (`https://collector:4318/v1/traces`).");

    SchemaViolation = "AC107" "schema-violation", Schema, Error, Value,
        "The document must match the schema.",
        Docs::Inline("`AC107` schema-violation: any other schema constraint.

**What.** A constraint without a more specific code: string length, item counts, alternatives (`anyOf`/`oneOf`) none of which match (e.g. `server.cors.origin` must be a string or a list of strings).

**Why.** The schema describes what the server reads.

**Example.** `\"origin\": 42`.

**Fix.** Change the value to one of the shapes the message names.");

    RetryDelayOrder = "AC201" "retry-delay-order", Upstream, Error, Value,
        "A retry cap below the base delay silently disables the backoff.",
        Docs::RuleFile(include_str!("../rules/retry_delay_order.rs"));
    EncryptionKeyRequired = "AC202" "encryption-key-required", Upstream, Error, Value,
        "Log encryption cannot work without an encryption key.",
        Docs::RuleFile(include_str!("../rules/encryption_key_required.rs"));
    EncryptionKeyLength = "AC203" "encryption-key-length", Upstream, Error, Value,
        "Encryption keys shorter than 32 characters are weak; upstream rejects them.",
        Docs::RuleFile(include_str!("../rules/encryption_key_length.rs"));
    RecipientsRequired = "AC204" "recipients-required", Upstream, Error, Value,
        "Enabled compliance reports must go to someone.",
        Docs::RuleFile(include_str!("../rules/recipients_required.rs"));
    ProductionIntegrity = "AC205" "production-integrity", Upstream, Error, Value,
        "Production audit logs must be tamper-evident.",
        Docs::RuleFile(include_str!("../rules/production_integrity.rs"));
    ProductionDbSsl = "AC206" "production-db-ssl", Upstream, Error, Value,
        "Protected health information must be encrypted in transit to the database.",
        Docs::RuleFile(include_str!("../rules/production_db_ssl.rs"));
    ProductionDebugLogging = "AC207" "production-debug-logging", Upstream, Error, Value,
        "Debug logs in production are noisy and may leak health data.",
        Docs::RuleFile(include_str!("../rules/production_debug_logging.rs"));
    DevWorkerConcurrency = "AC208" "dev-worker-concurrency", Upstream, Warning, Value,
        "More than 10 workers in development mostly measures contention.",
        Docs::RuleFile(include_str!("../rules/dev_worker_concurrency.rs"));
    TestGdpr = "AC209" "test-gdpr", Upstream, Warning, Value,
        "GDPR processing in tests hints at real personal data in test.",
        Docs::RuleFile(include_str!("../rules/test_gdpr.rs"));
    UrlProtocol = "AC210" "url-protocol", Upstream, Error, Value,
        "The server connects to Redis and PostgreSQL only with their own URL schemes.",
        Docs::RuleFile(include_str!("../rules/url_protocol.rs"));
    LastUpdatedDate = "AC211" "last-updated-date", Upstream, Error, Value,
        "Upstream refuses a lastUpdated that Date.parse cannot read.",
        Docs::RuleFile(include_str!("../rules/last_updated_date.rs"));

    PlaceholderSecret = "AC301" "placeholder-secret", Review, Error, Value,
        "Placeholder keys and endpoints make the server fail when it signs, encrypts or alerts.",
        Docs::RuleFile(include_str!("../rules/placeholder_secret.rs"));
    RedisWithoutTls = "AC302" "redis-without-tls", Review, Error, Value,
        "Audit events and sessions must be encrypted in transit to Redis in production.",
        Docs::RuleFile(include_str!("../rules/redis_without_tls.rs"));
    EnvironmentMismatch = "AC303" "environment-mismatch", Review, Error, Value,
        "A section naming another environment was usually copied from the wrong file.",
        Docs::RuleFile(include_str!("../rules/environment_mismatch.rs"));
    PoolMinMax = "AC304" "pool-min-max", Review, Error, Value,
        "A pool cannot keep more idle connections than it may open.",
        Docs::RuleFile(include_str!("../rules/pool_min_max.rs"));
    PortConflict = "AC305" "port-conflict", Review, Error, Value,
        "The server and the worker cannot listen on the same port.",
        Docs::RuleFile(include_str!("../rules/port_conflict.rs"));
    ReplicaEqualsPrimary = "AC306" "replica-equals-primary", Review, Warning, Value,
        "A read replica that is the primary, or listed twice, defeats read routing.",
        Docs::RuleFile(include_str!("../rules/replica_equals_primary.rs"));
    InvalidEmail = "AC307" "invalid-email", Review, Warning, Value,
        "Reports and alerts sent to a malformed address are silently lost.",
        Docs::RuleFile(include_str!("../rules/invalid_email.rs"));
    InvalidUrl = "AC308" "invalid-url", Review, Error, Value,
        "A malformed URL is only found at run time, when traffic silently goes nowhere.",
        Docs::RuleFile(include_str!("../rules/invalid_url.rs"));
    InlineCredentials = "AC309" "inline-credentials", Review, Warning, Value,
        "Credentials in a config file leak with every copy of it.",
        Docs::RuleFile(include_str!("../rules/inline_credentials.rs"));
    CorsWildcardCredentials = "AC310" "cors-wildcard-credentials", Review, Error, Value,
        "A wildcard CORS origin with credentials breaks logins or opens the API to any site.",
        Docs::RuleFile(include_str!("../rules/cors_wildcard_credentials.rs"));
    ForeignEnvironmentHost = "AC311" "foreign-environment-host", Review, Warning, Value,
        "A production URL pointing at a local or another environment's host leaks or loses data.",
        Docs::RuleFile(include_str!("../rules/foreign_environment_host.rs"));
    PaginationLimits = "AC312" "pagination-limits", Review, Error, Value,
        "A default page size above the maximum is clamped or rejected on every plain list call.",
        Docs::RuleFile(include_str!("../rules/pagination_limits.rs"));
    SessionSecretLength = "AC313" "session-secret-length", Review, Error, Value,
        "Better Auth needs a session secret of 32 characters or more; short ones can be forged.",
        Docs::RuleFile(include_str!("../rules/session_secret_length.rs"));
    HipaaRetention = "AC314" "hipaa-retention", Review, Error, Value,
        "HIPAA requires audit records to be kept for six years.",
        Docs::RuleFile(include_str!("../rules/hipaa_retention.rs"));
    ProductionDebugMode = "AC315" "production-debug-mode", Review, Warning, Value,
        "The logger's debug mode in production may send health data to the logs.",
        Docs::RuleFile(include_str!("../rules/production_debug_mode.rs"));
    FullTraceSampling = "AC316" "full-trace-sampling", Review, Info, Value,
        "Tracing every production request is costly; a fraction usually suffices.",
        Docs::RuleFile(include_str!("../rules/full_trace_sampling.rs"));
    ArchiveUnencrypted = "AC317" "archive-unencrypted", Review, Warning, Value,
        "Archives of a HIPAA audit trail should be encrypted at rest.",
        Docs::RuleFile(include_str!("../rules/archive_unencrypted.rs"));
    UnknownField = "AC318" "unknown-field", Review, Info, Key,
        "The server ignores unknown keys: a misspelt key is a setting that never applies.",
        Docs::RuleFile(include_str!("../rules/unknown_field.rs"));

    ProbeUnreachable = "AC401" "probe-unreachable", Probe, Error, Value,
        "The service does not answer: the name does not resolve, nothing listens, or no connection within the timeout.",
        Docs::Inline("`AC401` probe-unreachable: The service does not answer: the name does not resolve, nothing listens, or no connection within the timeout.

**What.** `auditcfg probe` could not reach the service a URL names: the host \
name does not resolve, nothing listens on the port, or no connection (TCP, TLS and login) \
was made within the connect timeout (`database.connectionTimeout` for PostgreSQL, \
`redis.connectTimeout` for Redis, capped by `--timeout`).\n\n\
**Why.** The server would fail the same way at start-up. Run the probe from the machine \
(or network) that will run the server.\n\n\
**Example.** `\"database\": {\"url\": \"postgresql://db:5999/audit\"}` with nothing on port \
5999 is reported at `/database/url`: `cannot connect to db:5999: connection refused`.

**Fix.** Check the host name and port, that the service runs and that this machine may reach it (firewall, security group); raise the connect timeout only if the network is known to be slow.");
    ProbeAuthRejected = "AC402" "probe-auth-rejected", Probe, Error, Value,
        "The service refuses the credentials in the URL (or requires some).",
        Docs::Inline("`AC402` probe-auth-rejected: The service refuses the credentials in the URL (or requires some).

**What.** The service refused the user name or password in the URL (PostgreSQL \
`28P01`, Redis `WRONGPASS`), or requires one the URL does not give (Redis `NOAUTH`, \
PostgreSQL asking for a password).\n\n\
**Why.** A wrong password is the most common deployment-day failure. The message never \
shows the user name or the password.\n\n\
**Example.** `\"server\": {\"auth\": {\"dbUrl\": \"postgresql://auth:wrong@db/auth\"}}` is \
reported at `/server/auth/dbUrl`: `PostgreSQL refused the password`.

**Fix.** Correct the user name or password (or provide it through the environment, e.g. `AUDIT_DB_URL`, `REDIS_URL`); create the role or ACL user if it does not exist.");
    ProbeDatabaseMissing = "AC403" "probe-database-missing", Probe, Error, Value,
        "The database named in the URL does not exist on the server.",
        Docs::Inline("`AC403` probe-database-missing: The database named in the URL does not exist on the server.

**What.** PostgreSQL accepted the login, but the database in the URL's path does \
not exist (`3D000`), or `pg_hba.conf` has no entry for this user, database and address \
(`28000`).\n\n\
**Why.** Both stop the server at its first query; the second often means the server \
requires TLS (`hostssl`) and the config does not use it.\n\n\
**Example.** `postgresql://audit@db/audit_prd` (a typo of `audit_prod`) is reported at the \
URL's path.

**Fix.** Correct the database name in the URL, create the database, or add a `pg_hba.conf` entry for this user, database and address (with `hostssl` if TLS is required).");
    ProbeTlsMismatch = "AC404" "probe-tls-mismatch", Probe, Error, Value,
        "The config requires TLS and the server does not offer it (or, in production, the reverse).",
        Docs::Inline("`AC404` probe-tls-mismatch: The config requires TLS and the server does not offer it (or, in production, the reverse).

**What.** The config requires TLS (`database.ssl`, \
`enhancedClient.connectionPool.ssl`, `sslmode=require` in the URL, `rediss://`) but the \
server does not offer it (PostgreSQL answers `N` to the SSL request; a Redis port that \
does not speak TLS). In production, also the reverse: the server offers TLS and the config \
does not use it (a warning).\n\n\
**Why.** With TLS required the server cannot connect at all; without it, audit data and \
credentials cross the network in clear text.\n\n\
**Example.** `\"database\": {\"ssl\": true}` against a server with `ssl = off` is reported \
at `/database/ssl`.

**Fix.** Turn TLS on in the service (PostgreSQL `ssl = on`, a TLS port for Redis), or make the config match what the service offers outside production.");
    ProbeTlsCertificate = "AC405" "probe-tls-certificate", Probe, Error, Value,
        "The server's TLS certificate is not trusted, expired, or names another host.",
        Docs::Inline("`AC405` probe-tls-certificate: The server's TLS certificate is not trusted, expired, or names another host.

**What.** The TLS handshake failed on the server's certificate: not signed by a \
trusted authority (the system's roots plus `--ca-file`), expired, or for another host \
name.\n\n\
**Why.** The server's client would refuse it too (or, worse, be configured to skip \
verification). Fix the certificate or give its authority.\n\n\
**Example.** `rediss://redis:6380` with a self-signed certificate is reported at \
`/redis/url`: `the certificate is not trusted`.

**Fix.** Install a certificate whose name matches the host and that chains to a trusted CA, or pass the internal CA with `--ca-file` (and give it to the server the same way).");
    ProbeProtocolError = "AC406" "probe-protocol-error", Probe, Error, Value,
        "The server answered, but not as the URL's service would, or refused a read-only query.",
        Docs::Inline("`AC406` probe-protocol-error: The server answered, but not as the URL's service would, or refused a read-only query.

**What.** The server answered, but not as PostgreSQL or Redis would (another \
service on the port), broke the protocol, has no free connection slot, or refused one of \
the probe's read-only queries.\n\n\
**Why.** The URL points at the wrong thing, or the server is in a state where the audit \
server cannot use it.\n\n\
**Example.** `redis://db:5432` (the PostgreSQL port) is reported at `/redis/url`: `no \
answer to PING like Redis`.

**Fix.** Point the URL at the right service and port (a PostgreSQL URL at PostgreSQL, a Redis URL at Redis).");
    ProbeConnectionBudget = "AC407" "probe-connection-budget", Probe, Error, Value,
        "The pools can open more connections than PostgreSQL allows.",
        Docs::Inline("`AC407` probe-connection-budget: The pools can open more connections than PostgreSQL allows.

**What.** The pools that open connections to one PostgreSQL server \
(`database.poolSize`, `enhancedClient.connectionPool.maxConnections`, \
`server.auth.poolSize`, counted once per URL that reaches that server, times \
`--instances`) can together open more connections than the server allows: \
`max_connections` minus `superuser_reserved_connections` (and `reserved_connections` on \
PostgreSQL 16+). Reported at the largest pool.\n\n\
**Why.** Under load the last connections fail with `too many clients`, usually at the \
worst moment.\n\n\
**Example.** Pools of 25 + 50 + 20 against `max_connections = 50` (3 reserved) is \
reported at `/enhancedClient/connectionPool/maxConnections`.

**Fix.** Lower the pool sizes (`database.poolSize`, `enhancedClient.connectionPool.maxConnections`, `server.auth.poolSize`) or raise PostgreSQL's `max_connections`, counting every server instance.");
    ProbeStatementTimeout = "AC408" "probe-statement-timeout", Probe, Warning, Value,
        "The server cancels statements before database.queryTimeout would.",
        Docs::Inline("`AC408` probe-statement-timeout: The server cancels statements before database.queryTimeout would.

**What.** The server's `statement_timeout` (as the URL's user gets it) is set \
and shorter than `database.queryTimeout`.\n\n\
**Why.** The server cancels long statements before the client's own timeout: the client \
sees cancellations (`57014`) where it expects its timeout, and long audit queries (reports, \
archival) fail earlier than configured.\n\n\
**Example.** `statement_timeout = 30s` with `\"queryTimeout\": 60000` is reported at \
`/database/queryTimeout`.

**Fix.** Align `statement_timeout` on the server (or the role) with `database.queryTimeout`.");
    ProbeSlowQueryLog = "AC409" "probe-slow-query-log", Probe, Info, Value,
        "The server logs slow statements at a higher threshold than the client flags them.",
        Docs::Inline("`AC409` probe-slow-query-log: The server logs slow statements at a higher threshold than the client flags them.

**What.** With `enhancedClient.monitoring.enabled`, the server logs slow \
statements (`log_min_duration_statement` set) at a higher threshold than \
`enhancedClient.monitoring.slowQueryThreshold`.\n\n\
**Why.** Queries the client reports as slow leave no trace in the server log, which is \
where their plans would be found. Information only.\n\n\
**Example.** `log_min_duration_statement = 10s` with `\"slowQueryThreshold\": 3000` is \
reported at `/enhancedClient/monitoring/slowQueryThreshold`.

**Fix.** Set `log_min_duration_statement` to the configured slow-query threshold, or change the threshold to match.");
    ProbePgStatStatements = "AC410" "probe-pg-stat-statements", Probe, Warning, Value,
        "Query monitoring is on but pg_stat_statements is not loaded.",
        Docs::Inline("`AC410` probe-pg-stat-statements: Query monitoring is on but pg_stat_statements is not loaded.

**What.** `enhancedClient.monitoring.enabled` is true but `pg_stat_statements` \
is not in the server's `shared_preload_libraries`.\n\n\
**Why.** The enhanced client's query statistics and auto-optimisation read \
`pg_stat_statements`; without the library they have nothing to read.\n\n\
**Example.** A default PostgreSQL (`shared_preload_libraries = ''`) is reported at \
`/enhancedClient/monitoring/enabled`.

**Fix.** Add `pg_stat_statements` to `shared_preload_libraries` (and `CREATE EXTENSION pg_stat_statements`), or turn the enhanced client's monitoring off.");
    ProbeReplicaNotInRecovery = "AC411" "probe-replica-not-in-recovery", Probe, Error, Value,
        "A read replica is a primary (not in recovery): reads may see other data.",
        Docs::Inline("`AC411` probe-replica-not-in-recovery: A read replica is a primary (not in recovery): reads may see other data.

**What.** A read replica (probed when `enhancedClient.replication.enabled`) \
answers `pg_is_in_recovery()` with false: it is a primary of its own.\n\n\
**Why.** Reads routed there see a database that does not follow the primary: audit \
queries return other (stale or different) data.\n\n\
**Example.** `\"readReplicas\": [\"postgresql://replica-1/audit\"]` where `replica-1` is a \
stand-alone server is reported at `/enhancedClient/replication/readReplicas/0`.

**Fix.** Point the replica URL at a standby (a server in recovery), not at a primary.");
    ProbeReplicaIsPrimary = "AC412" "probe-replica-is-primary", Probe, Warning, Value,
        "A read replica is the primary server itself, under another name.",
        Docs::Inline("`AC412` probe-replica-is-primary: A read replica is the primary server itself, under another name.

**What.** A read replica is the same running server as a primary URL \
(`database.url`, `enhancedClient.connectionPool.url`), reached under another name: same \
system identifier and start time.\n\n\
**Why.** Like `AC306`, which catches the same URL written twice: reads get none of the \
relief replication was configured for.\n\n\
**Example.** `database.url` `postgresql://db/audit` and replica \
`postgresql://10.0.0.5/audit` where `db` is `10.0.0.5` is reported at the replica.

**Fix.** Point the replica URL at a replica host, not at the primary itself.");
    ProbeRedisEviction = "AC413" "probe-redis-eviction", Probe, Error, Value,
        "Redis may evict keys (maxmemory-policy is not noeviction): queued events can be lost.",
        Docs::Inline("`AC413` probe-redis-eviction: Redis may evict keys (maxmemory-policy is not noeviction): queued events can be lost.

**What.** Redis's `maxmemory-policy` is not `noeviction`. An error for \
`redis.url` (the event queue), a warning for `server.auth.redisUrl` (sessions); a query \
cache with its own Redis may evict.\n\n\
**Why.** When memory runs out, Redis deletes keys: queued audit events (the queue's keys) \
are lost without an error, sessions end. Upstream's troubleshooting guide says to monitor \
eviction policies; for a queue the policy must be `noeviction`.\n\n\
**Example.** `maxmemory-policy allkeys-lru` is reported at `/redis/url`.

**Fix.** Set `maxmemory-policy noeviction` on the Redis that holds the queue.");
    ProbeRedisNoMaxmemory = "AC414" "probe-redis-no-maxmemory", Probe, Warning, Value,
        "Redis has no memory limit (maxmemory 0) in production.",
        Docs::Inline("`AC414` probe-redis-no-maxmemory: Redis has no memory limit (maxmemory 0) in production.

**What.** In production, Redis runs without a memory limit (`maxmemory 0`).\n\n\
**Why.** Without a limit Redis grows until the operating system kills it, taking every \
queued event with it; with one (and `noeviction`) writes fail visibly instead.\n\n\
**Example.** A production config whose Redis has `maxmemory 0` is reported at \
`/redis/url`.

**Fix.** Set `maxmemory` in production so Redis fails writes instead of the host running out of memory.");
    ProbeRedisProtectedMode = "AC415" "probe-redis-protected-mode", Probe, Warning, Value,
        "Redis accepts connections without a password and protected-mode is off, in production.",
        Docs::Inline("`AC415` probe-redis-protected-mode: Redis accepts connections without a password and protected-mode is off, in production.

**What.** In production, the URL gives no password, Redis accepted the \
connection, and `protected-mode` is off.\n\n\
**Why.** Anyone who reaches the port can read and change the queue. Upstream's \
deployment keeps protected mode on and requires a password.\n\n\
**Example.** `redis://redis-prod:6379` against `protected-mode no` without `requirepass` \
is reported at `/redis/url`.

**Fix.** Turn `protected-mode` on (or bind Redis to private addresses with a password).");
    ProbeRedisPersistence = "AC416" "probe-redis-persistence", Probe, Warning, Value,
        "The queue's Redis has append-only persistence off in production: queued events die with it.",
        Docs::Inline("`AC416` probe-redis-persistence: The queue's Redis has append-only persistence off in production: queued events die with it.

**What.** In production, the Redis of `redis.url` (the queue) has append-only \
persistence off (`appendonly no`).\n\n\
**Why.** Queued audit events that were accepted but not yet processed die with a Redis \
restart. Upstream's deployment runs Redis with `appendonly yes`.\n\n\
**Example.** A production config whose queue Redis has `aof_enabled:0` is reported at \
`/redis/url`.

**Fix.** Turn `appendonly yes` on so queued events survive a Redis restart.");
    ProbeConnectLatency = "AC417" "probe-connect-latency", Probe, Warning, Value,
        "Connecting takes more than half the configured connect timeout.",
        Docs::Inline("`AC417` probe-connect-latency: Connecting takes more than half the configured connect timeout.

**What.** The measured TCP connect time to a service is more than half of the \
configured connect timeout (`database.connectionTimeout`, `redis.connectTimeout`).\n\n\
**Why.** With that little margin, an ordinary latency spike becomes a failed connection. \
Raise the timeout or move closer to the service.\n\n\
**Example.** A 2,600 ms connect with `\"connectionTimeout\": 5000` is reported at \
`/database/connectionTimeout`.

**Fix.** Raise the connect timeout, or move the service closer to the server.");
    ProbeNotChecked = "AC418" "probe-not-checked", Probe, Info, Value,
        "Something the probe could not check (no URL of the service, no permission to read a setting).",
        Docs::Inline("`AC418` probe-not-checked: Something the probe could not check (no URL of the service, no permission to read a setting).

**What.** Something the probe could not check: a URL field that is not a URL of \
its service (so it was not probed), or a setting the probe had no permission to read \
(Redis `CONFIG` disabled, PostgreSQL settings hidden).\n\n\
**Why.** A clean probe must mean \"checked and fine\", not \"not looked at\". Information \
only.\n\n\
**Example.** `\"redis\": {\"url\": \"http://redis:6379\"}` is reported at `/redis/url`: \
`not probed: not a redis:// or rediss:// URL`.

**Fix.** Nothing to repair; give the probe the URL or the permission it names to check it too.");
    PolicyRule = "AC500" "policy-rule", Policy, Error, Value,
        "An organisation policy's own rule (a CEL expression in a policy file) does not hold.",
        Docs::Inline("`AC500` policy-rule: a rule of an organisation policy file does not hold.

**What.** The registry row behind every finding of a policy rule (`auditcfg validate --policy org.toml`). Such a finding carries the rule's own code (`ORG001`), severity, message and help; this row only says where it comes from. A rule that cannot be evaluated (a missing key, a type mismatch) or that would exceed the evaluation limits is a finding of that rule saying why.

**Why.** Organisations have rules of their own that no upstream validator knows (production databases on one network, TLS never switched off); written as CEL in a policy file they are checked everywhere the built-in rules are.

**Example.** `[[rule]] code = \"ORG001\" path = \"/database\" rule = \"self.ssl\" message = \"production databases use TLS\"` reports `ORG001` at `/database` when `ssl` is false.

**Fix.** Change the config so the rule holds, or ask the policy's owner; `auditcfg explain ORG001 --policy org.toml` shows the rule's expression. See docs/policies.md.");
}

impl Code {
    /// The code as written (`AC313`).
    pub const fn as_str(self) -> &'static str {
        self.info().code
    }
    /// The stable kebab-case name (`session-secret-length`).
    pub const fn name(self) -> &'static str {
        self.info().name
    }
    /// The family.
    pub const fn group(self) -> RuleGroup {
        self.info().group
    }
    /// The default severity.
    pub const fn severity(self) -> Severity {
        self.info().severity
    }
    /// Where findings anchor.
    pub const fn anchor(self) -> Anchor {
        self.info().anchor
    }

    /// Looks a code up by its code (`AC313`, any case) or its name
    /// (`session-secret-length`).
    pub fn find(code_or_name: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(code_or_name) || c.name() == code_or_name)
    }

    /// Every code's metadata, in code order.
    pub fn catalog() -> impl Iterator<Item = &'static CodeInfo> {
        Code::ALL.iter().map(|c| c.info())
    }
}

/// The whole registry as Markdown (the table, then every code's docs):
/// `docs/rules.md` and `auditcfg rules --markdown`.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the code registry (crates/auditcfg-core/src/base/codes.rs and the rule files' docs); do not edit. Regenerate: `auditcfg rules --markdown > docs/rules.md`. -->\n\n\
         Every finding has a stable code. `AC0xx` come from the parsers, `AC1xx` from the JSON Schema, \
         `AC2xx` are upstream's own rules (same paths, same limits), `AC3xx` are review rules beyond upstream. \
         `auditcfg explain CODE` prints one code's docs.\n\n\
         | code | name | group | severity | why |\n|---|---|---|---|---|\n",
    );
    for info in Code::catalog() {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} | {} |\n",
            info.code,
            info.code.to_lowercase(),
            info.name,
            info.group.as_str(),
            info.severity.as_str(),
            info.summary
        ));
    }
    for info in Code::catalog() {
        out.push_str(&format!("\n## {}\n\n{}\n", info.code, info.docs()));
    }
    out
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_well_formed_and_in_order() {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes must be unique and in code order");
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len(), "duplicate name");
        for c in Code::ALL {
            let code = c.as_str();
            assert!(code.len() == 5 && code.starts_with("AC"), "{code}");
            assert!(code[2..].bytes().all(|b| b.is_ascii_digit()), "{code}");
            assert!(
                c.name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()),
                "{code}"
            );
            let summary = c.info().summary;
            assert!(!summary.is_empty() && !summary.contains('\n'), "{code}");
            // The first digit is the group.
            let group = match &code[2..3] {
                "0" => RuleGroup::Syntax,
                "1" => RuleGroup::Schema,
                "2" => RuleGroup::Upstream,
                "3" => RuleGroup::Review,
                "5" => RuleGroup::Policy,
                _ => RuleGroup::Probe,
            };
            assert_eq!(c.group(), group, "{code}");
        }
    }

    #[test]
    fn every_code_is_documented_what_why_example_fix() {
        for c in Code::ALL {
            let docs = c.info().docs();
            let head = format!("`{}` {}", c.as_str(), c.name());
            assert!(
                docs.starts_with(&head),
                "{} docs start with {head:?}: {docs:.60}",
                c.as_str()
            );
            for part in ["**What.**", "**Why.**", "**Example.**", "**Fix.**"] {
                assert!(docs.contains(part), "{} lacks {part}", c.as_str());
            }
        }
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(Code::find("AC313"), Some(Code::SessionSecretLength));
        assert_eq!(Code::find("ac313"), Some(Code::SessionSecretLength));
        assert_eq!(
            Code::find("session-secret-length"),
            Some(Code::SessionSecretLength)
        );
        assert_eq!(Code::find("AC999"), None);
        assert_eq!(Code::find(""), None);
        assert_eq!(Code::UnknownField.anchor(), Anchor::Key);
        assert_eq!(Code::DuplicateKey.to_string(), "AC002");
        assert_eq!(
            serde_json::to_string(&Code::InvalidEnum).ok().as_deref(),
            Some("\"AC104\"")
        );
    }

    #[test]
    fn module_docs_reads_the_leading_comment_only() {
        let src = "//! `AC1` x: y\n//!\n//! **What.** w\nuse a;\n//! not docs\n";
        assert_eq!(module_docs(src), "`AC1` x: y\n\n**What.** w");
    }
}
