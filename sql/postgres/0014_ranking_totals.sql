-- The stored leaderboard keeps totals per user, not positions.
--
-- report.ranking_rows held every ranked user's position and rank. A rank
-- moves for everyone below a user who books, so each refresh rewrote every
-- row of a board: about 1.3 s per board at the large benchmark scale, most
-- of it in index upkeep, and six boards. Now a period keeps each user's
-- bookings and tickets (report.ranking_totals), which a refresh changes
-- only for users whose totals changed, and how many users have each score
-- (report.ranking_scores), a few hundred rows from which a rank is read:
-- one more than the users with a higher score. The top of a board is
-- walked from an index in score order; ties are put in order by the
-- current display name when read.
-- The boards are worked out again on their first reading.

drop table report.ranking_rows;

delete from report.ranking_snapshots;

-- Bookings and tickets of each ranked user in a period.
create table report.ranking_totals (
    period text not null,
    user_id bigint not null,
    bookings integer not null,
    tickets integer not null,
    constraint ranking_totals_pkey primary key (period, user_id)
);

create index ranking_totals_bookings_idx
    on report.ranking_totals (period, bookings desc, user_id);

create index ranking_totals_tickets_idx
    on report.ranking_totals (period, tickets desc, user_id);

-- How many ranked users of a period have each score by each metric, and
-- how many have a higher one.
create table report.ranking_scores (
    period text not null,
    metric text not null,
    score integer not null,
    users integer not null,
    users_above integer not null,
    constraint ranking_scores_pkey primary key (period, metric, score)
);
