use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// How many times `action` has succeeded. A resource keyed on it reloads after a change and
/// not after a refusal — reloading then would redraw the forms and lose what was typed.
pub fn successes<S>(action: ServerAction<S>) -> ReadSignal<usize>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let (count, set_count) = signal(0);
    Effect::new(move |_| {
        action.version().track();
        if action
            .value()
            .with_untracked(|value| matches!(value, Some(Ok(_))))
        {
            set_count.update(|count| *count += 1);
        }
    });
    count
}
