-- tSQLt tests of seat holds and best seats: booking.hold_seats,
-- booking.list_holds, booking.hold_best_seats, and how holds meet
-- booking.book_seats, catalog.get_seat_map and catalog.get_seat_status_json.
-- SetUp fakes the tables the procedures touch and fills them with one
-- Vienna hall: Stalls row A, seats 101 to 106 (x -2.5 to 2.5), and one
-- performance next week (1000).
-- Tests that expect an error are NoTransaction tests: a procedure that
-- throws under XACT_ABORT ON rolls back every open transaction, tSQLt's
-- own included. tSQLt undoes the fake tables after each of them.
EXEC tSQLt.NewTestClass N'holds_tests';
GO

CREATE PROCEDURE holds_tests.SetUp
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
    EXEC tSQLt.FakeTable @TableName = N'booking.seat_counts';
    EXEC tSQLt.FakeTable @TableName = N'booking.hold_settings';

    INSERT INTO booking.hold_settings (setting_name, setting_value)
    VALUES (N'hold_minutes', 10), (N'max_held_seats', 10);

    INSERT INTO account.users (user_id, username, email, display_name, password_hash)
    VALUES
        (1, N'ana', N'ana@example.com', N'Ana', N'$2b$04$not-a-real-hash-but-long-enough'),
        (2, N'ben', N'ben@example.com', N'Ben', N'$2b$04$not-a-real-hash-but-long-enough');

    INSERT INTO catalog.venues (venue_id, name, city, address, time_zone, currency)
    VALUES (1, N'Test Hall', N'Vienna', N'1 Stage Street', N'Europe/Vienna', N'EUR');

    INSERT INTO catalog.sections (section_id, venue_id, name, sort_order)
    VALUES (10, 1, N'Stalls', 1);

    INSERT INTO catalog.seats (seat_id, venue_id, section_id, row_label, seat_number, x, y)
    VALUES
        (101, 1, 10, N'A', 1, -2.5, 1),
        (102, 1, 10, N'A', 2, -1.5, 1),
        (103, 1, 10, N'A', 3, -0.5, 1),
        (104, 1, 10, N'A', 4, 0.5, 1),
        (105, 1, 10, N'A', 5, 1.5, 1),
        (106, 1, 10, N'A', 6, 2.5, 1);

    INSERT INTO catalog.shows (show_id, title, description, genre_id, duration_minutes, director)
    VALUES (1, N'Hamlet', N'Hamlet, as never seen before.', 1, 150, N'Ada Director');

    INSERT INTO catalog.performances (performance_id, show_id, venue_id, starts_at, status)
    VALUES (1000, 1, 1, DATEADD(DAY, 7, SYSDATETIMEOFFSET()), N'scheduled');

    INSERT INTO catalog.performance_prices (performance_id, section_id, price_cents)
    VALUES (1000, 10, 4000);
END;
GO

CREATE PROCEDURE holds_tests.[test held seats show as held on the seat map with their holder]
AS
BEGIN
    CREATE TABLE #Holds (seat_id bigint, expires_at datetimeoffset(6), seconds_left int);
    CREATE TABLE #Map (
        seat_id bigint,
        venue_id bigint,
        section_id bigint,
        row_label nvarchar(5),
        seat_number int,
        x decimal(7, 2),
        y decimal(7, 2),
        is_accessible bit,
        is_companion bit,
        status nvarchar(20),
        held_by bigint
    );

    INSERT INTO #Holds
    EXEC booking.hold_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[103, 104]';

    INSERT INTO #Map
    EXEC catalog.get_seat_map @PerformanceId = 1000;

    DECLARE @Held int = (SELECT COUNT(*) FROM #Map WHERE status = N'held' AND held_by = 1);
    DECLARE @Shortest int = (SELECT MIN(seconds_left) FROM #Holds);

    EXEC tSQLt.AssertEquals @Expected = 2, @Actual = @Held;
    EXEC tSQLt.AssertEquals @Expected = 1, @Actual = CASE WHEN @Shortest BETWEEN 590 AND 600 THEN 1 ELSE 0 END;
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE holds_tests.[test a seat held by someone else cannot be booked: 50030]
AS
BEGIN
    CREATE TABLE #Holds (seat_id bigint, expires_at datetimeoffset(6), seconds_left int);

    INSERT INTO #Holds
    EXEC booking.hold_seats @UserId = 2, @PerformanceId = 1000, @SeatIds = N'[103]';

    EXEC tSQLt.ExpectException
        @ExpectedErrorNumber = 50030,
        @ExpectedMessagePattern = N'%[[]details: {"seat_ids": [[]103]}]',
        @Message = N'the message carries the held seat';

    EXEC booking.book_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[103]';
END;
GO

CREATE PROCEDURE holds_tests.[test an expired hold frees the seat for someone else]
AS
BEGIN
    INSERT INTO booking.seat_holds
        (performance_id, venue_id, seat_id, user_id, held_at, expires_at)
    VALUES (
        1000, 1, 103, 2,
        DATEADD(MINUTE, -20, SYSDATETIMEOFFSET()),
        DATEADD(MINUTE, -10, SYSDATETIMEOFFSET())
    );

    CREATE TABLE #Holds (seat_id bigint, expires_at datetimeoffset(6), seconds_left int);

    INSERT INTO #Holds
    EXEC booking.hold_seats @UserId = 1, @PerformanceId = 1000, @SeatIds = N'[103]';

    DECLARE @Holder bigint = (
        SELECT user_id FROM booking.seat_holds WHERE performance_id = 1000 AND seat_id = 103
    );

    EXEC tSQLt.AssertEquals @Expected = 1, @Actual = @Holder;
END;
GO

CREATE PROCEDURE holds_tests.[test the best pair is central and leaves no seat stranded]
AS
BEGIN
    -- With 101 booked, 103 and 104 sit on the centre line but would strand
    -- 102; 102 and 103 leave 104 to 106 together.
    INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, seat_id, price_cents)
    VALUES (1, 1000, 1, 101, 4000);

    CREATE TABLE #Best (
        seat_id bigint,
        section_id bigint,
        row_label nvarchar(5),
        seat_number int,
        price_cents int,
        expires_at datetimeoffset(6),
        seconds_left int,
        together bit
    );

    INSERT INTO #Best
    EXEC booking.hold_best_seats
        @UserId = 1, @PerformanceId = 1000, @SeatCount = 2,
        @SectionId = NULL, @Accessible = 0, @AllowSplit = 0;

    CREATE TABLE #Expected (seat_id bigint);
    INSERT INTO #Expected (seat_id) VALUES (102), (103);

    SELECT seat_id INTO #Actual FROM #Best;

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE holds_tests.[test more seats than are free is refused with 50034]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50034;

    EXEC booking.hold_best_seats
        @UserId = 1, @PerformanceId = 1000, @SeatCount = 7,
        @SectionId = NULL, @Accessible = 0, @AllowSplit = 0;
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE holds_tests.[test too few seats left by the kept counts is refused with 50034 and the free seats]
AS
BEGIN
    -- Four seats booked and 106 held by Ben: 105 is the one free seat.
    INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, seat_id, price_cents)
    VALUES (1, 1000, 1, 101, 4000), (1, 1000, 1, 102, 4000),
           (1, 1000, 1, 103, 4000), (1, 1000, 1, 104, 4000);
    INSERT INTO booking.seat_counts (performance_id, entry, capacity, booked)
    VALUES (1000, 0, 6, 4);
    INSERT INTO booking.seat_holds
        (performance_id, venue_id, seat_id, user_id, held_at, expires_at)
    VALUES (1000, 1, 106, 2, SYSDATETIMEOFFSET(), DATEADD(MINUTE, 5, SYSDATETIMEOFFSET()));

    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50034,
        @ExpectedMessagePattern = N'%"available": 1}%';

    EXEC booking.hold_best_seats
        @UserId = 1, @PerformanceId = 1000, @SeatCount = 2,
        @SectionId = NULL, @Accessible = 0, @AllowSplit = 1;
END;
GO

CREATE PROCEDURE holds_tests.[test the seat status lists booked and live held seats as the seat map does]
AS
BEGIN
    -- 104 booked, 102 booked and cancelled, 105 booked and under a stray live
    -- hold, 106 and 103 held, 101 held until ten minutes ago.
    INSERT INTO booking.booked_seats
        (booking_id, performance_id, venue_id, seat_id, price_cents, is_active)
    VALUES (1, 1000, 1, 104, 4000, 1), (2, 1000, 1, 102, 4000, 0), (3, 1000, 1, 105, 4000, 1);

    INSERT INTO booking.seat_holds
        (performance_id, venue_id, seat_id, user_id, held_at, expires_at)
    VALUES
        (1000, 1, 106, 2, SYSDATETIMEOFFSET(), DATEADD(MINUTE, 5, SYSDATETIMEOFFSET())),
        (1000, 1, 103, 2, SYSDATETIMEOFFSET(), DATEADD(MINUTE, 5, SYSDATETIMEOFFSET())),
        (1000, 1, 105, 2, SYSDATETIMEOFFSET(), DATEADD(MINUTE, 5, SYSDATETIMEOFFSET())),
        (1000, 1, 101, 2,
         DATEADD(MINUTE, -20, SYSDATETIMEOFFSET()), DATEADD(MINUTE, -10, SYSDATETIMEOFFSET()));

    CREATE TABLE #Status (seat_status nvarchar(max));
    CREATE TABLE #Map (
        seat_id bigint,
        venue_id bigint,
        section_id bigint,
        row_label nvarchar(5),
        seat_number int,
        x decimal(7, 2),
        y decimal(7, 2),
        is_accessible bit,
        is_companion bit,
        status nvarchar(20),
        held_by bigint
    );

    INSERT INTO #Status
    EXEC catalog.get_seat_status_json @PerformanceId = 1000;

    INSERT INTO #Map
    EXEC catalog.get_seat_map @PerformanceId = 1000;

    DECLARE @Status nvarchar(max) = (SELECT seat_status FROM #Status);
    DECLARE @FromMap nvarchar(max) = (
        SELECT
            N'{"performance_id":1000,"booked":['
            + STRING_AGG(CASE WHEN m.status = N'booked' THEN CONVERT(nvarchar(20), m.seat_id) END, N',')
                WITHIN GROUP (ORDER BY m.seat_id)
            + N'],"held":['
            + STRING_AGG(CASE WHEN m.status = N'held' THEN CONVERT(nvarchar(20), m.seat_id) END, N',')
                WITHIN GROUP (ORDER BY m.seat_id)
            + N']}'
        FROM #Map AS m
    );

    EXEC tSQLt.AssertEqualsString
        @Expected = N'{"performance_id":1000,"booked":[104,105],"held":[103,106]}',
        @Actual = @Status;
    EXEC tSQLt.AssertEqualsString @Expected = @FromMap, @Actual = @Status;
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE holds_tests.[test the seat status of an unknown performance is refused with 50004]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50004;

    EXEC catalog.get_seat_status_json @PerformanceId = 424242;
END;
GO
