-- Finds the account a login name (username or email, any case) belongs to,
-- with its password hash, so the caller can check the password.
-- Returns no row when there is no such account.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.get_user_for_login
    @Login nvarchar(400)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    -- A username never holds an @ and an email always does, so at most one
    -- account matches; the order only makes the answer deterministic.
    SELECT TOP (1)
        u.user_id, u.username, u.email, u.display_name, u.created_at, u.password_hash
    FROM account.users AS u
    WHERE u.username = @Login
       OR u.email = @Login
    ORDER BY u.user_id;
END;
GO

DECLARE @Description sql_variant =
    N'The account and password hash for a username or email, for checking a login.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'get_user_for_login', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'get_user_for_login';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'get_user_for_login';
GO
