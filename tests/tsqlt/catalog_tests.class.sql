-- tSQLt tests of catalog.list_performances and the time zone mapping.
-- SetUp fakes the catalogue with two venues, two genres and performances:
-- two upcoming (one in London), one past, one cancelled, and two on
-- either side of Vienna's change to summer time in 2030.
EXEC tSQLt.NewTestClass N'catalog_tests';
GO

CREATE PROCEDURE catalog_tests.SetUp
AS
BEGIN
    EXEC tSQLt.FakeTable @TableName = N'catalog.genres';
    EXEC tSQLt.FakeTable @TableName = N'catalog.venues';
    EXEC tSQLt.FakeTable @TableName = N'catalog.sections';
    EXEC tSQLt.FakeTable @TableName = N'catalog.seats';
    EXEC tSQLt.FakeTable @TableName = N'catalog.shows';
    EXEC tSQLt.FakeTable @TableName = N'catalog.performances';
    EXEC tSQLt.FakeTable @TableName = N'catalog.performance_prices';
    EXEC tSQLt.FakeTable @TableName = N'booking.booked_seats', @Defaults = 1;
    EXEC tSQLt.FakeTable @TableName = N'booking.seat_holds', @Defaults = 1;

    INSERT INTO catalog.genres (genre_id, name) VALUES (1, N'Drama'), (2, N'Opera');

    INSERT INTO catalog.venues (venue_id, name, city, address, time_zone, currency)
    VALUES
        (1, N'Test Hall', N'Vienna', N'1 Stage Street', N'Europe/Vienna', N'EUR'),
        (2, N'Other Place', N'London', N'2 Stage Street', N'Europe/London', N'GBP');

    INSERT INTO catalog.sections (section_id, venue_id, name, sort_order)
    VALUES (10, 1, N'Stalls', 1), (20, 2, N'Main', 1);

    INSERT INTO catalog.seats (seat_id, venue_id, section_id, row_label, seat_number, x, y)
    VALUES
        (101, 1, 10, N'A', 1, 0, 1),
        (102, 1, 10, N'A', 2, 1, 1),
        (201, 2, 20, N'A', 1, 0, 1);

    INSERT INTO catalog.shows (show_id, title, description, genre_id, duration_minutes, director)
    VALUES
        (1, N'Hamlet', N'Hamlet, as never seen before.', 1, 150, N'Ada Director'),
        (2, N'Carmen', N'Carmen, as never seen before.', 2, 150, N'Ada Director');

    INSERT INTO catalog.performances (performance_id, show_id, venue_id, starts_at, status)
    VALUES
        (1000, 1, 1, DATEADD(DAY, 7, SYSDATETIMEOFFSET()), N'scheduled'),
        (1001, 1, 1, DATEADD(DAY, -7, SYSDATETIMEOFFSET()), N'scheduled'),
        (1002, 1, 1, DATEADD(DAY, 10, SYSDATETIMEOFFSET()), N'cancelled'),
        (1003, 2, 2, DATEADD(DAY, 3, SYSDATETIMEOFFSET()), N'scheduled'),
        (1004, 2, 1, '2030-03-30T18:30:00+00:00', N'scheduled'),
        (1005, 2, 1, '2030-03-31T17:30:00+00:00', N'scheduled');

    INSERT INTO catalog.performance_prices (performance_id, section_id, price_cents)
    VALUES (1000, 10, 4000), (1003, 20, 3000), (1004, 10, 2500), (1005, 10, 2500);
END;
GO

CREATE PROCEDURE catalog_tests.[test the list holds only upcoming scheduled performances]
AS
BEGIN
    -- A temporary table made in SetUp would be gone when SetUp returns.
    CREATE TABLE #List (
        performance_id bigint,
        show_id bigint,
        title nvarchar(200),
        genre_id bigint,
        genre nvarchar(100),
        venue_id bigint,
        venue_name nvarchar(200),
        city nvarchar(100),
        time_zone nvarchar(64),
        currency nvarchar(3),
        starts_at datetimeoffset(6),
        local_starts_at datetime2(6),
        duration_minutes int,
        capacity int,
        seats_available int,
        price_from_cents int,
        total_count bigint
    );

    INSERT INTO #List
    EXEC catalog.list_performances
        @Page = 1, @PageSize = 20, @Sort = N'starts_at', @Order = N'asc',
        @GenreId = NULL, @VenueId = NULL;

    SELECT l.performance_id, l.total_count INTO #Actual FROM #List AS l;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (1003, 4), (1000, 4), (1004, 4), (1005, 4);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE catalog_tests.[test the list counts seats left and the lowest price]
AS
BEGIN
    CREATE TABLE #List (
        performance_id bigint,
        show_id bigint,
        title nvarchar(200),
        genre_id bigint,
        genre nvarchar(100),
        venue_id bigint,
        venue_name nvarchar(200),
        city nvarchar(100),
        time_zone nvarchar(64),
        currency nvarchar(3),
        starts_at datetimeoffset(6),
        local_starts_at datetime2(6),
        duration_minutes int,
        capacity int,
        seats_available int,
        price_from_cents int,
        total_count bigint
    );

    INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, seat_id, price_cents)
    VALUES (1, 1000, 1, 101, 4000);

    INSERT INTO #List
    EXEC catalog.list_performances
        @Page = 1, @PageSize = 20, @Sort = N'starts_at', @Order = N'asc',
        @GenreId = 1, @VenueId = NULL;

    SELECT l.performance_id, l.capacity, l.seats_available, l.price_from_cents
    INTO #Actual
    FROM #List AS l;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (1000, 2, 1, 4000);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE catalog_tests.[test pages split the list and count the whole]
AS
BEGIN
    CREATE TABLE #List (
        performance_id bigint,
        show_id bigint,
        title nvarchar(200),
        genre_id bigint,
        genre nvarchar(100),
        venue_id bigint,
        venue_name nvarchar(200),
        city nvarchar(100),
        time_zone nvarchar(64),
        currency nvarchar(3),
        starts_at datetimeoffset(6),
        local_starts_at datetime2(6),
        duration_minutes int,
        capacity int,
        seats_available int,
        price_from_cents int,
        total_count bigint
    );

    INSERT INTO #List
    EXEC catalog.list_performances
        @Page = 2, @PageSize = 3, @Sort = N'title', @Order = N'desc',
        @GenreId = NULL, @VenueId = NULL;

    SELECT l.performance_id, l.total_count INTO #Actual FROM #List AS l;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (1005, 4);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE catalog_tests.[test local start time stays at half past seven when summer time begins]
AS
BEGIN
    CREATE TABLE #List (
        performance_id bigint,
        show_id bigint,
        title nvarchar(200),
        genre_id bigint,
        genre nvarchar(100),
        venue_id bigint,
        venue_name nvarchar(200),
        city nvarchar(100),
        time_zone nvarchar(64),
        currency nvarchar(3),
        starts_at datetimeoffset(6),
        local_starts_at datetime2(6),
        duration_minutes int,
        capacity int,
        seats_available int,
        price_from_cents int,
        total_count bigint
    );

    INSERT INTO #List
    EXEC catalog.list_performances
        @Page = 1, @PageSize = 20, @Sort = N'starts_at', @Order = N'asc',
        @GenreId = 2, @VenueId = 1;

    SELECT l.performance_id, l.local_starts_at INTO #Actual FROM #List AS l;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected
    VALUES (1004, '2030-03-30T19:30:00'), (1005, '2030-03-31T19:30:00');

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE catalog_tests.[test a sort order that is not known is refused with 50001]
AS
BEGIN
    EXEC tSQLt.ExpectException
        @ExpectedErrorNumber = 50001,
        @ExpectedMessagePattern = N'%"sort"%';

    EXEC catalog.list_performances
        @Page = 1, @PageSize = 20, @Sort = N'price; drop table x', @Order = N'asc',
        @GenreId = NULL, @VenueId = NULL;
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE catalog_tests.[test a page size over one hundred is refused with 50001]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50001;

    EXEC catalog.list_performances
        @Page = 1, @PageSize = 101, @Sort = N'starts_at', @Order = N'asc',
        @GenreId = NULL, @VenueId = NULL;
END;
GO

CREATE PROCEDURE catalog_tests.[test every mapped time zone is known to this server]
AS
BEGIN
    SELECT z.iana_name, z.windows_name
    INTO #Unknown
    FROM catalog.time_zone_names AS z
    WHERE NOT EXISTS (
        SELECT 1 FROM sys.time_zone_info AS t WHERE t.name = z.windows_name
    );

    EXEC tSQLt.AssertEmptyTable @TableName = N'#Unknown';
END;
GO
