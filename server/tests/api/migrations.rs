//! Migrations on data written before them, on both backends: the schema of an earlier release
//! is filled with rows, then the current migrations run as a new server's start runs them.

use crate::common::fresh_database;
use app::domain::{AccessStatus, DelegatedRole, PartnerId, RoleState, TenantId, UserId, DAY_MS};
use app::server::db::{self, admin_access, Db};
use sqlx::migrate::Migrator;
use sqlx::AnyPool;
use std::borrow::Cow;
use std::path::Path;

/// A database at the schema of migration `version`, as a release of then left it.
async fn database_at(version: i64) -> Db {
    let url = fresh_database().await;
    let db = Db::connect(&url, 2).await.expect("the database opens");
    let folder = match db.backend {
        db::Backend::Sqlite => "../migrations/sqlite",
        db::Backend::Postgres => "../migrations/postgres",
    };
    let mut earlier = Migrator::new(Path::new(folder))
        .await
        .expect("the migrations are read");
    let kept: Vec<_> = earlier
        .migrations
        .iter()
        .filter(|migration| migration.version <= version)
        .cloned()
        .collect();
    earlier.migrations = Cow::Owned(kept);
    earlier.run(&db.pool).await.expect("the earlier schema");
    db
}

async fn insert(pool: &AnyPool, sql: &str, values: &[i64]) -> i64 {
    let mut query = sqlx::query_scalar(sql);
    for value in values {
        query = query.bind(*value);
    }
    query
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[tokio::test]
async fn standing_roles_become_an_admin_relationship_with_exactly_those_roles() {
    let db = database_at(10).await;
    let pool = &db.pool;
    let tenant = insert(
        pool,
        "insert into tenant (name, primary_domain, country, organization_size, created_at)
         values ('Contoso', 'contoso.example', 'US', '51-250', $1) returning tenant_id",
        &[0],
    )
    .await;
    let mut partners = Vec::new();
    // Partner ids are given, not generated (the directory's ids are the app's).
    for (id, name) in [(1, "Fabrikam"), (2, "Litware")] {
        partners.push(
            insert(
                pool,
                &format!(
                    "insert into partner (partner_id, name, description, website, contact_email,
                         sizes_served, relationship_types_offered, services, industries,
                         certifications, created_at)
                     values ($1, '{name}', '', 'https://example.com', 'a@example.com', 0, 0, '', '',
                         '', 0)
                     returning partner_id"
                ),
                &[id],
            )
            .await,
        );
    }
    let (fabrikam, litware) = (partners[0], partners[1]);
    let megan = insert(
        pool,
        "insert into app_user (tenant_id, display_name, email, password_hash, created_at)
         values ($1, 'Megan', 'megan@contoso.example', '!', 0) returning user_id",
        &[tenant],
    )
    .await;
    // Fabrikam's agent, who acted with every role Fabrikam held before teams.
    let patti = insert(
        pool,
        "insert into app_user (partner_id, display_name, email, password_hash, created_at)
         values ($1, 'Patti', 'patti@fabrikam.example', '!', 0) returning user_id",
        &[fabrikam],
    )
    .await;
    // Fabrikam holds Global and Helpdesk admin; Litware's relationship ended with its roles
    // still on record (as the seed's End relationship left them before roles were deleted).
    let current = insert(
        pool,
        "insert into relationship (tenant_id, partner_id, types, since)
         values ($1, $2, 2, 1000) returning relationship_id",
        &[tenant, fabrikam],
    )
    .await;
    let ended = insert(
        pool,
        "insert into relationship (tenant_id, partner_id, types, since, ended_at)
         values ($1, $2, 2, 1000, 2000) returning relationship_id",
        &[tenant, litware],
    )
    .await;
    for (relationship, role) in [
        (current, "global_admin"),
        (current, "helpdesk_admin"),
        (ended, "global_admin"),
    ] {
        sqlx::query(
            "insert into relationship_role (relationship_id, role, granted_by_user_id, granted_at)
             values ($1, $2, $3, 5000)",
        )
        .bind(relationship)
        .bind(role)
        .bind(megan)
        .execute(pool)
        .await
        .expect("a standing role");
    }
    // An invitation of Fabrikam's waits for an answer: it asked for an Advisor's roles.
    let far = db::now_ms() + 30 * DAY_MS;
    let invitation = insert(
        pool,
        "insert into invitation (partner_id, tenant_id, relationship_type, token_hash, status,
             sent_by_user_id, created_at, sent_at, expires_at)
         values ($1, $2, 'advisor', 'hash', 'pending', $3, 0, 0, $4) returning invitation_id",
        &[fabrikam, tenant, megan, far],
    )
    .await;

    db.migrate().await.expect("the current migrations");

    let now = db::now_ms();
    let (tenant, fabrikam, litware) = (
        TenantId::new(tenant),
        PartnerId::new(fabrikam),
        PartnerId::new(litware),
    );
    let patti = UserId::new(patti);
    let mut connection = pool.acquire().await.expect("connection");
    // Fabrikam's agent keeps exactly those roles, through the team of every agent it had,
    // and manages its teams.
    assert_eq!(
        admin_access::held_roles(&mut connection, tenant, fabrikam, patti, now)
            .await
            .expect("held"),
        vec![DelegatedRole::GlobalAdmin, DelegatedRole::HelpdeskAdmin]
    );
    assert_eq!(
        admin_access::held_roles(&mut connection, tenant, litware, patti, now)
            .await
            .expect("held"),
        vec![]
    );
    let teams = db::teams::list(pool, fabrikam, true).await.expect("teams");
    assert_eq!(teams.teams.len(), 1);
    assert_eq!(teams.teams[0].name, "All agents");
    assert_eq!(teams.teams[0].members, vec![patti]);
    assert!(teams.agents[0].admin_agent);
    // Its pending request's roles too, so access works the moment it is approved.
    assert_eq!(teams.holdings.len(), 4, "{:?}", teams.holdings);
    let listing = admin_access::Listing {
        partner_id: Some(fabrikam),
        history_from_ms: 0,
    };
    let access = admin_access::list_for_tenant(&mut connection, tenant, listing, now)
        .await
        .expect("listed");
    assert_eq!(access.len(), 2, "{access:?}");
    let standing = &access[0].1;
    assert_eq!(standing.name, "Delegated admin access");
    assert_eq!(standing.status, AccessStatus::Active);
    let ends = standing.ends_at_ms.expect("an end date");
    assert!(
        (ends - (now + 730 * DAY_MS)).abs() < 60 * 60 * 1000,
        "{ends}"
    );
    assert!(standing
        .roles
        .iter()
        .all(|role| role.state == RoleState::Granted));
    let asked = &access[1].1;
    assert_eq!(asked.name, format!("Advisor access #{invitation}"));
    assert_eq!(asked.status, AccessStatus::PendingApproval);
    assert_eq!(
        asked.asked().collect::<Vec<_>>(),
        vec![
            DelegatedRole::PasswordAdmin,
            DelegatedRole::ServiceSupportAdmin
        ]
    );
    let old_table = sqlx::query("select 1 from relationship_role")
        .fetch_optional(pool)
        .await;
    assert!(old_table.is_err(), "relationship_role is gone");
}
