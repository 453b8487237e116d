//! The browser entry point: install the panic hook and mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(okr_grid::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("okr-grid runs in the browser: use `bash scripts/serve.sh` (see README.md).");
    std::process::exit(2);
}
