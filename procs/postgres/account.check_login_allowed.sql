-- Says whether a login may be tried now, before its password is checked.
-- Refused logins are counted per login name and per client address over a
-- sliding window; past either limit the attempt is refused without
-- looking at the password, whoever the name belongs to.
-- p_login: the login as typed (compared lower-cased).
-- p_client_address: the client's network address as the API sees it.
-- p_window_seconds: how far back refused logins count.
-- p_max_per_login, p_max_per_client: refused logins allowed in the window.
-- Returns the refused logins counted so far for the name and the address.
-- Raises validation_failed (BX001), too_many_attempts (BX040) with
-- details {"retry_after_seconds": n}.
create function account.check_login_allowed(
    p_login text,
    p_client_address text,
    p_window_seconds integer,
    p_max_per_login integer,
    p_max_per_client integer
)
returns table (login_failures integer, client_failures integer)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_since timestamptz;
    v_login_count integer;
    v_client_count integer;
    v_free_at timestamptz;
begin
    if p_login is null or char_length(p_login) not between 1 and 254
        or p_client_address is null or char_length(p_client_address) not between 1 and 64
        or p_window_seconds is null or p_window_seconds not between 1 and 86400
        or p_max_per_login is null or p_max_per_login < 1
        or p_max_per_client is null or p_max_per_client < 1 then
        raise exception using errcode = 'BX001',
            message = 'A login check needs a login, an address, a window and two limits.';
    end if;

    v_since := now() - make_interval(secs => p_window_seconds);

    select count(*) into v_login_count
    from account.login_failures f
    where f.login_key = lower(p_login) and f.failed_at > v_since;

    select count(*) into v_client_count
    from account.login_failures f
    where f.client_address = p_client_address and f.failed_at > v_since;

    -- Once over a limit, the attempt is allowed again when enough of the
    -- counted failures have left the window to go below it.
    if v_login_count >= p_max_per_login then
        select f.failed_at into v_free_at
        from account.login_failures f
        where f.login_key = lower(p_login) and f.failed_at > v_since
        order by f.failed_at desc
        offset p_max_per_login - 1 limit 1;
    end if;

    if v_client_count >= p_max_per_client then
        select greatest(v_free_at, f.failed_at) into v_free_at
        from account.login_failures f
        where f.client_address = p_client_address and f.failed_at > v_since
        order by f.failed_at desc
        offset p_max_per_client - 1 limit 1;
    end if;

    if v_free_at is not null then
        raise exception using errcode = 'BX040',
            message = 'Too many failed logins; please wait before trying again.',
            detail = jsonb_build_object(
                'retry_after_seconds',
                greatest(1, ceil(extract(epoch from
                    v_free_at + make_interval(secs => p_window_seconds) - now())))::integer
            )::text;
    end if;

    return query select v_login_count, v_client_count;
end;
$$;

comment on function account.check_login_allowed(text, text, integer, integer, integer) is
    'Refuses a login attempt with too_many_attempts once its name or address has failed too often.';
