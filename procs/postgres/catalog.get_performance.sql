-- Everything the performance page shows: the show, the venue, and for each
-- section its price, capacity and seats still available (neither booked nor
-- held by anyone in checkout).
-- cast and sections are JSON arrays, ordered by billing and by section order.
-- Raises performance_not_found (BX004).
create function catalog.get_performance(p_performance_id bigint)
returns table (
    performance_id bigint,
    status text,
    on_sale boolean,
    starts_at timestamptz,
    local_starts_at timestamp,
    time_zone text,
    currency text,
    capacity integer,
    seats_available integer,
    show_id bigint,
    title text,
    description text,
    genre text,
    duration_minutes integer,
    director text,
    cast_members jsonb,
    venue_id bigint,
    venue_name text,
    city text,
    address text,
    sections jsonb
)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    if not exists (
        select 1 from catalog.performances p where p.performance_id = p_performance_id
    ) then
        raise exception using errcode = 'BX004', message = 'No such performance.';
    end if;

    return query
    with section_counts as (
        select
            sc.section_id, sc.name, sc.sort_order, pp.price_cents,
            count(st.seat_id)::integer as capacity,
            (count(st.seat_id) - count(bs.seat_id) - count(h.seat_id))::integer
                as available
        from catalog.performances p
        join catalog.sections sc on sc.venue_id = p.venue_id
        left join catalog.performance_prices pp
            on pp.performance_id = p.performance_id and pp.section_id = sc.section_id
        left join catalog.seats st on st.section_id = sc.section_id
        left join booking.booked_seats bs
            on bs.performance_id = p.performance_id
           and bs.seat_id = st.seat_id
           and bs.is_active
        -- A seat someone holds in checkout is not available to anyone else.
        left join booking.seat_holds h
            on h.performance_id = p.performance_id
           and h.seat_id = st.seat_id
           and h.expires_at > now()
           and bs.seat_id is null
        where p.performance_id = p_performance_id
        group by sc.section_id, sc.name, sc.sort_order, pp.price_cents
    )
    select
        p.performance_id,
        p.status,
        p.status = 'scheduled' and p.starts_at > now(),
        p.starts_at,
        p.starts_at at time zone v.time_zone,
        v.time_zone,
        v.currency::text,
        (select coalesce(sum(c.capacity), 0)::integer from section_counts c),
        (select coalesce(sum(c.available), 0)::integer from section_counts c),
        s.show_id,
        s.title,
        s.description,
        g.name,
        s.duration_minutes,
        s.director,
        coalesce((
            select jsonb_agg(
                jsonb_build_object('name', sc.person_name, 'role', sc.role_name)
                order by sc.billing_order)
            from catalog.show_cast sc
            where sc.show_id = s.show_id
        ), '[]'::jsonb),
        v.venue_id,
        v.name,
        v.city,
        v.address,
        coalesce((
            select jsonb_agg(
                jsonb_build_object(
                    'section_id', c.section_id, 'name', c.name,
                    'price_cents', c.price_cents, 'capacity', c.capacity,
                    'available', c.available)
                order by c.sort_order, c.section_id)
            from section_counts c
        ), '[]'::jsonb)
    from catalog.performances p
    join catalog.shows s on s.show_id = p.show_id
    join catalog.genres g on g.genre_id = s.genre_id
    join catalog.venues v on v.venue_id = p.venue_id
    where p.performance_id = p_performance_id;
end;
$$;

comment on function catalog.get_performance(bigint) is
    'A performance with its show, venue, and price and availability per section.';
