-- The change version of every performance whose seats changed in the last
-- p_window_seconds seconds of database time. A server process polls this
-- once per tick and compares the versions with the ones it has seen, so a
-- change committed late within the window is still noticed.
-- Raises validation_failed (BX001).
create function booking.list_performance_versions(p_window_seconds integer)
returns table (performance_id bigint, version bigint)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    if p_window_seconds is null or p_window_seconds not between 1 and 3600 then
        raise exception using errcode = 'BX001',
            message = 'The window is 1 to 3600 seconds.',
            detail = '{"fields": {"window_seconds": "invalid"}}';
    end if;

    -- A performance's version is the sum of its shards' counters.
    return query
    select pv.performance_id, sum(pv.version)::bigint
    from booking.performance_versions pv
    where pv.performance_id in (
        select recent.performance_id
        from booking.performance_versions recent
        where recent.changed_at > now() - make_interval(secs => p_window_seconds)
    )
    group by pv.performance_id
    order by pv.performance_id;
end;
$$;

comment on function booking.list_performance_versions(integer) is
    'Performances whose seats changed recently, with their change versions, for servers that poll.';
