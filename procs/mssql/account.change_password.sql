-- Stores a new password hash and ends every live session of the user but
-- @KeepSessionId (the one that asked), so a stolen session stops working.
-- @PasswordHash: a bcrypt hash made by the caller after checking the
-- current password; never a password.
-- Returns how many sessions were ended.
-- Throws validation_failed (50001), user_not_found (50012).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.change_password
    @UserId bigint,
    @PasswordHash nvarchar(300),
    @KeepSessionId uniqueidentifier
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Ended int;

    IF @PasswordHash IS NULL OR LEN(@PasswordHash) NOT BETWEEN 20 AND 255
        THROW 50001, N'A password hash is required. [details: {"fields": {"password": "invalid"}}]', 1;

    BEGIN TRY
        BEGIN TRANSACTION;

        UPDATE u
        SET u.password_hash = @PasswordHash
        FROM account.users AS u
        WHERE u.user_id = @UserId;

        IF @@ROWCOUNT = 0
            THROW 50012, N'No such user.', 1;

        UPDATE s
        SET s.ended_at = SYSDATETIMEOFFSET()
        FROM account.sessions AS s
        WHERE s.user_id = @UserId
          AND s.ended_at IS NULL
          AND (@KeepSessionId IS NULL OR s.session_id <> @KeepSessionId);

        SET @Ended = @@ROWCOUNT;

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

    SELECT @Ended AS sessions_ended;
END;
GO

DECLARE @Description sql_variant =
    N'Sets a new password hash and ends all the user''s other sessions.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'change_password', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'change_password';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'change_password';
GO
