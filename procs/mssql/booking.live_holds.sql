-- Holds that still keep a seat out of sale: not expired by database time,
-- on a seat no active booking has taken. The seat counts of the dashboard
-- and of search, and the seat status, read holds here.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER VIEW booking.live_holds
AS
SELECT h.performance_id, h.seat_id, h.user_id, h.expires_at
FROM booking.seat_holds AS h
WHERE h.expires_at > SYSDATETIMEOFFSET()
  AND NOT EXISTS (
      SELECT 1
      FROM booking.booked_seats AS bs
      WHERE bs.performance_id = h.performance_id
        AND bs.seat_id = h.seat_id
        AND bs.is_active = 1
  );
GO

DECLARE @Description sql_variant =
    N'Unexpired holds on seats that no active booking has taken.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'VIEW', N'live_holds', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'VIEW', @level1name = N'live_holds';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'VIEW', @level1name = N'live_holds';
GO
