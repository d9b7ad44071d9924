//! `AC310` cors-wildcard-credentials: no wildcard origin with credentials.
//!
//! **What.** When `server.cors.credentials` is true, `server.cors.origin`
//! must not be `*` nor contain a `*` (as a string, or in any item of a
//! list).
//!
//! **Why.** Browsers refuse credentialed responses to a wildcard origin, so
//! the web client's logins fail; and CORS middlewares that "fix" it by
//! reflecting the request's origin let any site make authenticated calls to
//! an API holding health records.
//!
//! **Example.** `"cors": {"origin": "*", "credentials": true}` is reported
//! at `/server/cors/origin`.
//!
//! **Fix.** List the allowed origins explicitly (`"origin":
//! ["https://portal.example.org"]`), or turn `credentials` off if no browser
//! session is involved.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use serde_json::Value;

pub(super) const RULE: Rule = Rule {
    code: Code::CorsWildcardCredentials,
    check,
};

const ORIGIN: &str = "/server/cors/origin";

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.bool("/server/cors/credentials") != Some(true) {
        return;
    }
    let wild: Vec<String> = match cx.get(ORIGIN) {
        Some(Value::String(s)) if s.contains('*') => vec![ORIGIN.to_owned()],
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter(|(_, v)| v.as_str().is_some_and(|s| s.contains('*')))
            .map(|(i, _)| crate::pointer::push(ORIGIN, &i.to_string()))
            .collect(),
        _ => Vec::new(),
    };
    for at in wild {
        out.push(
            RULE.diag(at, "wildcard CORS origin with credentials enabled")
                .with_help("list the exact origins of the web clients"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn wildcard_with_credentials_fails() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, ORIGIN, json!("*"));
        assert_eq!(paths(&RULE, &doc), [ORIGIN]);
        set(
            &mut doc,
            ORIGIN,
            json!(["https://app.example.com", "https://*.example.com"]),
        );
        assert_eq!(paths(&RULE, &doc), ["/server/cors/origin/1"]);
        set(&mut doc, "/server/cors/credentials", json!(false));
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/server/cors/credentials", json!("true"));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
