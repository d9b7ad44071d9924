//! `AC211` last-updated-date: `lastUpdated` is a date `Date.parse` reads.
//!
//! **What.** `lastUpdated` must be a string that JavaScript's `Date.parse`
//! turns into a date: an ISO 8601 date (`2026-01-01`), date-time with or
//! without a zone (`2026-01-01T00:00:00`, `2026-01-01T00:00:00.000Z`,
//! `…+01:00`), as V8 reads them (`crate::base::js::date_parse_accepts`, compared
//! with Node 20 in `tests/js_semantics.rs`). Strings V8 reads only through
//! its legacy, engine-specific parser (`Jan 1 2026`, `2026/01/01`) are
//! refused too: the contract asks for ISO 8601.
//!
//! **Why.** Upstream's `validateConfiguration` rejects a `lastUpdated` that
//! does not parse as a date, and the server does not start.
//!
//! **Example.** `"lastUpdated": "yesterday"` is reported at `/lastUpdated`;
//! `"2026-01-01"` is fine.
//!
//! **Fix.** Write an ISO 8601 date or date-time, e.g.
//! `2026-01-01T00:00:00.000Z` (what `new Date().toISOString()` writes).

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::LastUpdatedDate,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(s) = cx.str("/lastUpdated") else {
        return;
    };
    if !crate::base::js::date_parse_accepts(s) {
        out.push(
            RULE.diag(
                "/lastUpdated",
                format!(
                    "{} is not an ISO 8601 date that Date.parse reads",
                    crate::schema::describe("/lastUpdated", cx.get("/lastUpdated"))
                ),
            )
            .with_help("write it as 2026-01-01 or 2026-01-01T00:00:00.000Z"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn dates_date_parse_reads_pass() {
        let mut doc = preset("development");
        for ok in [
            "2026-01-01",
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00.000Z",
        ] {
            set(&mut doc, "/lastUpdated", json!(ok));
            assert!(run_rule(&RULE, &doc).is_empty(), "{ok}");
        }
        for bad in ["yesterday", "2026-13-01", "", "2026-01-01T25:00:00Z"] {
            set(&mut doc, "/lastUpdated", json!(bad));
            assert_eq!(run_rule(&RULE, &doc).len(), 1, "{bad}");
        }
    }
}
