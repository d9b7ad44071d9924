//! Validation of sealed documents (field-level encryption): the validator
//! (a lower layer) recognises sealed values without knowing how to open
//! them.

use auditcfg_core::crypto::fields::{FieldOptions, seal_fields};
use auditcfg_core::crypto::kdf::Kdf;
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
