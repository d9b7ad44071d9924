//! Validation of sealed documents (field-level encryption): the validator
//! (a lower layer) recognises sealed values without knowing how to open
//! them.

use auditcfg_core::crypto::fields::{FieldOptions, seal_fields};
use auditcfg_core::crypto::kdf::Kdf;
use auditcfg_core::crypto::{FileOptions, encrypt_file, upstream_plaintext};
use auditcfg_core::{Environment, ValidateOptions, validate};

#[test]
fn sealed_documents_validate_like_their_plaintext() {
    let plain = auditcfg_core::preset::reference(Environment::Production);
    let options = FieldOptions {
        kdf: Kdf::Pbkdf2 { iterations: 1_000 },
        salt: None,
        extra_pointers: Vec::new(),
    };
    let sealed = seal_fields(&plain, "correct horse", &options, None).expect("seals");
    let report = validate(
        &auditcfg_core::to_json(&sealed),
        &ValidateOptions::default(),
    );
    let codes: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    // One note about the sealed values; no URL/format findings on ciphertext.
    assert!(
        codes.contains(&("AC007", "/$auditcfgEncryption")),
        "{codes:?}"
    );
    assert!(!codes.iter().any(|(c, _)| *c == "AC318"), "{codes:?}");
    assert!(
        !codes
            .iter()
            .any(|(c, p)| *p == "/redis/url" && *c != "AC007"),
        "{codes:?}"
    );
    // Non-secret findings are unchanged.
    assert!(codes.contains(&("AC204", "/compliance/reportingSchedule/recipients")));
}

#[test]
fn an_encrypted_config_is_one_finding() {
    let plain = auditcfg_core::preset::reference(Environment::Production);
    let text = upstream_plaintext(&plain).expect("text");
    let mut opts = FileOptions::upstream(vec![1; 32]);
    opts.kdf = Kdf::Pbkdf2 { iterations: 1_000 };
    let file = encrypt_file(&text, "pw", &opts).expect("encrypt");
    let report = validate(&file, &ValidateOptions::default());
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["AC008"]);
    assert_eq!(
        report.diagnostics[0].message,
        "this is an encrypted config (AES-256-GCM): decrypt it first"
    );
    assert!(report.has_errors());
    let range = report.diagnostics[0].range;
    assert_eq!(
        &file[range.start..range.end],
        "\"algorithm\": \"AES-256-GCM\","
    );
    let kms = validate(r#"{"data": "00ff"}"#, &ValidateOptions::default());
    assert_eq!(kms.diagnostics.len(), 1);
    assert!(
        kms.diagnostics[0].message.contains("KMS"),
        "{:?}",
        kms.diagnostics
    );
    // A plain config is not mistaken for one.
    assert!(validate::encrypted_config(&text).is_none());
}
