-- Counts one refused login against its login name and client address, and
-- forgets refused logins that have left the window.
-- @Login: the login as typed (stored lower-cased).
-- @ClientAddress: the client's network address as the API sees it.
-- @WindowSeconds: how far back refused logins count.
-- Returns the refused logins now counted for the name and the address.
-- Throws validation_failed (50001).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.record_login_failure
    @Login nvarchar(300),
    @ClientAddress nvarchar(100),
    @WindowSeconds int
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Since datetimeoffset(6);
    DECLARE @LoginKey nvarchar(300) = LOWER(@Login);

    IF @Login IS NULL OR LEN(@Login) NOT BETWEEN 1 AND 254
        OR @ClientAddress IS NULL OR LEN(@ClientAddress) NOT BETWEEN 1 AND 64
        OR @WindowSeconds IS NULL OR @WindowSeconds NOT BETWEEN 1 AND 86400
        THROW 50001, N'A refused login needs a login, an address and a window.', 1;

    SET @Since = DATEADD(SECOND, -@WindowSeconds, SYSDATETIMEOFFSET());

    BEGIN TRY
        BEGIN TRANSACTION;

        DELETE f
        FROM account.login_failures AS f
        WHERE (f.login_key = @LoginKey OR f.client_address = @ClientAddress)
          AND f.failed_at <= @Since;

        INSERT INTO account.login_failures (login_key, client_address)
        VALUES (@LoginKey, @ClientAddress);

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

    SELECT
        (SELECT COUNT(*) FROM account.login_failures AS f
         WHERE f.login_key = @LoginKey AND f.failed_at > @Since) AS login_failures,
        (SELECT COUNT(*) FROM account.login_failures AS f
         WHERE f.client_address = @ClientAddress AND f.failed_at > @Since) AS client_failures;
END;
GO

DECLARE @Description sql_variant =
    N'Counts a refused login against its name and address for the brute-force limits.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'record_login_failure',
        NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'record_login_failure';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'record_login_failure';
GO
