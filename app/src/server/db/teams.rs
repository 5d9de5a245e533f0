//! A partner's teams of agents, its admin agents, and which team holds which role of which
//! admin relationship (`admin_access::held_roles` reads that for every call an agent makes).

use crate::domain::{DelegatedRole, PartnerId, PartnerTeams, Team, TeamAgent, TeamHolding, UserId};
use sqlx::{AnyConnection, AnyPool, FromRow};

/// The name of the team a partner gets when access is granted for it without naming teams
/// (demo data, tests) and it has none: every agent it has.
pub const ALL_AGENTS: &str = "All agents";

/// Makes a partner's agent one of its admin agents.
pub async fn make_admin_agent(pool: &AnyPool, user_id: UserId) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into partner_admin_agent (user_id)
         select user_id from app_user where user_id = $1 and partner_id is not null
         on conflict (user_id) do nothing",
    )
    .bind(user_id.get())
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct AgentRow {
    user_id: i64,
    display_name: String,
    email: String,
    admin_agent: i64,
}

#[derive(FromRow)]
struct HoldingRow {
    admin_relationship_id: i64,
    team_id: i64,
    role: String,
}

/// The partner's teams with their members, its enabled agents and which team holds which
/// role of its admin relationships; `manages` says whether the agent asking is an admin agent.
pub async fn list(
    pool: &AnyPool,
    partner_id: PartnerId,
    manages: bool,
) -> Result<PartnerTeams, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let teams: Vec<(i64, String)> = sqlx::query_as(
        "select team_id, name from partner_team where partner_id = $1 order by name, team_id",
    )
    .bind(partner_id.get())
    .fetch_all(&mut *conn)
    .await?;
    let members: Vec<(i64, i64)> = sqlx::query_as(
        "select m.team_id, m.user_id
         from partner_team_member m
         join partner_team t on t.team_id = m.team_id
         join app_user u on u.user_id = m.user_id
         where t.partner_id = $1 and u.disabled = 0
         order by u.display_name, u.user_id",
    )
    .bind(partner_id.get())
    .fetch_all(&mut *conn)
    .await?;
    let agents: Vec<AgentRow> = sqlx::query_as(
        "select u.user_id, u.display_name, u.email,
                case when a.user_id is null then 0 else 1 end as admin_agent
         from app_user u
         left join partner_admin_agent a on a.user_id = u.user_id
         where u.partner_id = $1 and u.disabled = 0
         order by u.display_name, u.user_id",
    )
    .bind(partner_id.get())
    .fetch_all(&mut *conn)
    .await?;
    let holdings: Vec<HoldingRow> = sqlx::query_as(
        "select h.admin_relationship_id, h.team_id, h.role
         from admin_relationship_team_role h
         join partner_team t on t.team_id = h.team_id
         where t.partner_id = $1
         order by h.admin_relationship_id, h.team_id, h.role",
    )
    .bind(partner_id.get())
    .fetch_all(&mut *conn)
    .await?;
    Ok(PartnerTeams {
        teams: teams
            .into_iter()
            .map(|(id, name)| Team {
                id,
                name,
                members: members
                    .iter()
                    .filter(|(team, _)| *team == id)
                    .map(|(_, user)| UserId::new(*user))
                    .collect(),
            })
            .collect(),
        agents: agents
            .into_iter()
            .map(|row| TeamAgent {
                user_id: UserId::new(row.user_id),
                display_name: row.display_name,
                email: row.email,
                admin_agent: row.admin_agent == 1,
            })
            .collect(),
        holdings: holdings
            .into_iter()
            .map(|row| {
                Ok(TeamHolding {
                    admin_relationship_id: row.admin_relationship_id,
                    team_id: row.team_id,
                    role: super::decoded(
                        "admin_relationship_team_role.role",
                        &row.role,
                        DelegatedRole::from_db(&row.role),
                    )?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
        manages,
    })
}

/// The partner already has a team of that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamNameTaken;

/// Creates a team without members.
pub async fn create(
    pool: &AnyPool,
    partner_id: PartnerId,
    name: &str,
    now_ms: i64,
) -> Result<Result<i64, TeamNameTaken>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "insert into partner_team (partner_id, name, created_at) values ($1, $2, $3)
         on conflict (partner_id, name) do nothing
         returning team_id",
    )
    .bind(partner_id.get())
    .bind(name)
    .bind(now_ms)
    .fetch_optional(pool)
    .await?;
    Ok(id.ok_or(TeamNameTaken))
}

/// Deletes one of the partner's teams: its members lose the roles it held. `false` when the
/// partner has no such team.
pub async fn delete(
    pool: &AnyPool,
    partner_id: PartnerId,
    team_id: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    if !owns_team(&mut tx, partner_id, team_id).await? {
        return Ok(false);
    }
    for table in [
        "admin_relationship_team_role",
        "partner_team_member",
        "partner_team",
    ] {
        sqlx::query(&format!("delete from {table} where team_id = $1"))
            .bind(team_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Why a membership was not changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipRefusal {
    /// The partner has no such team.
    UnknownTeam,
    /// The user is not one of the partner's enabled agents.
    UnknownAgent,
}

/// Adds (`member`) or removes one of the partner's agents to or from one of its teams; doing
/// what is already done is no change.
pub async fn set_member(
    pool: &AnyPool,
    partner_id: PartnerId,
    team_id: i64,
    user_id: UserId,
    member: bool,
) -> Result<Result<(), MembershipRefusal>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    if !owns_team(&mut tx, partner_id, team_id).await? {
        return Ok(Err(MembershipRefusal::UnknownTeam));
    }
    let agent: Option<i64> = sqlx::query_scalar(
        "select user_id from app_user where user_id = $1 and partner_id = $2 and disabled = 0",
    )
    .bind(user_id.get())
    .bind(partner_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    if agent.is_none() {
        return Ok(Err(MembershipRefusal::UnknownAgent));
    }
    let sql = if member {
        "insert into partner_team_member (team_id, user_id) values ($1, $2)
         on conflict (team_id, user_id) do nothing"
    } else {
        "delete from partner_team_member where team_id = $1 and user_id = $2"
    };
    sqlx::query(sql)
        .bind(team_id)
        .bind(user_id.get())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

async fn owns_team(
    conn: &mut AnyConnection,
    partner_id: PartnerId,
    team_id: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "select team_id from partner_team where team_id = $1 and partner_id = $2",
    )
    .bind(team_id)
    .bind(partner_id.get())
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// One of the teams named is not the partner's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownTeam;

/// Gives each of `teams` each of `roles` of a new admin relationship, in the transaction
/// that writes it.
pub async fn hold(
    tx: &mut AnyConnection,
    partner_id: PartnerId,
    admin_relationship_id: i64,
    teams: &[i64],
    roles: &[DelegatedRole],
) -> Result<Result<(), UnknownTeam>, sqlx::Error> {
    for team_id in teams {
        if !owns_team(tx, partner_id, *team_id).await? {
            return Ok(Err(UnknownTeam));
        }
        for role in roles {
            sqlx::query(
                "insert into admin_relationship_team_role (admin_relationship_id, role, team_id)
                 values ($1, $2, $3)",
            )
            .bind(admin_relationship_id)
            .bind(role.as_db())
            .bind(*team_id)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(Ok(()))
}

/// The teams that get an admin relationship granted without naming any (demo data, tests):
/// every team of the partner or, when it has none, a new team of every agent it has.
pub async fn every_team(
    tx: &mut AnyConnection,
    partner_id: PartnerId,
    now_ms: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let teams: Vec<i64> = sqlx::query_scalar(
        "select team_id from partner_team where partner_id = $1 order by team_id",
    )
    .bind(partner_id.get())
    .fetch_all(&mut *tx)
    .await?;
    if !teams.is_empty() {
        return Ok(teams);
    }
    let team_id: i64 = sqlx::query_scalar(
        "insert into partner_team (partner_id, name, created_at) values ($1, $2, $3)
         returning team_id",
    )
    .bind(partner_id.get())
    .bind(ALL_AGENTS)
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "insert into partner_team_member (team_id, user_id)
         select $1, user_id from app_user where partner_id = $2",
    )
    .bind(team_id)
    .bind(partner_id.get())
    .execute(&mut *tx)
    .await?;
    Ok(vec![team_id])
}

/// Why a relationship's holdings were not changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignRefusal {
    /// The partner has no such admin relationship still pending or in force.
    NotFound,
    UnknownTeam,
    /// A role the relationship never asked for.
    RoleNotAsked,
}

/// Replaces which of the partner's teams hold which roles of one of its admin relationships
/// (pending or active): `holdings` is the whole new set, empty for nobody.
pub async fn assign(
    pool: &AnyPool,
    partner_id: PartnerId,
    admin_relationship_id: i64,
    holdings: &[(i64, DelegatedRole)],
) -> Result<Result<(), AssignRefusal>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let asked: Vec<String> = sqlx::query_scalar(
        "select arr.role
         from admin_relationship ar
         join admin_relationship_role arr on arr.admin_relationship_id = ar.admin_relationship_id
         where ar.admin_relationship_id = $1 and ar.partner_id = $2
           and ar.status in ('pending', 'active')",
    )
    .bind(admin_relationship_id)
    .bind(partner_id.get())
    .fetch_all(&mut *tx)
    .await?;
    if asked.is_empty() {
        return Ok(Err(AssignRefusal::NotFound));
    }
    if holdings
        .iter()
        .any(|(_, role)| !asked.iter().any(|asked| asked == role.as_db()))
    {
        return Ok(Err(AssignRefusal::RoleNotAsked));
    }
    sqlx::query("delete from admin_relationship_team_role where admin_relationship_id = $1")
        .bind(admin_relationship_id)
        .execute(&mut *tx)
        .await?;
    for (team_id, role) in holdings {
        if hold(
            &mut tx,
            partner_id,
            admin_relationship_id,
            &[*team_id],
            &[*role],
        )
        .await?
        .is_err()
        {
            return Ok(Err(AssignRefusal::UnknownTeam));
        }
    }
    tx.commit().await?;
    Ok(Ok(()))
}
