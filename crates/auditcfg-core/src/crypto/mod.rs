//! Encryption of configuration files and of the secrets inside them.
//!
//! Three parts, all pure (no I/O, no clock, no threads; randomness comes
//! from [`getrandom::fill`], which also works in a browser):
//!
//! - [`kdf`]: password → 256-bit key, with PBKDF2-HMAC-SHA256 or scrypt,
//!   and the parameter bounds that keep a hostile file from hanging a
//!   browser tab.
//! - [`file`]: upstream's whole-file format (`SecureStorageConfig`),
//!   byte-compatible with the audit server: AES-256-GCM with a 16-byte IV,
//!   or AES-256-CBC with PKCS#7.
//! - [`fields`]: our field-level format: every secret of a document is
//!   sealed in place (`"enc:v1:…"`, AES-256-GCM bound to its JSON Pointer),
//!   and the whole document is authenticated by an HMAC-SHA256 kept in a
//!   `"$auditcfgEncryption"` block.
//!
//! # Parameter bounds (checked before any work)
//!
//! | parameter | accepted | why |
//! |---|---|---|
//! | PBKDF2 iterations | 1,000 ..= 10,000,000 | below 1,000 is no protection; 10 M take about 2 s natively on the reference machine (`BENCH_NOTES.md`) and several times that in WebAssembly (no SHA instructions): slow, never unbounded |
//! | scrypt `log_n` (N = 2^log_n) | 10 ..= 20 | 2^20 is the scrypt paper's value for file encryption (here only with r ≤ 2, because of the memory bound) |
//! | scrypt `r` | 1 ..= 32 | |
//! | scrypt `p` | 1 ..= 16 | |
//! | scrypt memory 128·r·N | ≤ 256 MiB | a browser tab must be able to allocate it; upstream (N=2^14, r=8) needs 16 MiB, the current recommendation (N=2^17, r=8) 128 MiB |
//! | scrypt work 128·r·N·p | ≤ 1 GiB | `p` multiplies the time, not the memory: without this a file could ask for 16 × 256 MiB of mixing; 1 GiB takes about 3 s natively |
//! | salt | 8 ..= 1,024 bytes read, 16 ..= 1,024 bytes for new encryptions | upstream generates 32 random bytes (we do too) but lets `AUDIT_CONFIG_SALT` be anything; NIST SP 800-132 asks for at least 16 |
//!
//! Defaults for new files follow current guidance (OWASP 2023): PBKDF2 with
//! 600,000 iterations, scrypt N = 2^17, r = 8, p = 1. Upstream's values
//! (100,000 iterations; N = 16384, r = 8, p = 1) are accepted.
//!
//! # Whole-file format (upstream compatible)
//!
//! ```json
//! {
//!   "algorithm": "AES-256-GCM",
//!   "iv": "<32 hex digits: 16 random bytes>",
//!   "data": "<hex ciphertext>",
//!   "authTag": "<32 hex digits: the 16-byte GCM tag>"
//! }
//! ```
//!
//! pretty-printed with two spaces, no trailing newline. The key is the KDF
//! of the password (UTF-8) and the hex-decoded salt; GCM has no AAD;
//! `"AES-256-CBC"` files use PKCS#7 padding and have no `authTag`. The
//! plaintext is the config as `JSON.stringify(config, null, 2)`.
//!
//! Upstream keeps salt and KDF out of the file; we may add them (readers
//! ignore extra keys): `"salt"` (hex), `"kdf"` (`"PBKDF2"` or `"scrypt"`),
//! `"iterations"` for PBKDF2, `"scryptN"`, `"scryptR"`, `"scryptP"` for scrypt
//! (N itself, a power of two, as Node's `scryptSync` takes it). A file that
//! is `{"data": "…"}` alone was written by upstream's KMS mode: only the KMS
//! can decrypt it, and [`file::decrypt_file`] says so.
//!
//! # Field-level format (ours)
//!
//! Each sealed value becomes the string
//! `"enc:v1:" + base64url-no-padding(nonce ‖ ciphertext ‖ tag)`: AES-256-GCM,
//! 12-byte random nonce, 16-byte tag, AAD = the value's JSON Pointer (UTF-8),
//! plaintext = the compact JSON of the original value (so numbers, booleans
//! and objects round trip). The document gains a last top-level key:
//!
//! ```json
//! "$auditcfgEncryption": {
//!   "version": 1,
//!   "cipher": "AES-256-GCM",
//!   "kdf": "PBKDF2", "iterations": 600000,
//!   "salt": "<hex>",
//!   "sealed": ["/security/encryptionKey", "..."],
//!   "mac": "<64 hex digits>"
//! }
//! ```
//!
//! (`"kdf": "scrypt", "scryptN", "scryptR", "scryptP"` for scrypt.) The
//! master key comes from the KDF once per call; HKDF-SHA256 (salt = the KDF
//! salt) expands it into separate encryption and MAC keys. `mac` is
//! HMAC-SHA256 over `"auditcfg-fields-mac-v1\0"` followed by the canonical
//! form of the whole document without the `mac` key: compact JSON, object
//! keys sorted by their UTF-8 bytes at every level, numbers and strings as
//! `serde_json` writes them. Any change anywhere (a sealed value, a plain
//! value, a key, the list of sealed paths, the KDF parameters) fails it.
//!
//! # Constant-time comparisons
//!
//! - the document MAC of the field format ([`subtle::ConstantTimeEq`]);
//! - the GCM tags (inside the `aes-gcm` crate, with `ctutils`' constant-time
//!   equality);
//! - re-sealing with a previous version compares the old and new plaintext
//!   of each secret with [`subtle::ConstantTimeEq`].
//!
//! CBC has no tag: a wrong key or a modified file usually breaks the PKCS#7
//! padding or the UTF-8/JSON of the plaintext, and all of these map to the
//! same [`CryptoError::WrongPasswordOrModified`], so the error does not act
//! as a padding oracle. CBC still cannot detect every modification (a change
//! confined to the last blocks may decrypt to other valid JSON): prefer GCM.
//!
//! # Errors
//!
//! One error, [`CryptoError::WrongPasswordOrModified`] ("wrong password or
//! the file was modified"), covers every failed authentication; malformed
//! files get distinct errors. No error message contains a password, a key
//! or any plaintext.

pub mod fields;
pub mod file;
pub mod git;
pub mod kdf;
pub mod plan;

mod encoding;

pub use fields::{
    FieldOptions, METADATA_KEY, Resealed, SEALED_PREFIX, SealedChanges, is_sealed, open_fields,
    open_fields_with_key, reseal_fields, reseal_fields_with_key, seal_fields, seal_fields_with_key,
    sealed_changes, sealed_key_params, sealed_paths,
};
pub use file::{
    Algorithm, EncryptedFileInfo, FileKind, FileOptions, FileParams, decrypt_file,
    decrypt_file_with_key, encrypt_file, encrypt_file_with_key, encrypted_config_kind,
    encrypted_config_message, file_key_params, inspect_file, upstream_plaintext,
};
pub use kdf::{Kdf, derive_key};
pub use plan::{FileNeeds, KdfName, KdfPlan, KdfRequest, Origin};

/// Errors of the crypto API. Messages never contain passwords, keys or
/// plaintext.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// Authentication failed: the password is wrong, or a byte of the file
    /// (or, for sealed fields, of the document) was changed. For CBC this
    /// also covers bad padding and a plaintext that is not UTF-8 JSON.
    #[error("wrong password or the file was modified")]
    WrongPasswordOrModified,
    /// [`CryptoError::WrongPasswordOrModified`] with the parameters that
    /// were tried ([`plan::KdfPlan::explain`]); never the password.
    #[error("wrong password or the file was modified (tried {tried})")]
    AuthenticationFailed {
        /// The KDF, its numbers and the salt's length and origin, in words.
        tried: String,
    },
    /// KDF options that contradict each other (`--kdf scrypt --iterations`).
    #[error("conflicting key derivation options: {0}")]
    ConflictingKdfOptions(&'static str),
    /// scrypt parameters the audit server cannot use, for a file that does
    /// not record them.
    #[error(
        "the audit server derives scrypt keys only with N = 16384, r = 8, p = 1: a file without embedded parameters must use those (or embed them)"
    )]
    ServerScryptOnly,
    /// A salt that is not hex; names where it came from.
    #[error("{0} is not hex")]
    SaltNotHex(&'static str),
    /// A KDF parameter outside its bound; nothing was computed.
    #[error("{param} = {value} is out of bounds: allowed {min}..={max}")]
    KdfParamOutOfBounds {
        /// The parameter (`PBKDF2 iterations`, `scrypt r`, ...).
        param: &'static str,
        /// The value asked for.
        value: u64,
        /// Smallest allowed value.
        min: u64,
        /// Largest allowed value.
        max: u64,
    },
    /// scrypt parameters that need too much memory; nothing was computed.
    #[error(
        "scrypt needs 128*r*N = {needed} bytes of memory; the limit is {limit} bytes (256 MiB)"
    )]
    ScryptMemory {
        /// Bytes 128·r·N.
        needed: u64,
        /// The bound.
        limit: u64,
    },
    /// scrypt parameters that need too much work; nothing was computed.
    #[error("scrypt work 128*r*N*p = {needed} exceeds the limit {limit} (1 GiB)")]
    ScryptWork {
        /// 128·r·N·p.
        needed: u64,
        /// The bound.
        limit: u64,
    },
    /// scrypt N given as a number that is not a power of two.
    #[error("scrypt N = {0} is not a power of two")]
    ScryptNNotPowerOfTwo(u64),
    /// A salt of the wrong length.
    #[error("the salt is {len} bytes; it must be {min}..={max} bytes")]
    SaltLength {
        /// Its length.
        len: usize,
        /// Smallest allowed.
        min: usize,
        /// Largest allowed.
        max: usize,
    },
    /// The salt is not recorded in the file and none was supplied.
    #[error(
        "the file does not record its salt: supply it (--salt, or AUDIT_CONFIG_SALT as the audit server reads it)"
    )]
    MissingSalt,
    /// A salt must be supplied when the parameters are not embedded.
    #[error(
        "a file without embedded parameters needs a salt (--salt, or AUDIT_CONFIG_SALT as the audit server reads it): otherwise nobody could decrypt it"
    )]
    SaltRequired,
    /// Encryption with an empty password.
    #[error("the password is empty")]
    EmptyPassword,
    /// The plaintext to encrypt is not a JSON document.
    #[error("the plaintext to encrypt is not a JSON document")]
    PlaintextNotJson,
    /// The file text is not JSON at all.
    #[error("the encrypted file is not JSON: {0}")]
    NotJson(String),
    /// A required key of the encrypted file is missing.
    #[error("the encrypted file has no `{0}` key")]
    MissingField(&'static str),
    /// A key of the encrypted file (or of a sealed document's metadata) has
    /// a bad value.
    #[error("`{field}` {problem}")]
    InvalidField {
        /// The key.
        field: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// An algorithm other than AES-256-GCM or AES-256-CBC.
    #[error("unsupported algorithm `{0}`: expected AES-256-GCM or AES-256-CBC")]
    UnsupportedAlgorithm(String),
    /// A KMS-encrypted file (`{"data": ...}` only).
    #[error(
        "this file was encrypted by a key management service (KMS): only that service can decrypt it; decrypt it with the audit server's KMS tooling, then open the result"
    )]
    KmsEncrypted,
    /// A JSON file that is not an encrypted config.
    #[error(
        "the file is not an encrypted config (no `algorithm`/`iv`/`data` keys): open it as a plain config"
    )]
    NotEncrypted,
    /// A decrypted GCM file whose (authentic) plaintext is not a JSON text.
    #[error("the file decrypted correctly but does not contain a JSON document")]
    DecryptedNotJson,
    /// Resealing an edited document: these sealed values (JSON Pointers)
    /// do not open with the password although others do: they were
    /// modified, or moved to another field.
    #[error(
        "the sealed value(s) at {} do not open with this password although the others do: they were modified or moved; restore them or give their new value in plain",
        .0.join(", ")
    )]
    SealedValuesModified(Vec<String>),
    /// Resealing a document without any sealed value left: the password
    /// cannot be checked.
    #[error(
        "the document has no sealed value left to check the password against: open the last good version, or remove the `$auditcfgEncryption` block and seal it anew"
    )]
    NothingToVerify,
    /// The document given to [`open_fields`] has no metadata block.
    #[error("the document is not sealed (no `$auditcfgEncryption` block)")]
    NotSealed,
    /// The document given to [`seal_fields`] is sealed already.
    #[error("the document is sealed already (it has a `$auditcfgEncryption` block): open it first")]
    AlreadySealed,
    /// A sealed document's metadata block is malformed.
    #[error("the `$auditcfgEncryption` block is invalid: {0}")]
    InvalidMetadata(String),
    /// A field-encryption version this build does not know.
    #[error("field encryption version {0} is not supported (this build reads version 1)")]
    UnsupportedVersion(String),
    /// The document is not a JSON object.
    #[error("the document must be a JSON object")]
    NotAnObject,
    /// An extra pointer to seal names no value.
    #[error("no value at `{0}` to encrypt")]
    PointerNotFound(String),
    /// An extra pointer that cannot be sealed.
    #[error("`{pointer}` cannot be encrypted: {reason}")]
    PointerNotAllowed {
        /// The pointer.
        pointer: String,
        /// Why.
        reason: &'static str,
    },
    /// A value too large for AES-GCM (over 64 GiB).
    #[error("the value is too large to encrypt")]
    TooLarge,
    /// The operating system's random generator failed.
    #[error("no secure random numbers available: {0}")]
    Random(String),
}

/// Fills `buf` with random bytes from the operating system (or the
/// browser's `crypto.getRandomValues`).
pub(crate) fn random_bytes(buf: &mut [u8]) -> Result<(), CryptoError> {
    getrandom::fill(buf).map_err(|e| CryptoError::Random(e.to_string()))
}
