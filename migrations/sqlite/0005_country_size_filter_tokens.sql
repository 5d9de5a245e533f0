-- One filter token per country and size a partner serves together (`zzcountryussize3`), so a
-- search filtered by both reads one index entry (see `directory::facets`). Updating `facets`
-- re-indexes each partner through the `partner_search_update` trigger.
update partner set facets = facets || coalesce((
    select ' ' || group_concat('zzcountry' || lower(l.country) || 'size' || s.size, ' ')
    from partner_location l
    join (select 0 as size union all select 1 union all select 2
          union all select 3 union all select 4 union all select 5) s
      on (partner.sizes_served >> s.size) & 1 = 1
    where l.partner_id = partner.partner_id
), '');
