-- Answers: which performances are coming up, and how full is each?
-- One row per scheduled performance that has not started, soonest first,
-- with seats sold and left and the share sold.
create view report.upcoming_performances as
select
    p.performance_id,
    p.starts_at,
    p.starts_at at time zone v.time_zone as local_starts_at,
    s.title,
    g.name as genre,
    v.name as venue_name,
    v.city,
    cap.capacity,
    coalesce(sold.seats, 0) as seats_sold,
    cap.capacity - coalesce(sold.seats, 0) as seats_available,
    round(100.0 * coalesce(sold.seats, 0) / nullif(cap.capacity, 0), 1) as percent_sold
from catalog.performances p
join catalog.shows s on s.show_id = p.show_id
join catalog.genres g on g.genre_id = s.genre_id
join catalog.venues v on v.venue_id = p.venue_id
cross join lateral (
    select count(*)::integer as capacity
    from catalog.seats st
    where st.venue_id = p.venue_id
) cap
left join lateral (
    select count(*)::integer as seats
    from booking.booked_seats bs
    where bs.performance_id = p.performance_id and bs.is_active
) sold on true
where p.status = 'scheduled'
  and p.starts_at > now();

comment on view report.upcoming_performances is
    'Upcoming scheduled performances with capacity, seats sold, seats left and percent sold.';
