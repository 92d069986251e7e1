-- Locks seats of one performance until the end of the caller's transaction.
-- Every procedure that books or holds seats takes these locks before it
-- looks at who has them, so two transactions wanting a seat go one after
-- the other, while transactions wanting different seats of the same
-- performance run side by side. The application locks are taken in one
-- fixed order, so procedures that lock several seats never deadlock.
-- @SeatIds: a JSON array of seat ids, already checked by the caller.
-- Throws seat_taken (50009) if a lock cannot be had (this session was
-- chosen as a deadlock victim or the wait was cancelled).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.lock_seats
    @PerformanceId bigint,
    @SeatIds nvarchar(max)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Resource nvarchar(255);
    DECLARE @Locked int;

    DECLARE seat_locks CURSOR LOCAL FAST_FORWARD FOR
        SELECT DISTINCT CONCAT(N'seat:', @PerformanceId, N':', CONVERT(bigint, e.[value]))
        FROM OPENJSON(@SeatIds) AS e
        ORDER BY 1;

    OPEN seat_locks;
    FETCH NEXT FROM seat_locks INTO @Resource;

    WHILE @@FETCH_STATUS = 0
    BEGIN
        EXEC @Locked = sys.sp_getapplock
            @Resource = @Resource, @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = -1;

        IF @Locked < 0
        BEGIN
            CLOSE seat_locks;
            DEALLOCATE seat_locks;
            THROW 50009, N'Someone else is booking these seats just now; try again.', 1;
        END;

        FETCH NEXT FROM seat_locks INTO @Resource;
    END;

    CLOSE seat_locks;
    DEALLOCATE seat_locks;
END;
GO

DECLARE @Description sql_variant =
    N'Locks seats of a performance for the rest of the transaction, in a fixed order.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'lock_seats', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'lock_seats';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'lock_seats';
GO
