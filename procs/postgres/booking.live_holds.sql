-- Holds that still keep a seat out of sale: not expired by database time,
-- on a seat no active booking has taken. The seat counts of the dashboard
-- and of search, and the seat status, read holds here.
create view booking.live_holds as
select h.performance_id, h.seat_id, h.user_id, h.expires_at
from booking.seat_holds h
where h.expires_at > now()
  and not exists (
      select 1
      from booking.booked_seats bs
      where bs.performance_id = h.performance_id
        and bs.seat_id = h.seat_id
        and bs.is_active
  );

comment on view booking.live_holds is
    'Unexpired holds on seats that no active booking has taken.';
