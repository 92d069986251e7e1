-- Says whether a login may be tried now, before its password is checked.
-- Refused logins are counted per login name and per client address over a
-- sliding window; past either limit the attempt is refused without
-- looking at the password, whoever the name belongs to.
-- @Login: the login as typed (compared case-insensitively).
-- @ClientAddress: the client's network address as the API sees it.
-- @WindowSeconds: how far back refused logins count.
-- @MaxPerLogin, @MaxPerClient: refused logins allowed in the window.
-- Returns the refused logins counted so far for the name and the address.
-- Throws validation_failed (50001), too_many_attempts (50040), whose message
-- ends with [details: {"retry_after_seconds": n}].
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.check_login_allowed
    @Login nvarchar(300),
    @ClientAddress nvarchar(100),
    @WindowSeconds int,
    @MaxPerLogin int,
    @MaxPerClient int
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Now datetimeoffset(6) = SYSDATETIMEOFFSET();
    DECLARE @Since datetimeoffset(6);
    DECLARE @LoginKey nvarchar(300) = LOWER(@Login);
    DECLARE @LoginCount int;
    DECLARE @ClientCount int;
    DECLARE @FreeAt datetimeoffset(6);
    DECLARE @ClientFreeAt datetimeoffset(6);
    DECLARE @RetryAfter int;
    DECLARE @Message nvarchar(2048);

    IF @Login IS NULL OR LEN(@Login) NOT BETWEEN 1 AND 254
        OR @ClientAddress IS NULL OR LEN(@ClientAddress) NOT BETWEEN 1 AND 64
        OR @WindowSeconds IS NULL OR @WindowSeconds NOT BETWEEN 1 AND 86400
        OR @MaxPerLogin IS NULL OR @MaxPerLogin < 1
        OR @MaxPerClient IS NULL OR @MaxPerClient < 1
        THROW 50001, N'A login check needs a login, an address, a window and two limits.', 1;

    SET @Since = DATEADD(SECOND, -@WindowSeconds, @Now);

    SELECT @LoginCount = COUNT(*)
    FROM account.login_failures AS f
    WHERE f.login_key = @LoginKey AND f.failed_at > @Since;

    SELECT @ClientCount = COUNT(*)
    FROM account.login_failures AS f
    WHERE f.client_address = @ClientAddress AND f.failed_at > @Since;

    -- Once over a limit, the attempt is allowed again when enough of the
    -- counted failures have left the window to go below it.
    IF @LoginCount >= @MaxPerLogin
        SELECT @FreeAt = f.failed_at
        FROM account.login_failures AS f
        WHERE f.login_key = @LoginKey AND f.failed_at > @Since
        ORDER BY f.failed_at DESC
        OFFSET @MaxPerLogin - 1 ROWS FETCH NEXT 1 ROWS ONLY;

    IF @ClientCount >= @MaxPerClient
    BEGIN
        SELECT @ClientFreeAt = f.failed_at
        FROM account.login_failures AS f
        WHERE f.client_address = @ClientAddress AND f.failed_at > @Since
        ORDER BY f.failed_at DESC
        OFFSET @MaxPerClient - 1 ROWS FETCH NEXT 1 ROWS ONLY;

        IF @FreeAt IS NULL OR @ClientFreeAt > @FreeAt
            SET @FreeAt = @ClientFreeAt;
    END;

    IF @FreeAt IS NOT NULL
    BEGIN
        SET @RetryAfter = DATEDIFF(SECOND, @Now, DATEADD(SECOND, @WindowSeconds, @FreeAt)) + 1;
        IF @RetryAfter < 1
            SET @RetryAfter = 1;

        SET @Message = CONCAT(
            N'Too many failed logins; please wait before trying again. ',
            N'[details: {"retry_after_seconds": ', @RetryAfter, N'}]');

        THROW 50040, @Message, 1;
    END;

    SELECT @LoginCount AS login_failures, @ClientCount AS client_failures;
END;
GO

DECLARE @Description sql_variant =
    N'Refuses a login attempt with too_many_attempts once its name or address '
    + N'has failed too often.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'check_login_allowed',
        NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'check_login_allowed';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'check_login_allowed';
GO
