-- Cancels a user's own booking of a performance that has not started; its
-- seats become free at once, and open seat maps are told (the performance's
-- change version is bumped).
-- Throws booking_not_found (50010), booking_not_cancellable (50011).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.cancel_booking
    @UserId bigint,
    @BookingId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Status nvarchar(20);
    DECLARE @StartsAt datetimeoffset(6);
    DECLARE @PerformanceId bigint;

    BEGIN TRY
        BEGIN TRANSACTION;

        -- The booking's row stays locked until the seats are freed, so two
        -- cancellations of one booking go one at a time.
        SELECT @Status = b.status, @StartsAt = p.starts_at, @PerformanceId = b.performance_id
        FROM booking.bookings AS b WITH (UPDLOCK, HOLDLOCK)
        JOIN catalog.performances AS p ON p.performance_id = b.performance_id
        WHERE b.booking_id = @BookingId
          AND b.user_id = @UserId;

        IF @Status IS NULL
            THROW 50010, N'No such booking.', 1;

        IF @Status <> N'confirmed' OR @StartsAt <= SYSDATETIMEOFFSET()
            THROW 50011, N'This booking can no longer be cancelled.', 1;

        UPDATE b
        SET b.status = N'cancelled', b.cancelled_at = SYSDATETIMEOFFSET()
        FROM booking.bookings AS b
        WHERE b.booking_id = @BookingId;

        UPDATE bs
        SET bs.is_active = 0
        FROM booking.booked_seats AS bs
        WHERE bs.booking_id = @BookingId;

        -- Open seat maps learn of the change (booking.record_change).
        EXEC booking.record_change @PerformanceId = @PerformanceId;

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

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
    WHERE d.booking_id = @BookingId;
END;
GO

DECLARE @Description sql_variant =
    N'Cancels a user''s own booking of a future performance and frees its seats.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'cancel_booking', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'cancel_booking';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'cancel_booking';
GO
