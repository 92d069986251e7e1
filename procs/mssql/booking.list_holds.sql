-- A user's holds on one performance, as they stand by database time:
-- state is held (still counting down), expired (ran out, the seat is free)
-- or lost (ran out and someone else booked the seat).
-- Throws performance_not_found (50004).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.list_holds
    @UserId bigint,
    @PerformanceId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Now datetimeoffset(6) = SYSDATETIMEOFFSET();

    IF NOT EXISTS (
        SELECT 1 FROM catalog.performances AS p WHERE p.performance_id = @PerformanceId
    )
        THROW 50004, N'No such performance.', 1;

    SELECT
        h.seat_id,
        h.expires_at,
        CASE
            WHEN h.expires_at <= @Now THEN 0
            ELSE CONVERT(int, CEILING(DATEDIFF_BIG(millisecond, @Now, h.expires_at) / 1000.0))
        END AS seconds_left,
        CASE
            WHEN h.expires_at > @Now THEN N'held'
            WHEN bs.seat_id IS NOT NULL THEN N'lost'
            ELSE N'expired'
        END AS state
    FROM booking.seat_holds AS h
    LEFT JOIN booking.booked_seats AS bs
        ON bs.performance_id = h.performance_id
       AND bs.seat_id = h.seat_id
       AND bs.is_active = 1
    WHERE h.performance_id = @PerformanceId
      AND h.user_id = @UserId
    ORDER BY h.seat_id;
END;
GO

DECLARE @Description sql_variant =
    N'A user''s holds on a performance: held, expired or lost to another booking.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'list_holds', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'list_holds';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'list_holds';
GO
