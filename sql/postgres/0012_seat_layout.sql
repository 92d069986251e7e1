-- Each seat as a best-seats pick reads it: its venue, section, row, number,
-- block between aisles (as catalog.seat_blocks numbered it), position and
-- flags, in one narrow row. The index lists a venue's seats in the order a
-- pick walks them and carries every column it reads, so a pick reads the
-- house from the index alone. Joining catalog.seats to its blocks seat by
-- seat was most of the time a pick took. Kept by triggers on catalog.seats,
-- for the rows a statement touches; it replaces catalog.seat_blocks.

create table catalog.seat_layout (
    seat_id bigint primary key references catalog.seats on delete cascade,
    venue_id bigint not null,
    section_id bigint not null,
    row_label text not null,
    seat_number integer not null,
    block integer not null,
    x numeric(7, 2) not null,
    y numeric(7, 2) not null,
    is_accessible boolean not null,
    is_companion boolean not null,
    constraint seat_layout_block_not_negative check (block >= 0)
);

create index seat_layout_pick_order
    on catalog.seat_layout (venue_id, section_id, row_label, block, seat_number)
    include (seat_id, x, y, is_accessible, is_companion);

create schema if not exists internal;

drop trigger tg_seats__number_blocks_insert on catalog.seats;
drop trigger tg_seats__number_blocks_update_new on catalog.seats;
drop trigger tg_seats__number_blocks_update_old on catalog.seats;
drop trigger tg_seats__number_blocks_delete on catalog.seats;
drop function internal.tg_seats__number_blocks();

create function internal.tg_seats__keep_layout()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    insert into catalog.seat_layout as sl
        (seat_id, venue_id, section_id, row_label, seat_number, block, x, y,
         is_accessible, is_companion)
    select b.seat_id, b.venue_id, b.section_id, b.row_label, b.seat_number,
           sum(b.after_aisle) over (
               partition by b.section_id, b.row_label order by b.seat_number
           )::integer,
           b.x, b.y, b.is_accessible, b.is_companion
    from (
        select s.seat_id, s.venue_id, s.section_id, s.row_label, s.seat_number,
               s.x, s.y, s.is_accessible, s.is_companion,
               case when sqrt(power(s.x - lag(s.x) over w, 2)
                              + power(s.y - lag(s.y) over w, 2)) > 1.6
                    then 1 else 0 end as after_aisle
        from catalog.seats s
        where (s.section_id, s.row_label) in (
            select c.section_id, c.row_label from changed_seats c
        )
        window w as (partition by s.section_id, s.row_label order by s.seat_number)
    ) b
    order by b.seat_id
    on conflict (seat_id) do update
        set venue_id = excluded.venue_id, section_id = excluded.section_id,
            row_label = excluded.row_label, seat_number = excluded.seat_number,
            block = excluded.block, x = excluded.x, y = excluded.y,
            is_accessible = excluded.is_accessible, is_companion = excluded.is_companion
        where (sl.venue_id, sl.section_id, sl.row_label, sl.seat_number, sl.block,
               sl.x, sl.y, sl.is_accessible, sl.is_companion)
              is distinct from
              (excluded.venue_id, excluded.section_id, excluded.row_label,
               excluded.seat_number, excluded.block, excluded.x, excluded.y,
               excluded.is_accessible, excluded.is_companion);

    return null;
end;
$$;

comment on function internal.tg_seats__keep_layout() is
    'Copies the seats a statement on catalog.seats touched, and the rest of their rows, into catalog.seat_layout with their blocks between aisles.';

-- A trigger with a transition table has one event; an update may move a
-- seat between rows, so both its old and its new row are copied again.
create trigger tg_seats__keep_layout_insert
    after insert on catalog.seats
    referencing new table as changed_seats
    for each statement execute function internal.tg_seats__keep_layout();

create trigger tg_seats__keep_layout_update_new
    after update on catalog.seats
    referencing new table as changed_seats
    for each statement execute function internal.tg_seats__keep_layout();

create trigger tg_seats__keep_layout_update_old
    after update on catalog.seats
    referencing old table as changed_seats
    for each statement execute function internal.tg_seats__keep_layout();

create trigger tg_seats__keep_layout_delete
    after delete on catalog.seats
    referencing old table as changed_seats
    for each statement execute function internal.tg_seats__keep_layout();

-- A row is copied whole, from what the copying statement reads: two
-- transactions changing seats at once would each copy a row without the
-- other's change, and the later write would win. So changes to seats take
-- turns: each statement waits, before it touches a seat, until earlier
-- changes have committed (waiting any later, with seats already locked,
-- could deadlock), and the copy, a statement of its own, then sees them.
-- A transaction at REPEATABLE READ or SERIALIZABLE reads the seats as
-- they were when it began, so it could copy stale rows: it is refused.
create function internal.tg_seats__take_turns()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if current_setting('transaction_isolation') <> 'read committed' then
        raise exception using errcode = 'BX001',
            message = 'Change catalog.seats at READ COMMITTED: its seat layout is '
                || 'copied from what other transactions have committed.';
    end if;

    perform pg_advisory_xact_lock(hashtextextended('seat_layout', 0));
    return null;
end;
$$;

comment on function internal.tg_seats__take_turns() is
    'Makes changes to catalog.seats wait for earlier ones to commit, so the seat layout copies see them.';

create trigger tg_seats__take_turns
    before insert or update or delete on catalog.seats
    for each statement execute function internal.tg_seats__take_turns();

-- The blocks are already numbered: copy them with the seats.
insert into catalog.seat_layout
    (seat_id, venue_id, section_id, row_label, seat_number, block, x, y,
     is_accessible, is_companion)
select s.seat_id, s.venue_id, s.section_id, s.row_label, s.seat_number, sb.block,
       s.x, s.y, s.is_accessible, s.is_companion
from catalog.seats s
join catalog.seat_blocks sb on sb.seat_id = s.seat_id;

drop table catalog.seat_blocks;

analyze catalog.seat_layout;
