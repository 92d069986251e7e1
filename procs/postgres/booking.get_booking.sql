-- One booking of a user. Another user's booking is reported as not found,
-- so booking ids reveal nothing.
-- Raises booking_not_found (BX010).
create function booking.get_booking(p_user_id bigint, p_booking_id bigint)
returns setof booking.booking_details
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    return query
    select d.*
    from booking.booking_details d
    where d.booking_id = p_booking_id
      and d.user_id = p_user_id;

    if not found then
        raise exception using errcode = 'BX010', message = 'No such booking.';
    end if;
end;
$$;

comment on function booking.get_booking(bigint, bigint) is
    'One of a user''s bookings; another user''s booking is not found.';
