//! A panic inside the `.wasm` as a JavaScript `Error` carrying its message.
//!
//! The library never panics on input (its readers return errors), so a panic is a bug. The
//! `.wasm` aborts on panic (stable Rust does not unwind on wasm32), which on its own reaches
//! JS as a bare `RuntimeError: unreachable`. Instead the hook installed at start-up keeps
//! the message (`workout-doc panicked at src/….rs:L:C:` and the panic's text) and throws
//! it as an `Error` straight out of the panicking call. The module's memory may be left
//! half-updated, so every later call throws an `Error` with the same message rather than
//! run on it: load the module again to go on.

use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

/// The message of the panic, once one happened.
static PANICKED: OnceLock<String> = OnceLock::new();

/// Installs the panic hook when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = PANICKED.get_or_init(|| format!("workout-doc {info}"));
        wasm_bindgen::throw_val(JsError::new(message).into());
    }));
}

/// The panic's `Error` when a call panicked before; every export checks this first.
pub(crate) fn check() -> Result<(), JsValue> {
    PANICKED
        .get()
        .map_or(Ok(()), |message| Err(JsError::new(message).into()))
}
