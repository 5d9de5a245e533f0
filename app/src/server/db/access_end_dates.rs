//! The end dates of admin relationships, kept by a job every server process runs: a reminder
//! 30, 7 and 1 days before the end, a notice at the end, and at the end of a relationship that
//! extends itself the move of its end date by 180 days. Each notice is written with its mail
//! in one transaction, keyed by relationship, notice and end date, so however many processes
//! run the job each is sent once. Access itself never waits for this job: every request
//! compares the end date with the clock (`admin_access::held_roles`).

use super::audit::{self, AuditEvent};
use crate::domain::AuditAction;
use crate::domain::{PartnerId, TenantId, AUTO_EXTEND_DAYS, DAY_MS};
use crate::server::mail::OutgoingEmail;
use sqlx::{AnyConnection, AnyPool, FromRow};

/// What a notice tells both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The end is this many days away (30, 7 or 1) or nearer.
    EndsIn(i64),
    /// The end date has passed: the roles have ended.
    Ended,
    /// The end date was moved by [`AUTO_EXTEND_DAYS`].
    Extended,
}

/// Days before the end when both sides are reminded, farthest first.
pub const REMINDER_DAYS: [i64; 3] = [30, 7, 1];

impl Notice {
    fn as_db(self) -> &'static str {
        match self {
            Notice::EndsIn(30) => "30_days",
            Notice::EndsIn(7) => "7_days",
            Notice::EndsIn(_) => "1_day",
            Notice::Ended => "ended",
            Notice::Extended => "extended",
        }
    }

    /// The notice due for a relationship ending at `ends_at_ms`, at `now_ms`: the nearest
    /// reminder reached (a relationship of five days gets the 7-day one only), or the end.
    pub fn due(ends_at_ms: i64, auto_extend: bool, now_ms: i64) -> Option<Self> {
        if ends_at_ms <= now_ms {
            return Some(if auto_extend {
                Notice::Extended
            } else {
                Notice::Ended
            });
        }
        REMINDER_DAYS
            .into_iter()
            .rev()
            .find(|days| ends_at_ms - now_ms <= days * DAY_MS)
            .map(Notice::EndsIn)
    }
}

/// A notice about one admin relationship, as its mail tells it.
pub struct AccessNotice<'a> {
    pub tenant_name: &'a str,
    pub partner_name: &'a str,
    pub relationship_name: &'a str,
    pub notice: Notice,
    /// The end date (after an extension, the new one).
    pub ends_at_ms: i64,
}

#[derive(FromRow)]
struct DueRow {
    admin_relationship_id: i64,
    tenant_id: i64,
    partner_id: i64,
    name: String,
    ends_at: i64,
    auto_extend: i64,
    tenant_name: String,
    partner_name: String,
}

/// Sends every notice due at `now_ms` (`compose` words each); the number sent.
pub async fn send_due(
    pool: &AnyPool,
    compose: impl Fn(&AccessNotice<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let horizon = now_ms + REMINDER_DAYS[0] * DAY_MS;
    let due: Vec<DueRow> = sqlx::query_as(
        "select ar.admin_relationship_id, ar.tenant_id, ar.partner_id, ar.name, ar.ends_at,
                ar.auto_extend, t.name as tenant_name, p.name as partner_name
         from admin_relationship ar
         join tenant t on t.tenant_id = ar.tenant_id
         join partner p on p.partner_id = ar.partner_id
         where ar.status = 'active' and ar.ends_at <= $1
           and not exists (select 1 from admin_relationship_notice n
                           where n.admin_relationship_id = ar.admin_relationship_id
                             and n.ends_at = ar.ends_at and n.notice = 'ended')
         order by ar.ends_at
         limit 500",
    )
    .bind(horizon)
    .fetch_all(pool)
    .await?;
    // Those already sent for the current end dates, read once: most runs send nothing.
    let sent_before: std::collections::HashSet<(i64, String)> = sqlx::query_as(
        "select n.admin_relationship_id, n.notice from admin_relationship_notice n
         join admin_relationship ar on ar.admin_relationship_id = n.admin_relationship_id
         where ar.status = 'active' and ar.ends_at <= $1 and n.ends_at = ar.ends_at",
    )
    .bind(horizon)
    .fetch_all(pool)
    .await?
    .into_iter()
    .collect();
    let mut sent = 0;
    for row in due {
        let Some(notice) = Notice::due(row.ends_at, row.auto_extend == 1, now_ms) else {
            continue;
        };
        if sent_before.contains(&(row.admin_relationship_id, notice.as_db().to_owned())) {
            continue;
        }
        let mut tx = super::begin_write(pool).await?;
        if !claim(
            &mut tx,
            row.admin_relationship_id,
            notice,
            row.ends_at,
            now_ms,
        )
        .await?
        {
            continue;
        }
        let tenant_id = TenantId::new(row.tenant_id);
        let partner_id = PartnerId::new(row.partner_id);
        let ends_at_ms = match notice {
            Notice::Extended => {
                let Some(extended) = extend(&mut tx, &row, now_ms).await? else {
                    continue;
                };
                extended
            }
            _ => row.ends_at,
        };
        if let Some(action) = match notice {
            Notice::Extended => Some(AuditAction::AccessExtended),
            Notice::Ended => Some(AuditAction::AccessExpired),
            Notice::EndsIn(_) => None,
        } {
            audit::record(
                &mut tx,
                AuditEvent {
                    tenant_id: Some(tenant_id),
                    actor: None,
                    partner_id: Some(partner_id),
                    action,
                    target: format!("admin-relationship:{}", row.admin_relationship_id),
                },
                now_ms,
            )
            .await?;
        }
        let email = compose(&AccessNotice {
            tenant_name: &row.tenant_name,
            partner_name: &row.partner_name,
            relationship_name: &row.name,
            notice,
            ends_at_ms,
        });
        let recipients = super::users::end_date_audience(&mut tx, partner_id, tenant_id).await?;
        super::outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// Records that `notice` about the end date `ends_at_ms` is being sent; `false` when another
/// process (or an earlier run) already did.
async fn claim(
    tx: &mut AnyConnection,
    admin_relationship_id: i64,
    notice: Notice,
    ends_at_ms: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "insert into admin_relationship_notice (admin_relationship_id, notice, ends_at, sent_at)
         values ($1, $2, $3, $4)
         on conflict (admin_relationship_id, notice, ends_at) do nothing",
    )
    .bind(admin_relationship_id)
    .bind(notice.as_db())
    .bind(ends_at_ms)
    .bind(now_ms)
    .execute(tx)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// Moves the end date by [`AUTO_EXTEND_DAYS`] (as many times as it takes to pass `now_ms`, for
/// a server that was down); the new end date, `None` when the relationship changed meanwhile.
async fn extend(
    tx: &mut AnyConnection,
    row: &DueRow,
    now_ms: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let step = AUTO_EXTEND_DAYS * DAY_MS;
    let steps = (now_ms - row.ends_at) / step + 1;
    let extended = row.ends_at + steps * step;
    let moved = sqlx::query(
        "update admin_relationship set ends_at = $1
         where admin_relationship_id = $2 and ends_at = $3 and status = 'active'
           and auto_extend = 1",
    )
    .bind(extended)
    .bind(row.admin_relationship_id)
    .bind(row.ends_at)
    .execute(tx)
    .await?;
    Ok((moved.rows_affected() == 1).then_some(extended))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_reminder_reached_is_due() {
        let now = 1_000 * DAY_MS;
        let due = |days_left: i64| Notice::due(now + days_left * DAY_MS, false, now);
        assert_eq!(due(31), None);
        assert_eq!(due(30), Some(Notice::EndsIn(30)));
        assert_eq!(due(8), Some(Notice::EndsIn(30)));
        assert_eq!(due(7), Some(Notice::EndsIn(7)));
        assert_eq!(due(1), Some(Notice::EndsIn(1)));
        assert_eq!(due(0), Some(Notice::Ended));
        assert_eq!(Notice::due(now, true, now), Some(Notice::Extended));
    }
}
