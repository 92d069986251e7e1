-- Similar shows at scale: co-booking counts per pair of shows, kept current
-- by triggers on booking.bookings, so catalog.similar_performances reads a
-- few dozen rows instead of every booking. Tickets sold per show, its
-- second ranking, are catalog.show_sales (0006).
--
-- The triggers run once per statement over its transition tables, so a
-- bulk load counts its bookings in a few set-based statements instead of a
-- few per booking.
--
-- Co-booking counts are split into 16 shards, chosen per user and statement
-- by the lowest changed booking id % 16: bookings made at the same moment
-- have consecutive ids, so an on-sale rush for one show spreads its writes
-- over 16 rows instead of queueing on one. A count is the sum over its
-- shards. A cancellation takes its own booking's shard, so one shard of a
-- pair may go below zero while the sum cannot.
-- These tables hold derived numbers only, so they carry no foreign keys:
-- checking one would share-lock the show's row from every booking.

-- Which shows each user holds confirmed bookings for, and how many.
create table booking.user_shows (
    user_id bigint not null,
    show_id bigint not null,
    bookings integer not null,
    constraint user_shows_pkey primary key (user_id, show_id),
    constraint user_shows_bookings_positive check (bookings > 0)
);

-- Per pair of shows, how many users hold confirmed bookings for both (each
-- pair is stored both ways round).
create table booking.show_co_bookers (
    show_id bigint not null,
    other_show_id bigint not null,
    shard smallint not null,
    users integer not null,
    constraint show_co_bookers_pkey primary key (show_id, other_show_id, shard)
);

-- Trigger functions live outside the routine schemas, which every deploy
-- drops and re-creates: dropping a trigger function drops its triggers.
create schema if not exists internal;

-- Confirmed bookings coming in count; those going out (cancelled, changed
-- or deleted) count no more. An update that leaves a booking's user, show
-- and status alone comes in once and goes out once, and the sums cancel it.
create function internal.tg_bookings__count_similar_shows()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_booking_ids bigint[];
    v_user_ids bigint[];
    v_performance_ids bigint[];
    v_signs integer[];
    v_key_user_ids bigint[];
    v_key_show_ids bigint[];
    v_key_deltas integer[];
    v_key_shards smallint[];
    v_moved_user_ids bigint[];
    v_moved_show_ids bigint[];
    v_moved_signs integer[];
    v_moved_shards smallint[];
begin
    if tg_op = 'INSERT' then
        select array_agg(n.booking_id), array_agg(n.user_id), array_agg(n.performance_id),
            array_agg(1)
        into v_booking_ids, v_user_ids, v_performance_ids, v_signs
        from new_rows n
        where n.status = 'confirmed';
    elsif tg_op = 'DELETE' then
        select array_agg(o.booking_id), array_agg(o.user_id), array_agg(o.performance_id),
            array_agg(-1)
        into v_booking_ids, v_user_ids, v_performance_ids, v_signs
        from old_rows o
        where o.status = 'confirmed';
    else
        select array_agg(c.booking_id), array_agg(c.user_id), array_agg(c.performance_id),
            array_agg(c.sign)
        into v_booking_ids, v_user_ids, v_performance_ids, v_signs
        from (
            select n.booking_id, n.user_id, n.performance_id, 1 as sign
            from new_rows n
            where n.status = 'confirmed'
            union all
            select o.booking_id, o.user_id, o.performance_id, -1
            from old_rows o
            where o.status = 'confirmed'
        ) c;
    end if;

    if v_booking_ids is null then
        return null;
    end if;

    -- Bookings gained or lost per user and show, in key order.
    select array_agg(d.user_id order by d.user_id, d.show_id),
        array_agg(d.show_id order by d.user_id, d.show_id),
        array_agg(d.delta order by d.user_id, d.show_id),
        array_agg(d.shard order by d.user_id, d.show_id)
    into v_key_user_ids, v_key_show_ids, v_key_deltas, v_key_shards
    from (
        select c.user_id, p.show_id, sum(c.sign)::integer as delta,
            (min(min(c.booking_id)) over (partition by c.user_id) % 16)::smallint as shard
        from unnest(v_booking_ids, v_user_ids, v_performance_ids, v_signs)
            as c(booking_id, user_id, performance_id, sign)
        join catalog.performances p on p.performance_id = c.performance_id
        group by c.user_id, p.show_id
    ) d
    where d.delta <> 0;

    if v_key_user_ids is null then
        return null;
    end if;

    -- The rows already there are locked first, in key order, because the
    -- writes below add, take away and delete in separate passes; new rows
    -- are then inserted in key order. So concurrent statements cannot
    -- deadlock here, whatever mix of users and shows they change.
    perform 1
    from booking.user_shows us
    join unnest(v_key_user_ids, v_key_show_ids) as k(user_id, show_id)
        on k.user_id = us.user_id and k.show_id = us.show_id
    order by us.user_id, us.show_id
    for update of us;

    -- A row that reaches zero goes; the shows a user starts or stops
    -- booking are kept for the co-booking counts below.
    with keys as (
        select k.user_id, k.show_id, k.delta, k.shard
        from unnest(v_key_user_ids, v_key_show_ids, v_key_deltas, v_key_shards)
            as k(user_id, show_id, delta, shard)
    ),
    added as (
        insert into booking.user_shows as us (user_id, show_id, bookings)
        select k.user_id, k.show_id, k.delta
        from keys k
        where k.delta > 0
        order by k.user_id, k.show_id
        on conflict (user_id, show_id)
        do update set bookings = us.bookings + excluded.bookings
        returning us.user_id, us.show_id, us.bookings
    ),
    gone as (
        delete from booking.user_shows us
        using keys k
        where k.user_id = us.user_id and k.show_id = us.show_id
          and k.delta < 0 and us.bookings + k.delta <= 0
        returning us.user_id, us.show_id
    ),
    fewer as (
        update booking.user_shows us
        set bookings = us.bookings + k.delta
        from keys k
        where k.user_id = us.user_id and k.show_id = us.show_id
          and k.delta < 0 and us.bookings + k.delta > 0
    )
    select array_agg(m.user_id order by m.user_id, m.show_id),
        array_agg(m.show_id order by m.user_id, m.show_id),
        array_agg(m.sign order by m.user_id, m.show_id),
        array_agg(m.shard order by m.user_id, m.show_id)
    into v_moved_user_ids, v_moved_show_ids, v_moved_signs, v_moved_shards
    from (
        select a.user_id, a.show_id, 1 as sign, k.shard
        from added a
        join keys k on k.user_id = a.user_id and k.show_id = a.show_id
        where a.bookings = k.delta
        union all
        select g.user_id, g.show_id, -1, k.shard
        from gone g
        join keys k on k.user_id = g.user_id and k.show_id = g.show_id
    ) m;

    if v_moved_user_ids is null then
        return null;
    end if;

    -- These users start or stop booking a show: every other show they book
    -- gains or loses one co-booker with it, both ways round. Locking their
    -- rows after writing their shows above means that of two such changes
    -- of one user committing together, the second sees the first's show;
    -- other users never wait for it.
    perform 1
    from account.users u
    where u.user_id = any(v_moved_user_ids)
    order by u.user_id
    for no key update;

    -- Each such user's shows before and after this statement: sign 1 for
    -- a show started, -1 for one stopped, 0 for one booked all along. A
    -- pair of shows counts is_a * is_o after and was_a * was_o before.
    with moved as (
        select m.user_id, m.show_id, m.sign, m.shard
        from unnest(v_moved_user_ids, v_moved_show_ids, v_moved_signs, v_moved_shards)
            as m(user_id, show_id, sign, shard)
    ),
    movers as (
        select distinct m.user_id, m.shard
        from moved m
    ),
    shows as (
        select us.user_id, us.show_id, u.shard, coalesce(m.sign, 0) as sign
        from movers u
        join booking.user_shows us on us.user_id = u.user_id
        left join moved m on m.user_id = us.user_id and m.show_id = us.show_id
        union all
        select m.user_id, m.show_id, m.shard, m.sign
        from moved m
        where m.sign < 0
    )
    insert into booking.show_co_bookers as cb (show_id, other_show_id, shard, users)
    select a.show_id, o.show_id, a.shard,
        sum((a.sign >= 0 and o.sign >= 0)::integer - (a.sign <= 0 and o.sign <= 0)::integer)
    from shows a
    join shows o on o.user_id = a.user_id and o.show_id <> a.show_id
    where a.sign <> 0 or o.sign <> 0
    group by a.show_id, o.show_id, a.shard
    having sum((a.sign >= 0 and o.sign >= 0)::integer - (a.sign <= 0 and o.sign <= 0)::integer) <> 0
    order by a.show_id, o.show_id, a.shard
    on conflict (show_id, other_show_id, shard)
    do update set users = cb.users + excluded.users;

    return null;
end;
$$;

comment on function internal.tg_bookings__count_similar_shows() is
    'Keeps booking.user_shows and booking.show_co_bookers current, once per statement.';

-- No booking may be written between the counts below and the triggers.
lock table booking.bookings in share row exclusive mode;

-- A trigger with transition tables serves one event only.
create trigger tg_bookings__count_similar_shows_insert
    after insert on booking.bookings
    referencing new table as new_rows
    for each statement execute function internal.tg_bookings__count_similar_shows();

create trigger tg_bookings__count_similar_shows_update
    after update on booking.bookings
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_bookings__count_similar_shows();

create trigger tg_bookings__count_similar_shows_delete
    after delete on booking.bookings
    referencing old table as old_rows
    for each statement execute function internal.tg_bookings__count_similar_shows();

-- TODO: moving a performance to another show (updating its show_id) leaves
-- its bookings counted for the old show; no routine does that today, and a
-- trigger on catalog.performances would have to recount both shows.

insert into booking.user_shows (user_id, show_id, bookings)
select b.user_id, p.show_id, count(*)
from booking.bookings b
join catalog.performances p on p.performance_id = b.performance_id
where b.status = 'confirmed'
group by b.user_id, p.show_id;

insert into booking.show_co_bookers (show_id, other_show_id, shard, users)
select a.show_id, o.show_id, a.user_id % 16, count(*)
from booking.user_shows a
join booking.user_shows o on o.user_id = a.user_id and o.show_id <> a.show_id
group by a.show_id, o.show_id, a.user_id % 16;

-- The routine's plans should see the new tables' sizes from the start.
analyze booking.user_shows, booking.show_co_bookers;
