-- Works out the leaderboards of one period from every confirmed booking and
-- stores them (report.ranking_totals, report.ranking_scores,
-- report.ranking_snapshots): both metrics, as they come from the same
-- totals. Only users whose totals changed are written. Readers see the old
-- boards until this commits. report.list_user_ranking calls it when a
-- stored board is older than report.ranking_settings.refresh_seconds; a DBA
-- may call it any time. Refreshes of one period wait for each other.
-- p_period: last_30_days, this_year (calendar year in UTC) or all_time.
-- p_metric: bookings or tickets (the board asked for; both are refreshed).
-- Users who opted out are kept in the totals but counted in no one's rank
-- (report.list_user_ranking leaves them out), so opting back in shows at
-- once.
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

    -- One refresh of a period at a time, whoever asks: a request that finds
    -- a board due takes the same lock (report.list_user_ranking).
    perform pg_advisory_xact_lock(hashtextextended('ranking:' || p_period, 0));

    v_since := case p_period
        when 'last_30_days' then now() - interval '30 days'
        when 'this_year' then date_trunc('year', now() at time zone 'UTC') at time zone 'UTC'
    end;

    -- One statement: its delete and its insert both read the totals as they
    -- were before it, so the users who left and those whose totals changed
    -- come from the same reading.
    with fresh as (
        select b.user_id, count(*)::integer as bookings,
            sum(b.seat_count)::integer as tickets
        from booking.bookings b
        where b.status = 'confirmed'
          and (v_since is null or b.created_at >= v_since)
        group by b.user_id
    ),
    left_board as (
        delete from report.ranking_totals t
        where t.period = p_period
          and not exists (select 1 from fresh f where f.user_id = t.user_id)
    )
    insert into report.ranking_totals as t (period, user_id, bookings, tickets)
    select p_period, f.user_id, f.bookings, f.tickets
    from fresh f
    where not exists (
        select 1 from report.ranking_totals kept
        where kept.period = p_period and kept.user_id = f.user_id
          and kept.bookings = f.bookings and kept.tickets = f.tickets
    )
    on conflict (period, user_id) do update
        set bookings = excluded.bookings, tickets = excluded.tickets;

    delete from report.ranking_scores s where s.period = p_period;

    insert into report.ranking_scores (period, metric, score, users, users_above)
    select p_period, c.metric, c.score, c.users,
        (sum(c.users) over (partition by c.metric order by c.score desc) - c.users)::integer
    from (
        select m.metric, m.score, count(*)::integer as users
        from report.ranking_totals t
        join account.users u on u.user_id = t.user_id and not u.ranking_opt_out
        cross join lateral (
            values ('bookings', t.bookings), ('tickets', t.tickets)
        ) as m (metric, score)
        where t.period = p_period
        group by m.metric, m.score
    ) c;

    insert into report.ranking_snapshots as s (period, metric, refreshed_at)
    select p_period, m.metric, now()
    from (values ('bookings'), ('tickets')) as m (metric)
    on conflict (period, metric) do update set refreshed_at = excluded.refreshed_at;
end;
$$;

comment on function report.refresh_user_ranking(text, text) is
    'Works out and stores the leaderboards of one period (both metrics).';
