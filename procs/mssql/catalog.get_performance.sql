-- Everything the performance page shows: the show, the venue, and for each
-- section its price, capacity and seats still available (neither booked nor
-- held by anyone in checkout).
-- cast_members and sections are JSON text (arrays), ordered by billing and
-- by section order, with the keys of the PostgreSQL twin.
-- Throws performance_not_found (50004).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.get_performance
    @PerformanceId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Sections TABLE (
        section_id bigint NOT NULL PRIMARY KEY,
        name nvarchar(100) NOT NULL,
        sort_order int NOT NULL,
        price_cents int NULL,
        capacity int NOT NULL,
        available int NOT NULL
    );

    IF NOT EXISTS (
        SELECT 1 FROM catalog.performances AS p WHERE p.performance_id = @PerformanceId
    )
        THROW 50004, N'No such performance.', 1;

    -- Counted once, then read three times: the totals and the JSON list.
    INSERT INTO @Sections (section_id, name, sort_order, price_cents, capacity, available)
    SELECT
        sc.section_id,
        sc.name,
        sc.sort_order,
        pp.price_cents,
        COUNT(st.seat_id),
        COUNT(st.seat_id) - COUNT(bs.seat_id) - COUNT(h.seat_id)
    FROM catalog.performances AS p
    JOIN catalog.sections AS sc ON sc.venue_id = p.venue_id
    LEFT JOIN catalog.performance_prices AS pp
        ON pp.performance_id = p.performance_id
       AND pp.section_id = sc.section_id
    LEFT JOIN catalog.seats AS st ON st.section_id = sc.section_id
    LEFT JOIN booking.booked_seats AS bs
        ON bs.performance_id = p.performance_id
       AND bs.seat_id = st.seat_id
       AND bs.is_active = 1
    -- A seat someone holds in checkout is not available to anyone else.
    LEFT JOIN booking.seat_holds AS h
        ON h.performance_id = p.performance_id
       AND h.seat_id = st.seat_id
       AND h.expires_at > SYSDATETIMEOFFSET()
       AND bs.seat_id IS NULL
    WHERE p.performance_id = @PerformanceId
    GROUP BY sc.section_id, sc.name, sc.sort_order, pp.price_cents;

    SELECT
        p.performance_id,
        p.status,
        CONVERT(bit, CASE
            WHEN p.status = N'scheduled' AND p.starts_at > SYSDATETIMEOFFSET() THEN 1
            ELSE 0
        END) AS on_sale,
        p.starts_at,
        CONVERT(datetime2(6), p.starts_at AT TIME ZONE tz.windows_name) AS local_starts_at,
        v.time_zone,
        CONVERT(nvarchar(3), v.currency) AS currency,
        (SELECT COALESCE(SUM(c.capacity), 0) FROM @Sections AS c) AS capacity,
        (SELECT COALESCE(SUM(c.available), 0) FROM @Sections AS c) AS seats_available,
        s.show_id,
        s.title,
        s.description,
        g.name AS genre,
        s.duration_minutes,
        s.director,
        COALESCE((
            SELECT sc.person_name AS name, sc.role_name AS role
            FROM catalog.show_cast AS sc
            WHERE sc.show_id = s.show_id
            ORDER BY sc.billing_order
            FOR JSON PATH, INCLUDE_NULL_VALUES
        ), N'[]') AS cast_members,
        v.venue_id,
        v.name AS venue_name,
        v.city,
        v.address,
        COALESCE((
            SELECT c.section_id, c.name, c.price_cents, c.capacity, c.available
            FROM @Sections AS c
            ORDER BY c.sort_order, c.section_id
            FOR JSON PATH, INCLUDE_NULL_VALUES
        ), N'[]') AS sections
    FROM catalog.performances AS p
    JOIN catalog.shows AS s ON s.show_id = p.show_id
    JOIN catalog.genres AS g ON g.genre_id = s.genre_id
    JOIN catalog.venues AS v ON v.venue_id = p.venue_id
    JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
    WHERE p.performance_id = @PerformanceId;
END;
GO

DECLARE @Description sql_variant =
    N'A performance with its show, venue, and price and availability per section.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'get_performance', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'get_performance';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'get_performance';
GO
