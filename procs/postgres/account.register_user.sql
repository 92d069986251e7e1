-- Creates an account and returns it.
-- p_username, p_email: compared without regard to case.
-- p_password_hash: a bcrypt hash made by the caller; never a password.
-- Raises validation_failed (BX001), username_taken (BX002), email_taken (BX003).
create function account.register_user(
    p_username text,
    p_email text,
    p_display_name text,
    p_password_hash text
)
returns table (
    user_id bigint,
    username text,
    email text,
    display_name text,
    created_at timestamptz
)
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_user_id bigint;
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

    if exists (select 1 from account.users u where lower(u.username) = lower(p_username)) then
        raise exception using errcode = 'BX002', message = 'That username is already taken.';
    end if;

    if exists (select 1 from account.users u where lower(u.email) = lower(p_email)) then
        raise exception using errcode = 'BX003',
            message = 'An account with that email already exists.';
    end if;

    begin
        insert into account.users (username, email, display_name, password_hash)
        values (p_username, p_email, btrim(p_display_name), p_password_hash)
        returning users.user_id into v_user_id;
    exception when unique_violation then
        -- Two registrations raced past the checks above; the index decided.
        if sqlerrm like '%users_email_key%' then
            raise exception using errcode = 'BX003',
                message = 'An account with that email already exists.';
        end if;
        raise exception using errcode = 'BX002', message = 'That username is already taken.';
    end;

    return query
    select u.user_id, u.username, u.email, u.display_name, u.created_at
    from account.users u
    where u.user_id = v_user_id;
end;
$$;

comment on function account.register_user(text, text, text, text) is
    'Creates an account from a username, email, display name and bcrypt hash.';
