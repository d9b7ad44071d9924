use super::*;
use crate::document::Document;
use crate::preset;
use serde_json::Value;

/// Splits `text` at the `|` marker: (text without it, offset).
fn at_marker(marked: &str) -> (String, usize) {
    let offset = marked.find('|').expect("a | marker");
    (marked.replacen('|', "", 1), offset)
}

fn json_opts() -> IdeOptions {
    IdeOptions {
        format: Some(Format::Json),
        environment: None,
    }
}

fn toml_opts() -> IdeOptions {
    IdeOptions {
        format: Some(Format::Toml),
        environment: None,
    }
}

fn find<'a>(items: &'a [Completion], label: &str) -> &'a Completion {
    items.iter().find(|c| c.label == label).unwrap_or_else(|| {
        panic!(
            "no completion {label} in {:?}",
            items.iter().map(|c| &c.label).collect::<Vec<_>>()
        )
    })
}

fn accept(text: &str, c: &Completion) -> String {
    let mut edits = vec![c.edit.clone()];
    edits.extend(c.additional_edits.iter().cloned());
    apply_edits(text, &edits)
}

fn parses(text: &str) -> Value {
    match Document::parse(text, None).document {
        Some(doc) => doc.into_value(),
        None => panic!("does not parse:\n{text}"),
    }
}

#[test]
fn context_on_broken_json() {
    let (text, at) = at_marker("{\n  \"database\": {\n    \"url\": \"postgres://x\",\n    \"pool|");
    let (_, cx) = context(&text, Format::Json, at);
    assert_eq!(cx.object, "/database");
    assert_eq!(cx.slot, Slot::Key);
    assert_eq!(cx.prefix, "pool");
    assert_eq!(cx.present, ["url"]);

    // `"key": ` with no value, then the next key.
    let (text, at) = at_marker("{\"logging\": {\"level\": |\n \"format\": \"json\"}}");
    let (_, cx) = context(&text, Format::Json, at);
    assert_eq!(cx.object, "/logging");
    assert_eq!(
        cx.slot,
        Slot::Value {
            key: "level".into()
        }
    );
    assert!(cx.comma_after);
    assert!(cx.present.contains(&"format".to_owned()));

    // A missing comma before the cursor.
    let (text, at) = at_marker("{\"redis\": {\"url\": \"redis://x\" |}}");
    let (_, cx) = context(&text, Format::Json, at);
    assert_eq!(cx.object, "/redis");
    assert_eq!(cx.slot, Slot::Key);
    assert!(cx.comma_before.is_some());
}

#[test]
fn context_on_broken_toml() {
    let (text, at) =
        at_marker("environment = \"test\"\n\n[server.auth]\nsess|\n\n[redis]\nurl = \"x\"\n");
    let (_, cx) = context(&text, Format::Toml, at);
    assert_eq!(cx.object, "/server/auth");
    assert_eq!(cx.slot, Slot::Key);
    assert_eq!(cx.prefix, "sess");

    // Dotted keys and values.
    let (text, at) = at_marker("[server]\nauth.sessionSecret = |\n");
    let (_, cx) = context(&text, Format::Toml, at);
    assert_eq!(cx.object, "/server/auth");
    assert_eq!(
        cx.slot,
        Slot::Value {
            key: "sessionSecret".into()
        }
    );

    // Inline tables.
    let (text, at) = at_marker("[server]\ncors = { credentials = true, | }\n");
    let (_, cx) = context(&text, Format::Toml, at);
    assert_eq!(cx.object, "/server/cors");
    assert_eq!(cx.slot, Slot::Key);
    assert!(cx.inline);
    assert_eq!(cx.present, ["credentials"]);

    // Arrays of tables.
    let (text, at) = at_marker("[[a.b]]\nx = 1\n[[a.b]]\n|\n");
    let (_, cx) = context(&text, Format::Toml, at);
    assert_eq!(cx.object, "/a/b/1");

    // A header being typed.
    let (text, at) = at_marker("environment = \"test\"\n[red|");
    let (_, cx) = context(&text, Format::Toml, at);
    assert_eq!(cx.slot, Slot::Header);
    assert_eq!(cx.object, "");
    assert_eq!(cx.prefix, "red");
}

#[test]
fn json_key_completion_inserts_preset_value_and_commas() {
    // A new line after the last member (no comma yet).
    let (text, at) = at_marker(
        "{\n  \"environment\": \"production\",\n  \"database\": {\n    \"url\": \"postgres://x\"\n    |\n  }\n}\n",
    );
    let items = complete(&text, at, &json_opts());
    assert!(
        !items.iter().any(|c| c.label == "url"),
        "present keys are not offered"
    );
    let pool = find(&items, "poolSize");
    assert!(pool.detail.contains("integer"), "{}", pool.detail);
    assert!(pool.detail.contains("restart: database"), "{}", pool.detail);
    let out = accept(&text, pool);
    let v = parses(&out);
    assert_eq!(
        v["database"]["poolSize"],
        preset::reference(Environment::Production)["database"]["poolSize"]
    );

    // Between two members: a comma after.
    let (text, at) = at_marker(
        "{\n  \"retry\": {\n    \"maxRetries\": 3,\n    |\n    \"baseDelay\": 100\n  }\n}",
    );
    let items = complete(&text, at, &json_opts());
    let out = accept(&text, find(&items, "maxDelay"));
    let v = parses(&out);
    assert!(v["retry"]["maxDelay"].is_number(), "{out}");
    assert_eq!(v["retry"]["baseDelay"], 100);
    assert!(!items.iter().any(|c| c.label == "baseDelay"));

    // A partial bare word is replaced.
    let (text, at) = at_marker("{\"worker\": {conc|}}");
    let items = complete(&text, at, &json_opts());
    let c = find(&items, "concurrency");
    assert!(c.live && c.detail.contains("live"));
    let v = parses(&accept(&text, c));
    assert!(v["worker"]["concurrency"].is_number());

    // Renaming a key keeps its value.
    let (text, at) = at_marker("{\"worker\": {\"conc|\": 4}}");
    let items = complete(&text, at, &json_opts());
    let v = parses(&accept(&text, find(&items, "concurrency")));
    assert_eq!(v["worker"]["concurrency"], 4);
}

#[test]
fn whole_sections_and_secrets() {
    let (text, at) = at_marker("{\n  \"environment\": \"staging\",\n  |\n}");
    let items = complete(&text, at, &json_opts());
    let db = find(&items, "database");
    assert_eq!(db.kind, CompletionKind::Section);
    assert!(!items.iter().any(|c| c.label == "environment"));
    let v = parses(&accept(&text, db));
    assert_eq!(
        v["database"],
        preset::reference(Environment::Staging)["database"]
    );
    // A section holding a secret gets a fresh one, not the reference's.
    let security = find(&items, "security");
    assert!(security.secret || security.detail.contains("restart"));
    let v = parses(&accept(&text, security));
    let key = v["security"]["encryptionKey"].as_str().unwrap_or("");
    assert_eq!(key.len(), 64);
    assert_ne!(
        key,
        preset::reference(Environment::Staging)["security"]["encryptionKey"]
    );

    // Value completion of a secret: generate one.
    let (text, at) = at_marker("{\"server\": {\"auth\": {\"sessionSecret\": |}}}");
    let items = complete(&text, at, &json_opts());
    let gen_item = find(&items, "generate a random secret");
    assert_eq!(gen_item.kind, CompletionKind::Secret);
    let v = parses(&accept(&text, gen_item));
    let s = v["server"]["auth"]["sessionSecret"].as_str().unwrap_or("");
    assert!(s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(gen_item.secret);
    assert!(!gen_item.detail.contains(s), "never shows the secret");
}

#[test]
fn value_completion_enums_booleans_null() {
    let (text, at) = at_marker("{\"environment\": \"prod|\"}");
    let items = complete(&text, at, &json_opts());
    for env in ["development", "staging", "production", "test"] {
        find(&items, env);
    }
    let v = parses(&accept(&text, find(&items, "production")));
    assert_eq!(v["environment"], "production");

    let (text, at) = at_marker("{\"database\": {\"ssl\": |, \"poolSize\": 1}}");
    let items = complete(&text, at, &json_opts());
    let v = parses(&accept(&text, find(&items, "true")));
    assert_eq!(v["database"]["ssl"], true);

    let (text, at) = at_marker("{\"redis\": {\"maxRetriesPerRequest\": |}}");
    let items = complete(&text, at, &json_opts());
    let v = parses(&accept(&text, find(&items, "null")));
    assert!(v["redis"]["maxRetriesPerRequest"].is_null());

    let (text, at) = at_marker("[logging]\nlevel = |\n");
    let items = complete(&text, at, &toml_opts());
    let v = parses(&accept(&text, find(&items, "debug")));
    assert_eq!(v["logging"]["level"], "debug");
}

#[test]
fn toml_key_and_table_completion() {
    let (text, at) =
        at_marker("environment = \"production\"\n\n[database]\nurl = \"postgres://x\"\npool|\n");
    let items = complete(&text, at, &toml_opts());
    assert!(!items.iter().any(|c| c.label == "url"));
    let out = accept(&text, find(&items, "poolSize"));
    let v = parses(&out);
    assert_eq!(
        v["database"]["poolSize"],
        preset::reference(Environment::Production)["database"]["poolSize"]
    );

    // A whole table from the preset.
    let (text, at) =
        at_marker("environment = \"test\"\n\n[red|\n\n[database]\nurl = \"postgres://x\"\n");
    let items = complete(&text, at, &toml_opts());
    assert!(!items.iter().any(|c| c.label == "database"));
    let out = accept(&text, find(&items, "redis"));
    let v = parses(&out);
    assert_eq!(v["redis"], preset::reference(Environment::Test)["redis"]);
    assert_eq!(v["database"]["url"], "postgres://x");

    // Inline tables get their commas.
    let (text, at) = at_marker("[server]\ncors = { credentials = true, | }\n");
    let items = complete(&text, at, &toml_opts());
    let v = parses(&accept(&text, find(&items, "origin")));
    assert!(v["server"]["cors"].get("origin").is_some());
    assert_eq!(v["server"]["cors"]["credentials"], true);
}

#[test]
fn hover_shows_limits_presets_and_rules() {
    let text = crate::to_json(&preset::reference(Environment::Production));
    let at = text.find("\"poolSize\"").expect("poolSize") + 3;
    let h = hover(&text, at, &json_opts()).expect("hover");
    assert_eq!(h.pointer, "/database/poolSize");
    assert!(h.markdown.contains("1 to 100"), "{}", h.markdown);
    assert!(h.markdown.contains("Pool size"));
    assert!(h.markdown.contains("production `"), "{}", h.markdown);
    assert!(h.markdown.contains("restarts"));
    assert!(h.markdown.contains(&crate::Code::OutOfRange.to_string()));
    assert_eq!(&text[h.range.start..h.range.end], "\"poolSize\"");

    // A secret never shows its value, here or in the presets.
    let at = text.find("\"encryptionKey\"").expect("key") + 2;
    let h = hover(&text, at, &json_opts()).expect("hover");
    let value = preset::reference(Environment::Production)["security"]["encryptionKey"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert!(h.markdown.contains("Secret"));
    assert!(!h.markdown.contains(&value));

    // On a value, in TOML, on a broken document.
    let (text, at) = at_marker("[worker]\nconcurrency = 1|0\n[broken");
    let h = hover(&text, at, &toml_opts()).expect("hover");
    assert_eq!(h.pointer, "/worker/concurrency");
    assert!(h.markdown.contains("live"));
}

#[test]
fn formats_json_in_upstream_layout() {
    let text = "{\"b\":1,  \"zz\":{\"keep\":[1,2]},\"a\":true}\n";
    let f = format(text, &json_opts());
    assert!(f.changed);
    assert_eq!(
        f.text,
        "{\n  \"b\": 1,\n  \"zz\": {\n    \"keep\": [\n      1,\n      2\n    ]\n  },\n  \"a\": true\n}\n"
    );
    assert!(!format(&f.text, &json_opts()).changed);
    assert!(!format("{\"a\": 1, \"a\": 2}", &json_opts()).changed);
    assert!(!format("{\"a\": ", &json_opts()).changed);
    let toml = "a   =  1\n";
    let f = format(toml, &toml_opts());
    assert_eq!(f.text, toml);
    assert!(f.note.is_some());
}

#[test]
fn outline_and_folding() {
    let text = crate::to_json(&preset::reference(Environment::Test));
    let syms = symbols(&text, &json_opts());
    let names: Vec<&str> = syms.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"redis") && names.contains(&"database"),
        "{names:?}"
    );
    let server = syms.iter().find(|s| s.name == "server").expect("server");
    assert_eq!(server.kind, SymbolKind::Object);
    assert!(server.children.iter().any(|c| c.name == "auth"));
    assert_eq!(
        &text[server.selection_range.start..server.selection_range.end],
        "\"server\""
    );
    let folds = folding(&text, &json_opts());
    assert!(folds.len() > 10);

    let toml = crate::to_toml(&preset::reference(Environment::Test)).expect("toml");
    let syms = symbols(&toml, &toml_opts());
    assert!(syms.iter().any(|s| s.pointer == "/redis"), "{syms:?}");
    assert!(!folding(&toml, &toml_opts()).is_empty());
}

#[test]
fn quick_fix_repairs_a_misspelt_key_exactly() {
    let mut v = preset::reference(Environment::Development);
    let redis = v["redis"].as_object_mut().expect("redis");
    let t = redis
        .shift_remove("connectTimeout")
        .expect("connectTimeout");
    redis.insert("conectTimeout".into(), t);
    let text = crate::to_json(&v);
    let at = text.find("conectTimeout").expect("typo");
    let actions = code_actions(&text, TextRange::new(at, at), &json_opts());
    let fix = actions
        .iter()
        .find(|a| a.kind == ActionKind::QuickFix)
        .expect("a fix");
    assert_eq!(fix.code, Some(crate::Code::UnknownField));
    let out = apply_edits(&text, &fix.edits);
    assert_eq!(out, text.replacen("conectTimeout", "connectTimeout", 1));

    // Seal hints on clear-text secrets.
    let text = crate::to_json(&preset::reference(Environment::Production));
    let at = text.find("\"sessionSecret\"").expect("secret");
    let actions = code_actions(&text, TextRange::new(at, at + 5), &json_opts());
    assert!(
        actions
            .iter()
            .any(|a| a.kind == ActionKind::SealSecret && a.pointer == "/server/auth/sessionSecret")
    );
}

/// The innermost container of a parsed document at `offset`.
fn innermost(doc: &Document, offset: usize) -> String {
    fn walk(v: &Value, s: &crate::SpanNode, at: &str, offset: usize) -> Option<String> {
        if !(s.value.start < offset && offset < s.value.end) {
            return None;
        }
        let children: Vec<(String, &Value)> = match v {
            Value::Object(m) => m.iter().map(|(k, c)| (k.clone(), c)).collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, c)| (i.to_string(), c))
                .collect(),
            _ => return None,
        };
        for ((k, c), cs) in children.iter().zip(&s.children) {
            if let Some(found) = walk(c, cs, &crate::pointer::push(at, k), offset) {
                return Some(found);
            }
        }
        Some(at.to_owned())
    }
    walk(doc.value(), doc.spans(), "", offset).unwrap_or_default()
}

/// Cuts every preset (JSON and TOML) at many offsets and types partial
/// tokens there: the tolerant view never panics, its edits stay inside the
/// text, and at every line start it names the object the full document
/// has there.
#[test]
fn cut_presets_never_panic_and_answer_the_right_object() {
    const PARTIALS: &[&str] = &[
        "",
        "\"",
        "\"ab",
        "ab",
        "\"k\": ",
        "k = ",
        "[",
        "{",
        ",",
        "\"x\": \"y",
    ];
    for env in Environment::ALL {
        let value = preset::reference(env);
        let json = crate::to_json(&value);
        let toml = crate::to_toml(&value).expect("toml");
        for (text, fmt) in [(&json, Format::Json), (&toml, Format::Toml)] {
            let opts = IdeOptions {
                format: Some(fmt),
                environment: None,
            };
            let doc = Document::parse(text, Some(fmt)).document.expect("parses");
            // Everything at a spread of offsets, with every partial token.
            for cut in (0..=text.len()).step_by(241) {
                if !text.is_char_boundary(cut) {
                    continue;
                }
                for partial in PARTIALS {
                    let broken = format!("{}{partial}", &text[..cut]);
                    let at = broken.len();
                    for c in complete(&broken, at, &opts) {
                        assert!(c.edit.range.start <= c.edit.range.end);
                        assert!(c.edit.range.end <= broken.len());
                    }
                    let _ = hover(&broken, at.saturating_sub(1), &opts);
                    let _ = symbols(&broken, &opts);
                    let _ = folding(&broken, &opts);
                }
            }
            // The context at every line start, cut there or with a partial
            // token typed into the full document.
            if fmt == Format::Json {
                for (i, _) in text.match_indices('\n') {
                    let cut = i + 1;
                    let want = innermost(&doc, cut);
                    let (_, cx) = context(&text[..cut], fmt, cut);
                    assert_eq!(cx.object, want, "{env} json cut at {cut}");
                    for partial in PARTIALS {
                        let spliced = format!("{}{partial}{}", &text[..cut], &text[cut..]);
                        let (_, cx) = context(&spliced, fmt, cut + partial.len());
                        if !matches!(*partial, "[" | "{" | "\"x\": \"y") {
                            assert_eq!(cx.object, want, "{env} json at {cut} after {partial:?}");
                        }
                    }
                }
            }
            // TOML: at each line start the object is the table above it.
            if fmt == Format::Toml {
                let mut table = String::new();
                for (i, line) in text.split_inclusive('\n').scan(0, |pos, l| {
                    let start = *pos;
                    *pos += l.len();
                    Some((start, l))
                }) {
                    if line.starts_with('[') {
                        let name = line.trim().trim_matches(['[', ']']);
                        table = crate::pointer::from_dotted(name);
                        continue;
                    }
                    if line.trim().is_empty() || line.starts_with(char::is_alphanumeric) {
                        let (_, cx) = context(text, fmt, i);
                        assert_eq!(cx.object, table, "{env} toml line at {i}: {line}");
                    }
                }
            }
        }
    }
}
