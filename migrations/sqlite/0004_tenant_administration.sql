-- A small tenant administration for partners' powers to act on: users' licenses,
-- subscriptions bought (directly or through a partner), support incidents, line-of-business
-- apps, and the two settings a customer controls for its partners.

-- "Allow MPSA partners to see each other's purchases" (off by default).
alter table tenant add column mpsa_purchases_shared integer not null default 0
    check (mpsa_purchases_shared in (0, 1));
-- The tenant's user account a "Partner"-type partner works through, named by the customer.
alter table relationship add column partner_account_user_id integer references app_user (user_id);

-- Sessions signed in before a password change (a reset) are over.
alter table app_user add column password_changed_at integer not null default 0;

create table product (
    product_id text primary key,
    name text not null
);
insert into product (product_id, name) values
    ('m365-business-basic', 'Microsoft 365 Business Basic'),
    ('m365-business-premium', 'Microsoft 365 Business Premium'),
    ('m365-e3', 'Microsoft 365 E3'),
    ('exchange-online-1', 'Exchange Online (Plan 1)');

create table subscription (
    subscription_id integer primary key,
    tenant_id integer not null references tenant (tenant_id),
    product_id text not null references product (product_id),
    seats integer not null check (seats between 1 and 100000),
    purchased_at integer not null,
    purchased_by_user_id integer not null references app_user (user_id),
    -- the partner it was bought through; null when the customer bought it itself
    partner_id integer references partner (partner_id)
);
create index subscription_tenant_idx on subscription (tenant_id, purchased_at);

create table license_assignment (
    subscription_id integer not null references subscription (subscription_id),
    user_id integer not null references app_user (user_id),
    assigned_at integer not null,
    primary key (subscription_id, user_id)
);

create table support_incident (
    incident_id integer primary key,
    tenant_id integer not null references tenant (tenant_id),
    title text not null check (length(title) between 1 and 200),
    status text not null default 'open' check (status in ('open', 'closed')),
    opened_by_user_id integer not null references app_user (user_id),
    partner_id integer references partner (partner_id),
    opened_at integer not null,
    closed_at integer
);
create index support_incident_tenant_idx on support_incident (tenant_id, opened_at);

create table incident_comment (
    comment_id integer primary key,
    incident_id integer not null references support_incident (incident_id),
    author_user_id integer not null references app_user (user_id),
    partner_id integer references partner (partner_id),
    body text not null check (length(body) between 1 and 4000),
    created_at integer not null
);
create index incident_comment_incident_idx on incident_comment (incident_id, created_at);

create table lob_app (
    lob_app_id integer primary key,
    tenant_id integer not null references tenant (tenant_id),
    partner_id integer references partner (partner_id),
    name text not null check (length(name) between 1 and 100),
    version text not null check (length(version) between 1 and 40),
    status text not null check (status in ('submitted', 'published', 'retired')),
    created_at integer not null,
    updated_at integer not null,
    constraint lob_app_name_key unique (tenant_id, name)
);
