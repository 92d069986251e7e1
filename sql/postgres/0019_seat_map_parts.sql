-- Each seat's entry in a seat map, kept written out as JSON text up to its
-- status, which is all catalog.get_seat_map_json still has to add when a
-- map is read. Writing every entry of a 1,500-seat house from its columns
-- (numbers to text, the row label escaped) was about two thirds of a seat
-- map's time in the database, on every read of a layout that almost never
-- changes.
--
-- Kept from catalog.seat_layout, which is itself kept from catalog.seats
-- one change at a time (0012). SQL Server writes its maps with FOR JSON and
-- keeps no such table.

create table catalog.seat_map_parts (
    seat_id bigint primary key,
    venue_id bigint not null,
    section_id bigint not null,
    row_label text not null,
    seat_number integer not null,
    -- '{"seat_id":1,...,"companion":false,"status":"': the status and '"}'
    -- complete it.
    part text not null
);

-- A venue's entries in the map's order.
create index seat_map_parts_map_order
    on catalog.seat_map_parts (venue_id, section_id, row_label, seat_number)
    include (seat_id, part);

-- A seat's entry up to its status. Written as text: json_build_object for
-- each of 1,500 seats takes twice as long. Only the row label is free
-- text, so only it is escaped (by to_json); the rest are numbers and
-- booleans.
create function internal.seat_map_part(
    p_seat_id bigint,
    p_section_id bigint,
    p_row_label text,
    p_seat_number integer,
    p_x numeric,
    p_y numeric,
    p_accessible boolean,
    p_companion boolean
)
returns text
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select '{"seat_id":' || p_seat_id
        || ',"section_id":' || p_section_id
        || ',"row_label":' || to_json(p_row_label)::text
        || ',"seat_number":' || p_seat_number
        || ',"x":' || p_x
        || ',"y":' || p_y
        || ',"accessible":' || p_accessible
        || ',"companion":' || p_companion
        || ',"status":"';
$$;

comment on function internal.seat_map_part(bigint, bigint, text, integer, numeric, numeric, boolean, boolean) is
    'A seat''s entry in a seat map as JSON text, up to its status.';

-- Writes the entries of these seats again from the layout as it stands:
-- an entry for each of them still in the layout, none for the others.
create function internal.write_seat_map_parts(p_seat_ids bigint[])
returns void
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    delete from catalog.seat_map_parts mp
    where mp.seat_id in (select unnest(p_seat_ids))
      and not exists (
          select 1 from catalog.seat_layout l where l.seat_id = mp.seat_id
      );

    insert into catalog.seat_map_parts as mp
        (seat_id, venue_id, section_id, row_label, seat_number, part)
    select l.seat_id, l.venue_id, l.section_id, l.row_label, l.seat_number,
           internal.seat_map_part(l.seat_id, l.section_id, l.row_label, l.seat_number,
                                  l.x, l.y, l.is_accessible, l.is_companion)
    from catalog.seat_layout l
    where l.seat_id in (select unnest(p_seat_ids))
    order by l.seat_id
    on conflict (seat_id) do update
        set venue_id = excluded.venue_id, section_id = excluded.section_id,
            row_label = excluded.row_label, seat_number = excluded.seat_number,
            part = excluded.part
        where (mp.venue_id, mp.section_id, mp.row_label, mp.seat_number, mp.part)
              is distinct from
              (excluded.venue_id, excluded.section_id, excluded.row_label,
               excluded.seat_number, excluded.part);
end;
$$;

comment on function internal.write_seat_map_parts is
    'Writes the seat map entries of these seats again from catalog.seat_layout as it stands.';

-- The entries of the seats a statement on catalog.seat_layout touched are
-- written again from the layout as it stands when the trigger runs, not
-- from the statement's rows: one statement on catalog.seats can delete a
-- seat and insert it again under the same id, and the layout's triggers
-- and the cascades from the deleted seat then run in an order in which a
-- copy of the rows, or a cascading delete, would leave the entry wrong.
-- Whichever of them runs last reads the layout's final rows.
create function internal.tg_seat_layout__keep_map_parts()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    perform internal.write_seat_map_parts(array(select t.seat_id from touched_layout t));
    return null;
end;
$$;

comment on function internal.tg_seat_layout__keep_map_parts() is
    'Writes again, from the seat layout as it stands, the seat map entries of the seats a statement on catalog.seat_layout touched.';

-- A trigger with a transition table has one event: an update's old and
-- new rows are both looked at, in case a seat's id itself changed.
create trigger tg_seat_layout__keep_map_parts_insert
    after insert on catalog.seat_layout
    referencing new table as touched_layout
    for each statement execute function internal.tg_seat_layout__keep_map_parts();

create trigger tg_seat_layout__keep_map_parts_update_new
    after update on catalog.seat_layout
    referencing new table as touched_layout
    for each statement execute function internal.tg_seat_layout__keep_map_parts();

create trigger tg_seat_layout__keep_map_parts_update_old
    after update on catalog.seat_layout
    referencing old table as touched_layout
    for each statement execute function internal.tg_seat_layout__keep_map_parts();

create trigger tg_seat_layout__keep_map_parts_delete
    after delete on catalog.seat_layout
    referencing old table as touched_layout
    for each statement execute function internal.tg_seat_layout__keep_map_parts();

create function internal.tg_seat_layout__clear_map_parts()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    delete from catalog.seat_map_parts;
    return null;
end;
$$;

comment on function internal.tg_seat_layout__clear_map_parts() is
    'Empties catalog.seat_map_parts when catalog.seat_layout is truncated (with catalog.seats, by TRUNCATE ... CASCADE).';

create trigger tg_seat_layout__clear_map_parts_truncate
    after truncate on catalog.seat_layout
    for each statement execute function internal.tg_seat_layout__clear_map_parts();

-- The layout as it stands.
select internal.write_seat_map_parts(array_agg(l.seat_id)) from catalog.seat_layout l;

analyze catalog.seat_map_parts;
