-- Books seats like booking.book_seats, once per idempotency key: a retry
-- with the same key and request gets the booking the first attempt made and
-- books nothing more; the same key with another request is refused.
-- The key row is inserted first: a concurrent attempt with the same key
-- waits on its unique index until the first commits or rolls back. The key
-- and the booking commit together, and the commit is synchronous, so an
-- acknowledged booking survives a crash. A failed booking leaves no key.
-- TODO: a replay answers with the booking as it is now, not with a stored
-- copy of the first answer, so a booking cancelled in between replays as
-- cancelled; storing the answer's JSON with the key would fix that.
-- p_idempotency_key: 1 to 100 visible ASCII characters, chosen by the client.
-- p_request_hash: SHA-256 (lower-case hex) of the request, computed by the API.
-- Raises validation_failed (BX001), user_not_found (BX012),
-- idempotency_key_reused (BX041), and every error of booking.book_seats.
create function booking.book_seats_idempotent(
    p_user_id bigint,
    p_performance_id bigint,
    p_seat_ids jsonb,
    p_idempotency_key text,
    p_request_hash text
)
returns setof booking.booking_details
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
-- Planned once per session: planning on every call cost more than running.
set plan_cache_mode = force_generic_plan
as $$
declare
    v_inserted integer;
    v_stored_hash text;
    v_booking_id bigint;
begin
    if p_idempotency_key is null or p_idempotency_key !~ '^[!-~]{1,100}$' then
        raise exception using errcode = 'BX001',
            message = 'An idempotency key is 1 to 100 visible ASCII characters.',
            detail = '{"fields": {"idempotency_key": "invalid"}}';
    end if;

    if p_request_hash is null or p_request_hash !~ '^[0-9a-f]{64}$' then
        raise exception using errcode = 'BX001',
            message = 'A request hash is 64 lower-case hex digits.',
            detail = '{"fields": {"request_hash": "invalid"}}';
    end if;

    if not exists (select 1 from account.users u where u.user_id = p_user_id) then
        raise exception using errcode = 'BX012', message = 'No such user.';
    end if;

    -- An acknowledged booking must survive a crash, whatever the session says.
    perform set_config('synchronous_commit', 'on', true);

    insert into booking.idempotency_keys (user_id, idempotency_key, request_hash)
    values (p_user_id, p_idempotency_key, p_request_hash)
    on conflict (user_id, idempotency_key) do nothing;
    get diagnostics v_inserted = row_count;

    if v_inserted = 0 then
        select k.request_hash, k.booking_id
        into v_stored_hash, v_booking_id
        from booking.idempotency_keys k
        where k.user_id = p_user_id and k.idempotency_key = p_idempotency_key;

        if v_stored_hash <> p_request_hash then
            raise exception using errcode = 'BX041',
                message = 'This idempotency key was used for a different request.';
        end if;

        return query
        select d.* from booking.booking_details d where d.booking_id = v_booking_id;
        return;
    end if;

    select b.booking_id into v_booking_id
    from booking.book_seats(p_user_id, p_performance_id, p_seat_ids) b;

    update booking.idempotency_keys k
    set booking_id = v_booking_id
    where k.user_id = p_user_id and k.idempotency_key = p_idempotency_key;

    return query
    select d.* from booking.booking_details d where d.booking_id = v_booking_id;
end;
$$;

comment on function booking.book_seats_idempotent(bigint, bigint, jsonb, text, text) is
    'Books seats once per idempotency key: a retry gets the first booking, another request with the key is refused.';
