-- Books seats of one performance for one user, all or nothing.
-- p_seat_ids: a JSON array of 1 to 10 distinct seat ids.
-- Each requested seat of the performance is locked (booking.lock_seats), so
-- two buyers racing for a seat cannot both win, while bookings of different
-- seats run side by side; the unique index on active booked seats stays the
-- last line of defence.
-- Raises validation_failed (BX001), performance_not_found (BX004),
-- performance_not_on_sale (BX005), seat_count_out_of_range (BX006),
-- duplicate_seat (BX007), seat_not_in_venue (BX008), seat_taken (BX009),
-- user_not_found (BX012), seat_held (BX030, someone else holds a seat),
-- hold_lost (BX031, the user's own hold ran out and the seat was booked).
-- The user's own holds never block them; the booked seats' holds end, and
-- the performance's change version is bumped with the booking.
create function booking.book_seats(
    p_user_id bigint,
    p_performance_id bigint,
    p_seat_ids jsonb
)
returns setof booking.booking_details
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
-- Planned once per session: planning on every call cost more than running.
set plan_cache_mode = force_generic_plan
as $$
declare
    v_seat_ids bigint[];
    v_venue_id bigint;
    v_status text;
    v_starts_at timestamptz;
    v_taken bigint[];
    v_labels text;
    v_booking_id bigint;
    v_priced integer;
    v_lost bigint[];
    v_held bigint[];
    v_inserted integer;
begin
    if p_seat_ids is null or jsonb_typeof(p_seat_ids) <> 'array' then
        raise exception using errcode = 'BX001', message = 'seat_ids must be a list of seat ids.',
            detail = '{"fields": {"seat_ids": "invalid"}}';
    end if;

    if exists (
        select 1 from jsonb_array_elements(p_seat_ids) e
        where jsonb_typeof(e) <> 'number' or (e #>> '{}') !~ '^[0-9]{1,18}$'
    ) then
        raise exception using errcode = 'BX001', message = 'Each seat id must be a whole number.',
            detail = '{"fields": {"seat_ids": "invalid"}}';
    end if;

    select coalesce(array_agg((e #>> '{}')::bigint), '{}')
    into v_seat_ids
    from jsonb_array_elements(p_seat_ids) e;

    if cardinality(v_seat_ids) not between 1 and 10 then
        raise exception using errcode = 'BX006', message = 'A booking has between 1 and 10 seats.';
    end if;

    if (select count(distinct s) from unnest(v_seat_ids) s) <> cardinality(v_seat_ids) then
        raise exception using errcode = 'BX007', message = 'The same seat appears twice.';
    end if;

    if not exists (select 1 from account.users u where u.user_id = p_user_id) then
        raise exception using errcode = 'BX012', message = 'No such user.';
    end if;

    select p.venue_id, p.status, p.starts_at
    into v_venue_id, v_status, v_starts_at
    from catalog.performances p
    where p.performance_id = p_performance_id;

    if not found then
        raise exception using errcode = 'BX004', message = 'No such performance.';
    end if;

    if v_status <> 'scheduled' or v_starts_at <= now() then
        raise exception using errcode = 'BX005', message = 'This performance is not on sale.';
    end if;

    if (
        select count(*) from catalog.seats st
        where st.seat_id = any (v_seat_ids) and st.venue_id = v_venue_id
    ) <> cardinality(v_seat_ids) then
        raise exception using errcode = 'BX008',
            message = 'A seat does not belong to this performance''s venue.';
    end if;

    -- Lock the requested seats of this performance, in a fixed order: two
    -- buyers racing for a seat go one after the other, while bookings of
    -- other seats commit side by side. Every check below runs after the
    -- locks, so it sees whatever the previous holder of a lock committed.
    perform booking.lock_seats(p_performance_id, to_jsonb(v_seat_ids));

    select array_agg(bs.seat_id order by bs.seat_id)
    into v_lost
    from booking.booked_seats bs
    join booking.seat_holds h
        on h.performance_id = bs.performance_id and h.seat_id = bs.seat_id
    where bs.performance_id = p_performance_id
      and bs.seat_id = any (v_seat_ids)
      and bs.is_active
      and h.user_id = p_user_id;

    if v_lost is not null then
        raise exception using errcode = 'BX031',
            message = 'Your hold ran out and someone else booked some of the seats.',
            detail = jsonb_build_object('seat_ids', to_jsonb(v_lost))::text;
    end if;

    select array_agg(bs.seat_id order by bs.seat_id),
           string_agg(sc.name || ' ' || st.row_label || '-' || st.seat_number, ', '
                      order by sc.sort_order, st.row_label, st.seat_number)
    into v_taken, v_labels
    from booking.booked_seats bs
    join catalog.seats st on st.seat_id = bs.seat_id
    join catalog.sections sc on sc.section_id = st.section_id
    where bs.performance_id = p_performance_id
      and bs.seat_id = any (v_seat_ids)
      and bs.is_active;

    if v_taken is not null then
        raise exception using errcode = 'BX009',
            message = 'Already taken: ' || v_labels || '.',
            detail = jsonb_build_object('seat_ids', to_jsonb(v_taken))::text;
    end if;

    select array_agg(h.seat_id order by h.seat_id)
    into v_held
    from booking.seat_holds h
    where h.performance_id = p_performance_id
      and h.seat_id = any (v_seat_ids)
      and h.user_id <> p_user_id
      and h.expires_at > now();

    if v_held is not null then
        raise exception using errcode = 'BX030',
            message = 'Someone else is holding some of these seats.',
            detail = jsonb_build_object('seat_ids', to_jsonb(v_held))::text;
    end if;

    select count(*) into v_priced
    from catalog.seats st
    join catalog.performance_prices pp
        on pp.section_id = st.section_id and pp.performance_id = p_performance_id
    where st.seat_id = any (v_seat_ids);

    if v_priced <> cardinality(v_seat_ids) then
        raise exception using errcode = 'BX005',
            message = 'Some of these seats are not on sale for this performance.';
    end if;

    insert into booking.bookings (user_id, performance_id, seat_count, total_cents)
    select p_user_id, p_performance_id, count(*), sum(pp.price_cents)
    from catalog.seats st
    join catalog.performance_prices pp
        on pp.section_id = st.section_id and pp.performance_id = p_performance_id
    where st.seat_id = any (v_seat_ids)
    returning booking_id into v_booking_id;

    -- The unique index on active booked seats is the last line of defence:
    -- a seat it refuses (only possible if the locks above were bypassed)
    -- is left out here, and the whole booking is refused below.
    insert into booking.booked_seats (booking_id, performance_id, venue_id, seat_id, price_cents)
    select v_booking_id, p_performance_id, v_venue_id, st.seat_id, pp.price_cents
    from catalog.seats st
    join catalog.performance_prices pp
        on pp.section_id = st.section_id and pp.performance_id = p_performance_id
    where st.seat_id = any (v_seat_ids)
    order by st.seat_id
    on conflict (performance_id, seat_id) where is_active do nothing;

    get diagnostics v_inserted = row_count;
    if v_inserted <> cardinality(v_seat_ids) then
        raise exception using errcode = 'BX009', message = 'Some seats are already taken.',
            detail = jsonb_build_object('seat_ids', to_jsonb(v_seat_ids))::text;
    end if;

    -- The user's holds on these seats end. Someone else's expired hold on
    -- one stays, so its owner can be told it was lost (booking.list_holds).
    delete from booking.seat_holds h
    where h.performance_id = p_performance_id
      and h.seat_id = any (v_seat_ids)
      and h.user_id = p_user_id;

    -- Open seat maps learn of the change (booking.record_change).
    perform booking.record_change(p_performance_id);

    return query
    select d.* from booking.booking_details d where d.booking_id = v_booking_id;
end;
$$;

comment on function booking.book_seats(bigint, bigint, jsonb) is
    'Books 1 to 10 seats of a performance for a user, all or nothing; raises seat_taken naming the seats.';
