-- Counts kept by triggers: upcoming performances per day, and what
-- TRUNCATE leaves behind.
--
-- The dashboard shows how many performances are coming up. Counting them
-- read every upcoming entry of an index on every page (tens of thousands
-- at scale, more than half of a page's time). Scheduled performances are
-- now also counted per day (UTC) by triggers on catalog.performances, so
-- the total is the days after today plus the rest of today.
-- SQL Server counts them with its page query (COUNT_BIG(*) OVER ()) and
-- has no twin of this table.

-- No check that a count stays at zero or more: a statement's negative
-- changes reach the upsert below as rows to insert, and checks run before
-- the conflict is found.
create table catalog.scheduled_per_day (
    starts_on date primary key,
    performances integer not null
);

create schema if not exists internal;

-- Adds to the count of scheduled performances of each day.
create function internal.add_scheduled_per_day(p_days date[], p_deltas integer[])
returns void
language sql
volatile
set search_path = pg_catalog, pg_temp
as $$
    insert into catalog.scheduled_per_day as d (starts_on, performances)
    select c.starts_on, sum(c.delta)
    from unnest(p_days, p_deltas) as c (starts_on, delta)
    group by c.starts_on
    having sum(c.delta) <> 0
    order by c.starts_on
    on conflict (starts_on) do update
        set performances = d.performances + excluded.performances;
$$;

-- A statement's performances added (new rows) and taken away (old rows),
-- counted only while scheduled.
create function internal.tg_performances__count_per_day()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_days date[] := '{}';
    v_deltas integer[] := '{}';
begin
    if tg_op in ('INSERT', 'UPDATE') then
        select v_days || coalesce(array_agg((n.starts_at at time zone 'UTC')::date), '{}'),
               v_deltas || coalesce(array_agg(1), '{}')
        into v_days, v_deltas
        from new_rows n
        where n.status = 'scheduled';
    end if;

    if tg_op in ('DELETE', 'UPDATE') then
        select v_days || coalesce(array_agg((o.starts_at at time zone 'UTC')::date), '{}'),
               v_deltas || coalesce(array_agg(-1), '{}')
        into v_days, v_deltas
        from old_rows o
        where o.status = 'scheduled';
    end if;

    perform internal.add_scheduled_per_day(v_days, v_deltas);
    return null;
end;
$$;

comment on function internal.tg_performances__count_per_day() is
    'Keeps catalog.scheduled_per_day for the performances a statement added, changed or removed.';

create trigger tg_performances__count_per_day_insert
    after insert on catalog.performances
    referencing new table as new_rows
    for each statement execute function internal.tg_performances__count_per_day();

create trigger tg_performances__count_per_day_update
    after update on catalog.performances
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_performances__count_per_day();

create trigger tg_performances__count_per_day_delete
    after delete on catalog.performances
    referencing old table as old_rows
    for each statement execute function internal.tg_performances__count_per_day();

-- TRUNCATE has no rows to count: the counts go with the performances.
create function internal.tg_performances__clear_per_day()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    delete from catalog.scheduled_per_day;
    return null;
end;
$$;

comment on function internal.tg_performances__clear_per_day() is
    'Empties catalog.scheduled_per_day when catalog.performances is truncated.';

create trigger tg_performances__count_per_day_truncate
    after truncate on catalog.performances
    for each statement execute function internal.tg_performances__clear_per_day();

-- Bookings emptied by TRUNCATE (directly, or by a cascade from
-- performances, shows or venues) take with them the counts that triggers
-- keep from them: tickets sold per show (migration 0006), and who booked
-- which show and which shows share bookers (migration 0007).
create function internal.tg_bookings__clear_kept_counts()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    delete from catalog.show_sales;
    delete from booking.show_co_bookers;
    delete from booking.user_shows;
    return null;
end;
$$;

comment on function internal.tg_bookings__clear_kept_counts() is
    'Empties the counts kept from bookings when booking.bookings is truncated.';

create trigger tg_bookings__clear_kept_counts_truncate
    after truncate on booking.bookings
    for each statement execute function internal.tg_bookings__clear_kept_counts();

insert into catalog.scheduled_per_day (starts_on, performances)
select (p.starts_at at time zone 'UTC')::date, count(*)
from catalog.performances p
where p.status = 'scheduled'
group by 1;

analyze catalog.scheduled_per_day;
