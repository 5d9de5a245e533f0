-- One filter token per country and size a partner serves together (`zzcountryussize3`), so a
-- search filtered by both reads one index entry (see `directory::facets`). The generated
-- `search` column follows `facets`.
update partner set facets = facets || coalesce((
    select ' ' || string_agg('zzcountry' || lower(l.country) || 'size' || s.size, ' ')
    from partner_location l
    join generate_series(0, 5) as s(size) on (partner.sizes_served >> s.size) & 1 = 1
    where l.partner_id = partner.partner_id
), '');
