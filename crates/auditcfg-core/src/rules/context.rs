//! What a rule sees: the document's value, the effective environment, and
//! typed accessors that return `None` on a missing or mistyped value (the
//! schema reports those; rules stay quiet about them).

use crate::environment::Environment;
use serde_json::Value;

/// The input of a rule.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The whole document.
    pub value: &'a Value,
    /// The environment the document is validated for: the override, or its
    /// own `environment` field when that is valid.
    pub environment: Option<Environment>,
}

impl<'a> Context<'a> {
    /// A context.
    pub fn new(value: &'a Value, environment: Option<Environment>) -> Self {
        Context { value, environment }
    }
    /// The value at a pointer.
    pub fn get(&self, pointer: &str) -> Option<&'a Value> {
        self.value.pointer(pointer)
    }
    /// A string at a pointer.
    pub fn str(&self, pointer: &str) -> Option<&'a str> {
        self.get(pointer)?.as_str()
    }
    /// A number at a pointer.
    pub fn num(&self, pointer: &str) -> Option<f64> {
        self.get(pointer)?.as_f64()
    }
    /// A boolean at a pointer.
    pub fn bool(&self, pointer: &str) -> Option<bool> {
        self.get(pointer)?.as_bool()
    }
    /// An array at a pointer.
    pub fn array(&self, pointer: &str) -> Option<&'a Vec<Value>> {
        self.get(pointer)?.as_array()
    }
    /// Is the document validated for this environment?
    pub fn is(&self, env: Environment) -> bool {
        self.environment == Some(env)
    }
    /// Is it validated for staging or production?
    pub fn is_production_like(&self) -> bool {
        self.environment.is_some_and(Environment::is_production_like)
    }
}
