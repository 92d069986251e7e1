-- Finds the account a login name (username or email, any case) belongs to,
-- with its password hash, so the caller can check the password.
-- Returns no row when there is no such account.
create function account.get_user_for_login(p_login text)
returns table (
    user_id bigint,
    username text,
    email text,
    display_name text,
    created_at timestamptz,
    password_hash text
)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select u.user_id, u.username, u.email, u.display_name, u.created_at, u.password_hash
    from account.users u
    where lower(u.username) = lower(p_login)
       or lower(u.email) = lower(p_login)
    limit 1;
$$;

comment on function account.get_user_for_login(text) is
    'The account and password hash for a username or email, for checking a login.';
