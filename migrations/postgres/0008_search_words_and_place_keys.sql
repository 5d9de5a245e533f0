-- * Filter tokens leave the full-text vector for an array of their own: as words they were
--   prefix-matched by keywords (`z` matched every partner through `zzcountry…`).
-- * Cities and regions are compared by a key folded in every script, the same key on both
--   backends (`domain::place_key`); the server fills the keys of existing rows when it starts.

drop index partner_search_idx;
alter table partner drop column search;
alter table partner add column search tsvector generated always as (
    setweight(to_tsvector('simple', name), 'A') ||
    setweight(to_tsvector('simple', services), 'B') ||
    setweight(to_tsvector('simple', industries), 'C') ||
    setweight(to_tsvector('simple', description), 'D')
) stored;
create index partner_search_idx on partner using gin (search);
alter table partner add column facet_tokens text[] generated always as (
    string_to_array(facets, ' ')
) stored;
create index partner_facet_tokens_idx on partner using gin (facet_tokens);

alter table partner_location add column city_key text;
alter table partner_location add column region_key text;
drop index partner_location_city_idx;
drop index partner_location_region_idx;
create index partner_location_city_key_idx on partner_location (country, city_key);
create index partner_location_region_key_idx on partner_location (country, region_key);
