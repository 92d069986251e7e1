-- A venue's city is stored without white space around it. Searches by
-- city compare the city whole (without accents or case), so a venue stored
-- in ' Vienna', or with a tab, a line break or a no-break space at either
-- end, was never found in Vienna, and lists showed the space.
-- Cities stored so are trimmed, and the check refuses them from now on.
-- White space here is Unicode's, with the zero-width space and the
-- byte-order mark, which look like nothing either.
update catalog.venues
set city = regexp_replace(
    city,
    '^[\s\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\s\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+$',
    '', 'g')
where city ~ '^[\s\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]|[\s\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]$';

alter table catalog.venues
    add constraint venues_city_trimmed check (
        city !~ '^[\s\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]|[\s\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]$');
