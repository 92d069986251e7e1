-- Browsing a large catalogue: upcoming performances are read in start
-- order, overall and per show, and counted from the index alone.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE INDEX performances_scheduled_starts_idx
    ON catalog.performances (starts_at)
    WHERE status = N'scheduled';
GO

CREATE INDEX performances_show_starts_idx
    ON catalog.performances (show_id, starts_at)
    WHERE status = N'scheduled';
GO
