//! The steps the demo history is told in. Each does what the app does for that step, through
//! the same database functions and their rules (a partner acts only while its relationship
//! allows it), as of a moment in the past.

use super::{Agent, DemoError};
use app::domain::{
    AccessRequest, AdminRole, ContactRequest, CountryCode, DelegatedRole, EmailAddress, LeadQuery,
    LeadStatus, LobAppStatus, NewInvitation, OrganizationSize, PartnerId, Power, RelationshipType,
    TenantDomain, TenantId, UserId,
};
use app::server::db::{
    self,
    invitations::Sending,
    leads::Sender,
    relationships::RolesRemoval,
    tenant_admin::Acting,
    tenants::NewTenant,
    users::{NewUser, NewUserOrganization},
    Db,
};
use app::server::mail;
use sqlx::AnyPool;

const HOUR: i64 = 60 * 60 * 1000;
const DAY: i64 = 24 * HOUR;

/// People of the history who never sign in: no password matches this (it is no hash).
const NO_PASSWORD: &str = "!";

/// The temporary password an admin gave a member of the history at `at_ms`: it matches
/// nothing, and its day is long over.
fn history_password(at_ms: i64) -> db::tenant_admin::users::TemporaryPasswordHash<'static> {
    db::tenant_admin::users::TemporaryPasswordHash {
        hash: NO_PASSWORD,
        until_ms: at_ms + DAY,
    }
}

/// The name of the admin relationship an invitation of `kind` asks for in the history.
pub fn access_name(kind: RelationshipType) -> &'static str {
    match kind {
        RelationshipType::Advisor => "First-line support",
        _ => "Tenant administration",
    }
}

/// A moment of the history: so many days and hours before the seed ran.
#[derive(Debug, Clone, Copy)]
pub struct Ago {
    days: i64,
    hours: i64,
}

pub const fn ago(days: i64, hours: i64) -> Ago {
    Ago { days, hours }
}

impl Ago {
    pub fn before(self, now: i64) -> i64 {
        now - self.days * DAY - self.hours * HOUR
    }
}

/// Who acts inside a tenant: one of its members, or a partner's agent.
#[derive(Debug, Clone, Copy)]
pub enum Who {
    Member { tenant: TenantId, user: UserId },
    Agent { tenant: TenantId, agent: Agent },
}

impl Who {
    fn acting(self, power: Power, now_ms: i64) -> Acting {
        match self {
            Who::Member { tenant, user } => Acting {
                tenant_id: tenant,
                user_id: user,
                partner_id: None,
                power,
                now_ms,
            },
            Who::Agent { tenant, agent } => Acting {
                tenant_id: tenant,
                user_id: agent.user,
                partner_id: Some(agent.partner),
                power,
                now_ms,
            },
        }
    }
}

/// What a contact form says.
pub struct Inquiry<'a> {
    pub company: &'a str,
    pub contact: &'a str,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub size: OrganizationSize,
    pub country: &'a str,
    pub city: Option<&'a str>,
    pub needs: &'a str,
}

fn refused(step: &'static str, refusal: impl std::fmt::Debug) -> DemoError {
    DemoError::Refused {
        step,
        refusal: format!("{refusal:?}"),
    }
}

pub struct Story<'a> {
    pub pool: &'a AnyPool,
    now: i64,
    /// Links in the history's mail; that mail never goes out (`finish`).
    public_url: url::Url,
    agreement_version: String,
}

impl<'a> Story<'a> {
    pub async fn new(db: &'a Db, now: i64) -> Result<Self, DemoError> {
        let agreement_version = db::agreements::current(&db.pool)
            .await?
            .ok_or(DemoError::Invalid("no Customer Agreement"))?
            .version;
        let public_url =
            url::Url::parse(&format!("http://{}/", crate::config::DEFAULT_LISTEN_ADDR))
                .map_err(|_| DemoError::Invalid("public URL"))?;
        Ok(Self {
            pool: &db.pool,
            now,
            public_url,
            agreement_version,
        })
    }

    pub fn at(&self, when: Ago) -> i64 {
        when.before(self.now)
    }

    /// The history's mail was delivered back then, so none of it goes out now; the
    /// invitations' rate-limit windows are long over.
    pub async fn finish(&self) -> Result<(), DemoError> {
        db::outbox::mark_sent_as_written(self.pool, self.now).await?;
        db::rate_limit::prune(self.pool, self.now).await?;
        Ok(())
    }

    pub async fn tenant(
        &self,
        when: Ago,
        name: &str,
        domain: &str,
        country: &str,
        size: OrganizationSize,
    ) -> Result<TenantId, DemoError> {
        let domain = super::domain(domain)?;
        let country = CountryCode::parse(country).map_err(|_| DemoError::Invalid("country"))?;
        Ok(db::tenants::insert(
            self.pool,
            NewTenant {
                name,
                primary_domain: &domain,
                country,
                size,
            },
            self.at(when),
        )
        .await?)
    }

    /// Someone of the history who never signs in: a tenant's admin, a partner's agent.
    pub async fn person(
        &self,
        when: Ago,
        organization: NewUserOrganization,
        name: &str,
        email: &str,
        roles: &[AdminRole],
    ) -> Result<UserId, DemoError> {
        let email = EmailAddress::parse(email).map_err(|_| DemoError::Invalid("email"))?;
        db::users::insert(
            self.pool,
            NewUser {
                organization,
                display_name: name,
                email: &email,
                password_hash: NO_PASSWORD,
                roles,
            },
            self.at(when),
        )
        .await?
        .ok_or(DemoError::Invalid("a person's email is taken"))
    }

    /// A contact request to `partners`, by a signed-in admin (`sender`) or a visitor; the lead
    /// each partner got, in the order of `partners`.
    pub async fn contact<const N: usize>(
        &self,
        when: Ago,
        inquiry: &Inquiry<'_>,
        sender: Option<Sender>,
        partners: [PartnerId; N],
    ) -> Result<[i64; N], DemoError> {
        let request = ContactRequest {
            partners: partners.to_vec(),
            business_needs: inquiry.needs.to_owned(),
            contact_name: inquiry.contact.to_owned(),
            email: EmailAddress::parse(inquiry.email)
                .map_err(|_| DemoError::Invalid("contact email"))?,
            phone: inquiry.phone.map(str::to_owned),
            company: inquiry.company.to_owned(),
            size: inquiry.size,
            country: CountryCode::parse(inquiry.country)
                .map_err(|_| DemoError::Invalid("country"))?,
            city: inquiry.city.map(str::to_owned),
        };
        let at = self.at(when);
        let compose = |lead: &mail::NewLead<'_>| mail::new_lead(lead, &self.public_url);
        db::leads::create_contact_request(self.pool, &request, sender, compose, at)
            .await?
            .ok_or(DemoError::Invalid("contact request to an unknown partner"))?;
        // Each partner's lead is the one it received from this company at that moment.
        let mut leads = [0; N];
        for (lead, partner) in leads.iter_mut().zip(partners) {
            let mut query = LeadQuery {
                status: None,
                page: 1,
            };
            *lead = loop {
                let received = db::leads::list_for_partner(self.pool, partner, &query).await?;
                let found = received
                    .leads
                    .iter()
                    .filter(|lead| lead.received_at_ms == at && lead.company == inquiry.company)
                    .map(|lead| lead.lead_id)
                    .max();
                match found {
                    Some(lead_id) => break lead_id,
                    None if query.page >= received.page_count() => {
                        return Err(DemoError::Invalid("lead"))
                    }
                    None => query.page += 1,
                }
            };
        }
        Ok(leads)
    }

    /// The partner's agent marks its lead contacted, or closes it.
    pub async fn lead(
        &self,
        when: Ago,
        partner: PartnerId,
        lead: i64,
        from: LeadStatus,
        to: LeadStatus,
    ) -> Result<(), DemoError> {
        if !from.can_become(to) {
            return Err(refused("lead status", (from, to)));
        }
        db::leads::change_status(self.pool, partner, lead, from, to, self.at(when))
            .await?
            .then_some(())
            .ok_or_else(|| refused("lead status", (lead, from, to)))
    }

    /// The agent invites the tenant with `domain`, from a lead or not, leaving the admin
    /// relationship's fields as the form starts them.
    pub async fn invite(
        &self,
        when: Ago,
        agent: Agent,
        domain: &str,
        kind: RelationshipType,
        lead: Option<i64>,
        message: Option<&str>,
    ) -> Result<i64, DemoError> {
        let access = AccessRequest::default_for(kind, access_name(kind));
        self.invite_for(when, agent, domain, kind, access, lead, message)
            .await
    }

    /// The agent asks the tenant with `domain` for the admin relationship `access`.
    pub async fn ask_access(
        &self,
        when: Ago,
        agent: Agent,
        domain: &str,
        access: AccessRequest,
        message: &str,
    ) -> Result<i64, DemoError> {
        let kind = RelationshipType::DelegatedAdministrator;
        self.invite_for(when, agent, domain, kind, Some(access), None, Some(message))
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn invite_for(
        &self,
        when: Ago,
        agent: Agent,
        domain: &str,
        kind: RelationshipType,
        access: Option<AccessRequest>,
        lead: Option<i64>,
        message: Option<&str>,
    ) -> Result<i64, DemoError> {
        // The agent leaves no team out (a partner without teams gets one of all its agents).
        let access = match access {
            Some(mut access) if access.teams.is_empty() => {
                let mut tx = db::begin_write(self.pool).await?;
                access.teams = db::teams::every_team(&mut tx, agent.partner, self.at(when)).await?;
                tx.commit().await?;
                Some(access)
            }
            other => other,
        };
        let token = app::server::invitation_token::generate();
        let sending = Sending {
            partner_id: agent.partner,
            agent: agent.user,
            token_hash: app::server::invitation_token::hash(&token),
            ttl_ms: app::server::state::DEFAULT_INVITATION_TTL_DAYS as i64 * DAY,
            limits: app::server::state::InvitationLimits::default(),
        };
        let link = mail::invitation_link(&self.public_url, &token);
        let invitation = NewInvitation {
            tenant_domain: TenantDomain::parse(domain).map_err(|_| DemoError::Invalid("domain"))?,
            relationship_type: kind,
            message: message.map(str::to_owned),
            lead_id: lead,
            access,
        };
        let compose = |sent: &mail::InvitationSent<'_>| mail::invitation(sent, &link);
        db::invitations::send(self.pool, sending, &invitation, compose, self.at(when))
            .await?
            .map_err(|refusal| refused("invitation", refusal))
    }

    /// A Global or Billing admin of the invited tenant accepts, with the Customer Agreement,
    /// granting every admin role asked for.
    pub async fn accept(&self, when: Ago, invitation: i64, admin: UserId) -> Result<(), DemoError> {
        let asked: Vec<DelegatedRole> = self
            .access_asked(when, invitation)
            .await?
            .map(|access| access.asked().collect())
            .unwrap_or_default();
        self.accept_roles(when, invitation, admin, &asked).await
    }

    async fn access_asked(
        &self,
        when: Ago,
        invitation: i64,
    ) -> Result<Option<app::domain::AdminRelationship>, DemoError> {
        let mut connection = self.pool.acquire().await?;
        Ok(db::admin_access::for_invitation(&mut connection, invitation, self.at(when)).await?)
    }

    /// As `accept`, granting only `granted` of the admin roles asked for.
    pub async fn accept_roles(
        &self,
        when: Ago,
        invitation: i64,
        admin: UserId,
        granted: &[DelegatedRole],
    ) -> Result<(), DemoError> {
        let record = self.invitation(when, invitation).await?;
        let compose = |types, approval: Option<&db::admin_access::Approval>| {
            mail::invitation_accepted(
                &record.tenant_name,
                record.relationship_type,
                types,
                approval,
            )
        };
        db::invitations::accept(
            self.pool,
            &record,
            admin,
            &self.agreement_version,
            granted,
            compose,
            self.at(when),
        )
        .await?
        .map(|_| ())
        .map_err(|refusal| refused("accepting an invitation", refusal))
    }

    /// An admin of the invited tenant cancels the invitation.
    pub async fn decline(
        &self,
        when: Ago,
        invitation: i64,
        admin: UserId,
    ) -> Result<(), DemoError> {
        let record = self.invitation(when, invitation).await?;
        let email = mail::invitation_declined(&record.tenant_name, record.relationship_type);
        db::invitations::decline(self.pool, &record, admin, &email, self.at(when))
            .await?
            .map_err(|refusal| refused("declining an invitation", refusal))
    }

    async fn invitation(
        &self,
        when: Ago,
        invitation: i64,
    ) -> Result<db::invitations::InvitationRecord, DemoError> {
        let mut connection = self.pool.acquire().await?;
        db::invitations::find_by_id(&mut connection, invitation, self.at(when))
            .await?
            .ok_or(DemoError::Invalid("invitation"))
    }

    /// The tenant's admin removes one role from the admin relationship an invitation asked for.
    pub async fn remove_role(
        &self,
        when: Ago,
        tenant: TenantId,
        partner: PartnerId,
        invitation: i64,
        role: DelegatedRole,
        admin: UserId,
    ) -> Result<(), DemoError> {
        let access = self
            .access_asked(when, invitation)
            .await?
            .ok_or(DemoError::Invalid("an invitation without admin roles"))?;
        db::admin_access::change_by_customer(
            self.pool,
            tenant,
            partner,
            db::admin_access::CustomerChange::RemoveRole(access.id, role),
            admin,
            mail::access_changed,
            self.at(when),
        )
        .await?
        .then_some(())
        .ok_or_else(|| refused("removing a role", (access.id, role)))
    }

    /// The end-date job runs at `when`, as a server running then would have run it: the
    /// reminders and end notices due then are sent (and count as sent back then).
    pub async fn keep_end_dates(&self, when: Ago) -> Result<(), DemoError> {
        db::access_end_dates::send_due(self.pool, mail::access_notice, self.at(when)).await?;
        Ok(())
    }

    /// The tenant's admin removes every admin role the partner holds there.
    pub async fn remove_roles(
        &self,
        when: Ago,
        tenant: TenantId,
        partner: PartnerId,
        admin: UserId,
    ) -> Result<(), DemoError> {
        match db::relationships::remove_roles(
            self.pool,
            tenant,
            partner,
            admin,
            mail::roles_removed,
            self.at(when),
        )
        .await?
        {
            RolesRemoval::Removed => Ok(()),
            other => Err(refused("removing roles", other)),
        }
    }

    /// Buys seats of a product; the subscription.
    pub async fn order(
        &self,
        when: Ago,
        who: Who,
        product: &str,
        seats: i64,
    ) -> Result<i64, DemoError> {
        db::tenant_admin::subscriptions::place_order(
            self.pool,
            who.acting(Power::PlaceOrder, self.at(when)),
            product,
            seats,
            self.at(when),
        )
        .await?
        .ok_or(DemoError::Invalid("product"))
    }

    /// Adds a member of the tenant (who never signs in in the demo).
    pub async fn add_user(
        &self,
        when: Ago,
        who: Who,
        name: &str,
        email: &str,
    ) -> Result<UserId, DemoError> {
        let email = EmailAddress::parse(email).map_err(|_| DemoError::Invalid("email"))?;
        db::tenant_admin::users::create_user(
            self.pool,
            who.acting(Power::CreateUser, self.at(when)),
            name,
            &email,
            history_password(self.at(when)),
            self.at(when),
        )
        .await?
        .ok_or(DemoError::Invalid("a member's email is taken"))
    }

    pub async fn assign_license(
        &self,
        when: Ago,
        who: Who,
        subscription: i64,
        user: UserId,
    ) -> Result<(), DemoError> {
        db::tenant_admin::users::assign_license(
            self.pool,
            who.acting(Power::AssignLicense, self.at(when)),
            subscription,
            user,
            self.at(when),
        )
        .await?
        .map_err(|refusal| refused("assigning a license", refusal))
    }

    /// Resets a member's password (the one-time password went to the member back then).
    pub async fn reset_password(&self, when: Ago, who: Who, user: UserId) -> Result<(), DemoError> {
        db::tenant_admin::users::set_password(
            self.pool,
            who.acting(Power::ResetPassword, self.at(when)),
            user,
            history_password(self.at(when)),
            self.at(when),
            self.at(when),
        )
        .await?
        .map(|_| ())
        .map_err(|refusal| refused("resetting a password", refusal))
    }

    pub async fn open_incident(
        &self,
        when: Ago,
        who: Who,
        title: &str,
        description: &str,
    ) -> Result<i64, DemoError> {
        Ok(db::tenant_admin::incidents::open_incident(
            self.pool,
            who.acting(Power::ManageIncidents, self.at(when)),
            title,
            description,
            self.at(when),
        )
        .await?)
    }

    /// Comments on an open incident, closing it with `close`.
    pub async fn comment(
        &self,
        when: Ago,
        who: Who,
        incident: i64,
        text: &str,
        close: bool,
    ) -> Result<(), DemoError> {
        db::tenant_admin::incidents::update_incident(
            self.pool,
            who.acting(Power::ManageIncidents, self.at(when)),
            incident,
            Some(text),
            close,
            self.at(when),
        )
        .await?
        .then_some(())
        .ok_or_else(|| refused("commenting", incident))
    }

    pub async fn submit_app(
        &self,
        when: Ago,
        who: Who,
        name: &str,
        version: &str,
    ) -> Result<i64, DemoError> {
        Ok(db::tenant_admin::apps::submit_lob_app(
            self.pool,
            who.acting(Power::ManageLobApps, self.at(when)),
            name,
            version,
            self.at(when),
        )
        .await?)
    }

    pub async fn publish_app(&self, when: Ago, who: Who, app: i64) -> Result<(), DemoError> {
        db::tenant_admin::apps::set_lob_app_status(
            self.pool,
            who.acting(Power::ManageLobApps, self.at(when)),
            app,
            LobAppStatus::Published,
            self.at(when),
        )
        .await?
        .then_some(())
        .ok_or_else(|| refused("publishing an app", app))
    }
}
