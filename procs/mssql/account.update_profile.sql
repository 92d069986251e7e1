-- Changes a user's username, email, display name and ranking opt-out.
-- The caller normalises username and email (Unicode NFKC); the columns'
-- case-insensitive collations keep them unique whatever their case.
-- Throws validation_failed (50001), username_taken (50002),
-- email_taken (50003), user_not_found (50012).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.update_profile
    @UserId bigint,
    @Username nvarchar(100),
    @Email nvarchar(300),
    @DisplayName nvarchar(200),
    @RankingOptOut bit
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @Username IS NULL
        OR LEN(@Username) NOT BETWEEN 3 AND 30
        OR DATALENGTH(@Username) <> 2 * LEN(@Username)
        OR @Username COLLATE Latin1_General_100_BIN2 LIKE N'%[^A-Za-z0-9._-]%'
        THROW 50001, N'A username has 3 to 30 letters, digits, dots, dashes or underscores. [details: {"fields": {"username": "invalid"}}]', 1;

    IF @Email IS NULL
        OR LEN(@Email) > 254
        OR @Email NOT LIKE N'_%@_%'
        OR @Email LIKE N'%@%@%'
        OR @Email LIKE N'%[' + NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) + N' ]%'
        THROW 50001, N'An email address has one @ and at most 254 characters. [details: {"fields": {"email": "invalid"}}]', 1;

    IF @DisplayName IS NULL OR LEN(TRIM(@DisplayName)) NOT BETWEEN 1 AND 60
        THROW 50001, N'A display name has 1 to 60 characters. [details: {"fields": {"display_name": "invalid"}}]', 1;

    IF @RankingOptOut IS NULL
        THROW 50001, N'ranking_opt_out must be true or false. [details: {"fields": {"ranking_opt_out": "invalid"}}]', 1;

    BEGIN TRY
        BEGIN TRANSACTION;

        IF NOT EXISTS (
            SELECT 1
            FROM account.users AS u WITH (UPDLOCK, HOLDLOCK)
            WHERE u.user_id = @UserId
        )
            THROW 50012, N'No such user.', 1;

        IF EXISTS (
            SELECT 1
            FROM account.users AS u WITH (UPDLOCK, HOLDLOCK)
            WHERE u.username = @Username
              AND u.user_id <> @UserId
        )
            THROW 50002, N'That username is already taken.', 1;

        IF EXISTS (
            SELECT 1
            FROM account.users AS u WITH (UPDLOCK, HOLDLOCK)
            WHERE u.email = @Email
              AND u.user_id <> @UserId
        )
            THROW 50003, N'An account with that email already exists.', 1;

        UPDATE u
        SET u.username = @Username,
            u.email = @Email,
            u.display_name = TRIM(@DisplayName),
            u.ranking_opt_out = @RankingOptOut
        FROM account.users AS u
        WHERE u.user_id = @UserId;

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

    SELECT
        u.user_id,
        u.username,
        u.email,
        u.display_name,
        u.created_at,
        u.ranking_opt_out
    FROM account.users AS u
    WHERE u.user_id = @UserId;
END;
GO

DECLARE @Description sql_variant =
    N'Changes a user''s username, email, display name and ranking opt-out.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'update_profile', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'update_profile';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'update_profile';
GO
