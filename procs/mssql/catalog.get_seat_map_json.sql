-- The seat map of a performance as one JSON document, the answer of
-- GET /api/performances/{id}/seats: {"performance_id", "venue_id",
-- "seats": [{"seat_id", "section_id", "row_label", "seat_number", "x", "y",
-- "accessible", "companion", "status"}, ...]} in drawing order, read from
-- catalog.get_seat_map. Built here because the database turns a house of
-- 1,500 seats into JSON many times faster than the API could.
-- Throws performance_not_found (50004).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.get_seat_map_json
    @PerformanceId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (
        SELECT 1 FROM catalog.performances AS p
        WHERE p.performance_id = @PerformanceId
    )
        THROW 50004, N'No such performance.', 1;

    DECLARE @Map TABLE (
        seat_id bigint NOT NULL PRIMARY KEY,
        venue_id bigint NOT NULL,
        section_id bigint NOT NULL,
        row_label nvarchar(5) NOT NULL,
        seat_number int NOT NULL,
        x decimal(7, 2) NOT NULL,
        y decimal(7, 2) NOT NULL,
        is_accessible bit NOT NULL,
        is_companion bit NOT NULL,
        status nvarchar(10) NOT NULL,
        held_by bigint NULL
    );

    INSERT INTO @Map
    EXEC catalog.get_seat_map @PerformanceId = @PerformanceId;

    SELECT (
        SELECT
            @PerformanceId AS performance_id,
            (SELECT MIN(m.venue_id) FROM @Map AS m) AS venue_id,
            JSON_QUERY(COALESCE((
                SELECT
                    m.seat_id,
                    m.section_id,
                    m.row_label,
                    m.seat_number,
                    m.x,
                    m.y,
                    m.is_accessible AS accessible,
                    m.is_companion AS companion,
                    m.status
                FROM @Map AS m
                ORDER BY m.section_id, m.row_label, m.seat_number
                FOR JSON PATH
            ), N'[]')) AS seats
        FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES
    ) AS seat_map;
END;
GO

DECLARE @Description sql_variant =
    N'The seat map of a performance as the JSON document the API serves.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'get_seat_map_json', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'get_seat_map_json';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'get_seat_map_json';
GO
