-- Answers: which performances are coming up, and how full is each?
-- One row per scheduled performance that has not started, with seats sold
-- and left and the share sold. Order it by starts_at when you read it.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER VIEW report.upcoming_performances
AS
SELECT
    p.performance_id,
    p.starts_at,
    CONVERT(datetime2(6), p.starts_at AT TIME ZONE tz.windows_name) AS local_starts_at,
    s.title,
    g.name AS genre,
    v.name AS venue_name,
    v.city,
    cap.capacity,
    sold.seats AS seats_sold,
    cap.capacity - sold.seats AS seats_available,
    CONVERT(decimal(5, 1), ROUND(100.0 * sold.seats / NULLIF(cap.capacity, 0), 1))
        AS percent_sold
FROM catalog.performances AS p
JOIN catalog.shows AS s ON s.show_id = p.show_id
JOIN catalog.genres AS g ON g.genre_id = s.genre_id
JOIN catalog.venues AS v ON v.venue_id = p.venue_id
JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
CROSS APPLY (
    SELECT COUNT(*) AS capacity
    FROM catalog.seats AS st
    WHERE st.venue_id = p.venue_id
) AS cap
CROSS APPLY (
    SELECT COUNT(*) AS seats
    FROM booking.booked_seats AS bs
    WHERE bs.performance_id = p.performance_id AND bs.is_active = 1
) AS sold
WHERE p.status = N'scheduled'
  AND p.starts_at > SYSDATETIMEOFFSET();
GO

DECLARE @Description sql_variant =
    N'Upcoming scheduled performances with capacity, seats sold, seats left and percent sold.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'VIEW', N'upcoming_performances', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'upcoming_performances';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'upcoming_performances';
GO
