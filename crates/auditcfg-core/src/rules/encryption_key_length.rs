//! `AC203` encryption-key-length: a non-empty key has at least 32 characters.
//!
//! **What.** `security.encryptionKey`, when not empty, must be at least 32
//! characters long (upstream's limit).
//!
//! **Why.** A short key is a weak key; upstream's `validateConfiguration`
//! rejects it. The message never shows the key.
//!
//! **Example.** `"encryptionKey": "short"` is reported with its length only.
//!
//! **Fix.** Use a key of at least 32 characters: 32 random bytes as hex (64
//! characters), kept in a secret store.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::EncryptionKeyLength,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(key) = cx.str("/security/encryptionKey") else {
        return;
    };
    let len = key.chars().count();
    if len > 0 && len < 32 {
        out.push(
            RULE.diag(
                "/security/encryptionKey",
                format!("encryption key has {len} characters; at least 32 are required"),
            )
            .with_help("use 32 random bytes as hex (64 characters)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn short_keys_fail_without_showing_them() {
        let mut doc = preset("development");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/security/encryptionKey", json!("MARKER-short"));
        let d = run_rule(&RULE, &doc);
        assert_eq!(d.len(), 1);
        assert!(!d[0].message.contains("MARKER"));
        set(&mut doc, "/security/encryptionKey", json!(""));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
