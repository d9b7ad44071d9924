//! Errors thrown to JavaScript: an `Error` named `AuditcfgError` with a
//! stable `code` (`UNKNOWN_ENVIRONMENT`, `SYNTAX`, ...) and, for `SYNTAX`,
//! the parser's `diagnostics`. Findings are data, not errors: `validate`
//! never throws for a bad document.

use crate::dto;
use auditcfg_core::crypto::CryptoError;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// The `name` of every error this package throws.
pub const ERROR_NAME: &str = "AuditcfgError";

/// An error on its way to JavaScript.
#[derive(Debug)]
pub struct ApiError {
    /// Stable machine-readable code (`SCREAMING_SNAKE_CASE`).
    pub code: &'static str,
    /// Human-readable message (never contains a secret).
    pub message: String,
    /// Parser findings, for `SYNTAX`.
    pub diagnostics: Option<JsValue>,
}

impl ApiError {
    /// An error with a code and a message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            diagnostics: None,
        }
    }

    /// A bad argument or option (wrong type, unknown key, bad hex).
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        ApiError::new("INVALID_ARGUMENT", message)
    }

    /// A format name other than `json` and `toml`.
    pub fn unknown_format(name: &str) -> Self {
        ApiError::new(
            "UNKNOWN_FORMAT",
            format!("unknown format `{name}`: expected json or toml"),
        )
    }

    /// A failure of this binding itself (should not happen).
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError::new("INTERNAL", message)
    }

    /// The text does not parse: `SYNTAX`, with the parser's findings
    /// (placed in `text`) attached as `diagnostics`.
    pub fn syntax(text: &str, diagnostics: &[auditcfg_core::Diagnostic]) -> Self {
        let first = diagnostics
            .iter()
            .find(|d| d.severity == auditcfg_core::Severity::Error)
            .or(diagnostics.first());
        let what = first.map_or_else(String::new, |d| {
            let at = auditcfg_core::LineIndex::new(text).line_col(d.range.start);
            format!(
                "{} (line {}, column {})",
                d.message, at.line, at.column_utf16
            )
        });
        let mut e = ApiError::from(auditcfg_core::Error::Syntax(what));
        e.diagnostics = crate::js::to_js(&dto::diagnostics(text, diagnostics)).ok();
        e
    }
}

impl From<auditcfg_core::Error> for ApiError {
    fn from(e: auditcfg_core::Error) -> Self {
        use auditcfg_core::Error as E;
        let code = match &e {
            E::UnknownEnvironment(_) => "UNKNOWN_ENVIRONMENT",
            E::Unrepresentable { .. } => "UNREPRESENTABLE",
            E::Syntax(_) => "SYNTAX",
            E::Random(_) => "RANDOM",
            _ => "ERROR",
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<CryptoError> for ApiError {
    fn from(e: CryptoError) -> Self {
        use CryptoError as C;
        let code = match &e {
            C::WrongPasswordOrModified | C::AuthenticationFailed { .. } => {
                "WRONG_PASSWORD_OR_MODIFIED"
            }
            C::SaltNotHex(_) | C::ConflictingKdfOptions(_) => "INVALID_ARGUMENT",
            C::ServerScryptOnly => "SERVER_SCRYPT_ONLY",
            C::SealedValuesModified(_) => "SEALED_VALUES_MODIFIED",
            C::NothingToVerify => "NOTHING_TO_VERIFY",
            C::KdfParamOutOfBounds { .. } => "KDF_PARAM_OUT_OF_BOUNDS",
            C::ScryptMemory { .. } => "SCRYPT_MEMORY",
            C::ScryptWork { .. } => "SCRYPT_WORK",
            C::ScryptNNotPowerOfTwo(_) => "SCRYPT_N_NOT_POWER_OF_TWO",
            C::SaltLength { .. } => "SALT_LENGTH",
            C::MissingSalt => "MISSING_SALT",
            C::SaltRequired => "SALT_REQUIRED",
            C::EmptyPassword => "EMPTY_PASSWORD",
            C::PlaintextNotJson => "PLAINTEXT_NOT_JSON",
            C::NotJson(_) => "NOT_JSON",
            C::MissingField(_) => "MISSING_FIELD",
            C::InvalidField { .. } => "INVALID_FIELD",
            C::UnsupportedAlgorithm(_) => "UNSUPPORTED_ALGORITHM",
            C::KmsEncrypted => "KMS_ENCRYPTED",
            C::NotEncrypted => "NOT_ENCRYPTED",
            C::DecryptedNotJson => "DECRYPTED_NOT_JSON",
            C::NotSealed => "NOT_SEALED",
            C::AlreadySealed => "ALREADY_SEALED",
            C::InvalidMetadata(_) => "INVALID_METADATA",
            C::UnsupportedVersion(_) => "UNSUPPORTED_VERSION",
            C::NotAnObject => "NOT_AN_OBJECT",
            C::PointerNotFound(_) => "POINTER_NOT_FOUND",
            C::PointerNotAllowed { .. } => "POINTER_NOT_ALLOWED",
            C::Random(_) => "RANDOM",
            _ => "CRYPTO",
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<ApiError> for JsValue {
    fn from(e: ApiError) -> JsValue {
        let error = js_sys::Error::new(&e.message);
        error.set_name(ERROR_NAME);
        // Setting a property on a fresh Error cannot fail.
        let _ = js_sys::Reflect::set(&error, &"code".into(), &e.code.into());
        if let Some(diagnostics) = &e.diagnostics {
            let _ = js_sys::Reflect::set(&error, &"diagnostics".into(), diagnostics);
        }
        error.into()
    }
}

/// The result type of every exported function.
pub type JsResult = Result<JsValue, JsValue>;

/// Is `value` an error thrown by this package (an `Error` named
/// `AuditcfgError` with a string `code`)?
#[wasm_bindgen(js_name = isAuditcfgError)]
pub fn is_auditcfg_error(value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::Error>()
        && js_sys::Reflect::get(value, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == ERROR_NAME)
        && js_sys::Reflect::get(value, &"code".into()).is_ok_and(|c| c.is_string())
}
