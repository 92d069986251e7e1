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
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

DROP TABLE report.ranking_rows;
GO

DELETE FROM report.ranking_snapshots;
GO

-- Bookings and tickets of each ranked user in a period.
CREATE TABLE report.ranking_totals (
    period nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_id bigint NOT NULL,
    bookings int NOT NULL,
    tickets int NOT NULL,
    CONSTRAINT ranking_totals_pkey PRIMARY KEY (period, user_id)
);
GO

CREATE INDEX ranking_totals_bookings_idx
    ON report.ranking_totals (period, bookings DESC, user_id);
GO

CREATE INDEX ranking_totals_tickets_idx
    ON report.ranking_totals (period, tickets DESC, user_id);
GO

-- How many ranked users of a period have each score by each metric, and
-- how many have a higher one.
CREATE TABLE report.ranking_scores (
    period nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    metric nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    score int NOT NULL,
    users int NOT NULL,
    users_above int NOT NULL,
    CONSTRAINT ranking_scores_pkey PRIMARY KEY (period, metric, score)
);
GO
