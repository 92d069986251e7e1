-- tSQLt tests of booking.book_seats and booking.cancel_booking.
-- SetUp fakes the tables the procedures touch and fills them with one
-- Vienna hall (seats 101 to 104, Stalls), a seat of a London venue (201),
-- and three performances: 1000 next week, 1001 last week, 1002 cancelled.
-- Tests that expect an error are NoTransaction tests: a procedure that
-- throws under XACT_ABORT ON rolls back every open transaction, tSQLt's
-- own included. tSQLt undoes the fake tables after each of them.
EXEC tSQLt.NewTestClass N'booking_tests';
GO

CREATE PROCEDURE booking_tests.SetUp
AS
BEGIN
    EXEC tSQLt.FakeTable @TableName = N'account.users';
    EXEC tSQLt.FakeTable @TableName = N'catalog.venues';
    EXEC tSQLt.FakeTable @TableName = N'catalog.sections';
    EXEC tSQLt.FakeTable @TableName = N'catalog.seats';
    EXEC tSQLt.FakeTable @TableName = N'catalog.shows';
    EXEC tSQLt.FakeTable @TableName = N'catalog.performances';
    EXEC tSQLt.FakeTable @TableName = N'catalog.performance_prices';
    EXEC tSQLt.FakeTable @TableName = N'booking.bookings', @Identity = 1, @Defaults = 1;
    EXEC tSQLt.FakeTable @TableName = N'booking.booked_seats', @Defaults = 1;
    EXEC tSQLt.FakeTable @TableName = N'booking.seat_holds', @Defaults = 1;
    EXEC tSQLt.FakeTable @TableName = N'booking.performance_versions', @Defaults = 1;

    INSERT INTO account.users (user_id, username, email, display_name, password_hash)
    VALUES
        (1, N'ana', N'ana@example.com', N'Ana', N'$2b$04$not-a-real-hash-but-long-enough'),
        (2, N'ben', N'ben@example.com', N'Ben', N'$2b$04$not-a-real-hash-but-long-enough');

    INSERT INTO catalog.venues (venue_id, name, city, address, time_zone, currency)
    VALUES
        (1, N'Test Hall', N'Vienna', N'1 Stage Street', N'Europe/Vienna', N'EUR'),
        (2, N'Other Place', N'London', N'2 Stage Street', N'Europe/London', N'GBP');

    INSERT INTO catalog.sections (section_id, venue_id, name, sort_order)
    VALUES (10, 1, N'Stalls', 1), (20, 2, N'Main', 1);

    INSERT INTO catalog.seats (seat_id, venue_id, section_id, row_label, seat_number, x, y)
    VALUES
        (101, 1, 10, N'A', 1, -1.5, 1),
        (102, 1, 10, N'A', 2, -0.5, 1),
        (103, 1, 10, N'A', 3, 0.5, 1),
        (104, 1, 10, N'A', 4, 1.5, 1),
        (201, 2, 20, N'A', 1, 0, 1);

    INSERT INTO catalog.shows (show_id, title, description, genre_id, duration_minutes, director)
    VALUES (1, N'Hamlet', N'Hamlet, as never seen before.', 1, 150, N'Ada Director');

    INSERT INTO catalog.performances (performance_id, show_id, venue_id, starts_at, status)
    VALUES
        (1000, 1, 1, DATEADD(DAY, 7, SYSDATETIMEOFFSET()), N'scheduled'),
        (1001, 1, 1, DATEADD(DAY, -7, SYSDATETIMEOFFSET()), N'scheduled'),
        (1002, 1, 1, DATEADD(DAY, 10, SYSDATETIMEOFFSET()), N'cancelled');

    INSERT INTO catalog.performance_prices (performance_id, section_id, price_cents)
    VALUES (1000, 10, 4000), (1001, 10, 4000), (1002, 10, 4000);
END;
GO

CREATE PROCEDURE booking_tests.[test booking two seats returns the confirmed booking with its price]
AS
BEGIN
    CREATE TABLE #Booking (
        booking_id bigint,
        user_id bigint,
        performance_id bigint,
        status nvarchar(20),
        created_at datetimeoffset(6),
        cancelled_at datetimeoffset(6),
        total_cents int,
        currency nvarchar(3),
        seat_count int,
        title nvarchar(200),
        venue_name nvarchar(200),
        city nvarchar(100),
        time_zone nvarchar(64),
        starts_at datetimeoffset(6),
        local_starts_at datetime2(6),
        cancellable bit,
        seats nvarchar(max),
        duration_minutes int
    );

    INSERT INTO #Booking
    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[102, 101]';

    SELECT b.status, b.seat_count, b.total_cents, b.currency, b.cancellable, b.duration_minutes
    INTO #Actual
    FROM #Booking AS b;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (N'confirmed', 2, 8000, N'EUR', 1, 150);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';

    DECLARE @FirstSeat bigint = (
        SELECT JSON_VALUE(b.seats, N'$[0].seat_id') FROM #Booking AS b
    );
    EXEC tSQLt.AssertEquals @Expected = 101, @Actual = @FirstSeat;
END;
GO

CREATE PROCEDURE booking_tests.[test booked seats are stored once each and active]
AS
BEGIN
    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[101, 102]';

    SELECT bs.seat_id, bs.venue_id, bs.price_cents, bs.is_active
    INTO #Actual
    FROM booking.booked_seats AS bs;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (101, 1, 4000, 1), (102, 1, 4000, 1);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test a seat taken by someone else is refused with 50009]
AS
BEGIN
    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[103]';

    EXEC tSQLt.ExpectException
        @ExpectedErrorNumber = 50009,
        -- [[] is a literal [ in a LIKE pattern.
        @ExpectedMessagePattern = N'Already taken: Stalls A-3. [[]details: {"seat_ids": [[]103]}]',
        @Message = N'the message names the seat and carries its id';

    EXEC booking.book_seats @UserId = 2, @PerformanceId = 1000, @SeatIds = N'[103]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test a refused group books none of its seats]
AS
BEGIN
    DECLARE @ErrorNumber int;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[104]';

    BEGIN TRY
        EXEC booking.book_seats @UserId = 2, @PerformanceId = 1000, @SeatIds = N'[101, 104]';
    END TRY
    BEGIN CATCH
        SET @ErrorNumber = ERROR_NUMBER();
    END CATCH;

    EXEC tSQLt.AssertEquals @Expected = 50009, @Actual = @ErrorNumber;

    SELECT b.user_id, bs.seat_id
    INTO #Actual
    FROM booking.booked_seats AS bs
    JOIN booking.bookings AS b ON b.booking_id = bs.booking_id;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (1, 104);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE booking_tests.[test cancelling frees the seats for someone else]
AS
BEGIN
    DECLARE @BookingId bigint;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[102]';
    SET @BookingId = (SELECT b.booking_id FROM booking.bookings AS b WHERE b.user_id = 1);

    EXEC booking.cancel_booking @UserId = 1, @BookingId = @BookingId;
    EXEC booking.book_seats @UserId = 2, @PerformanceId = 1000, @SeatIds = N'[102]';

    SELECT
        b.user_id,
        b.status,
        bs.is_active,
        CONVERT(bit, IIF(b.cancelled_at IS NULL, 0, 1)) AS has_cancelled_at
    INTO #Actual
    FROM booking.booked_seats AS bs
    JOIN booking.bookings AS b ON b.booking_id = bs.booking_id
    WHERE bs.seat_id = 102;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (1, N'cancelled', 0, 1), (2, N'confirmed', 1, 0);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test cancelling a booking twice is refused with 50011]
AS
BEGIN
    DECLARE @BookingId bigint;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[101]';
    SET @BookingId = (SELECT b.booking_id FROM booking.bookings AS b WHERE b.user_id = 1);
    EXEC booking.cancel_booking @UserId = 1, @BookingId = @BookingId;

    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50011;

    EXEC booking.cancel_booking @UserId = 1, @BookingId = @BookingId;
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test cancelling a booking of another user is refused with 50010]
AS
BEGIN
    DECLARE @BookingId bigint;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[101]';
    SET @BookingId = (SELECT b.booking_id FROM booking.bookings AS b WHERE b.user_id = 1);

    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50010;

    EXEC booking.cancel_booking @UserId = 2, @BookingId = @BookingId;
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test an empty seat list is refused with 50006]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50006;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test eleven seats are refused with 50006]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50006;

    EXEC booking.book_seats
        @UserId = 1,
        @PerformanceId = 1000,
        @SeatIds = N'[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test the same seat twice is refused with 50007]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50007;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[101, 101]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test a seat of another venue is refused with 50008]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50008;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[101, 201]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test seat ids that are not whole numbers are refused with 50001]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50001;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[101.5]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test seat ids that are not a list are refused with 50001]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50001;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'{"seat_id": 101}';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test an unknown performance is refused with 50004]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50004;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 424242, @SeatIds = N'[101]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test a past performance is refused with 50005]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50005;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1001, @SeatIds = N'[101]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test a cancelled performance is refused with 50005]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50005;

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1002, @SeatIds = N'[101]';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE booking_tests.[test an unknown user is refused with 50012]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50012;

    EXEC booking.book_seats @UserId = 99, @PerformanceId = 1000, @SeatIds = N'[101]';
END;
GO
