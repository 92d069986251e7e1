-- One page of upcoming scheduled performances with seats left.
-- @Sort: starts_at, title, genre or venue; @Order: asc or desc.
-- @GenreId, @VenueId: optional filters (NULL for all).
-- total_count repeats on each row: the number of rows over all pages.
-- Throws validation_failed (50001) for a bad page, size, sort or order.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.list_performances
    @Page int,
    @PageSize int,
    @Sort nvarchar(20),
    @Order nvarchar(10),
    @GenreId bigint,
    @VenueId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @Page IS NULL OR @Page < 1 OR @Page > 100000
        THROW 50001, N'page must be 1 or more. [details: {"fields": {"page": "invalid"}}]', 1;

    IF @PageSize IS NULL OR @PageSize NOT BETWEEN 1 AND 100
        THROW 50001, N'page_size must be between 1 and 100. [details: {"fields": {"page_size": "invalid"}}]', 1;

    -- A binary comparison, as on PostgreSQL: 'Title' is not a sort order.
    IF @Sort IS NULL
        OR @Sort COLLATE Latin1_General_100_BIN2 NOT IN (N'starts_at', N'title', N'genre', N'venue')
        THROW 50001, N'sort must be one of starts_at, title, genre, venue. [details: {"fields": {"sort": "invalid"}}]', 1;

    IF @Order IS NULL OR @Order COLLATE Latin1_General_100_BIN2 NOT IN (N'asc', N'desc')
        THROW 50001, N'order must be asc or desc. [details: {"fields": {"order": "invalid"}}]', 1;

    WITH upcoming AS (
        SELECT
            p.performance_id,
            p.show_id,
            s.title,
            g.genre_id,
            g.name AS genre,
            v.venue_id,
            v.name AS venue_name,
            v.city,
            v.time_zone,
            CONVERT(nvarchar(3), v.currency) AS currency,
            p.starts_at,
            p.lowest_price_cents,
            tz.windows_name,
            s.duration_minutes,
            CASE @Sort
                WHEN N'title' THEN s.title
                WHEN N'genre' THEN g.name
                WHEN N'venue' THEN v.name
            END AS sort_text,
            COUNT_BIG(*) OVER () AS total_count
        FROM catalog.performances AS p
        JOIN catalog.shows AS s ON s.show_id = p.show_id
        JOIN catalog.genres AS g ON g.genre_id = s.genre_id
        JOIN catalog.venues AS v ON v.venue_id = p.venue_id
        JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
        WHERE p.status = N'scheduled'
          AND p.starts_at > SYSDATETIMEOFFSET()
          AND (@GenreId IS NULL OR s.genre_id = @GenreId)
          AND (@VenueId IS NULL OR p.venue_id = @VenueId)
    ),
    page AS (
        SELECT u.*
        FROM upcoming AS u
        ORDER BY
            CASE WHEN @Order = N'asc' THEN u.sort_text END ASC,
            CASE WHEN @Order = N'desc' THEN u.sort_text END DESC,
            CASE WHEN @Order = N'desc' AND @Sort = N'starts_at' THEN u.starts_at END DESC,
            u.starts_at,
            u.performance_id
        OFFSET (@Page - 1) * @PageSize ROWS
        FETCH NEXT @PageSize ROWS ONLY
    )
    SELECT
        pg.performance_id,
        pg.show_id,
        pg.title,
        pg.genre_id,
        pg.genre,
        pg.venue_id,
        pg.venue_name,
        pg.city,
        pg.time_zone,
        pg.currency,
        pg.starts_at,
        CONVERT(datetime2(6), pg.starts_at AT TIME ZONE pg.windows_name) AS local_starts_at,
        pg.duration_minutes,
        counts.capacity,
        counts.capacity - counts.booked - held.seats AS seats_available,
        pg.lowest_price_cents AS price_from_cents,
        pg.total_count
    FROM page AS pg
    -- Seats and seats booked are kept per performance (booking.seat_counts).
    CROSS APPLY (
        SELECT ISNULL(SUM(sc.capacity), 0) AS capacity, ISNULL(SUM(sc.booked), 0) AS booked
        FROM booking.seat_counts AS sc
        WHERE sc.performance_id = pg.performance_id
    ) AS counts
    CROSS APPLY (
        -- Seats held in someone's checkout are not available either.
        SELECT COUNT(*) AS seats
        FROM booking.live_holds AS h
        WHERE h.performance_id = pg.performance_id
    ) AS held
    ORDER BY
        CASE WHEN @Order = N'asc' THEN pg.sort_text END ASC,
        CASE WHEN @Order = N'desc' THEN pg.sort_text END DESC,
        CASE WHEN @Order = N'desc' AND @Sort = N'starts_at' THEN pg.starts_at END DESC,
        pg.starts_at,
        pg.performance_id
    -- The optional filters make one cached plan a poor fit for every call.
    OPTION (RECOMPILE);
END;
GO

DECLARE @Description sql_variant =
    N'A sorted, filtered page of upcoming performances with capacity, seats left and lowest price.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'list_performances', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'list_performances';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'list_performances';
GO
