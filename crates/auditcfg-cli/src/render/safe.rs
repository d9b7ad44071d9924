//! Terminal safety: text that comes from a config (key names, values,
//! paths, messages that quote them, source lines) is untrusted. A terminal
//! acts on control characters (ESC and CSI sequences move the cursor, clear
//! the screen, set the window title, write OSC 8 links; BEL rings; a bare CR
//! overwrites the line) and bidirectional controls reorder what is shown
//! (Trojan Source). Every human output path of the CLI passes untrusted
//! text through one of the functions here; machine output (JSON, SARIF,
//! JSON Lines) passes through [`json`].
//!
//! The characters treated as unsafe ([`is_unsafe`]):
//!
//! - every Unicode control character (`Cc`): C0 U+0000–U+001F, DEL U+007F,
//!   C1 U+0080–U+009F (U+009B is CSI, U+009D is OSC on terminals that honour
//!   8-bit controls);
//! - the bidirectional formatting characters: U+061C, U+200E, U+200F,
//!   U+202A–U+202E, U+2066–U+2069;
//! - the line and paragraph separators U+2028 and U+2029 (they end a line
//!   in some terminals and editors).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Is `c` a character a terminal may act on or that reorders text?
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// One line of human output: every unsafe character, line ends and tabs
/// included, written as a Rust-style escape (`\u{1b}`, `\u{202e}`).
pub(crate) fn line(s: &str) -> Cow<'_, str> {
    escape_where(s, is_unsafe)
}

fn escape_where(s: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Source text for codespan-reporting, which quotes the lines around a
/// finding: every unsafe character becomes a visible placeholder **of the
/// same length in bytes** (`?` for one byte, `¿` for two, `�` for three),
/// so the byte ranges of the findings still point at the same places and on
/// character boundaries. `\n`, `\t` and the `\r` of a CRLF line end stay.
pub(crate) fn source(s: &str) -> Cow<'_, str> {
    let keep =
        |c: char, next: Option<char>| c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'));
    let mut it = s.chars().peekable();
    let mut clean = true;
    while let Some(c) = it.next() {
        if is_unsafe(c) && !keep(c, it.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if is_unsafe(c) && !keep(c, it.peek().copied()) {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '\u{bf}',
                _ => '\u{fffd}',
            });
        } else {
            out.push(c);
        }
    }
    debug_assert_eq!(out.len(), s.len());
    Cow::Owned(out)
}

/// Machine output (JSON text produced by serde_json, which escapes the C0
/// controls inside strings, so a raw C0 character in its output is the
/// layout's whitespace): every other unsafe character (DEL, C1,
/// bidirectional controls, separators) as a `\uXXXX` escape. Those can only
/// occur inside JSON strings (the syntax is ASCII), where the escape means
/// the same character: the JSON value is unchanged.
pub(crate) fn json(s: String) -> String {
    let escape = |c: char| c > '\u{1f}' && is_unsafe(c);
    if !s.chars().any(escape) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escape(c) {
            // Every unsafe character is in the Basic Multilingual Plane.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// TOML text written by the core (`toml_writer`, which escapes C0 and DEL
/// in strings): every other unsafe character as a `\uXXXX` escape, or
/// `None` when there is none. Correct inside basic strings and quoted keys
/// only; the caller keeps the result only if it reads back as the same
/// value.
pub(crate) fn toml(s: &str) -> Option<String> {
    let escape = |c: char| c > '\u{1f}' && is_unsafe(c);
    if !s.chars().any(escape) {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escape(c) {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\u{1b}[2J\u{7}b\u{9b}31m\u{9d}c\u{202e}d\u{2066}e\u{61c}f\u{2028}g\r\nh\ri\tj\u{7f}k";

    #[test]
    fn line_escapes_every_unsafe_character() {
        let out = line(HOSTILE);
        assert!(!out.chars().any(is_unsafe), "{out}");
        assert_eq!(
            out,
            "a\\u{1b}[2J\\u{7}b\\u{9b}31m\\u{9d}c\\u{202e}d\\u{2066}e\\u{61c}f\\u{2028}g\\u{d}\\u{a}h\\u{d}i\\u{9}j\\u{7f}k"
        );
        assert!(matches!(line("plain `text` é ü 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn source_keeps_byte_offsets() {
        let out = source(HOSTILE);
        assert_eq!(out.len(), HOSTILE.len());
        for (i, _) in HOSTILE.char_indices() {
            assert!(out.is_char_boundary(i), "{i}");
        }
        assert!(out.contains("g\r\nh?i\tj?k"), "{out:?}");
        assert!(
            !out.chars()
                .any(|c| is_unsafe(c) && c != '\n' && c != '\t' && c != '\r'),
            "{out:?}"
        );
        assert!(matches!(source("{\r\n\t\"a\": 1\n}\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let raw = serde_json::to_string_pretty(&serde_json::json!({ HOSTILE: [HOSTILE] }))
            .unwrap_or_default();
        let out = json(raw.clone());
        assert!(!out.chars().any(|c| is_unsafe(c) && c != '\n'), "{out}");
        assert!(out.starts_with("{\n  \"a\\u001b"), "{out}");
        let a: serde_json::Value = serde_json::from_str(&raw).unwrap_or_default();
        let b: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(a, b);
        assert!(out.contains("\\u009b") && out.contains("\\u202e"), "{out}");
    }
}
