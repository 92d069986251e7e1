-- The leaderboard of users by confirmed bookings or by tickets over a
-- period, with the asking user's own row even when outside the top.
-- p_period: last_30_days, this_year (calendar year in UTC) or all_time.
-- p_metric: bookings or tickets (what the rank is by; ties share a rank).
-- p_user_id: the asking user (null for none); is_current_user marks the row.
-- p_limit: how many top rows (1 to 100).
-- Users who opted out are not counted, shown or ranked. Display names only.
-- Raises validation_failed (BX001) for a bad period, metric or limit.
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
stable
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

    if p_limit is null or p_limit not between 1 and 100 then
        raise exception using errcode = 'BX001', message = 'limit must be between 1 and 100.',
            detail = '{"fields": {"limit": "invalid"}}';
    end if;

    v_since := case p_period
        when 'last_30_days' then now() - interval '30 days'
        when 'this_year' then date_trunc('year', now() at time zone 'UTC') at time zone 'UTC'
    end;

    return query
    with totals as (
        select u.user_id, u.display_name,
            count(*)::integer as bookings, sum(b.seat_count)::integer as tickets
        from booking.bookings b
        join account.users u on u.user_id = b.user_id
        where b.status = 'confirmed'
          and not u.ranking_opt_out
          and (v_since is null or b.created_at >= v_since)
        group by u.user_id, u.display_name
    ),
    ranked as (
        select t.*,
            rank() over (order by case when p_metric = 'bookings' then t.bookings
                                       else t.tickets end desc)::integer as user_rank,
            row_number() over (order by case when p_metric = 'bookings' then t.bookings
                                             else t.tickets end desc,
                                        t.display_name, t.user_id) as position
        from totals t
    )
    select r.user_rank, r.display_name, r.bookings, r.tickets,
        coalesce(r.user_id = p_user_id, false)
    from ranked r
    where r.position <= p_limit or r.user_id = p_user_id
    order by r.position;
end;
$$;

comment on function report.list_user_ranking(text, text, bigint, integer) is
    'Leaderboard by bookings or tickets for a period, with the asking user''s own row; opt-outs left out.';
