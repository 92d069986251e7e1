-- Ends a session, so its cookie is refused from now on.
-- Returns whether a live session was ended.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.end_session
    @SessionId uniqueidentifier
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Ended int;

    BEGIN TRY
        UPDATE s
        SET s.ended_at = SYSDATETIMEOFFSET()
        FROM account.sessions AS s
        WHERE s.session_id = @SessionId
          AND s.ended_at IS NULL;

        SET @Ended = @@ROWCOUNT;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

    SELECT CONVERT(bit, CASE WHEN @Ended > 0 THEN 1 ELSE 0 END) AS ended;
END;
GO

DECLARE @Description sql_variant =
    N'Ends a session (logout); a replayed cookie for it is refused afterwards.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'end_session', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'end_session';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'end_session';
GO
