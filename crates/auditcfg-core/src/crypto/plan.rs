//! Key-derivation plans: which salt and which KDF parameters an
//! encryption or a decryption uses, where each came from, and every
//! precondition, decided in one place.
//!
//! Every edge (the CLI, the npm package's asynchronous functions, the app)
//! turns what the user typed into a [`KdfRequest`], asks for a [`KdfPlan`]
//! and only executes it (derives the key with [`KdfPlan::salt`] and
//! [`KdfPlan::kdf`], then encrypts or decrypts). None of them picks a
//! default, draws a salt or checks a bound itself.
//!
//! # The rules (the audit server's behaviour wins)
//!
//! The server derives its key with PBKDF2 at its configured `iterations`
//! (default 100,000) or with Node's `scryptSync` defaults (N = 16384,
//! r = 8, p = 1, which it cannot change), from the salt of its config or of
//! `AUDIT_CONFIG_SALT`. Its files record none of this.
//!
//! | situation | KDF | salt |
//! |---|---|---|
//! | reading a file that records its parameters | the file's | the file's |
//! | reading a file that does not | the server's defaults (PBKDF2 100,000; scrypt 16384/8/1) for everything not given: `--kdf pbkdf2` alone means 100,000 | `--salt`, else `AUDIT_CONFIG_SALT`, else an error |
//! | writing the server's format without parameters (`--no-embed`) | PBKDF2 100,000 unless iterations are given (then the server's config must carry them: [`KdfPlan::server_iterations`]); scrypt only with N = 16384, r = 8, p = 1 | `--salt`, else `AUDIT_CONFIG_SALT`, else an error |
//! | writing with the parameters in the file (embedded, sealed fields) | ours: PBKDF2 600,000 or scrypt N = 2^17 unless given | `--salt`, else `AUDIT_CONFIG_SALT` (whole files only), else 32 random bytes |
//!
//! On a failed authentication [`KdfPlan::explain`] names what was tried.

use super::file::{Algorithm, FileOptions, parse_envelope};
use super::kdf::{
    KEY_LEN, Kdf, PBKDF2_DEFAULT_ITERATIONS, PBKDF2_UPSTREAM_ITERATIONS, SALT_DEFAULT_LEN,
    SALT_MIN_LEN, SALT_MIN_LEN_NEW, check_salt, derive_key,
};
use super::{CryptoError, random_bytes};
use serde_json::Value;
use zeroize::Zeroizing;

/// The environment variable the server reads its salt from (hex).
pub const SALT_ENV: &str = "AUDIT_CONFIG_SALT";
/// The environment variable the server reads its password from.
pub const PASSWORD_ENV: &str = "AUDIT_CONFIG_PASSWORD";
/// scrypt's N as the server uses it (Node's default).
pub const SERVER_SCRYPT_N: u64 = 16_384;
/// scrypt's N for new files whose parameters travel with them (2^17).
pub const STRONG_SCRYPT_N: u64 = 1 << 17;

/// A KDF named without its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KdfName {
    /// PBKDF2-HMAC-SHA256.
    Pbkdf2,
    /// scrypt.
    Scrypt,
}

/// What the user asked for; every part optional. Salts are hex text, as
/// the user typed them (the plan decodes them and names the source in its
/// errors).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KdfRequest {
    /// The KDF named (`--kdf`).
    pub kdf: Option<KdfName>,
    /// PBKDF2 iterations (`--iterations`).
    pub iterations: Option<u32>,
    /// scrypt N, a power of two (`--scrypt-n`).
    pub scrypt_n: Option<u64>,
    /// scrypt r.
    pub scrypt_r: Option<u32>,
    /// scrypt p.
    pub scrypt_p: Option<u32>,
    /// The salt given explicitly (`--salt`), hex.
    pub salt_hex: Option<String>,
    /// The value of `AUDIT_CONFIG_SALT` (hex), when the edge has an
    /// environment and it is set.
    pub env_salt_hex: Option<String>,
}

impl KdfRequest {
    /// A request for exactly this KDF (every number given).
    pub fn exact(kdf: Kdf) -> Self {
        match kdf {
            Kdf::Pbkdf2 { iterations } => KdfRequest {
                kdf: Some(KdfName::Pbkdf2),
                iterations: Some(iterations),
                ..KdfRequest::default()
            },
            Kdf::Scrypt { log_n, r, p } => KdfRequest {
                kdf: Some(KdfName::Scrypt),
                scrypt_n: 1u64.checked_shl(u32::from(log_n)),
                scrypt_r: Some(r),
                scrypt_p: Some(p),
                ..KdfRequest::default()
            },
        }
    }

    /// With this explicit salt (hex).
    pub fn with_salt(mut self, salt_hex: Option<String>) -> Self {
        self.salt_hex = salt_hex;
        self
    }

    fn any_scrypt_number(&self) -> bool {
        self.scrypt_n.is_some() || self.scrypt_r.is_some() || self.scrypt_p.is_some()
    }

    fn given_kdf(&self) -> bool {
        self.kdf.is_some() || self.iterations.is_some() || self.any_scrypt_number()
    }

    /// The KDF named, with the options' consistency checked.
    fn name(&self) -> Result<KdfName, CryptoError> {
        match (
            self.kdf,
            self.iterations.is_some(),
            self.any_scrypt_number(),
        ) {
            (Some(KdfName::Scrypt), true, _) => Err(CryptoError::ConflictingKdfOptions(
                "iterations apply to PBKDF2; scrypt takes N (--scrypt-n)",
            )),
            (Some(KdfName::Pbkdf2), _, true) => Err(CryptoError::ConflictingKdfOptions(
                "scrypt's N applies to scrypt; PBKDF2 takes iterations (--iterations)",
            )),
            (None, true, true) => Err(CryptoError::ConflictingKdfOptions(
                "give PBKDF2 iterations or scrypt's N, not both",
            )),
            (Some(name), _, _) => Ok(name),
            (None, _, true) => Ok(KdfName::Scrypt),
            (None, _, false) => Ok(KdfName::Pbkdf2),
        }
    }

    /// The KDF with `pbkdf2` iterations and scrypt `n` for what is not
    /// given; bounds checked.
    fn resolve(&self, pbkdf2: u32, n: u64) -> Result<Kdf, CryptoError> {
        let kdf = match self.name()? {
            KdfName::Pbkdf2 => Kdf::Pbkdf2 {
                iterations: self.iterations.unwrap_or(pbkdf2),
            },
            KdfName::Scrypt => Kdf::scrypt_from_n(
                self.scrypt_n.unwrap_or(n),
                self.scrypt_r.unwrap_or(8),
                self.scrypt_p.unwrap_or(1),
            )?,
        };
        kdf.validate()?;
        Ok(kdf)
    }

    /// The salt given (`--salt`, else `AUDIT_CONFIG_SALT`), decoded.
    fn given_salt(&self, use_env: bool) -> Result<Option<(Vec<u8>, Origin)>, CryptoError> {
        if let Some(hex_text) = &self.salt_hex {
            return decode_salt(hex_text, "the salt").map(|s| Some((s, Origin::Given)));
        }
        match (&self.env_salt_hex, use_env) {
            (Some(hex_text), true) => {
                decode_salt(hex_text, SALT_ENV).map(|s| Some((s, Origin::Environment)))
            }
            _ => Ok(None),
        }
    }
}

fn decode_salt(text: &str, source: &'static str) -> Result<Vec<u8>, CryptoError> {
    hex::decode(text.trim()).map_err(|_| CryptoError::SaltNotHex(source))
}

/// Where a parameter came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Recorded in the file (or the sealed document's metadata block).
    File,
    /// Given explicitly by the user.
    Given,
    /// From `AUDIT_CONFIG_SALT`.
    Environment,
    /// The audit server's default (the file does not record it).
    ServerDefault,
    /// Our default for parameters that travel with the file.
    StrongDefault,
    /// Drawn at random (a new salt recorded in the output).
    Random,
}

impl Origin {
    fn describe(self) -> &'static str {
        match self {
            Origin::File => "recorded in the file",
            Origin::Given => "given",
            Origin::Environment => "from AUDIT_CONFIG_SALT",
            Origin::ServerDefault => "the audit server's default",
            Origin::StrongDefault => "our default; recorded in the output",
            Origin::Random => "random; recorded in the output",
        }
    }
}

/// A decided key derivation: the salt and KDF to derive with, where they
/// came from, and what the output must say. Built only by the
/// constructors below, which check every precondition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KdfPlan {
    /// The salt to derive with.
    pub salt: Vec<u8>,
    /// The KDF to derive with (bounds checked).
    pub kdf: Kdf,
    /// Where the salt came from.
    pub salt_origin: Origin,
    /// Where the KDF came from.
    pub kdf_origin: Origin,
    /// Do the parameters travel with the output (embedded in the file, or
    /// in a sealed document's metadata)?
    pub embedded: bool,
    /// Writing without embedded parameters at other than the server's
    /// default iterations: the `iterations` the server's config
    /// (`SecureStorageConfig.iterations`) must carry to read the file.
    pub server_iterations: Option<u32>,
}

impl KdfPlan {
    /// Encrypting a whole file in the server's format. With `embed` the
    /// salt and KDF are written into the file and our stronger defaults
    /// apply; without, only parameters the server can read are accepted
    /// and a salt must be given (`--salt` or `AUDIT_CONFIG_SALT`).
    pub fn encrypt_file(
        request: &KdfRequest,
        embed: bool,
        password: &str,
    ) -> Result<KdfPlan, CryptoError> {
        if password.is_empty() {
            return Err(CryptoError::EmptyPassword);
        }
        Self::new_file(request, embed, true)
    }

    /// [`KdfPlan::encrypt_file`] for a caller that already derived the key
    /// (from an earlier plan's salt and KDF): the salt must be given.
    pub fn encrypt_file_for_key(request: &KdfRequest, embed: bool) -> Result<KdfPlan, CryptoError> {
        Self::new_file(request, embed, false)
    }

    fn new_file(request: &KdfRequest, embed: bool, draw: bool) -> Result<KdfPlan, CryptoError> {
        let (kdf, kdf_origin, server_iterations) = if embed {
            let kdf = request.resolve(PBKDF2_DEFAULT_ITERATIONS, STRONG_SCRYPT_N)?;
            (kdf, given_or(request, Origin::StrongDefault), None)
        } else {
            let kdf = request.resolve(PBKDF2_UPSTREAM_ITERATIONS, SERVER_SCRYPT_N)?;
            let server_iterations = match kdf {
                Kdf::Pbkdf2 { iterations } if iterations != PBKDF2_UPSTREAM_ITERATIONS => {
                    Some(iterations)
                }
                Kdf::Pbkdf2 { .. } => None,
                Kdf::Scrypt { .. } if kdf == Kdf::SCRYPT_UPSTREAM => None,
                Kdf::Scrypt { .. } => return Err(CryptoError::ServerScryptOnly),
            };
            (
                kdf,
                given_or(request, Origin::ServerDefault),
                server_iterations,
            )
        };
        let (salt, salt_origin) = match request.given_salt(true)? {
            Some(given) => given,
            None if embed && draw => (random_salt()?, Origin::Random),
            None => return Err(CryptoError::SaltRequired),
        };
        check_salt(&salt, SALT_MIN_LEN_NEW)?;
        Ok(KdfPlan {
            salt,
            kdf,
            salt_origin,
            kdf_origin,
            embedded: embed,
            server_iterations,
        })
    }

    /// Decrypting a whole file: the file's parameters where it records
    /// them; else the request's, with the server's defaults for every
    /// number not given (whatever else is named); the salt from the file,
    /// else `--salt`, else `AUDIT_CONFIG_SALT`.
    pub fn decrypt_file(file_text: &str, request: &KdfRequest) -> Result<KdfPlan, CryptoError> {
        let reading = request.resolve(PBKDF2_UPSTREAM_ITERATIONS, SERVER_SCRYPT_N)?;
        let env = parse_envelope(file_text, Some(&reading))?;
        let (salt, salt_origin) = match env.salt {
            Some(salt) => (salt, Origin::File),
            None => request.given_salt(true)?.ok_or(CryptoError::MissingSalt)?,
        };
        check_salt(&salt, SALT_MIN_LEN)?;
        let (kdf, kdf_origin) = match env.kdf {
            Some(kdf) => (kdf, Origin::File),
            None => (reading, given_or(request, Origin::ServerDefault)),
        };
        kdf.validate()?;
        Ok(KdfPlan {
            salt,
            kdf,
            salt_origin,
            kdf_origin,
            embedded: false,
            server_iterations: None,
        })
    }

    /// Sealing a document's fields: the parameters travel in the metadata
    /// block, so our stronger defaults apply; the salt is `--salt` or 32
    /// random bytes (`AUDIT_CONFIG_SALT` is the server's, not used here).
    pub fn seal_fields(request: &KdfRequest, password: &str) -> Result<KdfPlan, CryptoError> {
        if password.is_empty() {
            return Err(CryptoError::EmptyPassword);
        }
        Self::new_fields(request, true)
    }

    /// [`KdfPlan::seal_fields`] for a caller that already derived the key:
    /// the salt must be given.
    pub fn seal_fields_for_key(request: &KdfRequest) -> Result<KdfPlan, CryptoError> {
        Self::new_fields(request, false)
    }

    fn new_fields(request: &KdfRequest, draw: bool) -> Result<KdfPlan, CryptoError> {
        let kdf = request.resolve(PBKDF2_DEFAULT_ITERATIONS, STRONG_SCRYPT_N)?;
        let (salt, salt_origin) = match request.given_salt(false)? {
            Some(given) => given,
            None if draw => (random_salt()?, Origin::Random),
            None => return Err(CryptoError::SaltRequired),
        };
        check_salt(&salt, SALT_MIN_LEN_NEW)?;
        Ok(KdfPlan {
            salt,
            kdf,
            salt_origin,
            kdf_origin: given_or(request, Origin::StrongDefault),
            embedded: true,
            server_iterations: None,
        })
    }

    /// A derivation with exactly this salt and KDF (bounds and salt
    /// length checked, as reading does): `keyParams`/`deriveKey`.
    pub fn exact(salt: Vec<u8>, kdf: Kdf) -> Result<KdfPlan, CryptoError> {
        kdf.validate()?;
        check_salt(&salt, SALT_MIN_LEN)?;
        Ok(KdfPlan {
            salt,
            kdf,
            salt_origin: Origin::Given,
            kdf_origin: Origin::Given,
            embedded: false,
            server_iterations: None,
        })
    }

    /// Opening (or resealing) a sealed document: the parameters of its
    /// metadata block, bounds checked.
    pub fn open_fields(doc: &Value) -> Result<KdfPlan, CryptoError> {
        let (salt, kdf) = super::fields::sealed_key_params(doc)?;
        Ok(KdfPlan {
            salt,
            kdf,
            salt_origin: Origin::File,
            kdf_origin: Origin::File,
            embedded: true,
            server_iterations: None,
        })
    }

    /// Runs the KDF (for edges without an asynchronous KDF of their own).
    pub fn derive(&self, password: &str) -> Result<Zeroizing<[u8; KEY_LEN]>, CryptoError> {
        derive_key(password.as_bytes(), &self.salt, &self.kdf)
    }

    /// The core's options for [`super::encrypt_file_with_key`] /
    /// [`super::encrypt_file`].
    pub fn file_options(&self, algorithm: Algorithm) -> FileOptions {
        FileOptions {
            algorithm,
            kdf: self.kdf,
            salt: Some(self.salt.clone()),
            embed_params: self.embedded,
        }
    }

    /// What was (or will be) tried, in words: "PBKDF2-HMAC-SHA256 with
    /// 100,000 iterations (the audit server's default), a 32-byte salt
    /// from AUDIT_CONFIG_SALT".
    pub fn describe(&self) -> String {
        format!(
            "{} ({}), a {}-byte salt ({})",
            describe_kdf(&self.kdf),
            self.kdf_origin.describe(),
            self.salt.len(),
            self.salt_origin.describe()
        )
    }

    /// A failed authentication, with what was tried; other errors as they
    /// are.
    pub fn explain(&self, err: CryptoError) -> CryptoError {
        match err {
            CryptoError::WrongPasswordOrModified => CryptoError::AuthenticationFailed {
                tried: self.describe(),
            },
            other => other,
        }
    }

    /// For output written without embedded parameters at other than the
    /// server's default iterations: the line to tell the user.
    pub fn server_note(&self) -> Option<String> {
        self.server_iterations.map(|n| {
            format!(
                "the file records no parameters: the audit server reads it only if its config sets `iterations: {n}` (SecureStorageConfig; its default is {PBKDF2_UPSTREAM_ITERATIONS})"
            )
        })
    }
}

/// The KDF in words, with its numbers.
pub fn describe_kdf(kdf: &Kdf) -> String {
    match *kdf {
        Kdf::Pbkdf2 { iterations } => {
            format!(
                "PBKDF2-HMAC-SHA256 with {} iterations",
                thousands(iterations)
            )
        }
        Kdf::Scrypt { log_n, r, p } => format!(
            "scrypt with N = {}, r = {r}, p = {p}",
            1u64.checked_shl(u32::from(log_n)).unwrap_or(0)
        ),
    }
}

fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn given_or(request: &KdfRequest, default: Origin) -> Origin {
    if request.given_kdf() {
        Origin::Given
    } else {
        default
    }
}

fn random_salt() -> Result<Vec<u8>, CryptoError> {
    let mut salt = vec![0u8; SALT_DEFAULT_LEN];
    random_bytes(&mut salt)?;
    Ok(salt)
}

/// What a whole encrypted file leaves for the reader to supply (the
/// server's files: both), so that a form can ask for exactly that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileNeeds {
    /// The file records no salt.
    pub salt: bool,
    /// The file records no KDF.
    pub kdf: bool,
}

impl FileNeeds {
    /// What the reader must supply for `file_text` (structural errors as
    /// [`super::decrypt_file`] reports them).
    pub fn of(file_text: &str) -> Result<FileNeeds, CryptoError> {
        let env = parse_envelope(file_text, None)?;
        Ok(FileNeeds {
            salt: env.salt.is_none(),
            kdf: env.kdf.is_none(),
        })
    }
}

/// The KDF the server uses when nothing else is said: PBKDF2 with 100,000
/// iterations (what a form asking for the parameters is prefilled with).
pub const SERVER_DEFAULT_KDF: Kdf = Kdf::PBKDF2_UPSTREAM;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{FileParams, decrypt_file, encrypt_file};

    const CONFIG: &str = "{\n  \"environment\": \"test\"\n}";
    const SALT: &str = "00112233445566778899aabbccddeeff";

    fn req() -> KdfRequest {
        KdfRequest::default()
    }

    #[test]
    fn reading_a_server_file_uses_the_server_defaults_whatever_is_named() {
        let salt = hex::decode(SALT).expect("hex");
        let file =
            encrypt_file(CONFIG, "pw", &FileOptions::upstream(salt.clone())).expect("encrypt");
        for kdf in [None, Some(KdfName::Pbkdf2)] {
            let r = KdfRequest {
                kdf,
                salt_hex: Some(SALT.to_owned()),
                ..req()
            };
            let plan = KdfPlan::decrypt_file(&file, &r).expect("plan");
            assert_eq!(plan.kdf, Kdf::PBKDF2_UPSTREAM, "{kdf:?}");
        }
        let r = KdfRequest {
            kdf: Some(KdfName::Scrypt),
            env_salt_hex: Some(SALT.to_owned()),
            ..req()
        };
        let plan = KdfPlan::decrypt_file(&file, &r).expect("plan");
        assert_eq!(plan.kdf, Kdf::SCRYPT_UPSTREAM);
        assert_eq!(plan.salt_origin, Origin::Environment);
        assert_eq!(plan.kdf_origin, Origin::Given);
        // Without any salt: the error names AUDIT_CONFIG_SALT.
        let err = KdfPlan::decrypt_file(&file, &req()).expect_err("no salt");
        assert!(err.to_string().contains("AUDIT_CONFIG_SALT"), "{err}");
    }

    #[test]
    fn writing_without_parameters_uses_what_the_server_reads() {
        let r = KdfRequest {
            env_salt_hex: Some(SALT.to_owned()),
            ..req()
        };
        let plan = KdfPlan::encrypt_file(&r, false, "pw").expect("plan");
        assert_eq!(plan.kdf, Kdf::PBKDF2_UPSTREAM);
        assert_eq!(plan.server_iterations, None);
        let scrypt = KdfRequest {
            kdf: Some(KdfName::Scrypt),
            ..r.clone()
        };
        assert_eq!(
            KdfPlan::encrypt_file(&scrypt, false, "pw")
                .expect("plan")
                .kdf,
            Kdf::SCRYPT_UPSTREAM
        );
        let strong_n = KdfRequest {
            scrypt_n: Some(STRONG_SCRYPT_N),
            ..scrypt.clone()
        };
        assert_eq!(
            KdfPlan::encrypt_file(&strong_n, false, "pw"),
            Err(CryptoError::ServerScryptOnly)
        );
        let custom = KdfRequest {
            iterations: Some(250_000),
            ..r.clone()
        };
        let plan = KdfPlan::encrypt_file(&custom, false, "pw").expect("plan");
        assert_eq!(plan.server_iterations, Some(250_000));
        assert!(
            plan.server_note()
                .expect("note")
                .contains("`iterations: 250000`")
        );
        // Embedded: our defaults.
        let plan = KdfPlan::encrypt_file(&req(), true, "pw").expect("plan");
        assert_eq!(plan.kdf, Kdf::PBKDF2_DEFAULT);
        assert_eq!(plan.salt_origin, Origin::Random);
        let plan = KdfPlan::encrypt_file(&scrypt, true, "pw").expect("plan");
        assert_eq!(plan.kdf, Kdf::SCRYPT_DEFAULT);
        // No salt without embedding.
        assert_eq!(
            KdfPlan::encrypt_file(&req(), false, "pw"),
            Err(CryptoError::SaltRequired)
        );
        assert_eq!(
            KdfPlan::encrypt_file(&r, false, ""),
            Err(CryptoError::EmptyPassword)
        );
    }

    #[test]
    fn explicit_salt_beats_the_environment_and_bad_hex_is_named() {
        let r = KdfRequest {
            salt_hex: Some("ff".repeat(16)),
            env_salt_hex: Some(SALT.to_owned()),
            ..req()
        };
        let plan = KdfPlan::encrypt_file(&r, false, "pw").expect("plan");
        assert_eq!(plan.salt, vec![0xff; 16]);
        let bad = KdfRequest {
            env_salt_hex: Some("not hex".to_owned()),
            ..req()
        };
        let err = KdfPlan::encrypt_file(&bad, false, "pw").expect_err("bad");
        assert_eq!(err, CryptoError::SaltNotHex(SALT_ENV));
        let conflicting = KdfRequest {
            kdf: Some(KdfName::Scrypt),
            iterations: Some(5000),
            ..req()
        };
        assert!(matches!(
            KdfPlan::encrypt_file(&conflicting, true, "pw"),
            Err(CryptoError::ConflictingKdfOptions(_))
        ));
        // Fields do not take the server's salt.
        let fields = KdfPlan::seal_fields(&bad, "pw").expect("plan");
        assert_eq!(fields.salt_origin, Origin::Random);
    }

    #[test]
    fn failures_name_what_was_tried() {
        let salt = hex::decode(SALT).expect("hex");
        let file = encrypt_file(CONFIG, "pw", &FileOptions::upstream(salt)).expect("encrypt");
        let r = KdfRequest {
            salt_hex: Some(SALT.to_owned()),
            ..req()
        };
        let plan = KdfPlan::decrypt_file(&file, &r).expect("plan");
        let fallback = FileParams {
            salt: Some(plan.salt.clone()),
            kdf: Some(plan.kdf),
        };
        let err = decrypt_file(&file, "wrong", &fallback).expect_err("wrong");
        let msg = plan.explain(err).to_string();
        assert_eq!(
            msg,
            "wrong password or the file was modified (tried PBKDF2-HMAC-SHA256 with 100,000 iterations (the audit server's default), a 16-byte salt (given))"
        );
        assert_eq!(
            FileNeeds::of(&file).expect("needs"),
            FileNeeds {
                salt: true,
                kdf: true
            }
        );
    }
}
