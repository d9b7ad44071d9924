//! The diff view: the current document against another one (pasted,
//! opened, a preset, or an earlier version kept by this browser), the
//! changes grouped by impact with filters, each shown side by side, and
//! the JSON Patch export.

use super::Ui;
use super::dom;
use super::state::{self, StatusKind};
use crate::compare::{self, Group, Row};
use auditcfg_core::Environment;
use leptos::prelude::*;

/// The diff view.
#[component]
pub fn DiffView(ui: Ui) -> impl IntoView {
    let other = RwSignal::new(String::new());
    let filter_text = RwSignal::new(String::new());
    let groups = RwSignal::new(Group::ALL.to_vec());
    let versions = RwSignal::new(Vec::new());
    let comparison = Memo::new(move |_| {
        ui.text_rev.track();
        // The transition rules follow the policies loaded.
        ui.policy_rev.track();
        if ui.tab.get() != super::Tab::Diff {
            return None;
        }
        let other = other.get();
        if other.trim().is_empty() {
            return None;
        }
        let policies = super::policies::change_evaluator();
        Some(compare::compare_with(
            &other,
            &state::current_text(),
            policies.as_ref().map(|f| f as &compare::EvaluateChange<'_>),
            ui.env.get_untracked(),
        ))
    });
    Effect::new(move |_| {
        if ui.tab.get() == super::Tab::Diff {
            versions.set(super::drafts::versions());
        }
    });
    let rows = Memo::new(move |_| {
        comparison.with(|c| match c {
            Some(Ok(c)) => c.rows.clone(),
            _ => Vec::new(),
        })
    });
    let counts = Memo::new(move |_| rows.with(|r| compare::counts(r)));
    let on_file = move |ev: web_sys::Event| {
        if let Some(file) = dom::chosen_file(&ev) {
            dom::read_config(file, move |text| match text {
                Ok(text) => other.set(text),
                Err(e) => ui.status.set(state::Status {
                    text: e,
                    kind: StatusKind::Error,
                    undo: false,
                }),
            });
        }
    };
    // The document's own origin (as created or opened), or a preset: the
    // one it was created from compares with that origin, so the secrets
    // and `lastUpdated` generated then are not reported as changes.
    let on_preset = move |ev: web_sys::Event| {
        let pick = event_target_value(&ev);
        if pick == "origin" {
            other.set(state::origin().text);
        } else if let Some(env) = Environment::from_name(&pick) {
            other.set(compare::preset_baseline(&state::origin(), env));
        }
    };
    let on_version = move |ev: web_sys::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>()
            && let Some(v) = versions.with_untracked(|vs| vs.get(i).cloned())
        {
            other.set(v.text);
        }
    };
    let export = move |_| {
        let Some(Ok(c)) = comparison.get_untracked() else {
            return;
        };
        let text = compare::patch_text(&c);
        let msg = match dom::download("changes.patch.json", "application/json-patch+json", &text) {
            Ok(()) => "Downloaded changes.patch.json (RFC 6902 JSON Patch from the other document to this one; it carries new values, secrets included).".to_owned(),
            Err(_) => "The browser refused the download.".to_owned(),
        };
        ui.status.set(state::Status {
            text: msg,
            kind: StatusKind::Done,
            undo: false,
        });
    };
    let toggle = move |g: Group| {
        groups.update(|gs| {
            if let Some(i) = gs.iter().position(|x| *x == g) {
                gs.remove(i);
            } else {
                gs.push(g);
            }
        })
    };
    let group_view = move |g: Group| {
        let items = Memo::new(move |_| {
            let t = filter_text.get();
            let gs = groups.get();
            if !gs.contains(&g) {
                return Vec::new();
            }
            rows.with(|r| {
                compare::filter(r, &[g], &t)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        view! {
            <section class=format!("diff-group {}", g.as_str()) class:empty=move || items.with(Vec::is_empty)>
                <h3>{g.title()} " " <span class="n">{move || items.with(Vec::len)}</span></h3>
                <ul>
                    <For each=move || items.get() key=|r: &Row| (r.path.clone(), r.kind, r.before.clone(), r.after.clone()) children=move |r: Row| view! { <DiffRow row=r /> } />
                </ul>
            </section>
        }
    };
    view! {
        <section class="diff-pane" aria-label="Diff">
            <div class="diff-source">
                <label for="diff-input">"Compare the current document with:"</label>
                <div class="diff-pick">
                    <select data-testid="diff-preset" aria-label="A preset or the document's origin" on:change=on_preset>
                        <option value="">"a preset…"</option>
                        <option value="origin">"its origin (as created or opened)"</option>
                        {Environment::ALL.iter().map(|e| view! { <option value=e.as_str()>{e.as_str()}</option> }).collect_view()}
                    </select>
                    <select data-testid="diff-version" aria-label="An earlier version" on:change=on_version>
                        <option value="">"an earlier version…"</option>
                        {move || versions.get().into_iter().enumerate().map(|(i, v)| {
                            let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(v.saved_at));
                            let label = format!("{} · {} (secrets not kept)", String::from(d.to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED)), v.name.unwrap_or_else(|| "untitled".to_owned()));
                            view! { <option value=i.to_string()>{label}</option> }
                        }).collect_view()}
                    </select>
                    <label class="file-button">
                        "Open…"
                        <input type="file" class="visually-hidden" data-testid="diff-file" accept=".json,.toml,application/json,text/plain" on:change=on_file />
                    </label>
                </div>
                <textarea
                    id="diff-input"
                    data-testid="diff-input"
                    spellcheck="false"
                    placeholder="…or paste the other document (JSON or TOML) here"
                    prop:value=move || other.get()
                    on:input=move |ev| other.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="diff-result">
                <div class="diff-toolbar">
                    {Group::ALL.iter().enumerate().map(|(i, g)| {
                        let g = *g;
                        view! {
                            <label class=format!("chip {}", g.as_str())>
                                <input type="checkbox" data-testid=format!("diff-filter-{}", g.as_str()) prop:checked=move || groups.with(|gs| gs.contains(&g)) on:change=move |_| toggle(g) />
                                {g.title()} " " {move || counts.get()[i]}
                            </label>
                        }
                    }).collect_view()}
                    <input type="search" data-testid="diff-filter-text" placeholder="Filter paths" aria-label="Filter paths" on:input=move |ev| filter_text.set(event_target_value(&ev)) />
                    <button type="button" data-testid="diff-export" on:click=export disabled=move || rows.with(Vec::is_empty)>"Export JSON Patch"</button>
                </div>
                <p class="diff-summary" data-testid="diff-summary" aria-live="polite">
                    {move || comparison.with(|c| match c {
                        None => "Paste, open or pick a document to compare with.".to_owned(),
                        Some(Err(e)) => e.clone(),
                        Some(Ok(c)) if c.rows.is_empty() => "No differences.".to_owned(),
                        Some(Ok(c)) => {
                            let [l, r, s] = compare::counts(&c.rows);
                            format!("{}: {l} live, {r} need a restart, {s} secret.", crate::findings::plural(c.rows.len(), "change"))
                        }
                    })}
                </p>
                <ul class="diff-policy" data-testid="diff-policy" aria-label="Policy findings on this change">
                    {move || comparison.with(|c| match c {
                        Some(Ok(c)) => c
                            .policy
                            .iter()
                            .map(|f| view! {
                                <li class=format!("finding {}", f.severity.as_str()) data-testid="diff-finding" data-code=f.code.clone() data-path=f.path.clone()>
                                    <span class="code">{f.code.clone()}</span>
                                    " "
                                    <code>{if f.path.is_empty() { "/".to_owned() } else { f.path.clone() }}</code>
                                    " "
                                    <span class="msg">{f.message.clone()}</span>
                                    {f.help.clone().map(|h| view! { <span class="help">{h}</span> })}
                                </li>
                            })
                            .collect_view()
                            .into_any(),
                        _ => ().into_any(),
                    })}
                </ul>
                <div class="diff-head" aria-hidden="true"><span>"other document"</span><span>"current document"</span></div>
                {group_view(Group::Live)}
                {group_view(Group::Restart)}
                {group_view(Group::Secret)}
            </div>
        </section>
    }
}

#[component]
fn DiffRow(row: Row) -> impl IntoView {
    let impact = if row.component.is_empty() {
        "live".to_owned()
    } else {
        format!("restarts {}", row.component)
    };
    view! {
        <li class=format!("diff-change {}", row.kind) data-testid="diff-change" data-path=row.path.clone() data-impact=row.group.as_str() data-kind=row.kind>
            <div class="diff-path">
                <code>{if row.path.is_empty() { "/".to_owned() } else { row.path.clone() }}</code>
                <span class="tag">{row.kind}</span>
                <span class=format!("tag {}", row.group.as_str())>{impact}</span>
            </div>
            <div class="side-by-side">
                <pre class="before">{row.before.clone()}</pre>
                <pre class="after">{row.after.clone()}</pre>
            </div>
        </li>
    }
}
