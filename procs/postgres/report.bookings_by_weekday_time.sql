-- Answers: on which weekdays and at which time of day do people go?
-- Confirmed bookings and tickets by the weekday (0 = Monday) and time of day
-- (matinee: starts before 17:00 at the venue; evening otherwise) of the
-- performance booked. The all-users numbers of report.booking_patterns.
create view report.bookings_by_weekday_time as
select
    (extract(isodow from p.starts_at at time zone v.time_zone))::integer - 1 as weekday,
    case when (p.starts_at at time zone v.time_zone)::time < time '17:00'
         then 'matinee' else 'evening' end as time_of_day,
    count(*)::integer as bookings,
    sum(b.seat_count)::integer as tickets
from booking.bookings b
join catalog.performances p on p.performance_id = b.performance_id
join catalog.venues v on v.venue_id = p.venue_id
where b.status = 'confirmed'
group by 1, 2;

comment on view report.bookings_by_weekday_time is
    'Confirmed bookings and tickets by weekday (0 = Monday) and time of day of the performance.';
