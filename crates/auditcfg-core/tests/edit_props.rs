//! Property tests of `auditcfg_core::edit` (issue #16 item 15): random
//! JSON Patches applied to commented TOML and hand-formatted JSON versions
//! of the four presets. After `edit::rewrite`:
//!
//! - the text reads back as the patched value;
//! - every comment survives, except those of a value the patch removed or
//!   replaced (its own line and the comment line above it);
//! - every line of an untouched value is still in the text, byte for byte.

use auditcfg_core::diff::{PatchOp, apply_patch_ops, values_equal};
use auditcfg_core::edit::{EditError, rewrite_text};
use auditcfg_core::{Document, Environment, Format, SpanNode, pointer, preset, to_json, to_toml};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

/// Every pointer of a value (containers and leaves), the root excluded.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = pointer::push(at, k);
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let p = pointer::push(at, &i.to_string());
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        _ => {}
    }
}

/// The TOML of a preset with a comment line above every key and every
/// table header, and an inline comment after every one-line value and
/// every item of a multi-line array. Returns the text and, per comment,
/// the pointer it belongs to.
fn commented_toml(v: &Value) -> (String, Vec<(String, String)>) {
    let plain = to_toml(v).expect("presets convert to TOML");
    let mut out = String::new();
    let mut owners = Vec::new();
    let mut table = String::new();
    let mut array: Option<String> = None;
    let mut n = 0;
    for line in plain.lines() {
        n += 1;
        if let Some(at) = &array {
            if line.trim() == "]" {
                array = None;
                out.push_str(line);
            } else {
                let c = format!("# item{n}");
                out.push_str(&format!("{line} {c}"));
                owners.push((c, at.clone()));
            }
            out.push('\n');
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = header.split('.').fold(String::new(), |acc, k| {
                pointer::push(&acc, k.trim_matches('"'))
            });
            let c = format!("# table{n}");
            out.push_str(&format!("{c}\n{line}\n"));
            owners.push((c, table.clone()));
            continue;
        }
        if let Some((key, rest)) = line.split_once(" = ") {
            let at = pointer::push(&table, key.trim_matches('"'));
            let above = format!("# above{n}");
            out.push_str(&format!("{above}\n"));
            owners.push((above, at.clone()));
            if rest == "[" {
                out.push_str(line);
                array = Some(at);
            } else {
                let c = format!("# inline{n}");
                out.push_str(&format!("{line} {c}"));
                owners.push((c, at));
            }
            out.push('\n');
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    (out, owners)
}

/// A JSON layout unlike the writer's: four spaces, arrays of scalars on
/// one line.
fn formatted_json(v: &Value) -> String {
    fn go(v: &Value, indent: usize, out: &mut String) {
        let pad = "    ".repeat(indent + 1);
        match v {
            Value::Object(m) if !m.is_empty() => {
                out.push_str("{\n");
                for (i, (k, x)) in m.iter().enumerate() {
                    out.push_str(&pad);
                    out.push_str(&serde_json::to_string(k).unwrap_or_default());
                    out.push_str(": ");
                    go(x, indent + 1, out);
                    if i + 1 < m.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
                out.push_str(&"    ".repeat(indent));
                out.push('}');
            }
            Value::Array(items) if items.iter().any(|x| x.is_object() || x.is_array()) => {
                out.push_str("[\n");
                for (i, x) in items.iter().enumerate() {
                    out.push_str(&pad);
                    go(x, indent + 1, out);
                    if i + 1 < items.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
                out.push_str(&"    ".repeat(indent));
                out.push(']');
            }
            other => {
                let s = serde_json::to_string(other).unwrap_or_default();
                out.push_str(&s.replace(",", ", "));
            }
        }
    }
    let mut out = String::new();
    go(v, 0, &mut out);
    out.push('\n');
    out
}

/// Each leaf's pointer and the text of its line (trimmed, without a
/// trailing comma).
fn leaf_lines(text: &str, format: Format) -> Vec<(String, String)> {
    fn go(text: &str, v: &Value, s: &SpanNode, at: &str, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(m) if s.children.len() == m.len() => {
                for ((k, x), c) in m.iter().zip(&s.children) {
                    go(text, x, c, &pointer::push(at, k), out);
                }
            }
            Value::Array(items) if s.children.len() == items.len() => {
                for (i, (x, c)) in items.iter().zip(&s.children).enumerate() {
                    go(text, x, c, &pointer::push(at, &i.to_string()), out);
                }
            }
            Value::Object(_) | Value::Array(_) => {}
            _ => {
                let start = text[..s.value.start].rfind('\n').map_or(0, |i| i + 1);
                let end = text[s.value.start..]
                    .find('\n')
                    .map_or(text.len(), |i| s.value.start + i);
                let line = text[start..end].trim().trim_end_matches(',').to_owned();
                out.push((at.to_owned(), line));
            }
        }
    }
    let doc = Document::parse(text, Some(format))
        .document
        .expect("the fixture parses");
    let mut out = Vec::new();
    go(text, doc.value(), doc.spans(), "", &mut out);
    out
}

/// What an operation may disturb: its path, or the whole array when it
/// targets an array item (the others shift).
fn touched(doc: &Value, op: &PatchOp) -> String {
    let path = op.path();
    let (parent, last) = match path.rfind('/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => return String::new(),
    };
    let in_array = doc.pointer(parent).is_some_and(Value::is_array);
    if in_array || last == "-" {
        parent.to_owned()
    } else {
        path.to_owned()
    }
}

fn is_within(p: &str, ancestor: &str) -> bool {
    p == ancestor || p.starts_with(&format!("{ancestor}/"))
}

fn scalar(i: usize) -> Value {
    match i % 5 {
        0 => json!(i as i64 * 7 - 3),
        1 => json!(format!("s-{i} \"q\" ü")),
        2 => json!(i.is_multiple_of(2)),
        3 => Value::Null,
        _ => json!(1.5 + i as f64),
    }
}

/// A patch of 1 to 4 operations on existing pointers of `doc`.
fn patch(doc: Value) -> impl Strategy<Value = Vec<PatchOp>> {
    let mut all = Vec::new();
    pointers(&doc, "", &mut all);
    prop::collection::vec((any::<Index>(), 0usize..6, 0usize..1000), 1..5).prop_map(move |picks| {
        picks
            .into_iter()
            .map(|(ix, kind, salt)| {
                let p = ix.get(&all).clone();
                let target = doc.pointer(&p);
                match kind {
                    0 => PatchOp::Remove { path: p },
                    1 | 2 => PatchOp::Replace {
                        path: p,
                        value: scalar(salt),
                    },
                    3 => match target {
                        Some(Value::Object(_)) => PatchOp::Add {
                            path: pointer::push(&p, &format!("zz{salt}")),
                            value: if salt.is_multiple_of(3) {
                                json!({"n": salt, "s": "x", "deep": {"t": [1, 2]}})
                            } else {
                                scalar(salt)
                            },
                        },
                        Some(Value::Array(_)) => PatchOp::Add {
                            path: format!("{p}/-"),
                            value: scalar(salt),
                        },
                        _ => PatchOp::Replace {
                            path: p,
                            value: json!({"k": salt}),
                        },
                    },
                    4 => match target {
                        Some(Value::Array(items)) if !items.is_empty() => PatchOp::Add {
                            path: format!("{p}/{}", salt % items.len()),
                            value: scalar(salt),
                        },
                        _ => PatchOp::Replace {
                            path: p,
                            value: json!([salt, "a"]),
                        },
                    },
                    _ => PatchOp::Add {
                        path: format!("/zz{salt}"),
                        value: json!({"k": scalar(salt)}),
                    },
                }
            })
            .collect()
    })
}

fn case() -> impl Strategy<Value = (Value, Vec<PatchOp>)> {
    prop::sample::select(Environment::ALL.to_vec()).prop_flat_map(|env| {
        let doc = preset::reference(env);
        (Just(doc.clone()), patch(doc))
    })
}

/// Applies the patch through `rewrite` and checks the three promises.
fn check(
    text: &str,
    format: Format,
    doc: &Value,
    ops: &[PatchOp],
    comments: &[(String, String)],
) -> Result<(), TestCaseError> {
    let Ok(expected) = apply_patch_ops(doc, ops) else {
        return Ok(()); // an operation under a removed path: not a patch
    };
    let out = match rewrite_text(text, Some(format), &expected) {
        Ok(out) => out,
        Err(EditError::Write(_)) if format == Format::Toml => return Ok(()),
        Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
    };
    let back = Document::parse(&out, Some(format));
    let back = back
        .document
        .ok_or_else(|| TestCaseError::fail(format!("does not parse:\n{out}")))?;
    prop_assert!(
        values_equal(back.value(), &expected),
        "value differs:\n{out}\nexpected {}",
        to_json(&expected)
    );
    let hit: Vec<String> = ops.iter().map(|op| touched(doc, op)).collect();
    let spared = |p: &str| !hit.iter().any(|t| is_within(p, t));
    for (comment, owner) in comments {
        if spared(owner) {
            prop_assert!(
                out.contains(comment.as_str()),
                "{comment} of {owner} lost ({ops:?}):\n{out}"
            );
        }
    }
    for (leaf, line) in leaf_lines(text, format) {
        if spared(&leaf) {
            prop_assert!(
                out.lines().any(|l| l.trim().trim_end_matches(',') == line),
                "the line of {leaf} changed ({ops:?}): {line:?}\n{out}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn toml_patches_keep_comments_and_untouched_lines((doc, ops) in case()) {
        let (text, comments) = commented_toml(&doc);
        check(&text, Format::Toml, &doc, &ops, &comments)?;
    }

    #[test]
    fn json_patches_keep_untouched_lines((doc, ops) in case()) {
        let text = formatted_json(&doc);
        check(&text, Format::Json, &doc, &ops, &[])?;
    }
}

#[test]
fn the_fixtures_are_what_they_claim() {
    for env in Environment::ALL {
        let doc = preset::reference(env);
        let (text, comments) = commented_toml(&doc);
        assert!(comments.len() > 50, "{env}: {}", comments.len());
        let back = Document::parse(&text, Some(Format::Toml)).document.unwrap();
        assert!(values_equal(back.value(), &doc), "{env}");
        // No change, no byte changed.
        assert_eq!(rewrite_text(&text, None, &doc).unwrap(), text);
        let json = formatted_json(&doc);
        assert!(json.contains("\n        \""), "four-space layout");
        assert_eq!(rewrite_text(&json, None, &doc).unwrap(), json);
    }
}

#[test]
fn a_toml_datetime_equals_its_json_text() {
    // Issue #16 item 18: an unquoted datetime read as `…00.0Z`, so the
    // TOML differed from the JSON preset it was written from.
    let doc = preset::reference(Environment::Production);
    let stamp = doc["lastUpdated"].as_str().unwrap().to_owned();
    assert!(stamp.ends_with(".000Z"), "{stamp}");
    let toml = to_toml(&doc)
        .unwrap()
        .replace(&format!("\"{stamp}\""), &stamp);
    assert!(toml.contains(&format!("lastUpdated = {stamp}\n")));
    let a = Document::parse(&toml, Some(Format::Toml)).document.unwrap();
    let b = Document::parse(preset::reference_text(Environment::Production), None)
        .document
        .unwrap();
    let d = auditcfg_core::diff(&b, &a);
    assert!(d.changes.is_empty(), "{:?}", d.changes);
}
