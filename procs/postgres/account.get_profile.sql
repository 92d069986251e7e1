-- A user's profile, with the password hash the API checks before a
-- password change. Never send the hash to a client.
-- Raises user_not_found (BX012) for an unknown user.
create function account.get_profile(p_user_id bigint)
returns table (
    user_id bigint,
    username text,
    email text,
    display_name text,
    created_at timestamptz,
    ranking_opt_out boolean,
    password_hash text
)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    return query
    select u.user_id, u.username, u.email, u.display_name, u.created_at,
        u.ranking_opt_out, u.password_hash
    from account.users u
    where u.user_id = p_user_id;

    if not found then
        raise exception using errcode = 'BX012', message = 'No such user.';
    end if;
end;
$$;

comment on function account.get_profile(bigint) is
    'A user''s profile and password hash (for checking the current password).';
