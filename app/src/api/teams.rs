//! A partner's teams: every agent sees them; its admin agents create and delete teams, choose
//! their members and say which team holds which role of each admin relationship.

use crate::domain::PartnerTeams;
use crate::error::AppError;
use leptos::prelude::*;

/// The partner's teams, agents and holdings, and whether the agent asking manages them.
#[server(endpoint = "list_teams")]
pub async fn list_teams() -> Result<PartnerTeams, AppError> {
    use crate::server::{db, guards, state::app_state};
    let user = guards::require_user().await?;
    let admin_agent = user.admin_agent;
    let agent = guards::partner_agent(user)?;
    Ok(db::teams::list(&app_state()?.db.pool, agent.partner_id, admin_agent).await?)
}

#[server(endpoint = "create_team")]
pub async fn create_team(name: String) -> Result<(), AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_admin_agent().await?;
    let name = crate::domain::parse_team_name(&name)
        .map_err(|invalid| AppError::invalid_fields(vec![("name", invalid)]))?;
    let team_id = db::teams::create(
        &app_state()?.db.pool,
        agent.partner_id,
        &name,
        crate::server::clock::now_ms(),
    )
    .await?
    .map_err(|_| AppError::field("name", "error-team-name-taken"))?;
    tracing::info!(team_id, partner_id = %agent.partner_id, "team created");
    Ok(())
}

/// Deletes a team: its members lose the roles it held.
#[server(endpoint = "delete_team")]
pub async fn delete_team(team_id: i64) -> Result<(), AppError> {
    use crate::server::{db, guards, state::app_state};
    let agent = guards::require_admin_agent().await?;
    if !db::teams::delete(&app_state()?.db.pool, agent.partner_id, team_id).await? {
        return Err(AppError::Gone("error-team-not-found".to_owned()));
    }
    tracing::info!(team_id, partner_id = %agent.partner_id, "team deleted");
    Ok(())
}

/// Adds (`member` = "yes") or removes ("no") one of the partner's agents to or from a team.
#[server(endpoint = "set_team_member")]
pub async fn set_team_member(
    team_id: i64,
    user_id: String,
    member: String,
) -> Result<(), AppError> {
    use crate::domain::UserId;
    use crate::server::db::teams::{self, MembershipRefusal};
    use crate::server::{guards, state::app_state};
    let agent = guards::require_admin_agent().await?;
    let member = match member.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::field("member", "invalid-malformed")),
    };
    let user_id = match user_id.trim() {
        "" => return Err(AppError::field("user_id", "invalid-required")),
        raw => raw
            .parse::<i64>()
            .map(UserId::new)
            .map_err(|_| AppError::field("user_id", "invalid-malformed"))?,
    };
    teams::set_member(
        &app_state()?.db.pool,
        agent.partner_id,
        team_id,
        user_id,
        member,
    )
    .await?
    .map_err(|refusal| match refusal {
        MembershipRefusal::UnknownTeam => AppError::Gone("error-team-not-found".to_owned()),
        MembershipRefusal::UnknownAgent => AppError::field("user_id", "error-agent-unknown"),
    })?;
    tracing::info!(team_id, %user_id, member, "team membership changed");
    Ok(())
}

/// Says which teams hold which roles of one of the partner's admin relationships:
/// `holdings[]` is every `team_id:role` box ticked (none: nobody holds them).
#[server(endpoint = "assign_teams")]
pub async fn assign_teams(
    admin_relationship_id: i64,
    #[server(default)] holdings: Vec<String>,
) -> Result<(), AppError> {
    use crate::server::db::teams::{self, AssignRefusal};
    use crate::server::{guards, state::app_state};
    let agent = guards::require_admin_agent().await?;
    let holdings = crate::domain::parse_holdings(&holdings)
        .map_err(|invalid| AppError::invalid_fields(vec![("holdings", invalid)]))?;
    teams::assign(
        &app_state()?.db.pool,
        agent.partner_id,
        admin_relationship_id,
        &holdings,
    )
    .await?
    .map_err(|refusal| match refusal {
        AssignRefusal::NotFound => AppError::Gone("error-access-not-found".to_owned()),
        AssignRefusal::UnknownTeam => AppError::field("holdings", "invalid-team-unknown"),
        AssignRefusal::RoleNotAsked => AppError::field("holdings", "invalid-malformed"),
    })?;
    tracing::info!(admin_relationship_id, partner_id = %agent.partner_id, "teams assigned");
    Ok(())
}
