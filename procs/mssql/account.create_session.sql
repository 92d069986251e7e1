-- Opens a session for a user who has just proved who they are.
-- @LifetimeSeconds: how long the session lasts without a new login.
-- Throws validation_failed (50001), user_not_found (50012).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.create_session
    @UserId bigint,
    @LifetimeSeconds int
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Created TABLE (
        session_id uniqueidentifier NOT NULL,
        expires_at datetimeoffset(6) NOT NULL
    );

    IF @LifetimeSeconds IS NULL OR @LifetimeSeconds NOT BETWEEN 60 AND 31536000
        THROW 50001, N'A session lasts between one minute and one year.', 1;

    IF NOT EXISTS (SELECT 1 FROM account.users AS u WHERE u.user_id = @UserId)
        THROW 50012, N'No such user.', 1;

    BEGIN TRY
        INSERT INTO account.sessions (user_id, expires_at)
        OUTPUT inserted.session_id, inserted.expires_at INTO @Created (session_id, expires_at)
        VALUES (@UserId, DATEADD(SECOND, @LifetimeSeconds, SYSDATETIMEOFFSET()));
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

    SELECT c.session_id, c.expires_at
    FROM @Created AS c;
END;
GO

DECLARE @Description sql_variant =
    N'Opens a server-side session and returns its id, which the session cookie carries.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'create_session', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'create_session';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'create_session';
GO
