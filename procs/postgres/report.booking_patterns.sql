-- Booking patterns of one user beside everyone's, for confirmed bookings
-- made between p_date_from and p_date_to (UTC days, both included).
-- p_dimension:
--   day          one row per day of the range, the day the booking was made;
--   weekday      Monday to Sunday of the performance, at the venue;
--   time_of_day  matinee (starts before 17:00 local) or evening;
--   genre        one row per genre.
-- bucket_order sorts the rows; rows with no bookings are included.
-- Raises validation_failed (BX001) for a bad dimension or range (at most 366 days).
create function report.booking_patterns(
    p_user_id bigint,
    p_dimension text,
    p_date_from date,
    p_date_to date
)
returns table (
    bucket text,
    bucket_order integer,
    my_bookings integer,
    my_tickets integer,
    all_bookings integer,
    all_tickets integer
)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    if p_dimension is null or p_dimension not in ('day', 'weekday', 'time_of_day', 'genre') then
        raise exception using errcode = 'BX001',
            message = 'dimension must be one of day, weekday, time_of_day, genre.',
            detail = '{"fields": {"dimension": "invalid"}}';
    end if;

    if p_date_from is null or p_date_to is null or p_date_from > p_date_to
        or p_date_to - p_date_from > 365 then
        raise exception using errcode = 'BX001',
            message = 'The date range must be at most 366 days, earliest first.',
            detail = '{"fields": {"date_from": "invalid"}}';
    end if;

    return query
    with facts as (
        -- Each booking with the key of the bucket it falls in.
        select
            case p_dimension
                when 'day' then to_char((b.created_at at time zone 'UTC')::date, 'YYYY-MM-DD')
                when 'weekday' then ((extract(isodow from p.starts_at at time zone v.time_zone))
                                     ::integer - 1)::text
                when 'time_of_day' then
                    case when (p.starts_at at time zone v.time_zone)::time < time '17:00'
                         then 'matinee' else 'evening' end
                else s.genre_id::text
            end as bucket_key,
            b.user_id = p_user_id as is_mine,
            b.seat_count
        from booking.bookings b
        join catalog.performances p on p.performance_id = b.performance_id
        join catalog.venues v on v.venue_id = p.venue_id
        join catalog.shows s on s.show_id = p.show_id
        where b.status = 'confirmed'
          and b.created_at >= (p_date_from::timestamp at time zone 'UTC')
          and b.created_at < ((p_date_to + 1)::timestamp at time zone 'UTC')
    ),
    totals as (
        select f.bucket_key,
            count(*) filter (where f.is_mine)::integer as my_bookings,
            coalesce(sum(f.seat_count) filter (where f.is_mine), 0)::integer as my_tickets,
            count(*)::integer as all_bookings,
            sum(f.seat_count)::integer as all_tickets
        from facts f
        group by f.bucket_key
    ),
    buckets as (
        select to_char(d, 'YYYY-MM-DD') as bucket, (d::date - p_date_from) as bucket_order,
            to_char(d, 'YYYY-MM-DD') as bucket_key
        from generate_series(p_date_from, p_date_to, interval '1 day') d
        where p_dimension = 'day'
        union all
        select w.name, (w.n - 1)::integer, (w.n - 1)::text
        from unnest(array['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday',
                          'Saturday', 'Sunday']) with ordinality w(name, n)
        where p_dimension = 'weekday'
        union all
        select t.name, t.n, t.name
        from (values ('matinee', 0), ('evening', 1)) t(name, n)
        where p_dimension = 'time_of_day'
        union all
        select g.name, (row_number() over (order by g.name, g.genre_id))::integer - 1,
            g.genre_id::text
        from catalog.genres g
        where p_dimension = 'genre'
    )
    select bk.bucket, bk.bucket_order,
        coalesce(t.my_bookings, 0), coalesce(t.my_tickets, 0),
        coalesce(t.all_bookings, 0), coalesce(t.all_tickets, 0)
    from buckets bk
    left join totals t on t.bucket_key = bk.bucket_key
    order by bk.bucket_order;
end;
$$;

comment on function report.booking_patterns(bigint, text, date, date) is
    'Bookings and tickets of one user beside everyone''s, per day, weekday, time of day or genre.';
