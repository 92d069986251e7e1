-- Opens a session for a user who has just proved who they are.
-- p_lifetime_seconds: how long the session lasts without a new login.
-- Raises user_not_found (BX012), validation_failed (BX001).
create function account.create_session(p_user_id bigint, p_lifetime_seconds integer)
returns table (session_id uuid, expires_at timestamptz)
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if p_lifetime_seconds is null or p_lifetime_seconds not between 60 and 31536000 then
        raise exception using errcode = 'BX001',
            message = 'A session lasts between one minute and one year.';
    end if;

    if not exists (select 1 from account.users u where u.user_id = p_user_id) then
        raise exception using errcode = 'BX012', message = 'No such user.';
    end if;

    return query
    insert into account.sessions as s (user_id, expires_at)
    values (p_user_id, now() + make_interval(secs => p_lifetime_seconds))
    returning s.session_id, s.expires_at;
end;
$$;

comment on function account.create_session(bigint, integer) is
    'Opens a server-side session and returns its id, which the session cookie carries.';
