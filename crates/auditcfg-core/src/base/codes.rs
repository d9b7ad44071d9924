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
//! `AC3xx` review rules beyond upstream.

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
}

impl RuleGroup {
    /// Lower-case name (`syntax`, `schema`, `upstream`, `review`).
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleGroup::Syntax => "syntax",
            RuleGroup::Schema => "schema",
            RuleGroup::Upstream => "upstream",
            RuleGroup::Review => "review",
        }
    }

    /// Parses a lower-case group name.
    pub fn from_name(name: &str) -> Option<RuleGroup> {
        match name {
            "syntax" => Some(RuleGroup::Syntax),
            "schema" => Some(RuleGroup::Schema),
            "upstream" => Some(RuleGroup::Upstream),
            "review" => Some(RuleGroup::Review),
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
    #[serde(skip)]
    docs: Docs,
}

impl CodeInfo {
    /// The full documentation as Markdown: the code and name on the first
    /// line, then **What.**, **Why.**, **Example.** and **Fix.**.
    pub fn docs(&self) -> String {
        match self.docs {
            Docs::Inline(text) => text.trim().to_owned(),
            Docs::RuleFile(source) => module_docs(source),
        }
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
                        docs: $docs,
                    },)*
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

    ByteOrderMark = "AC003" "byte-order-mark", Syntax, Warning, Value,
        "Node's JSON.parse rejects a byte-order mark.",
        Docs::Inline("`AC003` byte-order-mark: the file starts with a UTF-8 byte-order mark.

**What.** The first bytes are `EF BB BF`, which some Windows editors write.

**Why.** Node's `fs.readFile` keeps the mark and `JSON.parse` rejects it: the server does not start.

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
        "Dates and URLs must parse.",
        Docs::Inline("`AC106` invalid-format: a string is not a valid date-time or URI.

**What.** `lastUpdated` must be a date-time; fields typed as URIs must be absolute URIs.

**Why.** Upstream parses `lastUpdated` as a date; an unparseable one is `Invalid Date` and breaks version history.

**Example.** `\"lastUpdated\": \"yesterday\"`.

**Fix.** Write an ISO 8601 date-time (`2026-01-01T00:00:00.000Z`) or an absolute URL.");

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
    InvalidEmail = "AC307" "invalid-email", Review, Error, Value,
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
                _ => RuleGroup::Review,
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
