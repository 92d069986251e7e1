-- tSQLt tests of what the tables themselves guarantee, on the real tables:
-- each test writes inside tSQLt's transaction, which is rolled back.
-- SetUp adds one venue, seat, show, performance and two bookings.
EXEC tSQLt.NewTestClass N'schema_tests';
GO

CREATE PROCEDURE schema_tests.SetUp
AS
BEGIN
    DECLARE @Ids TABLE (name nvarchar(20) NOT NULL PRIMARY KEY, id bigint NOT NULL);

    INSERT INTO account.users (username, email, display_name, password_hash)
    OUTPUT N'user', inserted.user_id INTO @Ids (name, id)
    VALUES (
        N'schema_test', N'schema_test@example.com', N'Schema',
        N'$2b$04$not-a-real-hash-but-long-enough'
    );

    INSERT INTO catalog.genres (name)
    OUTPUT N'genre', inserted.genre_id INTO @Ids (name, id)
    VALUES (N'Schema test genre');

    INSERT INTO catalog.venues (name, city, address, time_zone, currency)
    OUTPUT N'venue', inserted.venue_id INTO @Ids (name, id)
    VALUES (N'Schema Test Hall', N'Vienna', N'1 Stage Street', N'Europe/Vienna', N'EUR');

    INSERT INTO catalog.sections (venue_id, name, sort_order)
    OUTPUT N'section', inserted.section_id INTO @Ids (name, id)
    SELECT i.id, N'Stalls', 1 FROM @Ids AS i WHERE i.name = N'venue';

    INSERT INTO catalog.seats (venue_id, section_id, row_label, seat_number, x, y)
    OUTPUT N'seat', inserted.seat_id INTO @Ids (name, id)
    SELECT v.id, s.id, N'A', 1, 0, 1
    FROM @Ids AS v CROSS JOIN @Ids AS s
    WHERE v.name = N'venue' AND s.name = N'section';

    INSERT INTO catalog.shows (title, description, genre_id, duration_minutes, director)
    OUTPUT N'show', inserted.show_id INTO @Ids (name, id)
    SELECT N'Schema Test', N'A test show.', i.id, 90, N'Ada Director'
    FROM @Ids AS i WHERE i.name = N'genre';

    INSERT INTO catalog.performances (show_id, venue_id, starts_at)
    OUTPUT N'performance', inserted.performance_id INTO @Ids (name, id)
    SELECT s.id, v.id, DATEADD(DAY, 7, SYSDATETIMEOFFSET())
    FROM @Ids AS s CROSS JOIN @Ids AS v
    WHERE s.name = N'show' AND v.name = N'venue';

    INSERT INTO booking.bookings (user_id, performance_id, seat_count, total_cents)
    OUTPUT N'booking ' + CONVERT(nvarchar(20), inserted.booking_id), inserted.booking_id
        INTO @Ids (name, id)
    SELECT u.id, p.id, 1, 0
    FROM @Ids AS u CROSS JOIN @Ids AS p CROSS JOIN (VALUES (1), (2)) AS two (n)
    WHERE u.name = N'user' AND p.name = N'performance';

    SELECT
        b.id AS booking_id,
        p.id AS performance_id,
        v.id AS venue_id,
        s.id AS seat_id
    INTO schema_tests.world
    FROM @Ids AS b
    CROSS JOIN @Ids AS p
    CROSS JOIN @Ids AS v
    CROSS JOIN @Ids AS s
    WHERE b.name LIKE N'booking %'
      AND p.name = N'performance'
      AND v.name = N'venue'
      AND s.name = N'seat';
END;
GO

CREATE PROCEDURE schema_tests.[test a second active copy of a seat is refused by the unique index]
AS
BEGIN
    INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, seat_id, price_cents)
    SELECT TOP (1) w.booking_id, w.performance_id, w.venue_id, w.seat_id, 0
    FROM schema_tests.world AS w
    ORDER BY w.booking_id;

    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 2601;

    INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, seat_id, price_cents)
    SELECT TOP (1) w.booking_id, w.performance_id, w.venue_id, w.seat_id, 0
    FROM schema_tests.world AS w
    ORDER BY w.booking_id DESC;
END;
GO

CREATE PROCEDURE schema_tests.[test a cancelled copy of a seat does not block a new booking]
AS
BEGIN
    INSERT INTO booking.booked_seats
        (booking_id, performance_id, venue_id, seat_id, price_cents, is_active)
    SELECT TOP (1) w.booking_id, w.performance_id, w.venue_id, w.seat_id, 0, 0
    FROM schema_tests.world AS w
    ORDER BY w.booking_id;

    EXEC tSQLt.ExpectNoException;

    INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, seat_id, price_cents)
    SELECT TOP (1) w.booking_id, w.performance_id, w.venue_id, w.seat_id, 0
    FROM schema_tests.world AS w
    ORDER BY w.booking_id DESC;
END;
GO

CREATE PROCEDURE schema_tests.[test a seat of another venue cannot be stored against a performance]
AS
BEGIN
    DECLARE @OtherVenue bigint;

    INSERT INTO catalog.venues (name, city, address, time_zone, currency)
    VALUES (N'Schema Other Place', N'London', N'2 Stage Street', N'Europe/London', N'GBP');
    SET @OtherVenue = SCOPE_IDENTITY();

    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 547;

    INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, seat_id, price_cents)
    SELECT TOP (1) w.booking_id, w.performance_id, @OtherVenue, w.seat_id, 0
    FROM schema_tests.world AS w;
END;
GO

CREATE PROCEDURE schema_tests.[test a venue in a time zone without a windows name is refused]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 547;

    INSERT INTO catalog.venues (name, city, address, time_zone, currency)
    VALUES (N'Schema Far Away', N'Nowhere', N'3 Stage Street', N'Antarctica/Troll', N'EUR');
END;
GO

CREATE PROCEDURE schema_tests.[test a venue city with a space after it is refused]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 547,
        @ExpectedMessagePattern = N'%venues_city_trimmed%';

    UPDATE catalog.venues SET city = N'Vienna ' WHERE name = N'Schema Test Hall';
END;
GO

CREATE PROCEDURE schema_tests.[test a venue city with a space before it is refused]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 547,
        @ExpectedMessagePattern = N'%venues_city_trimmed%';

    UPDATE catalog.venues SET city = N' Vienna' WHERE name = N'Schema Test Hall';
END;
GO

CREATE PROCEDURE schema_tests.[test a venue city ending in a no-break space is refused]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 547,
        @ExpectedMessagePattern = N'%venues_city_trimmed%';

    UPDATE catalog.venues SET city = N'Vienna' + NCHAR(160) WHERE name = N'Schema Test Hall';
END;
GO

CREATE PROCEDURE schema_tests.[test a venue city may have spaces inside it]
AS
BEGIN
    UPDATE catalog.venues SET city = N'New  York' WHERE name = N'Schema Test Hall';

    DECLARE @City nvarchar(100) = (
        SELECT v.city FROM catalog.venues AS v WHERE v.name = N'Schema Test Hall'
    );
    EXEC tSQLt.AssertEqualsString @Expected = N'New  York', @Actual = @City;
END;
GO

CREATE PROCEDURE schema_tests.[test usernames are unique whatever their case]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 2601;

    INSERT INTO account.users (username, email, display_name, password_hash)
    VALUES (
        N'SCHEMA_TEST', N'other@example.com', N'Other',
        N'$2b$04$not-a-real-hash-but-long-enough'
    );
END;
GO
