//! A partner's teams of agents. The partner's admin agents say which team holds which role of
//! which admin relationship; an agent acts in a customer's tenant only with the granted,
//! unexpired roles a team of theirs holds.

use super::{DelegatedRole, Invalid, UserId};
use serde::{Deserialize, Serialize};

pub const MAX_TEAM_NAME: usize = 50;
/// The most teams one request names: far more than a partner has, few enough to check.
pub const MAX_TEAMS: usize = 100;

/// An agent of the partner, as the Teams page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamAgent {
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    pub admin_agent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: i64,
    pub name: String,
    /// Its agents, by name.
    pub members: Vec<UserId>,
}

/// One role of one admin relationship, held by one team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamHolding {
    pub admin_relationship_id: i64,
    pub team_id: i64,
    pub role: DelegatedRole,
}

/// A partner's teams, its agents and which team holds which role, as its agents see them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerTeams {
    /// By name.
    pub teams: Vec<Team>,
    /// By name.
    pub agents: Vec<TeamAgent>,
    pub holdings: Vec<TeamHolding>,
    /// Whether the agent asking is an admin agent, who manages all of this.
    pub manages: bool,
}

impl PartnerTeams {
    /// The teams holding roles of the admin relationship, each with those roles (catalog
    /// order), teams by name.
    pub fn holders(&self, admin_relationship_id: i64) -> Vec<(&Team, Vec<DelegatedRole>)> {
        self.teams
            .iter()
            .filter_map(|team| {
                let mut roles: Vec<DelegatedRole> = self
                    .holdings
                    .iter()
                    .filter(|held| {
                        held.admin_relationship_id == admin_relationship_id
                            && held.team_id == team.id
                    })
                    .map(|held| held.role)
                    .collect();
                roles.sort();
                (!roles.is_empty()).then_some((team, roles))
            })
            .collect()
    }

    pub fn holds(&self, admin_relationship_id: i64, team_id: i64, role: DelegatedRole) -> bool {
        self.holdings.contains(&TeamHolding {
            admin_relationship_id,
            team_id,
            role,
        })
    }

    pub fn agent(&self, user_id: UserId) -> Option<&TeamAgent> {
        self.agents.iter().find(|agent| agent.user_id == user_id)
    }
}

/// A team's name as typed: one line, 1 to [`MAX_TEAM_NAME`] characters.
pub fn parse_team_name(raw: &str) -> Result<String, Invalid> {
    super::required_text(raw, MAX_TEAM_NAME)
}

/// The teams ticked on an admin-access request: at least one, distinct, ascending.
pub fn parse_team_ids(raw: &[String]) -> Result<Vec<i64>, Invalid> {
    if raw.len() > MAX_TEAMS {
        return Err(Invalid::Malformed);
    }
    let mut ids = raw
        .iter()
        .map(|id| id.trim().parse::<i64>().map_err(|_| Invalid::Malformed))
        .collect::<Result<Vec<_>, _>>()?;
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(Invalid::TeamsRequired);
    }
    Ok(ids)
}

/// Which team holds which role, one `team_id:role` per ticked box; none is allowed (then
/// nobody at the partner holds the relationship's roles).
pub fn parse_holdings(raw: &[String]) -> Result<Vec<(i64, DelegatedRole)>, Invalid> {
    if raw.len() > MAX_TEAMS * DelegatedRole::ALL.len() {
        return Err(Invalid::Malformed);
    }
    let mut holdings = raw
        .iter()
        .map(|holding| {
            let (team, role) = holding.trim().split_once(':').ok_or(Invalid::Malformed)?;
            let team = team.parse::<i64>().map_err(|_| Invalid::Malformed)?;
            let role = DelegatedRole::from_db(role).ok_or(Invalid::Malformed)?;
            Ok((team, role))
        })
        .collect::<Result<Vec<_>, _>>()?;
    holdings.sort_unstable();
    holdings.dedup();
    Ok(holdings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(raw: &[&str]) -> Vec<String> {
        raw.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn team_ids_are_numbers_at_least_one_and_bounded() {
        assert_eq!(parse_team_ids(&strings(&["3", " 1", "3"])), Ok(vec![1, 3]));
        assert_eq!(parse_team_ids(&[]), Err(Invalid::TeamsRequired));
        assert_eq!(parse_team_ids(&strings(&["x"])), Err(Invalid::Malformed));
        assert_eq!(parse_team_ids(&strings(&["1\0"])), Err(Invalid::Malformed));
        assert_eq!(
            parse_team_ids(&vec!["1".to_owned(); MAX_TEAMS + 1]),
            Err(Invalid::Malformed)
        );
    }

    #[test]
    fn holdings_name_a_team_and_a_known_role() {
        assert_eq!(
            parse_holdings(&strings(&[
                "2:helpdesk_admin",
                "1:user_admin",
                "2:helpdesk_admin"
            ])),
            Ok(vec![
                (1, DelegatedRole::UserAdmin),
                (2, DelegatedRole::HelpdeskAdmin)
            ])
        );
        assert_eq!(parse_holdings(&[]), Ok(vec![]));
        for bad in ["2", "x:user_admin", "2:overlord", "2:user_admin\0", ":"] {
            assert_eq!(
                parse_holdings(&strings(&[bad])),
                Err(Invalid::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_holdings(&vec!["1:user_admin".to_owned(); MAX_TEAMS * 9 + 1]),
            Err(Invalid::Malformed)
        );
    }

    #[test]
    fn team_names_are_one_bounded_line() {
        assert_eq!(
            parse_team_name("  Support desk "),
            Ok("Support desk".to_owned())
        );
        assert_eq!(parse_team_name(" "), Err(Invalid::Required));
        assert_eq!(
            parse_team_name(&"x".repeat(MAX_TEAM_NAME + 1)),
            Err(Invalid::TooLong)
        );
    }

    #[test]
    fn holders_group_a_relationships_roles_by_team() {
        let teams = PartnerTeams {
            teams: vec![
                Team {
                    id: 1,
                    name: "Escalation".to_owned(),
                    members: vec![],
                },
                Team {
                    id: 2,
                    name: "Support desk".to_owned(),
                    members: vec![],
                },
            ],
            holdings: vec![
                TeamHolding {
                    admin_relationship_id: 7,
                    team_id: 2,
                    role: DelegatedRole::UserAdmin,
                },
                TeamHolding {
                    admin_relationship_id: 7,
                    team_id: 2,
                    role: DelegatedRole::HelpdeskAdmin,
                },
                TeamHolding {
                    admin_relationship_id: 8,
                    team_id: 1,
                    role: DelegatedRole::GlobalReader,
                },
            ],
            ..PartnerTeams::default()
        };
        let holders = teams.holders(7);
        assert_eq!(holders.len(), 1);
        assert_eq!(holders[0].0.name, "Support desk");
        assert_eq!(
            holders[0].1,
            vec![DelegatedRole::UserAdmin, DelegatedRole::HelpdeskAdmin]
        );
        assert!(teams.holds(8, 1, DelegatedRole::GlobalReader));
        assert!(!teams.holds(8, 2, DelegatedRole::GlobalReader));
    }
}
