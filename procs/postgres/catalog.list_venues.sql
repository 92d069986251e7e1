-- All venues with their seat count, by name, for filters.
create function catalog.list_venues()
returns table (venue_id bigint, name text, city text, time_zone text, capacity integer)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select v.venue_id, v.name, v.city, v.time_zone,
           (select count(*)::integer from catalog.seats s where s.venue_id = v.venue_id)
    from catalog.venues v
    order by v.name;
$$;

comment on function catalog.list_venues() is 'All venues with their capacity.';
