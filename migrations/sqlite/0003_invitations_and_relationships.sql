-- Invitations, partner relationships with the admin roles they grant, the Customer Agreement
-- and its acceptances, and the append-only audit log.

create table customer_agreement (
    version text primary key check (length(version) between 1 and 40),
    published_at integer not null,
    body text not null
);

create table invitation (
    invitation_id integer primary key,
    partner_id integer not null references partner (partner_id),
    tenant_id integer not null references tenant (tenant_id),
    lead_id integer references lead (lead_id),
    relationship_type text not null check (relationship_type in ('reseller', 'delegated_administrator',
        'reseller_and_delegated_administrator', 'partner', 'advisor', 'mpsa_partner', 'lob_partner')),
    message text check (length(message) <= 2000),
    -- SHA-256 of the link's secret, hex; the secret itself is only ever in the email
    token_hash text not null,
    status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'revoked')),
    sent_by_user_id integer not null references app_user (user_id),
    created_at integer not null,
    sent_at integer not null,
    expires_at integer not null,
    decided_by_user_id integer references app_user (user_id),
    decided_at integer,
    constraint invitation_token_hash_key unique (token_hash)
);
create index invitation_partner_idx on invitation (partner_id, created_at);
create index invitation_tenant_idx on invitation (tenant_id, status);

create table relationship (
    relationship_id integer primary key,
    tenant_id integer not null references tenant (tenant_id),
    partner_id integer not null references partner (partner_id),
    -- one bit per single relationship type, as the `app` domain numbers them
    types integer not null check (types between 0 and 127),
    since integer not null,
    ended_at integer,
    ended_by_user_id integer references app_user (user_id)
);
create unique index relationship_active_key on relationship (tenant_id, partner_id) where ended_at is null;
create index relationship_partner_idx on relationship (partner_id) where ended_at is null;

create table relationship_role (
    relationship_id integer not null references relationship (relationship_id),
    role text not null check (role in ('global_admin', 'helpdesk_admin', 'password_admin', 'service_support_admin')),
    granted_by_user_id integer not null references app_user (user_id),
    granted_at integer not null,
    primary key (relationship_id, role)
);

create table agreement_acceptance (
    agreement_acceptance_id integer primary key,
    tenant_id integer not null references tenant (tenant_id),
    accepted_by_user_id integer not null references app_user (user_id),
    agreement_version text not null references customer_agreement (version),
    accepted_at integer not null,
    -- null when accepted on its own, not with an invitation
    invitation_id integer references invitation (invitation_id)
);
create index agreement_acceptance_tenant_idx on agreement_acceptance (tenant_id, accepted_at);

create table audit_event (
    audit_event_id integer primary key,
    occurred_at integer not null,
    tenant_id integer references tenant (tenant_id),
    actor_user_id integer references app_user (user_id),
    -- the partner the actor works for, when a partner acted
    partner_id integer references partner (partner_id),
    action text not null,
    target text not null
);
create index audit_event_tenant_idx on audit_event (tenant_id, occurred_at);
create index audit_event_partner_idx on audit_event (partner_id, occurred_at);

-- Append-only: the log can't be edited or pruned through the app's connection.
create trigger audit_event_no_update before update on audit_event begin
    select raise(abort, 'audit events are append-only');
end;
create trigger audit_event_no_delete before delete on audit_event begin
    select raise(abort, 'audit events are append-only');
end;

-- The agreement in force at first start; `server agreement publish FILE` adds versions.
insert into customer_agreement (version, published_at, body) values ('1.0', 1767225600000, 'This Customer Agreement is between your organization ("Customer") and the cloud vendor ("we"). It governs the products and services your organization buys through a partner, and what partners may do in your organization''s tenant.

1. Partners. A partner you authorize may purchase products and services on your behalf and, where you grant admin roles, manage them in your tenant. You can remove a partner''s admin roles at any time in Settings > Partner relationships. Removing admin roles does not end the partner relationship; the partner ends it.

2. Orders. Orders placed by your partner on your behalf bind your organization. Prices and payment terms are agreed between you and your partner.

3. Your data. You keep all rights to your data. A partner with admin roles can see and change data in your tenant only within the roles you granted, and every action it takes there is recorded in your audit log.

4. Acceptable use. You will not use the products and services to break the law or to harm others.

5. Term. This agreement applies from the day an admin of your organization accepts it until every subscription bought under it has ended. When we publish a new version, an admin must accept it again before partners can place new orders for you.');
