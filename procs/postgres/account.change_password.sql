-- Stores a new password hash and ends every live session of the user but
-- p_keep_session_id (the one that asked), so a stolen session stops working.
-- p_password_hash: a bcrypt hash made by the caller after checking the
-- current password; never a password.
-- Returns how many sessions were ended.
-- Raises validation_failed (BX001), user_not_found (BX012).
create function account.change_password(
    p_user_id bigint,
    p_password_hash text,
    p_keep_session_id uuid
)
returns table (sessions_ended integer)
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_ended integer;
begin
    if p_password_hash is null or char_length(p_password_hash) not between 20 and 255 then
        raise exception using errcode = 'BX001', message = 'A password hash is required.',
            detail = '{"fields": {"password": "invalid"}}';
    end if;

    update account.users u
    set password_hash = p_password_hash
    where u.user_id = p_user_id;

    if not found then
        raise exception using errcode = 'BX012', message = 'No such user.';
    end if;

    update account.sessions s
    set ended_at = now()
    where s.user_id = p_user_id
      and s.ended_at is null
      and s.session_id is distinct from p_keep_session_id;

    get diagnostics v_ended = row_count;

    return query select v_ended;
end;
$$;

comment on function account.change_password(bigint, text, uuid) is
    'Sets a new password hash and ends all the user''s other sessions.';
