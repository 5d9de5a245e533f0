//! Line-of-business apps: submit an app or a new version, publish or retire it.

use super::TenantActions;
use crate::components::field::{Field, FormError};
use crate::components::table_frame::TableFrame;
use crate::domain::{format_date, LobApp, LobAppStatus, Power, TenantOverview};
use crate::i18n::{move_tr, tr, tr_id};
use leptos::prelude::*;

#[component]
pub fn AppsArea(
    overview: TenantOverview,
    apps: Vec<LobApp>,
    actions: TenantActions,
) -> impl IntoView {
    let tenant_id = overview.tenant_id.get();
    let submit = actions.submit_app;
    let set_status = actions.set_app_status;
    let may_manage = overview.may(Power::ManageLobApps);
    let submit_error = Signal::derive(move || submit.value().get().and_then(Result::err));
    let status_error = Signal::derive(move || set_status.value().get().and_then(Result::err));
    view! {
        <section class="panel">
            <h2>{move_tr!("area-apps")}</h2>
            <FormError error=status_error />
            {if apps.is_empty() {
                view! { <p>{move_tr!("apps-empty")}</p> }.into_any()
            } else {
                let list = apps;
                view! {
                        <TableFrame label="area-apps">
                            <table>
                                <thead><tr>
                                    <th scope="col">{move_tr!("column-name")}</th>
                                    <th scope="col">{move_tr!("app-version")}</th>
                                    <th scope="col">{move_tr!("leads-status")}</th>
                                    <th scope="col">{move_tr!("column-partner")}</th>
                                    <th scope="col">{move_tr!("column-updated")}</th>
                                    <th scope="col"><span class="visually-hidden">{move_tr!("column-actions")}</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|app| {
                                        let status = app.status;
                                        let name = app.name.clone();
                                        view! { <tr>
                                            <th scope="row">{app.name.clone()}</th>
                                            <td>{app.version.clone()}</td>
                                            <td>{move || tr_id(status.message_id())}</td>
                                            <td>{app.partner_name.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                            <td><time>{format_date(app.updated_at_ms)}</time></td>
                                            <td class="row-actions">
                                                {may_manage.then(|| LobAppStatus::ALL.into_iter().filter(|next| *next != status).map(|next| {
                                                    let name = name.clone();
                                                    let label = move || tr!("app-set-status", { "app" => name.clone(), "status" => tr_id(next.message_id()) });
                                                    view! {
                                                        <ActionForm action=set_status>
                                                            <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                                                            <input type="hidden" name="lob_app_id" value=app.lob_app_id.to_string() />
                                                            <input type="hidden" name="status" value=next.as_db() />
                                                            <button type="submit" class="button secondary" aria-label=label>{move || tr_id(next.message_id())}</button>
                                                        </ActionForm>
                                                    }
                                                }).collect_view())}
                                            </td>
                                        </tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableFrame>
                }.into_any()
            }}
        </section>
        {may_manage.then(|| view! {
            <section class="panel">
                <h2>{move_tr!("app-submit")}</h2>
                <ActionForm action=submit>
                    <FormError error=submit_error />
                    <input type="hidden" name="tenant_id" value=tenant_id.to_string() />
                    <Field name="name" label="column-name" required=true error=submit_error />
                    <Field name="version" label="app-version" required=true error=submit_error />
                    <button type="submit" class="button">{move_tr!("app-submit")}</button>
                </ActionForm>
            </section>
        })}
    }
}
