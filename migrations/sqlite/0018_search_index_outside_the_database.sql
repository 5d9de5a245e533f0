-- The directory's search moves to an index outside the database (tantivy, `app::search`),
-- the same on both backends. The database keeps the partners and a feed of their changes,
-- which every server process follows to keep its own index current.

drop trigger partner_search_insert;
drop trigger partner_search_delete;
drop trigger partner_search_update;
drop table partner_search;
drop table search_term;
alter table partner drop column facets;

-- A partner written (added, changed or removed): every process re-reads it into its index.
create table partner_change (
    change_id integer primary key autoincrement,
    partner_id integer not null,
    changed_at integer not null
);
create index partner_change_time_idx on partner_change (changed_at);

-- Which database this is, so an index built from another one is never followed with this
-- one's changes.
create table installation (
    installation_id text not null
);
insert into installation (installation_id) values (lower(hex(randomblob(16))));
