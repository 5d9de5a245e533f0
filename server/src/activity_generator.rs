//! A long partner activity history for one tenant, for the timeline's benchmark and tests
//! (`server seed-activity`): `count` audit events over the year before now, one every few
//! seconds, by the agents of every partner the tenant deals with and by its own Global
//! admins acting on those partners. Written by the database itself (a counter joined with
//! who acts and what they do), a transaction per 50,000 events so a running server's own
//! writes wait for none of them long, and a million take seconds.

use app::domain::{AuditAction, TenantId, DAY_MS};
use app::server::db::{self, Db};

/// What partners' agents do, in turn.
const AGENT_ACTIONS: [AuditAction; 8] = [
    AuditAction::UserCreated,
    AuditAction::LicenseAssigned,
    AuditAction::IncidentOpened,
    AuditAction::IncidentCommented,
    AuditAction::IncidentClosed,
    AuditAction::UserPasswordReset,
    AuditAction::SubscriptionOrdered,
    AuditAction::InvitationSent,
];

/// Events written per transaction.
const BATCH: i64 = 50_000;

/// One event in this many is the tenant's own admin removing a role of a partner: a rare
/// action, for the timeline's action filter.
const RARE_EVERY: i64 = 5_000;

/// Adds `count` events to `tenant`'s log; how many were added. The tenant must deal with at
/// least one partner that has agents.
pub async fn seed(db: &Db, tenant: TenantId, count: i64) -> Result<i64, String> {
    let pool = &db.pool;
    let error = |e: sqlx::Error| e.to_string();
    let agents: Vec<(i64, i64)> = sqlx::query_as(
        "select u.user_id, u.partner_id from app_user u
         where u.partner_id in (select partner_id from relationship where tenant_id = $1)
         order by u.user_id",
    )
    .bind(tenant.get())
    .fetch_all(pool)
    .await
    .map_err(error)?;
    let admin: Option<i64> = sqlx::query_scalar(
        "select u.user_id from app_user u join user_admin_role r on r.user_id = u.user_id
         where u.tenant_id = $1 and r.role = 'global_admin' order by u.user_id limit 1",
    )
    .bind(tenant.get())
    .fetch_optional(pool)
    .await
    .map_err(error)?;
    let (Some(admin), false) = (admin, agents.is_empty()) else {
        return Err("the tenant needs a Global admin and a partner with agents".to_owned());
    };
    // Ids from the database, written as numbers: nothing here comes from a user.
    let agent_rows = agents
        .iter()
        .enumerate()
        .map(|(k, (user, partner))| format!("({k}, {user}, {partner})"))
        .collect::<Vec<_>>()
        .join(", ");
    let action_rows = AGENT_ACTIONS
        .iter()
        .enumerate()
        .map(|(k, action)| format!("({k}, '{}')", action.as_db()))
        .collect::<Vec<_>>()
        .join(", ");
    let now = db::now_ms();
    let step = (365 * DAY_MS / count.max(1)).max(1);
    let sql = format!(
        "with recursive n(i) as (select $8 union all select i + 1 from n where i < $1 - 1),
              agents(k, user_id, partner_id) as (values {agent_rows}),
              actions(k, name) as (values {action_rows})
         insert into audit_event (occurred_at, tenant_id, actor_user_id, partner_id, action, target)
         select $2 - (n.i + 1) * $3, $4,
                case when n.i % $5 = 0 then $6 else a.user_id end,
                a.partner_id,
                case when n.i % $5 = 0 then $7 else x.name end,
                'user:' || (n.i % 5000)
         from n
         join agents a on a.k = n.i % {agent_count}
         join actions x on x.k = (n.i / {agent_count}) % {action_count}",
        agent_count = agents.len(),
        action_count = AGENT_ACTIONS.len(),
    );
    let mut added = 0;
    for start in (0..count).step_by(BATCH as usize) {
        let mut tx = db::begin_write(pool).await.map_err(error)?;
        added += sqlx::query(&sql)
            .bind((start + BATCH).min(count))
            .bind(now)
            .bind(step)
            .bind(tenant.get())
            .bind(RARE_EVERY)
            .bind(admin)
            .bind(AuditAction::AccessRoleRemoved.as_db())
            .bind(start)
            .execute(&mut *tx)
            .await
            .map_err(error)?
            .rows_affected();
        tx.commit().await.map_err(error)?;
    }
    // As autovacuum would soon: PostgreSQL plans by the table's statistics, and a table it
    // last saw empty gets plans for an empty table. (SQLite plans by its indexes alone.)
    if db.backend == db::Backend::Postgres {
        sqlx::query("analyze audit_event")
            .execute(pool)
            .await
            .map_err(error)?;
    }
    Ok(added as i64)
}
