//! Users: the tenant's members, their passwords and their licenses.

use super::{Acting, ActingTransaction, TenantWriteError};
use crate::domain::AuditAction;
use crate::domain::{AdminRole, EmailAddress, TenantId, TenantUser, UserId};
use crate::server::mail;
use sqlx::{AnyConnection, AnyPool};

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
    rows.into_iter()
        .map(|(user_id, display_name, email, disabled)| {
            Ok(TenantUser {
                user_id: UserId::new(user_id),
                display_name,
                email,
                roles: roles
                    .iter()
                    .filter(|(id, _)| *id == user_id)
                    .map(|(_, role)| {
                        crate::server::db::decoded(
                            "user_admin_role.role",
                            role,
                            AdminRole::from_db(role),
                        )
                    })
                    .collect::<Result<_, _>>()?,
                disabled: disabled == 1,
                licenses: licenses
                    .iter()
                    .filter(|(id, _)| *id == user_id)
                    .map(|(_, name)| name.clone())
                    .collect(),
            })
        })
        .collect()
}

/// A password an admin sets for a member: its hash, and when it stops working (it also
/// works for one sign-in only, which must choose a new one).
pub struct TemporaryPasswordHash<'a> {
    pub hash: &'a str,
    pub until_ms: i64,
}

/// Adds a member without admin roles, with a temporary password; `None` when the email is
/// taken.
pub async fn create_user(
    pool: &AnyPool,
    acting: Acting,
    display_name: &str,
    email: &EmailAddress,
    password: TemporaryPasswordHash<'_>,
    now_ms: i64,
) -> Result<Option<UserId>, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let user_id: Option<i64> = sqlx::query_scalar(
        "insert into app_user (tenant_id, display_name, email, password_hash,
                               temporary_password_until, disabled, created_at)
         values ($1, $2, $3, $4, $5, 0, $6)
         on conflict (email) do nothing
         returning user_id",
    )
    .bind(acting.tenant_id.get())
    .bind(display_name)
    .bind(email.as_str())
    .bind(password.hash)
    .bind(password.until_ms)
    .bind(now_ms)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    acting
        .record(
            &mut tx,
            AuditAction::UserCreated,
            format!("user:{user_id} ({email})"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Some(UserId::new(user_id)))
}

/// Why a member's account was left as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRefusal {
    NotFound,
    /// The member holds an admin role, and only the tenant's own Global admins reset an
    /// admin's password or disable an admin (`TenantActor::manages_admin_accounts`).
    TargetIsAdmin,
}

/// Whether the member exists in the acting tenant and holds an admin role.
async fn member_is_admin(
    tx: &mut AnyConnection,
    tenant_id: TenantId,
    user_id: UserId,
) -> Result<Option<(String, bool)>, sqlx::Error> {
    let target: Option<(String, i64)> = sqlx::query_as(
        "select u.email, (select count(*) from user_admin_role r where r.user_id = u.user_id)
         from app_user u where u.user_id = $1 and u.tenant_id = $2",
    )
    .bind(user_id.get())
    .bind(tenant_id.get())
    .fetch_optional(tx)
    .await?;
    Ok(target.map(|(email, admin_roles)| (email, admin_roles > 0)))
}

/// Disables a member and ends their sessions' use (sign-in and every guard refuse disabled
/// accounts). An admin is refused unless the actor, as of this transaction, manages admin
/// accounts.
pub async fn disable_user(
    pool: &AnyPool,
    acting: Acting,
    user_id: UserId,
    now_ms: i64,
) -> Result<Result<(), AccountRefusal>, TenantWriteError> {
    let ActingTransaction { mut tx, actor } = acting.begin(pool).await?;
    match member_is_admin(&mut tx, acting.tenant_id, user_id).await? {
        None => return Ok(Err(AccountRefusal::NotFound)),
        Some((_, true)) if !actor.manages_admin_accounts() => {
            return Ok(Err(AccountRefusal::TargetIsAdmin))
        }
        Some(_) => {}
    }
    sqlx::query("update app_user set disabled = 1 where user_id = $1 and tenant_id = $2")
        .bind(user_id.get())
        .bind(acting.tenant_id.get())
        .execute(&mut *tx)
        .await?;
    acting
        .record(
            &mut tx,
            AuditAction::UserDisabled,
            format!("user:{user_id}"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Gives a member a temporary password, ends their sessions (those signed in before
/// `sessions_end_ms`, a moment of the sessions' clock) and mails them who did it; the
/// member's email. A member holding any admin role is refused unless the actor, as of this
/// transaction, manages admin accounts (`TenantActor::manages_admin_accounts`): a partner
/// never resets an admin's password.
pub async fn set_password(
    pool: &AnyPool,
    acting: Acting,
    user_id: UserId,
    password: TemporaryPasswordHash<'_>,
    sessions_end_ms: i64,
    now_ms: i64,
) -> Result<Result<String, AccountRefusal>, TenantWriteError> {
    let ActingTransaction { mut tx, actor } = acting.begin(pool).await?;
    let email = match member_is_admin(&mut tx, acting.tenant_id, user_id).await? {
        None => return Ok(Err(AccountRefusal::NotFound)),
        Some((_, true)) if !actor.manages_admin_accounts() => {
            return Ok(Err(AccountRefusal::TargetIsAdmin))
        }
        Some((email, _)) => email,
    };
    sqlx::query(
        "update app_user set password_hash = $1, temporary_password_until = $2,
                             password_changed_at = $3
         where user_id = $4",
    )
    .bind(password.hash)
    .bind(password.until_ms)
    .bind(sessions_end_ms)
    .bind(user_id.get())
    .execute(&mut *tx)
    .await?;
    let (tenant_name, by, partner_name): (String, String, Option<String>) = sqlx::query_as(
        "select (select name from tenant where tenant_id = $1),
                (select display_name from app_user where user_id = $2),
                (select name from partner where partner_id = $3)",
    )
    .bind(acting.tenant_id.get())
    .bind(acting.user_id.get())
    .bind(acting.partner_id.map(|id| id.get()))
    .fetch_one(&mut *tx)
    .await?;
    let notice = mail::password_reset(&mail::PasswordReset {
        tenant_name: &tenant_name,
        email: &email,
        by: &by,
        partner_name: partner_name.as_deref(),
        at_ms: now_ms,
        expires_at_ms: password.until_ms,
    });
    crate::server::db::outbox::queue_each(&mut tx, std::slice::from_ref(&email), &notice, now_ms)
        .await?;
    acting
        .record(
            &mut tx,
            AuditAction::UserPasswordReset,
            format!("user:{user_id} ({email})"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Ok(email))
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
            AuditAction::LicenseAssigned,
            format!("subscription:{subscription_id} → user:{user_id}"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}
