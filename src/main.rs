//! The browser entry point: install the panic hook, read what is stored, mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    okr_grid::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("okr-grid runs in the browser: use `bash scripts/serve.sh` (see README.md).");
    std::process::exit(2);
}
