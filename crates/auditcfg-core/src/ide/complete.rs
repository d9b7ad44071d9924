//! Completion: the keys missing from the object at the cursor, values
//! (enum members, booleans, `null`, a fresh secret, the preset's value),
//! and whole TOML tables from the preset.

use super::knowledge::{self, Node};
use super::scan::{self, CursorContext, Slot};
use super::{IdeOptions, TextEdit, document_environment};
use crate::diagnostic::TextRange;
use crate::environment::Environment;
use crate::form::FieldKind;
use crate::pointer;
use crate::secrets::{self, SecretKind};
use crate::syntax::Format;
use serde::Serialize;
use serde_json::{Map, Value};

/// What a completion inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CompletionKind {
    /// A key with its value.
    Property,
    /// A whole section (an object, or a TOML table).
    Section,
    /// A value.
    Value,
    /// A freshly generated secret.
    Secret,
}

/// One completion item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    /// What the list shows (the key, or the value).
    pub label: String,
    /// What it inserts.
    pub kind: CompletionKind,
    /// Type, default and badges in one line (`integer · default 3000 · live`).
    pub detail: String,
    /// The field's one-line description.
    pub documentation: String,
    /// Changes apply live (hot reload).
    pub live: bool,
    /// The component a change restarts (`None` when live).
    pub restart: Option<&'static str>,
    /// A secret (its value is never shown in `detail`).
    pub secret: bool,
    /// Replaces the partial token under the cursor.
    pub edit: TextEdit,
    /// Other edits that keep the document valid (a missing comma).
    pub additional_edits: Vec<TextEdit>,
}

/// Completions at byte `offset` of `text`.
pub fn complete(text: &str, offset: usize, options: &IdeOptions) -> Vec<Completion> {
    let format = options.format.unwrap_or_else(|| Format::detect(text));
    let offset = floor_char(text, offset);
    let (scan, cx) = scan::context(text, format, offset);
    let env = options
        .environment
        .or_else(|| document_environment(text, &scan))
        .unwrap_or(Environment::Development);
    match &cx.slot {
        Slot::Key => keys(text, format, &cx, env),
        Slot::Value { key } => values(format, &cx, key, env),
        Slot::Header => headers(text, &cx, &scan, env),
        Slot::Other => Vec::new(),
    }
}

fn floor_char(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// The value a new key gets: the environment's preset value with fresh
/// secrets, else the schema's default, else an empty value of its type.
fn new_value(at: &str, node: &Node, env: Environment) -> Value {
    let mut v = knowledge::preset_value(env, at)
        .cloned()
        .or_else(|| node.merged.get("default").cloned())
        .unwrap_or_else(|| empty_of(node));
    refresh_secrets(at, &mut v);
    v
}

fn empty_of(node: &Node) -> Value {
    if node.is_object() {
        return Value::Object(Map::new());
    }
    match node.kind() {
        FieldKind::Boolean => Value::Bool(false),
        FieldKind::Integer { min, .. } | FieldKind::Number { min, .. } => {
            Value::from(min.map_or(0, |m| m as i64))
        }
        FieldKind::Enum { options } => options
            .first()
            .map_or(Value::Null, |o| Value::String(o.clone())),
        FieldKind::List { .. } => Value::Array(Vec::new()),
        _ if node.nullable => Value::Null,
        _ => Value::String(String::new()),
    }
}

/// Opaque secrets in an inserted value get fresh random values (never a
/// preset's reference secret).
fn refresh_secrets(at: &str, v: &mut Value) {
    let mut targets = Vec::new();
    let mut path = at.to_owned();
    collect_opaque(v, &mut path, &mut targets);
    for t in targets {
        let rel = &t[at.len()..];
        let slot = if rel.is_empty() {
            Some(&mut *v)
        } else {
            v.pointer_mut(rel)
        };
        if let Some(slot) = slot
            && let Ok(fresh) = crate::preset::random_hex_32()
        {
            *slot = Value::String(fresh);
        }
    }
}

fn collect_opaque(v: &Value, path: &mut String, out: &mut Vec<String>) {
    let len = path.len();
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                path.push('/');
                path.push_str(&pointer::escape(k));
                collect_opaque(c, path, out);
                path.truncate(len);
            }
        }
        Value::String(s)
            if !s.is_empty() && secrets::secret_kind(path) == Some(SecretKind::Opaque) =>
        {
            out.push(path.clone());
        }
        _ => {}
    }
}

fn detail_of(k: &knowledge::Knowledge) -> String {
    let mut parts = vec![k.node.type_name()];
    if let Some(d) = k.node.merged.get("default")
        && k.secret.is_none()
    {
        parts.push(format!("default {}", short(d)));
    }
    parts.push(match k.restart {
        None => "live".to_owned(),
        Some(c) => format!("restart: {c}"),
    });
    if k.secret.is_some() {
        parts.push("secret".to_owned());
    }
    parts.join(" · ")
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s
    }
}

fn line_indent(text: &str, at: usize) -> String {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

fn keys(text: &str, format: Format, cx: &CursorContext, env: Environment) -> Vec<Completion> {
    let Some(object) = knowledge::node_at(&cx.object) else {
        return Vec::new();
    };
    let indent = line_indent(text, cx.token.start);
    let mut out = Vec::new();
    for (key, _) in &object.properties {
        if key.starts_with('$') || cx.present.iter().any(|p| p == key) {
            continue;
        }
        let at = pointer::push(&cx.object, key);
        let Some(k) = knowledge::knowledge(&at) else {
            continue;
        };
        let value = new_value(&at, &k.node, env);
        let section = k.node.is_object();
        let mut new_text = match format {
            Format::Json => {
                let key_text = serde_json::to_string(key).unwrap_or_default();
                if cx.has_separator {
                    key_text
                } else {
                    let v = crate::to_json(&value).replace('\n', &format!("\n{indent}"));
                    format!("{key_text}: {v}")
                }
            }
            Format::Toml => {
                let key_text = toml_key(key);
                if cx.has_separator {
                    key_text
                } else {
                    format!("{key_text} = {}", toml_inline(&value))
                }
            }
        };
        if cx.comma_after {
            new_text.push(',');
        }
        let additional_edits = cx
            .comma_before
            .map(|at| TextEdit {
                range: TextRange::empty(at),
                new_text: ",".to_owned(),
            })
            .into_iter()
            .collect();
        out.push(Completion {
            label: (*key).to_owned(),
            kind: if section {
                CompletionKind::Section
            } else {
                CompletionKind::Property
            },
            detail: detail_of(&k),
            documentation: one_line(k.node.text("description").unwrap_or("")),
            live: k.restart.is_none(),
            restart: k.restart,
            secret: k.secret.is_some(),
            edit: TextEdit {
                range: cx.token,
                new_text,
            },
            additional_edits,
        });
    }
    out
}

fn one_line(s: &str) -> String {
    let first = s.split_terminator(". ").next().unwrap_or(s).trim();
    let first = first.trim_end_matches('.');
    if first.is_empty() {
        String::new()
    } else {
        format!("{first}.")
    }
}

fn values(format: Format, cx: &CursorContext, key: &str, env: Environment) -> Vec<Completion> {
    let at = pointer::push(&cx.object, key);
    let Some(k) = knowledge::knowledge(&at) else {
        return Vec::new();
    };
    let mut candidates: Vec<(String, Value, CompletionKind, String)> = Vec::new();
    match k.node.kind() {
        FieldKind::Enum { options } => {
            for o in options {
                candidates.push((
                    o.clone(),
                    Value::String(o),
                    CompletionKind::Value,
                    String::new(),
                ));
            }
        }
        FieldKind::Boolean => {
            for b in [true, false] {
                candidates.push((
                    b.to_string(),
                    Value::Bool(b),
                    CompletionKind::Value,
                    String::new(),
                ));
            }
        }
        _ => {}
    }
    if k.secret == Some(SecretKind::Opaque) {
        if let Ok(fresh) = crate::preset::random_hex_32() {
            candidates.push((
                "generate a random secret".to_owned(),
                Value::String(fresh),
                CompletionKind::Secret,
                "32 random bytes as hex, generated locally".to_owned(),
            ));
        }
    } else if k.secret.is_none() {
        if let Some(v) = knowledge::preset_value(env, &at)
            && !v.is_object()
            && !candidates.iter().any(|c| &c.1 == v)
        {
            candidates.push((
                short(v),
                v.clone(),
                CompletionKind::Value,
                format!("{env} preset"),
            ));
        }
        if let Some(d) = k.node.merged.get("default")
            && !d.is_object()
            && !candidates.iter().any(|c| &c.1 == d)
        {
            candidates.push((
                short(d),
                d.clone(),
                CompletionKind::Value,
                "default".to_owned(),
            ));
        }
    }
    if k.node.nullable {
        candidates.push((
            "null".to_owned(),
            Value::Null,
            CompletionKind::Value,
            String::new(),
        ));
    }
    candidates
        .into_iter()
        .map(|(label, value, kind, note)| {
            let mut new_text = match format {
                Format::Json => serde_json::to_string(&value).unwrap_or_default(),
                Format::Toml => toml_inline(&value),
            };
            if cx.comma_after {
                new_text.push(',');
            }
            let mut detail = k.node.type_name();
            if !note.is_empty() {
                detail = format!("{note} · {detail}");
            }
            Completion {
                label,
                kind,
                detail,
                documentation: one_line(k.node.text("description").unwrap_or("")),
                live: k.restart.is_none(),
                restart: k.restart,
                secret: k.secret.is_some(),
                edit: TextEdit {
                    range: cx.token,
                    new_text,
                },
                additional_edits: Vec::new(),
            }
        })
        .collect()
}

/// TOML table headers: the object-valued keys missing from the parent,
/// each inserted with its whole body from the preset.
fn headers(text: &str, cx: &CursorContext, scan: &scan::Scan, env: Environment) -> Vec<Completion> {
    let Some(parent) = knowledge::node_at(&cx.object) else {
        return Vec::new();
    };
    let present = scan.keys_of(&cx.object);
    // The header line: from its `[` to the end of the line.
    let line_start = text[..cx.token.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[cx.token.start..]
        .find('\n')
        .map_or(text.len(), |i| cx.token.start + i);
    let typed_here = text
        .get(cx.token.start..cx.token.end)
        .unwrap_or("")
        .trim_matches('"');
    let mut out = Vec::new();
    for (key, _) in &parent.properties {
        if key.starts_with('$') || (present.iter().any(|p| p == key) && *key != typed_here) {
            continue;
        }
        let at = pointer::push(&cx.object, key);
        let Some(k) = knowledge::knowledge(&at) else {
            continue;
        };
        if !k.node.is_object() {
            continue;
        }
        let value = new_value(&at, &k.node, env);
        let Some(body) = table_text(&at, value) else {
            continue;
        };
        out.push(Completion {
            label: (*key).to_owned(),
            kind: CompletionKind::Section,
            detail: detail_of(&k),
            documentation: one_line(k.node.text("description").unwrap_or("")),
            live: k.restart.is_none(),
            restart: k.restart,
            secret: k.secret.is_some(),
            edit: TextEdit {
                range: TextRange::new(line_start, line_end),
                new_text: body,
            },
            additional_edits: Vec::new(),
        });
    }
    out
}

/// The TOML text of the table at `at` with its value, starting at its
/// own header.
fn table_text(at: &str, value: Value) -> Option<String> {
    let tokens: Vec<String> = pointer::tokens(at).map(|t| t.into_owned()).collect();
    let mut wrapped = value;
    for t in tokens.iter().rev() {
        let mut m = Map::new();
        m.insert(t.clone(), wrapped);
        wrapped = Value::Object(m);
    }
    let full = crate::to_toml(&wrapped).ok()?;
    let header = format!(
        "[{}]",
        tokens
            .iter()
            .map(|t| toml_key(t))
            .collect::<Vec<_>>()
            .join(".")
    );
    let start = full.find(&header)?;
    Some(full[start..].trim_end().to_owned())
}

/// A TOML key, bare when it can be.
pub(crate) fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_default()
        .replace('\u{7f}', "\\u007f")
}

/// A value as inline TOML (`{ a = 1, b = [2] }`); `null` as
/// `{ "$null" = true }` like the TOML writer.
pub(crate) fn toml_inline(v: &Value) -> String {
    match v {
        Value::Null => "{ \"$null\" = true }".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let s = n.to_string();
            if n.is_f64() && !s.contains(['.', 'e', 'E']) {
                format!("{s}.0")
            } else {
                s
            }
        }
        Value::String(s) => toml_string(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(toml_inline).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) if m.is_empty() => "{}".to_owned(),
        Value::Object(m) => format!(
            "{{ {} }}",
            m.iter()
                .map(|(k, v)| format!("{} = {}", toml_key(k), toml_inline(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
