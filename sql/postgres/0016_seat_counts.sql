-- Seats booked per performance, and the venue's capacity beside them,
-- kept by triggers.
--
-- A search for performances with room for a group counted the booked
-- seats of every candidate: 36,800 upcoming performances and a million
-- booked seats at the large benchmark scale, 130 ms a search. Adding up a
-- kept count for every candidate still cost some 50 ms. Now the
-- performances too full for a group are found through an index on the
-- seats left, and only those are left out.
--
-- A performance's counts live in one row (entry 0), created with the
-- performance. A booking adds its seats to that row when no one else
-- holds it; when another booking of the same performance that has not
-- committed yet holds it, the seats go to a new row of their own (entries
-- numbered from a sequence) instead of waiting. A change that gets entry
-- 0 folds into it the other committed rows of the performance that no one
-- holds, so a performance is back to one row soon after a rush. No
-- booking ever waits here: it locks only rows no one holds and inserts
-- keys no one else has. Seats booked are the sum of a performance's rows;
-- the capacity is kept on entry 0 only (0 on the others).

create sequence booking.seat_count_entries;

create table booking.seat_counts (
    performance_id bigint not null references catalog.performances on delete cascade,
    entry bigint not null,
    capacity integer not null,
    booked integer not null,
    primary key (performance_id, entry),
    constraint seat_counts_entry_not_negative check (entry >= 0),
    constraint seat_counts_capacity_on_main_row check (entry = 0 or capacity = 0)
);

comment on table booking.seat_counts is
    'Seats and active booked seats per performance: the sums of a performance''s rows.';

-- The performances with few seats left.
create index seat_counts_seats_left_idx
    on booking.seat_counts ((capacity - booked)) where entry = 0;

-- The performances whose counts are spread over more than one row.
create index seat_counts_spread_idx
    on booking.seat_counts (performance_id) where entry <> 0;

-- Adds booked seats to (or, when negative, takes them from) the
-- performances' counts, without waiting for a row another transaction holds.
create function internal.add_seats_booked(p_performance_ids bigint[], p_seats integer[])
returns void
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_ids bigint[];
    v_seats integer[];
    v_main bigint[] := '{}';
begin
    select array_agg(c.performance_id order by c.performance_id),
           array_agg(c.seats order by c.performance_id)
    into v_ids, v_seats
    from (
        select d.performance_id, sum(d.seats)::integer as seats
        from unnest(p_performance_ids, p_seats) as d (performance_id, seats)
        group by d.performance_id
        having sum(d.seats) <> 0
    ) c;

    if v_ids is null then
        return;
    end if;

    -- The main rows no one else holds. A transaction that reads one
    -- snapshot throughout (REPEATABLE READ, SERIALIZABLE) may not lock a
    -- row changed since it began, so it only adds rows of its own.
    if current_setting('transaction_isolation') = 'read committed' then
        with free as (
            select sc.performance_id
            from booking.seat_counts sc
            where sc.entry = 0 and sc.performance_id = any (v_ids)
            order by sc.performance_id
            for update skip locked
        ),
        added as (
            update booking.seat_counts sc
            set booked = sc.booked + c.seats
            from free f, unnest(v_ids, v_seats) as c (performance_id, seats)
            where sc.performance_id = f.performance_id
              and sc.entry = 0
              and c.performance_id = f.performance_id
            returning sc.performance_id
        )
        select coalesce(array_agg(a.performance_id), '{}') into v_main from added a;
    end if;

    -- The rest go to new rows, whose keys no one else has.
    insert into booking.seat_counts (performance_id, entry, capacity, booked)
    select c.performance_id, nextval('booking.seat_count_entries'), 0, c.seats
    from unnest(v_ids, v_seats) as c (performance_id, seats)
    where c.performance_id <> all (v_main);

    if cardinality(v_main) = 0 then
        return;
    end if;

    -- Committed rows of the performances whose main row this transaction
    -- holds, and that no one else holds, fold into the main row.
    with gone as (
        delete from booking.seat_counts sc
        where (sc.performance_id, sc.entry) in (
            select x.performance_id, x.entry
            from booking.seat_counts x
            where x.performance_id = any (v_main) and x.entry <> 0
            for update skip locked
        )
        returning sc.performance_id, sc.booked
    )
    update booking.seat_counts sc
    set booked = sc.booked + g.booked
    from (
        select gone.performance_id, sum(gone.booked)::integer as booked
        from gone
        group by gone.performance_id
    ) g
    where sc.performance_id = g.performance_id
      and sc.entry = 0;
end;
$$;

comment on function internal.add_seats_booked is
    'Adds booked seats to booking.seat_counts, never waiting for a row another booking holds.';

-- Active booked seats coming in count; those going out (released,
-- changed or deleted) count no more.
create function internal.tg_booked_seats__count_seats_booked()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_performance_ids bigint[];
    v_seats integer[];
begin
    if tg_op = 'INSERT' then
        select array_agg(n.performance_id), array_agg(1)
        into v_performance_ids, v_seats
        from new_rows n
        where n.is_active;
    elsif tg_op = 'DELETE' then
        select array_agg(o.performance_id), array_agg(-1)
        into v_performance_ids, v_seats
        from old_rows o
        where o.is_active;
    else
        select array_agg(c.performance_id), array_agg(c.seats)
        into v_performance_ids, v_seats
        from (
            select n.performance_id, 1 as seats from new_rows n where n.is_active
            union all
            select o.performance_id, -1 from old_rows o where o.is_active
        ) c;
    end if;

    if v_performance_ids is not null then
        perform internal.add_seats_booked(v_performance_ids, v_seats);
    end if;
    return null;
end;
$$;

comment on function internal.tg_booked_seats__count_seats_booked() is
    'Keeps in booking.seat_counts the active booked seats of each performance.';

create trigger tg_booked_seats__count_seats_booked_insert
    after insert on booking.booked_seats
    referencing new table as new_rows
    for each statement execute function internal.tg_booked_seats__count_seats_booked();

create trigger tg_booked_seats__count_seats_booked_update
    after update on booking.booked_seats
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_booked_seats__count_seats_booked();

create trigger tg_booked_seats__count_seats_booked_delete
    after delete on booking.booked_seats
    referencing old table as old_rows
    for each statement execute function internal.tg_booked_seats__count_seats_booked();

-- Kept counts are worked out from what other transactions have committed:
-- a transaction that reads one snapshot throughout (REPEATABLE READ,
-- SERIALIZABLE) would work them out from what it saw when it began.
create function internal.require_read_committed(p_what text)
returns void
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    if current_setting('transaction_isolation') <> 'read committed' then
        raise exception using errcode = 'BX001',
            message = p_what || ' at READ COMMITTED: what is kept from the change is worked out '
                || 'from what other transactions have committed.';
    end if;
end;
$$;

comment on function internal.require_read_committed(text) is
    'Refuses a change whose kept counts need READ COMMITTED, naming the change.';

-- Emptied booked seats count nothing.
create function internal.tg_booked_seats__clear_seats_booked()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    perform internal.require_read_committed('Truncate booking.booked_seats');
    delete from booking.seat_counts sc where sc.entry <> 0;
    update booking.seat_counts sc set booked = 0 where sc.booked <> 0;
    return null;
end;
$$;

comment on function internal.tg_booked_seats__clear_seats_booked() is
    'Sets every booked count of booking.seat_counts to zero when booking.booked_seats is truncated.';

create trigger tg_booked_seats__clear_seats_booked_truncate
    after truncate on booking.booked_seats
    for each statement execute function internal.tg_booked_seats__clear_seats_booked();

-- A performance added or moved counts its venue's seats, and a change to
-- seats counts them again for the venue's performances: each must see the
-- other's change, so they take turns, with the lock that changes to seats
-- already take (internal.tg_seats__take_turns, migration 0012). Removing
-- performances takes its turn too, as it removes their counts: otherwise
-- it and a change to seats could lock the counts in opposite orders. One
-- lock for all, taken whole, so that a transaction that adds a
-- performance and then changes seats never waits for itself to let go.
create function internal.tg_performances__take_turns_with_seats()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    perform pg_advisory_xact_lock(hashtextextended('seat_layout', 0));
    return null;
end;
$$;

comment on function internal.tg_performances__take_turns_with_seats() is
    'Makes performances added, moved or removed and changes to catalog.seats wait for one another to commit.';

create trigger tg_performances__take_turns_with_seats
    before insert or update of venue_id or delete on catalog.performances
    for each statement execute function internal.tg_performances__take_turns_with_seats();

-- A new performance starts with its main row, holding its venue's seats,
-- so that its first bookings have a row to add to; a performance moved to
-- another venue takes that venue's seats. The seats are counted as
-- committed when the turn came, so a transaction reading one snapshot
-- throughout (REPEATABLE READ, SERIALIZABLE) could count too few: it is
-- refused.
create function internal.tg_performances__keep_seat_counts()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_moved bigint[];
begin
    if tg_op = 'UPDATE' then
        -- The performances given another venue. Compared as sets, which are
        -- hashed: a join of the two transition tables was planned as a
        -- nested loop, minutes for an update of every performance.
        select array_agg(m.performance_id)
        into v_moved
        from (
            select n.performance_id, n.venue_id from new_rows n
            except
            select o.performance_id, o.venue_id from old_rows o
        ) m;

        if v_moved is null then
            return null;
        end if;
    end if;

    perform internal.require_read_committed('Add or move performances');

    if tg_op = 'INSERT' then
        insert into booking.seat_counts (performance_id, entry, capacity, booked)
        select n.performance_id, 0, coalesce(cap.seats, 0), 0
        from new_rows n
        left join (
            select st.venue_id, count(*)::integer as seats
            from catalog.seats st
            where st.venue_id in (select n2.venue_id from new_rows n2)
            group by st.venue_id
        ) cap on cap.venue_id = n.venue_id
        order by n.performance_id;
    else
        update booking.seat_counts sc
        set capacity = (select count(*) from catalog.seats st where st.venue_id = p.venue_id)
        from catalog.performances p
        where p.performance_id = any (v_moved)
          and sc.performance_id = p.performance_id
          and sc.entry = 0;
    end if;
    return null;
end;
$$;

comment on function internal.tg_performances__keep_seat_counts() is
    'Gives each new performance its row in booking.seat_counts, and a moved one its new venue''s seats.';

create trigger tg_performances__keep_seat_counts_insert
    after insert on catalog.performances
    referencing new table as new_rows
    for each statement execute function internal.tg_performances__keep_seat_counts();

create trigger tg_performances__keep_seat_counts_update
    after update on catalog.performances
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_performances__keep_seat_counts();

-- Seats added to a venue, taken from it or moved to another change the
-- capacity of the venue's performances.
create function internal.tg_seats__keep_capacity()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_venue_ids bigint[] := '{}';
begin
    if tg_op = 'TRUNCATE' then
        perform internal.require_read_committed('Truncate catalog.seats');
        update booking.seat_counts sc set capacity = 0 where sc.capacity <> 0;
        return null;
    end if;

    if tg_op in ('INSERT', 'UPDATE') then
        select v_venue_ids || coalesce(array_agg(n.venue_id), '{}') into v_venue_ids
        from new_rows n;
    end if;

    if tg_op in ('DELETE', 'UPDATE') then
        select v_venue_ids || coalesce(array_agg(o.venue_id), '{}') into v_venue_ids
        from old_rows o;
    end if;

    -- Counted again, not added to: a performance added by the same
    -- statement has already counted these seats.
    update booking.seat_counts sc
    set capacity = c.seats
    from (
        select d.venue_id, count(st.seat_id)::integer as seats
        from (select distinct x.id as venue_id from unnest(v_venue_ids) as x (id)) d
        left join catalog.seats st on st.venue_id = d.venue_id
        group by d.venue_id
    ) c, catalog.performances p
    where p.venue_id = c.venue_id
      and sc.performance_id = p.performance_id
      and sc.entry = 0
      and sc.capacity <> c.seats;
    return null;
end;
$$;

comment on function internal.tg_seats__keep_capacity() is
    'Keeps the capacity in booking.seat_counts of the performances of venues whose seats changed.';

create trigger tg_seats__keep_capacity_insert
    after insert on catalog.seats
    referencing new table as new_rows
    for each statement execute function internal.tg_seats__keep_capacity();

create trigger tg_seats__keep_capacity_update
    after update on catalog.seats
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_seats__keep_capacity();

create trigger tg_seats__keep_capacity_delete
    after delete on catalog.seats
    referencing old table as old_rows
    for each statement execute function internal.tg_seats__keep_capacity();

create trigger tg_seats__keep_capacity_truncate
    after truncate on catalog.seats
    for each statement execute function internal.tg_seats__keep_capacity();

-- Back-fill ----------------------------------------------------------------

insert into booking.seat_counts (performance_id, entry, capacity, booked)
select p.performance_id, 0, coalesce(cap.seats, 0), coalesce(b.seats, 0)
from catalog.performances p
left join (
    select st.venue_id, count(*)::integer as seats
    from catalog.seats st
    group by st.venue_id
) cap on cap.venue_id = p.venue_id
left join (
    select bs.performance_id, count(*)::integer as seats
    from booking.booked_seats bs
    where bs.is_active
    group by bs.performance_id
) b on b.performance_id = p.performance_id
order by p.performance_id;

analyze booking.seat_counts;
