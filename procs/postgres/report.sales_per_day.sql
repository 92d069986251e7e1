-- Answers: how much did we sell each day, in each currency?
-- One row per day (UTC) on which bookings were made and currency: bookings
-- and tickets still confirmed, their takings in minor units, and bookings
-- made that day that were later cancelled.
create view report.sales_per_day as
select
    (b.created_at at time zone 'UTC')::date as sale_date,
    v.currency::text as currency,
    count(*) filter (where b.status = 'confirmed')::integer as bookings,
    coalesce(sum(b.seat_count) filter (where b.status = 'confirmed'), 0)::integer
        as tickets,
    coalesce(sum(b.total_cents) filter (where b.status = 'confirmed'), 0)::bigint
        as revenue_cents,
    count(*) filter (where b.status = 'cancelled')::integer as cancelled_bookings
from booking.bookings b
join catalog.performances p on p.performance_id = b.performance_id
join catalog.venues v on v.venue_id = p.venue_id
group by (b.created_at at time zone 'UTC')::date, v.currency;

comment on view report.sales_per_day is
    'Confirmed bookings, tickets and takings per day of sale (UTC) and currency.';
