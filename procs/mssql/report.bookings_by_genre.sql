-- Answers: which genres do people book?
-- Confirmed bookings and tickets per genre, every genre listed.
-- The all-users numbers of report.booking_patterns by genre.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER VIEW report.bookings_by_genre
AS
SELECT
    g.genre_id,
    g.name AS genre,
    COUNT(b.booking_id) AS bookings,
    ISNULL(SUM(b.seat_count), 0) AS tickets
FROM catalog.genres AS g
LEFT JOIN catalog.shows AS s ON s.genre_id = g.genre_id
LEFT JOIN catalog.performances AS p ON p.show_id = s.show_id
LEFT JOIN booking.bookings AS b
    ON b.performance_id = p.performance_id
   AND b.status = N'confirmed'
GROUP BY g.genre_id, g.name;
GO

DECLARE @Description sql_variant =
    N'Confirmed bookings and tickets per genre.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'VIEW', N'bookings_by_genre', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'bookings_by_genre';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'bookings_by_genre';
GO
