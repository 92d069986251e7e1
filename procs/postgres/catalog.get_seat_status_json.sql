-- Which seats of a performance are taken, as one JSON document, the answer
-- of GET /api/performances/{id}/seats/status: {"performance_id",
-- "booked": [seat ids], "held": [seat ids]}, both ascending. A seat counts
-- as booked or held exactly as catalog.get_seat_map counts it: booked by an
-- active booking, or else held until expires_at by database time; every
-- other seat of the house is available. Live seat maps keep the layout they
-- read once and ask only this again, so it reads the two tables by
-- performance through their keys and never touches catalog.seats.
-- Raises performance_not_found (BX004).
create function catalog.get_seat_status_json(p_performance_id bigint)
returns table (seat_status text)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    perform 1
    from catalog.performances p
    where p.performance_id = p_performance_id;

    if not found then
        raise exception using errcode = 'BX004', message = 'No such performance.';
    end if;

    -- Seat ids are numbers, so the text is written directly: no escaping.
    return query
    select '{"performance_id":' || p_performance_id
        || ',"booked":[' || coalesce((
            select string_agg(bs.seat_id::text, ',' order by bs.seat_id)
            from booking.booked_seats bs
            where bs.performance_id = p_performance_id
              and bs.is_active
        ), '')
        || '],"held":[' || coalesce((
            select string_agg(h.seat_id::text, ',' order by h.seat_id)
            from booking.live_holds h
            where h.performance_id = p_performance_id
        ), '')
        || ']}';
end;
$$;

comment on function catalog.get_seat_status_json(bigint) is
    'Which seats of a performance are booked or held, as the JSON document the API serves.';
