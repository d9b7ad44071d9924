//! Shared by the CLI's integration tests (`mod support;`).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `cmd` with piped standard streams, writes `stdin` (if any), closes
/// it, and waits for the output.
pub fn finish(mut cmd: Command, stdin: Option<&[u8]>) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("binary finishes")
}
