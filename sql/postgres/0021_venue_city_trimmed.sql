-- A venue's city is stored without spaces around it. Searches by city
-- compare the city whole (without accents or case), so a venue stored in
-- ' Vienna' was never found in Vienna, and every list showed the space.
-- Cities stored so are trimmed, and the check refuses them from now on,
-- as it refuses an empty city.
update catalog.venues set city = btrim(city) where city <> btrim(city);

alter table catalog.venues
    add constraint venues_city_trimmed check (city = btrim(city) and city <> '');
