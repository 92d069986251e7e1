-- The leaderboard of users by confirmed bookings or by tickets over a
-- period, with the asking user's own row even when outside the top.
-- p_period: last_30_days, this_year (calendar year in UTC) or all_time.
-- p_metric: bookings or tickets (what the rank is by; ties share a rank).
-- p_user_id: the asking user (null for none); is_current_user marks the row.
-- p_limit: how many top rows (1 to 100).
-- Users who opted out are not counted, shown or ranked. Display names only.
-- The leaderboard is read from the totals and score counts stored by
-- report.refresh_user_ranking, which works them out again when older than
-- report.ranking_settings.refresh_seconds: by one request, while the others
-- read the stored ones. Display names, opting out and opting back in take
-- effect at once (others' ranks follow at the next refresh); new bookings
-- count from the next refresh.
-- Raises validation_failed (BX001) for a bad period, metric or limit, and
-- ranking_not_ready (BX013) when the board has never been worked out and
-- another request is working it out.
create function report.list_user_ranking(
    p_period text,
    p_metric text,
    p_user_id bigint,
    p_limit integer
)
returns table (
    user_rank integer,
    display_name text,
    bookings integer,
    tickets integer,
    is_current_user boolean
)
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_refresh integer;
    v_fresh boolean;
begin
    if p_limit is null or p_limit not between 1 and 100 then
        raise exception using errcode = 'BX001', message = 'limit must be between 1 and 100.',
            detail = '{"fields": {"limit": "invalid"}}';
    end if;

    select rs.setting_value into v_refresh
    from report.ranking_settings rs
    where rs.setting_name = 'refresh_seconds';

    select sn.refreshed_at > now() - make_interval(secs => coalesce(v_refresh, 30))
    into v_fresh
    from report.ranking_snapshots sn
    where sn.period = p_period and sn.metric = p_metric;

    -- A period or metric that is not known has never been worked out, so
    -- report.refresh_user_ranking gets to refuse it.
    if v_fresh is null then
        -- Never worked out: do it, unless someone is doing it already. Then
        -- this request is told to come back rather than wait: a first board
        -- of a large database takes seconds, and requests waiting for it
        -- would hold every connection of the pool.
        if not pg_try_advisory_xact_lock(hashtextextended('ranking:' || p_period, 0)) then
            raise exception using errcode = 'BX013',
                message = 'The leaderboard is being worked out; try again in a few seconds.',
                detail = '{"retry_after_seconds": 2}';
        end if;
        if not exists (
            select 1 from report.ranking_snapshots sn
            where sn.period = p_period and sn.metric = p_metric
        ) then
            perform report.refresh_user_ranking(p_period, p_metric);
        end if;
    elsif not v_fresh
        and pg_try_advisory_xact_lock(hashtextextended('ranking:' || p_period, 0)) then
        perform report.refresh_user_ranking(p_period, p_metric);
    end if;

    -- The top rows, walked from the index of the metric's score (with the
    -- rows that tie with the last, whose order is by name, ignoring case and
    -- accents as SQL Server's collation does), and the asking user's own
    -- row. A rank is one more than the users with a higher score.
    return query
    with top_by_bookings as (
        select t.user_id, t.bookings, t.tickets, t.bookings as score, u.display_name
        from report.ranking_totals t
        join account.users u on u.user_id = t.user_id
        where p_metric = 'bookings' and t.period = p_period
          and not u.ranking_opt_out
        order by t.bookings desc
        fetch first p_limit rows with ties
    ),
    top_by_tickets as (
        select t.user_id, t.bookings, t.tickets, t.tickets as score, u.display_name
        from report.ranking_totals t
        join account.users u on u.user_id = t.user_id
        where p_metric = 'tickets' and t.period = p_period
          and not u.ranking_opt_out
        order by t.tickets desc
        fetch first p_limit rows with ties
    ),
    shown as (
        (
            select r.user_id, r.bookings, r.tickets, r.score, r.display_name
            from (table top_by_bookings union all table top_by_tickets) r
            order by r.score desc,
                lower(extensions.unaccent('extensions.unaccent'::regdictionary,
                    r.display_name)),
                r.user_id
            limit p_limit
        )
        union
        select t.user_id, t.bookings, t.tickets,
            case when p_metric = 'bookings' then t.bookings else t.tickets end,
            u.display_name
        from report.ranking_totals t
        join account.users u on u.user_id = t.user_id
        where t.period = p_period and t.user_id = p_user_id
          and not u.ranking_opt_out
    )
    select
        1 + coalesce((
            -- The users with a higher score: at the lowest score above, those
            -- above it and those on it. (A user who has just opted back in
            -- may have a score no one else has.)
            select s.users_above + s.users
            from report.ranking_scores s
            where s.period = p_period and s.metric = p_metric and s.score > shown.score
            order by s.score
            limit 1
        ), 0),
        shown.display_name, shown.bookings, shown.tickets,
        coalesce(shown.user_id = p_user_id, false)
    from shown
    order by shown.score desc,
        lower(extensions.unaccent('extensions.unaccent'::regdictionary, shown.display_name)),
        shown.user_id;
end;
$$;

comment on function report.list_user_ranking(text, text, bigint, integer) is
    'Leaderboard by bookings or tickets for a period, with the asking user''s own row; opt-outs left out.';
