-- One row per booking with what a person needs to recognise it: the show,
-- the venue, the local start time, the seats, whether it can still be
-- cancelled, and the show's running time (how long the evening lasts). The booking routines return rows of this view.
create view booking.booking_details as
select
    b.booking_id,
    b.user_id,
    b.performance_id,
    b.status,
    b.created_at,
    b.cancelled_at,
    b.total_cents,
    v.currency::text as currency,
    b.seat_count,
    s.title,
    v.name as venue_name,
    v.city,
    v.time_zone,
    p.starts_at,
    p.starts_at at time zone v.time_zone as local_starts_at,
    (b.status = 'confirmed' and p.starts_at > now()) as cancellable,
    coalesce((
        select jsonb_agg(
            jsonb_build_object(
                'seat_id', st.seat_id, 'section', sc.name, 'row_label', st.row_label,
                'seat_number', st.seat_number, 'price_cents', bs.price_cents)
            order by sc.sort_order, st.row_label, st.seat_number)
        from booking.booked_seats bs
        join catalog.seats st on st.seat_id = bs.seat_id
        join catalog.sections sc on sc.section_id = st.section_id
        where bs.booking_id = b.booking_id
    ), '[]'::jsonb) as seats,
    s.duration_minutes
from booking.bookings b
join catalog.performances p on p.performance_id = b.performance_id
join catalog.shows s on s.show_id = p.show_id
join catalog.venues v on v.venue_id = p.venue_id;

comment on view booking.booking_details is
    'Bookings with show, venue, local start time, seats and whether they can be cancelled.';
