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

    -- The counts are kept by triggers on booking.bookings (co-bookers by
    -- migration 0007, tickets sold by 0006), so this reads one row per shard
    -- of each candidate show; each show's next performance is the first
    -- entry of its start-time index.
    WITH upcoming AS (
        SELECT
            n.performance_id,
            n.show_id,
            n.venue_id,
            n.starts_at
        FROM catalog.shows AS s
        CROSS APPLY (
            SELECT TOP (1)
                p.performance_id,
                p.show_id,
                p.venue_id,
                p.starts_at
            FROM catalog.performances AS p
            WHERE p.show_id = s.show_id
              AND p.status = N'scheduled'
              AND p.starts_at > SYSDATETIMEOFFSET()
            ORDER BY p.starts_at, p.performance_id
        ) AS n
        WHERE s.genre_id = @GenreId
          AND s.show_id <> @ShowId
    ),
    ranked AS (
        SELECT
            u.performance_id,
            u.show_id,
            u.venue_id,
            u.starts_at,
            (
                SELECT ISNULL(SUM(cb.users), 0)
                FROM booking.show_co_bookers AS cb
                WHERE cb.show_id = @ShowId
                  AND cb.other_show_id = u.show_id
            ) AS co_bookers,
            (
                SELECT CONVERT(int, ISNULL(SUM(ss.tickets), 0))
                FROM catalog.show_sales AS ss
                WHERE ss.show_id = u.show_id
            ) AS popularity
        FROM upcoming AS u
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
