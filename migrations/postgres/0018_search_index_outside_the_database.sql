-- The directory's search moves to an index outside the database (tantivy, `app::search`),
-- the same on both backends. The database keeps the partners and a feed of their changes,
-- which every server process follows to keep its own index current.

drop index partner_search_idx;
drop index partner_facet_tokens_idx;
alter table partner drop column search;
alter table partner drop column facet_tokens;
alter table partner drop column facets;
drop table search_term;

-- A partner written (added, changed or removed): every process re-reads it into its index.
-- Ids are taken in order but may commit out of order; a reader waits a while for a gap.
create table partner_change (
    change_id bigserial primary key,
    partner_id bigint not null,
    changed_at bigint not null
);
create index partner_change_time_idx on partner_change (changed_at);

-- Which database this is, so an index built from another one is never followed with this
-- one's changes.
create table installation (
    installation_id text not null
);
insert into installation (installation_id) values (md5(random()::text || clock_timestamp()::text));
