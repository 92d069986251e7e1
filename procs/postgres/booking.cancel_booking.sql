-- Cancels a user's own booking of a performance that has not started; its
-- seats become free at once, and the performance's change version is bumped
-- so open seat maps are told.
-- Raises booking_not_found (BX010), booking_not_cancellable (BX011).
create function booking.cancel_booking(p_user_id bigint, p_booking_id bigint)
returns setof booking.booking_details
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
-- Planned once per session: planning on every call cost more than running.
set plan_cache_mode = force_generic_plan
as $$
declare
    v_status text;
    v_starts_at timestamptz;
begin
    select b.status, p.starts_at
    into v_status, v_starts_at
    from booking.bookings b
    join catalog.performances p on p.performance_id = b.performance_id
    where b.booking_id = p_booking_id
      and b.user_id = p_user_id
    for update of b;

    if not found then
        raise exception using errcode = 'BX010', message = 'No such booking.';
    end if;

    if v_status <> 'confirmed' or v_starts_at <= now() then
        raise exception using errcode = 'BX011',
            message = 'This booking can no longer be cancelled.';
    end if;

    update booking.bookings b
    set status = 'cancelled', cancelled_at = now()
    where b.booking_id = p_booking_id;

    update booking.booked_seats bs
    set is_active = false
    where bs.booking_id = p_booking_id;

    -- Open seat maps learn of the freed seats (booking.record_change).
    perform booking.record_change(b.performance_id)
    from booking.bookings b
    where b.booking_id = p_booking_id;

    return query
    select d.* from booking.booking_details d where d.booking_id = p_booking_id;
end;
$$;

comment on function booking.cancel_booking(bigint, bigint) is
    'Cancels a user''s own booking of a future performance and frees its seats.';
