//! Many customers for one partner, for the Customers page's benchmark (`server seed-customers`):
//! each a tenant with its Global admin, related to the partner as Delegated administrator
//! with three admin relationships (the type's own, a helpdesk one and a security review)
//! held by every team of the partner.

use app::domain::{
    AccessRequest, AdminRole, CountryCode, DelegatedRole, EmailAddress, OrganizationSize,
    PartnerId, RelationshipType, TenantDomain,
};
use app::server::db::{self, tenants::NewTenant, users, Db};

/// Adds `count` customers of `partner`, numbered after those a previous run added; how many
/// were added.
pub async fn seed(db: &Db, partner: PartnerId, count: usize) -> Result<usize, String> {
    let pool = &db.pool;
    let error = |e: sqlx::Error| e.to_string();
    let first: i64 = sqlx::query_scalar(
        "select count(*) from tenant where primary_domain like 'customer-%.example'",
    )
    .fetch_one(pool)
    .await
    .map_err(error)?;
    let sizes = ["1-10", "11-50", "51-250", "251-1000", "1001-5000", "5000+"];
    let now = db::now_ms();
    for n in first..first + count as i64 {
        let domain = TenantDomain::parse(&format!("customer-{n:05}.example"))
            .map_err(|_| "a generated domain is invalid".to_owned())?;
        let tenant = db::tenants::insert(
            pool,
            NewTenant {
                name: &format!("Customer {n:05} {}", LINES[n as usize % LINES.len()]),
                primary_domain: &domain,
                country: CountryCode::parse("US").map_err(|_| "country".to_owned())?,
                size: OrganizationSize::parse(sizes[n as usize % sizes.len()])
                    .map_err(|_| "size".to_owned())?,
            },
            now,
        )
        .await
        .map_err(error)?;
        let email = EmailAddress::parse(&format!("admin@customer-{n:05}.example"))
            .map_err(|_| "a generated email is invalid".to_owned())?;
        let admin = users::insert(
            pool,
            users::NewUser {
                organization: users::NewUserOrganization::Tenant(tenant),
                display_name: "Global Admin",
                email: &email,
                // No password can match: nobody signs in as these admins.
                password_hash: "!",
                roles: &[AdminRole::GlobalAdmin],
            },
            now,
        )
        .await
        .map_err(error)?
        .ok_or("a generated admin's email is taken")?;
        let mut tx = db::begin_write(pool).await.map_err(error)?;
        db::relationships::relate_by_default(
            &mut tx,
            tenant,
            partner,
            RelationshipType::DelegatedAdministrator,
            admin,
            now,
        )
        .await
        .map_err(error)?;
        for (name, roles, days) in [
            (
                "Helpdesk",
                vec![DelegatedRole::HelpdeskAdmin, DelegatedRole::UserAdmin],
                180,
            ),
            ("Security review", vec![DelegatedRole::GlobalReader], 30),
        ] {
            let request = AccessRequest {
                name: name.to_owned(),
                roles,
                duration_days: days,
                auto_extend: false,
                teams: Vec::new(),
            };
            db::admin_access::grant(&mut tx, tenant, partner, &request, admin, now)
                .await
                .map_err(error)?
                .map_err(|refusal| format!("{name}: {refusal:?}"))?;
        }
        tx.commit().await.map_err(error)?;
        if (n - first) % 500 == 499 {
            eprint!("\r{} / {count} customers", n - first + 1);
        }
    }
    eprintln!();
    Ok(count)
}

/// What the generated customers' names end with.
const LINES: [&str; 8] = [
    "Logistics",
    "Dental Care",
    "Bakery",
    "Engineering",
    "Law Office",
    "Hotels",
    "Farms",
    "Architects",
];
