//! Key derivation without freezing the page: PBKDF2-HMAC-SHA256 runs in
//! the browser's WebCrypto (`crypto.subtle.deriveBits`: asynchronous, off
//! the main thread, native speed), byte-identical to the core's
//! `derive_key` and to the CLI. Progress is estimated from the rate
//! measured on a short calibration run. scrypt (only ever needed to open
//! files that ask for it) has no WebCrypto implementation: the core's runs
//! after the progress is painted, and the page is busy meanwhile.

use super::dom;
use auditcfg_core::crypto::{Kdf, derive_key};
use leptos::prelude::*;
use std::cell::Cell;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// Measured PBKDF2 iterations per millisecond.
    static RATE: Cell<Option<f64>> = const { Cell::new(None) };
}

fn err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                .ok()?
                .as_string()
        })
        .unwrap_or_else(|| "the browser's WebCrypto failed".to_owned())
}

async fn pbkdf2_raw(password: &str, salt: &[u8], iterations: u32) -> Result<[u8; 32], String> {
    let subtle = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(err)?
        .subtle();
    let raw = js_sys::Uint8Array::from(password.as_bytes());
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveBits"));
    let key = wasm_bindgen_futures::JsFuture::from(
        subtle
            .import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
            .map_err(err)?,
    )
    .await
    .map_err(err)?;
    let key: web_sys::CryptoKey = key.dyn_into().map_err(|_| "no key".to_owned())?;
    let params = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&params, &JsValue::from_str(k), v);
    set("name", &JsValue::from_str("PBKDF2")).map_err(err)?;
    set("hash", &JsValue::from_str("SHA-256")).map_err(err)?;
    set("salt", &js_sys::Uint8Array::from(salt)).map_err(err)?;
    set("iterations", &JsValue::from_f64(f64::from(iterations))).map_err(err)?;
    let bits = wasm_bindgen_futures::JsFuture::from(
        subtle
            .derive_bits_with_object(&params, &key, 256)
            .map_err(err)?,
    )
    .await
    .map_err(err)?;
    let bytes = js_sys::Uint8Array::new(&bits).to_vec();
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| "the derived key is not 32 bytes".to_owned())
}

/// Waits for the next task (lets the page paint).
pub async fn yield_now(ms: u64) {
    let (tx, rx) = futures_channel();
    set_timeout(tx, Duration::from_millis(ms));
    let _ = rx.await;
}

/// A one-shot: the sender resolves the promise the receiver awaits.
fn futures_channel() -> (impl FnOnce(), wasm_bindgen_futures::JsFuture) {
    let mut resolve_fn: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| resolve_fn = Some(resolve));
    let send = move || {
        if let Some(f) = resolve_fn {
            let _ = f.call0(&JsValue::NULL);
        }
    };
    (send, wasm_bindgen_futures::JsFuture::from(promise))
}

/// Derives the 32-byte key of `password`, `salt` and `kdf`, reporting
/// progress (0 to 1) in `progress`. Exposes the time taken as
/// `window.__auditcfgLastKdfMs`.
pub async fn derive(
    password: &str,
    salt: &[u8],
    kdf: Kdf,
    progress: RwSignal<f64>,
) -> Result<[u8; 32], String> {
    kdf.validate().map_err(|e| e.to_string())?;
    progress.set(0.0);
    let start = dom::now_ms();
    let key = match kdf {
        Kdf::Pbkdf2 { iterations } => {
            let rate = match RATE.with(Cell::get) {
                Some(r) => r,
                None => {
                    let n = 20_000;
                    let t = dom::now_ms();
                    pbkdf2_raw("calibration", &[0u8; 16], n).await?;
                    let r = f64::from(n) / (dom::now_ms() - t).max(0.1);
                    RATE.with(|c| c.set(Some(r)));
                    r
                }
            };
            let expected = f64::from(iterations) / rate;
            let t0 = dom::now_ms();
            let ticker = set_interval_with_handle(
                move || {
                    let p = ((dom::now_ms() - t0) / expected).min(0.97);
                    progress.set(p);
                },
                Duration::from_millis(40),
            )
            .ok();
            let out = pbkdf2_raw(password, salt, iterations).await;
            if let Some(t) = ticker {
                t.clear();
            }
            let elapsed = dom::now_ms() - t0;
            RATE.with(|c| c.set(Some(f64::from(iterations) / elapsed.max(0.1))));
            out?
        }
        Kdf::Scrypt { .. } => {
            progress.set(0.05);
            yield_now(30).await;
            let key = derive_key(password.as_bytes(), salt, &kdf).map_err(|e| e.to_string())?;
            *key
        }
    };
    progress.set(1.0);
    dom::expose(
        "__auditcfgLastKdfMs",
        &JsValue::from_f64(dom::now_ms() - start),
    );
    Ok(key)
}
