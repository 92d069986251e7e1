-- Answers: how full were our houses, by venue and by genre?
-- One row per venue and genre over performances that have already taken
-- place (cancelled ones left out): seats offered, seats sold, percent sold.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER VIEW report.occupancy_by_venue_genre
AS
SELECT
    v.venue_id,
    v.name AS venue_name,
    g.name AS genre,
    COUNT(*) AS performances,
    SUM(cap.capacity) AS seats_offered,
    SUM(sold.seats) AS seats_sold,
    CONVERT(decimal(5, 1), ROUND(100.0 * SUM(sold.seats) / NULLIF(SUM(cap.capacity), 0), 1))
        AS percent_sold
FROM catalog.performances AS p
JOIN catalog.shows AS s ON s.show_id = p.show_id
JOIN catalog.genres AS g ON g.genre_id = s.genre_id
JOIN catalog.venues AS v ON v.venue_id = p.venue_id
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
  AND p.starts_at <= SYSDATETIMEOFFSET()
GROUP BY v.venue_id, v.name, g.name;
GO

DECLARE @Description sql_variant =
    N'Seats offered and sold per venue and genre over performances already played.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'VIEW', N'occupancy_by_venue_genre', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'occupancy_by_venue_genre';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'occupancy_by_venue_genre';
GO
