-- Browsing a large catalogue: upcoming performances are read in start
-- order, overall and per show, and counted from the index alone.

create index performances_scheduled_starts_idx
    on catalog.performances (starts_at)
    where status = 'scheduled';

create index performances_show_starts_idx
    on catalog.performances (show_id, starts_at)
    where status = 'scheduled';
