-- tSQLt tests of account.register_user and account.get_user_for_login.
-- SetUp fakes account.users (keeping its collations, so comparisons stay
-- case-insensitive) with one account: ana, ana@example.com.
EXEC tSQLt.NewTestClass N'account_tests';
GO

CREATE PROCEDURE account_tests.SetUp
AS
BEGIN
    EXEC tSQLt.FakeTable @TableName = N'account.users', @Identity = 1, @Defaults = 1;

    INSERT INTO account.users (username, email, display_name, password_hash)
    VALUES (N'ana', N'ana@example.com', N'Ana', N'$2b$04$not-a-real-hash-but-long-enough');
END;
GO

CREATE PROCEDURE account_tests.[test registering returns the new account without its hash]
AS
BEGIN
    CREATE TABLE #Actual (
        user_id bigint,
        username nvarchar(30),
        email nvarchar(254),
        display_name nvarchar(60),
        created_at datetimeoffset(6)
    );

    INSERT INTO #Actual
    EXEC account.register_user
        @Username = N'dora',
        @Email = N'dora@example.com',
        @DisplayName = N'  Dora  ',
        @PasswordHash = N'$2b$04$not-a-real-hash-but-long-enough';

    SELECT a.username, a.email, a.display_name
    INTO #Shown
    FROM #Actual AS a;

    SELECT TOP (0) * INTO #Expected FROM #Shown;
    INSERT INTO #Expected VALUES (N'dora', N'dora@example.com', N'Dora');

    EXEC tSQLt.AssertEqualsTable @Expected = N'#Expected', @Actual = N'#Shown';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE account_tests.[test a username taken in another case is refused with 50002]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50002;

    EXEC account.register_user
        @Username = N'ANA',
        @Email = N'someone@example.com',
        @DisplayName = N'Someone',
        @PasswordHash = N'$2b$04$not-a-real-hash-but-long-enough';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE account_tests.[test an email taken in another case is refused with 50003]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50003;

    EXEC account.register_user
        @Username = N'newbie',
        @Email = N'Ana@Example.COM',
        @DisplayName = N'Newbie',
        @PasswordHash = N'$2b$04$not-a-real-hash-but-long-enough';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE account_tests.[test a username with a space is refused with 50001]
AS
BEGIN
    EXEC tSQLt.ExpectException
        @ExpectedErrorNumber = 50001,
        @ExpectedMessagePattern = N'%"username"%';

    EXEC account.register_user
        @Username = N'has space',
        @Email = N'space@example.com',
        @DisplayName = N'Space',
        @PasswordHash = N'$2b$04$not-a-real-hash-but-long-enough';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE account_tests.[test a username with an accented letter is refused with 50001]
AS
BEGIN
    EXEC tSQLt.ExpectException @ExpectedErrorNumber = 50001;

    EXEC account.register_user
        @Username = N'josé',
        @Email = N'jose@example.com',
        @DisplayName = N'José',
        @PasswordHash = N'$2b$04$not-a-real-hash-but-long-enough';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE account_tests.[test an email with two at signs is refused with 50001]
AS
BEGIN
    EXEC tSQLt.ExpectException
        @ExpectedErrorNumber = 50001,
        @ExpectedMessagePattern = N'%"email"%';

    EXEC account.register_user
        @Username = N'twoats',
        @Email = N'two@@example.com',
        @DisplayName = N'Two',
        @PasswordHash = N'$2b$04$not-a-real-hash-but-long-enough';
END;
GO

--[@tSQLt:NoTransaction](DEFAULT)
CREATE PROCEDURE account_tests.[test a blank display name is refused with 50001]
AS
BEGIN
    EXEC tSQLt.ExpectException
        @ExpectedErrorNumber = 50001,
        @ExpectedMessagePattern = N'%"display_name"%';

    EXEC account.register_user
        @Username = N'blank',
        @Email = N'blank@example.com',
        @DisplayName = N'   ',
        @PasswordHash = N'$2b$04$not-a-real-hash-but-long-enough';
END;
GO

CREATE PROCEDURE account_tests.[test login finds the account by email in any case]
AS
BEGIN
    CREATE TABLE #Actual (
        user_id bigint,
        username nvarchar(30),
        email nvarchar(254),
        display_name nvarchar(60),
        created_at datetimeoffset(6),
        password_hash nvarchar(255)
    );

    INSERT INTO #Actual
    EXEC account.get_user_for_login @Login = N'ANA@example.COM';

    DECLARE @Found nvarchar(30) = (SELECT a.username FROM #Actual AS a);
    EXEC tSQLt.AssertEqualsString @Expected = N'ana', @Actual = @Found;
END;
GO
