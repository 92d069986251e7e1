-- One page of upcoming scheduled performances with seats left.
-- p_sort: starts_at, title, genre or venue; p_order: asc or desc.
-- p_genre_id, p_venue_id: optional filters (null for all).
-- total_count repeats on each row: the number of rows over all pages.
-- Each sort walks an index in order and stops at the page, so a page costs
-- the same however large the catalogue; the total is an index-only count.
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
declare
    -- The performances a page may show, written once for every sort.
    c_upcoming constant text := $c$p.status = 'scheduled' and p.starts_at > now()
        and ($2 is null or p.venue_id = $2)
        and ($1 is null or p.show_id in (
            select s2.show_id from catalog.shows s2 where s2.genre_id = $1))$c$;
    v_total bigint;
    v_source text;
    v_key text;
    v_ids bigint[];
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

    if p_venue_id is null and p_genre_id is null then
        -- Every upcoming performance: the days after today (UTC) are
        -- counted already (catalog.scheduled_per_day); the rest of today
        -- is read from the index.
        select coalesce(sum(d.performances), 0)
            + (select count(*)
               from catalog.performances p
               where p.status = 'scheduled'
                 and p.starts_at > now()
                 and p.starts_at < (((now() at time zone 'UTC')::date + 1)::timestamp
                                    at time zone 'UTC'))
        into v_total
        from catalog.scheduled_per_day d
        where d.starts_on > (now() at time zone 'UTC')::date;
    else
        select count(*) into v_total
        from catalog.performances p
        where p.status = 'scheduled'
          and p.starts_at > now()
          and (p_venue_id is null or p.venue_id = p_venue_id)
          and (p_genre_id is null or p.show_id in (
              select s.show_id from catalog.shows s where s.genre_id = p_genre_id));
    end if;

    -- Walk the sort's own small table in order and, for each of its rows,
    -- the upcoming performances by start (fenced with offset 0 so the planner
    -- keeps this shape), so the scan stops as soon as the page is full.
    v_source := case p_sort
        when 'title' then
            'select s.show_id, s.title as key from catalog.shows s '
            'where ($1 is null or s.genre_id = $1)'
        when 'genre' then
            'select s.show_id, g.name as key from catalog.shows s '
            'join catalog.genres g on g.genre_id = s.genre_id '
            'where ($1 is null or s.genre_id = $1)'
        when 'venue' then
            'select v.venue_id, v.name as key from catalog.venues v '
            'where ($2 is null or v.venue_id = $2)'
    end;
    v_key := case p_sort when 'venue' then 'venue_id' else 'show_id' end;

    -- The page's performances in order, found by the sort's own statement.
    execute 'select ' || (
        case
            when p_sort = 'starts_at' then format(
                $ids$array(
                    select p.performance_id from catalog.performances p
                    where %s
                    order by p.starts_at %s, p.performance_id
                    limit $3 offset $4)$ids$,
                c_upcoming, p_order)
            else format(
                $ids$array(
                    select p.performance_id
                    from (%s order by key %s offset 0) o
                    cross join lateral (
                        select p.performance_id, p.starts_at
                        from catalog.performances p
                        where p.%s = o.%s and %s
                        order by p.starts_at, p.performance_id
                        offset 0) p
                    order by o.key %s, p.starts_at, p.performance_id
                    limit $3 offset $4)$ids$,
                v_source, p_order, v_key, v_key, c_upcoming, p_order)
        end
    )
    into v_ids
    using p_genre_id, p_venue_id, p_page_size, (p_page - 1) * p_page_size;

    -- Then their details: one statement for every sort, planned once.
    return query
        with page as (
            select pg.performance_id, pg.position
            from unnest(v_ids) with ordinality as pg (performance_id, position)
        )
        select
            p.performance_id, p.show_id, s.title, g.genre_id, g.name,
            v.venue_id, v.name, v.city, v.time_zone, v.currency::text,
            p.starts_at, p.starts_at at time zone v.time_zone, s.duration_minutes,
            counts.capacity,
            counts.capacity - counts.booked - held.seats,
            p.lowest_price_cents,
            v_total
        from page pg
        join catalog.performances p on p.performance_id = pg.performance_id
        join catalog.shows s on s.show_id = p.show_id
        join catalog.genres g on g.genre_id = s.genre_id
        join catalog.venues v on v.venue_id = p.venue_id
        -- Seats and seats booked are kept per performance (booking.seat_counts).
        cross join lateral (
            select coalesce(sum(sc.capacity), 0)::integer as capacity,
                   coalesce(sum(sc.booked), 0)::integer as booked
            from booking.seat_counts sc
            where sc.performance_id = p.performance_id
        ) counts
        cross join lateral (
            -- Seats held in someone's checkout are not available either.
            select count(*)::integer as seats
            from booking.live_holds h
            where h.performance_id = p.performance_id
        ) held
        order by pg.position;
end;
$$;

comment on function catalog.list_performances(integer, integer, text, text, bigint, bigint) is
    'A sorted, filtered page of upcoming performances with capacity, seats left and lowest price.';
