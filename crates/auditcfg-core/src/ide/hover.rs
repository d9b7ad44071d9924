//! Hover: what a key or value means, in Markdown.

use super::IdeOptions;
use super::knowledge::{self, Knowledge};
use super::scan::Scan;
use crate::diagnostic::TextRange;
use crate::form::FieldKind;
use crate::secrets::SecretKind;
use crate::syntax::Format;
use serde::Serialize;
use serde_json::Value;

/// A hover card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hover {
    /// The place described.
    pub pointer: String,
    /// The key or value hovered.
    pub range: TextRange,
    /// The card, in Markdown.
    pub markdown: String,
}

/// The hover card at byte `offset` (on a key or a value).
pub fn hover(text: &str, offset: usize, options: &IdeOptions) -> Option<Hover> {
    let format = options.format.unwrap_or_else(|| Format::detect(text));
    let scan = Scan::new(text, format);
    let entry = scan.entry_at(offset)?;
    let range = if entry.key.start <= offset && offset <= entry.key.end && !entry.key.is_empty() {
        entry.key
    } else {
        entry.value.unwrap_or(entry.key)
    };
    // An item of a list of values is described by its list.
    let mut at = entry.pointer.as_str();
    let k = loop {
        if let Some(k) = knowledge::knowledge(at) {
            break k;
        }
        let (parent, last) = at.rsplit_once('/')?;
        if last.parse::<usize>().is_err() {
            return None;
        }
        at = parent;
    };
    Some(Hover {
        pointer: k.pointer.clone(),
        range,
        markdown: markdown(&k),
    })
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

/// The Markdown card of a place.
pub fn markdown(k: &Knowledge) -> String {
    let node = &k.node;
    let key = k.pointer.rsplit('/').next().unwrap_or("");
    let title = node.text("title").unwrap_or(key);
    let mut out = format!(
        "**{title}** `{}`\n\n",
        crate::pointer::to_dotted(&k.pointer)
    );
    if let Some(d) = node.text("description") {
        out.push_str(d);
        out.push_str("\n\n");
    }
    let mut facts: Vec<String> = Vec::new();
    facts.push(format!("Type: `{}`", node.type_name()));
    match node.kind() {
        FieldKind::Integer { min, max } | FieldKind::Number { min, max } => match (min, max) {
            (Some(a), Some(b)) => facts.push(format!("Range: {} to {}", number(a), number(b))),
            (Some(a), None) => facts.push(format!("Range: at least {}", number(a))),
            (None, Some(b)) => facts.push(format!("Range: at most {}", number(b))),
            (None, None) => {}
        },
        FieldKind::Enum { options } => facts.push(format!(
            "One of: {}",
            options
                .iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        FieldKind::Text {
            pattern: Some(p), ..
        } => facts.push(format!("Pattern: `{p}`")),
        _ => {}
    }
    if k.secret.is_none()
        && let Some(d) = node.merged.get("default")
        && !d.is_object()
    {
        facts.push(format!("Default: `{}`", shown(d)));
    }
    if !node.is_object() {
        let presets: Vec<String> = k
            .presets
            .iter()
            .map(|(env, v)| {
                let shown = match (k.secret, v) {
                    (_, None) => "absent".to_owned(),
                    (Some(_), Some(_)) => "(secret)".to_owned(),
                    (None, Some(v)) => format!("`{}`", shown(v)),
                };
                format!("{env} {shown}")
            })
            .collect();
        facts.push(format!("Presets: {}", presets.join(" · ")));
    }
    facts.push(match k.restart {
        None => "Applies **live** (hot reload)".to_owned(),
        Some(c) => format!("A change **restarts** the {c}"),
    });
    match k.secret {
        Some(SecretKind::Opaque) => facts.push(
            "🔒 **Secret**: masked in every output; seal it with `auditcfg encrypt --fields`"
                .to_owned(),
        ),
        Some(SecretKind::Url) => {
            facts.push("🔒 **Secret** URL: its credentials are masked in every output".to_owned())
        }
        None => {}
    }
    if !k.rules.is_empty() {
        let codes: Vec<String> = k.rules.iter().map(ToString::to_string).collect();
        facts.push(format!("Checked by: {}", codes.join(", ")));
    }
    for f in facts {
        out.push_str("- ");
        out.push_str(&f);
        out.push('\n');
    }
    out
}

fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}...")
    } else {
        s.replace('`', "'")
    }
}
