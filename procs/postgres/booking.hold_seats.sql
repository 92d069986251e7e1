-- Makes a user's holds on one performance exactly the given seats: seats
-- not listed are released, new ones are held, and an empty list releases
-- them all. The seats held together share one expiry, set when the first of
-- them was held (booking.hold_settings.hold_minutes later), so picking more
-- seats never extends a hold. Expiry is decided from database time here and
-- wherever a hold is read; nothing needs to clean up for it to be right.
-- p_seat_ids: a JSON array of distinct seat ids (0 to max_held_seats).
-- Raises validation_failed (BX001), performance_not_found (BX004),
-- performance_not_on_sale (BX005), duplicate_seat (BX007),
-- seat_not_in_venue (BX008), seat_taken (BX009), user_not_found (BX012),
-- seat_held (BX030, someone else holds a seat), hold_lost (BX031, the
-- user's own hold ran out and the seat was booked), hold_limit_exceeded
-- (BX032).
create function booking.hold_seats(
    p_user_id bigint,
    p_performance_id bigint,
    p_seat_ids jsonb
)
returns table (seat_id bigint, expires_at timestamptz, seconds_left integer)
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
    v_limit integer;
    v_minutes integer;
    v_taken bigint[];
    v_lost bigint[];
    v_held bigint[];
    v_expires timestamptz;
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

    select max(hs.setting_value) filter (where hs.setting_name = 'max_held_seats'),
           max(hs.setting_value) filter (where hs.setting_name = 'hold_minutes')
    into v_limit, v_minutes
    from booking.hold_settings hs;

    if cardinality(v_seat_ids) > coalesce(v_limit, 10) then
        raise exception using errcode = 'BX032',
            message = 'You can hold at most ' || coalesce(v_limit, 10)
                || ' seats of one performance.',
            detail = jsonb_build_object('limit', coalesce(v_limit, 10))::text;
    end if;

    if (
        select count(*) from catalog.seats st
        where st.seat_id = any (v_seat_ids) and st.venue_id = v_venue_id
    ) <> cardinality(v_seat_ids) then
        raise exception using errcode = 'BX008',
            message = 'A seat does not belong to this performance''s venue.';
    end if;

    -- One change of a user's holds at a time, then the seats themselves
    -- (booking.lock_seats): the checks below see what any earlier holder of
    -- those locks committed.
    perform pg_advisory_xact_lock(
        hashtextextended('holds:' || p_performance_id || ':' || p_user_id, 0));
    perform booking.lock_seats(p_performance_id, to_jsonb(v_seat_ids));

    select array_agg(bs.seat_id order by bs.seat_id),
           array_agg(bs.seat_id order by bs.seat_id) filter (where h.user_id = p_user_id)
    into v_taken, v_lost
    from booking.booked_seats bs
    left join booking.seat_holds h
        on h.performance_id = bs.performance_id and h.seat_id = bs.seat_id
    where bs.performance_id = p_performance_id
      and bs.seat_id = any (v_seat_ids)
      and bs.is_active;

    if v_lost is not null then
        raise exception using errcode = 'BX031',
            message = 'Your hold ran out and someone else booked some of the seats.',
            detail = jsonb_build_object('seat_ids', to_jsonb(v_lost))::text;
    end if;

    if v_taken is not null then
        raise exception using errcode = 'BX009', message = 'Some seats are already taken.',
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

    if (
        select count(*) from catalog.seats st
        join catalog.performance_prices pp
            on pp.section_id = st.section_id and pp.performance_id = p_performance_id
        where st.seat_id = any (v_seat_ids)
    ) <> cardinality(v_seat_ids) then
        raise exception using errcode = 'BX005',
            message = 'Some of these seats are not on sale for this performance.';
    end if;

    -- Seats still held keep their expiry; a fresh group starts a new one.
    select min(h.expires_at) into v_expires
    from booking.seat_holds h
    where h.performance_id = p_performance_id
      and h.user_id = p_user_id
      and h.seat_id = any (v_seat_ids)
      and h.expires_at > now();

    v_expires := coalesce(v_expires, now() + make_interval(mins => coalesce(v_minutes, 10)));

    delete from booking.seat_holds h
    where h.performance_id = p_performance_id
      and h.user_id = p_user_id
      and h.seat_id <> all (v_seat_ids);

    insert into booking.seat_holds as h
        (performance_id, venue_id, seat_id, user_id, held_at, expires_at)
    select p_performance_id, v_venue_id, s, p_user_id, now(), v_expires
    from unnest(v_seat_ids) s
    order by s
    on conflict on constraint seat_holds_pkey do update
        set user_id = excluded.user_id, held_at = excluded.held_at,
            expires_at = excluded.expires_at;

    -- Open seat maps learn of the change (booking.record_change).
    perform booking.record_change(p_performance_id);

    return query
    select h.seat_id, h.expires_at,
           greatest(0, ceil(extract(epoch from h.expires_at - now())))::integer
    from booking.seat_holds h
    where h.performance_id = p_performance_id
      and h.user_id = p_user_id
    order by h.seat_id;
end;
$$;

comment on function booking.hold_seats(bigint, bigint, jsonb) is
    'Makes a user''s holds on a performance exactly the given seats, for a few minutes of database time.';
