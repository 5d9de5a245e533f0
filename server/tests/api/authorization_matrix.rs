//! Walks `authorization_matrix.csv`: every server function, called over HTTP by every kind of
//! actor, must be allowed (200) or refused (401, 403, 404, 410) exactly as the table says.
//! A server function without a row, or a row without a server function, fails the test.

use crate::common::{contact_form_with, new_client, spawn_app_with, TestApp, DEMO_PASSWORD};
use app::domain::{
    AccessRequest, DelegatedRole, EmailAddress, PartnerId, Password, RelationshipType, TenantId,
    UserId,
};
use app::server::db::{self, users};
use app::server::mail;
use reqwest::{Client, StatusCode};
use std::collections::{BTreeSet, HashMap};

const MATRIX: &str = include_str!("authorization_matrix.csv");

/// The actors of the table's columns that are partners' agents, each with the relationship
/// its partner has with Contoso (`None`: no relationship, or one `build_world` makes itself).
const GENERATED_AGENTS: [(&str, Option<RelationshipType>); 12] = [
    ("reseller", Some(RelationshipType::Reseller)),
    (
        "delegated_admin",
        Some(RelationshipType::DelegatedAdministrator),
    ),
    (
        "reseller_delegated_admin",
        Some(RelationshipType::ResellerAndDelegatedAdministrator),
    ),
    ("partner", Some(RelationshipType::Partner)),
    ("advisor", Some(RelationshipType::Advisor)),
    ("mpsa", Some(RelationshipType::MpsaPartner)),
    ("lob", Some(RelationshipType::LineOfBusinessPartner)),
    (
        "after_end_relationship",
        Some(RelationshipType::DelegatedAdministrator),
    ),
    // A delegated administrator's admin agent, in the team holding its roles.
    (
        "admin_agent",
        Some(RelationshipType::DelegatedAdministrator),
    ),
    // Delegated administrators whose admin relationship expired, or lost Global admin alone.
    (
        "after_expiry",
        Some(RelationshipType::DelegatedAdministrator),
    ),
    (
        "after_role_removed",
        Some(RelationshipType::DelegatedAdministrator),
    ),
    // Delegated administrator holding Billing admin alone.
    ("partner_billing_admin", None),
];

/// An agent of the delegated administrator's partner who is in none of its teams.
const NO_TEAM_AGENT: &str = "no_team_agent";

struct World {
    app: TestApp,
    contoso: TenantId,
    admin: UserId,
    /// Each actor's email (the visitor has none) and signed-in client.
    emails: HashMap<String, String>,
    clients: HashMap<String, Client>,
    /// Each partner actor's partner.
    partners: HashMap<String, PartnerId>,
    /// A partner kept for invitations and one for role removals, so no actor's own
    /// relationship changes while the table is walked.
    invited_partner: PartnerId,
    removable_partner: PartnerId,
    fabrikam: PartnerId,
    counter: std::sync::atomic::AtomicU64,
}

impl World {
    async fn id(&self, sql: &str, value: &str) -> i64 {
        sqlx::query_scalar(sql)
            .bind(value)
            .fetch_one(&self.app.state.db.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql} {value}: {e}"))
    }

    fn unique(&self) -> u64 {
        self.counter
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    async fn new_member(&self) -> UserId {
        let n = self.unique();
        let email = EmailAddress::parse(&format!("member{n}@contoso.example")).expect("email");
        users::insert(
            &self.app.state.db.pool,
            users::NewUser {
                organization: users::NewUserOrganization::Tenant(self.contoso),
                display_name: "Matrix Member",
                email: &email,
                password_hash: "not-a-hash",
                roles: &[],
            },
            db::now_ms(),
        )
        .await
        .expect("insert")
        .expect("new email")
    }

    async fn execute(&self, sql: &str, binds: &[i64]) -> i64 {
        let mut query = sqlx::query_scalar::<_, i64>(sql);
        for bind in binds {
            query = query.bind(*bind);
        }
        query
            .fetch_one(&self.app.state.db.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// A pending invitation from the invitations partner to Contoso; its link's secret.
    async fn new_invitation(&self) -> String {
        let token = app::server::invitation_token::generate();
        let hash = app::server::invitation_token::hash(&token);
        let now = db::now_ms();
        sqlx::query(
            "insert into invitation (partner_id, tenant_id, relationship_type, token_hash, status,
                 sent_by_user_id, created_at, sent_at, expires_at)
             values ($1, $2, 'mpsa_partner', $3, 'pending', $4, $5, $5, $6)",
        )
        .bind(self.invited_partner.get())
        .bind(self.contoso.get())
        .bind(&hash)
        .bind(self.admin.get())
        .bind(now)
        .bind(now + 86_400_000)
        .execute(&self.app.state.db.pool)
        .await
        .expect("invitation");
        token.as_str().to_owned()
    }

    /// The actor's partner's admin relationship in force with Contoso, or (for anyone else)
    /// the delegated administrator's latest, whatever its status.
    async fn admin_relationship_of(&self, actor: &str) -> i64 {
        let latest = |partner: PartnerId, statuses: &'static str| async move {
            sqlx::query_scalar::<_, i64>(&format!(
                "select admin_relationship_id from admin_relationship
                 where tenant_id = $1 and partner_id = $2 and status in ({statuses})
                 order by admin_relationship_id desc limit 1"
            ))
            .bind(self.contoso.get())
            .bind(partner.get())
            .fetch_optional(&self.app.state.db.pool)
            .await
            .expect("query")
        };
        if let Some(own) = match self.partners.get(actor) {
            Some(partner) => latest(*partner, "'active'").await,
            None => None,
        } {
            return own;
        }
        latest(
            self.partners["delegated_admin"],
            "'pending', 'active', 'declined', 'terminated'",
        )
        .await
        .expect("the delegated administrator's admin relationship")
    }

    /// The partner kept for role removals holds a delegated administrator's roles (again).
    async fn give_removable_partner_roles(&self) {
        let mut tx = db::begin_write(&self.app.state.db.pool).await.expect("tx");
        db::relationships::relate_by_default(
            &mut tx,
            self.contoso,
            self.removable_partner,
            RelationshipType::DelegatedAdministrator,
            self.admin,
            db::now_ms(),
        )
        .await
        .expect("roles again");
        tx.commit().await.expect("commit");
    }

    /// A new team of the actor's partner (Fabrikam's, for anyone else).
    async fn new_team(&self, actor: &str) -> i64 {
        let partner = self.partners.get(actor).copied().unwrap_or(self.fabrikam);
        let name = format!("Matrix team {}", self.unique());
        db::teams::create(&self.app.state.db.pool, partner, &name, db::now_ms())
            .await
            .expect("team")
            .expect("a new name")
    }

    /// The actor's own account, when they are a partner's agent (Fabrikam's agent's, for
    /// anyone else).
    async fn agent_of(&self, actor: &str) -> i64 {
        let email = match self.partners.get(actor) {
            Some(_) => self.emails[actor].as_str(),
            None => "agent@fabrikam.example",
        };
        self.id("select user_id from app_user where email = $1", email)
            .await
    }

    /// Fabrikam's only pending invitation (earlier ones are withdrawn, so a resend is no
    /// duplicate).
    async fn new_fabrikam_invitation(&self) -> i64 {
        sqlx::query(
            "update invitation set status = 'revoked' where partner_id = $1 and status = 'pending'",
        )
        .bind(self.fabrikam.get())
        .execute(&self.app.state.db.pool)
        .await
        .expect("withdraw");
        let token = app::server::invitation_token::generate();
        let now = db::now_ms();
        let agent = self
            .id(
                "select user_id from app_user where email = $1",
                "agent@fabrikam.example",
            )
            .await;
        sqlx::query_scalar(
            "insert into invitation (partner_id, tenant_id, relationship_type, token_hash, status,
                 sent_by_user_id, created_at, sent_at, expires_at)
             values ($1, $2, 'lob_partner', $3, 'pending', $4, $5, $5, $6) returning invitation_id",
        )
        .bind(self.fabrikam.get())
        .bind(self.contoso.get())
        .bind(app::server::invitation_token::hash(&token))
        .bind(agent)
        .bind(now)
        .bind(now + 86_400_000)
        .fetch_one(&self.app.state.db.pool)
        .await
        .expect("invitation")
    }

    async fn new_fabrikam_lead(&self) -> i64 {
        let n = self.unique();
        let response = self
            .app
            .call(
                &new_client(),
                "send_contact_request",
                &contact_form_with(
                    &self.fabrikam.to_string(),
                    &[("email", &format!("lead{n}@tailspin.example"))],
                ),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "a lead for the matrix");
        self.execute("select max(lead_id) from lead", &[]).await
    }
}

async fn build_world() -> World {
    let app = spawn_app_with(|settings| {
        // The walk sends many contact requests from one address.
        settings.contact_limits.per_client = 10_000;
        settings.contact_limits.per_email = 10_000;
    })
    .await;
    let pool = app.state.db.pool.clone();
    let id = |sql: &'static str, value: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(value)
                .fetch_one(&pool)
                .await
                .unwrap_or_else(|e| panic!("{value}: {e}"))
        }
    };
    let contoso = TenantId::new(
        id(
            "select tenant_id from tenant where primary_domain = $1",
            "contoso.example",
        )
        .await,
    );
    let admin = UserId::new(
        id(
            "select user_id from app_user where email = $1",
            "admin@contoso.example",
        )
        .await,
    );
    let fabrikam = PartnerId::new(
        id(
            "select partner_id from partner where name = $1",
            "Fabrikam Solutions",
        )
        .await,
    );
    let generated: Vec<i64> = sqlx::query_scalar(
        "select partner_id from partner where name not in ('Fabrikam Solutions', 'Adatum Consulting')
         order by partner_id limit 14",
    )
    .fetch_all(&pool)
    .await
    .expect("generated partners");
    let now = db::now_ms();
    let password_hash = app::server::password::hash_blocking(
        &Password::parse_new(DEMO_PASSWORD).expect("demo password"),
    )
    .expect("hash");

    let mut emails: HashMap<String, String> = [
        ("user", "user@contoso.example"),
        ("helpdesk", "helpdesk@contoso.example"),
        ("billing", "billing@contoso.example"),
        ("global", "admin@contoso.example"),
        ("other_tenant_global", "admin@northwind.example"),
        ("unrelated_partner", "agent@adatum.example"),
        ("after_remove_roles", "agent@fabrikam.example"),
    ]
    .into_iter()
    .map(|(actor, email)| (actor.to_owned(), email.to_owned()))
    .collect();
    let mut partners = HashMap::new();
    partners.insert("after_remove_roles".to_owned(), fabrikam);
    partners.insert(
        "unrelated_partner".to_owned(),
        PartnerId::new(
            id(
                "select partner_id from partner where name = $1",
                "Adatum Consulting",
            )
            .await,
        ),
    );
    let relate = |partner: PartnerId, kind: RelationshipType| {
        let pool = pool.clone();
        async move {
            let mut tx = db::begin_write(&pool).await.expect("transaction");
            db::relationships::relate_by_default(
                &mut tx,
                contoso,
                partner,
                kind,
                admin,
                db::now_ms(),
            )
            .await
            .expect("relationship");
            tx.commit().await.expect("commit");
        }
    };
    let new_agent = |actor: &'static str, partner: PartnerId| {
        let (pool, password_hash) = (pool.clone(), password_hash.clone());
        async move {
            let email = format!("{actor}@matrix.example").replace('_', "-");
            let user = users::insert(
                &pool,
                users::NewUser {
                    organization: users::NewUserOrganization::Partner(partner),
                    display_name: actor,
                    email: &EmailAddress::parse(&email).expect("email"),
                    password_hash: &password_hash,
                    roles: &[],
                },
                now,
            )
            .await
            .expect("insert")
            .expect("new agent");
            (email, user)
        }
    };
    for ((actor, kind), partner) in GENERATED_AGENTS.iter().zip(&generated) {
        let partner = PartnerId::new(*partner);
        let (email, user) = new_agent(actor, partner).await;
        if *actor == "admin_agent" {
            db::teams::make_admin_agent(&pool, user)
                .await
                .expect("admin agent");
        }
        if let Some(kind) = kind {
            relate(partner, *kind).await;
        }
        emails.insert((*actor).to_owned(), email);
        partners.insert((*actor).to_owned(), partner);
    }
    let sql = |sql: &'static str, partner: PartnerId| {
        let pool = pool.clone();
        async move {
            sqlx::query(sql)
                .bind(partner.get())
                .bind(now)
                .execute(&pool)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
    };
    sql(
        "update admin_relationship set ends_at = $2 - 1 where partner_id = $1",
        partners["after_expiry"],
    )
    .await;
    sql(
        "update admin_relationship_role set state = 'removed', decided_at = $2
         where role = 'global_admin' and admin_relationship_id in
             (select admin_relationship_id from admin_relationship where partner_id = $1)",
        partners["after_role_removed"],
    )
    .await;
    let grant = |partner: PartnerId,
                 kind: RelationshipType,
                 name: &'static str,
                 roles: Vec<DelegatedRole>| {
        let pool = pool.clone();
        async move {
            let mut tx = db::begin_write(&pool).await.expect("transaction");
            db::relationships::add_type(&mut tx, contoso, partner, kind, now)
                .await
                .expect("type");
            let request = AccessRequest {
                name: name.to_owned(),
                roles,
                duration_days: 90,
                auto_extend: false,
                teams: Vec::new(),
            };
            db::admin_access::grant(&mut tx, contoso, partner, &request, admin, now)
                .await
                .expect("grant")
                .expect("a new name");
            tx.commit().await.expect("commit");
        }
    };
    grant(
        partners["partner_billing_admin"],
        RelationshipType::DelegatedAdministrator,
        "Billing",
        vec![DelegatedRole::BillingAdmin],
    )
    .await;
    // The delegated administrator's agent in no team; a second admin relationship, so both
    // its agents have one to end.
    let delegated = partners["delegated_admin"];
    let (email, _) = new_agent(NO_TEAM_AGENT, delegated).await;
    emails.insert(NO_TEAM_AGENT.to_owned(), email);
    partners.insert(NO_TEAM_AGENT.to_owned(), delegated);
    grant(
        delegated,
        RelationshipType::DelegatedAdministrator,
        "Second access",
        vec![DelegatedRole::HelpdeskAdmin],
    )
    .await;
    // Fabrikam held Reseller & delegated administrator; Contoso removed its roles.
    relate(
        fabrikam,
        RelationshipType::ResellerAndDelegatedAdministrator,
    )
    .await;
    db::relationships::remove_roles(&pool, contoso, fabrikam, admin, mail::roles_removed, now)
        .await
        .expect("remove roles");
    let ended = partners["after_end_relationship"];
    let ended_agent = UserId::new(
        id(
            "select user_id from app_user where email = $1",
            "after-end-relationship@matrix.example",
        )
        .await,
    );
    assert!(db::relationships::end(
        &pool,
        ended,
        contoso,
        db::relationships::EndedBy::Partner(ended_agent),
        mail::relationship_ended,
        now
    )
    .await
    .expect("end"));
    // Contoso accepted the agreement in force, so reselling is open.
    db::agreements::accept(&pool, contoso, admin, "1.0", now)
        .await
        .expect("agreement");

    let mut clients = HashMap::new();
    clients.insert("visitor".to_owned(), new_client());
    for (actor, email) in &emails {
        clients.insert(actor.clone(), app.sign_in_as(email).await);
    }
    let invited_partner = PartnerId::new(generated[GENERATED_AGENTS.len()]);
    let removable_partner = PartnerId::new(generated[GENERATED_AGENTS.len() + 1]);
    relate(removable_partner, RelationshipType::DelegatedAdministrator).await;
    World {
        app,
        contoso,
        admin,
        emails,
        clients,
        partners,
        invited_partner,
        removable_partner,
        fabrikam,
        counter: Default::default(),
    }
}

/// A call: GET with a query, or POST with a form.
enum Call {
    Get(Vec<(String, String)>),
    Post(Vec<(String, String)>),
}

fn post(fields: &[(&str, String)]) -> Call {
    Call::Post(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    )
}

/// Arguments that make `function` a valid call, so only authorization decides the answer.
async fn arguments(world: &World, function: &str, actor: &str) -> Call {
    let tenant = world.contoso.to_string();
    let n = world.unique();
    match function {
        "sign_in" | "sign_out" => post(&[
            (
                "email",
                world
                    .emails
                    .get(actor)
                    .cloned()
                    .unwrap_or_else(|| "user@contoso.example".to_owned()),
            ),
            ("password", DEMO_PASSWORD.to_owned()),
        ]),
        // Last in the table: the demo password is then gone.
        "change_password" => post(&[
            ("current_password", DEMO_PASSWORD.to_owned()),
            ("new_password", format!("{DEMO_PASSWORD} {n}")),
            ("confirm_password", format!("{DEMO_PASSWORD} {n}")),
        ]),
        // Near the end of the table: it locks the caller's tenant down until the next row.
        "revoke_all_partner_access" => {
            let name: Option<String> = sqlx::query_scalar(
                "select t.name from tenant t join app_user u on u.tenant_id = t.tenant_id
                 where u.email = $1",
            )
            .bind(world.emails.get(actor).cloned().unwrap_or_default())
            .fetch_optional(&world.app.state.db.pool)
            .await
            .expect("the actor's tenant");
            post(&[
                ("tenant_name", name.unwrap_or_else(|| "Contoso".to_owned())),
                ("reason", "The authorization matrix".to_owned()),
            ])
        }
        "list_leads" => post(&[("status", String::new())]),
        "set_language" => post(&[("language", "zh-CN".to_owned())]),
        "current_user"
        | "load_contact_defaults"
        | "fetch_partner_profile"
        | "list_sent_contact_requests"
        | "fetch_tenant_profile"
        | "list_invitations"
        | "list_partner_relationships"
        | "partner_activity"
        | "partner_activity_filters"
        | "list_customers"
        | "list_products"
        | "end_partner_lockdown" => post(&[]),
        "search_partners" => Call::Get(vec![
            ("params[q]".to_owned(), "cloud".to_owned()),
            ("params[country]".to_owned(), String::new()),
            ("params[region]".to_owned(), String::new()),
            ("params[city]".to_owned(), String::new()),
            ("params[size]".to_owned(), String::new()),
            ("params[page]".to_owned(), "1".to_owned()),
        ]),
        "get_customer_agreement" => Call::Get(vec![("version".to_owned(), String::new())]),
        "chosen_partners" => post(&[("partners", world.fabrikam.to_string())]),
        "send_contact_request" => {
            let email = format!("matrix{n}@tailspin.example");
            let fabrikam = world.fabrikam.to_string();
            Call::Post(
                contact_form_with(&fabrikam, &[("email", &email)])
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
            )
        }
        "get_lead" => post(&[("lead_id", world.new_fabrikam_lead().await.to_string())]),
        "update_lead_status" => post(&[
            ("lead_id", world.new_fabrikam_lead().await.to_string()),
            ("status", "contacted".to_owned()),
        ]),
        "send_invitation" => {
            // A colleague's invitation of the same partner is withdrawn, so none is pending.
            if let Some(partner) = world.partners.get(actor) {
                sqlx::query(
                    "update invitation set status = 'revoked'
                     where partner_id = $1 and status = 'pending'",
                )
                .bind(partner.get())
                .execute(&world.app.state.db.pool)
                .await
                .expect("withdrawn");
            }
            post(&[
                ("tenant_domain", "northwind.example".to_owned()),
                ("relationship_type", "reseller".to_owned()),
                ("message", String::new()),
                ("lead_id", String::new()),
            ])
        }
        "revoke_invitation" | "resend_invitation" => post(&[(
            "invitation_id",
            world.new_fabrikam_invitation().await.to_string(),
        )]),
        "load_invitation" | "decline_invitation" => {
            post(&[("token", world.new_invitation().await)])
        }
        "accept_invitation" => post(&[
            ("token", world.new_invitation().await),
            ("agreement_version", "1.0".to_owned()),
            ("acknowledged", "on".to_owned()),
        ]),
        "accept_customer_agreement" => post(&[
            ("agreement_version", "1.0".to_owned()),
            ("acknowledged", "on".to_owned()),
        ]),
        "get_partner_relationship" => {
            post(&[("partner_id", world.partners["reseller"].to_string())])
        }
        "remove_partner_roles" => {
            world.give_removable_partner_roles().await;
            post(&[("partner_id", world.removable_partner.to_string())])
        }
        "end_partner_relationship" => {
            world.give_removable_partner_roles().await;
            post(&[
                ("partner_id", world.removable_partner.to_string()),
                ("note", String::new()),
            ])
        }
        "change_admin_access" => {
            world.give_removable_partner_roles().await;
            let access: i64 = sqlx::query_scalar(
                "select admin_relationship_id from admin_relationship
                 where partner_id = $1 and status = 'active'",
            )
            .bind(world.removable_partner.get())
            .fetch_one(&world.app.state.db.pool)
            .await
            .expect("an admin relationship");
            post(&[
                ("partner_id", world.removable_partner.to_string()),
                ("admin_relationship_id", access.to_string()),
                // End access: the next row's setup grants it afresh.
                ("role", String::new()),
            ])
        }
        "set_auto_extend" => post(&[
            (
                "admin_relationship_id",
                world.admin_relationship_of(actor).await.to_string(),
            ),
            ("on", "off".to_owned()),
        ]),
        "end_admin_access" => post(&[(
            "admin_relationship_id",
            world.admin_relationship_of(actor).await.to_string(),
        )]),
        "end_relationship" => {
            // Its colleague's column ended their partner's relationship a moment ago.
            if actor == NO_TEAM_AGENT {
                let mut tx = db::begin_write(&world.app.state.db.pool)
                    .await
                    .expect("transaction");
                db::relationships::add_type(
                    &mut tx,
                    world.contoso,
                    world.partners[actor],
                    RelationshipType::DelegatedAdministrator,
                    db::now_ms(),
                )
                .await
                .expect("related again");
                tx.commit().await.expect("commit");
            }
            post(&[("tenant_id", tenant)])
        }
        "list_teams" => post(&[]),
        "load_profile_form" => post(&[]),
        "update_partner_profile" => post(&[
            ("description", format!("Matrix entry {n}")),
            ("website", "https://matrix.example".to_owned()),
            ("contact_email", "matrix@matrix.example".to_owned()),
            ("services[]", "Networking".to_owned()),
            ("industries[]", "Retail".to_owned()),
            ("location_country[]", "US".to_owned()),
            ("location_region[]", String::new()),
            ("location_city[]", String::new()),
            ("sizes[]", "1-10".to_owned()),
            ("relationship_types[]", "reseller".to_owned()),
        ]),
        "create_team" => post(&[("name", format!("Matrix team {n}"))]),
        "delete_team" => post(&[("team_id", world.new_team(actor).await.to_string())]),
        "set_team_member" => {
            let (team, user) = (world.new_team(actor).await, world.agent_of(actor).await);
            post(&[
                ("team_id", team.to_string()),
                ("user_id", user.to_string()),
                ("member", "yes".to_owned()),
            ])
        }
        "assign_teams" => {
            // What the relationship's teams hold already: the walk's next rows keep it.
            let access = world.admin_relationship_of(actor).await;
            let held: Vec<(i64, String)> = sqlx::query_as(
                "select team_id, role from admin_relationship_team_role
                 where admin_relationship_id = $1",
            )
            .bind(access)
            .fetch_all(&world.app.state.db.pool)
            .await
            .expect("holdings");
            let mut form = vec![("admin_relationship_id", access.to_string())];
            form.extend(
                held.into_iter()
                    .map(|(team, role)| ("holdings[]", format!("{team}:{role}"))),
            );
            post(&form)
        }
        "get_tenant_screen" => post(&[("tenant_id", tenant), ("area", "users".to_owned())]),
        "get_tenant_overview"
        | "list_tenant_users"
        | "list_subscriptions"
        | "list_incidents"
        | "list_lob_apps"
        | "get_partner_account" => post(&[("tenant_id", tenant)]),
        "create_tenant_user" => post(&[
            ("tenant_id", tenant),
            ("display_name", format!("New Member {n}")),
            ("email", format!("new{n}@contoso.example")),
        ]),
        "disable_tenant_user" | "reset_user_password" => post(&[
            ("tenant_id", tenant),
            ("user_id", world.new_member().await.to_string()),
        ]),
        "assign_license" => {
            let subscription = world
                .execute(
                    "insert into subscription (tenant_id, product_id, seats, purchased_at, purchased_by_user_id)
                     values ($1, 'm365-e3', 5, $2, $3) returning subscription_id",
                    &[world.contoso.get(), db::now_ms(), world.admin.get()],
                )
                .await;
            post(&[
                ("tenant_id", tenant),
                ("subscription_id", subscription.to_string()),
                ("user_id", world.new_member().await.to_string()),
            ])
        }
        "place_order" => post(&[
            ("tenant_id", tenant),
            ("product_id", "m365-business-basic".to_owned()),
            ("seats", "3".to_owned()),
        ]),
        "open_incident" => post(&[
            ("tenant_id", tenant),
            ("title", format!("Incident {n}")),
            ("description", "Mail stopped arriving.".to_owned()),
        ]),
        "update_incident" => {
            let incident = world
                .execute(
                    "insert into support_incident (tenant_id, title, status, opened_by_user_id, opened_at)
                     values ($1, 'Printer', 'open', $2, $3) returning incident_id",
                    &[world.contoso.get(), world.admin.get(), db::now_ms()],
                )
                .await;
            post(&[
                ("tenant_id", tenant),
                ("incident_id", incident.to_string()),
                ("comment", "Looking into it.".to_owned()),
            ])
        }
        "submit_lob_app" => post(&[
            ("tenant_id", tenant),
            ("name", format!("Expenses {n}")),
            ("version", "1.0".to_owned()),
        ]),
        "set_lob_app_status" => {
            // The LOB partner's own app: a partner changes only the apps it submitted.
            let app_id = world
                .execute(
                    "insert into lob_app (tenant_id, partner_id, name, version, status, created_at, updated_at)
                     values ($1, $2, 'App ' || $3, '1.0', 'submitted', $4, $4) returning lob_app_id",
                    &[
                        world.contoso.get(),
                        world.partners["lob"].get(),
                        n as i64,
                        db::now_ms(),
                    ],
                )
                .await;
            post(&[
                ("tenant_id", tenant),
                ("lob_app_id", app_id.to_string()),
                ("status", "published".to_owned()),
            ])
        }
        "set_mpsa_sharing" => post(&[("tenant_id", tenant), ("shared", "on".to_owned())]),
        "set_partner_account" => post(&[
            ("tenant_id", tenant),
            ("partner_id", world.partners["partner"].to_string()),
            ("email", "user@contoso.example".to_owned()),
        ]),
        other => panic!("no arguments for {other}: add them here and a row to the table"),
    }
}

#[tokio::test]
async fn every_server_function_allows_and_refuses_exactly_the_actors_in_the_table() {
    let mut lines = MATRIX.lines().filter(|line| !line.starts_with('#'));
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let actors = &header[1..];
    let rows: Vec<(&str, Vec<bool>)> = lines
        .map(|line| {
            let mut cells = line.split(',');
            let function = cells.next().expect("function");
            let allowed: Vec<bool> = cells
                .map(|cell| match cell {
                    "yes" => true,
                    "no" => false,
                    other => panic!("{function}: cell {other:?} is neither yes nor no"),
                })
                .collect();
            assert_eq!(
                allowed.len(),
                actors.len(),
                "{function}: one cell per actor"
            );
            (function, allowed)
        })
        .collect();

    let world = build_world().await;

    // Every server function has a row, and every row a server function.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = rows.iter().map(|(f, _)| (*f).to_owned()).collect();
    assert_eq!(
        registered.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "server functions missing from authorization_matrix.csv"
    );
    assert_eq!(
        listed.difference(&registered).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "rows of authorization_matrix.csv naming no server function"
    );

    let mut differences = Vec::new();
    for (function, allowed) in &rows {
        for (actor, expected) in actors.iter().zip(allowed) {
            let client = match *function {
                // Signing in or out, or a new password, must not change the session the rest
                // of the walk uses.
                "sign_in" => new_client(),
                "sign_out" | "change_password" if *actor == "visitor" => new_client(),
                "sign_out" | "change_password" => world.app.sign_in_as(&world.emails[*actor]).await,
                _ => world.clients[*actor].clone(),
            };
            let response = match arguments(&world, function, actor).await {
                Call::Post(form) => {
                    let form: Vec<(&str, &str)> =
                        form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    world.app.call(&client, function, &form).await
                }
                Call::Get(query) => client
                    .get(world.app.url(&format!("/api/{function}")))
                    .query(&query)
                    .send()
                    .await
                    .expect("the server answers"),
            };
            let status = response.status();
            let outcome = match status {
                StatusCode::OK => Some(true),
                StatusCode::UNAUTHORIZED
                | StatusCode::FORBIDDEN
                | StatusCode::NOT_FOUND
                | StatusCode::GONE => Some(false),
                _ => None,
            };
            if outcome != Some(*expected) {
                let body = response.text().await.unwrap_or_default();
                differences.push(format!(
                    "{function} × {actor}: expected {}, got {status} {body}",
                    if *expected { "allowed" } else { "refused" }
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} cells differ from authorization_matrix.csv:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
