//! Subscriptions: what the tenant bought, when, by whom, through which partner; and Place an
//! order for those who may (a reseller only once the Customer Agreement is accepted).

use super::TenantActions;
use crate::api::tenant_admin::subscriptions::PlaceOrder;
use crate::components::field::{Field, FieldMessage, FormError};
use crate::components::table_frame::TableFrame;
use crate::domain::{format_date, Power, Product, Subscription, TenantOverview};
use crate::i18n::{move_tr, tr};
use leptos::prelude::*;

#[component]
pub fn SubscriptionsArea(
    overview: TenantOverview,
    /// `None` when the actor may only place orders.
    subscriptions: Option<Vec<Subscription>>,
    products: Vec<Product>,
    actions: TenantActions,
) -> impl IntoView {
    let tenant_id = overview.tenant_id.get();
    let order = actions.order;
    view! {
        <section class="panel">
            <h2>{move_tr!("area-subscriptions")}</h2>
            {subscriptions.map(|list| if list.is_empty() {
                view! { <p>{move_tr!("subscriptions-empty")}</p> }.into_any()
            } else { view! {
                            <TableFrame label="area-subscriptions">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{move_tr!("column-product")}</th>
                                        <th scope="col">{move_tr!("column-seats")}</th>
                                        <th scope="col">{move_tr!("column-purchased")}</th>
                                        <th scope="col">{move_tr!("column-purchased-by")}</th>
                                        <th scope="col">{move_tr!("column-through-partner")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|s| view! { <tr>
                                            <th scope="row">{s.product_name.clone()}</th>
                                            <td>{format!("{}/{}", s.assigned, s.seats)}</td>
                                            <td><time>{format_date(s.purchased_at_ms)}</time></td>
                                            <td>{s.purchased_by.clone()}</td>
                                            <td>{match (s.partner_name.clone(), s.partner_gone) {
                                                (Some(partner), true) => (move || tr!("subscription-partner-gone", { "partner" => partner.clone() })).into_any(),
                                                (Some(partner), false) => partner.into_any(),
                                                (None, _) => "—".into_any(),
                                            }}</td>
                                        </tr> }).collect_view()}
                                    </tbody>
                                </table>
                            </TableFrame>
                        }.into_any()
            })}
        </section>
        {overview.may(Power::PlaceOrder).then(|| view! { <OrderForm tenant_id order products /> })}
        {(overview.as_partner && !overview.agreement_accepted).then(|| view! {
            <section class="panel"><p class="notice">{move_tr!("error-agreement-not-accepted")}</p></section>
        })}
    }
}

#[component]
fn OrderForm(
    tenant_id: i64,
    order: ServerAction<PlaceOrder>,
    products: Vec<Product>,
) -> impl IntoView {
    let error = Signal::derive(move || order.value().get().and_then(Result::err));
    view! {
        <section class="panel">
            <h2>{move_tr!("place-order")}</h2>
            {move || matches!(order.value().get(), Some(Ok(()))).then(|| view! {
                <p class="form-success" role="status">{move_tr!("order-placed")}</p>
            })}
            <ActionForm action=order>
                <FormError error />
                <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                <div class="field">
                    <label for="order-product">{move_tr!("column-product")}</label>
                    <select id="order-product" name="product_id" required>
                        {products.into_iter()
                            .map(|p| view! { <option value=p.product_id.clone()>{p.name.clone()}</option> })
                            .collect_view()}
                    </select>
                    <FieldMessage field="product_id" error />
                </div>
                <Field name="seats" label="column-seats" kind="number" required=true error />
                <button type="submit" class="button">{move_tr!("place-order")}</button>
            </ActionForm>
        </section>
    }
}
