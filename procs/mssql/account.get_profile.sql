-- A user's profile, with the password hash the API checks before a
-- password change. Never send the hash to a client.
-- Throws user_not_found (50012) for an unknown user.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.get_profile
    @UserId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM account.users AS u WHERE u.user_id = @UserId)
        THROW 50012, N'No such user.', 1;

    SELECT
        u.user_id,
        u.username,
        u.email,
        u.display_name,
        u.created_at,
        u.ranking_opt_out,
        u.password_hash
    FROM account.users AS u
    WHERE u.user_id = @UserId;
END;
GO

DECLARE @Description sql_variant =
    N'A user''s profile and password hash (for checking the current password).';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'get_profile', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'get_profile';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'get_profile';
GO
