-- Each submitter has its own line-of-business apps: a second partner submitting an app of the
-- same name creates its own entry instead of taking the first one's over. (The tenant's own
-- admins, partner_id null, share one namespace.) SQLite can't drop a table constraint, so the
-- table is rebuilt.
create table lob_app_by_submitter (
    lob_app_id integer primary key,
    tenant_id integer not null references tenant (tenant_id),
    partner_id integer references partner (partner_id),
    name text not null check (length(name) between 1 and 100),
    version text not null check (length(version) between 1 and 40),
    status text not null check (status in ('submitted', 'published', 'retired')),
    created_at integer not null,
    updated_at integer not null
);
insert into lob_app_by_submitter
    select lob_app_id, tenant_id, partner_id, name, version, status, created_at, updated_at
    from lob_app;
drop table lob_app;
alter table lob_app_by_submitter rename to lob_app;
create unique index lob_app_submitter_name_key on lob_app (tenant_id, coalesce(partner_id, 0), name);
