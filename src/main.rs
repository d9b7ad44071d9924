//! The auditcfg browser app's entry point: mounts the app (built with
//! `trunk build`, see scripts/build-app.sh). Natively it does nothing: the
//! app's logic is tested with `cargo test`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    auditcfg_app::app::mount();
}
