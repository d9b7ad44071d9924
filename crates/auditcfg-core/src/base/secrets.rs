//! The registry of secrets: the one place that knows which values are
//! secret. Masking, diffs, diagnostics, change records, exports and
//! field-level encryption all ask this module, and nothing else.

use crate::pointer;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// What upstream writes in place of an opaque secret.
pub const MASK: &str = "***MASKED***";
/// What replaces the user name and password inside a masked URL.
pub const URL_CREDENTIAL_MASK: &str = "***";

/// How a secret is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SecretKind {
    /// The whole value is secret: replaced by [`MASK`].
    Opaque,
    /// A connection URL: it keeps its shape, the user name and password
    /// become [`URL_CREDENTIAL_MASK`].
    Url,
}

/// One entry of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretPath {
    /// A JSON Pointer; a `*` token matches any one key or index.
    pub pattern: &'static str,
    /// How it is masked.
    pub kind: SecretKind,
    /// Does upstream mask it too? (`false`: upstream forgets it.)
    pub upstream: bool,
}

const fn opaque(pattern: &'static str, upstream: bool) -> SecretPath {
    SecretPath {
        pattern,
        kind: SecretKind::Opaque,
        upstream,
    }
}

const fn url(pattern: &'static str, upstream: bool) -> SecretPath {
    SecretPath {
        pattern,
        kind: SecretKind::Url,
        upstream,
    }
}

/// Every known secret path of the config document.
pub const SECRET_PATHS: &[SecretPath] = &[
    opaque("/server/auth/sessionSecret", true),
    opaque("/security/encryptionKey", true),
    opaque("/server/externalServices/smtp/pass", true),
    opaque(
        "/server/externalServices/webhook/headers/Authorization",
        true,
    ),
    opaque("/monitoring/notification/credentials/secret", true),
    opaque("/server/inngest/eventKey", true),
    opaque("/server/inngest/signingKey", true),
    opaque("/security/kms/encryptionKey", true),
    opaque("/security/kms/signingKey", true),
    opaque("/security/kms/accessToken", true),
    url("/redis/url", true),
    url("/database/url", true),
    url("/enhancedClient/connectionPool/url", true),
    url("/server/auth/dbUrl", true),
    url("/server/auth/redisUrl", true),
    // Upstream forgets these; we do not.
    opaque("/monitoring/notification/credentials/password", false),
    opaque("/observability/tracing/headers/*", false),
    opaque("/logging/otlp/headers/*", false),
    opaque("/server/externalServices/webhook/headers/*", false),
    url("/enhancedClient/replication/readReplicas/*", false),
    // Not an upstream field: a query cache with its own Redis (see
    // `crate::probe::CACHE_REDIS_URL`).
    url("/enhancedClient/queryCacheFactory/redis/url", false),
];

/// Key names that mark a string as secret wherever it appears, so that
/// secrets in fields we do not model (an `smtp.password`, a storage
/// `secretAccessKey`) are masked too. Compared case-insensitively,
/// ignoring `_` and `-`.
const SECRET_KEY_WORDS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "credential",
];

/// The registry with each pattern's depth and last token, computed once.
fn registry_index() -> &'static [(usize, &'static str, SecretPath)] {
    static INDEX: std::sync::OnceLock<Vec<(usize, &'static str, SecretPath)>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        SECRET_PATHS
            .iter()
            .map(|e| {
                let depth = e.pattern.bytes().filter(|&b| b == b'/').count();
                (depth, e.pattern.rsplit('/').next().unwrap_or_default(), *e)
            })
            .collect()
    })
}

/// Is the value at `pointer` secret, and how is it masked?
///
/// The explicit registry wins; otherwise a key whose name contains a
/// secret word (see `SECRET_KEY_WORDS`) is opaque.
pub fn secret_kind(pointer: &str) -> Option<SecretKind> {
    // This runs for every leaf of every document: compare the precomputed
    // depth and last token before matching the whole pattern.
    let last = pointer.rsplit('/').next()?;
    let depth = pointer.bytes().filter(|&b| b == b'/').count();
    for (entry_depth, entry_last, entry) in registry_index() {
        if *entry_depth == depth
            && (*entry_last == "*" || *entry_last == last)
            && pointer::matches(entry.pattern, pointer)
        {
            return Some(entry.kind);
        }
    }
    if last.is_empty() || last.len() > 64 {
        return None;
    }
    // Lower-case the key without `_` and `-` into a stack buffer (keys are
    // short; this runs for every leaf, so no allocation).
    let mut buf = [0u8; 64];
    let mut len = 0;
    for b in last.bytes().filter(|b| *b != b'_' && *b != b'-') {
        buf[len] = b.to_ascii_lowercase();
        len += 1;
    }
    let norm = &buf[..len];
    // Switches, names, paths and lengths about a secret are not secrets
    // (`enableApiKeyAuth`, `apiKeyHeader`, `tokenTtl`).
    const NOT_SECRET_PREFIXES: &[&[u8]] = &[b"enable", b"disable", b"use", b"require", b"allow"];
    const NOT_SECRET_SUFFIXES: &[&[u8]] = &[
        b"header",
        b"headers",
        b"path",
        b"name",
        b"field",
        b"length",
        b"ttl",
        b"expiry",
        b"expiresin",
        b"maxage",
        b"enabled",
        b"required",
        b"type",
        b"format",
        b"url",
        b"endpoint",
        b"env",
        b"file",
    ];
    if NOT_SECRET_PREFIXES.iter().any(|p| norm.starts_with(p))
        || NOT_SECRET_SUFFIXES.iter().any(|x| norm.ends_with(x))
    {
        return None;
    }
    SECRET_KEY_WORDS
        .iter()
        .any(|w| norm.windows(w.len()).any(|win| win == w.as_bytes()))
        .then_some(SecretKind::Opaque)
}

/// Is the value at `pointer` secret?
pub fn is_secret(pointer: &str) -> bool {
    secret_kind(pointer).is_some()
}

/// Could some value below `pointer` be secret? (Used to decide whether a
/// whole subtree can be shown.)
pub fn may_contain_secret(pointer: &str, value: &Value) -> bool {
    let mut out = Vec::new();
    collect(
        value,
        pointer,
        secret_kind_within(pointer).is_some(),
        &mut out,
    );
    !out.is_empty()
}

/// Masks a connection URL: user name and password become `***`, the rest
/// keeps its shape. A string that does not parse as a URL is masked whole,
/// since we cannot tell where its credentials are.
pub fn mask_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut u) => {
            if !u.username().is_empty() {
                let _ = u.set_username(URL_CREDENTIAL_MASK);
            }
            if u.password().is_some() {
                let _ = u.set_password(Some(URL_CREDENTIAL_MASK));
            }
            // The query string may carry credentials too (`?password=`).
            if u.query().is_some() {
                let masked: Vec<(String, String)> = u
                    .query_pairs()
                    .map(|(k, v)| {
                        let v = if secret_kind(&format!("/{k}")).is_some() {
                            URL_CREDENTIAL_MASK.to_owned()
                        } else {
                            v.into_owned()
                        };
                        (k.into_owned(), v)
                    })
                    .collect();
                u.query_pairs_mut().clear().extend_pairs(masked);
            }
            u.to_string()
        }
        Err(_) => MASK.to_owned(),
    }
}

/// The masked form of one secret value (non-strings are masked whole;
/// booleans and null carry no secret and are kept).
pub fn mask_secret(kind: SecretKind, value: &Value) -> Value {
    match (kind, value) {
        (_, Value::Null | Value::Bool(_)) => value.clone(),
        (SecretKind::Url, Value::String(s)) => Value::String(mask_url(s)),
        _ => Value::String(MASK.to_owned()),
    }
}

/// Can a value of this type be a secret? A boolean or a null cannot
/// (`server.cors.credentials: true` is a switch, not a credential).
pub fn can_hold_secret(value: &Value) -> bool {
    !matches!(value, Value::Null | Value::Bool(_))
}

/// The secret kind of a schema field at `pointer` whose JSON types are
/// `types` (`["boolean"]`, `["string", "null"]`...): a form marks a field
/// secret exactly when [`mask_value_at`] masks the values it can hold. A
/// field that can only hold booleans or null is never secret
/// (`server.cors.credentials` is a switch); a list or map is secret when
/// its items are (`readReplicas/*`); a field with no declared type is
/// judged by its path.
pub fn field_secret_kind<S: AsRef<str>>(pointer: &str, types: &[S]) -> Option<SecretKind> {
    let has = |t: &str| types.iter().any(|x| x.as_ref() == t);
    let only_switches = !types.is_empty()
        && types
            .iter()
            .all(|t| matches!(t.as_ref(), "boolean" | "null"));
    if only_switches {
        return None;
    }
    secret_kind_within(pointer).or_else(|| {
        (types.is_empty() || has("array") || has("object"))
            .then(|| secret_kind(&pointer::push(pointer, "*")))
            .flatten()
    })
}

/// Like [`secret_kind`], but also secret when an **ancestor** of `pointer`
/// is a secret path: a secret written with the wrong type (an object or an
/// array where a string belongs, `"encryptionKey": {"value": "…"}`) is
/// secret all the way down, and each leaf below it is opaque.
pub fn secret_kind_within(pointer: &str) -> Option<SecretKind> {
    if let Some(kind) = secret_kind(pointer) {
        return Some(kind);
    }
    pointer::ancestors(pointer)
        .any(|a| secret_kind(a).is_some())
        .then_some(SecretKind::Opaque)
}

/// Is `value`, found at `pointer`, a secret (by its own path or an
/// ancestor's, and of a type that can hold one)?
pub fn is_secret_value(pointer: &str, value: &Value) -> bool {
    can_hold_secret(value) && secret_kind_within(pointer).is_some()
}

/// A copy of `value` (found at `at`) with every secret masked: the
/// sanitised export, covering what upstream masks and what it forgets.
/// Below a secret path every string and number is masked, whatever the
/// shape (objects and arrays keep their shape).
pub fn mask_value_at(value: &Value, at: &str) -> Value {
    match secret_kind_within(at) {
        Some(kind) => mask_all(kind, value),
        None => mask_below(value, at),
    }
}

/// Masks every secret below `at`, which is not itself secret.
fn mask_below(value: &Value, at: &str) -> Value {
    let child = |v: &Value, p: String| match secret_kind(&p) {
        Some(kind) => mask_all(kind, v),
        None => mask_below(v, &p),
    };
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| child(v, pointer::push(at, &i.to_string())))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), child(v, pointer::push(at, k))))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Masks a value at a secret path: a scalar by its kind, every string and
/// number inside a container as opaque.
fn mask_all(kind: SecretKind, value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| mask_all(SecretKind::Opaque, v))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), mask_all(SecretKind::Opaque, v)))
                .collect(),
        ),
        other => mask_secret(kind, other),
    }
}

/// A copy of a whole document with every secret masked.
pub fn mask_document(value: &Value) -> Value {
    mask_value_at(value, "")
}

/// The pointers of every secret value present in a document: each string
/// or number at a secret path, or anywhere below one.
pub fn secret_pointers(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect(value, "", false, &mut out);
    out
}

fn collect(value: &Value, at: &str, inside: bool, out: &mut Vec<String>) {
    let inside = inside || (!at.is_empty() && is_secret(at));
    match value {
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect(v, &pointer::push(at, &i.to_string()), inside, out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                collect(v, &pointer::push(at, k), inside, out);
            }
        }
        Value::Null | Value::Bool(_) => {}
        _ => {
            if inside {
                out.push(at.to_owned());
            }
        }
    }
}

/// A short fingerprint of a secret value, so that two people can confirm
/// they hold the same value without seeing it: `sha256:` and the first 8
/// hex digits of SHA-256 over a domain-separated encoding of the value.
///
/// Eight hex digits (32 bits) tell values apart in practice while giving
/// an attacker almost nothing: a 32-byte random secret cannot be recovered
/// from them. A guessable password could be confirmed by brute force, as
/// with any hash; the diff shows fingerprints only for secrets.
pub fn fingerprint(value: &Value) -> String {
    let mut h = Sha256::new();
    h.update(b"auditcfg-secret-fingerprint-v1\0");
    match value {
        Value::String(s) => h.update(s.as_bytes()),
        other => h.update(other.to_string().as_bytes()),
    }
    let digest = h.finalize();
    let mut out = String::from("sha256:");
    for b in &digest[..4] {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn registry_and_heuristic() {
        assert_eq!(
            secret_kind("/security/encryptionKey"),
            Some(SecretKind::Opaque)
        );
        assert_eq!(secret_kind("/redis/url"), Some(SecretKind::Url));
        assert_eq!(
            secret_kind("/enhancedClient/replication/readReplicas/1"),
            Some(SecretKind::Url)
        );
        assert_eq!(
            secret_kind("/logging/otlp/headers/x-api-key"),
            Some(SecretKind::Opaque)
        );
        assert_eq!(
            secret_kind("/server/externalServices/smtp/password"),
            Some(SecretKind::Opaque)
        );
        assert_eq!(secret_kind("/server/port"), None);
        // Names, switches and paths about secrets are not secrets.
        assert_eq!(secret_kind("/server/security/enableApiKeyAuth"), None);
        assert_eq!(secret_kind("/server/security/apiKeyHeader"), None);
        assert_eq!(secret_kind("/x/passwordFile"), None);
        assert_eq!(secret_kind("/x/apiKey"), Some(SecretKind::Opaque));
        assert_eq!(secret_kind(""), None);
    }

    #[test]
    fn url_masking_keeps_shape() {
        assert_eq!(
            mask_url("postgresql://alice:s3cret@db:5432/audit"),
            "postgresql://***:***@db:5432/audit"
        );
        assert_eq!(mask_url("redis://localhost:6379"), "redis://localhost:6379");
        assert_eq!(mask_url("not a url s3cret"), MASK);
        let masked = mask_url("postgres://db/audit?sslmode=require&password=hunter2");
        assert!(!masked.contains("hunter2"), "{masked}");
        assert!(masked.contains("sslmode=require"));
    }

    #[test]
    fn document_masking_covers_forgotten_secrets() {
        let doc = json!({
            "security": {"encryptionKey": "k".repeat(64), "hashAlgorithm": "SHA-256"},
            "monitoring": {"notification": {"credentials": {"password": "pw-MARK"}}},
            "observability": {"tracing": {"headers": {"x-key": "hdr-MARK"}}},
            "enhancedClient": {"replication": {"readReplicas": ["postgres://u:rep-MARK@h/db"]}},
            "unknown": {"nested": {"apiToken": "tok-MARK"}}
        });
        let masked = mask_document(&doc).to_string();
        assert!(!masked.contains("MARK"), "{masked}");
        assert!(!masked.contains(&"k".repeat(64)));
        assert!(masked.contains("SHA-256"));
        assert_eq!(secret_pointers(&doc).len(), 5);
    }

    #[test]
    fn fingerprints_are_short_stable_and_distinct() {
        let a = fingerprint(&json!("alpha"));
        assert_eq!(a, fingerprint(&json!("alpha")));
        assert_ne!(a, fingerprint(&json!("beta")));
        assert_eq!(a.len(), "sha256:".len() + 8);
    }
}
