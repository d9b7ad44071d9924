//! `AC202` encryption-key-required: log encryption needs a key.
//!
//! **What.** When `security.enableLogEncryption` is true,
//! `security.encryptionKey` must be a non-empty string.
//!
//! **Why.** Without a key the server cannot encrypt audit logs: upstream's
//! `validateConfiguration` rejects it, and `validateEnvironmentConfig`
//! rejects it again at start-up in production.
//!
//! **Example.** `"security": {"enableLogEncryption": true, "encryptionKey": ""}`.
//!
//! **Fix.** Set `security.encryptionKey` (32 random bytes as hex), or turn
//! `enableLogEncryption` off where encryption is not required.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::EncryptionKeyRequired,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.bool("/security/enableLogEncryption") != Some(true) {
        return;
    }
    let empty = match cx.get("/security/encryptionKey") {
        None | Some(serde_json::Value::Null) => true,
        Some(v) => v.as_str().is_some_and(str::is_empty),
    };
    if empty {
        out.push(
            RULE.diag(
                "/security/encryptionKey",
                "log encryption is enabled but no encryption key is set",
            )
            .with_help("set a random key of at least 32 characters, e.g. `auditcfg preset` output"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn requires_a_key_only_when_encrypting() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/security/encryptionKey", json!(""));
        assert_eq!(paths(&RULE, &doc), ["/security/encryptionKey"]);
        set(&mut doc, "/security/enableLogEncryption", json!(false));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
