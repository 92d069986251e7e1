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
    select json_build_object(
        'performance_id', p_performance_id,
        'venue_id', min(m.venue_id),
        'seats', coalesce(
            json_agg(
                json_build_object(
                    'seat_id', m.seat_id,
                    'section_id', m.section_id,
                    'row_label', m.row_label,
                    'seat_number', m.seat_number,
                    'x', m.x,
                    'y', m.y,
                    'accessible', m.is_accessible,
                    'companion', m.is_companion,
                    'status', m.status
                )
                order by m.section_id, m.row_label, m.seat_number
            ),
            '[]'::json
        )
    )::text
    from catalog.get_seat_map(p_performance_id) m;
$$;

comment on function catalog.get_seat_map_json(bigint) is
    'The seat map of a performance as the JSON document the API serves.';
