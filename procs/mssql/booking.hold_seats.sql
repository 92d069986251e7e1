-- Makes a user's holds on one performance exactly the given seats: seats
-- not listed are released, new ones are held, and an empty list releases
-- them all. The seats held together share one expiry, set when the first of
-- them was held (booking.hold_settings.hold_minutes later), so picking more
-- seats never extends a hold. Expiry is decided from database time here and
-- wherever a hold is read; nothing needs to clean up for it to be right.
-- @SeatIds: JSON text, an array of distinct seat ids (0 to max_held_seats).
-- Throws validation_failed (50001), performance_not_found (50004),
-- performance_not_on_sale (50005), duplicate_seat (50007),
-- seat_not_in_venue (50008), seat_taken (50009), user_not_found (50012),
-- seat_held (50030), hold_lost (50031), hold_limit_exceeded (50032).
-- seat_taken, seat_held and hold_lost end their message with
-- [details: {"seat_ids": [...]}].
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.hold_seats
    @UserId bigint,
    @PerformanceId bigint,
    @SeatIds nvarchar(max)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Requested TABLE (position int NOT NULL PRIMARY KEY, seat_id bigint NOT NULL);
    DECLARE @Seats TABLE (seat_id bigint NOT NULL PRIMARY KEY);
    DECLARE @Taken TABLE (seat_id bigint NOT NULL PRIMARY KEY, mine bit NOT NULL);
    DECLARE @IsArray bit = 0;
    DECLARE @SeatCount int;
    DECLARE @VenueId bigint;
    DECLARE @Status nvarchar(20);
    DECLARE @StartsAt datetimeoffset(6);
    DECLARE @Limit int;
    DECLARE @Minutes int;
    DECLARE @Expires datetimeoffset(6);
    DECLARE @Message nvarchar(2048);
    DECLARE @Resource nvarchar(255);
    DECLARE @Locked int;

    -- Wrapping the text in [ ] lets OPENJSON report the type of the value
    -- itself (4 is an array).
    IF ISJSON(@SeatIds) = 1
        SELECT @IsArray = CASE WHEN j.[type] = 4 THEN 1 ELSE 0 END
        FROM OPENJSON(N'[' + @SeatIds + N']') AS j
        WHERE j.[key] = N'0';

    IF @IsArray = 0
        THROW 50001, N'seat_ids must be a list of seat ids. [details: {"fields": {"seat_ids": "invalid"}}]', 1;

    IF EXISTS (
        SELECT 1
        FROM OPENJSON(@SeatIds) AS e
        WHERE e.[type] <> 2
           OR LEN(e.[value]) NOT BETWEEN 1 AND 18
           OR e.[value] COLLATE Latin1_General_100_BIN2 LIKE N'%[^0-9]%'
    )
        THROW 50001, N'Each seat id must be a whole number. [details: {"fields": {"seat_ids": "invalid"}}]', 1;

    INSERT INTO @Requested (position, seat_id)
    SELECT CONVERT(int, e.[key]), CONVERT(bigint, e.[value])
    FROM OPENJSON(@SeatIds) AS e;

    SET @SeatCount = (SELECT COUNT(*) FROM @Requested);

    INSERT INTO @Seats (seat_id)
    SELECT DISTINCT r.seat_id
    FROM @Requested AS r;

    IF @@ROWCOUNT <> @SeatCount
        THROW 50007, N'The same seat appears twice.', 1;

    IF NOT EXISTS (SELECT 1 FROM account.users AS u WHERE u.user_id = @UserId)
        THROW 50012, N'No such user.', 1;

    BEGIN TRY
        BEGIN TRANSACTION;

        SELECT @VenueId = p.venue_id, @Status = p.status, @StartsAt = p.starts_at
        FROM catalog.performances AS p
        WHERE p.performance_id = @PerformanceId;

        IF @VenueId IS NULL
            THROW 50004, N'No such performance.', 1;

        IF @Status <> N'scheduled' OR @StartsAt <= SYSDATETIMEOFFSET()
            THROW 50005, N'This performance is not on sale.', 1;

        SELECT
            @Limit = MAX(CASE WHEN hs.setting_name = N'max_held_seats' THEN hs.setting_value END),
            @Minutes = MAX(CASE WHEN hs.setting_name = N'hold_minutes' THEN hs.setting_value END)
        FROM booking.hold_settings AS hs;

        SET @Limit = COALESCE(@Limit, 10);
        SET @Minutes = COALESCE(@Minutes, 10);

        IF @SeatCount > @Limit
        BEGIN
            SET @Message = CONCAT(
                N'You can hold at most ', @Limit, N' seats of one performance. ',
                N'[details: {"limit": ', @Limit, N'}]');

            THROW 50032, @Message, 1;
        END;

        IF (
            SELECT COUNT(*)
            FROM catalog.seats AS st
            JOIN @Seats AS s ON s.seat_id = st.seat_id
            WHERE st.venue_id = @VenueId
        ) <> @SeatCount
            THROW 50008, N'A seat does not belong to this performance''s venue.', 1;

        -- One change of a user's holds at a time, then the seats themselves
        -- (booking.lock_seats): the reads below see what any earlier holder
        -- of those locks committed.
        SET @Resource = CONCAT(N'holds:', @PerformanceId, N':', @UserId);

        EXEC @Locked = sys.sp_getapplock
            @Resource = @Resource, @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = -1;

        IF @Locked < 0
            THROW 50009, N'Someone else is booking these seats just now; try again.', 1;

        EXEC booking.lock_seats @PerformanceId = @PerformanceId, @SeatIds = @SeatIds;

        INSERT INTO @Taken (seat_id, mine)
        SELECT
            bs.seat_id,
            CASE WHEN h.user_id = @UserId THEN 1 ELSE 0 END
        FROM @Seats AS s
        JOIN booking.booked_seats AS bs WITH (READCOMMITTEDLOCK)
            ON bs.performance_id = @PerformanceId
           AND bs.seat_id = s.seat_id
           AND bs.is_active = 1
        LEFT JOIN booking.seat_holds AS h
            ON h.performance_id = bs.performance_id
           AND h.seat_id = bs.seat_id;

        IF EXISTS (SELECT 1 FROM @Taken AS t WHERE t.mine = 1)
        BEGIN
            SELECT @Message = CONCAT(
                N'Your hold ran out and someone else booked some of the seats. '
                + N'[details: {"seat_ids": [',
                STRING_AGG(CONVERT(nvarchar(20), t.seat_id), N', ')
                    WITHIN GROUP (ORDER BY t.seat_id),
                N']}]')
            FROM @Taken AS t
            WHERE t.mine = 1;

            THROW 50031, @Message, 1;
        END;

        IF EXISTS (SELECT 1 FROM @Taken)
        BEGIN
            SELECT @Message = CONCAT(
                N'Some seats are already taken. [details: {"seat_ids": [',
                STRING_AGG(CONVERT(nvarchar(20), t.seat_id), N', ')
                    WITHIN GROUP (ORDER BY t.seat_id),
                N']}]')
            FROM @Taken AS t;

            THROW 50009, @Message, 1;
        END;

        IF EXISTS (
            SELECT 1
            FROM @Seats AS s
            JOIN booking.seat_holds AS h
                ON h.performance_id = @PerformanceId
               AND h.seat_id = s.seat_id
            WHERE h.user_id <> @UserId
              AND h.expires_at > SYSDATETIMEOFFSET()
        )
        BEGIN
            SELECT @Message = CONCAT(
                N'Someone else is holding some of these seats. [details: {"seat_ids": [',
                STRING_AGG(CONVERT(nvarchar(20), h.seat_id), N', ')
                    WITHIN GROUP (ORDER BY h.seat_id),
                N']}]')
            FROM @Seats AS s
            JOIN booking.seat_holds AS h
                ON h.performance_id = @PerformanceId
               AND h.seat_id = s.seat_id
            WHERE h.user_id <> @UserId
              AND h.expires_at > SYSDATETIMEOFFSET();

            THROW 50030, @Message, 1;
        END;

        IF (
            SELECT COUNT(*)
            FROM @Seats AS s
            JOIN catalog.seats AS st ON st.seat_id = s.seat_id
            JOIN catalog.performance_prices AS pp
                ON pp.section_id = st.section_id
               AND pp.performance_id = @PerformanceId
        ) <> @SeatCount
            THROW 50005, N'Some of these seats are not on sale for this performance.', 1;

        -- Seats still held keep their expiry; a fresh group starts a new one.
        SELECT @Expires = MIN(h.expires_at)
        FROM booking.seat_holds AS h
        JOIN @Seats AS s ON s.seat_id = h.seat_id
        WHERE h.performance_id = @PerformanceId
          AND h.user_id = @UserId
          AND h.expires_at > SYSDATETIMEOFFSET();

        SET @Expires = COALESCE(@Expires, DATEADD(minute, @Minutes, SYSDATETIMEOFFSET()));

        DELETE h
        FROM booking.seat_holds AS h
        WHERE h.performance_id = @PerformanceId
          AND h.user_id = @UserId
          AND NOT EXISTS (SELECT 1 FROM @Seats AS s WHERE s.seat_id = h.seat_id);

        -- An expired hold of anyone on a requested seat is overwritten.
        UPDATE h
        SET h.user_id = @UserId, h.held_at = SYSDATETIMEOFFSET(), h.expires_at = @Expires
        FROM booking.seat_holds AS h
        JOIN @Seats AS s ON s.seat_id = h.seat_id
        WHERE h.performance_id = @PerformanceId;

        INSERT INTO booking.seat_holds
            (performance_id, venue_id, seat_id, user_id, held_at, expires_at)
        SELECT @PerformanceId, @VenueId, s.seat_id, @UserId, SYSDATETIMEOFFSET(), @Expires
        FROM @Seats AS s
        WHERE NOT EXISTS (
            SELECT 1
            FROM booking.seat_holds AS h
            WHERE h.performance_id = @PerformanceId
              AND h.seat_id = s.seat_id
        )
        ORDER BY s.seat_id;

        -- Open seat maps learn of the change (booking.record_change).
        EXEC booking.record_change @PerformanceId = @PerformanceId;

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

    SELECT
        h.seat_id,
        h.expires_at,
        CASE
            WHEN h.expires_at <= SYSDATETIMEOFFSET() THEN 0
            ELSE CONVERT(int, CEILING(
                DATEDIFF_BIG(millisecond, SYSDATETIMEOFFSET(), h.expires_at) / 1000.0))
        END AS seconds_left
    FROM booking.seat_holds AS h
    WHERE h.performance_id = @PerformanceId
      AND h.user_id = @UserId
    ORDER BY h.seat_id;
END;
GO

DECLARE @Description sql_variant =
    N'Makes a user''s holds on a performance exactly the given seats, '
    + N'for a few minutes of database time.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'hold_seats', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'hold_seats';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'hold_seats';
GO
