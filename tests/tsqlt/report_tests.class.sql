-- tSQLt tests of the report views. SetUp fakes a small catalogue: one
-- 4-seat venue, an upcoming and a past performance, and three users.
EXEC tSQLt.NewTestClass N'report_tests';
GO

CREATE PROCEDURE report_tests.SetUp
AS
BEGIN
    EXEC tSQLt.FakeTable @TableName = N'catalog.genres';
    EXEC tSQLt.FakeTable @TableName = N'catalog.venues';
    EXEC tSQLt.FakeTable @TableName = N'catalog.seats';
    EXEC tSQLt.FakeTable @TableName = N'catalog.shows';
    EXEC tSQLt.FakeTable @TableName = N'catalog.performances';
    EXEC tSQLt.FakeTable @TableName = N'account.users';
    EXEC tSQLt.FakeTable @TableName = N'booking.bookings';
    EXEC tSQLt.FakeTable @TableName = N'booking.booked_seats';

    INSERT INTO catalog.genres (genre_id, name) VALUES (1, N'Drama');

    INSERT INTO catalog.venues (venue_id, name, city, address, time_zone, currency)
    VALUES (1, N'Test Hall', N'Vienna', N'1 Stage Street', N'Europe/Vienna', N'EUR');

    INSERT INTO catalog.seats (seat_id, venue_id, section_id, row_label, seat_number, x, y)
    VALUES (1, 1, 10, N'A', 1, 0, 1), (2, 1, 10, N'A', 2, 1, 1),
           (3, 1, 10, N'A', 3, 2, 1), (4, 1, 10, N'A', 4, 3, 1);

    INSERT INTO catalog.shows (show_id, title, description, genre_id, duration_minutes, director)
    VALUES (1, N'Hamlet', N'Hamlet, as never seen before.', 1, 150, N'Ada Director');

    INSERT INTO catalog.performances (performance_id, show_id, venue_id, starts_at, status)
    VALUES
        (100, 1, 1, DATEADD(DAY, 7, SYSDATETIMEOFFSET()), N'scheduled'),
        (101, 1, 1, DATEADD(DAY, -7, SYSDATETIMEOFFSET()), N'scheduled');

    INSERT INTO account.users (
        user_id, username, email, display_name, password_hash, ranking_opt_out)
    VALUES
        (1, N'alice', N'alice@example.com', N'Alice', N'x', 0),
        (2, N'bob', N'bob@example.com', N'Bob', N'x', 0),
        (3, N'carol', N'carol@example.com', N'Carol', N'x', 0);

    INSERT INTO booking.bookings (
        booking_id, user_id, performance_id, status, created_at, cancelled_at,
        seat_count, total_cents)
    VALUES
        (1, 1, 100, N'confirmed', SYSDATETIMEOFFSET(), NULL, 2, 8000),
        (2, 2, 100, N'confirmed', SYSDATETIMEOFFSET(), NULL, 1, 4000),
        (3, 2, 101, N'confirmed', DATEADD(DAY, -9, SYSDATETIMEOFFSET()), NULL, 1, 4000),
        (4, 3, 100, N'cancelled', SYSDATETIMEOFFSET(), SYSDATETIMEOFFSET(), 1, 4000);

    INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, seat_id,
        price_cents, is_active)
    VALUES
        (1, 100, 1, 1, 4000, 1), (1, 100, 1, 2, 4000, 1), (2, 100, 1, 3, 4000, 1),
        (3, 101, 1, 1, 4000, 1), (4, 100, 1, 4, 4000, 0);
END;
GO

CREATE PROCEDURE report_tests.[test upcoming performances count seats sold and left]
AS
BEGIN
    SELECT performance_id, capacity, seats_sold, seats_available, percent_sold
    INTO #Actual
    FROM report.upcoming_performances;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (100, 4, 3, 1, 75.0);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE report_tests.[test sales per day leave out cancelled bookings from takings]
AS
BEGIN
    SELECT bookings, tickets, revenue_cents, cancelled_bookings
    INTO #Actual
    FROM report.sales_per_day
    WHERE sale_date = CONVERT(date, SWITCHOFFSET(SYSDATETIMEOFFSET(), '+00:00'));

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (2, 3, 12000, 1);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE report_tests.[test occupancy covers only performances already played]
AS
BEGIN
    SELECT venue_name, genre, performances, seats_offered, seats_sold, percent_sold
    INTO #Actual
    FROM report.occupancy_by_venue_genre;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (N'Test Hall', N'Drama', 1, 4, 1, 25.0);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE report_tests.[test the ranking shares a rank on a tie and leaves out cancellations]
AS
BEGIN
    SELECT display_name, bookings, tickets, rank_by_bookings, rank_by_tickets
    INTO #Actual
    FROM report.user_ranking;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (N'Bob', 2, 2, 1, 1), (N'Alice', 1, 2, 2, 1);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO
