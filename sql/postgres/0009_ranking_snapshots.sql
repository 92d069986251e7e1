-- The leaderboard is worked out from every confirmed booking: about a
-- quarter of a second at the large benchmark scale, too much for a page
-- anyone may open. report.refresh_user_ranking stores the result per period
-- and metric, and report.list_user_ranking works it out again only when
-- the stored one is older than refresh_seconds.
-- Derived data only, so no foreign keys: users are joined when read.

create table report.ranking_settings (
    setting_name text primary key,
    setting_value integer not null,
    constraint ranking_settings_known_name check (setting_name in ('refresh_seconds')),
    constraint ranking_settings_range check (setting_value between 0 and 3600)
);

insert into report.ranking_settings (setting_name, setting_value)
values ('refresh_seconds', 30);

-- When each period and metric was last worked out.
create table report.ranking_snapshots (
    period text not null,
    metric text not null,
    refreshed_at timestamptz not null,
    constraint ranking_snapshots_pkey primary key (period, metric)
);

-- Every ranked user of each period and metric, in leaderboard order.
create table report.ranking_rows (
    period text not null,
    metric text not null,
    position integer not null,
    user_id bigint not null,
    user_rank integer not null,
    bookings integer not null,
    tickets integer not null,
    constraint ranking_rows_pkey primary key (period, metric, position)
);

create unique index ranking_rows_user_idx on report.ranking_rows (period, metric, user_id);
