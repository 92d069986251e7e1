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

    -- The counts are kept by triggers on booking.bookings (co-bookers by
    -- migration 0007, tickets sold by 0006), so this reads one row per shard
    -- of each candidate show; each show's next performance is the first
    -- entry of its start-time index (two steps, because several venues may
    -- start the show at the same time).
    return query
    with next_performances as (
        select n.performance_id, n.show_id, n.venue_id, n.starts_at
        from catalog.shows s
        cross join lateral (
            select p.starts_at
            from catalog.performances p
            where p.show_id = s.show_id
              and p.status = 'scheduled'
              and p.starts_at > now()
            order by p.starts_at
            limit 1
        ) first_start
        cross join lateral (
            select p.performance_id, p.show_id, p.venue_id, p.starts_at
            from catalog.performances p
            where p.show_id = s.show_id
              and p.status = 'scheduled'
              and p.starts_at = first_start.starts_at
            order by p.performance_id
            limit 1
        ) n
        where s.genre_id = v_genre_id
          and s.show_id <> v_show_id
    ),
    ranked as (
        select n.*,
            (select coalesce(sum(cb.users), 0)::integer
             from booking.show_co_bookers cb
             where cb.show_id = v_show_id and cb.other_show_id = n.show_id) as co_bookers,
            (select coalesce(sum(ss.tickets), 0)::integer
             from catalog.show_sales ss
             where ss.show_id = n.show_id) as popularity
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
