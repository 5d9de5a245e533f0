//! Subscriptions: the products, what the tenant bought and through whom, buying more.

use super::{Acting, ActingTransaction, TenantWriteError};
use crate::domain::AuditAction;
use crate::domain::{PartnerId, Product, Subscription, TenantId};
use sqlx::AnyPool;

pub async fn products(pool: &AnyPool) -> Result<Vec<Product>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("select product_id, name from product order by name")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(product_id, name)| Product { product_id, name })
        .collect())
}

#[derive(sqlx::FromRow)]
struct SubscriptionRow {
    subscription_id: i64,
    product_name: String,
    seats: i64,
    assigned: i64,
    purchased_at: i64,
    purchased_by: String,
    partner_name: Option<String>,
    partner_gone: i64,
}

/// Whose purchases a subscriptions list shows.
#[derive(Debug, Clone, Copy)]
pub enum Purchases {
    All,
    Through(PartnerId),
    /// Those bought through any partner that is an MPSA partner of the tenant now.
    ThroughMpsaPartners,
}

/// The tenant's subscriptions, newest first, of `purchases`.
pub async fn list_subscriptions(
    pool: &AnyPool,
    tenant_id: TenantId,
    purchases: Purchases,
) -> Result<Vec<Subscription>, sqlx::Error> {
    let (scope, partner) = match purchases {
        Purchases::All => (0, 0),
        Purchases::Through(partner) => (1, partner.get()),
        Purchases::ThroughMpsaPartners => (2, 0),
    };
    let rows: Vec<SubscriptionRow> = sqlx::query_as(
        "select s.subscription_id, p.name as product_name, s.seats,
                (select count(*) from license_assignment l where l.subscription_id = s.subscription_id) as assigned,
                s.purchased_at, u.display_name as purchased_by, pa.name as partner_name,
                case when s.partner_id is not null and not exists (
                    select 1 from relationship r
                    where r.tenant_id = s.tenant_id and r.partner_id = s.partner_id
                      and r.ended_at is null) then 1 else 0 end as partner_gone
         from subscription s
         join product p on p.product_id = s.product_id
         join app_user u on u.user_id = s.purchased_by_user_id
         left join partner pa on pa.partner_id = s.partner_id
         where s.tenant_id = $1
           and ($2 = 0
                or ($2 = 1 and s.partner_id = $3)
                or ($2 = 2 and s.partner_id in (
                    select r.partner_id from relationship r
                    where r.tenant_id = s.tenant_id and r.ended_at is null and (r.types & $4) <> 0)))
         order by s.purchased_at desc, s.subscription_id desc",
    )
    .bind(tenant_id.get())
    .bind(scope)
    .bind(partner)
    .bind(crate::domain::RelationshipType::MpsaPartner.bit())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Subscription {
            subscription_id: row.subscription_id,
            product_name: row.product_name,
            seats: row.seats,
            assigned: row.assigned,
            purchased_at_ms: row.purchased_at,
            purchased_by: row.purchased_by,
            partner_name: row.partner_name,
            partner_gone: row.partner_gone == 1,
        })
        .collect())
}

/// Buys `seats` of a product for the tenant; `None` for an unknown product.
pub async fn place_order(
    pool: &AnyPool,
    acting: Acting,
    product_id: &str,
    seats: i64,
    now_ms: i64,
) -> Result<Option<i64>, TenantWriteError> {
    let ActingTransaction { mut tx, .. } = acting.begin(pool).await?;
    let known: Option<String> =
        sqlx::query_scalar("select name from product where product_id = $1")
            .bind(product_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(product) = known else {
        return Ok(None);
    };
    let subscription_id: i64 = sqlx::query_scalar(
        "insert into subscription (tenant_id, product_id, seats, purchased_at, purchased_by_user_id, partner_id)
         values ($1, $2, $3, $4, $5, $6) returning subscription_id",
    )
    .bind(acting.tenant_id.get())
    .bind(product_id)
    .bind(seats)
    .bind(now_ms)
    .bind(acting.user_id.get())
    .bind(acting.partner_id.map(PartnerId::get))
    .fetch_one(&mut *tx)
    .await?;
    acting
        .record(
            &mut tx,
            AuditAction::SubscriptionOrdered,
            format!("subscription:{subscription_id} ({seats} × {product})"),
            now_ms,
        )
        .await?;
    tx.commit().await?;
    Ok(Some(subscription_id))
}
