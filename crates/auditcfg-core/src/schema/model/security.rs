//! `security`: encryption, KMS, integrity.

use super::*;
use serde_with::skip_serializing_none;

/// Integrity, signing and encryption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SecurityConfig {
    /// # Integrity verification
    ///
    /// Hash every audit event so that tampering can be detected. Must be true
    /// in production.
    pub enable_integrity_verification: bool,
    /// # Hash algorithm
    ///
    /// Hash of the integrity check: `SHA-256` (upstream's default) or
    /// `SHA-512`.
    pub hash_algorithm: HashAlgorithm,
    /// # Event signing
    ///
    /// Sign audit events with an HMAC or the KMS signing key.
    pub enable_event_signing: bool,
    /// # Encryption key
    ///
    /// Key for encrypting sensitive data (env `AUDIT_CRYPTO_SECRET`); when
    /// not empty, at least 32 characters. Required when log encryption is on.
    /// Secret: masked in output.
    pub encryption_key: String,
    /// # Log encryption
    ///
    /// Encrypt stored audit logs; needs `encryptionKey`.
    pub enable_log_encryption: bool,
    /// # Key management service
    ///
    /// Remote KMS (Infisical) for encryption and signing keys.
    pub kms: KmsConfig,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Key management service.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KmsConfig {
    /// # Enabled
    ///
    /// Use the KMS for encryption and signing.
    pub enabled: bool,
    /// # Encryption key ID
    ///
    /// KMS identifier of the encryption key (env `KMS_ENCRYPTION_KEY_ID`).
    /// Secret: masked in output.
    pub encryption_key: String,
    /// # Signing key ID
    ///
    /// KMS identifier of the signing key (env `KMS_SIGNING_KEY_ID`). Secret:
    /// masked in output.
    pub signing_key: String,
    /// # Access token
    ///
    /// Token for the KMS API (env `INFISICAL_ACCESS_TOKEN`). Secret: masked
    /// in output.
    pub access_token: String,
    /// # KMS URL
    ///
    /// Base URL of the KMS (env `INFISICAL_URL`).
    #[schemars(url)]
    pub base_url: String,
    /// # Cipher
    ///
    /// `AES-256-GCM` or `AES-256-CBC`.
    pub algorithm: Option<CipherAlgorithm>,
    /// # Key derivation
    ///
    /// `PBKDF2` or `scrypt`.
    pub kdf: Option<KeyDerivation>,
    /// # Salt
    ///
    /// Salt for key derivation, as a hex string.
    pub salt: Option<String>,
    /// # Iterations
    ///
    /// PBKDF2 iterations (upstream's default is 100000).
    #[schemars(range(min = 1))]
    pub iterations: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}
