//! Upstream's whole-file encryption (`SecureStorageConfig`), byte for byte.
//!
//! # Format
//!
//! The file is a JSON object pretty-printed with two spaces (no trailing
//! newline), keys in this order:
//!
//! | key | value |
//! |---|---|
//! | `algorithm` | `"AES-256-GCM"` or `"AES-256-CBC"` (read case-insensitively) |
//! | `iv` | hex of 16 random bytes (16 for GCM too, as upstream: GCM then derives its counter block with GHASH) |
//! | `data` | hex of the ciphertext |
//! | `authTag` | GCM only: hex of the 16-byte tag (shorter tags are refused) |
//! | `salt` | ours, optional: hex of the KDF salt |
//! | `kdf` | ours, optional: `"PBKDF2"` or `"scrypt"` |
//! | `iterations` | ours, optional: PBKDF2 iterations |
//! | `scryptN`, `scryptR`, `scryptP` | ours, optional: scrypt parameters (N itself) |
//!
//! Upstream ignores our extra keys and is given salt and KDF from its
//! environment; we read them from the file when present, else from the
//! caller's [`FileParams`], else (KDF only) upstream's default, PBKDF2 with
//! 100,000 iterations. Missing scrypt numbers are Node's defaults
//! (N = 16384, r = 8, p = 1).
//!
//! Key: [`derive_key`] of the password's UTF-8 bytes and the salt. GCM: no
//! AAD, 16-byte tag. CBC: PKCS#7. Plaintext: the config as
//! `JSON.stringify(config, null, 2)` in UTF-8 (see [`upstream_plaintext`]).
//!
//! A JSON object with a string `data` and none of `algorithm`, `iv`,
//! `authTag` (nor a config's `environment`) is a KMS file: upstream's KMS
//! mode, which only the remote key service can decrypt.
//!
//! # Errors
//!
//! Failed authentication is always [`CryptoError::WrongPasswordOrModified`]:
//! for GCM a tag mismatch; for CBC, which has no tag, a ciphertext that is
//! not a whole number of blocks, bad PKCS#7 padding, or a plaintext that is
//! not UTF-8 JSON. CBC cannot detect every modification (a change in the
//! last block that still leaves valid padding and valid JSON goes
//! through): use GCM. Structural problems (not JSON, a missing key, bad hex,
//! an IV that is not 16 bytes, a tag that is not 16 bytes, an unknown
//! algorithm) have their own errors, which name the key at fault.

use super::encoding::hex_field;
use super::kdf::{
    KEY_LEN, Kdf, SALT_DEFAULT_LEN, SALT_MIN_LEN, SALT_MIN_LEN_NEW, check_salt, derive_key,
};
use super::{CryptoError, random_bytes};
use aes::Aes256;
use aes_gcm::aead::AeadInOut;
use aes_gcm::aead::consts::U16;
use aes_gcm::{AesGcm, KeyInit};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use serde_json::{Map, Value};
use zeroize::{Zeroize, Zeroizing};

/// AES-256-GCM with a 16-byte IV, as Node's `createCipheriv('aes-256-gcm',
/// key, iv16)` does.
type Gcm16 = AesGcm<Aes256, U16>;
type CbcEnc = cbc::Encryptor<Aes256>;
type CbcDec = cbc::Decryptor<Aes256>;

/// IV length of both algorithms.
pub const IV_LEN: usize = 16;
/// GCM tag length.
pub const TAG_LEN: usize = 16;

/// The whole-file cipher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Algorithm {
    /// AES-256-GCM (authenticated; upstream's default and ours).
    #[default]
    Aes256Gcm,
    /// AES-256-CBC with PKCS#7 (not authenticated: modifications may go
    /// undetected).
    Aes256Cbc,
}

impl Algorithm {
    /// The name in files: `AES-256-GCM` or `AES-256-CBC`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Aes256Gcm => "AES-256-GCM",
            Algorithm::Aes256Cbc => "AES-256-CBC",
        }
    }

    /// Parses a name, ignoring ASCII case (as Node does).
    pub fn from_name(name: &str) -> Option<Algorithm> {
        if name.eq_ignore_ascii_case("AES-256-GCM") {
            Some(Algorithm::Aes256Gcm)
        } else if name.eq_ignore_ascii_case("AES-256-CBC") {
            Some(Algorithm::Aes256Cbc)
        } else {
            None
        }
    }
}

/// How [`encrypt_file`] encrypts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOptions {
    /// The cipher (default GCM).
    pub algorithm: Algorithm,
    /// The KDF (default PBKDF2, 600,000 iterations).
    pub kdf: Kdf,
    /// The salt; `None` draws 32 random bytes (allowed only with
    /// `embed_params`, or nobody could decrypt the file).
    pub salt: Option<Vec<u8>>,
    /// Write `salt` and the KDF parameters into the file (default true).
    /// Upstream ignores them; without them the reader must be told.
    pub embed_params: bool,
}

impl Default for FileOptions {
    fn default() -> Self {
        FileOptions {
            algorithm: Algorithm::Aes256Gcm,
            kdf: Kdf::default(),
            salt: None,
            embed_params: true,
        }
    }
}

impl FileOptions {
    /// Exactly what upstream writes with its defaults: GCM, PBKDF2 with
    /// 100,000 iterations, the given salt, nothing extra in the file.
    pub fn upstream(salt: Vec<u8>) -> Self {
        FileOptions {
            algorithm: Algorithm::Aes256Gcm,
            kdf: Kdf::PBKDF2_UPSTREAM,
            salt: Some(salt),
            embed_params: false,
        }
    }
}

/// What [`decrypt_file`] uses when the file does not record it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileParams {
    /// The salt (upstream: `AUDIT_CONFIG_SALT`, hex-decoded).
    pub salt: Option<Vec<u8>>,
    /// The KDF; `None` means upstream's default, PBKDF2 with 100,000
    /// iterations.
    pub kdf: Option<Kdf>,
}

/// What an encrypted file says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptedFileInfo {
    /// The salt, when embedded.
    pub salt: Option<Vec<u8>>,
    /// The KDF, when embedded (not yet bounds-checked: see
    /// [`Kdf::validate`]).
    pub kdf: Option<Kdf>,
    /// Length of the ciphertext in bytes.
    pub ciphertext_len: usize,
}

/// What kind of file a text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// An AES-256-GCM file.
    Gcm(EncryptedFileInfo),
    /// An AES-256-CBC file.
    Cbc(EncryptedFileInfo),
    /// A KMS file (`{"data": ...}`): only the KMS can decrypt it.
    Kms,
    /// A JSON document that is not an encrypted file (a plain config).
    NotEncrypted,
    /// Not JSON, or an encrypted file with a structural problem: the error
    /// [`decrypt_file`] would return for it.
    Invalid(CryptoError),
}

pub(crate) struct Envelope {
    algorithm: Algorithm,
    iv: [u8; IV_LEN],
    data: Vec<u8>,
    tag: Option<[u8; TAG_LEN]>,
    pub(crate) salt: Option<Vec<u8>>,
    pub(crate) kdf: Option<Kdf>,
}

fn string_field<'a>(
    map: &'a Map<String, Value>,
    field: &'static str,
) -> Result<Option<&'a str>, CryptoError> {
    match map.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(CryptoError::InvalidField {
            field,
            problem: "must be a string".to_owned(),
        }),
    }
}

fn fixed_hex<const N: usize>(field: &'static str, text: &str) -> Result<[u8; N], CryptoError> {
    let bytes = hex_field(field, text)?;
    <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| CryptoError::InvalidField {
        field,
        problem: format!(
            "must be {N} bytes ({} hex digits), found {} bytes",
            2 * N,
            bytes.len()
        ),
    })
}

pub(crate) fn parse_envelope(
    text: &str,
    fallback_kdf: Option<&Kdf>,
) -> Result<Envelope, CryptoError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json's syntax messages carry a position, never the content.
        CryptoError::NotJson(e.to_string())
    })?;
    let Value::Object(map) = value else {
        return Err(CryptoError::NotEncrypted);
    };
    let has = |k: &str| map.contains_key(k);
    if !has("algorithm") && !has("iv") && !has("authTag") {
        if matches!(map.get("data"), Some(Value::String(_))) && !has("environment") {
            return Err(CryptoError::KmsEncrypted);
        }
        return Err(CryptoError::NotEncrypted);
    }
    let name = string_field(&map, "algorithm")?.ok_or(CryptoError::MissingField("algorithm"))?;
    let algorithm = Algorithm::from_name(name).ok_or_else(|| {
        CryptoError::UnsupportedAlgorithm(name.chars().take(40).collect::<String>())
    })?;
    let iv_hex = string_field(&map, "iv")?.ok_or(CryptoError::MissingField("iv"))?;
    let iv = fixed_hex::<IV_LEN>("iv", iv_hex)?;
    let data_hex = string_field(&map, "data")?.ok_or(CryptoError::MissingField("data"))?;
    let data = hex_field("data", data_hex)?;
    let tag = match algorithm {
        Algorithm::Aes256Gcm => {
            let tag_hex =
                string_field(&map, "authTag")?.ok_or(CryptoError::MissingField("authTag"))?;
            Some(fixed_hex::<TAG_LEN>("authTag", tag_hex)?)
        }
        // Upstream's CBC files have no tag; one would be ignored, as
        // upstream ignores it.
        Algorithm::Aes256Cbc => None,
    };
    let salt = match map.get("salt") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(hex_field("salt", s)?),
        Some(_) => {
            return Err(CryptoError::InvalidField {
                field: "salt",
                problem: "must be a hex string".to_owned(),
            });
        }
    };
    let kdf = Kdf::read_params(&map, fallback_kdf)?;
    Ok(Envelope {
        algorithm,
        iv,
        data,
        tag,
        salt,
        kdf,
    })
}

/// Recognises a file without decrypting it (and without a password).
pub fn inspect_file(file_text: &str) -> FileKind {
    match parse_envelope(file_text, None) {
        Ok(env) => {
            let info = EncryptedFileInfo {
                salt: env.salt,
                kdf: env.kdf,
                ciphertext_len: env.data.len(),
            };
            match env.algorithm {
                Algorithm::Aes256Gcm => FileKind::Gcm(info),
                Algorithm::Aes256Cbc => FileKind::Cbc(info),
            }
        }
        Err(CryptoError::KmsEncrypted) => FileKind::Kms,
        Err(CryptoError::NotEncrypted) => FileKind::NotEncrypted,
        Err(e) => FileKind::Invalid(e),
    }
}

pub use crate::base::sealed::{encrypted_config_kind, encrypted_config_message};

/// Is `text` one JSON value (of any depth serde_json accepts)?
fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// The plaintext upstream encrypts: `JSON.stringify(config, null, 2)`.
///
/// `serde_json::to_string_pretty` writes the same bytes for ordinary
/// documents (two-space indent, `": "`, `[]`/`{}` for empty containers, the
/// same string escapes, no trailing newline; the Node interop test checks
/// the four presets byte for byte). It differs for:
///
/// - floats with an integral value: serde writes `1.0` (also for a source
///   `1E5`: `100000.0`), JavaScript `1` (`100000`); `-0` is `-0.0` vs `0`;
/// - the switch to exponents: serde uses them from 1e16 up and below 1e-5
///   (`1e+20`, `1e-6`), JavaScript from 1e21 up and below 1e-6
///   (`100000000000000000000`, `0.000001`); both write `1e+21`, `1e-7`;
/// - integers above 2^53, which JavaScript rounds when it parses them
///   (`9007199254740993` becomes `9007199254740992`);
/// - objects whose keys are array indices (`"0"`, `"10"`): JavaScript lists
///   those first in numeric order, serde keeps document order.
///
/// None of this matters for decryption (upstream `JSON.parse`s the
/// plaintext), only for byte-level comparisons.
pub fn upstream_plaintext(config: &Value) -> Result<Zeroizing<String>, CryptoError> {
    serde_json::to_string_pretty(config)
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::PlaintextNotJson)
}

/// Encrypts a config text into upstream's file format.
///
/// `plaintext` must be a JSON document (it is what upstream will
/// `JSON.parse`); use [`upstream_plaintext`] to produce it from a value.
pub fn encrypt_file(
    plaintext: &str,
    password: &str,
    opts: &FileOptions,
) -> Result<String, CryptoError> {
    if password.is_empty() {
        return Err(CryptoError::EmptyPassword);
    }
    if !is_json(plaintext) {
        return Err(CryptoError::PlaintextNotJson);
    }
    opts.kdf.validate()?;
    let salt = match &opts.salt {
        Some(salt) => salt.clone(),
        None if opts.embed_params => {
            let mut salt = vec![0u8; SALT_DEFAULT_LEN];
            random_bytes(&mut salt)?;
            salt
        }
        None => return Err(CryptoError::SaltRequired),
    };
    check_salt(&salt, SALT_MIN_LEN_NEW)?;
    let key = derive_key(password.as_bytes(), &salt, &opts.kdf)?;
    encrypt_file_with_key(plaintext, &key, &salt, opts)
}

/// [`encrypt_file`] with the key already derived (by a caller that runs
/// the KDF elsewhere, e.g. the browser's WebCrypto PBKDF2, which does not
/// block the page): `key` must be [`derive_key`] of the password, `salt`
/// and `opts.kdf`. The salt is written into the file when
/// `opts.embed_params`, with the KDF parameters.
pub fn encrypt_file_with_key(
    plaintext: &str,
    key: &[u8; KEY_LEN],
    salt: &[u8],
    opts: &FileOptions,
) -> Result<String, CryptoError> {
    if !is_json(plaintext) {
        return Err(CryptoError::PlaintextNotJson);
    }
    opts.kdf.validate()?;
    check_salt(salt, SALT_MIN_LEN_NEW)?;
    let mut iv = [0u8; IV_LEN];
    random_bytes(&mut iv)?;

    let mut map = Map::new();
    map.insert("algorithm".to_owned(), Value::from(opts.algorithm.name()));
    map.insert("iv".to_owned(), Value::from(hex::encode(iv)));
    match opts.algorithm {
        Algorithm::Aes256Gcm => {
            let cipher = Gcm16::new(key.into());
            let mut buf = Zeroizing::new(plaintext.as_bytes().to_vec());
            let tag = cipher
                .encrypt_inout_detached((&iv).into(), b"", buf.as_mut_slice().into())
                // Only a plaintext over 64 GiB can fail.
                .map_err(|_| CryptoError::TooLarge)?;
            map.insert("data".to_owned(), Value::from(hex::encode(buf.as_slice())));
            map.insert("authTag".to_owned(), Value::from(hex::encode(tag)));
        }
        Algorithm::Aes256Cbc => {
            let ct = CbcEnc::new(key.into(), (&iv).into())
                .encrypt_padded_vec::<Pkcs7>(plaintext.as_bytes());
            map.insert("data".to_owned(), Value::from(hex::encode(ct)));
        }
    }
    if opts.embed_params {
        map.insert("salt".to_owned(), Value::from(hex::encode(salt)));
        opts.kdf.write_params(&mut map);
    }
    serde_json::to_string_pretty(&Value::Object(map)).map_err(|_| CryptoError::PlaintextNotJson)
}

/// Turns decrypted bytes into text without leaving copies behind.
fn into_text(mut buf: Zeroizing<Vec<u8>>) -> Option<Zeroizing<String>> {
    let bytes = std::mem::take(&mut *buf);
    match String::from_utf8(bytes) {
        Ok(text) => Some(Zeroizing::new(text)),
        Err(e) => {
            e.into_bytes().zeroize();
            None
        }
    }
}

/// Decrypts an upstream file (or one of ours) back to the config text.
///
/// Salt and KDF come from the file when it records them, else from
/// `fallback`; without either a salt there is [`CryptoError::MissingSalt`].
pub fn decrypt_file(
    file_text: &str,
    password: &str,
    fallback: &FileParams,
) -> Result<Zeroizing<String>, CryptoError> {
    let (salt, kdf) = file_key_params(file_text, fallback)?;
    let key = derive_key(password.as_bytes(), &salt, &kdf)?;
    decrypt_file_with_key(file_text, &key)
}

/// The salt and KDF that decrypting a file needs (from the file, else
/// from `fallback`), checked against the bounds, so that a caller can run
/// the KDF itself and then call [`decrypt_file_with_key`].
pub fn file_key_params(
    file_text: &str,
    fallback: &FileParams,
) -> Result<(Vec<u8>, Kdf), CryptoError> {
    let env = parse_envelope(file_text, fallback.kdf.as_ref())?;
    let salt = env
        .salt
        .or_else(|| fallback.salt.clone())
        .ok_or(CryptoError::MissingSalt)?;
    check_salt(&salt, SALT_MIN_LEN)?;
    let kdf = env.kdf.or(fallback.kdf).unwrap_or(Kdf::PBKDF2_UPSTREAM);
    kdf.validate()?;
    Ok((salt, kdf))
}

/// [`decrypt_file`] with the key already derived from the password and
/// the parameters [`file_key_params`] returned.
pub fn decrypt_file_with_key(
    file_text: &str,
    key: &[u8; KEY_LEN],
) -> Result<Zeroizing<String>, CryptoError> {
    let env = parse_envelope(file_text, None)?;
    let mut buf = Zeroizing::new(env.data);
    match (env.algorithm, env.tag) {
        (Algorithm::Aes256Gcm, Some(tag)) => {
            let cipher = Gcm16::new(key.into());
            cipher
                .decrypt_inout_detached(
                    (&env.iv).into(),
                    b"",
                    buf.as_mut_slice().into(),
                    (&tag).into(),
                )
                .map_err(|_| CryptoError::WrongPasswordOrModified)?;
            let text = into_text(buf).ok_or(CryptoError::DecryptedNotJson)?;
            if !is_json(&text) {
                return Err(CryptoError::DecryptedNotJson);
            }
            Ok(text)
        }
        (Algorithm::Aes256Gcm, None) => Err(CryptoError::MissingField("authTag")),
        (Algorithm::Aes256Cbc, _) => {
            // Every failure below is indistinguishable to the caller.
            if buf.is_empty() || buf.len() % IV_LEN != 0 {
                return Err(CryptoError::WrongPasswordOrModified);
            }
            let len = CbcDec::new(key.into(), (&env.iv).into())
                .decrypt_padded::<Pkcs7>(buf.as_mut_slice())
                .map_err(|_| CryptoError::WrongPasswordOrModified)?
                .len();
            buf.truncate(len);
            let text = into_text(buf).ok_or(CryptoError::WrongPasswordOrModified)?;
            if !is_json(&text) {
                return Err(CryptoError::WrongPasswordOrModified);
            }
            Ok(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: Kdf = Kdf::Pbkdf2 { iterations: 1_000 };
    const FAST_SCRYPT: Kdf = Kdf::Scrypt {
        log_n: 10,
        r: 8,
        p: 1,
    };
    const CONFIG: &str = "{\n  \"environment\": \"test\",\n  \"version\": \"1.0.0\"\n}";

    fn opts(algorithm: Algorithm, kdf: Kdf) -> FileOptions {
        FileOptions {
            algorithm,
            kdf,
            salt: None,
            embed_params: true,
        }
    }

    #[test]
    fn round_trip_every_algorithm_and_kdf() {
        for algorithm in [Algorithm::Aes256Gcm, Algorithm::Aes256Cbc] {
            for kdf in [FAST, FAST_SCRYPT] {
                let file = encrypt_file(CONFIG, "pw", &opts(algorithm, kdf)).expect("encrypt");
                let back = decrypt_file(&file, "pw", &FileParams::default()).expect("decrypt");
                assert_eq!(back.as_str(), CONFIG);
            }
        }
    }

    #[test]
    fn file_shape_matches_upstream() {
        let salt = vec![7u8; 32];
        let mut o = FileOptions::upstream(salt.clone());
        o.kdf = FAST;
        let file = encrypt_file(CONFIG, "pw", &o).expect("encrypt");
        let v: Value = serde_json::from_str(&file).expect("json");
        let keys: Vec<&str> = v
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["algorithm", "iv", "data", "authTag"]);
        assert_eq!(v["iv"].as_str().map(str::len), Some(32));
        assert_eq!(v["authTag"].as_str().map(str::len), Some(32));
        // GCM is a stream mode: ciphertext as long as the plaintext.
        assert_eq!(v["data"].as_str().map(str::len), Some(2 * CONFIG.len()));
        assert!(file.starts_with("{\n  \"algorithm\": \"AES-256-GCM\",\n  \"iv\": \""));
        let fallback = FileParams {
            salt: Some(salt),
            kdf: Some(FAST),
        };
        assert_eq!(
            decrypt_file(&file, "pw", &fallback)
                .expect("decrypt")
                .as_str(),
            CONFIG
        );
        assert_eq!(
            decrypt_file(&file, "pw", &FileParams::default()),
            Err(CryptoError::MissingSalt)
        );
    }

    #[test]
    fn pre_derived_keys_interoperate_with_passwords() {
        // Encrypted with a key derived elsewhere, decrypted with the
        // password; and the reverse.
        let salt = vec![9u8; 32];
        let o = FileOptions {
            salt: Some(salt.clone()),
            ..opts(Algorithm::Aes256Gcm, FAST)
        };
        let key = derive_key(b"pw", &salt, &FAST).expect("key");
        let file = encrypt_file_with_key(CONFIG, &key, &salt, &o).expect("encrypt");
        let back = decrypt_file(&file, "pw", &FileParams::default()).expect("decrypt");
        assert_eq!(back.as_str(), CONFIG);
        let file = encrypt_file(CONFIG, "pw", &opts(Algorithm::Aes256Cbc, FAST)).expect("enc");
        let (salt, kdf) = file_key_params(&file, &FileParams::default()).expect("params");
        assert_eq!(kdf, FAST);
        let key = derive_key(b"pw", &salt, &kdf).expect("key");
        let back = decrypt_file_with_key(&file, &key).expect("decrypt");
        assert_eq!(back.as_str(), CONFIG);
        let wrong = derive_key(b"pw2", &salt, &kdf).expect("key");
        assert_eq!(
            decrypt_file_with_key(&file, &wrong),
            Err(CryptoError::WrongPasswordOrModified)
        );
        assert!(encrypt_file_with_key("not json", &key, &salt, &o).is_err());
        assert!(matches!(
            encrypt_file_with_key(CONFIG, &key, b"short", &o),
            Err(CryptoError::SaltLength { .. })
        ));
    }

    #[test]
    fn wrong_password_is_the_one_error() {
        for algorithm in [Algorithm::Aes256Gcm, Algorithm::Aes256Cbc] {
            let file = encrypt_file(CONFIG, "right", &opts(algorithm, FAST)).expect("encrypt");
            let err = decrypt_file(&file, "wrong", &FileParams::default()).expect_err("wrong");
            assert_eq!(err, CryptoError::WrongPasswordOrModified);
            assert_eq!(err.to_string(), "wrong password or the file was modified");
        }
    }

    #[test]
    fn kinds_are_recognised() {
        assert_eq!(inspect_file(r#"{"data": "abcdef"}"#), FileKind::Kms);
        assert_eq!(
            decrypt_file(r#"{"data": "abcdef"}"#, "pw", &FileParams::default()),
            Err(CryptoError::KmsEncrypted)
        );
        assert_eq!(inspect_file(CONFIG), FileKind::NotEncrypted);
        assert!(matches!(
            inspect_file("not json"),
            FileKind::Invalid(CryptoError::NotJson(_))
        ));
        let file = encrypt_file(CONFIG, "pw", &opts(Algorithm::Aes256Cbc, FAST)).expect("enc");
        match inspect_file(&file) {
            FileKind::Cbc(info) => {
                assert_eq!(info.kdf, Some(FAST));
                assert_eq!(info.salt.map(|s| s.len()), Some(32));
                assert_eq!(info.ciphertext_len % 16, 0);
            }
            other => panic!("expected CBC, got {other:?}"),
        }
    }

    #[test]
    fn malformed_files_get_distinct_errors() {
        let iv = "00".repeat(16);
        let tag = "00".repeat(16);
        let cases = [
            (
                format!(
                    r#"{{"algorithm":"AES-256-GCM","iv":"{iv}","data":"zz","authTag":"{tag}"}}"#
                ),
                "`data` is not valid hex",
            ),
            (
                format!(
                    r#"{{"algorithm":"AES-256-GCM","iv":"{}","data":"00","authTag":"{tag}"}}"#,
                    "00".repeat(12)
                ),
                "`iv` must be 16 bytes (32 hex digits), found 12 bytes",
            ),
            (
                format!(
                    r#"{{"algorithm":"AES-256-GCM","iv":"{iv}","data":"00","authTag":"{}"}}"#,
                    "00".repeat(12)
                ),
                "`authTag` must be 16 bytes",
            ),
            (
                format!(r#"{{"algorithm":"AES-256-GCM","iv":"{iv}","data":"00"}}"#),
                "no `authTag` key",
            ),
            (
                format!(r#"{{"algorithm":"ROT13","iv":"{iv}","data":"00"}}"#),
                "unsupported algorithm `ROT13`",
            ),
            (
                format!(r#"{{"iv":"{iv}","data":"00"}}"#),
                "no `algorithm` key",
            ),
            (
                r#"{"algorithm":"AES-256-CBC","iv":5,"data":"00"}"#.to_owned(),
                "`iv` must be a string",
            ),
            ("{\"algorithm\": ".to_owned(), "is not JSON"),
        ];
        for (text, expected) in cases {
            let err = decrypt_file(&text, "pw", &FileParams::default()).expect_err("malformed");
            assert!(err.to_string().contains(expected), "{text}: {err}");
            assert_ne!(err, CryptoError::WrongPasswordOrModified);
        }
    }

    #[test]
    fn encryption_preconditions() {
        assert_eq!(
            encrypt_file(CONFIG, "", &opts(Algorithm::Aes256Gcm, FAST)),
            Err(CryptoError::EmptyPassword)
        );
        assert_eq!(
            encrypt_file("not json", "pw", &opts(Algorithm::Aes256Gcm, FAST)),
            Err(CryptoError::PlaintextNotJson)
        );
        let mut o = opts(Algorithm::Aes256Gcm, FAST);
        o.embed_params = false;
        assert_eq!(
            encrypt_file(CONFIG, "pw", &o),
            Err(CryptoError::SaltRequired)
        );
        o.salt = Some(vec![1; 8]);
        assert!(matches!(
            encrypt_file(CONFIG, "pw", &o),
            Err(CryptoError::SaltLength { min: 16, .. })
        ));
    }

    #[test]
    fn upstream_plaintext_is_pretty_json() {
        let v: Value = serde_json::from_str(CONFIG).expect("json");
        assert_eq!(upstream_plaintext(&v).expect("text").as_str(), CONFIG);
    }
}
