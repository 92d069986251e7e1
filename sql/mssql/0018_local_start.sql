-- The local start time of each performance, kept on the performance: the
-- SQL Server twin of sql/postgres/0018_local_start.sql.
--
-- A search for matinees or evening performances, or by dates, converted
-- every candidate's start to its venue's local time. The local time is now
-- worked out when a performance is added or moved, and when a venue's time
-- zone changes.
-- TODO: PostgreSQL refuses a venue's time zone change above READ
-- COMMITTED and locks the venue's performances in id order first, as
-- price changes do; SQL Server does neither yet.
-- TODO: a change to the time zone rules themselves (a Windows update that
-- moves a country's summer time) leaves the kept local times of later
-- performances as they were, until the performances or their venue's zone
-- are written again.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

ALTER TABLE catalog.performances
    ADD local_starts_at datetime2(6) NULL;
GO

-- Sets the local start time of performances added, or whose start or venue
-- changed (and undoes a direct write of it).
CREATE OR ALTER TRIGGER catalog.tg_performances__set_local_start
ON catalog.performances
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    -- The update below fires this trigger again where recursive triggers
    -- are on.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1
        RETURN;

    DECLARE @Touched bit = 0;
    IF UPDATE(starts_at)
        SET @Touched = 1;
    IF UPDATE(venue_id)
        SET @Touched = 1;
    IF UPDATE(local_starts_at)
        SET @Touched = 1;
    IF @Touched = 0
        RETURN;

    UPDATE p
    SET p.local_starts_at = CONVERT(datetime2(6), p.starts_at AT TIME ZONE tz.windows_name)
    FROM catalog.performances AS p
    JOIN inserted AS i ON i.performance_id = p.performance_id
    -- The venue stays read locked, so a change to its time zone waits for
    -- this performance to commit (and then moves it too).
    JOIN catalog.venues AS v WITH (REPEATABLEREAD) ON v.venue_id = p.venue_id
    JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone;
END;
GO

-- A venue given another time zone moves its performances' local times.
CREATE OR ALTER TRIGGER catalog.tg_venues__move_local_starts
ON catalog.venues
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    IF NOT UPDATE(time_zone)
        RETURN;

    UPDATE p
    SET p.local_starts_at = CONVERT(datetime2(6), p.starts_at AT TIME ZONE tz.windows_name)
    FROM catalog.performances AS p
    JOIN inserted AS i ON i.venue_id = p.venue_id
    JOIN deleted AS d ON d.venue_id = i.venue_id
    JOIN catalog.time_zone_names AS tz ON tz.iana_name = i.time_zone
    WHERE i.time_zone <> d.time_zone;
END;
GO

-- Back-fill -------------------------------------------------------------------

UPDATE p
SET p.local_starts_at = CONVERT(datetime2(6), p.starts_at AT TIME ZONE tz.windows_name)
FROM catalog.performances AS p
JOIN catalog.venues AS v ON v.venue_id = p.venue_id
JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone;
GO
