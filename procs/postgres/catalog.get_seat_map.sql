-- Every seat of a performance's venue with where to draw it and whether it
-- is available, booked, or held (held_by names the holder, so the API can
-- show a holder their own holds; a hold counts until expires_at by database
-- time).
-- Raises performance_not_found (BX004).
create function catalog.get_seat_map(p_performance_id bigint)
returns table (
    seat_id bigint,
    venue_id bigint,
    section_id bigint,
    row_label text,
    seat_number integer,
    x numeric,
    y numeric,
    is_accessible boolean,
    is_companion boolean,
    status text,
    held_by bigint
)
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

    return query
    select
        st.seat_id, st.venue_id, st.section_id, st.row_label, st.seat_number, st.x, st.y,
        st.is_accessible, st.is_companion,
        case
            when bs.seat_id is not null then 'booked'
            when h.seat_id is not null then 'held'
            else 'available'
        end,
        case when bs.seat_id is null then h.user_id end
    from catalog.seats st
    left join booking.booked_seats bs
        on bs.performance_id = p_performance_id
       and bs.seat_id = st.seat_id
       and bs.is_active
    left join booking.seat_holds h
        on h.performance_id = p_performance_id
       and h.seat_id = st.seat_id
       and h.expires_at > now()
    where st.venue_id = v_venue_id
    order by st.section_id, st.row_label, st.seat_number;
end;
$$;

comment on function catalog.get_seat_map(bigint) is
    'The seat map of a performance: each seat, its position and available, held or booked.';
