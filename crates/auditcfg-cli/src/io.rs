//! Input and output: files or standard streams, UTF-8 checking, atomic
//! writes. The only place the CLI touches the file system.

use crate::Failure;
use std::io::{Read, Write};
use std::path::Path;

/// An input read into memory.
pub(crate) struct Input {
    /// The name to show (`<stdin>` for `-`).
    pub name: String,
    /// The bytes read.
    pub bytes: Vec<u8>,
}

/// Reads a file, or standard input for `-`.
pub(crate) fn read(path: &str) -> Result<Input, Failure> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure(format!("cannot read standard input: {e}")))?;
        Ok(Input {
            name: "<stdin>".into(),
            bytes,
        })
    } else {
        let bytes = std::fs::read(path).map_err(|e| Failure(format!("cannot read {path}: {e}")))?;
        Ok(Input {
            name: path.to_owned(),
            bytes,
        })
    }
}

/// Reads a file when it exists (`None` when it does not).
pub(crate) fn read_if_exists(path: &Path) -> Result<Option<Input>, Failure> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(Input {
            name: path.display().to_string(),
            bytes,
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Failure(format!("cannot read {}: {e}", path.display()))),
    }
}

/// Reads an input that must be UTF-8 text.
pub(crate) fn read_text(path: &str) -> Result<(String, String), Failure> {
    let input = read(path)?;
    match auditcfg_core::syntax::check_utf8(&input.bytes) {
        Ok(_) => {
            let text = String::from_utf8(input.bytes).map_err(|e| Failure(e.to_string()))?;
            Ok((input.name, text))
        }
        Err(d) => Err(Failure(format!("{}: {}", input.name, d.message))),
    }
}

/// Writes to standard output.
pub(crate) fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .or_else(|e| {
            // A closed pipe (`| head`) is not an error worth reporting.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(e)
            }
        })
        .map_err(|e| Failure(format!("cannot write to standard output: {e}")))
}

/// Writes `text` to `path` atomically (a temporary file in the same
/// directory, then a rename), or to standard output when `path` is `None`
/// or `-`.
pub(crate) fn write_output(path: Option<&str>, text: &str) -> Result<(), Failure> {
    match path {
        None | Some("-") => out(text),
        Some(path) => {
            let target = Path::new(path);
            let dir = target
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = dir.join(format!(".{name}.auditcfg-{}.tmp", std::process::id()));
            let result = (|| {
                let mut f = std::fs::File::create(&tmp)?;
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                std::fs::rename(&tmp, target)
            })();
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            result.map_err(|e| Failure(format!("cannot write {path}: {e}")))
        }
    }
}

/// Writes to standard error (summaries when standard output carries the
/// document).
pub(crate) fn err(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}

/// Prints an error line to standard error, control characters escaped
/// (messages quote file names, keys and paths from the input).
pub(crate) fn error_line(message: &str) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "error: {}",
        crate::render::safe::line(message)
    );
}
