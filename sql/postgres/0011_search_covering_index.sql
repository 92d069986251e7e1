-- A search for a word that many shows or venues share looks up thousands
-- of upcoming performances, pair by pair of show and venue. With the
-- performance id in the index, each lookup is read from the index alone
-- instead of visiting every performance row.

drop index catalog.performances_show_venue_starts_idx;

create index performances_show_venue_starts_idx
    on catalog.performances (show_id, venue_id, starts_at, performance_id)
    where status = 'scheduled';
