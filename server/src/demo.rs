//! The demo data (the README's demo accounts), seeded into a new, empty database when `PARTNERHUB_DEMO=1`: the
//! demo accounts, their organizations and the directory, then (`history`) a few weeks of the
//! product in use, so every screen of every account has something to show (`history.rs`).

mod history;
mod story;

use crate::directory_generator::DirectoryGenerator;
use app::domain::{
    AdminRole, CountryCode, EmailAddress, Location, OrganizationSize, PartnerId, Password,
    RelationshipType, TenantDomain, TenantId, UserId,
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
        "admin agent, Fabrikam Solutions (teams Support desk)",
    ),
    (
        "support@fabrikam.example",
        "agent, Fabrikam Solutions (team Support desk)",
    ),
    (
        "lead@fabrikam.example",
        "agent, Fabrikam Solutions (team Escalation)",
    ),
    ("agent@adatum.example", "admin agent, Adatum Consulting"),
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    TenantWrite(#[from] db::tenant_admin::TenantWriteError),
    #[error("invalid demo value: {0}")]
    Invalid(&'static str),
    #[error("the demo history was refused at {step}: {refusal}")]
    Refused { step: &'static str, refusal: String },
    #[error("hashing the demo password failed")]
    Hash,
}

/// Seeds only a database without tenants, so a real one never gets demo accounts. With
/// `history`, the accounts come with a few weeks of use (tests that want the bare accounts
/// leave it out).
pub async fn seed_if_empty(
    db: &Db,
    directory_size: usize,
    history: bool,
) -> Result<bool, DemoError> {
    if db::tenants::count(&db.pool).await? > 0 {
        return Ok(false);
    }
    let now = db::now_ms();
    // Adatum has worked with Northwind for weeks in the history; without it, from now.
    let adatum_since = if history {
        history::ADATUM_NORTHWIND_SINCE.before(now)
    } else {
        now
    };
    let cast = seed_accounts(db, directory_size, now, adatum_since).await?;
    if history {
        history::seed(db, &cast, now).await?;
    }
    Ok(true)
}

/// A partner's agent: who acts for it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Agent {
    pub partner: PartnerId,
    pub user: UserId,
}

/// The demo accounts and their organizations, as the history needs them.
pub(crate) struct Cast {
    pub contoso: TenantId,
    pub northwind: TenantId,
    /// Contoso's Global, Billing and Helpdesk admins and its member without a role.
    pub megan: UserId,
    pub alex: UserId,
    pub diego: UserId,
    pub lee: UserId,
    /// Northwind's Global admin.
    pub nestor: UserId,
    pub fabrikam: Agent,
    pub adatum: Agent,
}

/// The tenants, the partners and the directory, the demo accounts, and Adatum's MPSA
/// relationship with Northwind (since `adatum_since`), so a partner's side of a customer has
/// something to show even without the history. Fabrikam and Contoso start unrelated: the
/// README's walkthrough relates them.
async fn seed_accounts(
    db: &Db,
    directory_size: usize,
    now: i64,
    adatum_since: i64,
) -> Result<Cast, DemoError> {
    let pool = &db.pool;
    let hash = password::hash(
        Password::parse_new(DEMO_PASSWORD).map_err(|_| DemoError::Invalid("password"))?,
    )
    .await
    .map_err(|_| DemoError::Hash)?;

    let contoso_domain = domain("contoso.example")?;
    let northwind_domain = domain("northwind.example")?;
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

    let tenant_user =
        |tenant: TenantId, name: &'static str, email: &'static str, roles: &'static [AdminRole]| {
            (NewUserOrganization::Tenant(tenant), name, email, roles)
        };
    let accounts: [(NewUserOrganization, &str, &str, &[AdminRole]); 9] = [
        tenant_user(
            contoso,
            "Megan Bowen",
            "admin@contoso.example",
            &[AdminRole::GlobalAdmin],
        ),
        tenant_user(
            contoso,
            "Alex Wilber",
            "billing@contoso.example",
            &[AdminRole::BillingAdmin],
        ),
        tenant_user(
            contoso,
            "Diego Siciliani",
            "helpdesk@contoso.example",
            &[AdminRole::HelpdeskAdmin],
        ),
        tenant_user(contoso, "Lee Gu", "user@contoso.example", &[]),
        tenant_user(
            northwind,
            "Nestor Wilke",
            "admin@northwind.example",
            &[AdminRole::GlobalAdmin],
        ),
        (
            NewUserOrganization::Partner(partner_ids[0]),
            "Patti Fernandez",
            "agent@fabrikam.example",
            &[],
        ),
        (
            NewUserOrganization::Partner(partner_ids[0]),
            "Alan Steiner",
            "support@fabrikam.example",
            &[],
        ),
        (
            NewUserOrganization::Partner(partner_ids[0]),
            "Johanna Lorenz",
            "lead@fabrikam.example",
            &[],
        ),
        (
            NewUserOrganization::Partner(partner_ids[1]),
            "Isaiah Langer",
            "agent@adatum.example",
            &[],
        ),
    ];
    let mut users = Vec::with_capacity(accounts.len());
    for (organization, display_name, email, roles) in accounts {
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
        .await?
        .ok_or(DemoError::Invalid("a demo account's email is taken"))?;
        users.push(user);
    }
    let [megan, alex, diego, lee, nestor, patti, alan, johanna, isaiah] = users[..] else {
        return Err(DemoError::Invalid("demo accounts"));
    };
    // Patti and Isaiah run their partners' teams; Fabrikam's helpdesk and escalation agents
    // are in one team each.
    let teams: [(PartnerId, &str, &[UserId]); 3] = [
        (partner_ids[0], "Support desk", &[patti, alan]),
        (partner_ids[0], "Escalation", &[johanna]),
        (partner_ids[1], "Managed services", &[isaiah]),
    ];
    for admin_agent in [patti, isaiah] {
        db::teams::make_admin_agent(pool, admin_agent).await?;
    }
    for (partner, name, members) in teams {
        let team = db::teams::create(pool, partner, name, now)
            .await?
            .map_err(|_| DemoError::Invalid("a demo team's name is taken"))?;
        for member in members {
            db::teams::set_member(pool, partner, team, *member, true)
                .await?
                .map_err(|_| DemoError::Invalid("a demo team's member"))?;
        }
    }
    let cast = Cast {
        contoso,
        northwind,
        megan,
        alex,
        diego,
        lee,
        nestor,
        fabrikam: Agent {
            partner: partner_ids[0],
            user: patti,
        },
        adatum: Agent {
            partner: partner_ids[1],
            user: isaiah,
        },
    };

    let mut tx = db::begin_write(pool).await?;
    db::relationships::relate_by_default(
        &mut tx,
        northwind,
        cast.adatum.partner,
        RelationshipType::MpsaPartner,
        nestor,
        adatum_since,
    )
    .await?;
    tx.commit().await?;
    Ok(cast)
}

fn domain(name: &str) -> Result<TenantDomain, DemoError> {
    TenantDomain::parse(name).map_err(|_| DemoError::Invalid("domain"))
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
