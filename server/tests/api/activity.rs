//! The partner activity timeline: what partners' agents did in the tenant and every change to
//! its partner relationships, filtered by partner, agent, action and dates, paged by keyset
//! (pages hold still while events are written), and exported as CSV a chunk at a time.

use crate::common::process::ServerProcess;
use crate::common::{contoso, count, json, new_agent, new_client, relate, spawn_app, TestApp};
use crate::relationships::{fabrikam_is_reseller_and_delegated_administrator, partner};
use app::domain::{AuditAction, PartnerId, RelationshipType, TenantId, UserId};
use app::server::db::audit::{self, AuditEvent};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// Writes one event as the app's own code does, at `at_ms`.
async fn record(
    app: &TestApp,
    tenant: TenantId,
    actor: Option<UserId>,
    partner: Option<PartnerId>,
    action: AuditAction,
    target: &str,
    at_ms: i64,
) {
    let pool = &app.state.db.pool;
    let mut tx = app::server::db::begin_write(pool)
        .await
        .expect("transaction");
    audit::record(
        &mut tx,
        AuditEvent {
            tenant_id: Some(tenant),
            actor,
            partner_id: partner,
            action,
            target: target.to_owned(),
        },
        at_ms,
    )
    .await
    .expect("recorded");
    tx.commit().await.expect("commit");
}

/// One page of the timeline under `filters`; its entries and the whole answer.
async fn timeline(app: &TestApp, admin: &Client, filters: &[(&str, &str)]) -> (Vec<Value>, Value) {
    let (status, page) = json(app.call(admin, "partner_activity", filters).await).await;
    assert_eq!(status, StatusCode::OK, "{filters:?}: {page}");
    (
        page["entries"].as_array().cloned().unwrap_or_default(),
        page,
    )
}

fn actions(entries: &[Value]) -> Vec<&str> {
    entries
        .iter()
        .filter_map(|entry| entry["action"].as_str())
        .collect()
}

fn cursor(value: &Value) -> String {
    format!("{}.{}", value["occurred_at_ms"], value["event_id"])
}

/// 2026-01-10 and 2026-02-20, noon UTC.
const JANUARY_10: i64 = 1_768_046_400_000;
const FEBRUARY_20: i64 = 1_771_588_800_000;

#[tokio::test]
async fn the_timeline_shows_partners_actions_and_relationship_changes_under_every_filter() {
    let app = spawn_app().await;
    fabrikam_is_reseller_and_delegated_administrator(&app).await;
    let fabrikam = PartnerId::new(partner(&app, "Fabrikam Solutions").await);
    let (tenant, megan) = contoso(&app).await;
    let admin = app.sign_in_as("admin@contoso.example").await;
    // A second partner whose agent acted twice, long ago.
    let reseller = crate::common::generated_partners(&app, 1).await[0];
    new_agent(&app, reseller, "agent@reseller.example").await;
    relate(&app, tenant, reseller, RelationshipType::Reseller, megan).await;
    let agent = UserId::new(
        crate::common::id_of(
            &app,
            "select user_id from app_user where email = $1",
            "agent@reseller.example",
        )
        .await,
    );
    for (at, target) in [(JANUARY_10, "user:jan"), (FEBRUARY_20, "user:feb")] {
        let action = AuditAction::UserCreated;
        record(
            &app,
            tenant,
            Some(agent),
            Some(reseller),
            action,
            target,
            at,
        )
        .await;
    }
    // Contoso's own business is not partner activity.
    let own = AuditAction::UserCreated;
    record(
        &app,
        tenant,
        Some(megan),
        None,
        own,
        "user:own",
        FEBRUARY_20,
    )
    .await;
    // Contoso removes Fabrikam's roles: the customer acted, the event is Fabrikam's.
    let fabrikam_arg = fabrikam.to_string();
    let removal = [("partner_id", fabrikam_arg.as_str())];
    assert_eq!(
        app.call(&admin, "remove_partner_roles", &removal)
            .await
            .status(),
        StatusCode::OK
    );

    let (all, page) = timeline(&app, &admin, &[]).await;
    assert!(page["newer"].is_null() && page["older"].is_null(), "{page}");
    let times: Vec<i64> = all
        .iter()
        .filter_map(|entry| entry["cursor"]["occurred_at_ms"].as_i64())
        .collect();
    assert!(
        times.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest first: {times:?}"
    );
    assert!(!all.iter().any(|entry| entry["target"] == "user:own"));
    let removed = all
        .iter()
        .find(|entry| entry["action"] == "partner.roles_removed")
        .expect("the removal is listed");
    assert_eq!(
        removed["agent"],
        json!({ "Customer": { "name": "Megan Bowen" } })
    );
    assert_eq!(removed["partner"], "Fabrikam Solutions");
    let sent = all
        .iter()
        .find(|entry| entry["action"] == "invitation.sent")
        .expect("the invitation is listed");
    assert_eq!(
        sent["agent"],
        json!({ "Partner": { "name": "Patti Fernandez", "partner": "Fabrikam Solutions" } })
    );

    // By partner: its agents' actions and what the customer did to it, nothing else.
    let (of_fabrikam, _) = timeline(&app, &admin, &[("partner", &fabrikam_arg)]).await;
    assert!(of_fabrikam
        .iter()
        .all(|entry| entry["partner"] == "Fabrikam Solutions"));
    let fabrikam_actions = actions(&of_fabrikam);
    for expected in [
        "invitation.sent",
        "invitation.accepted",
        "partner.roles_removed",
    ] {
        assert!(fabrikam_actions.contains(&expected), "{fabrikam_actions:?}");
    }
    assert_eq!(
        of_fabrikam.len() + 2,
        all.len(),
        "the reseller's two events are the rest"
    );

    // By agent, by action, by days (both ends included).
    let agent_arg = agent.to_string();
    let (by_agent, _) = timeline(&app, &admin, &[("agent", &agent_arg)]).await;
    assert_eq!(
        by_agent
            .iter()
            .map(|e| e["target"].as_str())
            .collect::<Vec<_>>(),
        [Some("user:feb"), Some("user:jan")]
    );
    let (by_action, _) = timeline(&app, &admin, &[("action", "partner.roles_removed")]).await;
    assert_eq!(actions(&by_action), ["partner.roles_removed"]);
    let february = [("from", "2026-02-01"), ("to", "2026-02-28")];
    let (in_february, _) = timeline(&app, &admin, &february).await;
    assert_eq!(in_february.len(), 1);
    assert_eq!(in_february[0]["target"], "user:feb");
    let one_day = [("from", "2026-01-10"), ("to", "2026-01-10")];
    let (on_the_day, _) = timeline(&app, &admin, &one_day).await;
    assert_eq!(on_the_day.len(), 1);
    assert_eq!(on_the_day[0]["target"], "user:jan");
    let combined = [
        ("partner", fabrikam_arg.as_str()),
        ("agent", agent_arg.as_str()),
    ];
    assert_eq!(
        timeline(&app, &admin, &combined).await.0,
        Vec::<Value>::new()
    );
    // Another tenant's partner: nothing of it is Contoso's.
    assert_eq!(
        timeline(&app, &admin, &[("partner", "999999")]).await.0,
        Vec::<Value>::new()
    );

    // What the filters offer: the partners Contoso deals with, its own admins, their agents.
    let (status, options) = json(app.call(&admin, "partner_activity_filters", &[]).await).await;
    assert_eq!(status, StatusCode::OK);
    let partners: Vec<&str> = options["partners"]
        .as_array()
        .map(|all| all.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default();
    assert!(partners.contains(&"Fabrikam Solutions"), "{partners:?}");
    assert_eq!(partners.len(), 2, "{partners:?}");
    let agents = options["agents"].as_array().cloned().unwrap_or_default();
    let own: Vec<&str> = agents
        .iter()
        .take_while(|a| a["group"].is_null())
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert_eq!(
        own,
        ["Alex Wilber", "Megan Bowen"],
        "the Billing and Global admins first"
    );
    assert!(agents
        .iter()
        .any(|a| a["name"] == "Patti Fernandez" && a["group"] == "Fabrikam Solutions"));
    assert!(
        !agents.iter().any(|a| a["name"] == "Lee Gu"),
        "not an admin"
    );

    // What an attacker sends: each refusal named against its field.
    for (filters, field, message) in [
        (
            vec![("partner", "1 or 1=1")],
            "partner",
            "invalid-malformed",
        ),
        (vec![("agent", "-3")], "agent", "invalid-malformed"),
        (
            vec![("action", "user.created' --")],
            "action",
            "invalid-malformed",
        ),
        (vec![("from", "2026-02-30")], "from", "invalid-date"),
        (
            vec![("to", "2026-01-01\0")],
            "to",
            "invalid-control-character",
        ),
        (
            vec![("from", "2026-02-02"), ("to", "2026-02-01")],
            "to",
            "invalid-date-range",
        ),
    ] {
        let (status, error) = json(app.call(&admin, "partner_activity", &filters).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{filters:?}");
        assert_eq!(
            error,
            json!({ "Validation": [{ "field": field, "message": message }] }),
            "{filters:?}"
        );
    }
    let huge = "9".repeat(100_000);
    let (status, _) = json(
        app.call(&admin, "partner_activity", &[("partner", &huge)])
            .await,
    )
    .await;
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::PAYLOAD_TOO_LARGE,
        "{status}"
    );

    // The page itself, opened by its address with filters, in both languages.
    for (language, heading) in [("en", "Partner activity"), ("zh-CN", "合作伙伴活动")] {
        let html = admin
            .get(app.url(&format!(
                "/settings/partner-activity?partner={fabrikam_arg}&from=2026-01-01"
            )))
            .header("accept-language", language)
            .send()
            .await
            .expect("page");
        assert_eq!(html.status(), StatusCode::OK);
        let html = html.text().await.expect("HTML");
        assert!(html.contains(heading), "{language}");
        assert!(html.contains("Patti Fernandez"), "{language}");
    }
}

#[tokio::test]
async fn keyset_pages_hold_still_while_events_are_written() {
    let app = spawn_app().await;
    fabrikam_is_reseller_and_delegated_administrator(&app).await;
    let (tenant, megan) = contoso(&app).await;
    let added = server::activity_generator::seed(&app.state.db, tenant, 60)
        .await
        .expect("seeded");
    assert_eq!(added, 60);
    let admin = app.sign_in_as("admin@contoso.example").await;

    // Every event, page by page.
    let mut everything = Vec::new();
    let mut before = String::new();
    loop {
        let (entries, page) = timeline(&app, &admin, &[("before", &before)]).await;
        assert!(entries.len() <= 25);
        everything.extend(entries);
        match page["older"].as_object() {
            Some(_) => before = cursor(&page["older"]),
            None => break,
        }
    }
    let total = count(
        &app,
        "select count(*) from audit_event where partner_id is not null",
    )
    .await;
    assert_eq!(everything.len() as i64, total);
    let ids: std::collections::HashSet<i64> = everything
        .iter()
        .filter_map(|e| e["cursor"]["event_id"].as_i64())
        .collect();
    assert_eq!(ids.len(), everything.len(), "no event twice");

    let (first, page) = timeline(&app, &admin, &[]).await;
    assert_eq!(first, everything[..25]);
    // Five events arrive while the admin reads the first page.
    let fabrikam = PartnerId::new(partner(&app, "Fabrikam Solutions").await);
    for n in 0..5 {
        let target = format!("user:new-{n}");
        let action = AuditAction::UserPasswordReset;
        let now = app::server::db::now_ms();
        record(
            &app,
            tenant,
            Some(megan),
            Some(fabrikam),
            action,
            &target,
            now,
        )
        .await;
    }
    // Older goes on from the last row shown, not from a shifted offset.
    let before = cursor(&page["older"]);
    let (second, page) = timeline(&app, &admin, &[("before", &before)]).await;
    assert_eq!(second, everything[25..50]);
    // Newer comes back to exactly the first page, and says there is newer still.
    let after = cursor(&page["newer"]);
    let (back, page) = timeline(&app, &admin, &[("after", &after)]).await;
    assert_eq!(back, first);
    assert!(page["newer"].is_object(), "the five new events are newer");
    let (newest, _) = timeline(&app, &admin, &[]).await;
    assert_eq!(newest[0]["target"], "user:new-4");
    // A cursor nobody wrote is the newest page.
    assert_eq!(timeline(&app, &admin, &[("before", "x.y")]).await.0, newest);
}

#[tokio::test]
async fn a_million_events_export_as_csv_in_bounded_memory() {
    let app = spawn_app().await;
    fabrikam_is_reseller_and_delegated_administrator(&app).await;
    let (tenant, _) = contoso(&app).await;
    server::activity_generator::seed(&app.state.db, tenant, 1_000_000)
        .await
        .expect("seeded");
    let expected = count(
        &app,
        "select count(*) from audit_event where partner_id is not null",
    )
    .await;
    // The server that exports runs alone in its process: its memory is the export's.
    let server = ServerProcess::start(&app.database_url).await;
    // A download of a million rows outlasts the other tests' request timeout (debug build).
    let admin = Client::builder()
        .cookie_store(true)
        .timeout(std::time::Duration::from_secs(900))
        .build()
        .expect("a client builds");
    let signed_in = admin
        .post(server.url("/api/sign_in"))
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", "admin@contoso.example"),
            ("password", crate::common::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("answer");
    assert_eq!(signed_in.status(), StatusCode::OK);

    let started = std::time::Instant::now();
    let baseline = server.resident_bytes();
    let mut response = admin
        .get(server.url("/settings/partner-activity.csv"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let (mut lines, mut bytes) = (0_i64, 0_usize);
    let mut partial = Vec::new();
    let mut previous_time = String::from("9999");
    let mut header = None;
    while let Some(chunk) = response.chunk().await.expect("a chunk") {
        bytes += chunk.len();
        partial.extend_from_slice(&chunk);
        let complete = partial
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        for line in String::from_utf8_lossy(&partial[..complete]).split_terminator("\r\n") {
            if header.is_none() {
                header = Some(line.to_owned());
                continue;
            }
            let time = line.split(',').next().unwrap_or_default();
            assert!(
                time <= previous_time.as_str(),
                "{time} after {previous_time}"
            );
            previous_time = time.to_owned();
            lines += 1;
        }
        partial.drain(..complete);
    }
    let peak = server.peak_resident_bytes();
    assert!(partial.is_empty(), "the last row ends its line");
    eprintln!(
        "exported {lines} events, {} MB, in {:.1} s; the server process resident {} MB before, {} MB at most",
        bytes >> 20,
        started.elapsed().as_secs_f64(),
        baseline >> 20,
        peak >> 20
    );
    assert_eq!(
        header.as_deref(),
        Some("occurred_at,agent,agent_partner,partner,action,target")
    );
    assert_eq!(lines, expected, "every event, once");
    // The whole file is far bigger than what the server ever held of it.
    let grown = peak.saturating_sub(baseline);
    assert!(bytes > 60 << 20, "{bytes} bytes of CSV");
    assert!(
        grown < 64 << 20,
        "resident memory grew by {} MB while {} MB of CSV streamed",
        grown >> 20,
        bytes >> 20
    );
}

#[tokio::test]
async fn the_export_is_for_the_tenants_global_and_billing_admins_and_follows_the_filters() {
    let app = spawn_app().await;
    fabrikam_is_reseller_and_delegated_administrator(&app).await;
    let fabrikam = partner(&app, "Fabrikam Solutions").await;
    let adatum = partner(&app, "Adatum Consulting").await;
    let path = format!("/settings/partner-activity.csv?partner={fabrikam}");
    for email in ["admin@contoso.example", "billing@contoso.example"] {
        let client = app.sign_in_as(email).await;
        let response = client.get(app.url(&path)).send().await.expect("answer");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-disposition"],
            "attachment; filename=\"partner-activity.csv\""
        );
        let csv = response.text().await.expect("CSV");
        assert!(
            csv.contains(",Patti Fernandez,Fabrikam Solutions,Fabrikam Solutions,invitation.sent,"),
            "{csv}"
        );
        assert!(
            csv.contains(",Megan Bowen,,Fabrikam Solutions,invitation.accepted,"),
            "{csv}"
        );
    }
    // A partner Contoso never dealt with: the header alone, nothing of anyone else's.
    let admin = app.sign_in_as("admin@contoso.example").await;
    let other = admin
        .get(app.url(&format!("/settings/partner-activity.csv?partner={adatum}")))
        .send()
        .await
        .expect("answer");
    assert_eq!(other.status(), StatusCode::OK);
    assert_eq!(
        other.text().await.expect("CSV"),
        "occurred_at,agent,agent_partner,partner,action,target\r\n"
    );
    let refused = admin
        .get(app.url("/settings/partner-activity.csv?from=2026-02-30"))
        .send()
        .await
        .expect("answer");
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.text().await.expect("text"), "from: invalid-date\n");

    for (client, status) in [
        (
            app.sign_in_as("helpdesk@contoso.example").await,
            StatusCode::FORBIDDEN,
        ),
        (
            app.sign_in_as("agent@fabrikam.example").await,
            StatusCode::FORBIDDEN,
        ),
        (new_client(), StatusCode::UNAUTHORIZED),
    ] {
        let response = client.get(app.url(&path)).send().await.expect("answer");
        assert_eq!(response.status(), status);
    }
}
