-- tSQLt tests of the brute-force counters (account.check_login_allowed,
-- account.record_login_failure) and of booking.book_seats_idempotent.
-- SetUp fakes the counters' and keys' tables and one user, ana; the
-- idempotency tests spy on booking.book_seats, so they test the wrapper
-- alone.
EXEC tSQLt.NewTestClass N'security_tests';
GO

CREATE PROCEDURE security_tests.SetUp
AS
BEGIN
    EXEC tSQLt.FakeTable @TableName = N'account.login_failures', @Identity = 1, @Defaults = 1;
    EXEC tSQLt.FakeTable @TableName = N'booking.idempotency_keys', @Defaults = 1;
    EXEC tSQLt.FakeTable @TableName = N'booking.bookings', @Identity = 1, @Defaults = 1;
    EXEC tSQLt.FakeTable @TableName = N'account.users', @Identity = 1, @Defaults = 1;

    INSERT INTO account.users (username, email, display_name, password_hash)
    VALUES (N'ana', N'ana@example.com', N'Ana', N'$2b$04$not-a-real-hash-but-long-enough');
END;
GO

CREATE PROCEDURE security_tests.[test refused logins are counted per name whatever its case]
AS
BEGIN
    CREATE TABLE #Actual (login_failures int, client_failures int);

    EXEC account.record_login_failure
        @Login = N'Ana', @ClientAddress = N'10.0.0.1', @WindowSeconds = 900;

    INSERT INTO #Actual
    EXEC account.record_login_failure
        @Login = N'ANA', @ClientAddress = N'10.0.0.2', @WindowSeconds = 900;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (2, 1);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE security_tests.[test a name at its limit is refused with 50040 and a retry delay]
AS
BEGIN
    INSERT INTO account.login_failures (login_key, client_address)
    VALUES (N'ana', N'10.0.0.1'), (N'ana', N'10.0.0.2'), (N'ana', N'10.0.0.3');

    EXEC tSQLt.ExpectException
        @ExpectedErrorNumber = 50040,
        @ExpectedMessagePattern = N'%"retry_after_seconds": %';

    EXEC account.check_login_allowed
        @Login = N'ana', @ClientAddress = N'10.9.9.9', @WindowSeconds = 900,
        @MaxPerLogin = 3, @MaxPerClient = 50;
END;
GO

CREATE PROCEDURE security_tests.[test failures older than the window do not count]
AS
BEGIN
    CREATE TABLE #Actual (login_failures int, client_failures int);

    INSERT INTO account.login_failures (login_key, client_address, failed_at)
    VALUES
        (N'ana', N'10.0.0.1', DATEADD(HOUR, -1, SYSDATETIMEOFFSET())),
        (N'ana', N'10.0.0.1', DATEADD(HOUR, -1, SYSDATETIMEOFFSET())),
        (N'ana', N'10.0.0.1', DATEADD(HOUR, -1, SYSDATETIMEOFFSET()));

    INSERT INTO #Actual
    EXEC account.check_login_allowed
        @Login = N'ana', @ClientAddress = N'10.0.0.1', @WindowSeconds = 900,
        @MaxPerLogin = 3, @MaxPerClient = 50;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected VALUES (0, 0);

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE security_tests.[test a first attempt books once and records its key]
AS
BEGIN
    DECLARE @UserId bigint = (SELECT u.user_id FROM account.users AS u);

    -- The spy stands for the booking book_seats would make.
    EXEC tSQLt.SpyProcedure
        @ProcedureName = N'booking.book_seats',
        @CommandToExecute = N'INSERT INTO booking.bookings (user_id, performance_id, seat_count, total_cents) VALUES (@UserId, @PerformanceId, 2, 8000);';

    EXEC booking.book_seats_idempotent
        @UserId = @UserId, @PerformanceId = 42, @SeatIds = N'[1, 2]',
        @IdempotencyKey = N'attempt-1',
        @RequestHash = N'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

    SELECT k.idempotency_key, k.booking_id
    INTO #Actual
    FROM booking.idempotency_keys AS k;

    SELECT TOP (0) * INTO #Expected FROM #Actual;
    INSERT INTO #Expected
    SELECT 'attempt-1', b.booking_id FROM booking.bookings AS b;

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Actual';
END;
GO

CREATE PROCEDURE security_tests.[test a retry with the same key books nothing more]
AS
BEGIN
    DECLARE @UserId bigint = (SELECT u.user_id FROM account.users AS u);
    DECLARE @Calls int;

    EXEC tSQLt.SpyProcedure @ProcedureName = N'booking.book_seats';

    INSERT INTO booking.idempotency_keys (user_id, idempotency_key, request_hash, booking_id)
    VALUES (
        @UserId, 'attempt-1',
        'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 7);

    EXEC booking.book_seats_idempotent
        @UserId = @UserId, @PerformanceId = 42, @SeatIds = N'[1, 2]',
        @IdempotencyKey = N'attempt-1',
        @RequestHash = N'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

    SET @Calls = (SELECT COUNT(*) FROM booking.book_seats_SpyProcedureLog);

    EXEC tSQLt.AssertEquals @Expected = 0, @Actual = @Calls;
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE security_tests.[test a key reused for another request is refused with 50041]
AS
BEGIN
    DECLARE @UserId bigint = (SELECT u.user_id FROM account.users AS u);

    EXEC tSQLt.SpyProcedure @ProcedureName = N'booking.book_seats';

    INSERT INTO booking.idempotency_keys (user_id, idempotency_key, request_hash, booking_id)
    VALUES (
        @UserId, 'attempt-1',
        'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 7);

    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50041;

    EXEC booking.book_seats_idempotent
        @UserId = @UserId, @PerformanceId = 42, @SeatIds = N'[3]',
        @IdempotencyKey = N'attempt-1',
        @RequestHash = N'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE security_tests.[test a key with a space is refused with 50001]
AS
BEGIN
    DECLARE @UserId bigint = (SELECT u.user_id FROM account.users AS u);

    EXEC tSQLt.ExpectException
        @ExpectedErrorNumber = 50001,
        @ExpectedMessagePattern = N'%"idempotency_key"%';

    EXEC booking.book_seats_idempotent
        @UserId = @UserId, @PerformanceId = 42, @SeatIds = N'[1]',
        @IdempotencyKey = N'two words',
        @RequestHash = N'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
END;
GO

CREATE PROCEDURE security_tests.[test the database does not force delayed durability]
AS
BEGIN
    DECLARE @DelayedDurability int = (
        SELECT d.delayed_durability FROM sys.databases AS d WHERE d.name = DB_NAME()
    );

    -- 0 is DISABLED; FORCED (2) would let an acknowledged booking be lost.
    EXEC tSQLt.AssertEquals @Expected = 0, @Actual = @DelayedDurability;
END;
GO
