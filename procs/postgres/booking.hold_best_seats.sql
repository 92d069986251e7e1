-- Finds the best p_seat_count free seats together and holds them for the
-- user, replacing the user's other holds on the performance, in one step:
-- the performance's row is locked while choosing, so two people asking at
-- the same moment never get the same seat, and nobody gets part of a group.
-- Together means consecutive seat numbers in one row of one section. Best
-- means: no single free seat left stranded between taken ones (or a row's
-- end) when another choice avoids it; accessible and companion seats kept
-- for those who ask for them; then section order (the price category),
-- closeness to the centre line x = 0, and to the stage (smallest y).
-- p_section_id: only that section, or null for any.
-- p_accessible: the group must hold an accessible seat and its companion.
-- p_allow_split: when no group fits, hold the best split instead of raising
-- no_adjacent_seats, whose details offer that split (seat_ids).
-- Raises validation_failed (BX001), performance_not_found (BX004),
-- performance_not_on_sale (BX005), seat_count_out_of_range (BX006),
-- user_not_found (BX012), hold_limit_exceeded (BX032),
-- no_adjacent_seats (BX033), not_enough_seats (BX034).
create function booking.hold_best_seats(
    p_user_id bigint,
    p_performance_id bigint,
    p_seat_count integer,
    p_section_id bigint,
    p_accessible boolean,
    p_allow_split boolean
)
returns table (
    seat_id bigint,
    section_id bigint,
    row_label text,
    seat_number integer,
    price_cents integer,
    expires_at timestamptz,
    seconds_left integer,
    together boolean
)
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    -- Neighbours further apart than this (in seat widths) have an aisle
    -- between them.
    c_aisle_gap constant numeric := 1.6;
    v_venue_id bigint;
    v_status text;
    v_starts_at timestamptz;
    v_limit integer;
    v_minutes integer;
    v_free integer;
    v_chosen bigint[];
    v_together boolean := true;
    v_expires timestamptz;
begin
    if p_seat_count is null or p_seat_count not between 1 and 10 then
        raise exception using errcode = 'BX006', message = 'A booking has between 1 and 10 seats.';
    end if;

    if not exists (select 1 from account.users u where u.user_id = p_user_id) then
        raise exception using errcode = 'BX012', message = 'No such user.';
    end if;

    -- Picks and holds of one performance are decided one at a time.
    select p.venue_id, p.status, p.starts_at
    into v_venue_id, v_status, v_starts_at
    from catalog.performances p
    where p.performance_id = p_performance_id
    for no key update;

    if not found then
        raise exception using errcode = 'BX004', message = 'No such performance.';
    end if;

    if v_status <> 'scheduled' or v_starts_at <= now() then
        raise exception using errcode = 'BX005', message = 'This performance is not on sale.';
    end if;

    if p_section_id is not null and not exists (
        select 1 from catalog.sections sc
        where sc.section_id = p_section_id and sc.venue_id = v_venue_id
    ) then
        raise exception using errcode = 'BX001',
            message = 'That section is not in this performance''s venue.',
            detail = '{"fields": {"section_id": "not in this venue"}}';
    end if;

    select max(hs.setting_value) filter (where hs.setting_name = 'max_held_seats'),
           max(hs.setting_value) filter (where hs.setting_name = 'hold_minutes')
    into v_limit, v_minutes
    from booking.hold_settings hs;

    if p_seat_count > coalesce(v_limit, 10) then
        raise exception using errcode = 'BX032',
            message = 'You can hold at most ' || coalesce(v_limit, 10)
                || ' seats of one performance.',
            detail = jsonb_build_object('limit', coalesce(v_limit, 10))::text;
    end if;

    -- Free seats: on sale, not booked, not held by anyone else (the user's
    -- own holds are replaced by this pick). Runs of consecutive numbers in
    -- a row share an island number, and an aisle (a gap wider than
    -- c_aisle_gap seat widths between neighbours) always starts a new one.
    create temporary table if not exists pg_temp.best_free (
        seat_id bigint primary key,
        section_id bigint not null,
        sort_order integer not null,
        row_label text not null,
        seat_number integer not null,
        x numeric not null,
        y numeric not null,
        is_accessible boolean not null,
        is_companion boolean not null,
        island integer not null
    ) on commit drop;
    delete from pg_temp.best_free;

    insert into pg_temp.best_free
    select st.seat_id, st.section_id, sc.sort_order, st.row_label, st.seat_number,
           st.x, st.y, st.is_accessible, st.is_companion,
           st.block * 100000 + st.seat_number - row_number() over (
               partition by st.section_id, st.row_label, st.block
               order by st.seat_number
           )::integer
    from (
        -- Number the blocks of each row between aisles, over all its seats.
        select b.*, sum(b.after_aisle) over (
                   partition by b.section_id, b.row_label order by b.seat_number
               )::integer as block
        from (
            select s.*,
                   case when sqrt(power(s.x - lag(s.x) over w, 2)
                                  + power(s.y - lag(s.y) over w, 2)) > c_aisle_gap
                        then 1 else 0 end as after_aisle
            from catalog.seats s
            where s.venue_id = v_venue_id
            window w as (partition by s.section_id, s.row_label order by s.seat_number)
        ) b
    ) st
    join catalog.sections sc on sc.section_id = st.section_id
    join catalog.performance_prices pp
        on pp.section_id = st.section_id and pp.performance_id = p_performance_id
    where st.venue_id = v_venue_id
      and (p_section_id is null or st.section_id = p_section_id)
      and not exists (
          select 1 from booking.booked_seats bs
          where bs.performance_id = p_performance_id
            and bs.seat_id = st.seat_id and bs.is_active
      )
      and not exists (
          select 1 from booking.seat_holds h
          where h.performance_id = p_performance_id
            and h.seat_id = st.seat_id
            and h.user_id <> p_user_id
            and h.expires_at > now()
      );

    select count(*) into v_free from pg_temp.best_free;

    if v_free < p_seat_count then
        raise exception using errcode = 'BX034',
            message = 'There are not that many free seats left.',
            detail = jsonb_build_object('available', v_free)::text;
    end if;

    -- Every group of consecutive free seats, scored; the first is the best.
    with islands as (
        select f.section_id, f.row_label, f.island,
               min(f.seat_number) as first_number, max(f.seat_number) as last_number
        from pg_temp.best_free f
        group by f.section_id, f.row_label, f.island
    ),
    groups as (
        select f.section_id, f.row_label, f.seat_number as first_number,
               i.first_number as island_first, i.last_number as island_last
        from pg_temp.best_free f
        join islands i
            on i.section_id = f.section_id and i.row_label = f.row_label
           and i.island = f.island
        where f.seat_number + p_seat_count - 1 <= i.last_number
    ),
    scored as (
        select g.section_id, g.row_label, g.first_number,
               array_agg(f.seat_id order by f.seat_number) as seat_ids,
               (g.first_number - g.island_first = 1
                   or g.island_last - (g.first_number + p_seat_count - 1) = 1) as strands,
               bool_or(f.is_accessible) as has_accessible,
               bool_or(f.is_companion) as has_companion,
               min(f.sort_order) as sort_order,
               abs(avg(f.x)) as off_centre,
               min(f.y) as depth
        from groups g
        join pg_temp.best_free f
            on f.section_id = g.section_id and f.row_label = g.row_label
           and f.seat_number between g.first_number and g.first_number + p_seat_count - 1
        group by g.section_id, g.row_label, g.first_number, g.island_first, g.island_last
    )
    select s.seat_ids into v_chosen
    from scored s
    where not coalesce(p_accessible, false) or (s.has_accessible and s.has_companion)
    order by s.strands,
             (not coalesce(p_accessible, false) and (s.has_accessible or s.has_companion)),
             s.sort_order, s.off_centre, s.depth, s.section_id, s.row_label, s.first_number
    limit 1;

    if v_chosen is null then
        -- No group fits: the longest runs first, best placed first, each
        -- giving its first seats until there are enough.
        v_together := false;

        with islands as (
            select f.section_id, f.row_label, f.island, count(*) as seats,
                   min(f.sort_order) as sort_order, abs(avg(f.x)) as off_centre,
                   min(f.y) as depth
            from pg_temp.best_free f
            group by f.section_id, f.row_label, f.island
        ),
        ranked as (
            select i.*,
                   coalesce(sum(i.seats) over (
                       order by i.seats desc, i.sort_order, i.depth, i.off_centre,
                                i.section_id, i.row_label, i.island
                       rows between unbounded preceding and 1 preceding
                   ), 0) as taken_before
            from islands i
        )
        select array_agg(f.seat_id order by f.seat_id) into v_chosen
        from ranked r
        join lateral (
            select f2.seat_id, row_number() over (order by f2.seat_number) as n
            from pg_temp.best_free f2
            where f2.section_id = r.section_id and f2.row_label = r.row_label
              and f2.island = r.island
        ) f on f.n <= p_seat_count - r.taken_before
        where r.taken_before < p_seat_count;

        if not coalesce(p_allow_split, false) then
            raise exception using errcode = 'BX033',
                message = 'There are not ' || p_seat_count
                    || ' seats together; the best split is offered.',
                detail = jsonb_build_object('seat_ids', to_jsonb(v_chosen))::text;
        end if;
    end if;

    v_expires := now() + make_interval(mins => coalesce(v_minutes, 10));

    delete from booking.seat_holds h
    where h.performance_id = p_performance_id
      and h.user_id = p_user_id;

    insert into booking.seat_holds as h
        (performance_id, venue_id, seat_id, user_id, held_at, expires_at)
    select p_performance_id, v_venue_id, s, p_user_id, now(), v_expires
    from unnest(v_chosen) s
    order by s
    on conflict on constraint seat_holds_pkey do update
        set user_id = excluded.user_id, held_at = excluded.held_at,
            expires_at = excluded.expires_at;

    insert into booking.performance_versions as pv (performance_id, version)
    values (p_performance_id, 1)
    on conflict (performance_id) do update
        set version = pv.version + 1, changed_at = now();

    perform pg_notify('performance_changed', p_performance_id::text);

    return query
    select st.seat_id, st.section_id, st.row_label, st.seat_number, pp.price_cents,
           v_expires,
           greatest(0, ceil(extract(epoch from v_expires - now())))::integer,
           v_together
    from catalog.seats st
    join catalog.sections sc on sc.section_id = st.section_id
    join catalog.performance_prices pp
        on pp.section_id = st.section_id and pp.performance_id = p_performance_id
    where st.seat_id = any (v_chosen)
    order by sc.sort_order, st.row_label, st.seat_number;
end;
$$;

comment on function booking.hold_best_seats(bigint, bigint, integer, bigint, boolean, boolean) is
    'Finds the best N free seats together (or, if accepted, the best split) and holds them, atomically.';
