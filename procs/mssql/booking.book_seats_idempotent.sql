-- Books seats like booking.book_seats, once per idempotency key: a retry
-- with the same key and request gets the booking the first attempt made and
-- books nothing more; the same key with another request is refused.
-- An exclusive application lock on the key, held to the end of the
-- transaction, makes a concurrent attempt with the same key wait until the
-- first commits or rolls back. The key and the booking commit together,
-- fully durable, so an acknowledged booking survives a crash. A
-- failed booking leaves no key.
-- On a first attempt the answer is booking.book_seats' result set; on a
-- replay it is the final SELECT (empty on a first attempt). Callers read
-- every result set, as tools.mssql_deploy.call does.
-- TODO: a replay answers with the booking as it is now, not with a stored
-- copy of the first answer, so a booking cancelled in between replays as
-- cancelled; storing the answer's JSON with the key would fix that.
-- @IdempotencyKey: 1 to 100 visible ASCII characters, chosen by the client.
-- @RequestHash: SHA-256 (lower-case hex) of the request, computed by the API.
-- Throws validation_failed (50001), user_not_found (50012),
-- idempotency_key_reused (50041), and every error of booking.book_seats.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.book_seats_idempotent
    @UserId bigint,
    @PerformanceId bigint,
    @SeatIds nvarchar(max),
    @IdempotencyKey nvarchar(200),
    @RequestHash nvarchar(100)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Found bit = 0;
    DECLARE @StoredHash char(64);
    DECLARE @StoredBookingId bigint;
    DECLARE @BookingId bigint;
    DECLARE @Resource nvarchar(255);
    DECLARE @Locked int;

    -- Visible ASCII is ! (0x21) to ~ (0x7E); DATALENGTH catches trailing
    -- spaces, which LEN ignores.
    IF @IdempotencyKey IS NULL
        OR LEN(@IdempotencyKey) NOT BETWEEN 1 AND 100
        OR DATALENGTH(@IdempotencyKey) <> 2 * LEN(@IdempotencyKey)
        OR @IdempotencyKey COLLATE Latin1_General_100_BIN2 LIKE N'%[^!-~]%'
        THROW 50001, N'An idempotency key is 1 to 100 visible ASCII characters. [details: {"fields": {"idempotency_key": "invalid"}}]', 1;

    IF @RequestHash IS NULL
        OR DATALENGTH(@RequestHash) <> 128
        OR @RequestHash COLLATE Latin1_General_100_BIN2 LIKE N'%[^0-9a-f]%'
        THROW 50001, N'A request hash is 64 lower-case hex digits. [details: {"fields": {"request_hash": "invalid"}}]', 1;

    IF NOT EXISTS (SELECT 1 FROM account.users AS u WHERE u.user_id = @UserId)
        THROW 50012, N'No such user.', 1;

    SET @Resource = CONCAT(N'booking.idempotency:', @UserId, N':', @IdempotencyKey);

    BEGIN TRY
        BEGIN TRANSACTION;

        EXEC @Locked = sys.sp_getapplock
            @Resource = @Resource, @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = 30000;

        IF @Locked < 0
            THROW 50001, N'Another attempt with this idempotency key is still running.', 1;

        SELECT
            @Found = 1,
            @StoredHash = k.request_hash,
            @StoredBookingId = k.booking_id
        FROM booking.idempotency_keys AS k
        WHERE k.user_id = @UserId
          AND k.idempotency_key = CONVERT(varchar(100), @IdempotencyKey);

        IF @Found = 1 AND @StoredHash <> CONVERT(char(64), @RequestHash)
            THROW 50041, N'This idempotency key was used for a different request.', 1;

        IF @Found = 0
        BEGIN
            -- Its result set is this call's answer.
            EXEC booking.book_seats
                @UserId = @UserId, @PerformanceId = @PerformanceId, @SeatIds = @SeatIds;

            -- The performance stays locked until this transaction ends, so
            -- the user's newest booking of it is the one just made.
            SET @BookingId = (
                SELECT MAX(b.booking_id)
                FROM booking.bookings AS b
                WHERE b.user_id = @UserId AND b.performance_id = @PerformanceId
            );

            INSERT INTO booking.idempotency_keys
                (user_id, idempotency_key, request_hash, booking_id)
            VALUES (@UserId, @IdempotencyKey, @RequestHash, @BookingId);
        END;

        -- Fully durable unless the database forces delayed durability,
        -- which schema_tests forbids.
        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

    -- A replay answers with the booking the first attempt made.
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
    WHERE @Found = 1 AND d.booking_id = @StoredBookingId;
END;
GO

DECLARE @Description sql_variant =
    N'Books seats once per idempotency key: a retry gets the first booking, '
    + N'another request with the key is refused.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'book_seats_idempotent',
        NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'book_seats_idempotent';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'book_seats_idempotent';
GO
