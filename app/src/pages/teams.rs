//! The partner's teams (`/teams`): every agent sees the teams, their members and which team
//! holds which role of each admin relationship; the partner's admin agents create and delete
//! teams, add and remove members, and say which team holds which role.

use crate::api::relationships::list_customers;
use crate::api::teams::{list_teams, AssignTeams, CreateTeam, DeleteTeam, SetTeamMember};
use crate::components::action::successes;
use crate::components::error_view::ErrorView;
use crate::components::field::{Field, FieldMessage, FormError};
use crate::components::page_title::PageTitle;
use crate::components::pending::track_pending;
use crate::domain::{
    AdminRelationship, CustomerRelationship, PartnerTeams, RoleState, Team, MAX_TEAM_NAME,
};
use crate::i18n::{move_tr, tr, tr_id};
use crate::pages::customers::CustomerSearch;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TeamsPage() -> impl IntoView {
    let create = ServerAction::<CreateTeam>::new();
    let delete = ServerAction::<DeleteTeam>::new();
    let member = ServerAction::<SetTeamMember>::new();
    let assign = ServerAction::<AssignTeams>::new();
    track_pending(Signal::derive(move || {
        create.pending().get()
            || delete.pending().get()
            || member.pending().get()
            || assign.pending().get()
    }));
    let created = successes(create);
    let assigned = successes(assign);
    let teams = Resource::new(
        move || {
            (
                created.get(),
                delete.version().get(),
                member.version().get(),
                assigned.get(),
            )
        },
        |_| list_teams(),
    );
    // Which customers' admin relationships: a search, as on the Customers page.
    let query = use_query_map();
    let search = Memo::new(move |_| query.with(|q| q.get("q").unwrap_or_default()));
    let customers = Resource::new(move || search.get(), |q| list_customers(q, String::new()));
    view! {
        <PageTitle message="teams-title" />
        <section class="panel">
            <h1>{move_tr!("teams-title")}</h1>
            <p>{move_tr!("teams-intro")}</p>
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || teams.get().map(|result| match result {
                    Ok(teams) => view! { <TeamList teams create delete member /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </section>
        <section class="panel">
            <h2>{move_tr!("teams-holdings")}</h2>
            <p>{move_tr!("teams-holdings-intro")}</p>
            <CustomerSearch action="/teams" search />
            <Transition fallback=move || view! { <p>{move_tr!("loading")}</p> }>
                {move || match (teams.get(), customers.get()) {
                    (Some(Ok(teams)), Some(Ok(page))) => {
                        let more = page.page_count() > 1;
                        view! {
                            {more.then(|| view! { <p class="hint">{move_tr!("teams-holdings-first-page")}</p> })}
                            <Holdings teams customers=page.customers assign />
                        }.into_any()
                    }
                    (Some(Err(error)), _) | (_, Some(Err(error))) => {
                        view! { <ErrorView error /> }.into_any()
                    }
                    _ => ().into_any(),
                }}
            </Transition>
        </section>
    }
}

#[component]
fn TeamList(
    teams: PartnerTeams,
    create: ServerAction<CreateTeam>,
    delete: ServerAction<DeleteTeam>,
    member: ServerAction<SetTeamMember>,
) -> impl IntoView {
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let member_error = Signal::derive(move || member.value().get().and_then(Result::err));
    let manages = teams.manages;
    let shared = StoredValue::new(teams.clone());
    view! {
        {(!manages).then(|| view! { <p class="hint">{move_tr!("teams-read-only")}</p> })}
        <FormError error=delete_error />
        <FormError error=member_error />
        {teams.teams.is_empty().then(|| view! { <p>{move_tr!("teams-empty")}</p> })}
        {teams.teams.into_iter().map(|team| view! {
            <TeamCard team teams=shared manages delete member />
        }).collect_view()}
        {manages.then(|| view! {
            <ActionForm action=create attr:class="inline-form">
                <h2>{move_tr!("team-create")}</h2>
                <FormError error=create_error />
                {move || matches!(create.value().get(), Some(Ok(()))).then(|| view! {
                    <p class="form-success" role="status">{move_tr!("team-created")}</p>
                })}
                <Field name="name" label="team-name" autocomplete="off" required=true error=create_error />
                <p class="hint">{move || tr!("team-name-hint", { "max" => MAX_TEAM_NAME })}</p>
                <button type="submit" class="button" disabled=move || create.pending().get()>
                    {move_tr!("team-create")}
                </button>
            </ActionForm>
        })}
    }
}

#[component]
fn TeamCard(
    team: Team,
    teams: StoredValue<PartnerTeams>,
    manages: bool,
    delete: ServerAction<DeleteTeam>,
    member: ServerAction<SetTeamMember>,
) -> impl IntoView {
    let heading = format!("team-{}", team.id);
    let team_id = team.id;
    let name = team.name.clone();
    let members: Vec<_> = teams.with_value(|teams| {
        team.members
            .iter()
            .filter_map(|user| teams.agent(*user).cloned())
            .collect()
    });
    let others: Vec<_> = teams.with_value(|teams| {
        teams
            .agents
            .iter()
            .filter(|agent| !team.members.contains(&agent.user_id))
            .cloned()
            .collect()
    });
    let delete_label = {
        let name = name.clone();
        move || tr!("team-delete-label", { "team" => name.clone() })
    };
    let add_label_id = format!("team-{team_id}-add");
    let section_label = heading.clone();
    view! {
        <section class="team" aria-labelledby=section_label>
            <h2 id=heading>{team.name.clone()}</h2>
            {if members.is_empty() {
                view! { <p>{move_tr!("team-no-members")}</p> }.into_any()
            } else {
                view! {
                    <ul class="team-members">
                        {members.into_iter().map(|agent| {
                            let remove_label = {
                                let (agent_name, team) = (agent.display_name.clone(), name.clone());
                                move || tr!("team-remove-member-label", {
                                    "agent" => agent_name.clone(),
                                    "team" => team.clone(),
                                })
                            };
                            view! {
                                <li>
                                    {agent.display_name.clone()}
                                    " "<span class="muted">{agent.email.clone()}</span>
                                    {agent.admin_agent.then(|| view! {
                                        " "<span class="badge">{move_tr!("admin-agent")}</span>
                                    })}
                                    {manages.then(|| view! {
                                        <ActionForm action=member attr:class="inline-form">
                                            <input type="hidden" name="team_id" value=team_id />
                                            <input type="hidden" name="user_id" value=agent.user_id.get() />
                                            <input type="hidden" name="member" value="no" />
                                            <button type="submit" class="button secondary" aria-label=remove_label>
                                                {move_tr!("team-remove-member")}
                                            </button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(manages && !others.is_empty()).then(|| view! {
                <ActionForm action=member attr:class="inline-form">
                    <input type="hidden" name="team_id" value=team_id />
                    <input type="hidden" name="member" value="yes" />
                    <label for=add_label_id.clone()>{move_tr!("team-add-member")}</label>
                    <select id=add_label_id name="user_id" required>
                        {others.into_iter().map(|agent| view! {
                            <option value=agent.user_id.get()>
                                {format!("{} ({})", agent.display_name, agent.email)}
                            </option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button secondary">{move_tr!("team-add")}</button>
                </ActionForm>
            })}
            {manages.then(|| view! {
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="team_id" value=team_id />
                    <button type="submit" class="button secondary" aria-label=delete_label>
                        {move_tr!("team-delete")}
                    </button>
                </ActionForm>
            })}
        </section>
    }
}

/// Which team holds which role of each admin relationship still pending or in force: a box
/// per team and role for the admin agents, the teams and their roles for the others.
#[component]
fn Holdings(
    teams: PartnerTeams,
    customers: Vec<CustomerRelationship>,
    assign: ServerAction<AssignTeams>,
) -> impl IntoView {
    let error = Signal::derive(move || assign.value().get().and_then(Result::err));
    let relationships: Vec<(String, AdminRelationship)> = customers
        .into_iter()
        .flat_map(|customer| {
            let name = customer.tenant_name;
            customer
                .admin_relationships
                .into_iter()
                .filter(|access| !access.status.is_over())
                .map(move |access| (name.clone(), access))
        })
        .collect();
    if relationships.is_empty() {
        return view! { <p>{move_tr!("teams-holdings-none")}</p> }.into_any();
    }
    let teams = StoredValue::new(teams);
    view! {
        <FormError error />
        {move || matches!(assign.value().get(), Some(Ok(()))).then(|| view! {
            <p class="form-success" role="status">{move_tr!("teams-holdings-saved")}</p>
        })}
        {relationships.into_iter().map(|(customer, access)| view! {
            <RelationshipHoldings customer access teams assign error />
        }).collect_view()}
    }
    .into_any()
}

#[component]
fn RelationshipHoldings(
    customer: String,
    access: AdminRelationship,
    teams: StoredValue<PartnerTeams>,
    assign: ServerAction<AssignTeams>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let id = access.id;
    let heading = format!("holdings-{id}");
    let title = format!("{customer}: {}", access.name);
    // The roles a team can hold: those asked for and not refused or removed.
    let roles: Vec<_> = access
        .roles
        .iter()
        .filter(|role| matches!(role.state, RoleState::Granted | RoleState::Requested))
        .map(|role| role.role)
        .collect();
    let status = access.status;
    let (manages, team_list) = teams.with_value(|teams| (teams.manages, teams.teams.clone()));
    if !manages {
        let holders: Vec<(String, Vec<&'static str>)> = teams.with_value(|teams| {
            teams
                .holders(id)
                .into_iter()
                .map(|(team, roles)| {
                    (
                        team.name.clone(),
                        roles.iter().map(|role| role.message_id()).collect(),
                    )
                })
                .collect()
        });
        return view! {
            <h3 id=heading>{title}" "<span class="muted">{move || tr_id(status.message_id())}</span></h3>
            {if holders.is_empty() {
                view! { <p>{move_tr!("teams-holdings-nobody")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {holders.into_iter().map(|(team, roles)| view! {
                            <li>{team}": "{move || crate::i18n::roles(roles.iter().copied())}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
        .into_any();
    }
    view! {
        <ActionForm action=assign>
            <input type="hidden" name="admin_relationship_id" value=id />
            <h3 id=heading.clone()>{title}" "<span class="muted">{move || tr_id(status.message_id())}</span></h3>
            {if team_list.is_empty() {
                view! { <p>{move_tr!("teams-empty")}</p> }.into_any()
            } else {
                let (frame_label, table_label) = (heading.clone(), heading.clone());
                view! {
                    <div class="table-frame" role="region" tabindex="0" aria-labelledby=frame_label>
                        <table aria-labelledby=table_label>
                            <thead><tr>
                                <th scope="col">{move_tr!("team-name")}</th>
                                {roles.iter().map(|role| {
                                    let role = *role;
                                    view! { <th scope="col">{move || tr_id(role.message_id())}</th> }
                                }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {team_list.into_iter().map(|team| {
                                    let team_name = team.name.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{team.name.clone()}</th>
                                            {roles.iter().map(|role| {
                                                let role = *role;
                                                let held = teams.with_value(|teams| teams.holds(id, team.id, role));
                                                let team_name = team_name.clone();
                                                let label = move || format!("{}: {}", team_name, tr_id(role.message_id()));
                                                view! {
                                                    <td>
                                                        <input type="checkbox" name="holdings[]"
                                                            value=format!("{}:{}", team.id, role.as_db())
                                                            checked=held aria-label=label />
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <FieldMessage field="holdings" error />
                    <button type="submit" class="button" disabled=move || assign.pending().get()>
                        {move || tr!("teams-holdings-save", { "relationship" => access.name.clone() })}
                    </button>
                }.into_any()
            }}
        </ActionForm>
    }
    .into_any()
}
