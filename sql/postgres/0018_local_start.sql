-- The local start time of each performance, kept on the performance.
--
-- A search for matinees or evening performances, or by dates, converted
-- every candidate's start to its venue's local time: 36,800 upcoming
-- performances at the large benchmark scale, about 17 ms of a search.
-- The local time is now worked out when a performance is added or moved,
-- and when a venue's time zone changes.
-- TODO: a change to the time zone rules themselves (a country dropping
-- summer time, in a new tzdata) leaves the kept local times of later
-- performances as they were, until the performances or their venue's zone
-- are written again.

alter table catalog.performances add column local_starts_at timestamp;

create function internal.tg_performances__set_local_start()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    -- The venue is read locked, so a change to its time zone waits for
    -- this performance to commit (and then moves it too), or this waits
    -- for that change and reads the new zone.
    new.local_starts_at := new.starts_at at time zone (
        select v.time_zone from catalog.venues v where v.venue_id = new.venue_id
        for share);
    return new;
end;
$$;

comment on function internal.tg_performances__set_local_start() is
    'Sets a performance''s local start time from its start and its venue''s time zone.';

create trigger tg_performances__set_local_start_insert
    before insert on catalog.performances
    for each row execute function internal.tg_performances__set_local_start();

create trigger tg_performances__set_local_start_update
    before update of starts_at, venue_id, local_starts_at on catalog.performances
    for each row execute function internal.tg_performances__set_local_start();

-- A venue given another time zone moves its performances' local times.
create function internal.tg_venues__move_local_starts()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_moved bigint[];
begin
    select array_agg(n.venue_id)
    into v_moved
    from new_rows n
    join old_rows o on o.venue_id = n.venue_id
    where n.time_zone <> o.time_zone;

    if v_moved is null then
        return null;
    end if;

    -- It must see every performance of the venue committed so far.
    perform internal.require_read_committed('Change a venue''s time zone');

    -- In the order price changes lock them (migration 0017), so the two
    -- never wait for each other in a circle.
    perform 1
    from catalog.performances p
    where p.venue_id = any (v_moved)
    order by p.performance_id
    for no key update;

    update catalog.performances p
    set local_starts_at = p.starts_at at time zone v.time_zone
    from catalog.venues v
    where v.venue_id = any (v_moved)
      and p.venue_id = v.venue_id;
    return null;
end;
$$;

comment on function internal.tg_venues__move_local_starts() is
    'Works out again the local start times of the performances of venues given another time zone.';

create trigger tg_venues__move_local_starts
    after update on catalog.venues
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_venues__move_local_starts();

-- Back-fill ----------------------------------------------------------------

update catalog.performances p
set local_starts_at = p.starts_at at time zone v.time_zone
from catalog.venues v
where v.venue_id = p.venue_id;

analyze catalog.performances;
