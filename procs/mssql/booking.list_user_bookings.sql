-- A user's bookings: upcoming performances first (soonest first), then past
-- ones (most recent first).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.list_user_bookings
    @UserId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Now datetimeoffset(6) = SYSDATETIMEOFFSET();

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
    WHERE d.user_id = @UserId
    ORDER BY
        CASE WHEN d.starts_at > @Now THEN 0 ELSE 1 END,
        CASE WHEN d.starts_at > @Now THEN d.starts_at END ASC,
        d.starts_at DESC,
        d.booking_id DESC;
END;
GO

DECLARE @Description sql_variant =
    N'A user''s bookings, upcoming first, then past.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'list_user_bookings', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'list_user_bookings';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'list_user_bookings';
GO
