//! Contact requests, and the leads they become (one per chosen partner).

use super::decoded;
use super::outbox;
use crate::domain::{
    ContactRequest, CountryCode, LeadDetail, LeadPage, LeadQuery, LeadStatus, LeadSummary,
    OrganizationSize, PartnerId, SentContactRequest, TenantId, UserId, LEADS_PAGE_SIZE,
};
use crate::server::mail::{NewLead, OutgoingEmail};
use sqlx::{AnyPool, FromRow};

/// Who sent a contact request, when signed in.
pub struct Sender {
    pub tenant_id: TenantId,
    pub user_id: UserId,
}

/// Writes the request, one lead per partner, and a notification to each partner's agents
/// (or, for a partner without agents, its contact address; `compose` words it), all in one
/// transaction. Returns the names of the partners contacted; unknown partner ids refuse the
/// whole request.
pub async fn create_contact_request(
    pool: &AnyPool,
    request: &ContactRequest,
    sender: Option<Sender>,
    compose: impl Fn(&NewLead<'_>) -> OutgoingEmail,
    now_ms: i64,
) -> Result<Option<Vec<String>>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let contact_request_id: i64 = sqlx::query_scalar(
        "insert into contact_request (tenant_id, sent_by_user_id, contact_name, email, phone, company,
             organization_size, country, city, business_needs, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning contact_request_id",
    )
    .bind(sender.as_ref().map(|s| s.tenant_id.get()))
    .bind(sender.as_ref().map(|s| s.user_id.get()))
    .bind(&request.contact_name)
    .bind(request.email.as_str())
    .bind(request.phone.as_deref())
    .bind(&request.company)
    .bind(request.size.as_db())
    .bind(request.country.as_str())
    .bind(request.city.as_deref())
    .bind(&request.business_needs)
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;

    let mut names = Vec::with_capacity(request.partners.len());
    for partner_id in &request.partners {
        let name: Option<String> =
            sqlx::query_scalar("select name from partner where partner_id = $1")
                .bind(partner_id.get())
                .fetch_optional(&mut *tx)
                .await?;
        let Some(name) = name else {
            return Ok(None); // dropping `tx` rolls everything back
        };
        let lead_id: i64 = sqlx::query_scalar(
            "insert into lead (contact_request_id, partner_id, status, created_at, updated_at)
             values ($1, $2, 'new', $3, $3) returning lead_id",
        )
        .bind(contact_request_id)
        .bind(partner_id.get())
        .bind(now_ms)
        .fetch_one(&mut *tx)
        .await?;
        let recipients = super::users::partner_recipients(&mut tx, *partner_id).await?;
        let email = compose(&NewLead {
            request,
            partner_name: &name,
            lead_id,
        });
        outbox::queue_each(&mut tx, &recipients, &email, now_ms).await?;
        names.push(name);
    }
    tx.commit().await?;
    Ok(Some(names))
}

#[derive(FromRow)]
struct LeadSummaryRow {
    lead_id: i64,
    company: String,
    contact_name: String,
    country: String,
    status: String,
    created_at: i64,
}

/// One page of the partner's leads, newest first, optionally of one status.
pub async fn list_for_partner(
    pool: &AnyPool,
    partner_id: PartnerId,
    query: &LeadQuery,
) -> Result<LeadPage, sqlx::Error> {
    let mut connection = pool.acquire().await?;
    const OF_THE_QUERY: &str = "l.partner_id = $1 and ($2 = '' or l.status = $2)";
    let status = query.status.map(LeadStatus::as_db).unwrap_or("");
    let total: i64 =
        sqlx::query_scalar(&format!("select count(*) from lead l where {OF_THE_QUERY}"))
            .bind(partner_id.get())
            .bind(status)
            .fetch_one(&mut *connection)
            .await?;
    let rows: Vec<LeadSummaryRow> = sqlx::query_as(&format!(
        "select l.lead_id, c.company, c.contact_name, c.country, l.status, l.created_at
         from lead l join contact_request c on c.contact_request_id = l.contact_request_id
         where {OF_THE_QUERY}
         order by l.created_at desc, l.lead_id desc
         limit $3 offset $4"
    ))
    .bind(partner_id.get())
    .bind(status)
    .bind(LEADS_PAGE_SIZE)
    .bind(query.offset())
    .fetch_all(&mut *connection)
    .await?;
    let leads = rows
        .into_iter()
        .map(|row| {
            Ok(LeadSummary {
                lead_id: row.lead_id,
                company: row.company,
                contact_name: row.contact_name,
                country: decoded(
                    "contact_request.country",
                    &row.country,
                    CountryCode::parse(&row.country).ok(),
                )?,
                status: decoded("lead.status", &row.status, LeadStatus::parse(&row.status))?,
                received_at_ms: row.created_at,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(LeadPage {
        leads,
        total,
        query: *query,
    })
}

#[derive(FromRow)]
struct LeadDetailRow {
    lead_id: i64,
    status: String,
    created_at: i64,
    business_needs: String,
    contact_name: String,
    email: String,
    phone: Option<String>,
    company: String,
    organization_size: String,
    country: String,
    city: Option<String>,
    tenant_domain: Option<String>,
}

/// One of the partner's leads; `None` for another partner's lead or an unknown id.
pub async fn find_for_partner(
    pool: &AnyPool,
    partner_id: PartnerId,
    lead_id: i64,
) -> Result<Option<LeadDetail>, sqlx::Error> {
    let row: Option<LeadDetailRow> = sqlx::query_as(
        "select l.lead_id, l.status, l.created_at, c.business_needs, c.contact_name, c.email, c.phone, c.company,
                c.organization_size, c.country, c.city, t.primary_domain as tenant_domain
         from lead l
         join contact_request c on c.contact_request_id = l.contact_request_id
         left join tenant t on t.tenant_id = c.tenant_id
         where l.lead_id = $1 and l.partner_id = $2",
    )
    .bind(lead_id)
    .bind(partner_id.get())
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        Ok(LeadDetail {
            lead_id: row.lead_id,
            status: decoded("lead.status", &row.status, LeadStatus::parse(&row.status))?,
            received_at_ms: row.created_at,
            business_needs: row.business_needs,
            contact_name: row.contact_name,
            email: row.email,
            phone: row.phone,
            company: row.company,
            size: decoded(
                "contact_request.organization_size",
                &row.organization_size,
                OrganizationSize::parse(&row.organization_size).ok(),
            )?,
            country: decoded(
                "contact_request.country",
                &row.country,
                CountryCode::parse(&row.country).ok(),
            )?,
            city: row.city,
            tenant_domain: row.tenant_domain,
        })
    })
    .transpose()
}

/// Moves one of the partner's leads from `from` to `to`; `false` when the lead is not the
/// partner's or no longer has status `from` (someone else changed it first).
pub async fn change_status(
    pool: &AnyPool,
    partner_id: PartnerId,
    lead_id: i64,
    from: LeadStatus,
    to: LeadStatus,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update lead set status = $1, updated_at = $2 where lead_id = $3 and partner_id = $4 and status = $5",
    )
    .bind(to.as_db())
    .bind(now_ms)
    .bind(lead_id)
    .bind(partner_id.get())
    .bind(from.as_db())
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The tenant's contact requests, newest first, with each partner's lead status.
pub async fn sent_by_tenant(
    pool: &AnyPool,
    tenant_id: TenantId,
) -> Result<Vec<SentContactRequest>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "select c.contact_request_id, c.created_at, c.business_needs, p.name, l.status
         from contact_request c
         join lead l on l.contact_request_id = c.contact_request_id
         join partner p on p.partner_id = l.partner_id
         where c.tenant_id = $1
         order by c.created_at desc, c.contact_request_id desc, p.name
         limit 1000",
    )
    .bind(tenant_id.get())
    .fetch_all(pool)
    .await?;
    let mut requests: Vec<SentContactRequest> = Vec::new();
    for (id, sent_at_ms, business_needs, partner, status) in rows {
        let status = super::decoded("lead.status", &status, LeadStatus::parse(&status))?;
        match requests.last_mut() {
            Some(request) if request.contact_request_id == id => {
                request.partners.push((partner, status))
            }
            _ => requests.push(SentContactRequest {
                contact_request_id: id,
                sent_at_ms,
                business_needs,
                partners: vec![(partner, status)],
            }),
        }
    }
    Ok(requests)
}
