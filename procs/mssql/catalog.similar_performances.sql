-- Up to six upcoming performances of other shows of the same genre as the
-- given performance: the next scheduled performance of each such show,
-- ranked by how many people who booked this show also booked that one,
-- then by tickets sold for that show, then by date.
-- Never a past or cancelled performance, never the same show.
-- Throws performance_not_found (50004) for an unknown performance.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.similar_performances
    @PerformanceId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @ShowId bigint;
    DECLARE @GenreId bigint;

    SELECT @ShowId = p.show_id, @GenreId = s.genre_id
    FROM catalog.performances AS p
    JOIN catalog.shows AS s ON s.show_id = p.show_id
    WHERE p.performance_id = @PerformanceId;

    IF @ShowId IS NULL
        THROW 50004, N'No such performance.', 1;

    WITH bookers AS (
        SELECT DISTINCT b.user_id
        FROM booking.bookings AS b
        JOIN catalog.performances AS p ON p.performance_id = b.performance_id
        WHERE p.show_id = @ShowId
          AND b.status = N'confirmed'
    ),
    upcoming AS (
        SELECT
            p.performance_id,
            p.show_id,
            p.venue_id,
            p.starts_at,
            ROW_NUMBER() OVER (
                PARTITION BY p.show_id ORDER BY p.starts_at, p.performance_id
            ) AS nth
        FROM catalog.performances AS p
        JOIN catalog.shows AS s ON s.show_id = p.show_id
        WHERE s.genre_id = @GenreId
          AND p.show_id <> @ShowId
          AND p.status = N'scheduled'
          AND p.starts_at > SYSDATETIMEOFFSET()
    ),
    ranked AS (
        SELECT
            u.performance_id,
            u.show_id,
            u.venue_id,
            u.starts_at,
            (
                SELECT COUNT(DISTINCT b.user_id)
                FROM booking.bookings AS b
                JOIN catalog.performances AS p ON p.performance_id = b.performance_id
                JOIN bookers AS bk ON bk.user_id = b.user_id
                WHERE p.show_id = u.show_id
                  AND b.status = N'confirmed'
            ) AS co_bookers,
            (
                SELECT ISNULL(SUM(b.seat_count), 0)
                FROM booking.bookings AS b
                JOIN catalog.performances AS p ON p.performance_id = b.performance_id
                WHERE p.show_id = u.show_id
                  AND b.status = N'confirmed'
            ) AS popularity
        FROM upcoming AS u
        WHERE u.nth = 1
    )
    SELECT TOP (6)
        r.performance_id,
        r.show_id,
        s.title,
        g.genre_id,
        g.name AS genre,
        v.venue_id,
        v.name AS venue_name,
        v.city,
        v.time_zone,
        CONVERT(nvarchar(3), v.currency) AS currency,
        r.starts_at,
        CONVERT(datetime2(6), r.starts_at AT TIME ZONE tz.windows_name) AS local_starts_at,
        s.duration_minutes,
        r.co_bookers,
        r.popularity
    FROM ranked AS r
    JOIN catalog.shows AS s ON s.show_id = r.show_id
    JOIN catalog.genres AS g ON g.genre_id = s.genre_id
    JOIN catalog.venues AS v ON v.venue_id = r.venue_id
    JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
    ORDER BY r.co_bookers DESC, r.popularity DESC, r.starts_at, r.performance_id;
END;
GO

DECLARE @Description sql_variant =
    N'Up to six upcoming performances of other shows of the same genre, ranked by co-booking, popularity, date.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'similar_performances', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'similar_performances';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'similar_performances';
GO
