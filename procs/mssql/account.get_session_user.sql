-- The user behind a live session: not ended and not expired.
-- Returns no row for an unknown, ended or expired session.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.get_session_user
    @SessionId uniqueidentifier
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    SELECT u.user_id, u.username, u.email, u.display_name, u.created_at
    FROM account.sessions AS s
    JOIN account.users AS u ON u.user_id = s.user_id
    WHERE s.session_id = @SessionId
      AND s.ended_at IS NULL
      AND s.expires_at > SYSDATETIMEOFFSET();
END;
GO

DECLARE @Description sql_variant =
    N'The user of a live session, or nothing when the session is unknown, ended or expired.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'get_session_user', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'get_session_user';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'get_session_user';
GO
