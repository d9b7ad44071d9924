//! The Encrypt view's logic, outside the view: what the form holds, what
//! a text to decrypt needs, and each job split around the key derivation
//! (which the view runs in WebCrypto, with progress). Every decision about
//! salts and KDF parameters is the core's [`KdfPlan`]; this module only
//! turns the form into a [`KdfRequest`] and executes the plan.
//!
//! A job is `prepare` (every check, the plan), then the caller derives the
//! key of [`KdfPlan::salt`] and [`KdfPlan::kdf`], then `finish(key)`.

use auditcfg_core::crypto::plan::SERVER_DEFAULT_KDF;
use auditcfg_core::crypto::{
    self, Algorithm, CryptoError, FileKind, FileNeeds, Kdf, KdfName, KdfPlan, KdfRequest,
    METADATA_KEY,
};
use serde_json::Value;

/// What to encrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The whole file, in the audit server's format.
    File,
    /// The secrets only (field level); a sealed document is resealed.
    Fields,
}

/// The parameters a reader supplies for a file that does not record
/// them: the fields the view shows, prefilled with the server's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadParams {
    /// Hex salt (the server's `AUDIT_CONFIG_SALT` or config `salt`).
    pub salt_hex: String,
    /// PBKDF2 or scrypt.
    pub kdf: KdfName,
    /// PBKDF2 iterations, as typed.
    pub iterations: String,
}

impl Default for ReadParams {
    /// The server's defaults: PBKDF2 with 100,000 iterations; no salt
    /// (the server has no default salt: each install draws its own).
    fn default() -> Self {
        let iterations = match SERVER_DEFAULT_KDF {
            Kdf::Pbkdf2 { iterations } => iterations,
            Kdf::Scrypt { .. } => 0,
        };
        ReadParams {
            salt_hex: String::new(),
            kdf: KdfName::Pbkdf2,
            iterations: iterations.to_string(),
        }
    }
}

impl ReadParams {
    fn request(&self) -> Result<KdfRequest, String> {
        let salt = self.salt_hex.trim();
        let iterations = match self.kdf {
            KdfName::Scrypt => None,
            KdfName::Pbkdf2 if self.iterations.trim().is_empty() => None,
            KdfName::Pbkdf2 => Some(
                self.iterations
                    .trim()
                    .replace([',', '_', ' '], "")
                    .parse::<u32>()
                    .map_err(|_| "Iterations must be a whole number.".to_owned())?,
            ),
        };
        Ok(KdfRequest {
            kdf: Some(self.kdf),
            iterations,
            salt_hex: (!salt.is_empty()).then(|| salt.to_owned()),
            ..KdfRequest::default()
        })
    }
}

/// What a text given to "Decrypt" is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A whole encrypted file; `needs` says which parameters it leaves to
    /// the reader (the server's files: salt and KDF).
    File(FileNeeds),
    /// A document with sealed fields.
    Sealed,
    /// Only a KMS can decrypt it.
    Kms,
    /// Neither encrypted nor sealed.
    Plain,
    /// Broken: the message.
    Invalid(String),
}

impl Input {
    /// Recognises `text` (no password).
    pub fn of(text: &str) -> Input {
        match crypto::inspect_file(text) {
            FileKind::Gcm(_) | FileKind::Cbc(_) => match FileNeeds::of(text) {
                Ok(needs) => Input::File(needs),
                Err(e) => Input::Invalid(e.to_string()),
            },
            FileKind::Kms => Input::Kms,
            FileKind::Invalid(e) => Input::Invalid(e.to_string()),
            FileKind::NotEncrypted => match auditcfg_core::parse(text, None).document {
                Some(doc) if doc.value().get(METADATA_KEY).is_some() => Input::Sealed,
                _ => Input::Plain,
            },
        }
    }

    /// Should the view show the salt field?
    pub fn needs_salt(&self) -> bool {
        matches!(self, Input::File(n) if n.salt)
    }

    /// Should the view show the KDF and iterations fields?
    pub fn needs_kdf(&self) -> bool {
        matches!(self, Input::File(n) if n.kdf)
    }
}

/// An encryption ready for its key.
#[derive(Debug, Clone)]
pub struct EncryptJob {
    mode: Mode,
    doc: Value,
    resealing: bool,
    /// The salt and KDF to derive the key with.
    pub plan: KdfPlan,
}

impl EncryptJob {
    /// Every check before the key derivation. `iterations` is the PBKDF2
    /// count chosen in the view (the parameters travel with the output).
    pub fn prepare(
        text: &str,
        mode: Mode,
        password: &str,
        iterations: u32,
    ) -> Result<EncryptJob, String> {
        if password.is_empty() {
            return Err("Enter a password first.".to_owned());
        }
        let Some(doc) = auditcfg_core::parse(text, None).document else {
            return Err("The document has syntax errors: fix them before encrypting.".to_owned());
        };
        let doc = doc.into_value();
        let request = KdfRequest::exact(Kdf::Pbkdf2 { iterations });
        let resealing = mode == Mode::Fields && doc.get(METADATA_KEY).is_some();
        let plan = match mode {
            Mode::File => KdfPlan::encrypt_file(&request, true, password),
            Mode::Fields if resealing => KdfPlan::open_fields(&doc),
            Mode::Fields => KdfPlan::seal_fields(&request, password),
        }
        .map_err(|e| e.to_string())?;
        Ok(EncryptJob {
            mode,
            doc,
            resealing,
            plan,
        })
    }

    /// Encrypts with the derived key: the output text and a status line.
    pub fn finish(&self, key: &[u8; 32]) -> Result<(String, String), String> {
        match self.mode {
            Mode::File => {
                let plain = crypto::upstream_plaintext(&self.doc).map_err(|e| e.to_string())?;
                let opts = self.plan.file_options(Algorithm::Aes256Gcm);
                let out = crypto::encrypt_file_with_key(&plain, key, &self.plan.salt, &opts)
                    .map_err(|e| e.to_string())?;
                Ok((
                    out,
                    format!(
                        "Encrypted the whole file (AES-256-GCM, {}). Download it below.",
                        crypto::plan::describe_kdf(&self.plan.kdf)
                    ),
                ))
            }
            Mode::Fields if self.resealing => {
                let r = crypto::reseal_fields_with_key(&self.doc, key, &[])
                    .map_err(|e| self.plan.explain(e).to_string())?;
                Ok((
                    auditcfg_core::to_json(&r.doc),
                    format!(
                        "Resealed the edited document: every sealed value verified ({}). Download it below.",
                        r.changes.summary()
                    ),
                ))
            }
            Mode::Fields => {
                let sealed = crypto::seal_fields_with_key(
                    &self.doc,
                    key,
                    &self.plan.salt,
                    &self.plan.kdf,
                    &[],
                )
                .map_err(|e| e.to_string())?;
                Ok((
                    auditcfg_core::to_json(&sealed),
                    "Sealed every secret (enc:v1, AES-256-GCM); the rest stays readable. Download it below."
                        .to_owned(),
                ))
            }
        }
    }
}

/// A decryption ready for its key.
#[derive(Debug, Clone)]
pub struct DecryptJob {
    source: String,
    sealed: Option<Value>,
    /// The salt and KDF to derive the key with.
    pub plan: KdfPlan,
}

impl DecryptJob {
    /// Every check before the key derivation; `params` are used for what
    /// the file does not record.
    pub fn prepare(
        source: &str,
        password: &str,
        params: &ReadParams,
    ) -> Result<DecryptJob, String> {
        if password.is_empty() {
            return Err("Enter the file's password first.".to_owned());
        }
        match Input::of(source) {
            Input::File(needs) => {
                if needs.salt && params.salt_hex.trim().is_empty() {
                    return Err(
                        "This file does not record its salt: enter the audit server's salt (AUDIT_CONFIG_SALT)."
                            .to_owned(),
                    );
                }
                let plan =
                    KdfPlan::decrypt_file(source, &params.request()?).map_err(|e| e.to_string())?;
                Ok(DecryptJob {
                    source: source.to_owned(),
                    sealed: None,
                    plan,
                })
            }
            Input::Sealed => {
                let doc = auditcfg_core::parse(source, None)
                    .document
                    .ok_or("the text does not parse")?
                    .into_value();
                let plan = KdfPlan::open_fields(&doc).map_err(|e| e.to_string())?;
                Ok(DecryptJob {
                    source: source.to_owned(),
                    sealed: Some(doc),
                    plan,
                })
            }
            Input::Kms => Err(CryptoError::KmsEncrypted.to_string()),
            Input::Invalid(e) => Err(e),
            Input::Plain => Err(
                "this is neither an encrypted file nor a document with sealed secrets".to_owned(),
            ),
        }
    }

    /// Decrypts with the derived key: the config text and what was done.
    pub fn finish(&self, key: &[u8; 32]) -> Result<(String, &'static str), String> {
        match &self.sealed {
            None => {
                let plain = crypto::decrypt_file_with_key(&self.source, key)
                    .map_err(|e| self.plan.explain(e).to_string())?;
                let v: Value = serde_json::from_str(&plain).map_err(|e| e.to_string())?;
                Ok((auditcfg_core::to_json(&v), "Decrypted the file"))
            }
            Some(doc) => {
                let v = crypto::open_fields_with_key(doc, key).map_err(|e| {
                    let err = self.plan.explain(e);
                    match crypto::sealed_changes(doc) {
                        Ok(c) if c.recorded && !c.is_empty() => format!(
                            "the document was edited after it was sealed ({}): encrypt it again (Secrets only) with the password to accept the edits",
                            c.summary()
                        ),
                        _ => err.to_string(),
                    }
                })?;
                Ok((auditcfg_core::to_json(&v), "Opened the sealed secrets"))
            }
        }
    }
}

/// The key for protecting this tab's drafts: the plan of a sealing with
/// our default KDF (the salt drawn by the core).
pub fn draft_plan(password: &str) -> Result<KdfPlan, String> {
    KdfPlan::seal_fields(&KdfRequest::exact(Kdf::PBKDF2_DEFAULT), password)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use auditcfg_core::crypto::FileOptions;

    const FAST: u32 = 1_000;
    const CONFIG: &str = "{\n  \"environment\": \"test\",\n  \"version\": \"1.0.0\"\n}";
    const SALT: &str = "000102030405060708090a0b0c0d0e0f";

    fn server_file(kdf: Kdf) -> String {
        let mut opts = FileOptions::upstream((0u8..16).collect());
        opts.kdf = kdf;
        crypto::encrypt_file(CONFIG, "pw", &opts).expect("encrypt")
    }

    fn decrypt(source: &str, params: &ReadParams) -> Result<String, String> {
        let job = DecryptJob::prepare(source, "pw", params)?;
        let key = job.plan.derive("pw").map_err(|e| e.to_string())?;
        job.finish(&key).map(|(t, _)| t)
    }

    #[test]
    fn a_server_file_asks_for_salt_and_kdf_prefilled_with_the_server_defaults() {
        let file = server_file(Kdf::PBKDF2_UPSTREAM);
        let input = Input::of(&file);
        assert!(input.needs_salt() && input.needs_kdf(), "{input:?}");
        let params = ReadParams::default();
        assert_eq!(params.iterations, "100000");
        assert_eq!(params.kdf, KdfName::Pbkdf2);
        // Without the salt: a clear request for it.
        let err = decrypt(&file, &params).expect_err("no salt");
        assert!(err.contains("AUDIT_CONFIG_SALT"), "{err}");
        // With the salt and the prefilled defaults: it opens.
        let params = ReadParams {
            salt_hex: SALT.to_owned(),
            ..ReadParams::default()
        };
        let text = decrypt(&file, &params).expect("opens");
        assert!(text.contains("\"environment\": \"test\""));
        // scrypt files: choosing scrypt is enough (N = 16384).
        let file = server_file(Kdf::SCRYPT_UPSTREAM);
        let params = ReadParams {
            salt_hex: SALT.to_owned(),
            kdf: KdfName::Scrypt,
            ..ReadParams::default()
        };
        assert!(decrypt(&file, &params).is_ok());
    }

    #[test]
    fn files_that_record_their_parameters_ask_for_nothing() {
        let job = EncryptJob::prepare(CONFIG, Mode::File, "pw", FAST).expect("prepare");
        let key = job.plan.derive("pw").expect("key");
        let (file, status) = job.finish(&key).expect("encrypt");
        assert!(status.contains("1,000 iterations"), "{status}");
        let input = Input::of(&file);
        assert_eq!(
            input,
            Input::File(FileNeeds {
                salt: false,
                kdf: false
            })
        );
        assert!(decrypt(&file, &ReadParams::default()).is_ok());
        let wrong = DecryptJob::prepare(&file, "pw", &ReadParams::default()).expect("prepare");
        let bad_key = wrong.plan.derive("other").expect("key");
        let err = wrong.finish(&bad_key).expect_err("wrong password");
        assert!(
            err.contains("tried PBKDF2-HMAC-SHA256 with 1,000 iterations"),
            "{err}"
        );
    }

    #[test]
    fn fields_mode_seals_then_reseals_an_edited_document() {
        let doc = auditcfg_core::to_json(&auditcfg_core::preset::reference(
            auditcfg_core::Environment::Production,
        ));
        let job = EncryptJob::prepare(&doc, Mode::Fields, "pw", FAST).expect("prepare");
        let key = job.plan.derive("pw").expect("key");
        let (sealed, _) = job.finish(&key).expect("seal");
        let mut edited: Value = serde_json::from_str(&sealed).expect("json");
        edited["server"]["port"] = Value::from(3001);
        let edited = auditcfg_core::to_json(&edited);
        // Opening the edited document names the edit.
        let err = decrypt(&edited, &ReadParams::default()).expect_err("MAC");
        assert!(err.contains("/server/port"), "{err}");
        // Encrypting it again (secrets only) reseals it.
        let job = EncryptJob::prepare(&edited, Mode::Fields, "pw", FAST).expect("prepare");
        let key = job.plan.derive("pw").expect("key");
        let (resealed, status) = job.finish(&key).expect("reseal");
        assert!(status.contains("changed /server/port"), "{status}");
        let opened = decrypt(&resealed, &ReadParams::default()).expect("opens");
        assert!(opened.contains("\"port\": 3001"));
    }

    #[test]
    fn preconditions() {
        assert!(EncryptJob::prepare(CONFIG, Mode::File, "", FAST).is_err());
        assert!(EncryptJob::prepare("{", Mode::File, "pw", FAST).is_err());
        assert_eq!(Input::of(CONFIG), Input::Plain);
        assert_eq!(Input::of(r#"{"data": "00ff"}"#), Input::Kms);
        let params = ReadParams {
            salt_hex: SALT.to_owned(),
            iterations: "many".to_owned(),
            ..ReadParams::default()
        };
        let file = server_file(Kdf::PBKDF2_UPSTREAM);
        assert!(
            decrypt(&file, &params)
                .expect_err("bad")
                .contains("whole number")
        );
        assert_eq!(draft_plan("pw").expect("plan").salt.len(), 32);
    }
}
