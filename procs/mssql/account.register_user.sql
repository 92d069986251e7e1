-- Creates an account and returns it.
-- @Username, @Email: compared without regard to case (the columns'
-- collations decide). @PasswordHash: a bcrypt hash made by the caller; never
-- a password. Parameters are wider than the columns so that an over-long
-- value is refused rather than silently cut.
-- Throws validation_failed (50001), username_taken (50002), email_taken (50003).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE account.register_user
    @Username nvarchar(100),
    @Email nvarchar(400),
    @DisplayName nvarchar(400),
    @PasswordHash nvarchar(400)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Whitespace nvarchar(20) =
        N'%[' + NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) + N' ]%';
    DECLARE @Created TABLE (user_id bigint NOT NULL);

    IF @Username IS NULL
        OR LEN(@Username) NOT BETWEEN 3 AND 30
        OR @Username COLLATE Latin1_General_100_BIN2 LIKE N'%[^A-Za-z0-9._-]%'
        THROW 50001, N'A username has 3 to 30 letters, digits, dots, dashes or underscores. [details: {"fields": {"username": "invalid"}}]', 1;

    IF @Email IS NULL
        OR LEN(@Email) > 254
        OR @Email NOT LIKE N'_%@_%'
        OR @Email LIKE N'%@%@%'
        OR @Email LIKE @Whitespace
        THROW 50001, N'An email address has one @ and at most 254 characters. [details: {"fields": {"email": "invalid"}}]', 1;

    IF @DisplayName IS NULL OR LEN(TRIM(@DisplayName)) NOT BETWEEN 1 AND 60
        THROW 50001, N'A display name has 1 to 60 characters. [details: {"fields": {"display_name": "invalid"}}]', 1;

    IF EXISTS (SELECT 1 FROM account.users AS u WHERE u.username = @Username)
        THROW 50002, N'That username is already taken.', 1;

    IF EXISTS (SELECT 1 FROM account.users AS u WHERE u.email = @Email)
        THROW 50003, N'An account with that email already exists.', 1;

    BEGIN TRY
        INSERT INTO account.users (username, email, display_name, password_hash)
        OUTPUT inserted.user_id INTO @Created (user_id)
        VALUES (@Username, @Email, TRIM(@DisplayName), @PasswordHash);
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;

        -- Two registrations raced past the checks above; the index decided.
        IF ERROR_NUMBER() IN (2601, 2627) AND ERROR_MESSAGE() LIKE N'%users_email_key%'
            THROW 50003, N'An account with that email already exists.', 1;

        IF ERROR_NUMBER() IN (2601, 2627)
            THROW 50002, N'That username is already taken.', 1;

        THROW;
    END CATCH;

    SELECT u.user_id, u.username, u.email, u.display_name, u.created_at
    FROM account.users AS u
    JOIN @Created AS c ON c.user_id = u.user_id;
END;
GO

DECLARE @Description sql_variant =
    N'Creates an account from a username, email, display name and bcrypt hash.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'account', N'PROCEDURE', N'register_user', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'register_user';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'account',
        @level1type = N'PROCEDURE', @level1name = N'register_user';
GO
