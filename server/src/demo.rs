//! The demo data of SPEC §5, seeded into a new, empty database when `PARTNERHUB_DEMO=1`.

use crate::directory_generator::DirectoryGenerator;
use app::domain::{
    AdminRole, CountryCode, EmailAddress, Location, OrganizationSize, Password, RelationshipType,
    TenantDomain,
};
use app::server::db::{
    self,
    partners::NewPartner,
    tenants::NewTenant,
    users::{NewUser, NewUserOrganization},
    Db,
};
use app::server::password;

pub const DEMO_PASSWORD: &str = "partnerhub-demo";

/// `(email, who)` of every demo account, for the start-up banner.
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("admin@contoso.example", "Global admin, Contoso"),
    ("billing@contoso.example", "Billing admin, Contoso"),
    ("helpdesk@contoso.example", "Helpdesk admin, Contoso"),
    ("user@contoso.example", "no admin role, Contoso"),
    ("admin@northwind.example", "Global admin, Northwind"),
    (
        "agent@fabrikam.example",
        "partner agent, Fabrikam Solutions",
    ),
    ("agent@adatum.example", "partner agent, Adatum Consulting"),
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("invalid demo value: {0}")]
    Invalid(&'static str),
    #[error("hashing the demo password failed")]
    Hash,
}

/// Seeds only a database without tenants, so a real one never gets demo accounts.
pub async fn seed_if_empty(db: &Db, directory_size: usize) -> Result<bool, DemoError> {
    if db::tenants::count(&db.pool).await? > 0 {
        return Ok(false);
    }
    seed(db, directory_size).await?;
    Ok(true)
}

async fn seed(db: &Db, directory_size: usize) -> Result<(), DemoError> {
    let pool = &db.pool;
    let now = db::now_ms();
    let hash = password::hash(
        Password::parse_new(DEMO_PASSWORD).map_err(|_| DemoError::Invalid("password"))?,
    )
    .await
    .map_err(|_| DemoError::Hash)?;

    let contoso_domain =
        TenantDomain::parse("contoso.example").map_err(|_| DemoError::Invalid("domain"))?;
    let northwind_domain =
        TenantDomain::parse("northwind.example").map_err(|_| DemoError::Invalid("domain"))?;
    let contoso = db::tenants::insert(
        pool,
        tenant(
            "Contoso",
            &contoso_domain,
            "US",
            OrganizationSize::From251To1000,
        )?,
        now,
    )
    .await?;
    let northwind = db::tenants::insert(
        pool,
        tenant(
            "Northwind Traders",
            &northwind_domain,
            "GB",
            OrganizationSize::From51To250,
        )?,
        now,
    )
    .await?;

    let named = vec![
        partner(
            "Fabrikam Solutions",
            "fabrikam.example",
            "Microsoft 365 and Azure specialists for growing organizations.",
            &[
                ("US", Some("Washington"), Some("Seattle")),
                ("GB", None, Some("London")),
                ("DE", Some("Bavaria"), Some("Munich")),
            ],
            &[
                "Cloud migration",
                "Microsoft 365 deployment",
                "Security assessment",
                "Managed help desk",
                "Licensing advice",
            ],
            &["Education", "Healthcare", "Retail"],
            &[
                RelationshipType::Reseller,
                RelationshipType::DelegatedAdministrator,
                RelationshipType::ResellerAndDelegatedAdministrator,
                RelationshipType::Advisor,
            ],
        )?,
        partner(
            "Adatum Consulting",
            "adatum.example",
            "Data, analytics and line-of-business apps.",
            &[
                ("US", Some("New York"), Some("New York")),
                ("CA", Some("Ontario"), Some("Toronto")),
            ],
            &[
                "Data analytics",
                "Power BI dashboards",
                "Custom software development",
                "Cloud migration",
            ],
            &["Financial services", "Manufacturing"],
            &[
                RelationshipType::Reseller,
                RelationshipType::MpsaPartner,
                RelationshipType::LineOfBusinessPartner,
                RelationshipType::Partner,
            ],
        )?,
    ];
    let partner_ids = db::partners::insert_many(pool, &named, now).await?;
    let mut generator = DirectoryGenerator::new(2026);
    db::partners::insert_many(pool, &generator.batch(1, directory_size), now).await?;

    let users: [(&str, &str, NewUserOrganization, &[AdminRole]); 7] = [
        (
            "admin@contoso.example",
            "Megan Bowen",
            NewUserOrganization::Tenant(contoso),
            &[AdminRole::GlobalAdmin],
        ),
        (
            "billing@contoso.example",
            "Alex Wilber",
            NewUserOrganization::Tenant(contoso),
            &[AdminRole::BillingAdmin],
        ),
        (
            "helpdesk@contoso.example",
            "Diego Siciliani",
            NewUserOrganization::Tenant(contoso),
            &[AdminRole::HelpdeskAdmin],
        ),
        (
            "user@contoso.example",
            "Lee Gu",
            NewUserOrganization::Tenant(contoso),
            &[],
        ),
        (
            "admin@northwind.example",
            "Nestor Wilke",
            NewUserOrganization::Tenant(northwind),
            &[AdminRole::GlobalAdmin],
        ),
        (
            "agent@fabrikam.example",
            "Patti Fernandez",
            NewUserOrganization::Partner(partner_ids[0]),
            &[],
        ),
        (
            "agent@adatum.example",
            "Isaiah Langer",
            NewUserOrganization::Partner(partner_ids[1]),
            &[],
        ),
    ];
    let mut northwind_admin = None;
    for (email, display_name, organization, roles) in users {
        let address = EmailAddress::parse(email).map_err(|_| DemoError::Invalid("email"))?;
        let user = db::users::insert(
            pool,
            NewUser {
                organization,
                display_name,
                email: &address,
                password_hash: &hash,
                roles,
            },
            now,
        )
        .await?;
        if email == "admin@northwind.example" {
            northwind_admin = user;
        }
    }
    // Adatum already works with Northwind (its purchases, as an MPSA partner), so a partner's
    // screens inside a customer have something to show from the start. Fabrikam and Contoso
    // start unrelated: the README's walkthrough relates them.
    let northwind_admin = northwind_admin.ok_or(DemoError::Invalid("northwind admin"))?;
    let mut tx = db::begin_write(pool).await?;
    db::relationships::add_type(
        &mut tx,
        northwind,
        partner_ids[1],
        RelationshipType::MpsaPartner,
        northwind_admin,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn tenant<'a>(
    name: &'a str,
    domain: &'a TenantDomain,
    country: &str,
    size: OrganizationSize,
) -> Result<NewTenant<'a>, DemoError> {
    Ok(NewTenant {
        name,
        primary_domain: domain,
        country: CountryCode::parse(country).map_err(|_| DemoError::Invalid("country"))?,
        size,
    })
}

fn partner(
    name: &str,
    domain: &str,
    description: &str,
    locations: &[(&str, Option<&str>, Option<&str>)],
    services: &[&str],
    industries: &[&str],
    kinds: &[RelationshipType],
) -> Result<NewPartner, DemoError> {
    let locations = locations
        .iter()
        .map(|(country, region, city)| {
            Ok(Location {
                country: CountryCode::parse(country).map_err(|_| DemoError::Invalid("country"))?,
                region: region.map(str::to_owned),
                city: city.map(str::to_owned),
            })
        })
        .collect::<Result<_, DemoError>>()?;
    Ok(NewPartner {
        name: name.to_owned(),
        description: description.to_owned(),
        website: format!("https://www.{domain}"),
        contact_email: format!("sales@{domain}"),
        locations,
        sizes_served: OrganizationSize::ALL.to_vec(),
        services: services.iter().map(|s| (*s).to_owned()).collect(),
        industries: industries.iter().map(|s| (*s).to_owned()).collect(),
        certifications: vec!["Solutions Partner for Modern Work".to_owned()],
        relationship_types_offered: kinds.to_vec(),
    })
}
