//! Encryption: upstream's whole-file format and our field-level format.
//! Passwords, keys and plaintexts stay in this process: nothing here does
//! I/O, and error messages never contain them.

use super::{parse_document, write};
use crate::error::{ApiError, JsResult};
use crate::js;
use auditcfg_core::crypto::{
    self, Algorithm, FieldOptions, FileKind, Kdf, KdfPlan, KdfRequest, METADATA_KEY,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// A key derivation function and its parameters, as JavaScript writes it:
/// `{name: "PBKDF2", iterations}` or `{name: "scrypt", N, r, p}` (N itself,
/// a power of two, as Node's `scryptSync` takes it).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(tag = "name", deny_unknown_fields)]
pub enum KdfDto {
    /// PBKDF2-HMAC-SHA256.
    #[serde(rename = "PBKDF2")]
    Pbkdf2 {
        /// Iteration count.
        iterations: u32,
    },
    /// scrypt.
    #[serde(rename = "scrypt")]
    Scrypt {
        /// CPU/memory cost N (a power of two).
        #[serde(rename = "N")]
        n: u64,
        /// Block size.
        r: u32,
        /// Parallelism.
        p: u32,
    },
}

impl KdfDto {
    fn into_core(self) -> Result<Kdf, ApiError> {
        match self {
            KdfDto::Pbkdf2 { iterations } => Ok(Kdf::Pbkdf2 { iterations }),
            KdfDto::Scrypt { n, r, p } => Ok(Kdf::scrypt_from_n(n, r, p)?),
        }
    }
}

impl From<Kdf> for KdfDto {
    fn from(kdf: Kdf) -> Self {
        match kdf {
            Kdf::Pbkdf2 { iterations } => KdfDto::Pbkdf2 { iterations },
            Kdf::Scrypt { log_n, r, p } => KdfDto::Scrypt {
                n: 1u64.checked_shl(u32::from(log_n)).unwrap_or(u64::MAX),
                r,
                p,
            },
        }
    }
}

pub(super) fn opt_kdf(kdf: Option<KdfDto>) -> Result<Option<Kdf>, ApiError> {
    kdf.map(KdfDto::into_core).transpose()
}

/// The core's KDF request of a JavaScript `{kdf?, salt?}` (no environment
/// here: `AUDIT_CONFIG_SALT` is the caller's to pass as `salt`).
pub(super) fn request(kdf: Option<KdfDto>, salt: Option<&str>) -> Result<KdfRequest, ApiError> {
    let request = match opt_kdf(kdf)? {
        Some(kdf) => KdfRequest::exact(kdf),
        None => KdfRequest::default(),
    };
    Ok(request.with_salt(salt.map(str::to_owned)))
}

/// Options of `encryptFile`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct EncryptFileOpts {
    pub(super) format: Option<String>,
    pub(super) algorithm: Option<String>,
    pub(super) kdf: Option<KdfDto>,
    pub(super) salt: Option<String>,
    pub(super) embed_params: Option<bool>,
}

/// The cipher of `encryptFile`'s JavaScript options (default GCM).
pub(super) fn algorithm(o: &EncryptFileOpts) -> Result<Algorithm, ApiError> {
    match o.algorithm.as_deref() {
        None => Ok(Algorithm::default()),
        Some(name) => Algorithm::from_name(name).ok_or_else(|| {
            ApiError::from(crypto::CryptoError::UnsupportedAlgorithm(name.to_owned()))
        }),
    }
}

/// `encryptFile(text, password, {format?, algorithm?, kdf?, salt?,
/// embedParams?})`: the config (JSON or TOML) encrypted in upstream's file
/// format; the plaintext is `JSON.stringify(config, null, 2)`.
#[wasm_bindgen(js_name = encryptFile)]
pub fn encrypt_file(text: JsValue, password: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let password = zeroize::Zeroizing::new(js::string_arg(&password, "password")?);
    let o = js::options::<EncryptFileOpts>(options, "encryptFile")?;
    let algorithm = algorithm(&o)?;
    let request = request(o.kdf, o.salt.as_deref())?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let plaintext = crypto::upstream_plaintext(doc.value()).map_err(ApiError::from)?;
    let plan = KdfPlan::encrypt_file(&request, o.embed_params.unwrap_or(true), &password)
        .map_err(ApiError::from)?;
    Ok(
        crypto::encrypt_file(&plaintext, &password, &plan.file_options(algorithm))
            .map_err(ApiError::from)?
            .into(),
    )
}

/// Options of `decryptFile`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct DecryptFileOpts {
    pub(super) kdf: Option<KdfDto>,
    pub(super) salt: Option<String>,
}

/// `decryptFile(fileText, password, {salt?, kdf?})`: the config text of an
/// encrypted file. `salt` and `kdf` are used when the file does not record
/// them (upstream's files: `AUDIT_CONFIG_SALT`, PBKDF2 100,000).
#[wasm_bindgen(js_name = decryptFile)]
pub fn decrypt_file(file_text: JsValue, password: JsValue, options: JsValue) -> JsResult {
    let file_text = js::string_arg(&file_text, "fileText")?;
    let password = zeroize::Zeroizing::new(js::string_arg(&password, "password")?);
    let o = js::options::<DecryptFileOpts>(options, "decryptFile")?;
    let plan = KdfPlan::decrypt_file(&file_text, &request(o.kdf, o.salt.as_deref())?)
        .map_err(ApiError::from)?;
    let key = plan.derive(&password).map_err(ApiError::from)?;
    let plaintext = crypto::decrypt_file_with_key(&file_text, &key)
        .map_err(|e| ApiError::from(plan.explain(e)))?;
    Ok(JsValue::from_str(&plaintext))
}

/// Options of `encryptFields`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct EncryptFieldsOpts {
    pub(super) format: Option<String>,
    pub(super) kdf: Option<KdfDto>,
    pub(super) salt: Option<String>,
    pub(super) extra_pointers: Option<Vec<String>>,
    pub(super) previous: Option<String>,
}

/// `encryptFields(text, password, {format?, kdf?, salt?, extraPointers?,
/// previous?})`: the document with every secret sealed in place and the
/// authenticated `$auditcfgEncryption` block, in the text's format. With
/// `previous` (the earlier sealed text), unchanged secrets keep their
/// ciphertext. A document sealed already is resealed: every sealed value
/// is verified with the password, edits to plain values are accepted and
/// the MAC recomputed (its own salt and KDF; `kdf`, `salt` and `previous`
/// do not apply).
#[wasm_bindgen(js_name = encryptFields)]
pub fn encrypt_fields(text: JsValue, password: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let password = zeroize::Zeroizing::new(js::string_arg(&password, "password")?);
    let o = js::options::<EncryptFieldsOpts>(options, "encryptFields")?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let extra = o.extra_pointers.unwrap_or_default();
    if doc.value().get(METADATA_KEY).is_some() && o.previous.is_none() {
        let plan = KdfPlan::open_fields(doc.value()).map_err(ApiError::from)?;
        let resealed = crypto::reseal_fields(doc.value(), &password, &extra)
            .map_err(|e| ApiError::from(plan.explain(e)))?;
        return Ok(write(&resealed.doc, doc.format())?.into());
    }
    let plan = KdfPlan::seal_fields(&request(o.kdf, o.salt.as_deref())?, &password)
        .map_err(ApiError::from)?;
    let opts = FieldOptions {
        kdf: plan.kdf,
        salt: Some(plan.salt),
        extra_pointers: extra,
    };
    let previous = o
        .previous
        .as_deref()
        .map(|p| parse_document(p, None))
        .transpose()?;
    let sealed = crypto::seal_fields(
        doc.value(),
        &password,
        &opts,
        previous.as_ref().map(|d| d.value()),
    )
    .map_err(ApiError::from)?;
    Ok(write(&sealed, doc.format())?.into())
}

/// Options of `decryptFields`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct DecryptFieldsOpts {
    pub(super) format: Option<String>,
}

/// `decryptFields(text, password, {format?})`: the sealed document opened
/// (MAC verified, secrets decrypted, metadata removed), in its format.
#[wasm_bindgen(js_name = decryptFields)]
pub fn decrypt_fields(text: JsValue, password: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let password = zeroize::Zeroizing::new(js::string_arg(&password, "password")?);
    let o = js::options::<DecryptFieldsOpts>(options, "decryptFields")?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let opened = crypto::open_fields(doc.value(), &password).map_err(ApiError::from)?;
    Ok(write(&opened, doc.format())?.into())
}

/// What `inspectFile` returns, tagged by `kind`.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum FileKindDto {
    /// AES-256-GCM.
    #[serde(rename_all = "camelCase")]
    Gcm {
        salt: Option<String>,
        kdf: Option<KdfDto>,
        ciphertext_length: usize,
    },
    /// AES-256-CBC.
    #[serde(rename_all = "camelCase")]
    Cbc {
        salt: Option<String>,
        kdf: Option<KdfDto>,
        ciphertext_length: usize,
    },
    /// Upstream's KMS mode: only the KMS can decrypt it.
    Kms,
    /// A plain config.
    NotEncrypted,
    /// Broken: what `decryptFile` would throw.
    Invalid { code: &'static str, message: String },
}

/// `inspectFile(text)`: what kind of file a text is, and the parameters an
/// encrypted file records, without a password.
#[wasm_bindgen(js_name = inspectFile)]
pub fn inspect_file(text: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let dto = match crypto::inspect_file(&text) {
        FileKind::Gcm(info) => FileKindDto::Gcm {
            salt: info.salt.as_deref().map(hex::encode),
            kdf: info.kdf.map(Into::into),
            ciphertext_length: info.ciphertext_len,
        },
        FileKind::Cbc(info) => FileKindDto::Cbc {
            salt: info.salt.as_deref().map(hex::encode),
            kdf: info.kdf.map(Into::into),
            ciphertext_length: info.ciphertext_len,
        },
        FileKind::Kms => FileKindDto::Kms,
        FileKind::NotEncrypted => FileKindDto::NotEncrypted,
        FileKind::Invalid(e) => {
            let e = ApiError::from(e);
            FileKindDto::Invalid {
                code: e.code,
                message: e.message,
            }
        }
    };
    Ok(js::to_js(&dto)?)
}
