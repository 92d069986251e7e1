-- A search for a word that many shows or venues share looks up thousands
-- of upcoming performances, pair by pair of show and venue. With the
-- performance id in the index, each lookup is read from the index alone
-- instead of visiting every performance row.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

DROP INDEX performances_show_venue_starts_idx ON catalog.performances;
GO

CREATE INDEX performances_show_venue_starts_idx
    ON catalog.performances (show_id, venue_id, starts_at, performance_id)
    WHERE status = N'scheduled';
GO
