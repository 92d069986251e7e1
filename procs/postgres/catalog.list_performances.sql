-- One page of upcoming scheduled performances with seats left.
-- p_sort: starts_at, title, genre or venue; p_order: asc or desc.
-- p_genre_id, p_venue_id: optional filters (null for all).
-- total_count repeats on each row: the number of rows over all pages.
-- Raises validation_failed (BX001) for a bad page, size, sort or order.
create function catalog.list_performances(
    p_page integer,
    p_page_size integer,
    p_sort text,
    p_order text,
    p_genre_id bigint,
    p_venue_id bigint
)
returns table (
    performance_id bigint,
    show_id bigint,
    title text,
    genre_id bigint,
    genre text,
    venue_id bigint,
    venue_name text,
    city text,
    time_zone text,
    currency text,
    starts_at timestamptz,
    local_starts_at timestamp,
    duration_minutes integer,
    capacity integer,
    seats_available integer,
    price_from_cents integer,
    total_count bigint
)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    if p_page is null or p_page < 1 or p_page > 100000 then
        raise exception using errcode = 'BX001', message = 'page must be 1 or more.',
            detail = '{"fields": {"page": "invalid"}}';
    end if;

    if p_page_size is null or p_page_size not between 1 and 100 then
        raise exception using errcode = 'BX001', message = 'page_size must be between 1 and 100.',
            detail = '{"fields": {"page_size": "invalid"}}';
    end if;

    if p_sort is null or p_sort not in ('starts_at', 'title', 'genre', 'venue') then
        raise exception using errcode = 'BX001',
            message = 'sort must be one of starts_at, title, genre, venue.',
            detail = '{"fields": {"sort": "invalid"}}';
    end if;

    if p_order is null or p_order not in ('asc', 'desc') then
        raise exception using errcode = 'BX001', message = 'order must be asc or desc.',
            detail = '{"fields": {"order": "invalid"}}';
    end if;

    return query
    with upcoming as (
        select
            p.performance_id, p.show_id, s.title, g.genre_id, g.name as genre,
            v.venue_id, v.name as venue_name, v.city, v.time_zone, v.currency::text,
            p.starts_at, s.duration_minutes,
            case p_sort
                when 'title' then s.title
                when 'genre' then g.name
                when 'venue' then v.name
            end as sort_text,
            count(*) over () as total_count
        from catalog.performances p
        join catalog.shows s on s.show_id = p.show_id
        join catalog.genres g on g.genre_id = s.genre_id
        join catalog.venues v on v.venue_id = p.venue_id
        where p.status = 'scheduled'
          and p.starts_at > now()
          and (p_genre_id is null or s.genre_id = p_genre_id)
          and (p_venue_id is null or p.venue_id = p_venue_id)
    ),
    page as (
        select u.*
        from upcoming u
        order by
            case when p_order = 'asc' then u.sort_text end asc,
            case when p_order = 'desc' then u.sort_text end desc,
            case when p_order = 'desc' and p_sort = 'starts_at' then u.starts_at end desc,
            u.starts_at,
            u.performance_id
        limit p_page_size
        offset (p_page - 1) * p_page_size
    )
    select
        pg.performance_id, pg.show_id, pg.title, pg.genre_id, pg.genre,
        pg.venue_id, pg.venue_name, pg.city, pg.time_zone, pg.currency,
        pg.starts_at, pg.starts_at at time zone pg.time_zone, pg.duration_minutes,
        cap.capacity,
        cap.capacity - coalesce(sold.seats, 0),
        prices.price_from_cents,
        pg.total_count
    from page pg
    cross join lateral (
        select count(*)::integer as capacity
        from catalog.seats st
        where st.venue_id = pg.venue_id
    ) cap
    cross join lateral (
        select count(*)::integer as seats
        from booking.booked_seats bs
        where bs.performance_id = pg.performance_id
          and bs.is_active
    ) sold
    cross join lateral (
        select min(pp.price_cents) as price_from_cents
        from catalog.performance_prices pp
        where pp.performance_id = pg.performance_id
    ) prices
    order by
        case when p_order = 'asc' then pg.sort_text end asc,
        case when p_order = 'desc' then pg.sort_text end desc,
        case when p_order = 'desc' and p_sort = 'starts_at' then pg.starts_at end desc,
        pg.starts_at,
        pg.performance_id;
end;
$$;

comment on function catalog.list_performances(integer, integer, text, text, bigint, bigint) is
    'A sorted, filtered page of upcoming performances with capacity, seats left and lowest price.';
