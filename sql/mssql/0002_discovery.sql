-- Discovery and engagement, the SQL Server twin of
-- sql/postgres/0002_discovery.sql: the ranking opt-out of each user.
-- Search needs no extension here: the searchable columns already use an
-- accent- and case-insensitive collation, and catalog.search_performances
-- computes its trigrams itself. Never edit this file once applied.

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

-- A user who opts out is left out of every leaderboard and ranking report.
ALTER TABLE account.users
    ADD ranking_opt_out bit NOT NULL
        CONSTRAINT users_ranking_opt_out_default DEFAULT 0;
GO

-- Patterns and co-booking counts read confirmed bookings by performance and user.
CREATE INDEX bookings_status_created_idx ON booking.bookings (status, created_at);
GO
