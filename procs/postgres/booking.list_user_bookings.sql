-- A user's bookings: upcoming performances first (soonest first), then past
-- ones (most recent first).
create function booking.list_user_bookings(p_user_id bigint)
returns setof booking.booking_details
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select d.*
    from booking.booking_details d
    where d.user_id = p_user_id
    order by
        d.starts_at <= now(),
        case when d.starts_at > now() then d.starts_at end asc,
        d.starts_at desc,
        d.booking_id desc;
$$;

comment on function booking.list_user_bookings(bigint) is
    'A user''s bookings, upcoming first, then past.';
