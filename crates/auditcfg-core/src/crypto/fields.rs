//! Field-level encryption: every secret of a document sealed in place, the
//! whole document authenticated.
//!
//! # Format
//!
//! A sealed value is the string
//!
//! ```text
//! "enc:v1:" base64url-no-padding( nonce[12] ‖ ciphertext ‖ tag[16] )
//! ```
//!
//! AES-256-GCM with a fresh random 96-bit nonce per value; AAD is the
//! value's JSON Pointer (RFC 6901, UTF-8), so a ciphertext moved to another
//! field does not decrypt; the plaintext is the compact JSON of the original
//! value (`"s3cret"` with its quotes, `5432`, `{"a":1}`), so every type round
//! trips. Strings stay strings: a sealed document still has the shape the
//! schema expects for string secrets.
//!
//! What is sealed: [`crate::secrets::secret_pointers`] (the registry is the
//! one place that knows which paths are secret) plus the caller's extra
//! pointers (which may name objects or arrays; secrets inside them are then
//! sealed as part of them).
//!
//! The document gains a last top-level key [`METADATA_KEY`]:
//!
//! ```json
//! "$auditcfgEncryption": {
//!   "version": 1,
//!   "cipher": "AES-256-GCM",
//!   "kdf": "PBKDF2",
//!   "iterations": 600000,
//!   "salt": "<hex>",
//!   "sealed": ["/redis/url", "/security/encryptionKey"],
//!   "mac": "<64 hex digits>"
//! }
//! ```
//!
//! (scrypt: `"kdf": "scrypt", "scryptN": 131072, "scryptR": 8, "scryptP": 1`.)
//!
//! # Keys and MAC
//!
//! The password goes through the KDF once per call (master key); HKDF-SHA256
//! with the KDF salt expands it into an encryption key (info
//! `"auditcfg fields v1 encryption key"`) and a MAC key (info
//! `"auditcfg fields v1 mac key"`). `mac` is HMAC-SHA256 over
//! `"auditcfg-fields-mac-v1\0"` followed by the canonical form of the whole
//! document, metadata block included, without its `mac` key. Canonical form:
//! compact JSON, object keys sorted by their UTF-8 bytes at every level,
//! strings and numbers exactly as `serde_json` writes them. [`open_fields`]
//! verifies it (in constant time, [`subtle::ConstantTimeEq`]) before it
//! decrypts anything, so a change anywhere — a plain value, a key, a sealed
//! value, the sealed list, the KDF parameters — gives
//! [`CryptoError::WrongPasswordOrModified`]. The order of an object's keys
//! is not covered (JSON objects are unordered, and editors reorder them);
//! the order of array items is.
//!
//! # Stable ciphertexts
//!
//! [`seal_fields`] with `previous` (an earlier sealed version of the same
//! document, sealed with the same password) reuses its salt and KDF and
//! keeps the ciphertext of every secret whose value did not change (old and
//! new plaintexts compared in constant time), so a diff of two sealed
//! versions shows only the secrets that really changed. To change the
//! password or the KDF, seal without `previous`.

use super::encoding::{b64url_decode, b64url_encode, hex_field};
use super::file::TAG_LEN;
use super::kdf::{
    KEY_LEN, Kdf, SALT_DEFAULT_LEN, SALT_MIN_LEN, SALT_MIN_LEN_NEW, check_salt, derive_key,
};
use super::{CryptoError, random_bytes};
use crate::{pointer, secrets};
use aes_gcm::aead::AeadInOut;
use aes_gcm::{Aes256Gcm, KeyInit};
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;
use std::collections::HashSet;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

pub use crate::base::sealed::{METADATA_KEY, SEALED_PREFIX};
/// The field-encryption format version.
pub const FIELDS_VERSION: u64 = 1;
/// The cipher named in the metadata block.
pub const FIELDS_CIPHER: &str = "AES-256-GCM";

const NONCE_LEN: usize = 12;
const MAC_LEN: usize = 32;
const MAC_DOMAIN: &[u8] = b"auditcfg-fields-mac-v1\0";
const DIGEST_DOMAIN: &[u8] = b"auditcfg-fields-digest-v1\0";
const DIGEST_LEN: usize = 8;
const INFO_ENC: &[u8] = b"auditcfg fields v1 encryption key";
const INFO_MAC: &[u8] = b"auditcfg fields v1 mac key";

type HmacSha256 = Hmac<Sha256>;

/// How [`seal_fields`] seals a document without a previous version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldOptions {
    /// The KDF (default PBKDF2, 600,000 iterations).
    pub kdf: Kdf,
    /// The salt; `None` draws 32 random bytes.
    pub salt: Option<Vec<u8>>,
    /// Pointers to seal besides the registry's secrets.
    pub extra_pointers: Vec<String>,
}

/// The two keys derived from the master key.
struct Keys {
    enc: Aes256Gcm,
    mac: Zeroizing<[u8; KEY_LEN]>,
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    // HMAC accepts keys of any length: `new_from_slice` cannot fail.
    if let Ok(mut mac) = HmacSha256::new_from_slice(key) {
        for p in parts {
            mac.update(p);
        }
        out.copy_from_slice(&mac.finalize().into_bytes());
    }
    out
}

/// HKDF-SHA256 (RFC 5869) with one output block of 32 bytes.
fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8]) -> Zeroizing<[u8; 32]> {
    let prk = hmac(salt, &[ikm]);
    hmac(prk.as_slice(), &[info, &[1u8]])
}

impl Keys {
    fn derive(password: &str, salt: &[u8], kdf: &Kdf) -> Result<Keys, CryptoError> {
        let master = derive_key(password.as_bytes(), salt, kdf)?;
        Ok(Keys::from_master(&master, salt))
    }

    fn from_master(master: &[u8; KEY_LEN], salt: &[u8]) -> Keys {
        let enc_key = hkdf_sha256(master, salt, INFO_ENC);
        Keys {
            enc: Aes256Gcm::new((&*enc_key).into()),
            mac: hkdf_sha256(master, salt, INFO_MAC),
        }
    }
}

/// Seals one plaintext for `pointer`: `enc:v1:` + base64url(nonce ‖ ct ‖ tag).
fn seal_value(cipher: &Aes256Gcm, pointer: &str, plaintext: &[u8]) -> Result<String, CryptoError> {
    let mut nonce = [0u8; NONCE_LEN];
    random_bytes(&mut nonce)?;
    let mut out = Vec::with_capacity(NONCE_LEN + plaintext.len() + TAG_LEN);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(plaintext);
    let body: &mut [u8] = &mut out[NONCE_LEN..];
    let tag = cipher
        .encrypt_inout_detached((&nonce).into(), pointer.as_bytes(), body.into())
        // Only a value over 64 GiB can fail.
        .map_err(|_| CryptoError::TooLarge)?;
    out.extend_from_slice(&tag);
    let mut s = String::with_capacity(SEALED_PREFIX.len() + out.len().div_ceil(3) * 4);
    s.push_str(SEALED_PREFIX);
    s.push_str(&b64url_encode(&out));
    Ok(s)
}

/// Opens one sealed value of `pointer`; `None` if it does not authenticate.
fn open_value(cipher: &Aes256Gcm, pointer: &str, sealed: &str) -> Option<Zeroizing<Vec<u8>>> {
    let raw = b64url_decode(sealed.strip_prefix(SEALED_PREFIX)?)?;
    if raw.len() < NONCE_LEN + TAG_LEN {
        return None;
    }
    let (nonce, rest) = raw.split_at(NONCE_LEN);
    let (ct, tag) = rest.split_at(rest.len() - TAG_LEN);
    let nonce: &[u8; NONCE_LEN] = nonce.try_into().ok()?;
    let tag: &[u8; TAG_LEN] = tag.try_into().ok()?;
    let mut buf = Zeroizing::new(ct.to_vec());
    cipher
        .decrypt_inout_detached(
            nonce.into(),
            pointer.as_bytes(),
            buf.as_mut_slice().into(),
            tag.into(),
        )
        .ok()?;
    Some(buf)
}

pub use crate::base::sealed::{is_sealed, sealed_paths};

/// Writes the canonical form (compact, keys sorted by UTF-8 bytes). At the
/// top level, the metadata block is written without its `mac` key.
fn write_canonical(v: &Value, top: bool, out: &mut Vec<u8>) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::String(s) => write_json_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, false, out);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            crate::base::sort::sort_by(&mut entries, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (k, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json_string(k, out);
                out.push(b':');
                match item {
                    Value::Object(meta) if top && k == METADATA_KEY => {
                        let without_mac: Map<String, Value> = meta
                            .iter()
                            .filter(|(mk, _)| mk.as_str() != "mac")
                            .map(|(mk, mv)| (mk.clone(), mv.clone()))
                            .collect();
                        write_canonical(&Value::Object(without_mac), false, out);
                    }
                    _ => write_canonical(item, false, out),
                }
            }
            out.push(b'}');
        }
    }
}

fn write_json_string(s: &str, out: &mut Vec<u8>) {
    // serde_json's escaping of a plain string cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// The canonical bytes the MAC covers (domain prefix included).
fn canonical_bytes(doc: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(MAC_DOMAIN);
    write_canonical(doc, true, &mut out);
    out
}

fn document_mac(keys: &Keys, doc: &Value) -> Zeroizing<[u8; MAC_LEN]> {
    hmac(keys.mac.as_slice(), &[&canonical_bytes(doc)])
}

/// The parsed metadata block.
struct Metadata {
    kdf: Kdf,
    salt: Vec<u8>,
    sealed: Vec<String>,
    mac: [u8; MAC_LEN],
    /// Per-value digests (documents sealed before they existed have none).
    digests: Option<Map<String, Value>>,
}

fn bad(reason: &str) -> CryptoError {
    CryptoError::InvalidMetadata(reason.to_owned())
}

fn read_metadata(doc: &Map<String, Value>) -> Result<Metadata, CryptoError> {
    let meta = match doc.get(METADATA_KEY) {
        None => return Err(CryptoError::NotSealed),
        Some(Value::Object(m)) => m,
        Some(_) => return Err(bad("it must be an object")),
    };
    match meta.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(FIELDS_VERSION) => {}
        Some(Value::Number(n)) => return Err(CryptoError::UnsupportedVersion(n.to_string())),
        Some(Value::String(s)) => {
            return Err(CryptoError::UnsupportedVersion(
                s.chars().take(20).collect(),
            ));
        }
        _ => return Err(bad("`version` is missing")),
    }
    match meta.get("cipher") {
        Some(Value::String(s)) if s == FIELDS_CIPHER => {}
        _ => return Err(bad("`cipher` must be \"AES-256-GCM\"")),
    }
    let kdf = Kdf::read_params(meta, None)?.ok_or_else(|| bad("`kdf` is missing"))?;
    let salt = match meta.get("salt") {
        Some(Value::String(s)) => hex_field("salt", s)?,
        _ => return Err(bad("`salt` must be a hex string")),
    };
    let sealed = match meta.get("sealed") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| bad("`sealed` must list JSON Pointers"))
            })
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err(bad("`sealed` must be an array")),
    };
    let mac = match meta.get("mac") {
        Some(Value::String(s)) => {
            let bytes = hex_field("mac", s)?;
            <[u8; MAC_LEN]>::try_from(bytes.as_slice())
                .map_err(|_| bad("`mac` must be 32 bytes (64 hex digits)"))?
        }
        _ => return Err(bad("`mac` must be a hex string")),
    };
    let digests = match meta.get("digests") {
        None => None,
        Some(Value::Object(d)) if d.values().all(Value::is_string) => Some(d.clone()),
        Some(_) => return Err(bad("`digests` must map JSON Pointers to hex digests")),
    };
    Ok(Metadata {
        kdf,
        salt,
        sealed,
        mac,
        digests,
    })
}

/// Derives the keys of a sealed document and verifies its MAC.
fn verify(doc: &Value, meta: &Metadata, password: &str) -> Result<Keys, CryptoError> {
    let keys = Keys::derive(password, &meta.salt, &meta.kdf)?;
    let mac = document_mac(&keys, doc);
    if bool::from(mac.as_slice().ct_eq(&meta.mac)) {
        Ok(keys)
    } else {
        Err(CryptoError::WrongPasswordOrModified)
    }
}

/// Is `ancestor` a proper prefix path of `p`?
fn is_below(p: &str, ancestor: &str) -> bool {
    p.len() > ancestor.len() && p.starts_with(ancestor) && p.as_bytes()[ancestor.len()] == b'/'
}

/// The pointers to seal, in document order, none below another.
fn paths_to_seal(doc: &Value, extra: &[String]) -> Result<Vec<String>, CryptoError> {
    for p in extra {
        if p.is_empty() {
            return Err(CryptoError::PointerNotAllowed {
                pointer: p.clone(),
                reason: "the whole document cannot be sealed in place",
            });
        }
        if !p.starts_with('/') {
            return Err(CryptoError::PointerNotAllowed {
                pointer: p.clone(),
                reason: "a JSON Pointer starts with `/`",
            });
        }
        if doc.pointer(p).is_none() {
            return Err(CryptoError::PointerNotFound(p.clone()));
        }
    }
    let mut wanted: HashSet<String> = secrets::secret_pointers(doc).into_iter().collect();
    wanted.extend(extra.iter().cloned());
    // Drop anything below another sealed path: it is sealed with its parent.
    let all: Vec<String> = wanted.iter().cloned().collect();
    wanted.retain(|p| !all.iter().any(|a| is_below(p, a)));

    fn walk(v: &Value, at: &str, wanted: &HashSet<String>, out: &mut Vec<String>) {
        if !at.is_empty() && wanted.contains(at) {
            out.push(at.to_owned());
            return;
        }
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &pointer::push(at, &i.to_string()), wanted, out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    walk(item, &pointer::push(at, k), wanted, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    walk(doc, "", &wanted, &mut out);
    Ok(out)
}

/// Overwrites the strings of a value that is being dropped.
fn zeroize_value(v: Value) {
    match v {
        Value::String(mut s) => s.zeroize(),
        Value::Array(items) => items.into_iter().for_each(zeroize_value),
        Value::Object(map) => map.into_iter().for_each(|(_, v)| zeroize_value(v)),
        _ => {}
    }
}

/// Seals every secret of `doc` (and `opts.extra_pointers`) in place and
/// adds the authenticated metadata block.
///
/// With `previous` (an earlier sealed version of this document), its salt
/// and KDF are reused (those of `opts` are ignored), it must verify with
/// `password` (else [`CryptoError::WrongPasswordOrModified`]), and every
/// secret whose value is unchanged keeps its previous ciphertext byte for
/// byte. The KDF runs once per call.
pub fn seal_fields(
    doc: &Value,
    password: &str,
    opts: &FieldOptions,
    previous: Option<&Value>,
) -> Result<Value, CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    if map.contains_key(METADATA_KEY) {
        return Err(CryptoError::AlreadySealed);
    }
    if password.is_empty() {
        return Err(CryptoError::EmptyPassword);
    }
    let paths = paths_to_seal(doc, &opts.extra_pointers)?;

    let (keys, kdf, salt, prev) = match previous {
        Some(prev_doc) => {
            let Value::Object(prev_map) = prev_doc else {
                return Err(CryptoError::NotAnObject);
            };
            let meta = read_metadata(prev_map)?;
            let keys = verify(prev_doc, &meta, password)?;
            (keys, meta.kdf, meta.salt.clone(), Some((prev_doc, meta)))
        }
        None => {
            opts.kdf.validate()?;
            let salt = match &opts.salt {
                Some(s) => s.clone(),
                None => {
                    let mut s = vec![0u8; SALT_DEFAULT_LEN];
                    random_bytes(&mut s)?;
                    s
                }
            };
            check_salt(&salt, SALT_MIN_LEN_NEW)?;
            let keys = Keys::derive(password, &salt, &opts.kdf)?;
            (keys, opts.kdf, salt, None)
        }
    };

    seal_with(doc, &paths, &keys, kdf, &salt, prev)
}

/// [`seal_fields`] (without a previous version) with the master key
/// already derived elsewhere: `master` must be [`derive_key`] of the
/// password, `salt` and `kdf` (e.g. by the browser's WebCrypto PBKDF2).
pub fn seal_fields_with_key(
    doc: &Value,
    master: &[u8; KEY_LEN],
    salt: &[u8],
    kdf: &Kdf,
    extra_pointers: &[String],
) -> Result<Value, CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    if map.contains_key(METADATA_KEY) {
        return Err(CryptoError::AlreadySealed);
    }
    kdf.validate()?;
    check_salt(salt, SALT_MIN_LEN_NEW)?;
    let paths = paths_to_seal(doc, extra_pointers)?;
    let keys = Keys::from_master(master, salt);
    seal_with(doc, &paths, &keys, *kdf, salt, None)
}

/// The salt and KDF of a sealed document's metadata block (bounds
/// checked), for a caller that derives the master key itself and then
/// calls [`open_fields_with_key`].
pub fn sealed_key_params(doc: &Value) -> Result<(Vec<u8>, Kdf), CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    let meta = read_metadata(map)?;
    meta.kdf.validate()?;
    check_salt(&meta.salt, SALT_MIN_LEN)?;
    Ok((meta.salt, meta.kdf))
}

/// [`open_fields`] with the master key already derived from the password
/// and the parameters [`sealed_key_params`] returned.
pub fn open_fields_with_key(doc: &Value, master: &[u8; KEY_LEN]) -> Result<Value, CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    let meta = read_metadata(map)?;
    let keys = Keys::from_master(master, &meta.salt);
    let mac = document_mac(&keys, doc);
    if !bool::from(mac.as_slice().ct_eq(&meta.mac)) {
        return Err(CryptoError::WrongPasswordOrModified);
    }
    open_with(doc, &meta, &keys)
}

/// The digest of one value: the first 8 bytes of SHA-256 over
/// [`DIGEST_DOMAIN`] and the value's canonical form, hex. Keyless on
/// purpose (anyone can say which values changed, without the password):
/// plain values are in the document anyway, and a sealed value's digest
/// is that of its ciphertext string. Integrity is the MAC's job.
fn value_digest(v: &Value) -> String {
    use sha2::Digest;
    let mut bytes = Vec::with_capacity(64);
    bytes.extend_from_slice(DIGEST_DOMAIN);
    write_canonical(v, false, &mut bytes);
    let hash = Sha256::digest(&bytes);
    hex::encode(&hash[..DIGEST_LEN])
}

/// The leaves a digest is kept for, with their pointers, in document
/// order: every value that is not a non-empty object (arrays are one
/// value, as the audit server compares them), the metadata block excluded.
fn leaves(doc: &Value) -> Vec<(String, &Value)> {
    fn walk<'a>(v: &'a Value, at: String, top: bool, out: &mut Vec<(String, &'a Value)>) {
        match v {
            Value::Object(map) if !map.is_empty() => {
                for (k, item) in map {
                    if top && k == METADATA_KEY {
                        continue;
                    }
                    walk(item, pointer::push(&at, k), false, out);
                }
            }
            _ if top => {}
            _ => out.push((at, v)),
        }
    }
    let mut out = Vec::new();
    walk(doc, String::new(), true, &mut out);
    out
}

fn value_digests(doc: &Value) -> Map<String, Value> {
    leaves(doc)
        .into_iter()
        .map(|(p, v)| (p, Value::String(value_digest(v))))
        .collect()
}

/// Which values of a sealed document differ from when it was sealed, by
/// JSON Pointer, from the digests in its metadata block (no password
/// needed). Arrays count as one value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SealedChanges {
    /// Does the metadata block record digests? Documents sealed by older
    /// versions do not: then nothing below is known (reseal once).
    pub recorded: bool,
    /// Values present then and now, with another value now.
    pub changed: Vec<String>,
    /// Values present now only.
    pub added: Vec<String>,
    /// Values present then only.
    pub removed: Vec<String>,
}

impl SealedChanges {
    /// Are there no changes (and were digests recorded)?
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    /// Every pointer, with a mark: `~/a` changed, `+/b` added, `-/c` removed.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.changed.iter().map(|p| format!("~ {p}")));
        out.extend(self.added.iter().map(|p| format!("+ {p}")));
        out.extend(self.removed.iter().map(|p| format!("- {p}")));
        out
    }

    /// One line for messages: "changed /a, /b; added /c; removed /d".
    pub fn summary(&self) -> String {
        if !self.recorded {
            return "the document does not record per-value digests (sealed by an older version): which values changed is unknown".to_owned();
        }
        if self.is_empty() {
            return "no value changed since sealing".to_owned();
        }
        let mut parts = Vec::new();
        for (what, list) in [
            ("changed", &self.changed),
            ("added", &self.added),
            ("removed", &self.removed),
        ] {
            if !list.is_empty() {
                parts.push(format!("{what} {}", list.join(", ")));
            }
        }
        parts.join("; ")
    }
}

/// [`SealedChanges`] of a sealed document.
pub fn sealed_changes(doc: &Value) -> Result<SealedChanges, CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    let meta = read_metadata(map)?;
    let Some(recorded) = meta.digests else {
        return Ok(SealedChanges::default());
    };
    let mut changes = SealedChanges {
        recorded: true,
        ..SealedChanges::default()
    };
    let now = leaves(doc);
    let present: HashSet<&str> = now.iter().map(|(p, _)| p.as_str()).collect();
    for (p, v) in &now {
        match recorded.get(p.as_str()).and_then(Value::as_str) {
            Some(d) if bool::from(d.as_bytes().ct_eq(value_digest(v).as_bytes())) => {}
            Some(_) => changes.changed.push(p.clone()),
            None => changes.added.push(p.clone()),
        }
    }
    changes.removed = recorded
        .keys()
        .filter(|p| !present.contains(p.as_str()))
        .cloned()
        .collect();
    Ok(changes)
}

/// What [`reseal_fields`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Resealed {
    /// The document, sealed and authenticated again.
    pub doc: Value,
    /// What had changed since the previous sealing (from its digests).
    pub changes: SealedChanges,
}

/// Accepts the edits of a sealed document: with the password, every
/// sealed value is opened on its own (its GCM tag, bound to its JSON
/// Pointer, is verified; any that fails is named), then the document is
/// sealed again with the same salt and KDF, unchanged secrets keeping
/// their ciphertext, new or edited secrets sealed, and the MAC recomputed
/// over the edited document. The document MAC itself is not required to
/// verify (that is the point: plain values were edited).
///
/// Errors: [`CryptoError::WrongPasswordOrModified`] when no sealed value
/// opens (a wrong password), [`CryptoError::SealedValuesModified`] naming
/// the values that do not open when others do,
/// [`CryptoError::NothingToVerify`] when no sealed value is left to check
/// the password against.
pub fn reseal_fields(
    doc: &Value,
    password: &str,
    extra_pointers: &[String],
) -> Result<Resealed, CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    let meta = read_metadata(map)?;
    let keys = Keys::derive(password, &meta.salt, &meta.kdf)?;
    reseal_with(doc, meta, &keys, extra_pointers)
}

/// [`reseal_fields`] with the master key already derived from the
/// password and the parameters [`sealed_key_params`] returned.
pub fn reseal_fields_with_key(
    doc: &Value,
    master: &[u8; KEY_LEN],
    extra_pointers: &[String],
) -> Result<Resealed, CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    let meta = read_metadata(map)?;
    let keys = Keys::from_master(master, &meta.salt);
    reseal_with(doc, meta, &keys, extra_pointers)
}

/// Opens every sealed-looking value of `doc` on its own (tag and pointer
/// verified, not the document MAC). Returns the document with the
/// plaintexts in place and without the metadata block.
fn open_each(doc: &Value, listed: &[String], keys: &Keys) -> Result<Value, CryptoError> {
    let mut out = doc.clone();
    if let Value::Object(out_map) = &mut out {
        out_map.shift_remove(METADATA_KEY);
    }
    let mut sealed = sealed_paths(&out);
    // A listed value still marked sealed but damaged counts too.
    for p in listed {
        let marked = out
            .pointer(p)
            .and_then(Value::as_str)
            .is_some_and(|s| s.starts_with(SEALED_PREFIX));
        if marked && !sealed.contains(p) {
            sealed.push(p.clone());
        }
    }
    let mut failed = Vec::new();
    let mut opened = 0usize;
    for path in &sealed {
        let Some(slot) = out.pointer_mut(path) else {
            continue;
        };
        let plain = slot
            .as_str()
            .and_then(|s| open_value(&keys.enc, path, s))
            .and_then(|p| serde_json::from_slice::<Value>(&p).ok());
        match plain {
            Some(v) => {
                *slot = v;
                opened += 1;
            }
            None => failed.push(path.clone()),
        }
    }
    if opened == 0 && !failed.is_empty() {
        return Err(CryptoError::WrongPasswordOrModified);
    }
    if !failed.is_empty() {
        return Err(CryptoError::SealedValuesModified(failed));
    }
    if opened == 0 {
        return Err(CryptoError::NothingToVerify);
    }
    Ok(out)
}

/// Every sealed value of `doc` opened on its own with `password` (for a
/// merge): the plaintext document without its metadata block. A document
/// without sealed values comes back as it is (minus the block).
pub(crate) fn open_each_with_password(doc: &Value, password: &str) -> Result<Value, CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    let meta = read_metadata(map)?;
    let keys = Keys::derive(password, &meta.salt, &meta.kdf)?;
    match open_each(doc, &meta.sealed, &keys) {
        Err(CryptoError::NothingToVerify) => {
            let mut out = doc.clone();
            if let Value::Object(m) = &mut out {
                m.shift_remove(METADATA_KEY);
            }
            Ok(out)
        }
        other => other,
    }
}

/// Seals a merged plaintext document with the salt and KDF of `template`
/// (a sealed version it came from), keeping `template`'s ciphertexts where
/// the value is unchanged and sealing `listed` pointers too.
pub(crate) fn reseal_merged(
    merged: &Value,
    template: &Value,
    password: &str,
    listed: &[String],
) -> Result<Value, CryptoError> {
    let Value::Object(map) = template else {
        return Err(CryptoError::NotAnObject);
    };
    let meta = read_metadata(map)?;
    let keys = Keys::derive(password, &meta.salt, &meta.kdf)?;
    let extra: Vec<String> = listed
        .iter()
        .filter(|p| merged.pointer(p).is_some())
        .cloned()
        .collect();
    let paths = paths_to_seal(merged, &extra)?;
    let (kdf, salt) = (meta.kdf, meta.salt.clone());
    seal_with(merged, &paths, &keys, kdf, &salt, Some((template, meta)))
}

fn reseal_with(
    doc: &Value,
    meta: Metadata,
    keys: &Keys,
    extra_pointers: &[String],
) -> Result<Resealed, CryptoError> {
    let changes = sealed_changes(doc)?;
    let opened = open_each(doc, &meta.sealed, keys)?;
    // Everything sealed before stays sealed (where it still exists), with
    // the registry's secrets and the caller's extra pointers.
    let mut extra: Vec<String> = meta
        .sealed
        .iter()
        .filter(|p| opened.pointer(p).is_some())
        .cloned()
        .collect();
    extra.extend(extra_pointers.iter().cloned());
    let paths = paths_to_seal(&opened, &extra)?;
    let kdf = meta.kdf;
    let salt = meta.salt.clone();
    let sealed = seal_with(&opened, &paths, keys, kdf, &salt, Some((doc, meta)))?;
    zeroize_value(opened);
    Ok(Resealed {
        doc: sealed,
        changes,
    })
}

fn seal_with(
    doc: &Value,
    paths: &[String],
    keys: &Keys,
    kdf: Kdf,
    salt: &[u8],
    prev: Option<(&Value, Metadata)>,
) -> Result<Value, CryptoError> {
    let mut out = doc.clone();
    for path in paths {
        let Some(slot) = out.pointer_mut(path) else {
            continue;
        };
        let plaintext =
            Zeroizing::new(serde_json::to_vec(&*slot).map_err(|_| CryptoError::PlaintextNotJson)?);
        let reused = prev.as_ref().and_then(|(prev_doc, meta)| {
            if !meta.sealed.iter().any(|p| p == path) {
                return None;
            }
            let old = prev_doc.pointer(path)?.as_str()?;
            let old_plain = open_value(&keys.enc, path, old)?;
            let same = old_plain.len() == plaintext.len()
                && bool::from(old_plain.as_slice().ct_eq(plaintext.as_slice()));
            same.then(|| old.to_owned())
        });
        let sealed = match reused {
            Some(s) => s,
            None => seal_value(&keys.enc, path, &plaintext)?,
        };
        zeroize_value(std::mem::replace(slot, Value::String(sealed)));
    }

    let mut meta = Map::new();
    meta.insert("version".to_owned(), Value::from(FIELDS_VERSION));
    meta.insert("cipher".to_owned(), Value::from(FIELDS_CIPHER));
    kdf.write_params(&mut meta);
    meta.insert("salt".to_owned(), Value::from(hex::encode(salt)));
    meta.insert(
        "sealed".to_owned(),
        Value::Array(paths.iter().cloned().map(Value::String).collect()),
    );
    meta.insert("digests".to_owned(), Value::Object(value_digests(&out)));
    if let Value::Object(out_map) = &mut out {
        out_map.insert(METADATA_KEY.to_owned(), Value::Object(meta));
    }
    let mac = document_mac(keys, &out);
    if let Some(Value::Object(meta)) = out.get_mut(METADATA_KEY) {
        meta.insert("mac".to_owned(), Value::from(hex::encode(mac.as_slice())));
    }
    Ok(out)
}

/// Verifies a sealed document's MAC, decrypts every sealed value and
/// removes the metadata block. Anything modified, or a wrong password:
/// [`CryptoError::WrongPasswordOrModified`]. The KDF runs once.
pub fn open_fields(doc: &Value, password: &str) -> Result<Value, CryptoError> {
    let Value::Object(map) = doc else {
        return Err(CryptoError::NotAnObject);
    };
    let meta = read_metadata(map)?;
    let keys = verify(doc, &meta, password)?;
    open_with(doc, &meta, &keys)
}

fn open_with(doc: &Value, meta: &Metadata, keys: &Keys) -> Result<Value, CryptoError> {
    let mut out = doc.clone();
    if let Value::Object(out_map) = &mut out {
        out_map.shift_remove(METADATA_KEY);
    }
    for path in &meta.sealed {
        let slot = out
            .pointer_mut(path)
            .ok_or_else(|| CryptoError::InvalidMetadata(format!("`{path}` has no value")))?;
        let plaintext = slot
            .as_str()
            .and_then(|s| open_value(&keys.enc, path, s))
            .ok_or(CryptoError::WrongPasswordOrModified)?;
        let value: Value =
            serde_json::from_slice(&plaintext).map_err(|_| CryptoError::WrongPasswordOrModified)?;
        *slot = value;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FAST: Kdf = Kdf::Pbkdf2 { iterations: 1_000 };

    fn fast() -> FieldOptions {
        FieldOptions {
            kdf: FAST,
            ..FieldOptions::default()
        }
    }

    fn sample() -> Value {
        json!({
            "environment": "production",
            "redis": {"url": "redis://:pw@cache:6379"},
            "database": {"url": "postgresql://u:p@db/audit", "poolSize": 10},
            "security": {"encryptionKey": "k".repeat(64), "hashAlgorithm": "SHA-256"},
            "monitoring": {"notification": {"credentials": {"password": 12345}}},
            "extra": {"apiToken": true, "note": "kept"}
        })
    }

    #[test]
    fn hkdf_rfc5869_case_1() {
        let ikm = [0x0bu8; 22];
        let salt: Vec<u8> = (0u8..=0x0c).collect();
        let info: Vec<u8> = (0xf0u8..=0xf9).collect();
        let okm = hkdf_sha256(&ikm, &salt, &info);
        assert_eq!(
            hex::encode(okm.as_slice()),
            // First 32 bytes of the RFC's 42-byte OKM.
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        );
    }

    #[test]
    fn nonces_are_unique_over_100k_encryptions() {
        let keys = Keys::from_master(&[42u8; KEY_LEN], &[1u8; 16]);
        let mut seen = HashSet::with_capacity(100_000);
        for i in 0..100_000u32 {
            let sealed =
                seal_value(&keys.enc, "/security/encryptionKey", b"\"same\"").expect("seal");
            let raw = b64url_decode(&sealed[SEALED_PREFIX.len()..]).expect("base64url");
            let nonce: [u8; NONCE_LEN] = raw[..NONCE_LEN].try_into().expect("12 bytes");
            assert!(seen.insert(nonce), "nonce repeated after {i} encryptions");
        }
    }

    #[test]
    fn aad_binds_the_pointer() {
        let keys = Keys::from_master(&[7u8; KEY_LEN], &[1u8; 16]);
        let sealed = seal_value(&keys.enc, "/a", b"\"x\"").expect("seal");
        assert!(open_value(&keys.enc, "/a", &sealed).is_some());
        assert!(open_value(&keys.enc, "/b", &sealed).is_none());
    }

    #[test]
    fn swapped_values_fail_even_with_a_recomputed_mac() {
        let salt = vec![3u8; 32];
        let opts = FieldOptions {
            kdf: FAST,
            salt: Some(salt.clone()),
            extra_pointers: vec![],
        };
        let sealed = seal_fields(&sample(), "pw", &opts, None).expect("seal");
        let mut swapped = sealed.clone();
        let a = swapped["redis"]["url"].clone();
        let b = swapped["database"]["url"].clone();
        swapped["redis"]["url"] = b;
        swapped["database"]["url"] = a;
        // Plain swap: the MAC catches it.
        assert_eq!(
            open_fields(&swapped, "pw"),
            Err(CryptoError::WrongPasswordOrModified)
        );
        // An attacker who could also forge the MAC still fails on the AAD.
        let master = derive_key(b"pw", &salt, &FAST).expect("key");
        let keys = Keys::from_master(&master, &salt);
        let mac = document_mac(&keys, &swapped);
        swapped[METADATA_KEY]["mac"] = Value::from(hex::encode(mac.as_slice()));
        assert_eq!(
            open_fields(&swapped, "pw"),
            Err(CryptoError::WrongPasswordOrModified)
        );
    }

    #[test]
    fn pre_derived_keys_interoperate_with_passwords() {
        let salt = vec![5u8; 32];
        let master = derive_key(b"pw", &salt, &FAST).expect("key");
        let sealed = seal_fields_with_key(&sample(), &master, &salt, &FAST, &[]).expect("seal");
        assert!(is_sealed(
            sealed["security"]["encryptionKey"].as_str().expect("str")
        ));
        assert_eq!(open_fields(&sealed, "pw").expect("open"), sample());
        let sealed = seal_fields(&sample(), "pw", &fast(), None).expect("seal");
        let (salt, kdf) = sealed_key_params(&sealed).expect("params");
        assert_eq!(kdf, FAST);
        let master = derive_key(b"pw", &salt, &kdf).expect("key");
        assert_eq!(
            open_fields_with_key(&sealed, &master).expect("open"),
            sample()
        );
        let wrong = derive_key(b"px", &salt, &kdf).expect("key");
        assert_eq!(
            open_fields_with_key(&sealed, &wrong),
            Err(CryptoError::WrongPasswordOrModified)
        );
        assert_eq!(
            seal_fields_with_key(&sealed, &master, &salt, &kdf, &[]),
            Err(CryptoError::AlreadySealed)
        );
        assert_eq!(sealed_key_params(&sample()), Err(CryptoError::NotSealed));
    }

    #[test]
    fn round_trip_keeps_types_and_order() {
        let doc = sample();
        let sealed = seal_fields(&doc, "pw", &fast(), None).expect("seal");
        assert!(is_sealed(
            sealed["security"]["encryptionKey"].as_str().expect("str")
        ));
        assert!(is_sealed(
            sealed["monitoring"]["notification"]["credentials"]["password"]
                .as_str()
                .expect("str")
        ));
        assert_eq!(sealed["extra"]["note"], "kept");
        assert_eq!(sealed["database"]["poolSize"], 10);
        let text = sealed.to_string();
        assert!(!text.contains("kkkk") && !text.contains("postgresql://"));
        assert_eq!(
            sealed_paths(&sealed),
            [
                "/redis/url",
                "/database/url",
                "/security/encryptionKey",
                "/monitoring/notification/credentials/password",
            ]
        );
        // A boolean carries no secret, even under a secret-sounding key.
        assert_eq!(sealed["extra"]["apiToken"], true);
        assert_eq!(sealed[METADATA_KEY]["sealed"], json!(sealed_paths(&sealed)));
        let opened = open_fields(&sealed, "pw").expect("open");
        assert_eq!(opened.to_string(), doc.to_string());
    }

    #[test]
    fn canonical_form_sorts_keys_and_skips_the_mac() {
        let doc = json!({"b": [1, {"z": null, "a": "é\n"}], "a": 1.5,
                         METADATA_KEY: {"mac": "ff", "version": 1}});
        let bytes = canonical_bytes(&doc);
        let text = std::str::from_utf8(&bytes[MAC_DOMAIN.len()..]).expect("utf8");
        assert_eq!(
            text,
            r#"{"$auditcfgEncryption":{"version":1},"a":1.5,"b":[1,{"a":"é\n","z":null}]}"#
        );
    }

    #[test]
    fn extra_pointers() {
        let doc = sample();
        let opts = FieldOptions {
            extra_pointers: vec!["/database".to_owned(), "/environment".to_owned()],
            ..fast()
        };
        let sealed = seal_fields(&doc, "pw", &opts, None).expect("seal");
        assert!(sealed["database"].is_string());
        assert_eq!(
            sealed[METADATA_KEY]["sealed"],
            json!([
                "/environment",
                "/redis/url",
                "/database",
                "/security/encryptionKey",
                "/monitoring/notification/credentials/password",
            ])
        );
        assert_eq!(
            open_fields(&sealed, "pw").expect("open").to_string(),
            doc.to_string()
        );
        for (bad, want) in [
            ("", "cannot be encrypted"),
            ("redis", "cannot be encrypted"),
            ("/nope", "no value at `/nope`"),
        ] {
            let opts = FieldOptions {
                extra_pointers: vec![bad.to_owned()],
                ..fast()
            };
            let err = seal_fields(&doc, "pw", &opts, None).expect_err("bad pointer");
            assert!(err.to_string().contains(want), "{err}");
        }
    }

    #[test]
    fn previous_ciphertexts_are_reused() {
        let doc = sample();
        let v1 = seal_fields(&doc, "pw", &fast(), None).expect("seal");
        let mut changed = doc.clone();
        changed["redis"]["url"] = json!("redis://:new@cache:6379");
        changed["database"]["poolSize"] = json!(20);
        let opts = FieldOptions {
            kdf: Kdf::Pbkdf2 { iterations: 2_000 }, // ignored: previous wins
            ..fast()
        };
        let v2 = seal_fields(&changed, "pw", &opts, Some(&v1)).expect("reseal");
        assert_eq!(
            v2["security"]["encryptionKey"],
            v1["security"]["encryptionKey"]
        );
        assert_eq!(v2["database"]["url"], v1["database"]["url"]);
        assert_ne!(v2["redis"]["url"], v1["redis"]["url"]);
        assert_eq!(v2[METADATA_KEY]["salt"], v1[METADATA_KEY]["salt"]);
        assert_eq!(v2[METADATA_KEY]["iterations"], 1_000);
        assert_eq!(
            open_fields(&v2, "pw").expect("open").to_string(),
            changed.to_string()
        );
        // Without `previous` everything is fresh.
        let v3 = seal_fields(&doc, "pw", &fast(), None).expect("seal");
        assert_ne!(v3["database"]["url"], v1["database"]["url"]);
        // A previous version that does not verify is refused.
        assert_eq!(
            seal_fields(&doc, "other", &fast(), Some(&v1)),
            Err(CryptoError::WrongPasswordOrModified)
        );
    }

    #[test]
    fn edited_documents_name_their_changes_and_reseal_with_the_password() {
        let sealed = seal_fields(&sample(), "pw", &fast(), None).expect("seal");
        assert!(sealed_changes(&sealed).expect("changes").is_empty());
        let mut edited = sealed.clone();
        edited["database"]["poolSize"] = json!(20);
        edited["extra"]["new"] = json!("x");
        edited["extra"]
            .as_object_mut()
            .expect("object")
            .shift_remove("note");
        // The MAC catches the edit...
        assert_eq!(
            open_fields(&edited, "pw"),
            Err(CryptoError::WrongPasswordOrModified)
        );
        // ...and the digests say exactly what changed, without a password.
        let changes = sealed_changes(&edited).expect("changes");
        assert_eq!(changes.changed, ["/database/poolSize"]);
        assert_eq!(changes.added, ["/extra/new"]);
        assert_eq!(changes.removed, ["/extra/note"]);
        assert_eq!(
            changes.summary(),
            "changed /database/poolSize; added /extra/new; removed /extra/note"
        );
        // With the password: resealed, unchanged secrets keep their bytes.
        let r = reseal_fields(&edited, "pw", &[]).expect("reseal");
        assert_eq!(r.changes, changes);
        assert_eq!(r.doc["redis"]["url"], sealed["redis"]["url"]);
        assert_eq!(r.doc[METADATA_KEY]["salt"], sealed[METADATA_KEY]["salt"]);
        let opened = open_fields(&r.doc, "pw").expect("opens");
        assert_eq!(opened["database"]["poolSize"], 20);
        assert_eq!(opened["security"]["encryptionKey"], "k".repeat(64));
        assert!(sealed_changes(&r.doc).expect("changes").is_empty());
        // A wrong password reseals nothing.
        assert_eq!(
            reseal_fields(&edited, "wrong", &[]),
            Err(CryptoError::WrongPasswordOrModified)
        );
    }

    #[test]
    fn resealing_verifies_every_sealed_value_on_its_own() {
        let sealed = seal_fields(&sample(), "pw", &fast(), None).expect("seal");
        // Two sealed values swapped: their tags (bound to the pointer) fail.
        let mut swapped = sealed.clone();
        let a = swapped["redis"]["url"].clone();
        swapped["redis"]["url"] = swapped["database"]["url"].clone();
        swapped["database"]["url"] = a;
        assert_eq!(
            reseal_fields(&swapped, "pw", &[]),
            Err(CryptoError::SealedValuesModified(vec![
                "/redis/url".to_owned(),
                "/database/url".to_owned()
            ]))
        );
        // A damaged ciphertext is named too.
        let mut damaged = sealed.clone();
        let s = damaged["security"]["encryptionKey"]
            .as_str()
            .expect("str")
            .to_owned();
        damaged["security"]["encryptionKey"] = json!(format!("{}AAAA", &s[..s.len() - 4]));
        assert!(matches!(
            reseal_fields(&damaged, "pw", &[]),
            Err(CryptoError::SealedValuesModified(p)) if p == ["/security/encryptionKey"]
        ));
        // A sealed value replaced by a new plain secret is sealed again.
        let mut replaced = sealed.clone();
        replaced["redis"]["url"] = json!("redis://:other@cache:6379");
        let r = reseal_fields(&replaced, "pw", &[]).expect("reseal");
        assert!(is_sealed(r.doc["redis"]["url"].as_str().expect("str")));
        assert_eq!(
            open_fields(&r.doc, "pw").expect("opens")["redis"]["url"],
            "redis://:other@cache:6379"
        );
        assert_eq!(r.changes.changed, ["/redis/url"]);
    }

    #[test]
    fn documents_sealed_before_digests_still_open_and_reseal() {
        let salt = vec![4u8; 32];
        let opts = FieldOptions {
            salt: Some(salt.clone()),
            ..fast()
        };
        let mut old = seal_fields(&sample(), "pw", &opts, None).expect("seal");
        // What an older version wrote: no `digests`, MAC over the rest.
        old[METADATA_KEY]
            .as_object_mut()
            .expect("meta")
            .shift_remove("digests");
        let master = derive_key(b"pw", &salt, &FAST).expect("key");
        let mac = document_mac(&Keys::from_master(&master, &salt), &old);
        old[METADATA_KEY]["mac"] = Value::from(hex::encode(mac.as_slice()));
        assert_eq!(open_fields(&old, "pw").expect("opens"), sample());
        let changes = sealed_changes(&old).expect("changes");
        assert!(!changes.recorded);
        let r = reseal_fields(&old, "pw", &[]).expect("reseal");
        assert!(r.doc[METADATA_KEY]["digests"].is_object());
        assert_eq!(open_fields(&r.doc, "pw").expect("opens"), sample());
    }

    #[test]
    fn state_errors() {
        let sealed = seal_fields(&sample(), "pw", &fast(), None).expect("seal");
        assert_eq!(
            seal_fields(&sealed, "pw", &fast(), None),
            Err(CryptoError::AlreadySealed)
        );
        assert_eq!(open_fields(&sample(), "pw"), Err(CryptoError::NotSealed));
        assert_eq!(
            open_fields(&json!([1]), "pw"),
            Err(CryptoError::NotAnObject)
        );
        assert_eq!(
            open_fields(&sealed, "wrong"),
            Err(CryptoError::WrongPasswordOrModified)
        );
        let mut v2 = sealed.clone();
        v2[METADATA_KEY]["version"] = json!(2);
        assert!(matches!(
            open_fields(&v2, "pw"),
            Err(CryptoError::UnsupportedVersion(_))
        ));
    }
}
