-- The seat map of a performance as one JSON document, the answer of
-- GET /api/performances/{id}/seats: {"performance_id", "venue_id",
-- "seats": [{"seat_id", "section_id", "row_label", "seat_number", "x", "y",
-- "accessible", "companion", "status"}, ...]} in drawing order. Each seat's
-- entry is kept written out up to its status (catalog.seat_map_parts); the
-- status is worked out as catalog.get_seat_map works it out: booked by an
-- active booking, or else held (booking.live_holds), or else available. Built here because the database turns a house of 1,500 seats
-- into JSON many times faster than the API could.
-- Raises performance_not_found (BX004).
create function catalog.get_seat_map_json(p_performance_id bigint)
returns table (seat_map text)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
-- Planned once per session: planning on every call cost more than running.
set plan_cache_mode = force_generic_plan
as $$
declare
    v_venue_id bigint;
begin
    select p.venue_id into v_venue_id
    from catalog.performances p
    where p.performance_id = p_performance_id;

    if not found then
        raise exception using errcode = 'BX004', message = 'No such performance.';
    end if;

    -- The seats taken are few beside the house: they are hashed, and the
    -- entries, read in map order from their index, look themselves up.
    return query
    with taken as (
        select bs.seat_id, 'booked' as status
        from booking.booked_seats bs
        where bs.performance_id = p_performance_id
          and bs.is_active
        union all
        select h.seat_id, 'held'
        from booking.live_holds h
        where h.performance_id = p_performance_id
    )
    select '{"performance_id":' || p_performance_id
        || ',"venue_id":' || coalesce(min(mp.venue_id)::text, 'null')
        || ',"seats":['
        || coalesce(
            string_agg(
                mp.part || coalesce(t.status, 'available') || '"}',
                ','
                order by mp.section_id, mp.row_label, mp.seat_number
            ),
            ''
        )
        || ']}'
    from catalog.seat_map_parts mp
    left join taken t on t.seat_id = mp.seat_id
    where mp.venue_id = v_venue_id;
end;
$$;

comment on function catalog.get_seat_map_json(bigint) is
    'The seat map of a performance as the JSON document the API serves.';
