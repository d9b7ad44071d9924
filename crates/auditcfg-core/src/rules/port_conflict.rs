//! `AC305` port-conflict: the server and the worker listen on different
//! ports.
//!
//! **What.** `server.port` must differ from `worker.port`.
//!
//! **Why.** The API server and the worker run side by side (on one host in
//! development, often in one pod); the second to start fails with
//! `EADDRINUSE`. Upstream checks each port's range, not the pair.
//!
//! **Example.** `"server": {"port": 3000}, "worker": {"port": 3000}` is
//! reported at `/worker/port`.
//!
//! **Fix.** Give the worker its own port (e.g. `3001`).

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::PortConflict,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(server), Some(worker)) = (cx.num("/server/port"), cx.num("/worker/port")) else {
        return;
    };
    if server == worker {
        out.push(
            RULE.diag(
                "/worker/port",
                format!("worker.port ({worker}) is also server.port"),
            )
            .with_help("give the worker its own port"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn same_port_fails() {
        let mut doc = preset("development");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/worker/port", json!(3000));
        assert_eq!(paths(&RULE, &doc), ["/worker/port"]);
        set(&mut doc, "/server/port", json!(null));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
