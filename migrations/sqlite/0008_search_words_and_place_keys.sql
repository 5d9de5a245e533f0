-- Words in every script (issue: a word with a vowel sign, e.g. सेवा, was split by the index
-- into several tokens, and the one-word query built for it was refused).
-- * The index's word rule becomes the one `domain::is_word_char` states: letters, digits,
--   private-use characters and the marks that belong to letters (`Mn`, `Mc`).
-- * The typo vocabulary is read back from the index, so it holds the index's own words.
-- * Cities and regions are compared by a key folded in every script (SQLite's `lower()`
--   folds ASCII only); the server fills the keys of existing rows when it starts.

drop trigger partner_search_insert;
drop trigger partner_search_delete;
drop trigger partner_search_update;
drop table partner_search;

create virtual table partner_search using fts5 (
    name, services, industries, description, facets,
    content = 'partner', content_rowid = 'partner_id',
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'",
    prefix = '2 3 4',
    detail = column
);
insert into partner_search (partner_search) values ('rebuild');

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

delete from search_term;
create virtual table temp.partner_search_vocabulary using fts5vocab (main, partner_search, col);
insert into search_term (term) select distinct term from temp.partner_search_vocabulary where col <> 'facets';
drop table temp.partner_search_vocabulary;

alter table partner_location add column city_key text;
alter table partner_location add column region_key text;
drop index partner_location_city_idx;
drop index partner_location_region_idx;
create index partner_location_city_key_idx on partner_location (country, city_key);
create index partner_location_region_key_idx on partner_location (country, region_key);
