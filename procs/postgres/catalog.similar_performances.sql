-- Up to six upcoming performances of other shows of the same genre as the
-- given performance: the next scheduled performance of each such show,
-- ranked by how many people who booked this show also booked that one,
-- then by tickets sold for that show, then by date.
-- Never a past or cancelled performance, never the same show.
-- Raises performance_not_found (BX004) for an unknown performance.
create function catalog.similar_performances(p_performance_id bigint)
returns table (
    performance_id bigint,
    show_id bigint,
    title text,
    genre_id bigint,
    genre text,
    venue_id bigint,
    venue_name text,
    city text,
    time_zone text,
    currency text,
    starts_at timestamptz,
    local_starts_at timestamp,
    duration_minutes integer,
    co_bookers integer,
    popularity integer
)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_show_id bigint;
    v_genre_id bigint;
begin
    select p.show_id, s.genre_id
    into v_show_id, v_genre_id
    from catalog.performances p
    join catalog.shows s on s.show_id = p.show_id
    where p.performance_id = p_performance_id;

    if not found then
        raise exception using errcode = 'BX004', message = 'No such performance.';
    end if;

    return query
    with bookers as (
        select distinct b.user_id
        from booking.bookings b
        join catalog.performances p on p.performance_id = b.performance_id
        where p.show_id = v_show_id and b.status = 'confirmed'
    ),
    next_performances as (
        select distinct on (p.show_id)
            p.performance_id, p.show_id, p.venue_id, p.starts_at
        from catalog.performances p
        join catalog.shows s on s.show_id = p.show_id
        where s.genre_id = v_genre_id
          and p.show_id <> v_show_id
          and p.status = 'scheduled'
          and p.starts_at > now()
        order by p.show_id, p.starts_at, p.performance_id
    ),
    ranked as (
        select n.*,
            (select count(distinct b.user_id)::integer
             from booking.bookings b
             join catalog.performances p on p.performance_id = b.performance_id
             join bookers bk on bk.user_id = b.user_id
             where p.show_id = n.show_id and b.status = 'confirmed') as co_bookers,
            (select coalesce(sum(b.seat_count), 0)::integer
             from booking.bookings b
             join catalog.performances p on p.performance_id = b.performance_id
             where p.show_id = n.show_id and b.status = 'confirmed') as popularity
        from next_performances n
    )
    select
        r.performance_id, r.show_id, s.title, g.genre_id, g.name, v.venue_id, v.name,
        v.city, v.time_zone, v.currency::text, r.starts_at,
        r.starts_at at time zone v.time_zone, s.duration_minutes,
        r.co_bookers, r.popularity
    from ranked r
    join catalog.shows s on s.show_id = r.show_id
    join catalog.genres g on g.genre_id = s.genre_id
    join catalog.venues v on v.venue_id = r.venue_id
    order by r.co_bookers desc, r.popularity desc, r.starts_at, r.performance_id
    limit 6;
end;
$$;

comment on function catalog.similar_performances(bigint) is
    'Up to six upcoming performances of other shows of the same genre, ranked by co-booking, popularity, date.';
