//! The tenant administration: users and licenses, subscriptions, support incidents,
//! line-of-business apps and the partner settings. Every change is one transaction with its
//! audit event, naming the actor and, for a partner's agent, the partner.

use super::audit::{self, AuditEvent};
use super::begin_write;
use crate::domain::{
    AdminRole, EmailAddress, Incident, IncidentComment, IncidentStatus, LobApp, LobAppStatus,
    PartnerId, Power, PowerRefusal, Product, Subscription, TenantActor, TenantId, TenantUser,
    UserId,
};
use sqlx::{AnyConnection, AnyPool};

/// Who changes the tenant: a member, or an agent acting for a partner, with the power the
/// guard found them holding.
#[derive(Debug, Clone, Copy)]
pub struct Acting {
    pub tenant_id: TenantId,
    pub user_id: UserId,
    pub partner_id: Option<PartnerId>,
    pub power: Power,
}

/// Why a change to a tenant was not written.
#[derive(Debug, thiserror::Error)]
pub enum TenantWriteError {
    /// Between the guard and the write the actor lost the power (Remove roles, End
    /// relationship, a disabled account, a new Customer Agreement).
    #[error("power {power:?} no longer held: {refusal:?}")]
    Refused { power: Power, refusal: PowerRefusal },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A write transaction whose actor still held the power when it began.
pub struct ActingTransaction {
    pub tx: sqlx::Transaction<'static, sqlx::Any>,
    /// What the actor is in the tenant, as of this transaction.
    pub actor: TenantActor,
}

impl Acting {
    /// Begins the write transaction and decides inside it whether the actor still holds
    /// the power. A partner's relationship row is locked first (PostgreSQL; SQLite's write
    /// transaction already excludes every other writer), so Remove roles either commits
    /// before this check sees it or waits until this change is committed.
    pub async fn begin(&self, pool: &AnyPool) -> Result<ActingTransaction, TenantWriteError> {
        let mut tx = begin_write(pool).await?;
        let actor = match self.partner_id {
            Some(partner_id) => {
                super::relationships::partner_actor(&mut tx, self.tenant_id, partner_id, true)
                    .await?
            }
            None => member_actor(&mut tx, self.tenant_id, self.user_id).await?,
        };
        let refusal = match &actor {
            None => Some(PowerRefusal::NotGranted),
            Some(actor) => actor.check(self.power).err(),
        };
        match (actor, refusal) {
            (Some(actor), None) => Ok(ActingTransaction { tx, actor }),
            (_, refusal) => {
                let refusal = refusal.unwrap_or(PowerRefusal::NotGranted);
                tracing::warn!(acting = ?self, ?refusal, "refused inside the write: power lost since the guard");
                Err(TenantWriteError::Refused {
                    power: self.power,
                    refusal,
                })
            }
        }
    }

    async fn record(
        &self,
        tx: &mut AnyConnection,
        action: &'static str,
        target: String,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        audit::record(
            tx,
            AuditEvent {
                tenant_id: Some(self.tenant_id),
                actor: Some(self.user_id),
                partner_id: self.partner_id,
                action,
                target,
            },
            now_ms,
        )
        .await
    }
}

/// A member of the tenant by their roles now; `None` when disabled or gone.
async fn member_actor(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    user_id: UserId,
) -> Result<Option<TenantActor>, sqlx::Error> {
    let rows: Vec<Option<String>> = sqlx::query_scalar(
        "select r.role from app_user u
         left join user_admin_role r on r.user_id = u.user_id
         where u.user_id = $1 and u.tenant_id = $2 and u.disabled = 0",
    )
    .bind(user_id.get())
    .bind(tenant_id.get())
    .fetch_all(&mut *tx)
    .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let roles = rows
        .iter()
        .flatten()
        .map(|role| {
            AdminRole::from_db(role).ok_or_else(|| undecodable("user_admin_role.role", role))
        })
        .collect::<Result<_, _>>()?;
    Ok(Some(TenantActor::Member { roles }))
}

/// A stored value the domain doesn't know: a decode error, not a silently skipped row.
pub(super) fn undecodable(column: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("{column}: unknown value {value:?}").into())
}

pub async fn tenant_name_and_settings(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Option<(String, bool)>, sqlx::Error> {
    let row: Option<(String, i64)> =
        sqlx::query_as("select name, mpsa_purchases_shared from tenant where tenant_id = $1")
            .bind(tenant_id.get())
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(name, shared)| (name, shared == 1)))
}

/// Every member of the tenant with roles and licenses, by name.
pub async fn list_users(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<TenantUser>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "select user_id, display_name, email, disabled from app_user
         where tenant_id = $1 order by display_name, email",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    let roles: Vec<(i64, String)> = sqlx::query_as(
        "select r.user_id, r.role from user_admin_role r join app_user u on u.user_id = r.user_id
         where u.tenant_id = $1 order by r.role",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    let licenses: Vec<(i64, String)> = sqlx::query_as(
        "select l.user_id, p.name from license_assignment l
         join subscription s on s.subscription_id = l.subscription_id
         join product p on p.product_id = s.product_id
         where s.tenant_id = $1 order by p.name",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, display_name, email, disabled)| TenantUser {
            user_id: UserId::new(user_id),
            display_name,
            email,
            roles: roles
                .iter()
                .filter(|(id, _)| *id == user_id)
                .filter_map(|(_, role)| AdminRole::from_db(role))
                .collect(),
            disabled: disabled == 1,
            licenses: licenses
                .iter()
                .filter(|(id, _)| *id == user_id)
                .map(|(_, name)| name.clone())
                .collect(),
        })
        .collect())
}

/// Adds a member without admin roles; `None` when the email is taken.
pub async fn create_user(
    pool: &AnyPool,
    acting: Acting,
    display_name: &str,
    email: &EmailAddress,
    password_hash: &str,
    now_ms: i64,
) -> Result<Option<UserId>, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let user_id: Option<i64> = sqlx::query_scalar(
        "insert into app_user (tenant_id, display_name, email, password_hash, disabled, created_at)
         values ($1, $2, $3, $4, 0, $5)
         on conflict (email) do nothing
         returning user_id",
    )
    .bind(acting.tenant_id.get())
    .bind(display_name)
    .bind(email.as_str())
    .bind(password_hash)
    .bind(now_ms)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    acting
        .record(
            &mut tx,
            "user.created",
            format!("user:{user_id} ({email})"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Some(UserId::new(user_id)))
}

/// Disables a member and ends their sessions' use (sign-in and every guard refuse disabled
/// accounts); `false` when no such member.
pub async fn disable_user(
    pool: &AnyPool,
    acting: Acting,
    user_id: UserId,
    now_ms: i64,
) -> Result<bool, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let updated =
        sqlx::query("update app_user set disabled = 1 where user_id = $1 and tenant_id = $2")
            .bind(user_id.get())
            .bind(acting.tenant_id.get())
            .execute(&mut *tx)
            .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    acting
        .record(&mut tx, "user.disabled", format!("user:{user_id}"), now_ms)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Why a password was not reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetRefusal {
    NotFound,
    /// The member holds an admin role, and only a Global admin resets an admin's password.
    TargetIsAdmin,
}

/// Replaces a member's password and ends their sessions; the member's email. A member
/// holding any admin role is refused unless the actor, as of this transaction, may reset
/// admins' passwords (`TenantActor::resets_admin_passwords`).
pub async fn set_password(
    pool: &AnyPool,
    acting: Acting,
    user_id: UserId,
    password_hash: &str,
    now_ms: i64,
) -> Result<Result<String, ResetRefusal>, TenantWriteError> {
    let ActingTransaction { mut tx, actor } = acting.begin(pool).await?;
    let target: Option<(String, i64)> = sqlx::query_as(
        "select u.email, (select count(*) from user_admin_role r where r.user_id = u.user_id)
         from app_user u where u.user_id = $1 and u.tenant_id = $2",
    )
    .bind(user_id.get())
    .bind(acting.tenant_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((email, admin_roles)) = target else {
        return Ok(Err(ResetRefusal::NotFound));
    };
    if admin_roles > 0 && !actor.resets_admin_passwords() {
        return Ok(Err(ResetRefusal::TargetIsAdmin));
    }
    sqlx::query(
        "update app_user set password_hash = $1, password_changed_at = $2 where user_id = $3",
    )
    .bind(password_hash)
    .bind(now_ms)
    .bind(user_id.get())
    .execute(&mut *tx)
    .await?;
    acting
        .record(
            &mut tx,
            "user.password_reset",
            format!("user:{user_id} ({email})"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Ok(email))
}

pub async fn products(pool: &AnyPool) -> Result<Vec<Product>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("select product_id, name from product order by name")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(product_id, name)| Product { product_id, name })
        .collect())
}

#[derive(sqlx::FromRow)]
struct SubscriptionRow {
    subscription_id: i64,
    product_name: String,
    seats: i64,
    assigned: i64,
    purchased_at: i64,
    purchased_by: String,
    partner_name: Option<String>,
}

/// Whose purchases a subscriptions list shows.
#[derive(Debug, Clone, Copy)]
pub enum Purchases {
    All,
    Through(PartnerId),
    /// Those bought through any partner that is an MPSA partner of the tenant now.
    ThroughMpsaPartners,
}

/// The tenant's subscriptions, newest first, of `purchases`.
pub async fn list_subscriptions(
    pool: &AnyPool,
    tenant_id: TenantId,
    purchases: Purchases,
) -> Result<Vec<Subscription>, sqlx::Error> {
    let (scope, partner) = match purchases {
        Purchases::All => (0, 0),
        Purchases::Through(partner) => (1, partner.get()),
        Purchases::ThroughMpsaPartners => (2, 0),
    };
    let rows: Vec<SubscriptionRow> = sqlx::query_as(
        "select s.subscription_id, p.name as product_name, s.seats,
                (select count(*) from license_assignment l where l.subscription_id = s.subscription_id) as assigned,
                s.purchased_at, u.display_name as purchased_by, pa.name as partner_name
         from subscription s
         join product p on p.product_id = s.product_id
         join app_user u on u.user_id = s.purchased_by_user_id
         left join partner pa on pa.partner_id = s.partner_id
         where s.tenant_id = $1
           and ($2 = 0
                or ($2 = 1 and s.partner_id = $3)
                or ($2 = 2 and s.partner_id in (
                    select r.partner_id from relationship r
                    where r.tenant_id = s.tenant_id and r.ended_at is null and (r.types & $4) <> 0)))
         order by s.purchased_at desc, s.subscription_id desc",
    )
    .bind(tenant_id.get())
    .bind(scope)
    .bind(partner)
    .bind(crate::domain::RelationshipType::MpsaPartner.bit())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Subscription {
            subscription_id: row.subscription_id,
            product_name: row.product_name,
            seats: row.seats,
            assigned: row.assigned,
            purchased_at_ms: row.purchased_at,
            purchased_by: row.purchased_by,
            partner_name: row.partner_name,
        })
        .collect())
}

/// Buys `seats` of a product for the tenant; `None` for an unknown product.
pub async fn place_order(
    pool: &AnyPool,
    acting: Acting,
    product_id: &str,
    seats: i64,
    now_ms: i64,
) -> Result<Option<i64>, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let known: Option<String> =
        sqlx::query_scalar("select name from product where product_id = $1")
            .bind(product_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(product) = known else {
        return Ok(None);
    };
    let subscription_id: i64 = sqlx::query_scalar(
        "insert into subscription (tenant_id, product_id, seats, purchased_at, purchased_by_user_id, partner_id)
         values ($1, $2, $3, $4, $5, $6) returning subscription_id",
    )
    .bind(acting.tenant_id.get())
    .bind(product_id)
    .bind(seats)
    .bind(now_ms)
    .bind(acting.user_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .fetch_one(&mut *tx)
    .await?;
    acting
        .record(
            &mut tx,
            "subscription.ordered",
            format!("subscription:{subscription_id} ({seats} × {product})"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Some(subscription_id))
}

/// Why a license could not be assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenseRefusal {
    NotFound,
    NoSeatLeft,
}

/// Gives a member a seat of a subscription (again is harmless).
pub async fn assign_license(
    pool: &AnyPool,
    acting: Acting,
    subscription_id: i64,
    user_id: UserId,
    now_ms: i64,
) -> Result<Result<(), LicenseRefusal>, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    // A no-op update locks the subscription (PostgreSQL), so two assignments can't both
    // take the last seat.
    let seats: Option<i64> = sqlx::query_scalar(
        "update subscription set seats = seats where subscription_id = $1 and tenant_id = $2 returning seats",
    )
    .bind(subscription_id)
    .bind(acting.tenant_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let member: Option<i64> = sqlx::query_scalar(
        "select user_id from app_user where user_id = $1 and tenant_id = $2 and disabled = 0",
    )
    .bind(user_id.get())
    .bind(acting.tenant_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let (Some(seats), Some(_)) = (seats, member) else {
        return Ok(Err(LicenseRefusal::NotFound));
    };
    let holders: Vec<i64> =
        sqlx::query_scalar("select user_id from license_assignment where subscription_id = $1")
            .bind(subscription_id)
            .fetch_all(&mut *tx)
            .await?;
    if holders.contains(&user_id.get()) {
        return Ok(Ok(()));
    }
    if holders.len() as i64 >= seats {
        return Ok(Err(LicenseRefusal::NoSeatLeft));
    }
    sqlx::query(
        "insert into license_assignment (subscription_id, user_id, assigned_at) values ($1, $2, $3)",
    )
    .bind(subscription_id)
    .bind(user_id.get())
    .bind(now_ms)
    .execute(&mut *tx)
    .await?;
    acting
        .record(
            &mut tx,
            "license.assigned",
            format!("subscription:{subscription_id} → user:{user_id}"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

pub async fn list_incidents(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<Incident>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, Option<String>, i64)> = sqlx::query_as(
        "select i.incident_id, i.title, i.status, u.display_name, p.name, i.opened_at
         from support_incident i
         join app_user u on u.user_id = i.opened_by_user_id
         left join partner p on p.partner_id = i.partner_id
         where i.tenant_id = $1
         order by i.opened_at desc, i.incident_id desc limit 200",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    let comments: Vec<(i64, String, Option<String>, String, i64)> = sqlx::query_as(
        "select c.incident_id, u.display_name, p.name, c.body, c.created_at
         from incident_comment c
         join support_incident i on i.incident_id = c.incident_id
         join app_user u on u.user_id = c.author_user_id
         left join partner p on p.partner_id = c.partner_id
         where i.tenant_id = $1 order by c.created_at, c.comment_id",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(incident_id, title, status, opened_by, partner_name, opened_at_ms)| Incident {
                incident_id,
                title,
                status: if status == "closed" {
                    IncidentStatus::Closed
                } else {
                    IncidentStatus::Open
                },
                opened_by,
                partner_name,
                opened_at_ms,
                comments: comments
                    .iter()
                    .filter(|(id, ..)| *id == incident_id)
                    .map(
                        |(_, author, partner_name, body, created_at_ms)| IncidentComment {
                            author: author.clone(),
                            partner_name: partner_name.clone(),
                            body: body.clone(),
                            created_at_ms: *created_at_ms,
                        },
                    )
                    .collect(),
            },
        )
        .collect())
}

/// Opens an incident with its first comment.
pub async fn open_incident(
    pool: &AnyPool,
    acting: Acting,
    title: &str,
    description: &str,
    now_ms: i64,
) -> Result<i64, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let incident_id: i64 = sqlx::query_scalar(
        "insert into support_incident (tenant_id, title, status, opened_by_user_id, partner_id, opened_at)
         values ($1, $2, 'open', $3, $4, $5) returning incident_id",
    )
    .bind(acting.tenant_id.get())
    .bind(title)
    .bind(acting.user_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    add_comment(&mut tx, acting, incident_id, description, now_ms).await?;
    acting
        .record(
            &mut tx,
            "incident.opened",
            format!("incident:{incident_id}"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(incident_id)
}

async fn add_comment(
    tx: &mut AnyConnection,
    acting: Acting,
    incident_id: i64,
    body: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into incident_comment (incident_id, author_user_id, partner_id, body, created_at)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(incident_id)
    .bind(acting.user_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .bind(body)
    .bind(now_ms)
    .execute(tx)
    .await
    .map(|_| ())
}

/// Comments on an open incident of the tenant, and closes it when asked; `false` when there
/// is no such open incident.
pub async fn update_incident(
    pool: &AnyPool,
    acting: Acting,
    incident_id: i64,
    comment: Option<&str>,
    close: bool,
    now_ms: i64,
) -> Result<bool, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let open: Option<i64> = sqlx::query_scalar(
        "select incident_id from support_incident where incident_id = $1 and tenant_id = $2 and status = 'open'",
    )
    .bind(incident_id)
    .bind(acting.tenant_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    if open.is_none() {
        return Ok(false);
    }
    if let Some(comment) = comment {
        add_comment(&mut tx, acting, incident_id, comment, now_ms).await?;
        acting
            .record(
                &mut tx,
                "incident.commented",
                format!("incident:{incident_id}"),
                now_ms,
            )
            .await?;
    }
    if close {
        sqlx::query(
            "update support_incident set status = 'closed', closed_at = $1 where incident_id = $2",
        )
        .bind(now_ms)
        .bind(incident_id)
        .execute(&mut *tx)
        .await?;
        acting
            .record(
                &mut tx,
                "incident.closed",
                format!("incident:{incident_id}"),
                now_ms,
            )
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

pub async fn list_lob_apps(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<LobApp>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, Option<String>, i64)> = sqlx::query_as(
        "select a.lob_app_id, a.name, a.version, a.status, p.name, a.updated_at
         from lob_app a left join partner p on p.partner_id = a.partner_id
         where a.tenant_id = $1 order by a.name",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(lob_app_id, name, version, status, partner_name, updated_at_ms)| {
                Some(LobApp {
                    lob_app_id,
                    name,
                    version,
                    status: LobAppStatus::from_db(&status)?,
                    partner_name,
                    updated_at_ms,
                })
            },
        )
        .collect())
}

/// Submits an app, or a new version of one the same submitter (the partner, or the tenant's
/// own admins) submitted before; back to Submitted either way.
pub async fn submit_lob_app(
    pool: &AnyPool,
    acting: Acting,
    name: &str,
    version: &str,
    now_ms: i64,
) -> Result<i64, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let lob_app_id: i64 = sqlx::query_scalar(
        "insert into lob_app (tenant_id, partner_id, name, version, status, created_at, updated_at)
         values ($1, $2, $3, $4, 'submitted', $5, $5)
         on conflict (tenant_id, coalesce(partner_id, 0), name) do update
             set version = excluded.version, status = 'submitted', updated_at = excluded.updated_at
         returning lob_app_id",
    )
    .bind(acting.tenant_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .bind(name)
    .bind(version)
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    acting
        .record(
            &mut tx,
            "lob_app.submitted",
            format!("lob-app:{lob_app_id} ({name} {version})"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(lob_app_id)
}

/// `false` when the tenant has no such app, or, for a partner, the app is another
/// submitter's (a partner publishes and retires only its own apps).
pub async fn set_lob_app_status(
    pool: &AnyPool,
    acting: Acting,
    lob_app_id: i64,
    status: LobAppStatus,
    now_ms: i64,
) -> Result<bool, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let updated = sqlx::query(
        "update lob_app set status = $1, updated_at = $2
         where lob_app_id = $3 and tenant_id = $4 and ($5 is null or partner_id = $5)",
    )
    .bind(status.as_db())
    .bind(now_ms)
    .bind(lob_app_id)
    .bind(acting.tenant_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    acting
        .record(
            &mut tx,
            "lob_app.status_changed",
            format!("lob-app:{lob_app_id} ({})", status.as_db()),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn set_mpsa_sharing(
    pool: &AnyPool,
    acting: Acting,
    shared: bool,
    now_ms: i64,
) -> Result<(), TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    sqlx::query("update tenant set mpsa_purchases_shared = $1 where tenant_id = $2")
        .bind(i64::from(shared))
        .bind(acting.tenant_id.get())
        .execute(&mut *tx)
        .await?;
    acting
        .record(
            &mut tx,
            "setting.mpsa_purchases_shared",
            format!("tenant:{} ({shared})", acting.tenant_id),
            now_ms,
        )
        .await?;
    Ok(tx.commit().await?)
}

/// Why a partner account could not be named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRefusal {
    NoSuchPartner,
    NoSuchMember,
}

/// Names the member account a partner works through in the tenant.
pub async fn set_partner_account(
    pool: &AnyPool,
    acting: Acting,
    partner_id: PartnerId,
    email: &EmailAddress,
    now_ms: i64,
) -> Result<Result<(), AccountRefusal>, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let member: Option<i64> = sqlx::query_scalar(
        "select user_id from app_user where email = $1 and tenant_id = $2 and disabled = 0",
    )
    .bind(email.as_str())
    .bind(acting.tenant_id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(member) = member else {
        return Ok(Err(AccountRefusal::NoSuchMember));
    };
    let updated = sqlx::query(
        "update relationship set partner_account_user_id = $1
         where tenant_id = $2 and partner_id = $3 and ended_at is null",
    )
    .bind(member)
    .bind(acting.tenant_id.get())
    .bind(partner_id.get())
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(Err(AccountRefusal::NoSuchPartner));
    }
    acting
        .record(
            &mut tx,
            "partner.account_named",
            format!("partner:{partner_id} → user:{member}"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// The account the partner works through in the tenant, if the customer named one.
pub async fn partner_account(
    pool: &AnyPool,
    tenant_id: TenantId,
    partner_id: PartnerId,
) -> Result<Option<String>, sqlx::Error> {
    let email: Option<Option<String>> = sqlx::query_scalar(
        "select u.email from relationship r left join app_user u on u.user_id = r.partner_account_user_id
         where r.tenant_id = $1 and r.partner_id = $2 and r.ended_at is null",
    )
    .bind(tenant_id.get())
    .bind(partner_id.get())
    .fetch_optional(pool)
    .await?;
    Ok(email.flatten())
}
