-- One booking of a user. Another user's booking is reported as not found,
-- so booking ids reveal nothing.
-- Throws booking_not_found (50010).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.get_booking
    @UserId bigint,
    @BookingId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (
        SELECT 1
        FROM booking.bookings AS b
        WHERE b.booking_id = @BookingId
          AND b.user_id = @UserId
    )
        THROW 50010, N'No such booking.', 1;

    SELECT
        d.booking_id,
        d.user_id,
        d.performance_id,
        d.status,
        d.created_at,
        d.cancelled_at,
        d.total_cents,
        d.currency,
        d.seat_count,
        d.title,
        d.venue_name,
        d.city,
        d.time_zone,
        d.starts_at,
        d.local_starts_at,
        d.cancellable,
        d.seats,
        d.duration_minutes
    FROM booking.booking_details AS d
    WHERE d.booking_id = @BookingId
      AND d.user_id = @UserId;
END;
GO

DECLARE @Description sql_variant =
    N'One of a user''s bookings; another user''s booking is not found.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'get_booking', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'get_booking';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'get_booking';
GO
