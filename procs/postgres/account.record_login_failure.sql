-- Counts one refused login against its login name and client address, and
-- forgets refused logins that have left the window.
-- p_login: the login as typed (stored lower-cased).
-- p_client_address: the client's network address as the API sees it.
-- p_window_seconds: how far back refused logins count.
-- Returns the refused logins now counted for the name and the address.
-- Raises validation_failed (BX001).
create function account.record_login_failure(
    p_login text,
    p_client_address text,
    p_window_seconds integer
)
returns table (login_failures integer, client_failures integer)
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_since timestamptz;
begin
    if p_login is null or char_length(p_login) not between 1 and 254
        or p_client_address is null or char_length(p_client_address) not between 1 and 64
        or p_window_seconds is null or p_window_seconds not between 1 and 86400 then
        raise exception using errcode = 'BX001',
            message = 'A refused login needs a login, an address and a window.';
    end if;

    v_since := now() - make_interval(secs => p_window_seconds);

    delete from account.login_failures f
    where (f.login_key = lower(p_login) or f.client_address = p_client_address)
      and f.failed_at <= v_since;

    insert into account.login_failures (login_key, client_address)
    values (lower(p_login), p_client_address);

    return query
    select
        (select count(*) from account.login_failures f
         where f.login_key = lower(p_login) and f.failed_at > v_since)::integer,
        (select count(*) from account.login_failures f
         where f.client_address = p_client_address and f.failed_at > v_since)::integer;
end;
$$;

comment on function account.record_login_failure(text, text, integer) is
    'Counts a refused login against its name and address for the brute-force limits.';
