-- Locks seats of one performance until the end of the transaction. Every
-- routine that books or holds seats takes these locks before it looks at
-- who has them, so two transactions wanting a seat go one after the other,
-- while transactions wanting different seats of the same performance run
-- side by side. The locks are taken in one fixed order, so routines that
-- lock several seats never deadlock.
-- p_seat_ids: a JSON array of seat ids, already checked by the caller.
-- Raises seat_taken (BX009) if a lock cannot be had (the server found a
-- deadlock, which the fixed order leaves to hash collisions alone).
create function booking.lock_seats(p_performance_id bigint, p_seat_ids jsonb)
returns void
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
-- Planned once per session: planning on every call cost more than running.
set plan_cache_mode = force_generic_plan
as $$
begin
    perform pg_advisory_xact_lock(k.lock_key)
    from (
        select distinct hashtextextended(
                   'seat:' || p_performance_id || ':' || (e #>> '{}'), 0) as lock_key
        from jsonb_array_elements(p_seat_ids) e
        order by 1
    ) k;
exception when deadlock_detected then
    raise exception using errcode = 'BX009',
        message = 'Someone else is booking these seats just now; try again.';
end;
$$;

comment on function booking.lock_seats(bigint, jsonb) is
    'Locks seats of a performance for the rest of the transaction, in a fixed order.';
