use crate::error::AppError;
use crate::i18n::tr_id;
use leptos::html::Input;
use leptos::prelude::*;

/// Keeps an input's text in step with `value` after the page has loaded: the `value`
/// attribute gives the server's page its text, and each later change of `value` (a new
/// answer, another page) replaces the text. Hydrating does not: what the user typed before
/// the WebAssembly took over stays.
pub fn follow_value(input: NodeRef<Input>, value: impl Fn() -> String + 'static) {
    Effect::new(move |previous: Option<String>| {
        let current = value();
        if let (Some(previous), Some(input)) = (previous, input.get_untracked()) {
            if previous != current {
                input.set_value(&current);
            }
        }
        current
    });
}

/// A labelled input with its error beside it. The error comes from the last answer of the
/// form's server call, so what the user typed stays in the input.
#[component]
pub fn Field(
    /// The form field's name, as the server function names its argument.
    name: &'static str,
    /// Message id of the label.
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message(name).map(str::to_owned))
    };
    let has_error = move || message().is_some();
    let input = NodeRef::<Input>::new();
    follow_value(input, move || value.get());
    view! {
        <div class="field" class:field-invalid=has_error>
            <label for=id.clone()>{move || tr_id(label)}</label>
            <input
                node_ref=input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=move || has_error().to_string()
                aria-describedby=move || has_error().then(|| error_id.clone())
            />
            {move || message().map(|message| view! {
                <p class="field-error" id=format!("field-{name}-error")>{tr_id(&message)}</p>
            })}
        </div>
    }
}

/// The error of a whole form (not of one field), announced to screen readers.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Validation(_)))
            .map(|error| {
                let message = tr_id(error.message_id());
                view! { <p class="form-error" role="alert">{message}</p> }
            })
    }
}

/// The message beside a field the form's last server answer refused.
#[component]
pub fn FieldMessage(
    field: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    move || {
        error
            .get()
            .and_then(|e| e.field_message(field).map(str::to_owned))
            .map(|m| view! { <p class="field-error" id=format!("field-{field}-error")>{tr_id(&m)}</p> })
    }
}
