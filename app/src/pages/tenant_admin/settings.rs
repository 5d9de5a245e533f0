//! The customer's settings for its partners, and what a "Partner"-type partner sees of them.

use super::TenantActions;
use crate::components::field::{Field, FieldMessage, FormError};
use crate::domain::{PartnerRelationship, TenantOverview};
use crate::i18n::{move_tr, tr};
use leptos::prelude::*;

#[component]
pub fn SettingsArea(
    overview: TenantOverview,
    /// The customer's partners of type "Partner".
    partners: Vec<PartnerRelationship>,
    actions: TenantActions,
) -> impl IntoView {
    let tenant_id = overview.tenant_id.get();
    let TenantActions {
        sharing, account, ..
    } = actions;
    let shared = overview.mpsa_purchases_shared;
    let sharing_error = Signal::derive(move || sharing.value().get().and_then(Result::err));
    let account_error = Signal::derive(move || account.value().get().and_then(Result::err));
    view! {
        <section class="panel">
            <h2>{move_tr!("area-settings")}</h2>
            <ActionForm action=sharing>
                <FormError error=sharing_error />
                <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                <div class="field checkbox">
                    <input id="field-mpsa-shared" name="shared" type="checkbox" value="on" checked=shared />
                    <label for="field-mpsa-shared">{move_tr!("setting-mpsa-shared")}</label>
                </div>
                <button type="submit" class="button secondary">{move_tr!("settings-save")}</button>
                {move || matches!(sharing.value().get(), Some(Ok(()))).then(|| view! {
                    <p class="form-success" role="status">{move_tr!("settings-saved")}</p>
                })}
            </ActionForm>
        </section>
        <section class="panel">
            <h2>{move_tr!("partner-account-title")}</h2>
            <p>{move_tr!("partner-account-intro")}</p>
            {if partners.is_empty() {
                view! { <p>{move_tr!("partner-account-none")}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=account>
                        <FormError error=account_error />
                        <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                        <div class="field">
                            <label for="field-account-partner">{move_tr!("column-partner")}</label>
                            <select id="field-account-partner" name="partner_id">
                                {partners.into_iter().map(|p| view! {
                                    <option value=p.partner_id.get().to_string()>{p.partner_name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <Field name="email" label="partner-account-email" kind="email" required=true error=account_error />
                        <FieldMessage field="partner_id" error=account_error />
                        <button type="submit" class="button secondary">{move_tr!("settings-save")}</button>
                        {move || matches!(account.value().get(), Some(Ok(()))).then(|| view! {
                            <p class="form-success" role="status">{move_tr!("settings-saved")}</p>
                        })}
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}

/// For a "Partner"-type partner: the account the customer named for it.
#[component]
pub fn PartnerAccountArea(account: Option<String>) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{move_tr!("area-account")}</h2>
            {match account {
                Some(email) => view! { <p>{move || tr!("partner-account-is", { "email" => email.clone() })}</p> }.into_any(),
                None => view! { <p>{move_tr!("partner-account-not-named")}</p> }.into_any(),
            }}
        </section>
    }
}
