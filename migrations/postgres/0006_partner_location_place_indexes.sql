-- A search naming a city or region ranks the partners serving it first; these find them
-- without reading every location in the country.
create index partner_location_city_idx on partner_location (country, lower(city));
create index partner_location_region_idx on partner_location (country, lower(region));
