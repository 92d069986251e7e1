-- Answers: which genres do people book?
-- Confirmed bookings and tickets per genre, every genre listed.
-- The all-users numbers of report.booking_patterns by genre.
create view report.bookings_by_genre as
select
    g.genre_id,
    g.name as genre,
    count(b.booking_id)::integer as bookings,
    coalesce(sum(b.seat_count), 0)::integer as tickets
from catalog.genres g
left join catalog.shows s on s.genre_id = g.genre_id
left join catalog.performances p on p.show_id = s.show_id
left join booking.bookings b on b.performance_id = p.performance_id and b.status = 'confirmed'
group by g.genre_id, g.name;

comment on view report.bookings_by_genre is
    'Confirmed bookings and tickets per genre.';
