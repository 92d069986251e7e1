-- All genres, by name, for filters.
create function catalog.list_genres()
returns table (genre_id bigint, name text)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select g.genre_id, g.name
    from catalog.genres g
    order by g.name;
$$;

comment on function catalog.list_genres() is 'All genres by name.';
