//! Four weeks of the product in use before the demo starts, told in order, so every screen of
//! every demo account has something to show:
//!
//! - Contoso asked partners for help three times and got replies; Litware became its reseller
//!   and delegated administrator, migrated its mailboxes and had its admin roles removed;
//!   Trey Research became its advisor and line-of-business partner; Adatum's reseller
//!   invitation was cancelled, and its admin relationships are in every state (expired,
//!   expiring soon, active with a role removed); Proseware's waits for an answer. Contoso bought through Litware and on its
//!   own, has open and closed support incidents and two line-of-business apps.
//! - Fabrikam and Adatum have leads in every status, from tenants and from visitors, and
//!   customers of their own (Woodgrove Bank, Alpine Ski House, Northwind Traders).
//! - Fabrikam and Contoso stay unrelated, with no invitation between them: the README's
//!   walkthrough relates them.

use super::story::{ago, Ago, Inquiry, Story, Who};
use super::{partner, Agent, Cast, DemoError};
use app::domain::{
    AccessRequest, AdminRole, DelegatedRole, LeadStatus, OrganizationSize, PartnerId,
    RelationshipType, TenantId, UserId,
};
use app::server::db::{self, leads::Sender, users::NewUserOrganization, Db};

/// Since when Adatum has been Northwind's MPSA partner.
pub const ADATUM_NORTHWIND_SINCE: Ago = ago(27, 0);

use LeadStatus::{Closed, Contacted, New};
use RelationshipType::{
    Advisor, DelegatedAdministrator, LineOfBusinessPartner, Reseller,
    ResellerAndDelegatedAdministrator,
};

/// The organizations the history brings in besides the demo accounts' own: partners whose
/// people never sign in, and two more customers of Fabrikam and Adatum.
struct Others {
    litware: Agent,
    trey: Agent,
    proseware: Agent,
    woodgrove: Customer,
    alpine: Customer,
}

/// A tenant of the history, its domain and its Global admin.
#[derive(Clone, Copy)]
struct Customer {
    tenant: TenantId,
    domain: &'static str,
    admin: UserId,
}

pub(super) async fn seed(db: &Db, cast: &Cast, now: i64) -> Result<(), DemoError> {
    let story = Story::new(db, now).await?;
    let others = organizations(&story).await?;
    contoso(&story, cast, &others).await?;
    adatum_admin_access(&story, cast).await?;
    northwind(&story, cast).await?;
    woodgrove_bank(&story, cast, &others).await?;
    alpine_ski_house(&story, cast, &others).await?;
    visitors(&story, cast).await?;
    story.finish().await
}

fn member(tenant: TenantId, user: UserId) -> Who {
    Who::Member { tenant, user }
}

fn agent(tenant: TenantId, agent: Agent) -> Who {
    Who::Agent { tenant, agent }
}

fn sender(tenant: TenantId, user: UserId) -> Option<Sender> {
    Some(Sender {
        tenant_id: tenant,
        user_id: user,
    })
}

async fn organizations(story: &Story<'_>) -> Result<Others, DemoError> {
    let joined = ago(30, 0);
    // After the generated directory, so its first partners stay the ones tests pick.
    let partners = db::partners::insert_many(
        story.pool,
        &[
            partner(
                "Litware Inc.",
                "litware.example",
                "Litware moves organizations to Microsoft 365: mail, files and Teams, \
                 planned in waves, with licensing and a help desk for the weeks after.",
                &[
                    ("US", Some("Washington"), Some("Redmond")),
                    ("US", Some("Texas"), Some("Austin")),
                ],
                &[
                    "Email migration",
                    "Cloud migration",
                    "Microsoft 365 deployment",
                    "Licensing advice",
                    "Managed help desk",
                ],
                &["Professional services", "Manufacturing", "Retail"],
                &[
                    RelationshipType::Reseller,
                    DelegatedAdministrator,
                    ResellerAndDelegatedAdministrator,
                ],
            )?,
            partner(
                "Trey Research",
                "treyresearch.example",
                "First-line support and advice for Microsoft 365: password resets, service \
                 incidents, Teams Rooms, and line-of-business apps for field staff.",
                &[
                    ("GB", Some("England"), Some("London")),
                    ("IE", Some("County Dublin"), Some("Dublin")),
                    ("US", Some("Massachusetts"), Some("Boston")),
                ],
                &[
                    "Managed help desk",
                    "Teams voice",
                    "Power Platform apps",
                    "User training",
                ],
                &["Healthcare", "Professional services", "Construction"],
                &[Advisor, LineOfBusinessPartner, RelationshipType::Partner],
            )?,
            partner(
                "Proseware",
                "proseware.example",
                "Security assessments and identity for Microsoft 365 and Azure: conditional \
                 access, device compliance, data loss prevention and audit readiness.",
                &[
                    ("US", Some("California"), Some("San Francisco")),
                    ("NL", Some("North Holland"), Some("Amsterdam")),
                ],
                &[
                    "Security assessment",
                    "Identity and access management",
                    "Threat protection",
                    "Compliance and eDiscovery",
                ],
                &["Financial services", "Life sciences", "Government"],
                &[DelegatedAdministrator, Advisor],
            )?,
        ],
        story.at(joined),
    )
    .await?;
    let [litware, trey, proseware] = partners[..] else {
        return Err(DemoError::Invalid("history partners"));
    };
    let staff = |partner: PartnerId, name: &'static str, email: &'static str| async move {
        let user = story
            .person(
                joined,
                NewUserOrganization::Partner(partner),
                name,
                email,
                &[],
            )
            .await?;
        Ok::<_, DemoError>(Agent { partner, user })
    };
    let litware = staff(litware, "Marta Kowalski", "marta@litware.example").await?;
    let trey = staff(trey, "Daniel Okafor", "daniel@treyresearch.example").await?;
    let proseware = staff(proseware, "Sofia Lindqvist", "sofia@proseware.example").await?;

    let customer = |name: &'static str,
                    domain: &'static str,
                    country: &'static str,
                    size: OrganizationSize,
                    admin: (&'static str, &'static str)| async move {
        let tenant = story.tenant(joined, name, domain, country, size).await?;
        let admin = story
            .person(
                joined,
                NewUserOrganization::Tenant(tenant),
                admin.0,
                admin.1,
                &[AdminRole::GlobalAdmin],
            )
            .await?;
        Ok::<_, DemoError>(Customer {
            tenant,
            domain,
            admin,
        })
    };
    let woodgrove = customer(
        "Woodgrove Bank",
        "woodgrovebank.example",
        "US",
        OrganizationSize::From1001To5000,
        ("Amelia Chen", "amelia.chen@woodgrovebank.example"),
    )
    .await?;
    let alpine = customer(
        "Alpine Ski House",
        "alpineskihouse.example",
        "AT",
        OrganizationSize::From51To250,
        ("Lukas Gruber", "lukas.gruber@alpineskihouse.example"),
    )
    .await?;
    Ok(Others {
        litware,
        trey,
        proseware,
        woodgrove,
        alpine,
    })
}

/// Contoso: three contact requests and the partners' replies, a reseller whose roles were
/// removed, an advisor and LOB partner at work, a cancelled and a pending invitation,
/// subscriptions, incidents and apps.
async fn contoso(story: &Story<'_>, cast: &Cast, others: &Others) -> Result<(), DemoError> {
    let contoso = cast.contoso;
    let megan = member(contoso, cast.megan);
    let (litware, trey) = (agent(contoso, others.litware), agent(contoso, others.trey));

    let adele = story
        .add_user(ago(28, 2), megan, "Adele Vance", "adele@contoso.example")
        .await?;
    let johanna = story
        .add_user(
            ago(28, 1),
            megan,
            "Johanna Lorenz",
            "johanna@contoso.example",
        )
        .await?;
    story
        .add_user(ago(28, 0), megan, "Joni Sherman", "joni@contoso.example")
        .await?;

    // What Contoso's admins write in the contact form, but for their needs.
    let from_megan = Inquiry {
        company: "Contoso",
        contact: "Megan Bowen",
        email: "admin@contoso.example",
        phone: Some("+1 425 555 0100"),
        size: OrganizationSize::From251To1000,
        country: "US",
        city: Some("Redmond"),
        needs: "",
    };

    // 1. The mailbox migration: Litware gets it, Fabrikam replies and bows out.
    let migration = Inquiry {
        needs: "We're moving 400 mailboxes and our file shares from on-premises Exchange and \
                a file server to Microsoft 365 before our data-centre lease ends in six months. We \
                need a partner to plan the migration in waves, handle the licensing and back \
                up our help desk during the switch.",
        ..from_megan
    };
    let [litware_lead, fabrikam_lead, trey_lead] = story
        .contact(
            ago(25, 9),
            &migration,
            sender(contoso, cast.megan),
            [
                others.litware.partner,
                cast.fabrikam.partner,
                others.trey.partner,
            ],
        )
        .await?;
    story
        .lead(
            ago(24, 6),
            cast.fabrikam.partner,
            fabrikam_lead,
            New,
            Contacted,
        )
        .await?;
    story
        .lead(ago(24, 3), others.trey.partner, trey_lead, New, Contacted)
        .await?;
    let invitation = story
        .invite(
            ago(23, 8),
            others.litware,
            "contoso.example",
            ResellerAndDelegatedAdministrator,
            Some(litware_lead),
            Some(
                "Thanks for Tuesday's call. As agreed, these roles let us run your mailbox \
                 migration and buy the licences you need.",
            ),
        )
        .await?;
    story.accept(ago(22, 7), invitation, cast.megan).await?;
    let premium = story
        .order(ago(21, 5), litware, "m365-business-premium", 250)
        .await?;
    let grady = story
        .add_user(ago(20, 6), litware, "Grady Archie", "grady@contoso.example")
        .await?;
    story
        .assign_license(ago(20, 5), litware, premium, grady)
        .await?;
    for (hour, user) in [(8, cast.lee), (7, cast.diego), (6, adele), (5, johanna)] {
        story
            .assign_license(ago(19, hour), megan, premium, user)
            .await?;
    }
    story
        .lead(
            ago(18, 4),
            cast.fabrikam.partner,
            fabrikam_lead,
            Contacted,
            Closed,
        )
        .await?;
    let shared_mailboxes = story
        .open_incident(
            ago(16, 9),
            litware,
            "Shared mailboxes missing after migration wave 2",
            "Since last night's wave the Sales and Support shared mailboxes no longer show \
             in Outlook for 12 users. Their permissions look right in the admin center.",
        )
        .await?;
    story
        .comment(
            ago(15, 8),
            member(contoso, cast.diego),
            shared_mailboxes,
            "Confirmed for Sales. Support came back after restarting Outlook.",
            false,
        )
        .await?;
    story
        .order(ago(15, 2), member(contoso, cast.alex), "m365-e3", 25)
        .await?;
    story
        .comment(
            ago(14, 7),
            litware,
            shared_mailboxes,
            "Automapping was off for the migrated permissions; we re-applied them for both \
             mailboxes. Closing: reopen if anyone still misses one.",
            true,
        )
        .await?;
    let expenses = story
        .submit_app(ago(13, 4), megan, "Expense Approvals", "2.0")
        .await?;
    story.publish_app(ago(12, 9), megan, expenses).await?;

    // 2. First-line support: Trey Research gets it, Adatum's offer is cancelled.
    let support = Inquiry {
        contact: "Alex Wilber",
        email: "billing@contoso.example",
        phone: None,
        needs: "Our help desk is two people for 600 staff. We're looking for a partner to take \
                first-line support (password resets and Microsoft 365 incidents) and to advise \
                our finance team on Power BI reporting.",
        ..from_megan
    };
    let [trey_support_lead, adatum_lead] = story
        .contact(
            ago(12, 5),
            &support,
            sender(contoso, cast.alex),
            [others.trey.partner, cast.adatum.partner],
        )
        .await?;
    let invitation = story
        .invite(
            ago(11, 6),
            others.trey,
            "contoso.example",
            Advisor,
            Some(trey_support_lead),
            Some(
                "With these roles we can take your first-line tickets from Monday: password \
                 resets and incidents.",
            ),
        )
        .await?;
    story
        .lead(ago(11, 2), cast.adatum.partner, adatum_lead, New, Contacted)
        .await?;
    story.accept(ago(10, 8), invitation, cast.megan).await?;
    let invitation = story
        .invite(
            ago(9, 5),
            cast.adatum,
            "contoso.example",
            Reseller,
            Some(adatum_lead),
            Some(
                "We could also look after your subscriptions, with the Power BI licences your \
                 finance team needs.",
            ),
        )
        .await?;
    story.decline(ago(8, 4), invitation, cast.alex).await?;
    story
        .order(ago(8, 1), litware, "exchange-online-1", 40)
        .await?;
    let invitation = story
        .invite(
            ago(7, 6),
            others.trey,
            "contoso.example",
            LineOfBusinessPartner,
            None,
            Some("So we can deliver the Field Inspections app to your tenant."),
        )
        .await?;
    story.accept(ago(6, 9), invitation, cast.megan).await?;
    story.reset_password(ago(6, 3), trey, grady).await?;

    // Litware's migration is done: Contoso keeps it as reseller, without admin roles.
    story
        .remove_roles(ago(5, 4), contoso, others.litware.partner, cast.megan)
        .await?;
    story
        .open_incident(
            ago(4, 8),
            trey,
            "Meeting rooms missing from Teams booking",
            "The four rooms on floor 3 don't appear when staff book a meeting in Teams, \
             although they show in Outlook's room finder.",
        )
        .await?;
    let inspections = story
        .submit_app(ago(4, 5), trey, "Field Inspections", "1.2")
        .await?;
    story.publish_app(ago(3, 9), megan, inspections).await?;

    // 3. The security review: new leads for Fabrikam and Adatum, Proseware's invitation waits.
    let security = Inquiry {
        needs: "Our ISO 27001 audit is in four months. Before it we want a security \
                assessment of our Microsoft 365 tenant: conditional access, device compliance \
                and data loss prevention. Please propose a scope and a timeline.",
        ..from_megan
    };
    let [proseware_lead, _, _] = story
        .contact(
            ago(3, 4),
            &security,
            sender(contoso, cast.megan),
            [
                others.proseware.partner,
                cast.fabrikam.partner,
                cast.adatum.partner,
            ],
        )
        .await?;
    story
        .invite(
            ago(2, 6),
            others.proseware,
            "contoso.example",
            DelegatedAdministrator,
            Some(proseware_lead),
            Some(
                "Following your request about the ISO 27001 review: these roles let us run the \
                 assessment in your tenant.",
            ),
        )
        .await?;
    let sign_ins = story
        .open_incident(
            ago(2, 3),
            member(contoso, cast.diego),
            "Outlook asks remote staff to sign in every hour",
            "Since Monday people working from home are asked for their password and MFA \
             every hour in Outlook and Teams. In the office it doesn't happen.",
        )
        .await?;
    story
        .comment(
            ago(1, 7),
            trey,
            sign_ins,
            "The conditional access policy for remote sign-ins has a sign-in frequency of 1 \
             hour. We suggest 12 hours on compliant devices: please confirm and we'll change it.",
            false,
        )
        .await?;
    story
        .submit_app(ago(1, 2), trey, "Field Inspections", "1.3")
        .await?;
    Ok(())
}

/// Contoso and Adatum: admin relationships in every state on a fresh start — one expired, one
/// expiring soon (Global admin refused), one active with a role removed since.
async fn adatum_admin_access(story: &Story<'_>, cast: &Cast) -> Result<(), DemoError> {
    use DelegatedRole::{
        GlobalAdmin, GlobalReader, HelpdeskAdmin, LicenseAdmin, PasswordAdmin, ServiceSupportAdmin,
        UserAdmin,
    };
    let request = |name: &str, roles: &[DelegatedRole], duration_days: i64| AccessRequest {
        name: name.to_owned(),
        roles: roles.to_vec(),
        duration_days,
        auto_extend: false,
        teams: Vec::new(),
    };
    let migration = story
        .ask_access(
            ago(26, 3),
            cast.adatum,
            "contoso.example",
            request("Adatum migration", &[UserAdmin, LicenseAdmin], 14),
            "Two weeks of user and licence work while we move your finance team.",
        )
        .await?;
    story.accept(ago(25, 6), migration, cast.megan).await?;
    story.keep_end_dates(ago(25, 5)).await?;
    let review = story
        .ask_access(
            ago(22, 2),
            cast.adatum,
            "contoso.example",
            request("Adatum security review", &[GlobalAdmin, GlobalReader], 30),
            "A month to review your tenant's security settings before the audit.",
        )
        .await?;
    story
        .accept_roles(ago(21, 5), review, cast.megan, &[GlobalReader])
        .await?;
    // The migration's last week and day, then its end; the review's first reminder.
    for day in [18, 12, 11, 10] {
        story.keep_end_dates(ago(day, 0)).await?;
    }
    let helpdesk = story
        .ask_access(
            ago(9, 2),
            cast.adatum,
            "contoso.example",
            request(
                "Adatum helpdesk",
                &[PasswordAdmin, HelpdeskAdmin, ServiceSupportAdmin],
                365,
            ),
            "A year of first-line help for your finance team.",
        )
        .await?;
    story.accept(ago(8, 7), helpdesk, cast.megan).await?;
    story.keep_end_dates(ago(0, 1)).await?;
    story
        .remove_role(
            ago(3, 2),
            cast.contoso,
            cast.adatum.partner,
            helpdesk,
            ServiceSupportAdmin,
            cast.megan,
        )
        .await
}

/// Northwind: Adatum, its MPSA partner, also becomes its reseller from a lead and buys for
/// it; Fabrikam's invitation waits for an answer.
async fn northwind(story: &Story<'_>, cast: &Cast) -> Result<(), DemoError> {
    let northwind = cast.northwind;
    let nestor = member(northwind, cast.nestor);
    let adatum = agent(northwind, cast.adatum);
    story
        .add_user(
            ago(26, 5),
            nestor,
            "Pradeep Gupta",
            "pradeep@northwind.example",
        )
        .await?;
    story
        .add_user(
            ago(26, 4),
            nestor,
            "Lidia Holloway",
            "lidia@northwind.example",
        )
        .await?;
    story
        .order(ago(24, 3), nestor, "m365-business-basic", 60)
        .await?;
    let dashboards = Inquiry {
        company: "Northwind Traders",
        contact: "Nestor Wilke",
        email: "admin@northwind.example",
        phone: Some("+44 20 7946 0958"),
        size: OrganizationSize::From51To250,
        country: "GB",
        city: Some("London"),
        needs: "We're opening a second warehouse in Leeds and want Power BI dashboards on stock \
                levels across both sites, fed from our Dynamics 365 data.",
    };
    let [adatum_lead, fabrikam_lead] = story
        .contact(
            ago(20, 7),
            &dashboards,
            sender(northwind, cast.nestor),
            [cast.adatum.partner, cast.fabrikam.partner],
        )
        .await?;
    story
        .lead(ago(19, 8), cast.adatum.partner, adatum_lead, New, Contacted)
        .await?;
    let invitation = story
        .invite(
            ago(18, 6),
            cast.adatum,
            "northwind.example",
            Reseller,
            Some(adatum_lead),
            Some("As your reseller we can add the Power BI licences for the Leeds team."),
        )
        .await?;
    story.accept(ago(17, 9), invitation, cast.nestor).await?;
    story
        .order(ago(16, 4), adatum, "m365-business-premium", 15)
        .await?;
    let picking = story
        .submit_app(ago(11, 6), nestor, "Warehouse Picking", "3.1")
        .await?;
    story.publish_app(ago(11, 5), nestor, picking).await?;
    let scanners = story
        .open_incident(
            ago(9, 7),
            nestor,
            "Warehouse scanners can't send scans by email",
            "The scanners in the London warehouse send scans through smtp.office365.com and \
             since Tuesday every message bounces with an authentication error.",
        )
        .await?;
    story
        .comment(
            ago(8, 2),
            nestor,
            scanners,
            "Worked around it with a connector for the scanners' address; still looking for \
             the cause.",
            false,
        )
        .await?;
    story
        .order(ago(6, 5), adatum, "exchange-online-1", 5)
        .await?;
    story
        .lead(
            ago(5, 3),
            cast.fabrikam.partner,
            fabrikam_lead,
            New,
            Contacted,
        )
        .await?;
    story
        .invite(
            ago(4, 2),
            cast.fabrikam,
            "northwind.example",
            Advisor,
            Some(fabrikam_lead),
            Some(
                "While Adatum builds your dashboards, we can take care of your users' everyday \
                 support.",
            ),
        )
        .await?;
    Ok(())
}

/// Woodgrove Bank: Fabrikam, its reseller and delegated administrator, buys and manages its
/// users; Adatum builds its branch app.
async fn woodgrove_bank(story: &Story<'_>, cast: &Cast, others: &Others) -> Result<(), DemoError> {
    let bank = others.woodgrove;
    let fabrikam = agent(bank.tenant, cast.fabrikam);
    let adatum = agent(bank.tenant, cast.adatum);
    let rollout = Inquiry {
        company: "Woodgrove Bank",
        contact: "Amelia Chen",
        email: "amelia.chen@woodgrovebank.example",
        phone: Some("+1 212 555 0147"),
        size: OrganizationSize::From1001To5000,
        country: "US",
        city: Some("New York"),
        needs: "We're moving 2,000 staff to Microsoft 365 E3 under strict compliance rules: \
                retention policies, eDiscovery and Intune on every device. Our branches also \
                need a small app to plan customer visits.",
    };
    let [fabrikam_lead, adatum_lead] = story
        .contact(
            ago(24, 6),
            &rollout,
            sender(bank.tenant, bank.admin),
            [cast.fabrikam.partner, cast.adatum.partner],
        )
        .await?;
    let invitation = story
        .invite(
            ago(23, 5),
            cast.fabrikam,
            bank.domain,
            ResellerAndDelegatedAdministrator,
            Some(fabrikam_lead),
            Some("Here is the invitation we discussed for the E3 rollout."),
        )
        .await?;
    story.accept(ago(22, 8), invitation, bank.admin).await?;
    story
        .lead(ago(22, 4), cast.adatum.partner, adatum_lead, New, Contacted)
        .await?;
    let invitation = story
        .invite(
            ago(21, 7),
            cast.adatum,
            bank.domain,
            LineOfBusinessPartner,
            Some(adatum_lead),
            Some("So we can deliver the branch visit planner to your tenant."),
        )
        .await?;
    story.accept(ago(20, 9), invitation, bank.admin).await?;
    let e3 = story.order(ago(20, 4), fabrikam, "m365-e3", 500).await?;
    let ravi = story
        .add_user(
            ago(19, 6),
            fabrikam,
            "Ravi Patel",
            "ravi.patel@woodgrovebank.example",
        )
        .await?;
    let grace = story
        .add_user(
            ago(19, 5),
            fabrikam,
            "Grace Liu",
            "grace.liu@woodgrovebank.example",
        )
        .await?;
    for user in [bank.admin, ravi, grace] {
        story.assign_license(ago(19, 4), fabrikam, e3, user).await?;
    }
    let planner = story
        .submit_app(ago(12, 6), adatum, "Branch Visit Planner", "1.0")
        .await?;
    story
        .publish_app(ago(11, 8), member(bank.tenant, bank.admin), planner)
        .await?;
    let retention = story
        .open_incident(
            ago(7, 5),
            fabrikam,
            "Retention policy not applied to Teams chats",
            "The seven-year retention policy covers mailboxes and SharePoint but Teams chats \
             of the trading desk are missing from the last compliance search.",
        )
        .await?;
    story
        .comment(
            ago(6, 3),
            fabrikam,
            retention,
            "Teams chat locations were left out of the policy; added them. Results show up \
             within 7 days, we'll check the next search.",
            false,
        )
        .await?;
    story
        .submit_app(ago(3, 6), adatum, "Branch Visit Planner", "1.1")
        .await?;
    story.order(ago(2, 4), fabrikam, "m365-e3", 120).await?;
    Ok(())
}

/// Alpine Ski House: Fabrikam, its advisor, supports its seasonal staff.
async fn alpine_ski_house(
    story: &Story<'_>,
    cast: &Cast,
    others: &Others,
) -> Result<(), DemoError> {
    let alpine = others.alpine;
    let lukas = member(alpine.tenant, alpine.admin);
    let anna = story
        .add_user(
            ago(29, 3),
            lukas,
            "Anna Berger",
            "anna.berger@alpineskihouse.example",
        )
        .await?;
    let seasonal = Inquiry {
        company: "Alpine Ski House",
        contact: "Lukas Gruber",
        email: "lukas.gruber@alpineskihouse.example",
        phone: Some("+43 512 555 210"),
        size: OrganizationSize::From51To250,
        country: "AT",
        city: Some("Innsbruck"),
        needs: "Seasonal staff join in December and leave in April. We need a simple way to \
                give 80 people accounts and shared tablets for the season, and someone to call \
                when they forget their password.",
    };
    let [lead] = story
        .contact(
            ago(12, 8),
            &seasonal,
            sender(alpine.tenant, alpine.admin),
            [cast.fabrikam.partner],
        )
        .await?;
    story
        .lead(ago(11, 5), cast.fabrikam.partner, lead, New, Contacted)
        .await?;
    let invitation = story
        .invite(
            ago(10, 9),
            cast.fabrikam,
            alpine.domain,
            Advisor,
            Some(lead),
            Some("As your advisor we'll handle password resets and incidents for the season."),
        )
        .await?;
    story.accept(ago(9, 6), invitation, alpine.admin).await?;
    let fabrikam = agent(alpine.tenant, cast.fabrikam);
    story.reset_password(ago(8, 4), fabrikam, anna).await?;
    story
        .open_incident(
            ago(6, 7),
            fabrikam,
            "Shared tablets at the ticket desk sign out every hour",
            "The three tablets at the Innsbruck ticket desk lose their session every hour; \
             the seasonal staff then can't print passes until someone signs in again.",
        )
        .await?;
    Ok(())
}

/// Visitors' requests (no tenant), so Fabrikam's and Adatum's inboxes hold every status.
async fn visitors(story: &Story<'_>, cast: &Cast) -> Result<(), DemoError> {
    let (fabrikam, adatum) = (cast.fabrikam.partner, cast.adatum.partner);
    let winery = Inquiry {
        company: "Coho Winery",
        contact: "Kenji Watanabe",
        email: "kenji@cohowinery.example",
        phone: Some("+1 707 555 0163"),
        size: OrganizationSize::From1To10,
        country: "US",
        city: Some("Napa"),
        needs: "We're nine people and still share one mailbox. We'd like our own email \
                addresses, a shared calendar for tastings and somewhere to keep our files.",
    };
    let [lead] = story.contact(ago(17, 6), &winery, None, [fabrikam]).await?;
    story
        .lead(ago(16, 8), fabrikam, lead, New, Contacted)
        .await?;
    story
        .lead(ago(13, 3), fabrikam, lead, Contacted, Closed)
        .await?;

    let airline = Inquiry {
        company: "Blue Yonder Airlines",
        contact: "Sara Davis",
        email: "sara.davis@blueyonderairlines.example",
        phone: None,
        size: OrganizationSize::From1001To5000,
        country: "US",
        city: Some("Chicago"),
        needs: "Our operations team wants one view of delays, crews and aircraft. Could you \
                build Power BI dashboards on our flight data and train our analysts?",
    };
    let [lead] = story.contact(ago(15, 4), &airline, None, [adatum]).await?;
    story.lead(ago(14, 7), adatum, lead, New, Contacted).await?;
    story
        .lead(ago(11, 4), adatum, lead, Contacted, Closed)
        .await?;

    let publisher = Inquiry {
        company: "Lucerne Publishing",
        contact: "Hannah Keller",
        email: "hannah.keller@lucernepublishing.example",
        phone: Some("+1 416 555 0189"),
        size: OrganizationSize::From51To250,
        country: "CA",
        city: Some("Toronto"),
        needs: "Our editorial team of 120 needs an intranet on SharePoint and a small app to \
                track manuscripts from submission to print.",
    };
    let [lead] = story.contact(ago(9, 3), &publisher, None, [adatum]).await?;
    story.lead(ago(8, 5), adatum, lead, New, Contacted).await?;

    let clinics = Inquiry {
        company: "Lamna Healthcare",
        contact: "Omar Haddad",
        email: "omar.haddad@lamnahealthcare.example",
        phone: Some("+1 617 555 0112"),
        size: OrganizationSize::From51To250,
        country: "US",
        city: Some("Boston"),
        needs: "A group of four clinics with 180 staff. We need shared workstations managed \
                with Intune and help getting ready for our HIPAA audit.",
    };
    let [lead] = story.contact(ago(6, 6), &clinics, None, [fabrikam]).await?;
    story
        .lead(ago(5, 2), fabrikam, lead, New, Contacted)
        .await?;

    let travel = Inquiry {
        company: "Margie's Travel",
        contact: "Chloe Martin",
        email: "chloe@margiestravel.example",
        phone: None,
        size: OrganizationSize::From11To50,
        country: "GB",
        city: Some("Brighton"),
        needs: "A travel agency with 40 staff. We'd like Power BI reports on bookings and \
                margins from our booking system, refreshed every morning.",
    };
    story.contact(ago(2, 2), &travel, None, [adatum]).await?;

    let coffee = Inquiry {
        company: "Fourth Coffee",
        contact: "Mateo Rossi",
        email: "mateo@fourthcoffee.example",
        phone: Some("+1 206 555 0175"),
        size: OrganizationSize::From11To50,
        country: "US",
        city: Some("Seattle"),
        needs: "We run 14 coffee shops. The managers need Microsoft 365, and each counter a \
                shared tablet for schedules and stock orders.",
    };
    story
        .contact(ago(0, 5), &coffee, None, [fabrikam, adatum])
        .await?;
    Ok(())
}
