#![no_main]
//! A policy file (before the first NUL byte) and a config (after it),
//! through `auditcfg_core::policy` with the CEL engine. The body lives here,
//! not in `auditcfg_fuzz` (whose source the core's hostile-regression test
//! includes, without the engine crate).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| policy(data));

/// A policy file (before the first NUL byte) and a config (after it): the
/// policy parser never panics, every error's range lies on character
/// boundaries of the policy text, and when the policy compiles its rules
/// are evaluated on the config (as a validation and as a change from the
/// config to itself) with every finding placed inside the config's text
/// and carrying a rule's own code.
fn policy(data: &[u8]) {
    use auditcfg_core::policy::{self, Policy};
    let (policy_bytes, config_bytes) = auditcfg_fuzz::split(data);
    let Ok(policy_text) = std::str::from_utf8(policy_bytes) else {
        return;
    };
    let engine = auditcfg_policy::Cel::default();
    let compiled = match Policy::parse(policy_text, &engine) {
        Ok(p) => p,
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(e.range.start <= e.range.end && e.range.end <= policy_text.len());
                assert!(policy_text.is_char_boundary(e.range.start));
                assert!(policy_text.is_char_boundary(e.range.end));
            }
            return;
        }
    };
    let Ok(config_text) = std::str::from_utf8(config_bytes) else {
        return;
    };
    let Some(doc) = auditcfg_core::parse(config_text, None).document else {
        return;
    };
    let codes: Vec<&str> = compiled.rules.iter().map(|r| r.code.as_str()).collect();
    for env in [None, Some(auditcfg_core::Environment::Production)] {
        let found = policy::check(&engine, &[&compiled], &doc, env);
        let changed = policy::check_change(&engine, &[&compiled], &doc, &doc, env);
        for d in found.iter().chain(&changed) {
            assert!(d.range.end <= config_text.len(), "{d:?}");
            assert!(codes.contains(&d.code_str()), "{d:?}");
        }
    }
}
