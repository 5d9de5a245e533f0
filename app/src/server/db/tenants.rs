use crate::domain::{
    AdminRole, CountryCode, OrganizationSize, TenantAdmin, TenantDomain, TenantId, TenantProfile,
};
use sqlx::AnyPool;

pub struct NewTenant<'a> {
    pub name: &'a str,
    pub primary_domain: &'a TenantDomain,
    pub country: CountryCode,
    pub size: OrganizationSize,
}

pub async fn insert(
    pool: &AnyPool,
    tenant: NewTenant<'_>,
    now_ms: i64,
) -> Result<TenantId, sqlx::Error> {
    sqlx::query_scalar(
        "insert into tenant (name, primary_domain, country, organization_size, created_at)
         values ($1, $2, $3, $4, $5) returning tenant_id",
    )
    .bind(tenant.name)
    .bind(tenant.primary_domain.as_str())
    .bind(tenant.country.as_str())
    .bind(tenant.size.as_db())
    .bind(now_ms)
    .fetch_one(pool)
    .await
    .map(TenantId::new)
}

pub async fn find_by_domain(
    pool: &AnyPool,
    domain: &TenantDomain,
) -> Result<Option<TenantId>, sqlx::Error> {
    sqlx::query_scalar("select tenant_id from tenant where primary_domain = $1")
        .bind(domain.as_str())
        .fetch_optional(pool)
        .await
        .map(|id| id.map(TenantId::new))
}

pub async fn count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from tenant")
        .fetch_one(pool)
        .await
}

#[derive(sqlx::FromRow)]
struct TenantRow {
    name: String,
    primary_domain: String,
    country: String,
    organization_size: String,
}

/// The tenant as its own admins see it, with every member holding an admin role.
pub async fn find_profile(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Option<TenantProfile>, sqlx::Error> {
    let row: Option<TenantRow> = sqlx::query_as(
        "select name, primary_domain, country, organization_size from tenant where tenant_id = $1",
    )
    .bind(tenant_id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let role_rows: Vec<(String, String, String)> = sqlx::query_as(
        "select u.display_name, u.email, r.role
         from app_user u join user_admin_role r on r.user_id = u.user_id
         where u.tenant_id = $1 and u.disabled = 0
         order by u.display_name, u.email, r.role",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    let mut admins: Vec<TenantAdmin> = Vec::new();
    for (display_name, email, role) in role_rows {
        let Some(role) = AdminRole::from_db(&role) else {
            continue;
        };
        match admins.last_mut() {
            Some(admin) if admin.email == email => admin.roles.push(role),
            _ => admins.push(TenantAdmin {
                display_name,
                email,
                roles: vec![role],
            }),
        }
    }
    let (Ok(primary_domain), Ok(country), Ok(size)) = (
        TenantDomain::parse(&row.primary_domain),
        CountryCode::parse(&row.country),
        OrganizationSize::parse(&row.organization_size),
    ) else {
        tracing::error!(%tenant_id, "tenant row holds values the domain refuses");
        return Err(sqlx::Error::Decode("invalid tenant row".into()));
    };
    Ok(Some(TenantProfile {
        name: row.name,
        primary_domain,
        country,
        size,
        admins,
    }))
}
