-- Answers: how full were our houses, by venue and by genre?
-- One row per venue and genre over performances that have already taken
-- place (cancelled ones left out): seats offered, seats sold, percent sold.
create view report.occupancy_by_venue_genre as
select
    v.venue_id,
    v.name as venue_name,
    g.name as genre,
    count(*)::integer as performances,
    sum(cap.capacity)::integer as seats_offered,
    sum(coalesce(sold.seats, 0))::integer as seats_sold,
    round(100.0 * sum(coalesce(sold.seats, 0)) / nullif(sum(cap.capacity), 0), 1)
        as percent_sold
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
  and p.starts_at <= now()
group by v.venue_id, v.name, g.name;

comment on view report.occupancy_by_venue_genre is
    'Seats offered and sold per venue and genre over performances already played.';
