-- Ends a session, so its cookie is refused from now on.
-- Returns whether a live session was ended.
create function account.end_session(p_session_id uuid)
returns table (ended boolean)
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    update account.sessions s
    set ended_at = now()
    where s.session_id = p_session_id
      and s.ended_at is null;

    return query select found;
end;
$$;

comment on function account.end_session(uuid) is
    'Ends a session (logout); a replayed cookie for it is refused afterwards.';
