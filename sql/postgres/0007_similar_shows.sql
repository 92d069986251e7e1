-- Similar shows at scale: co-booking and tickets-sold counts per show, kept
-- current by a trigger on booking.bookings, so catalog.similar_performances
-- reads a few dozen rows instead of every booking.
--
-- Counters that every booking touches are split into 16 shards, chosen by
-- booking_id % 16: bookings made at the same moment have consecutive ids, so
-- an on-sale rush for one show spreads its writes over 16 rows instead of
-- queueing on one. A count is the sum over its shards. A cancellation takes
-- its own booking's shard, so one shard of a pair may go below zero while
-- the sum cannot.
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

-- Per show, the tickets (seats) of its confirmed bookings.
create table booking.show_tickets (
    show_id bigint not null,
    shard smallint not null,
    tickets integer not null,
    constraint show_tickets_pkey primary key (show_id, shard)
);

-- Trigger functions live outside the routine schemas, which every deploy
-- drops and re-creates: dropping a trigger function drops its triggers.
create schema if not exists internal;

-- Adds (p_delta = 1) or takes away (p_delta = -1) one confirmed booking.
create function internal.count_show_booking(
    p_booking_id bigint,
    p_user_id bigint,
    p_performance_id bigint,
    p_seat_count integer,
    p_delta integer
)
returns void
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_show_id bigint;
    v_shard smallint := p_booking_id % 16;
    v_bookings integer;
begin
    select p.show_id into strict v_show_id
    from catalog.performances p
    where p.performance_id = p_performance_id;

    insert into booking.show_tickets as t (show_id, shard, tickets)
    values (v_show_id, v_shard, p_delta * p_seat_count)
    on conflict (show_id, shard)
    do update set tickets = t.tickets + excluded.tickets;

    if p_delta > 0 then
        insert into booking.user_shows as us (user_id, show_id, bookings)
        values (p_user_id, v_show_id, 1)
        on conflict (user_id, show_id)
        do update set bookings = us.bookings + 1
        returning us.bookings into v_bookings;

        if v_bookings > 1 then
            return;
        end if;
    else
        update booking.user_shows us
        set bookings = us.bookings - 1
        where us.user_id = p_user_id and us.show_id = v_show_id and us.bookings > 1;

        if found then
            return;
        end if;

        delete from booking.user_shows us
        where us.user_id = p_user_id and us.show_id = v_show_id;
    end if;

    -- The user starts or stops being a booker of this show: every other
    -- show they book gains or loses one co-booker with it, both ways round.
    -- Locking the user's row after writing their show above means that of
    -- two such changes of one user committing together, the second sees the
    -- first's show; other users never wait for it.
    perform 1 from account.users u where u.user_id = p_user_id for no key update;

    -- Rows are written in key order, so concurrent bookings cannot deadlock.
    insert into booking.show_co_bookers as cb (show_id, other_show_id, shard, users)
    select pair.show_id, pair.other_show_id, v_shard, p_delta
    from booking.user_shows us
    cross join lateral (
        values (v_show_id, us.show_id), (us.show_id, v_show_id)
    ) as pair (show_id, other_show_id)
    where us.user_id = p_user_id and us.show_id <> v_show_id
    order by pair.show_id, pair.other_show_id
    on conflict (show_id, other_show_id, shard)
    do update set users = cb.users + excluded.users;
end;
$$;

comment on function internal.count_show_booking(bigint, bigint, bigint, integer, integer) is
    'Adds or takes away one confirmed booking in the similar-shows counts.';

create function internal.tg_bookings__count_similar_shows()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'confirmed' then
        perform internal.count_show_booking(
            old.booking_id, old.user_id, old.performance_id, old.seat_count, -1);
    end if;

    if tg_op in ('INSERT', 'UPDATE') and new.status = 'confirmed' then
        perform internal.count_show_booking(
            new.booking_id, new.user_id, new.performance_id, new.seat_count, 1);
    end if;

    return null;
end;
$$;

comment on function internal.tg_bookings__count_similar_shows() is
    'Keeps booking.user_shows, show_co_bookers and show_tickets current.';

-- No booking may be written between the counts below and the trigger.
lock table booking.bookings in share row exclusive mode;

create trigger tg_bookings__count_similar_shows_insert
    after insert on booking.bookings
    for each row
    execute function internal.tg_bookings__count_similar_shows();

create trigger tg_bookings__count_similar_shows_update
    after update of user_id, performance_id, status, seat_count on booking.bookings
    for each row
    when (
        old.user_id is distinct from new.user_id
        or old.performance_id is distinct from new.performance_id
        or old.status is distinct from new.status
        or old.seat_count is distinct from new.seat_count
    )
    execute function internal.tg_bookings__count_similar_shows();

create trigger tg_bookings__count_similar_shows_delete
    after delete on booking.bookings
    for each row
    execute function internal.tg_bookings__count_similar_shows();

-- TODO: moving a performance to another show (updating its show_id) leaves
-- its bookings counted for the old show; no routine does that today, and a
-- trigger on catalog.performances would have to recount both shows.

insert into booking.user_shows (user_id, show_id, bookings)
select b.user_id, p.show_id, count(*)
from booking.bookings b
join catalog.performances p on p.performance_id = b.performance_id
where b.status = 'confirmed'
group by b.user_id, p.show_id;

insert into booking.show_tickets (show_id, shard, tickets)
select p.show_id, b.booking_id % 16, sum(b.seat_count)
from booking.bookings b
join catalog.performances p on p.performance_id = b.performance_id
where b.status = 'confirmed'
group by p.show_id, b.booking_id % 16;

insert into booking.show_co_bookers (show_id, other_show_id, shard, users)
select a.show_id, o.show_id, a.user_id % 16, count(*)
from booking.user_shows a
join booking.user_shows o on o.user_id = a.user_id and o.show_id <> a.show_id
group by a.show_id, o.show_id, a.user_id % 16;

-- The routine's plans should see the new tables' sizes from the start.
analyze booking.user_shows, booking.show_co_bookers, booking.show_tickets;
