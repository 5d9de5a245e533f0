-- Tenants, partners, users with admin roles, sessions, and shared rate-limit counters.
-- Timestamps are milliseconds since the Unix epoch; flags are 0/1 integers (sqlx's Any driver
-- reads no SQLite boolean).

create table tenant (
    tenant_id integer primary key,
    name text not null check (length(name) between 1 and 200),
    primary_domain text not null,
    country text not null check (length(country) = 2),
    organization_size text not null
        check (organization_size in ('1-10', '11-50', '51-250', '251-1000', '1001-5000', '5000+')),
    created_at integer not null,
    constraint tenant_primary_domain_key unique (primary_domain)
);

create table partner (
    partner_id integer primary key,
    name text not null check (length(name) between 1 and 200),
    description text not null,
    website text not null,
    contact_email text not null,
    -- one bit per organization size / relationship type, as the `app` domain numbers them
    sizes_served integer not null check (sizes_served between 0 and 63),
    relationship_types_offered integer not null check (relationship_types_offered between 0 and 127),
    -- keyword lists, one per line
    services text not null,
    industries text not null,
    certifications text not null,
    created_at integer not null
);

create table partner_location (
    partner_id integer not null references partner (partner_id) on delete cascade,
    country text not null check (length(country) = 2),
    region text,
    city text
);
create index partner_location_country_idx on partner_location (country, partner_id);
create index partner_location_partner_idx on partner_location (partner_id);

create table app_user (
    user_id integer primary key,
    tenant_id integer references tenant (tenant_id),
    partner_id integer references partner (partner_id),
    display_name text not null check (length(display_name) between 1 and 200),
    email text not null check (email = lower(email)),
    password_hash text not null,
    disabled integer not null default 0 check (disabled in (0, 1)),
    created_at integer not null,
    constraint app_user_email_key unique (email),
    constraint app_user_one_organization check ((tenant_id is null) <> (partner_id is null))
);
create index app_user_tenant_idx on app_user (tenant_id);
create index app_user_partner_idx on app_user (partner_id);

create table user_admin_role (
    user_id integer not null references app_user (user_id) on delete cascade,
    role text not null check (role in ('global_admin', 'billing_admin', 'helpdesk_admin')),
    primary key (user_id, role)
);

-- tower-sessions' sqlx store reads and writes this table.
create table session (
    id text primary key not null,
    data blob not null,
    expiry_date integer not null
);

create table rate_limit (
    bucket text primary key,
    window_started_at integer not null,
    hits integer not null
);
