-- tSQLt tests of search, similar shows, rankings, booking patterns and the
-- profile procedures. SetUp fakes a small catalogue: two venues, three
-- shows in two genres (one with an accented title), upcoming and past
-- performances, three users and their bookings.
EXEC tSQLt.NewTestClass N'discovery_tests';
GO

CREATE PROCEDURE discovery_tests.SetUp
AS
BEGIN
    EXEC tSQLt.FakeTable @TableName = N'catalog.genres';
    EXEC tSQLt.FakeTable @TableName = N'catalog.venues';
    EXEC tSQLt.FakeTable @TableName = N'catalog.seats';
    EXEC tSQLt.FakeTable @TableName = N'catalog.shows';
    EXEC tSQLt.FakeTable @TableName = N'catalog.show_cast';
    EXEC tSQLt.FakeTable @TableName = N'catalog.performances';
    EXEC tSQLt.FakeTable @TableName = N'catalog.performance_prices';
    EXEC tSQLt.FakeTable @TableName = N'account.users';
    EXEC tSQLt.FakeTable @TableName = N'account.sessions';
    EXEC tSQLt.FakeTable @TableName = N'booking.bookings';
    EXEC tSQLt.FakeTable @TableName = N'booking.booked_seats';

    INSERT INTO catalog.genres (genre_id, name) VALUES (1, N'Drama'), (2, N'Opera');

    INSERT INTO catalog.venues (venue_id, name, city, address, time_zone, currency)
    VALUES
        (1, N'Test Hall', N'Vienna', N'1 Stage Street', N'Europe/Vienna', N'EUR'),
        (2, N'Other Place', N'London', N'2 Stage Street', N'Europe/London', N'GBP');

    INSERT INTO catalog.seats (seat_id, venue_id, section_id, row_label, seat_number, x, y)
    VALUES (1, 1, 10, N'A', 1, 0, 1), (2, 1, 10, N'A', 2, 1, 1), (3, 2, 20, N'A', 1, 0, 1);

    INSERT INTO catalog.shows (show_id, title, description, genre_id, duration_minutes, director)
    VALUES
        (1, N'Hamlet', N'A prince at home.', 1, 150, N'Ada Director'),
        (2, N'La bohème', N'Poets in Paris.', 2, 120, N'Bo Director'),
        (3, N'Tosca', N'A singer in Rome.', 2, 120, N'Cy Director');

    INSERT INTO catalog.show_cast (show_id, billing_order, person_name, role_name)
    VALUES (1, 1, N'Zoë Lead', N'Hamlet'), (2, 1, N'Mimì Singer', N'Mimì');

    INSERT INTO catalog.performances (performance_id, show_id, venue_id, starts_at, status)
    VALUES
        (100, 1, 1, DATEADD(DAY, 7, SYSDATETIMEOFFSET()), N'scheduled'),
        (101, 1, 1, DATEADD(DAY, -7, SYSDATETIMEOFFSET()), N'scheduled'),
        (200, 2, 2, DATEADD(DAY, 3, SYSDATETIMEOFFSET()), N'scheduled'),
        (300, 3, 1, DATEADD(DAY, 5, SYSDATETIMEOFFSET()), N'scheduled'),
        (301, 3, 1, DATEADD(DAY, -5, SYSDATETIMEOFFSET()), N'scheduled');

    INSERT INTO catalog.performance_prices (performance_id, section_id, price_cents)
    VALUES (100, 10, 4000), (101, 10, 4000), (200, 20, 3000), (300, 10, 5000), (301, 10, 5000);

    INSERT INTO account.users (
        user_id, username, email, display_name, password_hash, created_at, ranking_opt_out)
    VALUES
        (1, N'alice', N'alice@example.com', N'Alice', N'$2b$04$aaaaaaaaaaaaaaaaaaaaaa',
            SYSDATETIMEOFFSET(), 0),
        (2, N'bob', N'bob@example.com', N'Bob', N'$2b$04$bbbbbbbbbbbbbbbbbbbbbb',
            SYSDATETIMEOFFSET(), 0),
        (3, N'carol', N'carol@example.com', N'Carol', N'$2b$04$cccccccccccccccccccccc',
            SYSDATETIMEOFFSET(), 1);

    INSERT INTO booking.bookings (
        booking_id, user_id, performance_id, status, created_at, cancelled_at,
        seat_count, total_cents)
    VALUES
        (1, 1, 200, N'confirmed', SYSDATETIMEOFFSET(), NULL, 2, 6000),
        (2, 1, 301, N'confirmed', DATEADD(DAY, -9, SYSDATETIMEOFFSET()), NULL, 1, 5000),
        (3, 2, 200, N'confirmed', SYSDATETIMEOFFSET(), NULL, 2, 6000),
        (4, 3, 200, N'confirmed', SYSDATETIMEOFFSET(), NULL, 5, 15000);
END;
GO

-- Faked tables have no triggers: this fakes the search index too and fills
-- it from SetUp's catalogue with the procedures the triggers call.
CREATE PROCEDURE discovery_tests.IndexCatalogue
AS
BEGIN
    DECLARE @ShowIds internal.id_list;
    DECLARE @VenueIds internal.id_list;

    EXEC tSQLt.FakeTable @TableName = N'catalog.show_search_words';
    EXEC tSQLt.FakeTable @TableName = N'catalog.venue_search_words';
    EXEC tSQLt.FakeTable @TableName = N'catalog.search_vocabulary';
    EXEC tSQLt.FakeTable @TableName = N'catalog.show_sales';
    EXEC tSQLt.ApplyTrigger
        @TableName = N'catalog.show_search_words',
        @TriggerName = N'tg_show_search_words__count_vocabulary';
    EXEC tSQLt.ApplyTrigger
        @TableName = N'catalog.venue_search_words',
        @TriggerName = N'tg_venue_search_words__count_vocabulary';
    EXEC tSQLt.ApplyTrigger
        @TableName = N'catalog.shows', @TriggerName = N'tg_shows__index_search_words';
    EXEC tSQLt.ApplyTrigger
        @TableName = N'catalog.venues', @TriggerName = N'tg_venues__index_search_words';

    INSERT INTO @ShowIds (id) SELECT s.show_id FROM catalog.shows AS s;
    INSERT INTO @VenueIds (id) SELECT v.venue_id FROM catalog.venues AS v;

    EXEC internal.index_shows @ShowIds = @ShowIds;
    EXEC internal.index_venues @VenueIds = @VenueIds;
END;
GO

CREATE PROCEDURE discovery_tests.[test search ignores accents and finds a typo]
AS
BEGIN
    EXEC discovery_tests.IndexCatalogue;

    CREATE TABLE #Found (
        performance_id bigint, show_id bigint, title nvarchar(200), genre_id bigint,
        genre nvarchar(100), venue_id bigint, venue_name nvarchar(200),
        city nvarchar(200), time_zone nvarchar(64), currency nvarchar(3),
        starts_at datetimeoffset(6), local_starts_at datetime2(6), duration_minutes int,
        capacity int, seats_available int, price_from_cents int, relevance int,
        popularity int, total_count bigint
    );

    INSERT INTO #Found
    EXEC catalog.search_performances
        @Query = N'boheme', @GenreIds = NULL, @VenueId = NULL, @City = NULL,
        @DateFrom = NULL, @DateTo = NULL, @TimeOfDay = NULL, @PriceMinCents = NULL,
        @PriceMaxCents = NULL, @GroupSize = NULL, @Sort = N'relevance', @Page = 1,
        @PageSize = 20;

    INSERT INTO #Found
    EXEC catalog.search_performances
        @Query = N'Hamlte', @GenreIds = NULL, @VenueId = NULL, @City = NULL,
        @DateFrom = NULL, @DateTo = NULL, @TimeOfDay = NULL, @PriceMinCents = NULL,
        @PriceMaxCents = NULL, @GroupSize = NULL, @Sort = N'relevance', @Page = 1,
        @PageSize = 20;

    SELECT performance_id INTO #Actual FROM #Found;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (200), (100);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE discovery_tests.[test a renamed show or venue is found by its new words only]
AS
BEGIN
    EXEC discovery_tests.IndexCatalogue;

    CREATE TABLE #Found (
        performance_id bigint, show_id bigint, title nvarchar(200), genre_id bigint,
        genre nvarchar(100), venue_id bigint, venue_name nvarchar(200),
        city nvarchar(200), time_zone nvarchar(64), currency nvarchar(3),
        starts_at datetimeoffset(6), local_starts_at datetime2(6), duration_minutes int,
        capacity int, seats_available int, price_from_cents int, relevance int,
        popularity int, total_count bigint
    );

    UPDATE catalog.shows SET title = N'Prinz Quixwell' WHERE show_id = 1;
    UPDATE catalog.venues SET name = N'Théâtre Zéphyrine' WHERE venue_id = 2;

    INSERT INTO #Found
    EXEC catalog.search_performances
        @Query = N'quixwell', @GenreIds = NULL, @VenueId = NULL, @City = NULL,
        @DateFrom = NULL, @DateTo = NULL, @TimeOfDay = NULL, @PriceMinCents = NULL,
        @PriceMaxCents = NULL, @GroupSize = NULL, @Sort = N'relevance', @Page = 1,
        @PageSize = 20;

    INSERT INTO #Found
    EXEC catalog.search_performances
        @Query = N'zephyrine', @GenreIds = NULL, @VenueId = NULL, @City = NULL,
        @DateFrom = NULL, @DateTo = NULL, @TimeOfDay = NULL, @PriceMinCents = NULL,
        @PriceMaxCents = NULL, @GroupSize = NULL, @Sort = N'relevance', @Page = 1,
        @PageSize = 20;

    INSERT INTO #Found
    EXEC catalog.search_performances
        @Query = N'other place', @GenreIds = NULL, @VenueId = NULL, @City = NULL,
        @DateFrom = NULL, @DateTo = NULL, @TimeOfDay = NULL, @PriceMinCents = NULL,
        @PriceMaxCents = NULL, @GroupSize = NULL, @Sort = N'relevance', @Page = 1,
        @PageSize = 20;

    SELECT performance_id INTO #Actual FROM #Found;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (100), (200);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE discovery_tests.[test a bad search sort is refused]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50001;

    EXEC catalog.search_performances
        @Query = NULL, @GenreIds = NULL, @VenueId = NULL, @City = NULL,
        @DateFrom = NULL, @DateTo = NULL, @TimeOfDay = NULL, @PriceMinCents = NULL,
        @PriceMaxCents = NULL, @GroupSize = NULL, @Sort = N'cheapest', @Page = 1,
        @PageSize = 20;
END;
GO

CREATE PROCEDURE discovery_tests.[test similar shows are other upcoming shows of the genre by co-booking]
AS
BEGIN
    CREATE TABLE #Similar (
        performance_id bigint, show_id bigint, title nvarchar(200), genre_id bigint,
        genre nvarchar(100), venue_id bigint, venue_name nvarchar(200),
        city nvarchar(200), time_zone nvarchar(64), currency nvarchar(3),
        starts_at datetimeoffset(6), local_starts_at datetime2(6), duration_minutes int,
        co_bookers int, popularity int
    );

    -- The counts come from the triggers, so SetUp's bookings are made again
    -- with them in place.
    SELECT * INTO #Bookings FROM booking.bookings;
    DELETE FROM booking.bookings;

    EXEC tSQLt.FakeTable @TableName = N'booking.user_shows';
    EXEC tSQLt.FakeTable @TableName = N'booking.show_co_bookers';
    EXEC tSQLt.FakeTable @TableName = N'catalog.show_sales';
    EXEC tSQLt.ApplyTrigger
        @TableName = N'booking.bookings',
        @TriggerName = N'tg_bookings__count_similar_shows';
    EXEC tSQLt.ApplyTrigger
        @TableName = N'booking.bookings',
        @TriggerName = N'tg_bookings__count_show_sales';

    INSERT INTO booking.bookings SELECT * FROM #Bookings;

    INSERT INTO #Similar
    EXEC catalog.similar_performances @PerformanceId = 200;

    SELECT performance_id, co_bookers, popularity INTO #Actual FROM #Similar;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (300, 1, 1);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE discovery_tests.[test the leaderboard shares ranks and leaves out opt-outs]
AS
BEGIN
    CREATE TABLE #Board (
        user_rank int, display_name nvarchar(60), bookings int, tickets int,
        is_current_user bit
    );

    -- Nothing stored yet: the first request works the leaderboard out.
    EXEC tSQLt.FakeTable @TableName = N'report.ranking_snapshots';
    EXEC tSQLt.FakeTable @TableName = N'report.ranking_totals';
    EXEC tSQLt.FakeTable @TableName = N'report.ranking_scores';

    INSERT INTO #Board
    EXEC report.list_user_ranking
        @Period = N'all_time', @Metric = N'tickets', @UserId = 2, @Limit = 10;

    SELECT user_rank, display_name, tickets, is_current_user INTO #Actual FROM #Board;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (1, N'Alice', 3, 0), (2, N'Bob', 2, 1);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE discovery_tests.[test patterns by genre match the report view]
AS
BEGIN
    DECLARE @Today date = CONVERT(date, SWITCHOFFSET(SYSDATETIMEOFFSET(), N'+00:00'));
    DECLARE @From date = DATEADD(DAY, -30, @Today);

    CREATE TABLE #Patterns (
        bucket nvarchar(200), bucket_order int, my_bookings int, my_tickets int,
        all_bookings int, all_tickets int
    );

    INSERT INTO #Patterns
    EXEC report.booking_patterns
        @UserId = 1, @Dimension = N'genre', @DateFrom = @From, @DateTo = @Today;

    SELECT bucket, my_tickets, all_tickets INTO #Actual FROM #Patterns;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected
    SELECT g.genre, CASE WHEN g.genre = N'Opera' THEN 2 ELSE 1 END, g.tickets
    FROM report.bookings_by_genre AS g;

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE discovery_tests.[test a password change ends the other sessions only]
AS
BEGIN
    DECLARE @Keep uniqueidentifier = NEWID();

    INSERT INTO account.sessions (session_id, user_id, created_at, expires_at, ended_at)
    VALUES
        (@Keep, 1, SYSDATETIMEOFFSET(), DATEADD(DAY, 1, SYSDATETIMEOFFSET()), NULL),
        (NEWID(), 1, SYSDATETIMEOFFSET(), DATEADD(DAY, 1, SYSDATETIMEOFFSET()), NULL),
        (NEWID(), 2, SYSDATETIMEOFFSET(), DATEADD(DAY, 1, SYSDATETIMEOFFSET()), NULL);

    CREATE TABLE #Ended (sessions_ended int);

    INSERT INTO #Ended
    EXEC account.change_password
        @UserId = 1, @PasswordHash = N'$2b$04$zzzzzzzzzzzzzzzzzzzzzz', @KeepSessionId = @Keep;

    SELECT user_id, CASE WHEN ended_at IS NULL THEN 1 ELSE 0 END AS live
    INTO #Actual
    FROM account.sessions;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (1, 1), (1, 0), (2, 1);

    DECLARE @Ended int = (SELECT sessions_ended FROM #Ended);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
    EXEC tSQLt.AssertEquals @Expected = 1, @Actual = @Ended;
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE discovery_tests.[test another users username in another case is taken]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50002;

    EXEC account.update_profile
        @UserId = 1, @Username = N'BOB', @Email = N'alice@example.com',
        @DisplayName = N'Alice', @RankingOptOut = 0;
END;
GO
