//! The registry of secrets: the one place that knows which values are
//! secret. Masking, diffs, diagnostics, change records, exports and
//! field-level encryption all ask this module, and nothing else.

use crate::base::web_url;
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

/// The bytes a secret word starts with.
static WORD_STARTS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < SECRET_KEY_WORDS.len() {
        t[SECRET_KEY_WORDS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    t
};

/// The registry with each pattern's depth and last token, computed once.
fn registry_index() -> &'static [(usize, &'static str, SecretPath)] {
    &registry().0
}

/// The registry indexed for [`secret_kind`]: every entry with its depth and
/// last token, in registry order, and for each depth the positions of its
/// entries in that list (a look-up compares only the entries of its depth).
#[allow(clippy::type_complexity)]
fn registry() -> &'static (Vec<(usize, &'static str, SecretPath)>, Vec<Vec<usize>>) {
    static INDEX: std::sync::OnceLock<(Vec<(usize, &'static str, SecretPath)>, Vec<Vec<usize>>)> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let entries: Vec<(usize, &'static str, SecretPath)> = SECRET_PATHS
            .iter()
            .map(|e| {
                let depth = e.pattern.bytes().filter(|&b| b == b'/').count();
                (depth, e.pattern.rsplit('/').next().unwrap_or_default(), *e)
            })
            .collect();
        let deepest = entries.iter().map(|e| e.0).max().unwrap_or(0);
        let mut by_depth = vec![Vec::new(); deepest + 1];
        for (i, e) in entries.iter().enumerate() {
            if let Some(list) = by_depth.get_mut(e.0) {
                list.push(i);
            }
        }
        (entries, by_depth)
    })
}

/// Is the value at `pointer` secret, and how is it masked?
///
/// The explicit registry wins; otherwise a key whose name contains a
/// secret word (see `SECRET_KEY_WORDS`) is opaque.
pub fn secret_kind(pointer: &str) -> Option<SecretKind> {
    // This runs for every leaf of every document (validation, diff,
    // masking), and almost every leaf is no secret: two quick rejects
    // (`REGISTRY_FILTER` on the last two tokens, `WORD_BITS` on the letters
    // of the last) skip the registry and the key-name check, whose answers
    // they never change (`fast_path_agrees_with_the_reference`). One pass
    // back over the last token finds its start and its letters.
    let bytes = pointer.as_bytes();
    let mut start = bytes.len();
    let mut bits = 0u32;
    while let Some(&b) = start.checked_sub(1).and_then(|i| bytes.get(i)) {
        if b == b'/' {
            break;
        }
        bits |= 1 << (b & 31);
        start -= 1;
    }
    let last = bytes.get(start..).unwrap_or_default();
    // The token before the last, looked for only when it may be the parent
    // of a `*` pattern (its last byte ends one).
    let parent = || {
        let head = bytes.get(..start.checked_sub(1)?)?;
        let &end = head.last()?;
        if !REGISTRY_FILTER.star_parent_ends[usize::from(end)] {
            return None;
        }
        let from = head.iter().rposition(|&b| b == b'/')?;
        head.get(from + 1..)
    };
    if REGISTRY_FILTER.may_match(last, parent)
        && let Some(kind) = registry_kind(pointer, last)
    {
        return Some(kind);
    }
    let could_name =
        !last.is_empty() && last.len() <= 64 && WORD_BITS.iter().any(|&w| w & !bits == 0);
    (could_name && key_names_secret(last)).then_some(SecretKind::Opaque)
}

/// The registry entry matching `pointer` (whose raw last token is `last`),
/// in registry order: only the entries of the pointer's depth are compared,
/// by their last token before the whole pattern.
fn registry_kind(pointer: &str, last: &[u8]) -> Option<SecretKind> {
    let depth = pointer
        .as_bytes()
        .iter()
        .fold(0, |n, &b| n + usize::from(b == b'/'));
    let (entries, by_depth) = registry();
    for &i in by_depth.get(depth).map_or(&[][..], Vec::as_slice) {
        let Some((_, entry_last, entry)) = entries.get(i) else {
            continue;
        };
        if (*entry_last == "*" || entry_last.as_bytes() == last)
            && pointer::matches(entry.pattern, pointer)
        {
            return Some(entry.kind);
        }
    }
    None
}

/// A hash of a token for [`TokenFilter`]: its length and its first and last
/// bytes, in `0..256`.
const fn token_hash(t: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (t.first(), t.last()) else {
        return 0;
    };
    (t.len().wrapping_mul(31) ^ (first as usize).wrapping_mul(7) ^ last as usize) & 255
}

/// Which tokens may end a registry path: a set of [`token_hash`]es of the
/// patterns' last tokens, and of the tokens before a last `*`. A pointer
/// whose last token (and parent token) hashes to no bit matches no entry
/// (a match needs the same last token, or the same parent for `*`).
struct TokenFilter {
    last: [u64; 4],
    star_parent: [u64; 4],
    /// The last bytes of the tokens before a last `*`.
    star_parent_ends: [bool; 256],
    /// A pattern ending in `/*/*` (or a one-token `/*`): no filtering.
    always: bool,
}

impl TokenFilter {
    const fn of(paths: &[SecretPath]) -> TokenFilter {
        let mut f = TokenFilter {
            last: [0; 4],
            star_parent: [0; 4],
            star_parent_ends: [false; 256],
            always: false,
        };
        let mut i = 0;
        while i < paths.len() {
            let p = paths[i].pattern.as_bytes();
            // The last two tokens, by hand (no iterators in a `const fn`).
            let mut slash = p.len();
            while slash > 0 && p[slash - 1] != b'/' {
                slash -= 1;
            }
            let last = p.split_at(slash).1;
            if let [b'*'] = last {
                let end = slash.saturating_sub(1);
                let mut start = end;
                while start > 0 && p[start - 1] != b'/' {
                    start -= 1;
                }
                let parent = p.split_at(end).0.split_at(start).1;
                if start == 0 || matches!(parent, [b'*']) {
                    f.always = true;
                } else {
                    let h = token_hash(parent);
                    f.star_parent[h / 64] |= 1 << (h % 64);
                    if let Some(&b) = parent.last() {
                        f.star_parent_ends[b as usize] = true;
                    } else {
                        // An empty parent (`//*`): no last byte to test.
                        f.always = true;
                    }
                }
            } else {
                let h = token_hash(last);
                f.last[h / 64] |= 1 << (h % 64);
            }
            i += 1;
        }
        f
    }

    /// `parent`: the token before `last`, or `None` when there is none or
    /// its last byte is not in `star_parent_ends`.
    fn may_match<'p>(&self, last: &[u8], parent: impl FnOnce() -> Option<&'p [u8]>) -> bool {
        let has = |set: &[u64; 4], t: &[u8]| {
            let h = token_hash(t);
            set.get(h / 64).is_some_and(|w| w & (1 << (h % 64)) != 0)
        };
        self.always || has(&self.last, last) || parent().is_some_and(|p| has(&self.star_parent, p))
    }
}

static REGISTRY_FILTER: TokenFilter = TokenFilter::of(SECRET_PATHS);

/// One bit per byte value modulo 32 (`b & 31`): a letter's bit is the same
/// in upper and lower case.
const fn letter_bits(s: &[u8]) -> u32 {
    let mut bits = 0u32;
    let mut i = 0;
    while i < s.len() {
        bits |= 1 << (s[i] & 31);
        i += 1;
    }
    bits
}

/// [`letter_bits`] of each secret word: a word inside the normalised key
/// has each of its letters in the key (in some case), so every bit of the
/// word's is among the key's (a quick reject for [`key_names_secret`]).
static WORD_BITS: [u32; SECRET_KEY_WORDS.len()] = {
    let mut t = [0u32; SECRET_KEY_WORDS.len()];
    let mut i = 0;
    while i < SECRET_KEY_WORDS.len() {
        t[i] = letter_bits(SECRET_KEY_WORDS[i].as_bytes());
        i += 1;
    }
    t
};

/// Does a key's name say that its value is secret? It contains a secret
/// word (`SECRET_KEY_WORDS`), compared case-insensitively ignoring `_` and
/// `-`, and is not a switch, name, path or length about a secret
/// (`enableApiKeyAuth`, `apiKeyHeader`, `tokenTtl`).
fn key_names_secret(key: &[u8]) -> bool {
    if key.is_empty() || key.len() > 64 {
        return false;
    }
    // Lower-case the key without `_` and `-` into a stack buffer (keys are
    // short; this runs for every leaf, so no allocation).
    let mut buf = [0u8; 64];
    let mut len = 0;
    for b in key.iter().copied().filter(|b| *b != b'_' && *b != b'-') {
        buf[len] = b.to_ascii_lowercase();
        len += 1;
    }
    let norm = &buf[..len];
    // Most keys hold no secret word: look for one first, starting only where
    // a word's first letter is.
    let has_word = (0..norm.len()).any(|i| {
        let first = norm[i];
        WORD_STARTS[usize::from(first)]
            && SECRET_KEY_WORDS.iter().any(|w| {
                // The first letter before the whole word: most letters
                // start no word, or another one.
                let w = w.as_bytes();
                w[0] == first && norm.get(i + 1) == w.get(1) && norm[i..].starts_with(w)
            })
    });
    if !has_word {
        return false;
    }
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
    !(NOT_SECRET_PREFIXES.iter().any(|p| norm.starts_with(p))
        || NOT_SECRET_SUFFIXES.iter().any(|x| norm.ends_with(x)))
}

/// Like [`secret_kind_within`], for pointers recovered from text that
/// does not parse, where a value may sit at the wrong depth (a stray `}`
/// moves `eventKey` from `/server/inngest` to `/server`): also secret when
/// any token of the pointer is the last token of a registry path (`*`
/// patterns: when a token is the parent of the `*`), or names a secret by
/// itself. Over-matches on purpose: it only ever hides more.
pub fn secret_kind_loose(pointer: &str) -> Option<SecretKind> {
    if let Some(kind) = secret_kind_within(pointer) {
        return Some(kind);
    }
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    for (i, t) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        for (_, entry_last, entry) in registry_index() {
            let hit = if *entry_last == "*" {
                !last
                    && entry
                        .pattern
                        .rsplit('/')
                        .nth(1)
                        .is_some_and(|parent| parent == *t)
            } else {
                entry_last == t
            };
            if hit {
                return Some(if last { entry.kind } else { SecretKind::Opaque });
            }
        }
        if secret_kind(&format!("/{t}")).is_some() {
            return Some(SecretKind::Opaque);
        }
    }
    None
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
    let Ok(parsed) = web_url::parse(raw) else {
        return MASK.to_owned();
    };
    // A plain URL's authority is a host and a port of digits: with no
    // credentials and no query, the scan below could only find something
    // in a second URL, which starts at a second `://`.
    let plain = matches!(parsed, web_url::WebUrl::Plain(_));
    let (out, scan) = if parsed.username().is_empty()
        && parsed.password().is_none()
        && parsed.query().is_none()
    {
        // Nothing to mask: the URL as serialised.
        let href = parsed.href().into_owned();
        let scan = !plain || href.match_indices("://").nth(1).is_some();
        (href, scan)
    } else {
        // Masking edits the `url` crate's URL (a plain one is parsed again:
        // only a URL with credentials or a query gets here).
        let mut u = match parsed {
            web_url::WebUrl::Full(u) => *u,
            web_url::WebUrl::Plain(_) => match url::Url::parse(raw) {
                Ok(u) => u,
                Err(_) => return MASK.to_owned(),
            },
        };
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
        (u.to_string(), true)
    };
    // Credentials the URL parser does not see as such
    // (`postgresql:////user:pw@host` parses with an empty host and the
    // credentials in its path): what the text scan still finds means the
    // shape cannot be kept.
    if scan
        && url_credentials(&out)
            .iter()
            .any(|(r, _)| &out[r.clone()] != URL_CREDENTIAL_MASK)
    {
        return MASK.to_owned();
    }
    out
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
    let mut path = String::with_capacity(at.len() + 32);
    path.push_str(at);
    mask_below_in(value, &mut path)
}

/// [`mask_below`] with the pointer built in place (restored on return).
fn mask_below_in(value: &Value, at: &mut String) -> Value {
    let len = at.len();
    let child = |v: &Value, at: &mut String| {
        let masked = match secret_kind(at) {
            Some(kind) => mask_all(kind, v),
            None => mask_below_in(v, at),
        };
        at.truncate(len);
        masked
    };
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    pointer::push_index_into(at, i);
                    child(v, at)
                })
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    pointer::push_into(at, k);
                    (k.clone(), child(v, at))
                })
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
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(15);
    out.push_str("sha256:");
    for &b in &digest[..4] {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// The ranges of credentials inside every URL-looking string of `text`
/// (any text: a whole config that does not parse, a log line): for each
/// `scheme://`, the user name and the password of its `user:password@`
/// part, and the value of each query parameter named like a secret
/// (`?password=`, `&token=`). Byte ranges into `text`, in order, never
/// empty, each with `true` for a password or secret value and `false`
/// for a user name. Linear: each byte is looked at a bounded number of
/// times.
pub fn url_credentials(text: &str) -> Vec<(std::ops::Range<usize>, bool)> {
    let bytes = text.as_bytes();
    // Where a URL inside a config ends: quotes, blanks, brackets, and the
    // separators of JSON and TOML.
    let ends = |b: u8| {
        b.is_ascii_whitespace()
            || matches!(
                b,
                b'"' | b'\'' | b'`' | b'<' | b'>' | b'\\' | b',' | b'{' | b'}' | b'[' | b']'
            )
    };
    // `://` at `i` (bytes: no substring searcher per call).
    let separator_at = |i: usize| bytes.get(i..i + 3) == Some(b"://");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = bytes.get(from..).and_then(|rest| {
        rest.iter()
            .enumerate()
            .position(|(i, &b)| b == b':' && separator_at(from + i))
    }) {
        let at = from + found;
        let mut start = at + 3;
        // `scheme:////user:pw@host`: extra slashes are not the authority.
        while bytes.get(start) == Some(&b'/') {
            start += 1;
        }
        // The URL runs to a terminator or to the next `://` (so that each
        // byte is scanned once, and a URL glued to another is looked at
        // too).
        let mut end = start;
        while end < bytes.len() && !ends(bytes[end]) && !(bytes[end] == b':' && separator_at(end)) {
            end += 1;
        }
        from = end.max(start);
        let authority_end = bytes[start..end]
            .iter()
            .position(|b| matches!(b, b'/' | b'?' | b'#'))
            .map_or(end, |i| start + i);
        if let Some(at_sign) = text[start..authority_end].rfind('@') {
            let userinfo = start..start + at_sign;
            match text[userinfo.clone()].find(':') {
                Some(colon) => {
                    let colon = userinfo.start + colon;
                    if colon > userinfo.start {
                        out.push((userinfo.start..colon, false));
                    }
                    if colon + 1 < userinfo.end {
                        out.push((colon + 1..userinfo.end, true));
                    }
                }
                // `token@host`: a lone user info is often the secret.
                None if !userinfo.is_empty() => out.push((userinfo, true)),
                None => {}
            }
        } else if let Some(colon) = text[start..authority_end].rfind(':') {
            // No `@`: `host:port`, or credentials whose `@host` was cut
            // off or broken (`postgres://user:pa`). A port is digits.
            let after = start + colon + 1..authority_end;
            if !after.is_empty() && !text[after.clone()].bytes().all(|b| b.is_ascii_digit()) {
                out.push((after, true));
            }
        }
        if let Some(q) = text[authority_end..end].find('?') {
            let mut pos = authority_end + q + 1;
            let query_end = text[pos..end].find('#').map_or(end, |i| pos + i);
            while pos < query_end {
                let pair_end = text[pos..query_end]
                    .find('&')
                    .map_or(query_end, |i| pos + i);
                if let Some(eq) = text[pos..pair_end].find('=') {
                    let name = &text[pos..pos + eq];
                    let value = pos + eq + 1..pair_end;
                    if !value.is_empty() && is_secret_name(name) {
                        out.push((value, true));
                    }
                }
                pos = pair_end + 1;
            }
        }
    }
    out
}

/// Does a key or parameter name, wherever it appears, name a secret
/// (`password`, `apiToken`, `client_secret`)?
pub fn is_secret_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && secret_kind(&format!("/{name}")).is_some()
}

/// Does `s` look like a key or a token (the way a secret looks when no
/// key names it)? Used on text that does not parse, where paths cannot be
/// trusted:
///
/// - 16 or more hexadecimal digits with both digits and letters (keys,
///   `openssl rand -hex`);
/// - 20 or more characters of the base64 / base64url alphabet (dots
///   allowed, for JWTs) mixing upper case, lower case and digits, with an
///   entropy of at least 3.5 bits per character (API tokens, base64 keys);
///   lower-case paths, identifiers and words never qualify.
pub fn looks_like_token(s: &str) -> bool {
    let b = s.as_bytes();
    let hex = b.len() >= 16
        && b.iter().all(u8::is_ascii_hexdigit)
        && b.iter().any(u8::is_ascii_digit)
        && b.iter().any(u8::is_ascii_alphabetic);
    if hex {
        return true;
    }
    if b.len() < 20
        || !b.iter().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b'_' | b'.')
        })
        || !b.iter().any(u8::is_ascii_digit)
        || !b.iter().any(u8::is_ascii_uppercase)
        || !b.iter().any(u8::is_ascii_lowercase)
    {
        return false;
    }
    let mut counts = [0u32; 128];
    for &c in b {
        counts[usize::from(c & 0x7f)] += 1;
    }
    let n = b.len() as f64;
    let entropy: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum();
    entropy >= 3.5
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

    /// The implementation of [`secret_kind`] before its quick rejects
    /// (issue #15), kept as the reference the fast path must agree with.
    fn secret_kind_reference(pointer: &str) -> Option<SecretKind> {
        let bytes = pointer.as_bytes();
        let last = match bytes.iter().rposition(|&b| b == b'/') {
            Some(slash) => &pointer[slash + 1..],
            None => pointer,
        };
        let depth = bytes.iter().fold(0, |n, &b| n + usize::from(b == b'/'));
        let (entries, by_depth) = registry();
        for &i in by_depth.get(depth).map_or(&[][..], Vec::as_slice) {
            let Some((_, entry_last, entry)) = entries.get(i) else {
                continue;
            };
            if (*entry_last == "*" || *entry_last == last)
                && pointer::matches(entry.pattern, pointer)
            {
                return Some(entry.kind);
            }
        }
        // The key-name check itself is unchanged; the quick reject before
        // it (`WORD_BITS`) is what this compares.
        key_names_secret(last.as_bytes()).then_some(SecretKind::Opaque)
    }

    /// Tokens that exercise every branch: the registry's own tokens, the
    /// secret words in several spellings, the schema's field names, and
    /// near misses (same length and ends, other letters).
    fn interesting_tokens() -> &'static [String] {
        // Built once: the property test asks on every case.
        static TOKENS: std::sync::LazyLock<Vec<String>> =
            std::sync::LazyLock::new(build_interesting_tokens);
        &TOKENS
    }

    fn build_interesting_tokens() -> Vec<String> {
        let mut out: Vec<String> = ["", "*", "0", "17", "~0", "~1", "a~1b", "x", "ü", "pässword"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        for e in SECRET_PATHS {
            out.extend(e.pattern.split('/').map(str::to_owned));
        }
        for w in SECRET_KEY_WORDS {
            let upper = w.to_uppercase();
            let split = format!("{}_{}", &w[..2], &w[2..]);
            let dashed = format!("{}-{}", &w[..3], &w[3..]);
            out.extend([
                (*w).to_owned(),
                upper.clone(),
                split,
                dashed,
                format!("db{upper}"),
                format!("my{w}Value"),
                format!("{w}Header"),
                format!("{w}Ttl"),
                format!("enable{w}"),
                format!("use_{w}"),
                format!("{w}File"),
                w[..w.len() - 1].to_owned(),
                format!("{}{}", &w[1..], &w[..1]),
            ]);
        }
        out.extend(
            crate::base::field_names::FIELD_NAMES
                .iter()
                .map(|s| (*s).to_owned()),
        );
        // Near misses of registry tokens: same length, first and last byte.
        for e in SECRET_PATHS {
            for t in e.pattern.split('/').filter(|t| t.len() > 2) {
                let mut b = t.as_bytes().to_vec();
                b[1] = if b[1] == b'q' { b'z' } else { b'q' };
                out.push(String::from_utf8(b).unwrap_or_default());
            }
        }
        out.push("a".repeat(64));
        out.push(format!("{}password", "a".repeat(56)));
        out.push(format!("{}password", "a".repeat(57)));
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn fast_path_agrees_with_the_reference() {
        let tokens = interesting_tokens();
        let mut pointers: Vec<String> = vec![String::new(), "/".to_owned(), "//".to_owned()];
        // Every registry pattern, its prefixes, the wildcard filled in,
        // and the pattern one token deeper or with a token changed.
        for e in SECRET_PATHS {
            let parts: Vec<&str> = e.pattern.split('/').skip(1).collect();
            for n in 0..=parts.len() {
                pointers.push(parts[..n].iter().map(|t| format!("/{t}")).collect());
            }
            for t in tokens {
                let filled = e.pattern.replace('*', t);
                pointers.push(format!("{filled}/{t}"));
                pointers.push(filled.trim_start_matches('/').to_owned());
                pointers.push(filled);
                for i in 0..parts.len() {
                    let mut p = parts.clone();
                    p[i] = t;
                    pointers.push(p.iter().map(|t| format!("/{t}")).collect());
                }
            }
        }
        // Every token alone, under a parent, and as a parent of `*` paths.
        for t in tokens {
            pointers.push(t.clone());
            pointers.push(format!("/{t}"));
            pointers.push(format!("/x/{t}"));
            pointers.push(format!("/server/{t}/0"));
            pointers.push(format!("/a/b/{t}/c"));
            pointers.push(format!("/{t}/headers/x"));
        }
        for p in &pointers {
            assert_eq!(secret_kind(p), secret_kind_reference(p), "{p:?}");
        }
        assert!(pointers.len() > 10_000, "{}", pointers.len());
    }

    proptest::proptest! {
        #[test]
        fn fast_path_agrees_on_random_pointers(
            picks in proptest::collection::vec((0usize..4096, "[a-zA-Z_~/*0-9ü-]{0,10}"), 0..6)
        ) {
            let tokens = interesting_tokens();
            let mut p = String::new();
            for (i, (pick, random)) in picks.iter().enumerate() {
                // Half the tokens from the interesting list, half random
                // (which may carry a `/` and so change the depth).
                let t = if pick % 2 == 0 {
                    tokens[pick / 2 % tokens.len()].as_str()
                } else {
                    random.as_str()
                };
                if i > 0 || pick % 7 != 0 {
                    p.push('/');
                }
                p.push_str(t);
            }
            proptest::prop_assert_eq!(secret_kind(&p), secret_kind_reference(&p), "{:?}", p);
        }
    }

    #[test]
    fn url_masking_keeps_shape() {
        assert_eq!(
            mask_url("postgresql://alice:s3cret@db:5432/audit"),
            "postgresql://***:***@db:5432/audit"
        );
        assert_eq!(mask_url("redis://localhost:6379"), "redis://localhost:6379");
        assert_eq!(mask_url("not a url s3cret"), MASK);
        // Extra slashes put the credentials in the path, not the authority.
        for raw in [
            "postgresql:////alice:s3cret@db:5432/audit",
            "postgresql:///alice:s3cret@db/audit",
            "redis:////:s3cret@cache:6379",
            // A plain URL whose path starts a second URL with credentials.
            "http://proxy:8080/to/redis://:s3cret@cache:6379",
            "https://proxy/a,postgres://u:s3cret@db/x",
        ] {
            let masked = mask_url(raw);
            assert!(!masked.contains("s3cret"), "{raw} -> {masked}");
        }
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

    #[test]
    fn url_credentials_anywhere() {
        let t = r#"x "postgresql://alice:s3cret@db:5432/a?sslmode=require&password=hunter2" 'redis://:pw@h' http://h/p?token=t1#f"#;
        let got: Vec<&str> = url_credentials(t).into_iter().map(|(r, _)| &t[r]).collect();
        assert_eq!(got, ["alice", "s3cret", "hunter2", "pw", "t1"]);
        assert!(url_credentials("https://example.org/a@b").is_empty());
        assert!(url_credentials("redis://cache:6379/0").is_empty());
        let cut = "postgres://user:pa";
        let got: Vec<&str> = url_credentials(cut)
            .into_iter()
            .map(|(r, _)| &cut[r])
            .collect();
        assert_eq!(got, ["pa"]);
        let slashes = "postgresql:////u:pw@h/db";
        let got: Vec<&str> = url_credentials(slashes)
            .into_iter()
            .map(|(r, _)| &slashes[r])
            .collect();
        assert_eq!(got, ["u", "pw"]);
        assert!(url_credentials(":// @").is_empty());
        assert!(url_credentials("a://").is_empty());
    }

    #[test]
    fn tokens_look_random() {
        assert!(looks_like_token("9f86d081884c7d659a2feaa0c55ad015"));
        assert!(looks_like_token("sk_live_4eC39HqLyjWDarjtT1zdp7dc"));
        assert!(looks_like_token("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc"));
        assert!(!looks_like_token("production"));
        assert!(!looks_like_token("/var/log/audit/archive/2024"));
        assert!(!looks_like_token("enableApiKeyAuth"));
        assert!(!looks_like_token("2024-01-01T00:00:00Z"));
        assert!(!looks_like_token("1234567890123456"));
    }
}
