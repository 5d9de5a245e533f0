-- Full-text search over the partner directory, contact requests and the leads they become,
-- and the email outbox (written in the same transaction as the change that causes a mail).

-- Tokens for the filters (`zzcountryde`, `zzsize3`), so a filtered keyword search is one
-- full-text query.
alter table partner add column facets text not null default '';
update partner set facets = trim(
    coalesce((select group_concat('zzcountry' || lower(country), ' ') from partner_location l where l.partner_id = partner.partner_id), '')
    || case when (sizes_served & 1) <> 0 then ' zzsize0' else '' end || case when (sizes_served & 2) <> 0 then ' zzsize1' else '' end || case when (sizes_served & 4) <> 0 then ' zzsize2' else '' end || case when (sizes_served & 8) <> 0 then ' zzsize3' else '' end || case when (sizes_served & 16) <> 0 then ' zzsize4' else '' end || case when (sizes_served & 32) <> 0 then ' zzsize5' else '' end);

create virtual table partner_search using fts5 (
    name, services, industries, description, facets,
    content = 'partner', content_rowid = 'partner_id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
insert into partner_search (rowid, name, services, industries, description, facets)
    select partner_id, name, services, industries, description, facets from partner;

create trigger partner_search_insert after insert on partner begin
    insert into partner_search (rowid, name, services, industries, description, facets)
        values (new.partner_id, new.name, new.services, new.industries, new.description, new.facets);
end;
create trigger partner_search_delete after delete on partner begin
    insert into partner_search (partner_search, rowid, name, services, industries, description, facets)
        values ('delete', old.partner_id, old.name, old.services, old.industries, old.description, old.facets);
end;
create trigger partner_search_update after update on partner begin
    insert into partner_search (partner_search, rowid, name, services, industries, description, facets)
        values ('delete', old.partner_id, old.name, old.services, old.industries, old.description, old.facets);
    insert into partner_search (rowid, name, services, industries, description, facets)
        values (new.partner_id, new.name, new.services, new.industries, new.description, new.facets);
end;

-- Every word the directory contains, for correcting typos in search keywords.
create table search_term (
    term text primary key
);
create virtual table temp.partner_search_vocabulary using fts5vocab (main, partner_search, col);
insert into search_term (term) select distinct term from temp.partner_search_vocabulary where col <> 'facets';
drop table temp.partner_search_vocabulary;

create table contact_request (
    contact_request_id integer primary key,
    tenant_id integer references tenant (tenant_id),
    sent_by_user_id integer references app_user (user_id),
    contact_name text not null check (length(contact_name) between 1 and 200),
    email text not null,
    phone text,
    company text not null check (length(company) between 1 and 200),
    organization_size text not null
        check (organization_size in ('1-10', '11-50', '51-250', '251-1000', '1001-5000', '5000+')),
    country text not null check (length(country) = 2),
    region text,
    city text,
    business_needs text not null check (length(business_needs) between 1 and 4000),
    created_at integer not null
);
create index contact_request_tenant_idx on contact_request (tenant_id, created_at);

create table lead (
    lead_id integer primary key,
    contact_request_id integer not null references contact_request (contact_request_id),
    partner_id integer not null references partner (partner_id),
    status text not null default 'new' check (status in ('new', 'contacted', 'invited', 'closed')),
    created_at integer not null,
    updated_at integer not null,
    constraint lead_one_per_partner unique (contact_request_id, partner_id)
);
create index lead_partner_idx on lead (partner_id, created_at);

create table email_outbox (
    email_id integer primary key,
    recipient text not null,
    subject text not null,
    body_text text not null,
    body_html text not null,
    created_at integer not null,
    attempts integer not null default 0,
    next_attempt_at integer not null,
    -- a worker holds a claimed message until then (several processes may deliver)
    locked_until integer,
    sent_at integer,
    -- given up after too many attempts
    failed_at integer,
    last_error text
);
create index email_outbox_due_idx on email_outbox (next_attempt_at) where sent_at is null and failed_at is null;
