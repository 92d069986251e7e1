-- A user's holds on one performance, as they stand by database time:
-- state is held (still counting down), expired (ran out, the seat is free)
-- or lost (ran out and someone else booked the seat).
-- Raises performance_not_found (BX004).
create function booking.list_holds(p_user_id bigint, p_performance_id bigint)
returns table (seat_id bigint, expires_at timestamptz, seconds_left integer, state text)
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
    select h.seat_id, h.expires_at,
           greatest(0, ceil(extract(epoch from h.expires_at - now())))::integer,
           case
               when h.expires_at > now() then 'held'
               when bs.seat_id is not null then 'lost'
               else 'expired'
           end
    from booking.seat_holds h
    left join booking.booked_seats bs
        on bs.performance_id = h.performance_id
       and bs.seat_id = h.seat_id
       and bs.is_active
    where h.performance_id = p_performance_id
      and h.user_id = p_user_id
    order by h.seat_id;
end;
$$;

comment on function booking.list_holds(bigint, bigint) is
    'A user''s holds on a performance: held, expired or lost to another booking.';
