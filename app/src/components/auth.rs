use crate::api::auth::{current_user, ChangePassword, SignIn, SignOut};
use crate::domain::SignedInUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Who is signed in, refreshed whenever someone signs in or out.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<SignedInUser>, AppError>>,
    pub sign_in: ServerAction<SignIn>,
    pub sign_out: ServerAction<SignOut>,
    pub change_password: ServerAction<ChangePassword>,
}

pub fn provide_auth() {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let change_password = ServerAction::<ChangePassword>::new();
    let user = Resource::new(
        move || {
            (
                sign_in.version().get(),
                sign_out.version().get(),
                change_password.version().get(),
            )
        },
        |_| current_user(),
    );
    crate::components::pending::track_pending(sign_in.pending().into());
    crate::components::pending::track_pending(sign_out.pending().into());
    crate::components::pending::track_pending(change_password.pending().into());
    provide_context(Auth {
        user,
        sign_in,
        sign_out,
        change_password,
    });
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
