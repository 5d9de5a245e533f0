-- The directory's search index, rebuilt for speed (measured in the issue notes):
-- * one filter token per country and size a partner serves together (`zzcountryussize3`),
--   so a search filtered by both reads one index entry (see `directory::facets`);
-- * `detail = column`: the index records which fields hold a word, not where in them. The
--   ranking (`partner_relevance`) needs no more, every keyword is a single word, and the
--   smaller index entries make a search about a fifth faster.

drop trigger partner_search_insert;
drop trigger partner_search_delete;
drop trigger partner_search_update;
drop table partner_search;

update partner set facets = facets || coalesce((
    select ' ' || group_concat('zzcountry' || lower(l.country) || 'size' || s.size, ' ')
    from partner_location l
    join (select 0 as size union all select 1 union all select 2
          union all select 3 union all select 4 union all select 5) s
      on (partner.sizes_served >> s.size) & 1 = 1
    where l.partner_id = partner.partner_id
), '');

create virtual table partner_search using fts5 (
    name, services, industries, description, facets,
    content = 'partner', content_rowid = 'partner_id',
    tokenize = 'unicode61 remove_diacritics 2',
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
