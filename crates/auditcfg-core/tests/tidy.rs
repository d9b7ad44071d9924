//! Architecture invariants of the core, checked on its source text (in the
//! style of rust-analyzer's `tidy`): they run with `cargo test` and fail
//! with the file and line that breaks them. ARCHITECTURE.md states them.
//!
//! 1. **Layers point down.** Every module belongs to a layer:
//!    base → syntax → document → schema → rules → validate → operations →
//!    ide.
//!    A file may name (`crate::x`) only modules and items of its own layer
//!    or of layers below it, so the core has no dependency circle between
//!    layers.
//! 2. **One home for every code.** Outside the registry
//!    (`src/base/codes.rs`) no non-test code spells a code (`"AC123"`):
//!    codes are `Code` values, never compared as strings.
//! 3. **The core is pure.** No file system, network, process, environment,
//!    printing or wasm-bindgen in `src/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, bottom to top.
const LAYERS: &[&str] = &[
    "base",
    "syntax",
    "document",
    "schema",
    "rules",
    "validate",
    "operations",
    "ide",
];

/// Which layer a name reachable as `crate::name` belongs to: the layer
/// folders themselves, the short re-exports of `lib.rs`, and the root items.
fn layer_of_name(name: &str) -> Option<usize> {
    let layer = match name {
        // The base layer and its re-exports.
        "base" | "codes" | "diagnostic" | "environment" | "line_index" | "pointer" | "preset"
        | "secrets" | "Error" | "Code" | "CodeInfo" | "Anchor" | "RuleGroup" | "Severity"
        | "TextRange" | "Diagnostic" | "Counts" | "Fix" | "TextEdit" | "Related"
        | "Applicability" | "Environment" | "LineCol" | "LineIndex" | "preset_at" => "base",
        "syntax" | "Format" | "SpanNode" | "to_json" | "to_toml" | "write" => "syntax",
        "document" | "Document" | "Location" | "Parse" | "parse" | "convert" | "ConvertError" => {
            "document"
        }
        "schema" | "schema_lite" | "model" => "schema",
        "rules" => "rules",
        "validate" | "Report" | "ValidateOptions" | "BytesReport" | "validate_bytes" => "validate",
        "crypto" | "diff" | "edit" | "fix" | "form" | "overlay" | "policy" | "probe" | "Change"
        | "ChangeKind" | "Diff" | "Impact" | "Summary" | "diff_values" | "EnvOverlay"
        | "apply_env" | "merge" | "apply_fixes" | "FixOptions" | "Fixed" => "operations",
        "ide" => "ide",
        _ => return None,
    };
    LAYERS.iter().position(|l| *l == layer)
}

/// The layer of a source file, from its path under `src/`.
fn layer_of_file(relative: &Path) -> Option<usize> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let module = first.strip_suffix(".rs").unwrap_or(first);
    layer_of_name(module)
}

fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (
                p.strip_prefix(&src).map(Path::to_path_buf).unwrap_or(p),
                text,
            )
        })
        .collect()
}

/// Every top-level name a line reaches through `crate::`: `crate::a::b`
/// gives `a`, `crate::{a::x, b}` gives `a` and `b`.
fn crate_names(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        // Not part of a longer identifier (`auditcfg_crate::`).
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    names.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// The lines of a file outside comments, paired with their number.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim_start();
        (!t.starts_with("//")).then_some((i + 1, l))
    })
}

/// The part of a file before its unit-test module (`#[cfg(test)]` or
/// `#[cfg(all(test, ...))]`).
fn non_test(text: &str) -> &str {
    [text.find("#[cfg(test)]"), text.find("#[cfg(all(test")]
        .into_iter()
        .flatten()
        .min()
        .map_or(text, |i| &text[..i])
}

#[test]
fn layers_point_down() {
    let mut problems = Vec::new();
    for (path, text) in sources() {
        if path == Path::new("lib.rs") {
            continue; // the root declares the layers and re-exports them
        }
        let Some(own) = layer_of_file(&path) else {
            problems.push(format!(
                "{}: not in any layer: add its top-level module to LAYERS/layer_of_name in tests/tidy.rs and to ARCHITECTURE.md",
                path.display()
            ));
            continue;
        };
        for (n, line) in code_lines(&text) {
            for name in crate_names(line) {
                match layer_of_name(&name) {
                    Some(l) if l <= own => {}
                    Some(l) => problems.push(format!(
                        "{}:{n}: the {} layer imports `crate::{name}` from the {} layer above it",
                        path.display(),
                        LAYERS[own],
                        LAYERS[l]
                    )),
                    None => problems.push(format!(
                        "{}:{n}: `crate::{name}` is in no layer (tests/tidy.rs)",
                        path.display()
                    )),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn codes_are_spelt_only_in_the_registry() {
    let mut problems = Vec::new();
    for (path, text) in sources() {
        if path == Path::new("base/codes.rs") {
            continue;
        }
        for (n, line) in code_lines(non_test(&text)) {
            let bytes = line.as_bytes();
            for i in 0..bytes.len().saturating_sub(6) {
                let w = &bytes[i..i + 7];
                if w[0] == b'"'
                    && w[1] == b'A'
                    && w[2] == b'C'
                    && w[3..6].iter().all(u8::is_ascii_digit)
                    && w[6] == b'"'
                {
                    problems.push(format!("{}:{n}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "codes must be `Code` values from src/base/codes.rs, not strings:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_core_is_pure() {
    const FORBIDDEN: &[(&str, &str)] = &[
        ("std::fs", "file system"),
        ("TcpStream", "network"),
        ("TcpListener", "network"),
        ("UdpSocket", "network"),
        ("ToSocketAddrs", "network"),
        ("std::process", "processes"),
        ("std::env::var", "environment variables"),
        ("println!", "printing"),
        ("eprintln!", "printing"),
        ("print!(", "printing"),
        ("eprint!(", "printing"),
        ("dbg!(", "printing"),
        ("wasm_bindgen", "wasm-bindgen"),
    ];
    let mut problems = Vec::new();
    for (path, text) in sources() {
        for (n, line) in code_lines(non_test(&text)) {
            for (needle, what) in FORBIDDEN {
                if line.contains(needle) {
                    problems.push(format!("{}:{n}: {what}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_what_it_checks() {
    // The helpers above must find what they look for, or the invariants
    // pass vacuously.
    assert_eq!(
        crate_names("use crate::{codes::Code, diagnostic::Diagnostic}; x(crate::to_json(v))"),
        ["codes", "diagnostic", "to_json"]
    );
    assert!(crate_names("use auditcfg_crate::x;").is_empty());
    assert_eq!(layer_of_file(Path::new("rules/mod.rs")), Some(4));
    assert_eq!(layer_of_file(Path::new("base/codes.rs")), Some(0));
    assert_eq!(layer_of_file(Path::new("form.rs")), Some(6));
    let files = sources();
    assert!(files.len() > 40, "found only {} source files", files.len());
    let per_layer: BTreeMap<usize, usize> = files.iter().fold(BTreeMap::new(), |mut m, (p, _)| {
        if let Some(l) = layer_of_file(p) {
            *m.entry(l).or_default() += 1;
        }
        m
    });
    assert_eq!(per_layer.len(), LAYERS.len(), "{per_layer:?}");
}
