-- Works out the leaderboard of one period and metric from every confirmed
-- booking and stores it (report.ranking_rows, report.ranking_snapshots),
-- replacing the one stored before; readers see the old one until this
-- commits. report.list_user_ranking calls it when the stored leaderboard
-- is older than report.ranking_settings.refresh_seconds; a DBA may call it
-- any time. Refreshes of one board wait for each other.
-- p_period: last_30_days, this_year (calendar year in UTC) or all_time.
-- p_metric: bookings or tickets (what the rank is by; ties share a rank).
-- Users who opted out are not counted or ranked.
-- Raises validation_failed (BX001) for a bad period or metric.
create function report.refresh_user_ranking(p_period text, p_metric text)
returns void
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_since timestamptz;
begin
    if p_period is null or p_period not in ('last_30_days', 'this_year', 'all_time') then
        raise exception using errcode = 'BX001',
            message = 'period must be one of last_30_days, this_year, all_time.',
            detail = '{"fields": {"period": "invalid"}}';
    end if;

    if p_metric is null or p_metric not in ('bookings', 'tickets') then
        raise exception using errcode = 'BX001', message = 'metric must be bookings or tickets.',
            detail = '{"fields": {"metric": "invalid"}}';
    end if;

    -- One refresh of a board at a time, whoever asks: a request that finds
    -- the board due takes the same lock (report.list_user_ranking).
    perform pg_advisory_xact_lock(
        hashtextextended('ranking:' || p_period || ':' || p_metric, 0));

    v_since := case p_period
        when 'last_30_days' then now() - interval '30 days'
        when 'this_year' then date_trunc('year', now() at time zone 'UTC') at time zone 'UTC'
    end;

    delete from report.ranking_rows r
    where r.period = p_period and r.metric = p_metric;

    insert into report.ranking_rows
        (period, metric, position, user_id, user_rank, bookings, tickets)
    select p_period, p_metric,
        row_number() over (order by t.score desc, t.display_name, t.user_id)::integer,
        t.user_id,
        rank() over (order by t.score desc)::integer,
        t.bookings, t.tickets
    from (
        -- Bookings are added up per user first, then joined to names: half
        -- the time of grouping by user and name.
        select u.user_id, u.display_name, a.bookings, a.tickets,
            case when p_metric = 'bookings' then a.bookings else a.tickets end as score
        from (
            select b.user_id, count(*)::integer as bookings,
                sum(b.seat_count)::integer as tickets
            from booking.bookings b
            where b.status = 'confirmed'
              and (v_since is null or b.created_at >= v_since)
            group by b.user_id
        ) a
        join account.users u on u.user_id = a.user_id
        where not u.ranking_opt_out
    ) t;

    insert into report.ranking_snapshots as s (period, metric, refreshed_at)
    values (p_period, p_metric, now())
    on conflict (period, metric) do update set refreshed_at = excluded.refreshed_at;
end;
$$;

comment on function report.refresh_user_ranking(text, text) is
    'Works out and stores the leaderboard of one period and metric.';
