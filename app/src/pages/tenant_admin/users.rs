//! Users: the members, their roles and licenses; Reset password (a one-time password shown
//! once), Disable, Add a user, Assign a license — each offered by the powers held.

use super::TenantActions;
use crate::api::tenant_admin::users::{
    AssignLicense, CreateTenantUser, DisableTenantUser, ResetUserPassword,
};
use crate::components::field::{Field, FieldMessage, FormError};
use crate::components::table_frame::TableFrame;
use crate::domain::{Power, Subscription, TemporaryPassword, TenantOverview, TenantUser};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;

#[component]
pub fn UsersArea(
    overview: TenantOverview,
    users: Vec<TenantUser>,
    subscriptions: Vec<Subscription>,
    actions: TenantActions,
) -> impl IntoView {
    let tenant_id = overview.tenant_id.get();
    let TenantActions {
        reset,
        disable,
        create,
        assign,
        ..
    } = actions;
    let may_reset = overview.may(Power::ResetPassword);
    let may_disable = overview.may(Power::DisableUser);
    let reset_error = Signal::derive(move || reset.value().get().and_then(Result::err));
    let disable_error = Signal::derive(move || disable.value().get().and_then(Result::err));
    let members: Vec<TenantUser> = users
        .iter()
        .filter(|user| !user.disabled)
        .cloned()
        .collect();
    view! {
        <section class="panel">
            <h2>{move_tr!("area-users")}</h2>
            <FormError error=reset_error />
            <FormError error=disable_error />
            {move || reset.value().get().and_then(Result::ok).map(|temporary| view! { <OneTimePassword temporary /> })}
            <UsersTable users tenant_id may_reset may_disable reset disable />
        </section>
        {overview.may(Power::CreateUser).then(|| view! { <CreateUser tenant_id create /> })}
        {overview.may(Power::AssignLicense).then(|| view! { <AssignLicenseForm tenant_id assign members subscriptions /> })}
    }
}

#[component]
fn OneTimePassword(temporary: TemporaryPassword) -> impl IntoView {
    let email = temporary.email.clone();
    let expires = crate::domain::format_timestamp(temporary.expires_at_ms);
    view! {
        <div class="notice" role="status">
            <p>{move || tr!("temporary-password-for", { "email" => email.clone() })}</p>
            <p><code class="secret">{temporary.password.clone()}</code></p>
            <p class="muted">{move || tr!("temporary-password-once", { "expires" => expires.clone() })}</p>
        </div>
    }
}

#[component]
fn UsersTable(
    users: Vec<TenantUser>,
    tenant_id: i64,
    may_reset: bool,
    may_disable: bool,
    reset: ServerAction<ResetUserPassword>,
    disable: ServerAction<DisableTenantUser>,
) -> impl IntoView {
    view! {
        <TableFrame label="area-users">
            <table>
                <thead><tr>
                    <th scope="col">{move_tr!("column-name")}</th>
                    <th scope="col">{move_tr!("column-email")}</th>
                    <th scope="col">{move_tr!("column-roles")}</th>
                    <th scope="col">{move_tr!("column-licenses")}</th>
                    <th scope="col">{move_tr!("leads-status")}</th>
                    <th scope="col"><span class="visually-hidden">{move_tr!("column-actions")}</span></th>
                </tr></thead>
                <tbody>
                    {users.into_iter().map(|user| {
                        let roles = user.roles.clone();
                        let shown_roles = move || crate::i18n::roles(roles.iter().map(|r| r.message_id()));
                        let licenses = if user.licenses.is_empty() { "—".to_owned() } else { user.licenses.join(", ") };
                        let status = if user.disabled { "user-disabled" } else { "user-active" };
                        let user_id = user.user_id.get();
                        let name = user.display_name.clone();
                        let reset_label = {
                            let name = name.clone();
                            move || tr!("reset-password-for", { "name" => name.clone() })
                        };
                        let disable_label = move || tr!("disable-user-for", { "name" => name.clone() });
                        view! {
                            <tr>
                                <th scope="row">{user.display_name.clone()}</th>
                                <td>{user.email.clone()}</td>
                                <td>{shown_roles}</td>
                                <td>{licenses}</td>
                                <td>{move || tr_id(status)}</td>
                                <td class="row-actions">
                                    {(may_reset && !user.disabled).then(|| view! {
                                        <button type="button" class="button secondary" aria-label=reset_label
                                            on:click=move |_| { reset.dispatch(ResetUserPassword { tenant_id, user_id }); }>
                                            {move_tr!("reset-password")}
                                        </button>
                                    })}
                                    {(may_disable && !user.disabled).then(|| view! {
                                        <button type="button" class="button secondary" aria-label=disable_label
                                            on:click=move |_| { disable.dispatch(DisableTenantUser { tenant_id, user_id }); }>
                                            {move_tr!("disable-user")}
                                        </button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableFrame>
    }
}

#[component]
fn CreateUser(tenant_id: i64, create: ServerAction<CreateTenantUser>) -> impl IntoView {
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <section class="panel">
            <h2>{move_tr!("add-user")}</h2>
            {move || create.value().get().and_then(Result::ok).map(|temporary| view! { <OneTimePassword temporary /> })}
            <ActionForm action=create>
                <FormError error />
                <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                <Field name="display_name" label="column-name" required=true error />
                <Field name="email" label="field-email" kind="email" required=true error />
                <button type="submit" class="button">{move_tr!("add-user")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AssignLicenseForm(
    tenant_id: i64,
    assign: ServerAction<AssignLicense>,
    members: Vec<TenantUser>,
    subscriptions: Vec<Subscription>,
) -> impl IntoView {
    let error = Signal::derive(move || assign.value().get().and_then(Result::err));
    view! {
        <section class="panel">
            <h2>{move_tr!("assign-license")}</h2>
            {move || matches!(assign.value().get(), Some(Ok(()))).then(|| view! {
                <p class="form-success" role="status">{move_tr!("license-assigned")}</p>
            })}
            <ActionForm action=assign>
                <FormError error />
                <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                <div class="field">
                    <label for="license-user">{move_tr!("column-name")}</label>
                    <select id="license-user" name="user_id" required>
                        {members.into_iter()
                            .map(|user| view! { <option value=user.user_id.get().to_string()>{user.display_name.clone()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="license-subscription">{move_tr!("column-subscription")}</label>
                    <select id="license-subscription" name="subscription_id" required>
                        {subscriptions.into_iter()
                            .map(|s| {
                                let label = format!("{} ({}/{})", s.product_name, s.assigned, s.seats);
                                view! { <option value=s.subscription_id.to_string()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage field="subscription_id" error />
                </div>
                <button type="submit" class="button">{move_tr!("assign-license")}</button>
            </ActionForm>
        </section>
    }
}
