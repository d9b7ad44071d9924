//! # auditcfg-policy
//!
//! The CEL engine behind organisation policies: implements
//! [`auditcfg_core::policy::Engine`] with the `cel` crate (cel-rust), so
//! the core stays free of an expression engine and the npm package's main
//! module free of its size.
//!
//! - **Variables**: `self`, `config`, `environment`, and in transition rules
//!   `oldSelf`, `oldConfig`. JSON values map to CEL as null, bool, int
//!   (integers that fit `i64`), uint (larger ones), double, string, list,
//!   map; nothing else.
//! - **No I/O**: the standard CEL library only (built without the `regex`,
//!   `chrono` and encoder features); no function reads a file, the clock or
//!   the network.
//! - **Bounded**: the core limits the text (4 KiB, brackets nested 32
//!   deep) before it reaches the parser; this crate limits the tree (at
//!   most [`MAX_NODES`] nodes, comprehensions nested [`MAX_LOOP_NESTING`]
//!   deep) and, before each evaluation, estimates the steps it can take on
//!   this document (every node once, a comprehension's body once per
//!   element of the largest collection it could range over). A rule whose
//!   estimate exceeds its budget (the core's per-rule and per-document step
//!   limits) is not run: it is stopped with a finding. The interpreter
//!   itself has no step counter; the estimate is an upper bound because a
//!   CEL expression has no loops other than comprehensions over finite
//!   collections, and no collection grows beyond (nodes × largest input
//!   collection).

use auditcfg_core::TextRange;
use auditcfg_core::policy::{Budget, CompileError, Engine, Input, Outcome};
use cel::common::ast::Expr;
use cel::common::types::{
    CelBool, CelDouble, CelInt, CelList, CelMap, CelMapKey, CelNull, CelString, CelUInt,
};
use cel::common::value::{CowVal, Val};
use cel::context::VariableResolver;
use cel::objects::{Key, Map};
use cel::parser::PrattParser;
use cel::{Context, Env, ExecutionError, IdedExpr, Value as CelValue};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Most nodes of one compiled expression (macros expanded).
pub const MAX_NODES: usize = 2000;
/// Deepest nesting of comprehensions (`all`, `exists`, `map`, `filter`).
pub const MAX_LOOP_NESTING: usize = 3;
/// The parser's own recursion limit.
const MAX_PARSER_DEPTH: u16 = 64;
/// Deepest expression tree walked.
const MAX_TREE_DEPTH: usize = 200;

/// The CEL engine (standard library only).
#[derive(Clone)]
pub struct Cel {
    env: Arc<Env>,
}

impl std::fmt::Debug for Cel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cel")
    }
}

impl Default for Cel {
    fn default() -> Self {
        Cel {
            env: Arc::new(Env::stdlib()),
        }
    }
}

/// A compiled rule.
#[derive(Debug)]
pub struct Program {
    program: IdedExpr,
    /// The variables it names.
    free: Vec<String>,
}

/// A document (and the earlier one) as CEL values, converted once, on the
/// first rule that needs the whole document.
#[derive(Debug)]
pub struct Loaded {
    config: OnceLock<Box<dyn Val>>,
    old_config: OnceLock<Box<dyn Val>>,
    /// The largest list or map in either document.
    largest: u64,
}

impl Engine for Cel {
    type Program = Program;
    type Loaded = Loaded;

    fn compile(&self, expression: &str) -> Result<Program, CompileError> {
        let parser = PrattParser::new().max_recursion_depth(MAX_PARSER_DEPTH);
        let program = parser.parse(expression).map_err(|e| {
            let first = e.errors.first();
            CompileError {
                message: first
                    .map(|f| f.msg.clone())
                    .unwrap_or_else(|| "the expression does not parse".into()),
                range: first.and_then(|f| offset_of(expression, f.pos)).map(|at| {
                    let end = expression[at..]
                        .chars()
                        .next()
                        .map_or(at, |c| at + c.len_utf8());
                    TextRange::new(at, end)
                }),
            }
        })?;
        let shape = shape(&program, 0, 0).ok_or_else(|| CompileError {
            message: format!(
                "the expression is too large: at most {MAX_NODES} nodes, {MAX_LOOP_NESTING} nested comprehensions"
            ),
            range: None,
        })?;
        if shape.nodes > MAX_NODES {
            return Err(CompileError {
                message: format!(
                    "the expression has {} nodes: at most {MAX_NODES}",
                    shape.nodes
                ),
                range: None,
            });
        }
        let mut free = Vec::new();
        free_names(&program, &mut Vec::new(), &mut free, 0);
        if let Some(name) = free
            .iter()
            .find(|n| !is_known_variable(n) && !is_type_name(n))
        {
            return Err(CompileError {
                message: format!(
                    "unknown variable `{name}`: the variables are self, config, environment, oldSelf and oldConfig"
                ),
                range: expression
                    .find(name.as_str())
                    .map(|at| TextRange::new(at, at + name.len())),
            });
        }
        free.sort();
        free.dedup();
        Ok(Program { program, free })
    }

    fn load(&self, input: &Input<'_>) -> Loaded {
        let mut largest = largest_collection(input.config, 0);
        if let Some(old) = input.old_config {
            largest = largest.max(largest_collection(old, 0));
        }
        Loaded {
            config: OnceLock::new(),
            old_config: OnceLock::new(),
            largest,
        }
    }

    fn evaluate(
        &self,
        program: &Program,
        loaded: &Loaded,
        input: &Input<'_>,
        budget: &mut Budget,
    ) -> Outcome {
        let steps = estimate(&program.program, loaded.largest, &mut Vec::new(), 0);
        if steps > budget.steps {
            return Outcome::Stopped(format!(
                "it could take {steps} steps on this document; the limit is {}",
                budget.steps
            ));
        }
        budget.steps -= steps;
        let uses = |name: &str| program.free.iter().any(|f| f == name);
        let whole_self = std::ptr::eq(input.this, input.config);
        if uses("config") || (whole_self && uses("self")) {
            loaded.config.get_or_init(|| to_val(input.config));
        }
        if let Some(old) = input.old_config {
            let whole_old = input.old_self.is_some_and(|s| std::ptr::eq(s, old));
            if uses("oldConfig") || (whole_old && uses("oldSelf")) {
                loaded.old_config.get_or_init(|| to_val(old));
            }
        }
        let this = (!whole_self && uses("self")).then(|| to_val(input.this));
        let old_self = match (input.old_self, input.old_config) {
            (Some(s), Some(c)) if std::ptr::eq(s, c) => None,
            (Some(s), _) if uses("oldSelf") => Some(to_val(s)),
            _ => None,
        };
        let scope = Scope {
            loaded,
            this,
            old_self,
            transition: input.old_config.is_some(),
            environment: match input.environment {
                Some(e) => Box::new(CelString::from(e.as_str())),
                None => Box::new(CelNull),
            },
        };
        let mut context = Context::with_env(Arc::clone(&self.env));
        context.set_variable_resolver(&scope);
        match CelValue::resolve(&program.program, &context) {
            Ok(CelValue::Bool(true)) => Outcome::Holds,
            Ok(CelValue::Bool(false)) => Outcome::Fails,
            Ok(other) => Outcome::Error(format!("the rule is a {}, not a bool", other.type_of())),
            Err(e) => Outcome::Error(describe(&e)),
        }
    }
}

fn is_known_variable(name: &str) -> bool {
    matches!(
        name,
        "self" | "config" | "environment" | "oldSelf" | "oldConfig"
    )
}

/// CEL's type names, which are identifiers too (`type(self) == string`).
fn is_type_name(name: &str) -> bool {
    matches!(
        name,
        "int"
            | "uint"
            | "double"
            | "bool"
            | "string"
            | "bytes"
            | "list"
            | "map"
            | "null_type"
            | "type"
    )
}

/// Identifiers not bound by an enclosing comprehension, in order.
fn free_names(e: &IdedExpr, bound: &mut Vec<String>, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_TREE_DEPTH {
        return;
    }
    let mut walk = |x: &IdedExpr, bound: &mut Vec<String>| free_names(x, bound, out, depth + 1);
    match &e.expr {
        Expr::Ident(name) => {
            if !bound.iter().any(|b| b == name) {
                out.push(name.clone());
            }
        }
        Expr::Call(call) => {
            if let Some(t) = &call.target {
                walk(t, bound);
            }
            for a in &call.args {
                walk(a, bound);
            }
        }
        Expr::Comprehension(c) => {
            walk(&c.iter_range, bound);
            walk(&c.accu_init, bound);
            let before = bound.len();
            bound.push(c.iter_var.clone());
            bound.extend(c.iter_var2.iter().cloned());
            bound.push(c.accu_var.clone());
            walk(&c.loop_cond, bound);
            walk(&c.loop_step, bound);
            bound.truncate(before);
            bound.push(c.accu_var.clone());
            walk(&c.result, bound);
            bound.truncate(before);
        }
        Expr::List(l) => {
            for x in &l.elements {
                walk(x, bound);
            }
        }
        Expr::Map(m) => {
            for entry in &m.entries {
                if let cel::common::ast::EntryExpr::MapEntry(me) = &entry.expr {
                    walk(&me.key, bound);
                    walk(&me.value, bound);
                }
            }
        }
        Expr::Struct(st) => {
            for entry in &st.entries {
                if let cel::common::ast::EntryExpr::StructField(f) = &entry.expr {
                    walk(&f.value, bound);
                }
            }
        }
        Expr::Select(sel) => walk(&sel.operand, bound),
        Expr::Literal(_) | Expr::Unspecified => {}
    }
}

/// The variables of one evaluation.
#[derive(Debug)]
struct Scope<'a> {
    loaded: &'a Loaded,
    this: Option<Box<dyn Val>>,
    old_self: Option<Box<dyn Val>>,
    transition: bool,
    environment: Box<dyn Val>,
}

impl VariableResolver for Scope<'_> {
    fn resolve<'b>(&'b self, variable: &str) -> Option<CowVal<'b, 'b>> {
        let val: &dyn Val = match variable {
            "self" => match &self.this {
                Some(v) => &**v,
                None => &**self.loaded.config.get()?,
            },
            "config" => &**self.loaded.config.get()?,
            "environment" => &*self.environment,
            "oldSelf" if self.transition => match &self.old_self {
                Some(v) => &**v,
                None => &**self.loaded.old_config.get()?,
            },
            "oldConfig" => &**self.loaded.old_config.get()?,
            _ => return None,
        };
        Some(CowVal::Borrowed(val))
    }
}

/// The size of the largest list or map in a value.
fn largest_collection(v: &Value, depth: usize) -> u64 {
    if depth > 256 {
        return 0;
    }
    match v {
        Value::Array(items) => items
            .iter()
            .map(|i| largest_collection(i, depth + 1))
            .fold(items.len() as u64, u64::max),
        Value::Object(map) => map
            .values()
            .map(|i| largest_collection(i, depth + 1))
            .fold(map.len() as u64, u64::max),
        _ => 0,
    }
}

/// A JSON value as a CEL value, built directly (no intermediate
/// [`CelValue`]).
fn to_val(v: &Value) -> Box<dyn Val> {
    match v {
        Value::Null => Box::new(CelNull),
        Value::Bool(b) => Box::new(CelBool::from(*b)),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Box::new(CelInt::from(i))
            } else if let Some(u) = n.as_u64() {
                Box::new(CelUInt::from(u))
            } else {
                Box::new(CelDouble::from(n.as_f64().unwrap_or(f64::NAN)))
            }
        }
        Value::String(s) => Box::new(CelString::from(s.clone())),
        Value::Array(items) => Box::new(CelList::from(
            items.iter().map(to_val).collect::<Vec<Box<dyn Val>>>(),
        )),
        Value::Object(map) => Box::new(CelMap::from(
            map.iter()
                .map(|(k, v)| (CelMapKey::from(k.clone()), to_val(v)))
                .collect::<HashMap<CelMapKey<'static>, Box<dyn Val>>>(),
        )),
    }
}

/// A JSON value as a CEL value.
pub fn to_cel(v: &Value, largest: &mut u64) -> CelValue {
    match v {
        Value::Null => CelValue::Null,
        Value::Bool(b) => CelValue::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                CelValue::Int(i)
            } else if let Some(u) = n.as_u64() {
                CelValue::UInt(u)
            } else {
                CelValue::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => CelValue::String(Arc::new(s.clone())),
        Value::Array(items) => {
            *largest = (*largest).max(items.len() as u64);
            CelValue::List(Arc::new(items.iter().map(|i| to_cel(i, largest)).collect()))
        }
        Value::Object(map) => {
            *largest = (*largest).max(map.len() as u64);
            let map: HashMap<Key, CelValue> = map
                .iter()
                .map(|(k, v)| (Key::String(Arc::new(k.clone())), to_cel(v, largest)))
                .collect();
            CelValue::Map(Map { map: Arc::new(map) })
        }
    }
}

/// A CEL value as JSON (`None` for values JSON has no form for: bytes,
/// functions, types, NaN).
pub fn from_cel(v: &CelValue) -> Option<Value> {
    Some(match v {
        CelValue::Null => Value::Null,
        CelValue::Bool(b) => Value::Bool(*b),
        CelValue::Int(i) => Value::from(*i),
        CelValue::UInt(u) => Value::from(*u),
        CelValue::Float(f) => Value::Number(serde_json::Number::from_f64(*f)?),
        CelValue::String(s) => Value::String(s.to_string()),
        CelValue::List(items) => Value::Array(items.iter().map(from_cel).collect::<Option<_>>()?),
        CelValue::Map(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map.map.iter() {
                let Key::String(k) = k else { return None };
                out.insert(k.to_string(), from_cel(v)?);
            }
            Value::Object(out)
        }
        _ => return None,
    })
}

/// A byte offset in `text` of a parser position (line from 1, column in
/// characters from 0).
fn offset_of(text: &str, (line, column): (isize, isize)) -> Option<usize> {
    let line = usize::try_from(line).ok()?.max(1);
    let column = usize::try_from(column).ok()?;
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let rest = text.get(start..)?;
    let at = rest
        .char_indices()
        .nth(column)
        .map_or(rest.len(), |(i, _)| i);
    Some(start + at).filter(|&o| o <= text.len())
}

/// Size facts of a compiled tree.
struct Shape {
    nodes: usize,
}

/// Counts nodes, refusing trees deeper than [`MAX_TREE_DEPTH`] or with
/// comprehensions nested deeper than [`MAX_LOOP_NESTING`].
fn shape(e: &IdedExpr, depth: usize, loops: usize) -> Option<Shape> {
    if depth > MAX_TREE_DEPTH || loops > MAX_LOOP_NESTING {
        return None;
    }
    let mut nodes = 1;
    let mut add = |child: &IdedExpr, loops: usize| -> Option<()> {
        nodes += shape(child, depth + 1, loops)?.nodes;
        Some(())
    };
    match &e.expr {
        Expr::Call(call) => {
            if let Some(t) = &call.target {
                add(t, loops)?;
            }
            for a in &call.args {
                add(a, loops)?;
            }
        }
        Expr::Comprehension(c) => {
            add(&c.iter_range, loops)?;
            add(&c.accu_init, loops)?;
            add(&c.loop_cond, loops + 1)?;
            add(&c.loop_step, loops + 1)?;
            add(&c.result, loops)?;
        }
        Expr::List(l) => {
            for x in &l.elements {
                add(x, loops)?;
            }
        }
        Expr::Map(m) => {
            for entry in &m.entries {
                if let cel::common::ast::EntryExpr::MapEntry(me) = &entry.expr {
                    add(&me.key, loops)?;
                    add(&me.value, loops)?;
                }
            }
        }
        Expr::Struct(s) => {
            for entry in &s.entries {
                if let cel::common::ast::EntryExpr::StructField(f) = &entry.expr {
                    add(&f.value, loops)?;
                }
            }
        }
        Expr::Select(s) => add(&s.operand, loops)?,
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => {}
    }
    Some(Shape { nodes })
}

/// Is `e` a path into an input document (`config.a.b`, `self[0]`, an
/// iteration variable over such a path)? Such a collection has at most
/// `largest` elements; anything else (a list built by the expression) at
/// most `largest` times the node count.
fn is_input_path(e: &IdedExpr, input_vars: &[String]) -> bool {
    match &e.expr {
        Expr::Ident(name) => is_known_variable(name) || input_vars.iter().any(|v| v == name),
        Expr::Select(s) => is_input_path(&s.operand, input_vars),
        Expr::Call(c) if c.func_name == "_[_]" && c.args.len() == 2 => {
            is_input_path(&c.args[0], input_vars)
        }
        _ => false,
    }
}

/// An upper bound of the steps evaluating `e` takes (saturating).
fn estimate(e: &IdedExpr, largest: u64, input_vars: &mut Vec<String>, depth: usize) -> u64 {
    if depth > MAX_TREE_DEPTH {
        return u64::MAX;
    }
    let sum = |es: &mut dyn Iterator<Item = &IdedExpr>, vars: &mut Vec<String>| {
        es.fold(0u64, |acc, x| {
            acc.saturating_add(estimate(x, largest, vars, depth + 1))
        })
    };
    let own = match &e.expr {
        Expr::Call(call) => sum(
            &mut call.target.iter().map(|b| &**b).chain(call.args.iter()),
            input_vars,
        ),
        Expr::Comprehension(c) => {
            let range = estimate(&c.iter_range, largest, input_vars, depth + 1);
            let elements = if is_input_path(&c.iter_range, input_vars) {
                largest.max(1)
            } else {
                largest.max(1).saturating_mul(MAX_NODES as u64)
            };
            let pushed = is_input_path(&c.iter_range, input_vars);
            if pushed {
                input_vars.push(c.iter_var.clone());
            }
            let body = estimate(&c.loop_cond, largest, input_vars, depth + 1)
                .saturating_add(estimate(&c.loop_step, largest, input_vars, depth + 1));
            if pushed {
                input_vars.pop();
            }
            range
                .saturating_add(estimate(&c.accu_init, largest, input_vars, depth + 1))
                .saturating_add(elements.saturating_mul(body))
                .saturating_add(estimate(&c.result, largest, input_vars, depth + 1))
        }
        Expr::List(l) => sum(&mut l.elements.iter(), input_vars),
        Expr::Map(m) => {
            let mut parts = Vec::new();
            for entry in &m.entries {
                if let cel::common::ast::EntryExpr::MapEntry(me) = &entry.expr {
                    parts.push(&me.key);
                    parts.push(&me.value);
                }
            }
            sum(&mut parts.into_iter(), input_vars)
        }
        Expr::Struct(_) => 1,
        Expr::Select(s) => estimate(&s.operand, largest, input_vars, depth + 1),
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => 0,
    };
    own.saturating_add(1)
}

/// An execution error in words, naming types, never values (a value may be
/// a secret).
fn describe(e: &ExecutionError) -> String {
    match e {
        ExecutionError::NoSuchKey(key) => format!("no such key: {key}"),
        ExecutionError::UndeclaredReference(name) => format!("undeclared reference to `{name}`"),
        ExecutionError::UnexpectedType { got, want } => {
            format!("unexpected type: got {got}, want {want}")
        }
        ExecutionError::NoSuchOverload(o) => o.to_string(),
        ExecutionError::InvalidArgumentCount { expected, actual } => {
            format!("{actual} arguments where {expected} are expected")
        }
        ExecutionError::ValuesNotComparable(a, b) => {
            format!("a {} can not be compared to a {}", a.type_of(), b.type_of())
        }
        ExecutionError::UnsupportedBinaryOperator(op, a, b) => format!(
            "operator `{op}` does not apply to a {} and a {}",
            a.type_of(),
            b.type_of()
        ),
        ExecutionError::UnsupportedTargetType { target } => {
            format!("unsupported target type {}", target.type_of())
        }
        ExecutionError::NotSupportedAsMethod { method, target } => {
            format!("`{method}` is not a method of a {}", target.type_of())
        }
        ExecutionError::UnsupportedKeyType(v) => {
            format!("a {} can not be a map key", v.type_of())
        }
        ExecutionError::MissingArgumentOrTarget => "missing argument or target".into(),
        other => {
            // Other errors (overflow, division by zero, index out of range,
            // function errors) say what went wrong in their own words; keep
            // the first line, which names no value.
            let text = other.to_string();
            if text.contains('"') || text.contains("String(") {
                "evaluation failed".into()
            } else {
                text.lines()
                    .next()
                    .unwrap_or("evaluation failed")
                    .to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests;
