-- Changes a user's username, email, display name and ranking opt-out.
-- The caller normalises username and email (Unicode NFKC); they stay unique
-- whatever their case, as at registration.
-- Raises validation_failed (BX001), username_taken (BX002),
-- email_taken (BX003), user_not_found (BX012).
create function account.update_profile(
    p_user_id bigint,
    p_username text,
    p_email text,
    p_display_name text,
    p_ranking_opt_out boolean
)
returns table (
    user_id bigint,
    username text,
    email text,
    display_name text,
    created_at timestamptz,
    ranking_opt_out boolean
)
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if p_username is null or p_username !~ '^[A-Za-z0-9._-]{3,30}$' then
        raise exception using errcode = 'BX001',
            message = 'A username has 3 to 30 letters, digits, dots, dashes or underscores.',
            detail = '{"fields": {"username": "invalid"}}';
    end if;

    if p_email is null or char_length(p_email) > 254 or p_email !~ '^[^@\s]+@[^@\s]+$' then
        raise exception using errcode = 'BX001',
            message = 'An email address has one @ and at most 254 characters.',
            detail = '{"fields": {"email": "invalid"}}';
    end if;

    if p_display_name is null or char_length(btrim(p_display_name)) not between 1 and 60 then
        raise exception using errcode = 'BX001',
            message = 'A display name has 1 to 60 characters.',
            detail = '{"fields": {"display_name": "invalid"}}';
    end if;

    if p_ranking_opt_out is null then
        raise exception using errcode = 'BX001', message = 'ranking_opt_out must be true or false.',
            detail = '{"fields": {"ranking_opt_out": "invalid"}}';
    end if;

    perform 1 from account.users u where u.user_id = p_user_id for update;
    if not found then
        raise exception using errcode = 'BX012', message = 'No such user.';
    end if;

    if exists (
        select 1 from account.users u
        where lower(u.username) = lower(p_username) and u.user_id <> p_user_id
    ) then
        raise exception using errcode = 'BX002', message = 'That username is already taken.';
    end if;

    if exists (
        select 1 from account.users u
        where lower(u.email) = lower(p_email) and u.user_id <> p_user_id
    ) then
        raise exception using errcode = 'BX003',
            message = 'An account with that email already exists.';
    end if;

    begin
        update account.users u
        set username = p_username,
            email = p_email,
            display_name = btrim(p_display_name),
            ranking_opt_out = p_ranking_opt_out
        where u.user_id = p_user_id;
    exception when unique_violation then
        -- Another change raced past the checks above; the index decided.
        if sqlerrm like '%users_email_key%' then
            raise exception using errcode = 'BX003',
                message = 'An account with that email already exists.';
        end if;
        raise exception using errcode = 'BX002', message = 'That username is already taken.';
    end;

    return query
    select u.user_id, u.username, u.email, u.display_name, u.created_at, u.ranking_opt_out
    from account.users u
    where u.user_id = p_user_id;
end;
$$;

comment on function account.update_profile(bigint, text, text, text, boolean) is
    'Changes a user''s username, email, display name and ranking opt-out.';
