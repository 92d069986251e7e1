-- Which seats of a performance are taken, as one JSON document, the answer
-- of GET /api/performances/{id}/seats/status: {"performance_id",
-- "booked": [seat ids], "held": [seat ids]}, both ascending. A seat counts
-- as booked or held exactly as catalog.get_seat_map counts it: booked by an
-- active booking, or else held until expires_at by database time; every
-- other seat of the house is available. Live seat maps keep the layout they
-- read once and ask only this again, so it reads the two tables by
-- performance through their keys and never touches catalog.seats.
-- Throws performance_not_found (50004).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.get_seat_status_json
    @PerformanceId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (
        SELECT 1
        FROM catalog.performances AS p
        WHERE p.performance_id = @PerformanceId
    )
        THROW 50004, N'No such performance.', 1;

    -- Seat ids are numbers, so the text is written directly: no escaping.
    -- nvarchar(max), as a full house runs past 4,000 characters.
    SELECT
        N'{"performance_id":' + CONVERT(nvarchar(20), @PerformanceId)
        + N',"booked":[' + COALESCE((
            SELECT STRING_AGG(CONVERT(nvarchar(max), bs.seat_id), N',')
                WITHIN GROUP (ORDER BY bs.seat_id)
            FROM booking.booked_seats AS bs
            WHERE bs.performance_id = @PerformanceId
              AND bs.is_active = 1
        ), N'')
        + N'],"held":[' + COALESCE((
            SELECT STRING_AGG(CONVERT(nvarchar(max), h.seat_id), N',')
                WITHIN GROUP (ORDER BY h.seat_id)
            FROM booking.live_holds AS h
            WHERE h.performance_id = @PerformanceId
        ), N'')
        + N']}' AS seat_status;
END;
GO

DECLARE @Description sql_variant =
    N'Which seats of a performance are booked or held, as the JSON document the API serves.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'get_seat_status_json',
        NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'get_seat_status_json';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'get_seat_status_json';
GO
