-- Books seats of one performance for one user, all or nothing.
-- @SeatIds: JSON text, an array of 1 to 10 distinct seat ids (the
-- PostgreSQL twin takes jsonb).
-- Each requested seat of the performance is locked (booking.lock_seats), so
-- two buyers racing for a seat cannot both win, while bookings of different
-- seats commit side by side; the filtered unique index on active booked
-- seats stays the last line of defence, and its violation is reported as
-- seat_taken.
-- Throws validation_failed (50001), performance_not_found (50004),
-- performance_not_on_sale (50005), seat_count_out_of_range (50006),
-- duplicate_seat (50007), seat_not_in_venue (50008), seat_taken (50009),
-- user_not_found (50012), seat_held (50030, someone else holds a seat),
-- hold_lost (50031, the user's own hold ran out and the seat was booked).
-- seat_taken, seat_held and hold_lost end their message with
-- [details: {"seat_ids": [...]}] naming the seats. The user's own holds
-- never block them; the booked seats' holds end, and the performance's
-- change version is bumped with the booking.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.book_seats
    @UserId bigint,
    @PerformanceId bigint,
    @SeatIds nvarchar(max)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Requested TABLE (position int NOT NULL PRIMARY KEY, seat_id bigint NOT NULL);
    DECLARE @Seats TABLE (seat_id bigint NOT NULL PRIMARY KEY);
    DECLARE @Taken TABLE (seat_id bigint NOT NULL PRIMARY KEY);
    DECLARE @Held TABLE (seat_id bigint NOT NULL PRIMARY KEY);
    DECLARE @Created TABLE (booking_id bigint NOT NULL);
    DECLARE @IsArray bit = 0;
    DECLARE @SeatCount int;
    DECLARE @VenueId bigint;
    DECLARE @Status nvarchar(20);
    DECLARE @StartsAt datetimeoffset(6);
    DECLARE @Priced int;
    DECLARE @BookingId bigint;
    DECLARE @Labels nvarchar(max);
    DECLARE @Message nvarchar(2048);

    -- Validate everything that needs no lock first.

    -- Wrapping the text in [ ] lets OPENJSON report the type of the value
    -- itself (4 is an array). OPENJSON only runs on valid JSON: T-SQL does
    -- not promise to short-circuit an OR.
    IF ISJSON(@SeatIds) = 1
        SELECT @IsArray = CASE WHEN j.[type] = 4 THEN 1 ELSE 0 END
        FROM OPENJSON(N'[' + @SeatIds + N']') AS j
        WHERE j.[key] = N'0';

    IF @IsArray = 0
        THROW 50001, N'seat_ids must be a list of seat ids. [details: {"fields": {"seat_ids": "invalid"}}]', 1;

    -- Type 2 is a number; its text must be a whole number of at most 18 digits.
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

    IF @SeatCount NOT BETWEEN 1 AND 10
        THROW 50006, N'A booking has between 1 and 10 seats.', 1;

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

        IF (
            SELECT COUNT(*)
            FROM catalog.seats AS st
            JOIN @Seats AS s ON s.seat_id = st.seat_id
            WHERE st.venue_id = @VenueId
        ) <> @SeatCount
            THROW 50008, N'A seat does not belong to this performance''s venue.', 1;

        -- Lock the requested seats of this performance, in a fixed order:
        -- two buyers racing for a seat go one after the other, while
        -- bookings of other seats commit side by side.
        EXEC booking.lock_seats @PerformanceId = @PerformanceId, @SeatIds = @SeatIds;

        -- The requested seats' active rows as last committed (the seat locks
        -- above make that final), even under read committed snapshot.
        INSERT INTO @Taken (seat_id)
        SELECT bs.seat_id
        FROM @Seats AS s
        JOIN booking.booked_seats AS bs WITH (READCOMMITTEDLOCK)
            ON bs.performance_id = @PerformanceId
           AND bs.seat_id = s.seat_id
           AND bs.is_active = 1
        ORDER BY s.seat_id;

        -- A seat this user held, whose hold ran out and was booked since.
        IF EXISTS (
            SELECT 1
            FROM @Taken AS t
            JOIN booking.seat_holds AS h
                ON h.performance_id = @PerformanceId
               AND h.seat_id = t.seat_id
               AND h.user_id = @UserId
        )
        BEGIN
            SELECT @Message = CONCAT(
                N'Your hold ran out and someone else booked some of the seats. '
                + N'[details: {"seat_ids": [',
                STRING_AGG(CONVERT(nvarchar(20), t.seat_id), N', ')
                    WITHIN GROUP (ORDER BY t.seat_id),
                N']}]')
            FROM @Taken AS t
            JOIN booking.seat_holds AS h
                ON h.performance_id = @PerformanceId
               AND h.seat_id = t.seat_id
               AND h.user_id = @UserId;

            THROW 50031, @Message, 1;
        END;

        IF EXISTS (SELECT 1 FROM @Taken)
        BEGIN
            SELECT @Labels = STRING_AGG(
                CONCAT(sc.name, N' ', st.row_label, N'-', st.seat_number), N', ')
                WITHIN GROUP (ORDER BY sc.sort_order, st.row_label, st.seat_number)
            FROM @Taken AS t
            JOIN catalog.seats AS st ON st.seat_id = t.seat_id
            JOIN catalog.sections AS sc ON sc.section_id = st.section_id;

            SELECT @Message = CONCAT(
                N'Already taken: ', @Labels, N'. [details: {"seat_ids": [',
                STRING_AGG(CONVERT(nvarchar(20), t.seat_id), N', ')
                    WITHIN GROUP (ORDER BY t.seat_id),
                N']}]')
            FROM @Taken AS t;

            THROW 50009, @Message, 1;
        END;

        -- Holds of other users that have not run out by database time.
        INSERT INTO @Held (seat_id)
        SELECT h.seat_id
        FROM @Seats AS s
        JOIN booking.seat_holds AS h
            ON h.performance_id = @PerformanceId
           AND h.seat_id = s.seat_id
        WHERE h.user_id <> @UserId
          AND h.expires_at > SYSDATETIMEOFFSET();

        IF EXISTS (SELECT 1 FROM @Held)
        BEGIN
            SELECT @Message = CONCAT(
                N'Someone else is holding some of these seats. [details: {"seat_ids": [',
                STRING_AGG(CONVERT(nvarchar(20), h.seat_id), N', ')
                    WITHIN GROUP (ORDER BY h.seat_id),
                N']}]')
            FROM @Held AS h;

            THROW 50030, @Message, 1;
        END;

        SELECT @Priced = COUNT(*)
        FROM @Seats AS s
        JOIN catalog.seats AS st ON st.seat_id = s.seat_id
        JOIN catalog.performance_prices AS pp
            ON pp.section_id = st.section_id
           AND pp.performance_id = @PerformanceId;

        IF @Priced <> @SeatCount
            THROW 50005, N'Some of these seats are not on sale for this performance.', 1;

        INSERT INTO booking.bookings (user_id, performance_id, seat_count, total_cents)
        OUTPUT inserted.booking_id INTO @Created (booking_id)
        SELECT @UserId, @PerformanceId, COUNT(*), SUM(pp.price_cents)
        FROM @Seats AS s
        JOIN catalog.seats AS st ON st.seat_id = s.seat_id
        JOIN catalog.performance_prices AS pp
            ON pp.section_id = st.section_id
           AND pp.performance_id = @PerformanceId;

        SET @BookingId = (SELECT c.booking_id FROM @Created AS c);

        INSERT INTO booking.booked_seats
            (booking_id, performance_id, venue_id, seat_id, price_cents)
        SELECT @BookingId, @PerformanceId, @VenueId, st.seat_id, pp.price_cents
        FROM @Seats AS s
        JOIN catalog.seats AS st ON st.seat_id = s.seat_id
        JOIN catalog.performance_prices AS pp
            ON pp.section_id = st.section_id
           AND pp.performance_id = @PerformanceId
        ORDER BY st.seat_id;

        -- The user's holds on these seats end. Someone else's expired hold
        -- on one stays, so its owner can be told it was lost.
        DELETE h
        FROM booking.seat_holds AS h
        JOIN @Seats AS s ON s.seat_id = h.seat_id
        WHERE h.performance_id = @PerformanceId
          AND h.user_id = @UserId;

        -- Open seat maps learn of the change (booking.record_change).
        EXEC booking.record_change @PerformanceId = @PerformanceId;

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;

        -- Only reachable if the lock above were bypassed; the index held.
        -- Table variables outlive the rollback, so the seats can be named.
        IF ERROR_NUMBER() IN (2601, 2627)
        BEGIN
            SELECT @Message = CONCAT(
                N'Some seats are already taken. [details: {"seat_ids": [',
                STRING_AGG(CONVERT(nvarchar(20), s.seat_id), N', ')
                    WITHIN GROUP (ORDER BY s.seat_id),
                N']}]')
            FROM @Seats AS s;

            THROW 50009, @Message, 1;
        END;

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
    N'Books 1 to 10 seats of a performance for a user, all or nothing; '
    + N'throws seat_taken naming the seats.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'book_seats', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'book_seats';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'book_seats';
GO
