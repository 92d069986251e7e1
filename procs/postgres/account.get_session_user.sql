-- The user behind a live session: not ended and not expired.
-- Returns no row for an unknown, ended or expired session.
create function account.get_session_user(p_session_id uuid)
returns table (
    user_id bigint,
    username text,
    email text,
    display_name text,
    created_at timestamptz
)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select u.user_id, u.username, u.email, u.display_name, u.created_at
    from account.sessions s
    join account.users u on u.user_id = s.user_id
    where s.session_id = p_session_id
      and s.ended_at is null
      and s.expires_at > now();
$$;

comment on function account.get_session_user(uuid) is
    'The user of a live session, or nothing when the session is unknown, ended or expired.';
