-- Records, in the caller's transaction, that seats of a performance changed
-- hands: bumps this server process's shard of the performance's change
-- version (booking.performance_versions; 16 shards, so concurrent bookings
-- bump different rows), and announces it with NOTIFY performance_changed.
-- Sessions of the API say boxoffice.notify_after_commit = on and announce
-- the change themselves once it has committed (api/db.py); any other
-- session, a DBA's script say, announces it here, and PostgreSQL delivers
-- it when the transaction commits. Every routine that books, cancels, holds
-- or releases seats calls it.
create function booking.record_change(p_performance_id bigint)
returns void
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
-- Planned once per session: planning on every call cost more than running.
set plan_cache_mode = force_generic_plan
as $$
begin
    insert into booking.performance_versions as pv (performance_id, shard, version)
    values (p_performance_id, pg_backend_pid() % 16, 1)
    on conflict (performance_id, shard) do update
        set version = pv.version + 1, changed_at = now();

    if current_setting('boxoffice.notify_after_commit', true) is distinct from 'on' then
        perform pg_notify('performance_changed', p_performance_id::text);
    end if;
end;
$$;

comment on function booking.record_change(bigint) is
    'Bumps a performance''s change version and announces the change, in the caller''s transaction.';
