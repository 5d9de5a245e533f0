use leptos::prelude::*;

/// False while the server renders a page and until the WebAssembly has hydrated it, then true.
/// A control only the WebAssembly can enable (a button waiting for a checkbox) stays usable as
/// plain HTML until then, or without WebAssembly at all: the server checks the same rule when
/// the form arrives.
pub fn use_hydrated() -> Signal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated.into()
}
