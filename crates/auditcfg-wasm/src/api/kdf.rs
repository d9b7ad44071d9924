//! Encryption split in two around the key derivation, for the package's
//! asynchronous functions (`pkg/kdf.js`): a `…Params` function checks
//! everything the one-shot function checks and returns the salt and KDF to
//! derive with; the caller derives the 32-byte key (the host's WebCrypto
//! PBKDF2, which does not block the page, or [`derive_key`] here); a
//! `…WithKey` function finishes the job. Same bytes as the one-shot
//! functions of [`super::crypto`]: the key is the core's
//! [`crypto::derive_key`] of the same password, salt and KDF.

use super::crypto::{
    DecryptFieldsOpts, DecryptFileOpts, EncryptFieldsOpts, EncryptFileOpts, KdfDto, algorithm,
    opt_kdf, request,
};
use super::{parse_document, write};
use crate::error::{ApiError, JsResult};
use crate::js;
use auditcfg_core::crypto::kdf::KEY_LEN;
use auditcfg_core::crypto::{self, CryptoError, Kdf, KdfPlan, METADATA_KEY};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroizing;

/// What every `…Params` function returns: `{salt, kdf}` (hex salt).
#[derive(Debug, Serialize)]
struct KeyParamsDto {
    salt: String,
    kdf: KdfDto,
}

fn params_js(plan: &KdfPlan) -> JsResult {
    Ok(js::to_js(&KeyParamsDto {
        salt: hex::encode(&plan.salt),
        kdf: plan.kdf.into(),
    })?)
}

/// A 32-byte key argument (a `Uint8Array`).
fn key_arg(value: &JsValue) -> Result<Zeroizing<[u8; KEY_LEN]>, ApiError> {
    let invalid = || ApiError::invalid_argument("key must be a Uint8Array of 32 bytes");
    let array = value.dyn_ref::<js_sys::Uint8Array>().ok_or_else(invalid)?;
    if array.length() as usize != KEY_LEN {
        return Err(invalid());
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    array.copy_to(key.as_mut_slice());
    Ok(key)
}

/// A required KDF argument (`{name: "PBKDF2", iterations}` or
/// `{name: "scrypt", N, r, p}`).
fn kdf_arg(value: &JsValue) -> Result<Kdf, ApiError> {
    let json = js::json_arg(value, "kdf")?;
    let dto: KdfDto = serde_json::from_value(json)
        .map_err(|e| ApiError::invalid_argument(format!("invalid kdf: {e}")))?;
    opt_kdf(Some(dto))?.ok_or_else(|| ApiError::invalid_argument("kdf is required"))
}

/// A required hex salt argument.
fn salt_arg(value: &JsValue) -> Result<Vec<u8>, ApiError> {
    let text = js::string_arg(value, "salt")?;
    hex::decode(text.trim()).map_err(|_| ApiError::from(CryptoError::SaltNotHex("the salt")))
}

/// `keyParams(password, salt, kdf)`: checks a derivation's arguments as
/// `deriveKey` does (password a well-formed string, salt 8..1024 bytes,
/// KDF within bounds) without deriving; returns `{salt, kdf}`.
#[wasm_bindgen(js_name = keyParams)]
pub fn key_params(password: JsValue, salt: JsValue, kdf: JsValue) -> JsResult {
    js::string_arg(&password, "password").map(Zeroizing::new)?;
    let plan = KdfPlan::exact(salt_arg(&salt)?, kdf_arg(&kdf)?).map_err(ApiError::from)?;
    params_js(&plan)
}

/// `deriveKey(password, salt, kdf)`: the 32-byte key (a `Uint8Array`) of
/// the password (UTF-8), the hex salt and the KDF, computed here (blocks
/// for the KDF's duration).
#[wasm_bindgen(js_name = deriveKey)]
pub fn derive_key(password: JsValue, salt: JsValue, kdf: JsValue) -> JsResult {
    let password = Zeroizing::new(js::string_arg(&password, "password")?);
    let salt = salt_arg(&salt)?;
    let kdf = kdf_arg(&kdf)?;
    let key = crypto::derive_key(password.as_bytes(), &salt, &kdf).map_err(ApiError::from)?;
    Ok(js_sys::Uint8Array::from(key.as_slice()).into())
}

/// `encryptFileParams(text, password, options)`: every check of
/// `encryptFile` (arguments, options, syntax, password, KDF bounds, salt),
/// then the salt (drawn when absent) and KDF to derive the key with.
#[wasm_bindgen(js_name = encryptFileParams)]
pub fn encrypt_file_params(text: JsValue, password: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let password = Zeroizing::new(js::string_arg(&password, "password")?);
    let o = js::options::<EncryptFileOpts>(options, "encryptFileAsync")?;
    algorithm(&o)?;
    let request = request(o.kdf, o.salt.as_deref())?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    crypto::upstream_plaintext(doc.value()).map_err(ApiError::from)?;
    let plan = KdfPlan::encrypt_file(&request, o.embed_params.unwrap_or(true), &password)
        .map_err(ApiError::from)?;
    params_js(&plan)
}

/// `encryptFileWithKey(text, key, options)`: `encryptFile` with the key
/// derived from the password, `options.salt` (required) and `options.kdf`.
#[wasm_bindgen(js_name = encryptFileWithKey)]
pub fn encrypt_file_with_key(text: JsValue, key: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let key = key_arg(&key)?;
    let o = js::options::<EncryptFileOpts>(options, "encryptFileWithKey")?;
    let algorithm = algorithm(&o)?;
    let plan = KdfPlan::encrypt_file_for_key(
        &request(o.kdf, o.salt.as_deref())?,
        o.embed_params.unwrap_or(true),
    )
    .map_err(ApiError::from)?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let plaintext = crypto::upstream_plaintext(doc.value()).map_err(ApiError::from)?;
    Ok(
        crypto::encrypt_file_with_key(&plaintext, &key, &plan.salt, &plan.file_options(algorithm))
            .map_err(ApiError::from)?
            .into(),
    )
}

/// `decryptFileParams(fileText, password, options)`: the salt and KDF
/// decrypting the file needs (from the file, else from `options`, as
/// `decryptFile` takes them), bounds checked.
#[wasm_bindgen(js_name = decryptFileParams)]
pub fn decrypt_file_params(file_text: JsValue, password: JsValue, options: JsValue) -> JsResult {
    let file_text = js::string_arg(&file_text, "fileText")?;
    js::string_arg(&password, "password").map(Zeroizing::new)?;
    let o = js::options::<DecryptFileOpts>(options, "decryptFileAsync")?;
    let plan = KdfPlan::decrypt_file(&file_text, &request(o.kdf, o.salt.as_deref())?)
        .map_err(ApiError::from)?;
    params_js(&plan)
}

/// `decryptFileWithKey(fileText, key)`: `decryptFile` with the key derived
/// from the parameters `decryptFileParams` returned.
#[wasm_bindgen(js_name = decryptFileWithKey)]
pub fn decrypt_file_with_key(file_text: JsValue, key: JsValue) -> JsResult {
    let file_text = js::string_arg(&file_text, "fileText")?;
    let key = key_arg(&key)?;
    let plaintext = crypto::decrypt_file_with_key(&file_text, &key).map_err(ApiError::from)?;
    Ok(JsValue::from_str(&plaintext))
}

/// `encryptFieldsParams(text, password, options)`: the checks of
/// `encryptFields` that precede its KDF, then the salt (drawn when absent)
/// and KDF. `previous` is refused: only `encryptFields` reuses a previous
/// version's ciphertexts.
#[wasm_bindgen(js_name = encryptFieldsParams)]
pub fn encrypt_fields_params(text: JsValue, password: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let password = Zeroizing::new(js::string_arg(&password, "password")?);
    let o = js::options::<EncryptFieldsOpts>(options, "encryptFieldsAsync")?;
    if o.previous.is_some() {
        return Err(ApiError::invalid_argument(
            "encryptFieldsParams() does not take `previous`: use encryptFields()",
        )
        .into());
    }
    let request = request(o.kdf, o.salt.as_deref())?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let Value::Object(map) = doc.value() else {
        return Err(ApiError::from(CryptoError::NotAnObject).into());
    };
    // A sealed document is resealed with its own parameters.
    let plan = if map.contains_key(METADATA_KEY) {
        if password.is_empty() {
            return Err(ApiError::from(CryptoError::EmptyPassword).into());
        }
        KdfPlan::open_fields(doc.value())
    } else {
        KdfPlan::seal_fields(&request, &password)
    }
    .map_err(ApiError::from)?;
    params_js(&plan)
}

/// `encryptFieldsWithKey(text, key, options)`: `encryptFields` (without
/// `previous`) with the key derived from the password, `options.salt`
/// (required) and `options.kdf`.
#[wasm_bindgen(js_name = encryptFieldsWithKey)]
pub fn encrypt_fields_with_key(text: JsValue, key: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let key = key_arg(&key)?;
    let o = js::options::<EncryptFieldsOpts>(options, "encryptFieldsWithKey")?;
    if o.previous.is_some() {
        return Err(ApiError::invalid_argument(
            "encryptFieldsWithKey() does not take `previous`: use encryptFields()",
        )
        .into());
    }
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let extra = o.extra_pointers.as_deref().unwrap_or_default();
    if doc.value().get(METADATA_KEY).is_some() {
        let resealed =
            crypto::reseal_fields_with_key(doc.value(), &key, extra).map_err(ApiError::from)?;
        return Ok(write(&resealed.doc, doc.format())?.into());
    }
    let plan = KdfPlan::seal_fields_for_key(&request(o.kdf, o.salt.as_deref())?)
        .map_err(ApiError::from)?;
    let sealed = crypto::seal_fields_with_key(doc.value(), &key, &plan.salt, &plan.kdf, extra)
        .map_err(ApiError::from)?;
    Ok(write(&sealed, doc.format())?.into())
}

/// `decryptFieldsParams(text, password, options)`: the salt and KDF of a
/// sealed document's metadata block, bounds checked.
#[wasm_bindgen(js_name = decryptFieldsParams)]
pub fn decrypt_fields_params(text: JsValue, password: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    js::string_arg(&password, "password").map(Zeroizing::new)?;
    let o = js::options::<DecryptFieldsOpts>(options, "decryptFieldsAsync")?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let plan = KdfPlan::open_fields(doc.value()).map_err(ApiError::from)?;
    params_js(&plan)
}

/// `decryptFieldsWithKey(text, key, options)`: `decryptFields` with the
/// key derived from the parameters `decryptFieldsParams` returned.
#[wasm_bindgen(js_name = decryptFieldsWithKey)]
pub fn decrypt_fields_with_key(text: JsValue, key: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let key = key_arg(&key)?;
    let o = js::options::<DecryptFieldsOpts>(options, "decryptFieldsWithKey")?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let opened = crypto::open_fields_with_key(doc.value(), &key).map_err(ApiError::from)?;
    Ok(write(&opened, doc.format())?.into())
}
