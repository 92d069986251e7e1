-- Where aisles cut the rows of seats. Two neighbours in a row (by seat
-- number) further apart than 1.6 seat widths have an aisle between them,
-- and each stretch of a row between aisles is a block, numbered from 0 by
-- seat number. Seats "together" never cross an aisle. A seat's block
-- follows from the positions of its whole row, and booking.hold_best_seats
-- used to work it out for the whole house on every pick; it is now kept
-- here by triggers on catalog.seats, for the rows a statement touches.

create table catalog.seat_blocks (
    seat_id bigint primary key references catalog.seats on delete cascade,
    block integer not null,
    constraint seat_blocks_not_negative check (block >= 0)
);

-- Trigger functions live outside the routine schemas, which every deploy
-- drops and re-creates: dropping a trigger function drops its triggers.
create schema if not exists internal;

create function internal.tg_seats__number_blocks()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    insert into catalog.seat_blocks as sb (seat_id, block)
    select b.seat_id,
           sum(b.after_aisle) over (
               partition by b.section_id, b.row_label order by b.seat_number
           )::integer
    from (
        select s.seat_id, s.section_id, s.row_label, s.seat_number,
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
        set block = excluded.block
        where sb.block is distinct from excluded.block;

    return null;
end;
$$;

comment on function internal.tg_seats__number_blocks() is
    'Numbers the blocks between aisles of the rows a statement on catalog.seats touched.';

-- A trigger with a transition table has one event; an update may move a
-- seat between rows, so both its old and its new row are numbered again.
create trigger tg_seats__number_blocks_insert
    after insert on catalog.seats
    referencing new table as changed_seats
    for each statement execute function internal.tg_seats__number_blocks();

create trigger tg_seats__number_blocks_update_new
    after update on catalog.seats
    referencing new table as changed_seats
    for each statement execute function internal.tg_seats__number_blocks();

create trigger tg_seats__number_blocks_update_old
    after update on catalog.seats
    referencing old table as changed_seats
    for each statement execute function internal.tg_seats__number_blocks();

create trigger tg_seats__number_blocks_delete
    after delete on catalog.seats
    referencing old table as changed_seats
    for each statement execute function internal.tg_seats__number_blocks();

-- Number every row once, through the trigger.
update catalog.seats set x = x;

analyze catalog.seat_blocks;
