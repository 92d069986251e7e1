-- The seat map of a performance as one JSON document, the answer of
-- GET /api/performances/{id}/seats: {"performance_id", "venue_id",
-- "seats": [{"seat_id", "section_id", "row_label", "seat_number", "x", "y",
-- "accessible", "companion", "status"}, ...]} in drawing order, read from
-- catalog.get_seat_map. Built here because the database turns a house of
-- 1,500 seats into JSON many times faster than the API could.
-- Raises performance_not_found (BX004, through catalog.get_seat_map).
create function catalog.get_seat_map_json(p_performance_id bigint)
returns table (seat_map text)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    -- Written as text: json_build_object for each of 1,500 seats takes twice
    -- as long. Only the row label is free text, so only it is escaped (by
    -- to_json); the rest are numbers, booleans and fixed status words.
    select '{"performance_id":' || p_performance_id
        || ',"venue_id":' || coalesce(min(m.venue_id)::text, 'null')
        || ',"seats":['
        || coalesce(
            string_agg(
                '{"seat_id":' || m.seat_id
                || ',"section_id":' || m.section_id
                || ',"row_label":' || to_json(m.row_label)::text
                || ',"seat_number":' || m.seat_number
                || ',"x":' || m.x
                || ',"y":' || m.y
                || ',"accessible":' || m.is_accessible
                || ',"companion":' || m.is_companion
                || ',"status":"' || m.status || '"}',
                ','
                order by m.section_id, m.row_label, m.seat_number
            ),
            ''
        )
        || ']}'
    from catalog.get_seat_map(p_performance_id) m;
$$;

comment on function catalog.get_seat_map_json(bigint) is
    'The seat map of a performance as the JSON document the API serves.';
