use crate::domain::{
    AdminRole, EmailAddress, Language, Organization, PartnerId, SignedInUser, TenantId, UserId,
};
use sqlx::{AnyPool, FromRow};

/// What sign-in needs to know about an account. The hash never leaves the server.
pub struct Credentials {
    pub user_id: UserId,
    pub password_hash: String,
    pub disabled: bool,
    /// Set for a temporary password: when it stops working (0 once spent on a sign-in).
    pub temporary_until: Option<i64>,
}

pub async fn find_credentials(
    pool: &AnyPool,
    email: &EmailAddress,
) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "select user_id, password_hash, disabled, temporary_password_until
         from app_user where email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(
        |(id, password_hash, disabled, temporary_until)| Credentials {
            user_id: UserId::new(id),
            password_hash,
            disabled: disabled != 0,
            temporary_until,
        },
    ))
}

/// Spends a temporary password on the sign-in that used it: true when it was still good at
/// `now_ms` (of two sign-ins at once, only one gets it).
pub async fn spend_temporary_password(
    pool: &AnyPool,
    user_id: UserId,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let spent = sqlx::query(
        "update app_user set temporary_password_until = 0
         where user_id = $1 and temporary_password_until > $2",
    )
    .bind(user_id.get())
    .bind(now_ms)
    .execute(pool)
    .await?;
    Ok(spent.rows_affected() == 1)
}

/// The user's own new password. Every session signed in before `changed_at_ms` (a moment
/// of the sessions' clock) is over.
pub async fn change_password(
    pool: &AnyPool,
    user_id: UserId,
    password_hash: &str,
    changed_at_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update app_user set password_hash = $1, password_changed_at = $2,
                             temporary_password_until = null
         where user_id = $3",
    )
    .bind(password_hash)
    .bind(changed_at_ms)
    .bind(user_id.get())
    .execute(pool)
    .await
    .map(|_| ())
}

/// The language the user chose: their mail is written in it.
pub async fn set_language(
    pool: &AnyPool,
    user_id: UserId,
    language: Language,
) -> Result<(), sqlx::Error> {
    sqlx::query("update app_user set language = $1 where user_id = $2")
        .bind(language.tag())
        .bind(user_id.get())
        .execute(pool)
        .await
        .map(|_| ())
}

/// The language the user's browser showed them, kept only while they have none.
pub async fn set_language_if_unset(
    pool: &AnyPool,
    user_id: UserId,
    language: Language,
) -> Result<(), sqlx::Error> {
    sqlx::query("update app_user set language = $1 where user_id = $2 and language is null")
        .bind(language.tag())
        .bind(user_id.get())
        .execute(pool)
        .await
        .map(|_| ())
}

/// The language mail to `email` is written in: its user's, English for anyone else (a
/// partner's contact address, a user without one).
pub async fn mail_language(
    tx: &mut sqlx::AnyConnection,
    email: &str,
) -> Result<Language, sqlx::Error> {
    let stored: Option<Option<String>> =
        sqlx::query_scalar("select language from app_user where email = $1")
            .bind(email)
            .fetch_optional(tx)
            .await?;
    Ok(Language::from_stored(stored.flatten().as_deref()))
}

#[derive(FromRow)]
struct SignedInRow {
    user_id: i64,
    display_name: String,
    email: String,
    tenant_id: Option<i64>,
    partner_id: Option<i64>,
    organization_name: String,
    role: Option<String>,
    admin_agent: i64,
    temporary_password: i64,
}

/// The enabled user behind a session, with organization and roles; `None` once the account
/// is gone or disabled.
/// The user of a session signed in at `signed_in_at`; `None` once the account is disabled or
/// its password changed after that sign-in. One query (every page asks it): a row per admin
/// role, or one row without a role.
pub async fn find_signed_in(
    pool: &AnyPool,
    user_id: UserId,
    signed_in_at: i64,
) -> Result<Option<SignedInUser>, sqlx::Error> {
    let rows: Vec<SignedInRow> = sqlx::query_as(
        "select u.user_id, u.display_name, u.email, u.tenant_id, u.partner_id,
                coalesce(t.name, p.name) as organization_name, r.role,
                case when exists (select 1 from partner_admin_agent a where a.user_id = u.user_id)
                     then 1 else 0 end as admin_agent,
                case when u.temporary_password_until is null then 0 else 1 end
                     as temporary_password
         from app_user u
         left join tenant t on t.tenant_id = u.tenant_id
         left join partner p on p.partner_id = u.partner_id
         left join user_admin_role r on r.user_id = u.user_id
         where u.user_id = $1 and u.disabled = 0 and u.password_changed_at <= $2
         order by r.role",
    )
    .bind(user_id.get())
    .bind(signed_in_at)
    .fetch_all(pool)
    .await?;
    let roles = rows
        .iter()
        .filter_map(|row| row.role.as_deref())
        .map(|role| super::decoded("user_admin_role.role", role, AdminRole::from_db(role)))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    let organization = match (row.tenant_id, row.partner_id) {
        (Some(id), _) => Organization::Tenant {
            id: TenantId::new(id),
            name: row.organization_name,
        },
        (None, Some(id)) => Organization::Partner {
            id: PartnerId::new(id),
            name: row.organization_name,
        },
        (None, None) => return Ok(None),
    };
    let Ok(email) = EmailAddress::parse(&row.email) else {
        return Ok(None);
    };
    Ok(Some(SignedInUser {
        id: UserId::new(row.user_id),
        display_name: row.display_name,
        email,
        organization,
        roles,
        admin_agent: row.admin_agent == 1,
        password_change_required: row.temporary_password == 1,
    }))
}

pub struct NewUser<'a> {
    pub organization: NewUserOrganization,
    pub display_name: &'a str,
    pub email: &'a EmailAddress,
    pub password_hash: &'a str,
    pub roles: &'a [AdminRole],
}

#[derive(Clone, Copy)]
pub enum NewUserOrganization {
    Tenant(TenantId),
    Partner(PartnerId),
}

/// Inserts a user and their roles in one transaction. `Ok(None)` when the email is taken.
pub async fn insert(
    pool: &AnyPool,
    user: NewUser<'_>,
    now_ms: i64,
) -> Result<Option<UserId>, sqlx::Error> {
    let (tenant_id, partner_id) = match user.organization {
        NewUserOrganization::Tenant(id) => (Some(id.get()), None),
        NewUserOrganization::Partner(id) => (None, Some(id.get())),
    };
    let mut tx = super::begin_write(pool).await?;
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into app_user (tenant_id, partner_id, display_name, email, password_hash, disabled, created_at)
         values ($1, $2, $3, $4, $5, 0, $6)
         on conflict (email) do nothing
         returning user_id",
    )
    .bind(tenant_id)
    .bind(partner_id)
    .bind(user.display_name)
    .bind(user.email.as_str())
    .bind(user.password_hash)
    .bind(now_ms)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = inserted else {
        return Ok(None);
    };
    for role in user.roles {
        sqlx::query("insert into user_admin_role (user_id, role) values ($1, $2)")
            .bind(user_id)
            .bind(role.as_db())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(UserId::new(user_id)))
}

/// Where mail for a partner goes: its active agents, or its contact address when it has none.
pub async fn partner_recipients(
    tx: &mut sqlx::AnyConnection,
    partner_id: PartnerId,
) -> Result<Vec<String>, sqlx::Error> {
    let agents: Vec<String> = sqlx::query_scalar(
        "select email from app_user where partner_id = $1 and disabled = 0 order by email",
    )
    .bind(partner_id.get())
    .fetch_all(&mut *tx)
    .await?;
    if !agents.is_empty() {
        return Ok(agents);
    }
    sqlx::query_scalar("select contact_email from partner where partner_id = $1")
        .bind(partner_id.get())
        .fetch_all(&mut *tx)
        .await
}

/// Both sides of a partner relationship, for mail about it: the partner's recipients and the
/// tenant's admins who manage partner relationships.
pub async fn both_sides(
    tx: &mut sqlx::AnyConnection,
    partner_id: PartnerId,
    tenant_id: TenantId,
) -> Result<Vec<String>, sqlx::Error> {
    let mut recipients = partner_recipients(tx, partner_id).await?;
    recipients.extend(
        tenant_admin_emails(tx, tenant_id, &AdminRole::MANAGING_PARTNER_RELATIONSHIPS).await?,
    );
    Ok(recipients)
}

/// Who hears of an admin relationship's end date: the partner's active admin agents (its
/// recipients when it has none) and the tenant's admins who manage partner relationships.
pub async fn end_date_audience(
    tx: &mut sqlx::AnyConnection,
    partner_id: PartnerId,
    tenant_id: TenantId,
) -> Result<Vec<String>, sqlx::Error> {
    let mut recipients: Vec<String> = sqlx::query_scalar(
        "select u.email from app_user u join partner_admin_agent a on a.user_id = u.user_id
         where u.partner_id = $1 and u.disabled = 0 order by u.email",
    )
    .bind(partner_id.get())
    .fetch_all(&mut *tx)
    .await?;
    if recipients.is_empty() {
        recipients = partner_recipients(tx, partner_id).await?;
    }
    recipients.extend(
        tenant_admin_emails(tx, tenant_id, &AdminRole::MANAGING_PARTNER_RELATIONSHIPS).await?,
    );
    Ok(recipients)
}

/// The active members of a tenant holding one of `roles`.
pub async fn tenant_admin_emails(
    tx: &mut sqlx::AnyConnection,
    tenant_id: TenantId,
    roles: &[AdminRole],
) -> Result<Vec<String>, sqlx::Error> {
    let roles: Vec<&str> = roles.iter().map(|role| role.as_db()).collect();
    let emails: Vec<(String, String)> = sqlx::query_as(
        "select distinct u.email, r.role from app_user u
         join user_admin_role r on r.user_id = u.user_id
         where u.tenant_id = $1 and u.disabled = 0
         order by u.email",
    )
    .bind(tenant_id.get())
    .fetch_all(tx)
    .await?;
    let mut wanted: Vec<String> = emails
        .into_iter()
        .filter(|(_, role)| roles.contains(&role.as_str()))
        .map(|(email, _)| email)
        .collect();
    wanted.dedup();
    Ok(wanted)
}
