-- Finds the best p_seat_count free seats together and holds them for the
-- user, replacing the user's other holds on the performance, in one step:
-- picks of one performance are made one at a time and the chosen seats are
-- locked (booking.lock_seats) before they are held, so two people asking at
-- the same moment never get the same seat, and nobody gets part of a group.
-- Together means consecutive seat numbers in one row of one section. Best
-- means: no single free seat left stranded between taken ones (or a row's
-- end) when another choice avoids it; accessible and companion seats kept
-- for those who ask for them; then section order (the price category),
-- closeness to the centre line x = 0, and to the stage (smallest y).
-- p_section_id: only that section, or null for any.
-- p_accessible: the group must hold a wheelchair space and, for two or more
-- seats, its companion seat; no split is offered instead (no_accessible_seats).
-- p_allow_split: when no group fits, hold the best split instead of raising
-- no_adjacent_seats, whose details offer that split (seat_ids).
-- Raises validation_failed (BX001), performance_not_found (BX004),
-- performance_not_on_sale (BX005), seat_count_out_of_range (BX006),
-- user_not_found (BX012), hold_limit_exceeded (BX032),
-- no_adjacent_seats (BX033), not_enough_seats (BX034),
-- no_accessible_seats (BX035), seat_taken (BX009,
-- a booking took a chosen seat while it was being chosen; ask again).
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
-- Planned once per session: planning on every call cost more than running.
set plan_cache_mode = force_generic_plan
as $$
declare
    v_venue_id bigint;
    v_status text;
    v_starts_at timestamptz;
    v_limit integer;
    v_minutes integer;
    v_free integer;
    v_spaces integer;
    v_spaces_elsewhere integer;
    v_chosen bigint[];
    v_together boolean := true;
    v_split boolean;
    v_expires timestamptz;
    v_levels integer[];
    v_level integer;
    v_level_free integer;
    v_group bigint[];
    v_strands boolean;
    v_keeps boolean;
    v_chosen_strands boolean;
    v_chosen_keeps boolean;
begin
    if p_seat_count is null or p_seat_count not between 1 and 10 then
        raise exception using errcode = 'BX006', message = 'A booking has between 1 and 10 seats.';
    end if;

    if not exists (select 1 from account.users u where u.user_id = p_user_id) then
        raise exception using errcode = 'BX012', message = 'No such user.';
    end if;

    select p.venue_id, p.status, p.starts_at
    into v_venue_id, v_status, v_starts_at
    from catalog.performances p
    where p.performance_id = p_performance_id;

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

    -- Fewer seats left in the whole house than asked for is said at once,
    -- without waiting for the picks' turn: after a sell-out, everyone still
    -- asking is told so without queueing behind one another. The kept
    -- counts (every seat of the venue) less the others' holds rule it out
    -- cheaply on every other pick; when they do not, the free seats are
    -- counted as the pick counts them, and a pick is made after all if a
    -- cancellation freed enough in between. A section or wheelchair space
    -- that is sold out while the house is not, or a house whose unpriced
    -- sections still count as seats, is found so in the picks' turn.
    select sum(c.capacity - c.booked)::integer - (
               select count(*) from booking.seat_holds h
               where h.performance_id = p_performance_id
                 and h.user_id <> p_user_id
                 and h.expires_at > now()
           )
    into v_free
    from booking.seat_counts c
    where c.performance_id = p_performance_id;

    if v_free < p_seat_count then
        select count(*)
        into v_free
        from catalog.performance_prices pp
        join catalog.seat_layout l
            on l.venue_id = v_venue_id and l.section_id = pp.section_id
        where pp.performance_id = p_performance_id
          and (p_section_id is null or pp.section_id = p_section_id)
          and l.seat_id not in (
                  select bs.seat_id from booking.booked_seats bs
                  where bs.performance_id = p_performance_id and bs.is_active
                  union all
                  select h.seat_id from booking.seat_holds h
                  where h.performance_id = p_performance_id
                    and h.user_id <> p_user_id
                    and h.expires_at > now()
              );

        if v_free < p_seat_count then
            raise exception using errcode = 'BX034',
                message = 'There are not that many free seats left.',
                detail = jsonb_build_object('available', v_free)::text;
        end if;
    end if;

    -- Picks of one performance are made one at a time, each from what the
    -- previous one committed; then one change of this user's holds at a time.
    perform pg_advisory_xact_lock(hashtextextended('picks:' || p_performance_id, 0));
    perform pg_advisory_xact_lock(
        hashtextextended('holds:' || p_performance_id || ':' || p_user_id, 0));

    -- Free seats: on sale, not booked, not held by anyone else (the user's
    -- own holds are replaced by this pick). Runs of consecutive numbers in
    -- a row share an island number, and an aisle (a new block of
    -- catalog.seat_layout) always starts a new one.
    -- The statement below counts them, scores every group of p_seat_count
    -- consecutive free seats (the first is the best) and, when asked for
    -- the whole house (v_level null), works out the best split instead.
    -- Distances from the centre line are added up in whole hundredths
    -- (exact); depths are compared in floating point.
    --
    -- Groups are ranked first by whether they strand a seat, then by
    -- whether they keep an accessible or companion seat from those who
    -- need it, then by section order. So the sections of one order
    -- (v_level) are scored at a time, front first: the first group that
    -- does neither is the best of the house, and otherwise the best of
    -- each order, compared on those two, gives it. Only when no group fits
    -- anywhere is the whole house read again, for the split. Until the
    -- best sections are nearly full, a pick reads only them.
    select array_agg(distinct sc.sort_order order by sc.sort_order)
    into v_levels
    from catalog.performance_prices pp
    join catalog.sections sc on sc.section_id = pp.section_id
    where pp.performance_id = p_performance_id
      and sc.venue_id = v_venue_id
      and (p_section_id is null or sc.section_id = p_section_id);

    v_free := 0;
    foreach v_level in array coalesce(v_levels, '{}') || array[null::integer] loop
        -- The whole house is read again only for a split, which never
        -- stands in for a wheelchair space.
        exit when v_level is null
              and (v_chosen is not null or v_free < p_seat_count
                   or coalesce(p_accessible, false));

        with priced as materialized (
            -- The few sections on sale, first: each is then read from the
            -- layout's index alone, in pick order.
            select sc.section_id, sc.sort_order
            from catalog.performance_prices pp
            join catalog.sections sc on sc.section_id = pp.section_id
            where pp.performance_id = p_performance_id
              and sc.venue_id = v_venue_id
              and (p_section_id is null or sc.section_id = p_section_id)
              and (v_level is null or sc.sort_order = v_level)
        ),
        free as materialized (
            select l.seat_id, l.section_id, pr.sort_order, l.row_label, l.seat_number,
                   (l.x * 100)::integer as x100, l.y::float8 as y,
                   l.is_accessible, l.is_companion,
                   l.block * 100000 + l.seat_number - row_number() over (
                       partition by l.section_id, l.row_label, l.block
                       order by l.seat_number
                   )::integer as island
            from priced pr
            join catalog.seat_layout l
                on l.venue_id = v_venue_id and l.section_id = pr.section_id
            -- NOT IN over an uncorrelated list is probed through one hash
            -- table; the planner's guess for an anti-join here is far off.
            where l.seat_id not in (
                      select bs.seat_id from booking.booked_seats bs
                      where bs.performance_id = p_performance_id and bs.is_active
                      union all
                      select h.seat_id from booking.seat_holds h
                      where h.performance_id = p_performance_id
                        and h.user_id <> p_user_id
                        and h.expires_at > now()
                  )
        ),
        -- Each free seat with the p_seat_count seats from it onwards in its
        -- island: a group when there are that many.
        runs as (
            select f.section_id, f.row_label, f.seat_number as first_number, f.sort_order,
                   count(*) over g as seats,
                   bool_or(f.is_accessible) over g as has_accessible,
                   bool_or(f.is_companion) over g as has_companion,
                   -- Every group has p_seat_count seats: the sum ranks as
                   -- the mean would, and in whole hundredths it is exact, so
                   -- mirror-image groups tie as they do in SQL Server.
                   abs(sum(f.x100) over g) as off_centre,
                   min(f.y) over g as depth,
                   f.seat_number - min(f.seat_number) over i as before,
                   max(f.seat_number) over i - f.seat_number - p_seat_count + 1 as after
            from free f
            window i as (partition by f.section_id, f.row_label, f.island),
                   g as (i order by f.seat_number
                         rows between current row and p_seat_count - 1 following)
        ),
        scored as (
            select r.*,
                   (r.before = 1 or r.after = 1) as strands,
                   (not coalesce(p_accessible, false)
                    and (r.has_accessible or r.has_companion)) as keeps
            from runs r
            where v_level is not null
              and r.seats = p_seat_count
              and (not coalesce(p_accessible, false)
                   or (r.has_accessible and (r.has_companion or p_seat_count = 1)))
        ),
        best_run as (
            select r.section_id, r.row_label, r.first_number, r.strands, r.keeps
            from scored r
            order by r.strands, r.keeps, r.sort_order, r.off_centre, r.depth,
                     r.section_id, r.row_label, r.first_number
            limit 1
        ),
        best as (
            select array_agg(f.seat_id order by f.seat_number) as seat_ids,
                   bool_and(b.strands) as strands, bool_and(b.keeps) as keeps
            from best_run b
            join free f
                on f.section_id = b.section_id and f.row_label = b.row_label
               and f.seat_number between b.first_number and b.first_number + p_seat_count - 1
            having count(*) > 0
        ),
        -- No group fits: the longest runs first, best placed first, each giving
        -- its first seats until there are enough.
        islands as (
            select f.section_id, f.row_label, f.island, count(*) as seats,
                   min(f.sort_order) as sort_order, abs(avg(f.x100)) as off_centre,
                   min(f.y) as depth
            from free f
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
        ),
        split as (
            select array_agg(f.seat_id order by f.seat_id) as seat_ids
            from ranked r
            join lateral (
                select f2.seat_id, row_number() over (order by f2.seat_number) as n
                from free f2
                where f2.section_id = r.section_id and f2.row_label = r.row_label
                  and f2.island = r.island
            ) f on f.n <= p_seat_count - r.taken_before
            where r.taken_before < p_seat_count
        )
        select case when v_level is not null then (select count(*) from free) end,
               case when v_level is not null then (select b.seat_ids from best b)
                    else (select sp.seat_ids from split sp) end,
               (select b.strands from best b),
               (select b.keeps from best b)
        into v_level_free, v_group, v_strands, v_keeps;

        if v_level is null then
            v_chosen := v_group;
        else
            v_free := v_free + v_level_free;
            if v_group is not null and (
                v_chosen is null
                or (v_strands, v_keeps) < (v_chosen_strands, v_chosen_keeps)
            ) then
                v_chosen := v_group;
                v_chosen_strands := v_strands;
                v_chosen_keeps := v_keeps;
            end if;
            exit when v_chosen is not null and not v_chosen_strands and not v_chosen_keeps;
        end if;
    end loop;

    v_split := v_chosen_strands is null;

    if v_free < p_seat_count then
        raise exception using errcode = 'BX034',
            message = 'There are not that many free seats left.',
            detail = jsonb_build_object('available', v_free)::text;
    end if;

    -- A split never stands in for a wheelchair space. The details say how
    -- many are free where the user looked, and in the other sections when
    -- one was asked for: with none there, fewer seats would not help, but
    -- another section might.
    if v_split and coalesce(p_accessible, false) then
        select count(*) filter (where p_section_id is null or pp.section_id = p_section_id),
               count(*) filter (where pp.section_id <> p_section_id)
        into v_spaces, v_spaces_elsewhere
        from catalog.performance_prices pp
        join catalog.seat_layout l
            on l.venue_id = v_venue_id and l.section_id = pp.section_id
        where pp.performance_id = p_performance_id
          and l.is_accessible
          and not exists (
              select 1 from booking.booked_seats bs
              where bs.performance_id = p_performance_id
                and bs.seat_id = l.seat_id and bs.is_active
          )
          and not exists (
              select 1 from booking.seat_holds h
              where h.performance_id = p_performance_id and h.seat_id = l.seat_id
                and h.user_id <> p_user_id and h.expires_at > now()
          );

        raise exception using errcode = 'BX035',
            message = case
                when v_spaces > 0 then 'No wheelchair space is free with ' || p_seat_count
                    || case when p_seat_count = 1 then ' seat.' else ' seats together.' end
                when v_spaces_elsewhere > 0 then 'No wheelchair space is free in this section.'
                else 'No wheelchair space is free.'
            end,
            detail = jsonb_build_object(
                'wheelchair_spaces_free', v_spaces,
                'wheelchair_spaces_free_elsewhere', v_spaces_elsewhere)::text;
    end if;

    -- Each pass reads the seats as they are when it starts, and bookings
    -- and holds do not wait for picks: one that commits between the counts
    -- and the split can leave the split short, or empty. Like a chosen seat
    -- lost to a booking (below), that is seat_taken: ask again.
    if coalesce(cardinality(v_chosen), 0) <> p_seat_count then
        raise exception using errcode = 'BX009',
            message = 'Those seats were taken just now; ask again.';
    end if;

    if v_split then
        v_together := false;

        if not coalesce(p_allow_split, false) then
            raise exception using errcode = 'BX033',
                message = 'There are not ' || p_seat_count
                    || ' seats together; the best split is offered.',
                detail = jsonb_build_object('seat_ids', to_jsonb(v_chosen))::text;
        end if;
    end if;

    -- A booking of some of these seats may have been under way while they
    -- were chosen: lock them, then look again. Losing that race is rare
    -- and reported as seat_taken, which the caller may simply ask again.
    perform booking.lock_seats(p_performance_id, to_jsonb(v_chosen));

    if exists (
        select 1 from booking.booked_seats bs
        where bs.performance_id = p_performance_id
          and bs.seat_id = any (v_chosen) and bs.is_active
    ) or exists (
        select 1 from booking.seat_holds h
        where h.performance_id = p_performance_id
          and h.seat_id = any (v_chosen)
          and h.user_id <> p_user_id
          and h.expires_at > now()
    ) then
        raise exception using errcode = 'BX009',
            message = 'Those seats were taken just now; ask again.';
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

    -- Open seat maps learn of the change (booking.record_change).
    perform booking.record_change(p_performance_id);

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
